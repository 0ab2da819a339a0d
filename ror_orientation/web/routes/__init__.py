"""HTTP routes, one router per resource, and what they share: the caller, the answer encoders.

Handlers are thin: parse (a wire model) → one service call → the answer's wire model, built from the
library's objects by small mapping functions and encoded once by pydantic-core. The caller is resolved once per request from its key (`Authorization: Bearer` or `X-API-Key`), checked
against the rate limit, and never logged.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from pydantic import TypeAdapter
from starlette.convertors import Convertor, register_url_convertor

from ...droits import Appelant
from ...errors import AuthenticationError
from ..wire import ErreurOut, Sortie

if TYPE_CHECKING:
    from ...service import Service

class RorIdConvertor(Convertor[str]):
    """A unit id in a route: one segment, or the national ROR's "24/1073" shape (further segments
    numeric), so "/unites/24/1073" is the unit "24/1073" while "/unites/x/capacites" keeps its
    suffix. A percent-encoded slash arrives decoded, so both spellings reach the same unit."""

    regex = "[^/]+(?:/[0-9]+)*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("ror", RorIdConvertor())

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErreurOut, "description": text}
    for code, text in (
        (400, "Invalid input (the field is named)"),
        (401, "No or invalid API key"),
        (403, "The key lacks the right"),
        (404, "Not found"),
        (413, "Body too large"),
        (429, "Rate limited (see Retry-After)"),
    )
}


def service(request: Request) -> Service:
    return request.app.state.service


def _key(request: Request) -> str | None:
    auth = request.headers.get("authorization")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        raise AuthenticationError("Authorization must be 'Bearer <key>'")
    key = request.headers.get("x-api-key")
    return key.strip() if key else None


def _address(request: Request) -> str:
    """The rate-limit bucket of a caller without a valid key (made only for those: a keyed
    caller's request read the client twice for nothing)."""
    return f"ip:{request.client.host if request.client else '?'}"


def _appelant(request: Request, anonymous_ok: bool) -> Appelant:
    svc = service(request)
    try:
        appelant = svc.appelant(_key(request))
    except AuthenticationError:
        request.app.state.ratelimit.take(_address(request))  # guessing keys costs its tokens
        raise
    if appelant is None:
        if not anonymous_ok or not svc.settings.public_read_without_key:
            raise AuthenticationError("this route needs an API key (Authorization: Bearer <key>)")
        appelant = Appelant.anonyme()
        bucket = _address(request)
    else:
        bucket = f"app:{appelant.application_id}"
    request.app.state.ratelimit.take(bucket)
    request.state.appelant_nom = appelant.nom  # for logs: the name, never the key
    return appelant


def lecteur(request: Request) -> Appelant:
    """A reader: an application, or anonymous public read when the settings allow it."""
    return _appelant(request, anonymous_ok=True)


def authentifie(request: Request) -> Appelant:
    """An application with a valid key (rights are checked by the route)."""
    return _appelant(request, anonymous_ok=False)


async def _lecteur(request: Request) -> Appelant:
    return lecteur(request)


async def _authentifie(request: Request) -> Appelant:
    return authentifie(request)


# Resolved on the event loop, not in the thread pool: the key's row is one held, indexed read and
# the rate limit a few microseconds, where a thread hop cost more than both (profiled).
Lecteur = Annotated[Appelant, Depends(_lecteur)]
Authentifie = Annotated[Appelant, Depends(_authentifie)]


# `include` / `exclude` as pydantic takes them: {"field": True, "list": {"__all__": {...}}}
Selection = dict[str, Any] | None


@cache
def _adapter(model: type[Sortie]) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def encode(
    data: Sortie,
    include: Selection = None,
    exclude: Selection = None,
    exclude_unset: bool = False,
) -> bytes:
    """The wire model as JSON bytes, by pydantic-core (`TypeAdapter.dump_json`: measured by
    bench/bench_wire.py as the fastest pydantic path, ahead of orjson over `model_dump`)."""
    return _adapter(type(data)).dump_json(
        data, include=include, exclude=exclude, exclude_unset=exclude_unset
    )


def json_response(
    data: Sortie,
    status: int = 200,
    headers: dict[str, str] | None = None,
    include: Selection = None,
    exclude_unset: bool = False,
) -> Response:
    """The answer's wire model, encoded once (FastAPI's generic encoder is skipped); `include` keeps
    a sparse answer's keys; `exclude_unset` leaves out optional keys the library did not give."""
    return Response(
        encode(data, include=include, exclude_unset=exclude_unset),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def etag_response(
    request: Request, data: Sortie, niveau: str, hors_etag: Selection = None
) -> Response:
    """Answer with an ETag over `data` minus what changes with the clock (`hors_etag`), keyed by the
    caller's level; 304 when the client already holds it."""
    body = encode(data)
    stable = encode(data, exclude=hors_etag) if hors_etag else body
    digest = hashlib.blake2b(stable, digest_size=12, key=niveau.encode()).hexdigest()
    etag = f'"{digest}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    inm = request.headers.get("if-none-match")
    if inm and (
        inm.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in inm.split(",")]
    ):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
