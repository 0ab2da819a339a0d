"""Answers compressed for the clients that accept gzip: the one policy (Starlette's GZipMiddleware
at level 1 from 1,000 bytes) and what it makes of a whole answer, for a route that builds its answer
off the event loop (the search) and compresses it there too.

Level 1: on a SAMU answer (~13 kB of JSON) a third of level 9's CPU for 18 % more bytes (still a
sixth of the raw size). A whole answer is changed exactly as the middleware changes it (Vary added,
then Content-Encoding, the length replaced in place): tests/test_api_compression.py compares them
on every case the middleware distinguishes.
"""

from __future__ import annotations

import zlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES
from starlette.responses import Response
from starlette.types import Scope

MINIMUM_SIZE = 1000  # smaller answers leave as they are
LEVEL = 1
_EXCLUDED = frozenset(t.partition(";")[0].strip().lower() for t in DEFAULT_EXCLUDED_CONTENT_TYPES)


def accepte_gzip(scope: Scope) -> bool:
    """Whether the request says it accepts gzip (as the middleware reads it)."""
    return "gzip" in Headers(scope=scope).get("Accept-Encoding", "")


def compresser(response: Response, gzip: bool) -> Response:
    """`response` (a whole answer, its body rendered) as the middleware would send it: for a
    client accepting gzip (`gzip`), its body compressed; Vary: Accept-Encoding either way."""
    headers = MutableHeaders(raw=response.raw_headers)
    if "content-encoding" in headers or response.status_code == 206:
        return response
    media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
    media_types = {media_type, media_type.partition("/")[0] + "/*"}
    if media_type.startswith("application/grpc+"):
        media_types.add("application/grpc")
    body = bytes(response.body)
    if not media_types.isdisjoint(_EXCLUDED) or len(body) < MINIMUM_SIZE:
        return response
    headers.add_vary_header("Accept-Encoding")
    if gzip:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        packed = compressor.compress(body) + compressor.flush()
        if packed != body:
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(packed))
            response.body = packed
    return response
