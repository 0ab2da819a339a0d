"""The HTTP API: the app factory, its lifespan, and the one translation of every error to JSON.

`create_app(settings, engine=None, store=None)` builds nothing at import; the lifespan opens the store
and builds this worker's engine (unless given one). Every error — ours, validation, routing, or an
unexpected fault — leaves as {"error": {status, code, message, field}}, never with a stack trace.
"""

from __future__ import annotations

import ctypes
import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import RateLimitedError, RorError
from ..settings import Settings
from ..store import Store
from . import compression
from .ratelimit import RateLimiter, table_path
from .routes import json_response
from .wire import ErreurOut, erreur

if TYPE_CHECKING:
    from datetime import datetime

    from ..engine import Engine

log = logging.getLogger("ror_orientation.api")


def error_body(status: int, code: str, message: str, field: str | None = None) -> ErreurOut:
    return erreur(status, code, message, field)


def _error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    return json_response(error_body(status, code, message, field), status=status, headers=headers)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    """('body', 'capacites', 0, 'statut') → 'capacites[0].statut'; ('query', 'lat') → 'lat'."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out or ("body" if loc and loc[0] == "body" else None)


async def _on_ror_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RorError)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimitedError) else None
    return _error_response(exc.status, exc.code, exc.message, exc.field, headers)


async def _on_validation_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid input", "type": ""}
    field = _field_of(tuple(first.get("loc", ())))
    if first.get("type") == "json_invalid":
        message = "malformed JSON body"
        field = "body"
    else:
        msg = str(first.get("msg", "invalid input")).removeprefix("Value error, ")
        message = f"{field}: {msg}" if field else msg
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more error(s))"
    return _error_response(400, "validation_error", message, field)


async def _on_http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = HTTP_CODES.get(status, "validation_error" if status == 400 else "http_error")
    message = {404: "no such route", 405: "method not allowed on this route"}.get(
        status, str(exc.detail)
    )
    field = None
    if status == 400 and "body" in str(exc.detail).lower():  # e.g. JSON nested past the parser
        code, message, field = "validation_error", "malformed JSON body", "body"
    return _error_response(status, code, message, field, dict(exc.headers or {}) or None)


HTTP_CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
              414: "uri_too_long", 415: "unsupported_media_type", 429: "rate_limited"}


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


def content_security_policy(tile_url: str | None) -> str:
    """Everything from this server only; a configured tile server is the one image origin added."""
    img = "'self' data: blob:"
    if tile_url and "://" in tile_url:
        scheme, _, rest = tile_url.partition("://")
        img += f" {scheme}://{rest.split('/', 1)[0].replace('{s}', '*')}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


class GuardMiddleware:
    """Outermost guard: refuses oversized bodies (413, announced or chunked) and URLs (414), answers
    OPTIONS and HEAD itself (HEAD is GET without its body; Allow lists every method of the path),
    adds the security headers, and turns any unexpected fault into a JSON 500 whose message says
    nothing of the code (the traceback goes to the server log only)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, max_url_bytes: int = 16_384,
                 routes: Callable[[], list[Any]] = list, csp: str = "default-src 'self'") -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_url_bytes = max_url_bytes
        self.routes = routes
        self.headers = [*SECURITY_HEADERS, (b"content-security-policy", csp.encode())]

    def allowed(self, scope: Scope) -> list[str]:
        """Methods of every route matching the path (several routes may share one path)."""
        methods = [m for m in ("GET", "POST", "PUT", "PATCH", "DELETE")
                   if any(route.matches({**scope, "method": m})[0] == Match.FULL
                          for route in self.routes())]
        if not methods:
            return []
        if "GET" in methods:
            methods.append("HEAD")
        return sorted({*methods, "OPTIONS"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        head = scope.get("method") == "HEAD"
        path = scope.get("path", "")

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"
                           or message["status"] != 405]
                if message["status"] == 405:
                    headers.append((b"allow", ", ".join(self.allowed(scope)).encode()))
                message = {**message, "headers": headers + self.headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            url_size = len(scope.get("raw_path") or path.encode()) + len(scope.get("query_string", b""))
            if url_size > self.max_url_bytes:
                await _error_response(414, "uri_too_long",
                                      f"URL longer than {self.max_url_bytes} bytes", "url")(
                    scope, receive, send_guarded)
                return
            if scope.get("method") == "OPTIONS":
                allowed = self.allowed(scope)
                if not allowed:
                    resp = _error_response(404, "not_found", "no such route")
                else:
                    resp = Response(status_code=204, headers={"Allow": ", ".join(allowed)})
                await resp(scope, receive, send_guarded)
                return
            if head:
                scope = {**scope, "method": "GET"}
            limited = await self._limited(scope, receive, send_guarded)
            if limited is None:
                return
            await self.app(scope, limited, send_guarded)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                resp = _error_response(500, "internal", "internal error: the fault has been logged")
                await resp(scope, receive, send_guarded)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """The request's receive, or None once a 413 is sent. A body without Content-Length is
        read as it comes and refused as soon as it passes the limit (never buffered beyond it)."""
        length = dict(scope.get("headers") or []).get(b"content-length")

        def too_big() -> Response:  # made only when sent: an error model per request cost ~40 µs
            return _error_response(
                413, "payload_too_large", f"body larger than {self.max_body_bytes} bytes", "body"
            )

        if length is not None:
            if not length.isdigit() or int(length) > self.max_body_bytes:
                await too_big()(scope, receive, send)
                return None
            return receive
        # no length announced (chunked, any method): buffer up to the limit, then replay
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return receive
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body_bytes:
                await too_big()(scope, receive, send)
                return None
            chunks.append(body)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        return replay


class RechercheDirecte:
    """`GET /api/v1/recherche`, the busiest route, answered by its handler without Starlette's
    routing, FastAPI's request handling and exception middleware (profiled: ~0.3 ms per request
    on a loaded machine), nor the compression middleware: its answer is compressed with the same
    policy on the search thread (`compression.compresser`), off the event loop. Inside the guard
    like every route, with the same handler (caller, rate limit, criteria), and its errors
    answered by the same handlers as the app's; the route stays declared for the OpenAPI
    document."""

    PATH = "/api/v1/recherche"

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.PATH or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        from .routes.recherche import recherche_get_compressee

        request = Request(scope, receive)
        gzip = compression.accepte_gzip(scope)
        try:
            response = await recherche_get_compressee(request, gzip)
        except RorError as exc:
            response = compression.compresser(await _on_ror_error(request, exc), gzip)
        except RequestValidationError as exc:
            response = compression.compresser(await _on_validation_error(request, exc), gzip)
        await response(scope, receive, send)


def _trim_heap() -> None:
    """Give the system back the heap that opening freed: glibc keeps what the image's unpickling,
    the first located search and the import-time temporaries released (~7 MiB of each worker's
    private memory at national scale, measured), though nothing will use it before requests do."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: its allocator decides
        return
    libc.malloc_trim(0)


def create_app(
    settings: Settings | None = None, engine: Engine | None = None, store: Store | None = None,
    *, worker: bool = False,
) -> FastAPI:
    """The API application. `engine` and `store` let tests and benchmarks pass their own;
    `worker`: the application is the whole life of a serve worker process."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from ..service import Service

        app.state.service = Service.open(settings, store=store, engine=engine)
        if worker:
            # What a worker opened (offer image objects, indexes, caches) lives as long as the
            # process: out of the cyclic collector's sight, a full collection no longer walks it
            # in the middle of a search (~150 ms at national scale, the capacity-visibility p99)
            # and does not write to its shared pages.
            gc.collect()
            gc.freeze()
            _trim_heap()
        try:
            yield
        finally:
            if store is None:
                app.state.service.store.close()

    app = FastAPI(
        title="ror-orientation",
        version=__version__,
        lifespan=lifespan,
        description="Multicriteria search over the French healthcare offer (ROR). See docs/api.md.",
        # FastAPI's OpenTelemetry hooks: the project configures no provider, so they never record,
        # yet asked the global providers on every request whether to (~8 µs each, profiled)
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.ratelimit = RateLimiter(settings.rate_limit_per_minute,
                                      path=table_path(settings.db))
    app.add_exception_handler(RorError, _on_ror_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_middleware(GZipMiddleware, minimum_size=compression.MINIMUM_SIZE,
                       compresslevel=compression.LEVEL)
    app.add_middleware(RechercheDirecte)
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes,
                       routes=lambda: app.router.routes,
                       csp=content_security_policy(settings.tile_url))

    from .routes import (
        applications,
        capacites,
        edition,
        extractions,
        fhir,
        graphe,
        health,
        libelles,
        nomenclatures,
        pages,
        peuplement,
        recherche,
        unites,
    )

    for module in (health, recherche, unites, nomenclatures, capacites, extractions, applications,
                   peuplement, edition, pages, graphe, libelles, fhir):
        app.include_router(module.router)
    app.include_router(edition.papier)
    _code_lists_in_openapi(app)
    return app


def _code_lists_in_openapi(app: FastAPI) -> None:
    """The generated document, with the closed code lists as enums (web/listes.py)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from ..nomenclatures import default_nomenclatures
            from .listes import with_code_lists

            app.openapi_schema = with_code_lists(generate(), default_nomenclatures())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def app_from_env() -> FastAPI:
    """The uvicorn factory of each worker process: settings from the ROR_ environment."""
    return create_app(Settings(), worker=True)


def ensure_data(settings: Settings, scale: str = "demo") -> dict[str, int] | None:
    """Generate and import the `scale` offer once, when the store is empty; None when it was not."""
    from datetime import UTC, datetime

    store = Store(settings.db)
    try:
        if not store.is_empty():
            _raviver_demo(store, datetime.now(UTC))
            return None
        from ..generateur import generate

        offre = generate(scale, settings.seed, reference=datetime.now(UTC))
        store.import_offre(offre, source=f"generate:{scale}:{settings.seed}")
        return offre.counts()
    finally:
        store.close()


def _raviver_demo(store: Store, now: datetime) -> int:
    """A generated demo served again days later: its bed figures are aged from now again (a store
    holding any real unit is never touched). A capacity write, not a structure one: the offer
    image compiled for the store stays valid (each worker moves its figures by the change feed).
    Returns the seconds the figures moved (0: not re-dated)."""
    from ..generateur.capacites import a_raviver

    datation = store.datation()  # no unit decoded unless there is something to re-date
    if not a_raviver(datation.tous_generes, datation.plus_recente, now):
        return 0
    assert datation.plus_recente is not None
    delta = now - datation.plus_recente
    store.decaler_capacites(delta)
    return int(delta.total_seconds())


def precharger(settings: Settings) -> bool:
    """Load, in the serve process, what its forked workers will share (`superviseur.py`): the
    modules a worker imports to serve (the routes, uvicorn's protocol and loop), the reference
    tables and the store's offer image; then collect once and freeze it all, so no collection in
    a worker writes to those pages. Whether an offer image was read."""
    import importlib
    import pkgutil
    import threading

    import uvicorn.lifespan.on
    import uvicorn.loops.uvloop  # noqa: F401

    from .. import service
    from . import protocole, routes  # noqa: F401

    for module in pkgutil.iter_modules(routes.__path__):
        importlib.import_module(f"{routes.__name__}.{module.name}")
    lue = service.precharger_image(settings)
    gc.collect()
    gc.freeze()
    _trim_heap()
    if threading.active_count() > 1:  # a thread does not cross a fork: its locks may be held
        logging.getLogger("uvicorn.error").warning(  # where the serve process's own lines go
            "serve: %d threads before forking the workers", threading.active_count())
    return lue


def run(settings: Settings, *, access_log: bool = False) -> int:
    """Serve with uvicorn (uvloop + httptools: measured +70 % throughput over the defaults); the
    exit code. Several workers are forked from this process once it has loaded what they share
    (web/superviseur.py); one worker is this process."""
    import os

    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    from ..service import prepare_image
    from .superviseur import Superviseur

    for name in ("db", "fixtures_dir", "host", "port", "workers", "seed"):
        os.environ[f"ROR_{name.upper()}"] = str(getattr(settings, name))  # for each worker
    prepare_image(settings)
    precharger(settings)
    config = uvicorn.Config(app_from_env, factory=True, host=settings.host, port=settings.port,
                            workers=settings.workers, loop="uvloop",
                            http="ror_orientation.web.protocole:HttpToolsJson",
                            access_log=access_log, log_level="info", timeout_graceful_shutdown=5)
    if settings.workers <= 1:
        server = uvicorn.Server(config)
        server.run()
        return 0 if server.started else STARTUP_FAILURE
    return Superviseur(config, config.bind_socket(), settings.workers).run()

