"""End to end: `ror-orientation serve` as a real uvicorn process on a loopback port; one search, one
capacity update, then the search again sees the new figure (through 2 workers: each its own engine)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api_support import EG_RENNES, key, make_store

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("server not ready in time")


def test_search_update_search_over_real_http(tmp_path: Path):
    db = tmp_path / "e2e.sqlite"
    store = make_store(db)
    reg = key(store, ["lecture_regulation"], nom="SAMU")
    ed = key(store, ["editeur"], (EG_RENNES,), nom="GHT")
    store.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = os.environ | {"ROR_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ror_orientation", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_ready(base, proc)
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {reg}"}) as c:
            # each request may land on either worker: ask several times to reach both
            for _ in range(6):
                r = c.get("/api/v1/recherche", params={"champs": "01", "fields": "lits_disponibles"})
                assert r.status_code == 200, r.text
                beds = {x["uo_id"]: x["lits_disponibles"] for x in r.json()["resultats"]}
                assert beds["uo-unv"] == 2
            up = httpx.put(f"{base}/api/v1/unites/uo-unv/capacites",
                           headers={"Authorization": f"Bearer {ed}"}, json={"capacites": [
                               {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04",
                                "nombre": 9}]})
            assert up.status_code == 200, up.text
            for _ in range(6):
                r = c.get("/api/v1/recherche", params={"champs": "01", "fields": "lits_disponibles"},
                          headers={"Connection": "close"})
                beds = {x["uo_id"]: x["lits_disponibles"] for x in r.json()["resultats"]}
                assert beds["uo-unv"] == 9
            gz = c.get("/api/v1/nomenclatures/TRE_R211", headers={"Accept-Encoding": "gzip"})
            assert gz.headers["content-encoding"] == "gzip"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
    log = out.decode(errors="replace")
    assert reg not in log and ed not in log
