"""What only a real server shows: a slow search does not stall the event loop, a chunked body past
the limit is refused at once, an oversized URL gets the one error shape (uvicorn in a thread,
loopback only)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from ror_orientation.api import create_app
from ror_orientation.settings import Settings
from tests.api_support import make_engine, make_store
from tests.serveur import serving_app

pytestmark = pytest.mark.e2e


class SlowEngine:
    """The real engine, whose searches take `delay` seconds of blocking time (a CPU-bound search)."""

    def __init__(self, engine: Any, delay: float) -> None:
        self._engine, self.delay = engine, delay

    def search(self, *args: Any, **kwargs: Any) -> Any:
        time.sleep(self.delay)
        return self._engine.search(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("serveur") / "serveur.sqlite"
    store = make_store(db)
    app = create_app(Settings(db=db), engine=SlowEngine(make_engine(store), 3.0),  # type: ignore[arg-type]
                     store=store)
    with serving_app(app) as url:
        yield url
    store.close()


def test_healthz_answers_while_a_slow_search_runs(base: str) -> None:
    done: dict[str, float] = {}

    def search() -> None:
        httpx.get(f"{base}/api/v1/recherche", params={"champs": "01"}, timeout=30)
        done["search"] = time.monotonic()

    t = threading.Thread(target=search)
    t.start()
    time.sleep(0.5)  # the search is now sleeping inside its handler
    r = httpx.get(f"{base}/healthz", timeout=10)
    answered = time.monotonic()
    assert r.status_code == 200
    t.join(timeout=30)
    assert answered < done["search"]  # healthz did not wait for the search (3 s of blocking)


def test_chunked_body_past_the_limit_without_length_is_413(base: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(160):  # 10 MB, never announced
            yield b"x" * 65_536

    t0 = time.monotonic()
    r = httpx.post(f"{base}/api/v1/recherche", content=chunks(), timeout=30,
                   headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "payload_too_large"
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert time.monotonic() - t0 < 20  # an answer, not a hang (a generous bound)


def _raw_get(base: str, target: str) -> tuple[int, bytes, bytes]:
    """A GET written by hand (clients refuse such URLs before sending): status, headers, body."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                  .encode())
        data = b""
        while chunk := s.recv(65_536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), head, body


def test_oversized_url_has_the_one_error_shape(base: str) -> None:
    for size in (20_000, 70_000):
        status, _head, body = _raw_get(base, f"/api/v1/recherche?texte={'a' * size}")
        assert 400 <= status < 500
        assert set(orjson.loads(body)["error"]) == {"status", "code", "message", "field"}


def test_pages_send_security_headers(base: str) -> None:
    r = httpx.get(f"{base}/", timeout=10)
    csp = r.headers["content-security-policy"]
    assert "http" not in csp.replace("'self'", "")  # no external origin
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


