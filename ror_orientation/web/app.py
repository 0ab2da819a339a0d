"""The HTTP API: the app factory, its lifespan, and the one translation of every error to JSON.

`create_app(settings, engine=None, store=None)` builds nothing at import; the lifespan opens the store
and builds this worker's engine (unless given one). Every error — ours, validation, routing, or an
unexpected fault — leaves as {"error": {status, code, message, field}}, never with a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import RateLimitedError, RorError
from ..settings import Settings
from .ratelimit import RateLimiter
from .routes import json_response

log = logging.getLogger("ror_orientation.api")


def error_body(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "field": field}}


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
    field = _field_of(first.get("loc", ()))
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
    code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(
        exc.status_code, "http_error"
    )
    message = {404: "no such route", 405: "method not allowed on this route"}.get(
        exc.status_code, str(exc.detail)
    )
    return _error_response(exc.status_code, code, message, None, dict(exc.headers or {}) or None)


class GuardMiddleware:
    """Outermost guard: refuses oversized bodies (413) and turns any unexpected fault into a JSON 500
    whose message says nothing of the code (the traceback goes to the server log only)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            receive = await self._limited(scope, receive, send_tracking)
            if receive is None:
                return
            await self.app(scope, receive, send_tracking)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                resp = _error_response(500, "internal", "internal error: the fault has been logged")
                await resp(scope, receive, send)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        length = dict(scope.get("headers") or []).get(b"content-length")
        too_big = _error_response(
            413, "payload_too_large", f"body larger than {self.max_body_bytes} bytes", "body"
        )
        if length is not None:
            if not length.isdigit() or int(length) > self.max_body_bytes:
                await too_big(scope, receive, send)
                return None
            return receive
        if scope.get("method") in ("GET", "HEAD", "DELETE", "OPTIONS"):
            return receive
        # no length announced (chunked): buffer up to the limit, then replay
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return receive
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body_bytes:
                await too_big(scope, receive, send)
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


def create_app(
    settings: Settings | None = None, engine: Any | None = None, store: Any | None = None
) -> FastAPI:
    """The API application. `engine` and `store` let tests and benchmarks pass their own."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from ..service import Service

        app.state.service = Service.open(settings, store=store, engine=engine)
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
    )
    app.state.settings = settings
    app.state.ratelimit = RateLimiter(settings.rate_limit_per_minute)
    app.add_exception_handler(RorError, _on_ror_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes)

    from .routes import (
        applications,
        capacites,
        edition,
        extractions,
        health,
        nomenclatures,
        pages,
        peuplement,
        recherche,
        unites,
    )

    for module in (health, recherche, unites, nomenclatures, capacites, extractions, applications,
                   peuplement, edition, pages):
        app.include_router(module.router)
    app.include_router(edition.papier)
    return app


def app_from_env() -> FastAPI:
    """The uvicorn factory of each worker process: settings from the ROR_ environment."""
    return create_app(Settings())


def ensure_data(settings: Settings, scale: str = "demo") -> dict[str, int] | None:
    """Generate and import the `scale` offer once, when the store is empty; None when it was not."""
    from datetime import UTC, datetime

    from ..store import Store

    store = Store(settings.db)
    try:
        if not store.is_empty():
            return None
        from ..generateur import generate

        offre = generate(scale, settings.seed, reference=datetime.now(UTC))
        store.import_offre(offre, source=f"generate:{scale}:{settings.seed}")
        return offre.counts()
    finally:
        store.close()


def run(settings: Settings, *, access_log: bool = False) -> None:
    """Serve with uvicorn (uvloop + httptools: measured +70 % throughput over the defaults)."""
    import os

    import uvicorn

    for name in ("db", "fixtures_dir", "host", "port", "workers", "seed"):
        os.environ[f"ROR_{name.upper()}"] = str(getattr(settings, name))  # for each worker
    uvicorn.run("ror_orientation.web.app:app_from_env", factory=True, host=settings.host,
                port=settings.port, workers=settings.workers, loop="uvloop", http="httptools",
                access_log=access_log, log_level="info", timeout_graceful_shutdown=5,
                # a worker building a national engine on a busy machine can miss uvicorn's default
                # 5 s liveness ping and be killed and restarted forever
                timeout_worker_healthcheck=120)
