"""The search answer is compressed on the search thread exactly as the compression middleware
compresses every other route's answer (same headers in the same order, same bytes)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import MutableMapping
from typing import Any

import pytest
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response

from ror_orientation.web import compression
from ror_orientation.web.routes import recherche
from tests.api_support import client, key

BIG = b'{"x": "' + b"abcdefgh" * 300 + b'"}'


def _through_middleware(make: Any, accept: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """What the middleware sends for the response `make()` builds."""
    mw = GZipMiddleware(make(), minimum_size=compression.MINIMUM_SIZE,
                        compresslevel=compression.LEVEL)
    sent: list[MutableMapping[str, Any]] = []
    scope = {"type": "http", "method": "GET", "path": "/", "headers":
             [(b"accept-encoding", accept.encode())] if accept else []}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(mw(scope, receive, send))
    return sent[0]["status"], list(sent[0]["headers"]), b"".join(m.get("body", b"")
                                                                for m in sent[1:])


@pytest.mark.parametrize("accept", ["gzip, deflate", "identity", ""])
@pytest.mark.parametrize("status,body,media_type,headers", [
    (200, BIG, "application/json", None),
    (200, b'{"small": true}', "application/json", None),
    (200, BIG, "application/json", {"Vary": "Origin"}),
    (200, BIG, "application/json", {"Content-Encoding": "br"}),
    (206, BIG, "application/json", None),
    (200, BIG, "image/png", None),
    (200, BIG, "text/plain; charset=utf-8", None),
    (400, BIG, "application/json", {"Retry-After": "3"}),
])
def test_a_whole_answer_is_compressed_as_the_middleware_does(accept, status, body, media_type,
                                                             headers):
    def make() -> Response:
        return Response(body, status_code=status, media_type=media_type, headers=headers)

    expected = _through_middleware(make, accept)
    got = compression.compresser(make(), "gzip" in accept)
    assert (got.status_code, got.raw_headers, bytes(got.body)) == expected


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("compression")) as c:
        c.reg = key(c.store, ["lecture_regulation"])  # type: ignore[attr-defined]
        yield c


def test_the_search_answer_is_compressed_on_the_search_thread(api, monkeypatch):
    threads = []

    def recorded(response: Response, gzip_ok: bool) -> Response:
        threads.append(threading.current_thread().name)
        return compression.compresser(response, gzip_ok)

    monkeypatch.setattr(recherche, "compresser", recorded)
    params = {"lat": 48.11, "lon": -1.68, "rayon_km": 200, "ouvert_maintenant": "false"}
    packed = api.get("/api/v1/recherche", params=params, headers={"Accept-Encoding": "gzip"})
    plain = api.get("/api/v1/recherche", params=params, headers={"Accept-Encoding": "identity"})
    assert threads and all(t.startswith("recherche") for t in threads)
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["vary"] == plain.headers["vary"] == "Accept-Encoding"
    assert "content-encoding" not in plain.headers
    names = [k for k, _ in plain.headers.multi_items()]
    names.insert(names.index("vary") + 1, "content-encoding")
    assert [k for k, _ in packed.headers.multi_items()] == names
    assert packed.json()["resultats"] and packed.json()["resultats"] == plain.json()["resultats"]
