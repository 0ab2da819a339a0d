"""The HTTP protocol the server runs: uvicorn's httptools one, whose own refusals (a request the
parser cannot take, such as a URL past its 64 kB) leave in the API's one JSON error shape too."""

from __future__ import annotations

import orjson
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol


class HttpToolsJson(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        body = orjson.dumps({"error": {"status": 400, "code": "invalid_request",
                                       "message": f"{msg.rstrip('.')} (too long or malformed)",
                                       "field": None}})
        content = [STATUS_LINE[400]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([b"content-type: application/json\r\n",
                        b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                        b"x-content-type-options: nosniff\r\n",
                        b"connection: close\r\n", b"\r\n", body])
        self.transport.write(b"".join(content))
        self.transport.close()
