"""The server's HTTP protocol (web/protocole.py): an answer's head and body leave in one send, in
order, nothing held past the event loop's turn; through a real server, keep-alive and pipelined
requests get whole answers in order, HEAD a head alone."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import httpx
import pytest

from ror_orientation.api import create_app
from ror_orientation.settings import Settings
from ror_orientation.web.protocole import Envoi
from tests.api_support import make_engine, make_store
from tests.serveur import serving_app


class Transport:
    """What the protocol's writes reach, one list of chunks per send."""

    def __init__(self) -> None:
        self.sends: list[list[bytes]] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.sends.append([data])

    def writelines(self, chunks: list[bytes]) -> None:
        self.sends.append(list(chunks))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> str:
        return f"info {name}"


def test_a_head_and_its_body_leave_in_one_send_and_nothing_waits_past_the_turn() -> None:
    async def scenario() -> Transport:
        t = Transport()
        envoi = Envoi(t, asyncio.get_running_loop())  # type: ignore[arg-type]
        envoi.write(b"HTTP/1.1 200 OK\r\n\r\n")
        assert t.sends == []  # held for the body
        envoi.write(b"{}")
        assert t.sends == [[b"HTTP/1.1 200 OK\r\n\r\n", b"{}"]]
        envoi.write(b"HTTP/1.1 204 No Content\r\n\r\n")  # no body follows
        await asyncio.sleep(0)
        assert t.sends[-1] == [b"HTTP/1.1 204 No Content\r\n\r\n"]
        envoi.write(b"")  # nothing to send, nothing held
        await asyncio.sleep(0)
        assert len(t.sends) == 2
        envoi.write(b"last")
        envoi.close()  # what is held leaves before the close
        assert t.sends[-1] == [b"last"] and t.closed
        envoi.write(b"late")
        await asyncio.sleep(0)
        assert t.sends[-1] == [b"last"]  # the transport is closing: dropped, as it would
        assert envoi.get_extra_info("peername") == "info peername"
        return t

    asyncio.run(scenario())


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    db = tmp_path_factory.mktemp("protocole") / "protocole.sqlite"
    store = make_store(db)
    app = create_app(Settings(db=db), engine=make_engine(store), store=store)
    with serving_app(app) as url:
        yield int(url.rsplit(":", 1)[1])
    store.close()


def _read_answer(f: socket.SocketIO, head_only: bool = False) -> tuple[bytes, bytes]:
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        head += f.read(1)
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                  if line.lower().startswith(b"content-length:"))
    body = b"" if head_only else f.read(length)
    return head, body


def test_pipelined_and_keep_alive_requests_get_whole_answers_in_order(port: int) -> None:
    paths = ["/api/v1/recherche?profil=samu&lat=48.1&lon=-1.7&national=true&limit=3",
             "/healthz", "/api/v1/recherche?profil=samu&lat=47.66&lon=-2.76&national=true"]
    expected = [httpx.get(f"http://127.0.0.1:{port}{p}").json() for p in paths]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        raw = s.makefile("rb")
        s.sendall(b"".join(f"GET {p} HTTP/1.1\r\nHost: x\r\n\r\n".encode() for p in paths))
        for path, want in zip(paths, expected, strict=True):
            head, body = _read_answer(raw)  # type: ignore[arg-type]
            assert head.startswith(b"HTTP/1.1 200 OK\r\n")
            assert b"x-content-type-options: nosniff" in head
            got = httpx.Response(200, content=body).json()
            if "duree_ms" in want:
                got["duree_ms"] = want["duree_ms"]
            assert got == want, path
        s.sendall(f"HEAD {paths[0]} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        head, _ = _read_answer(raw, head_only=True)  # type: ignore[arg-type]
        assert head.startswith(b"HTTP/1.1 200 OK\r\n")
        s.sendall(f"GET {paths[1]} HTTP/1.1\r\nHost: x\r\n\r\n".encode())  # nothing sent after HEAD's
        head, body = _read_answer(raw)  # type: ignore[arg-type]
        assert head.startswith(b"HTTP/1.1 200 OK\r\n") and body.startswith(b"{")
