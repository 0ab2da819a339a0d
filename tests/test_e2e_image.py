"""Two `serve` workers share one offer image: the same file (same inode) is mapped in both, and a
capacity update through either worker is seen by searches answered by each of them — applied over
the mapping from the capacity feed, the image itself left as it was compiled."""

from __future__ import annotations

import http.client
import json
import os
from pathlib import Path

import pytest

from tests.api_support import EG_RENNES, key, make_store
from tests.serveur import Serve, free_port, mapped_inodes, workers

pytestmark = pytest.mark.e2e


def owner(port: int, conn: http.client.HTTPConnection, pids: list[int]) -> int | None:
    """The worker holding the server end of a kept-alive connection (by socket inode)."""
    assert conn.sock is not None
    client_port = conn.sock.getsockname()[1]
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if int(f[1].split(":")[1], 16) == port and int(f[2].split(":")[1], 16) == client_port:
            inode = f[9]
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    return None


def call(conn: http.client.HTTPConnection, method: str, url: str, token: str,
         body: object | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    conn.request(method, url, body=data, headers=headers)
    r = conn.getresponse()
    text = r.read()
    assert r.status == 200, text
    return json.loads(text)


def beds(conn: http.client.HTTPConnection, token: str) -> int:
    got = call(conn, "GET", "/api/v1/recherche?champs=01&fields=lits_disponibles", token)
    return {x["uo_id"]: x["lits_disponibles"] for x in got["resultats"]}["uo-unv"]


def test_two_workers_map_one_image_and_each_sees_capacity_updates(tmp_path: Path) -> None:
    db = tmp_path / "partage.sqlite"
    store = make_store(db)
    reg = key(store, ["lecture_regulation"], nom="SAMU")
    ed = key(store, ["editeur"], (EG_RENNES,), nom="GHT")
    store.close()
    image = tmp_path / "partage.sqlite.image"
    assert not image.exists()
    server = Serve(db, free_port(), workers=2)
    port = server.port
    conns: list[http.client.HTTPConnection] = []
    try:
        server.start()
        proc = server.proc
        assert proc is not None
        started = 0
        while started < 2:  # both workers ready, not just the first (uvicorn logs each)
            line = proc.stdout.readline() if proc.stdout else b""
            assert line, "server stopped"
            started += b"Application startup complete" in line
        pids = workers(proc.pid)
        assert len(pids) == 2
        by_worker: dict[int, http.client.HTTPConnection] = {}
        for _ in range(64):  # kept-alive connections until one is held by each worker
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conns.append(c)
            c.request("GET", "/healthz")
            c.getresponse().read()  # every worker answers /healthz once its engine is mapped
            who = owner(port, c, pids)
            if who is not None:
                by_worker.setdefault(who, c)
            if len(by_worker) == 2:
                break
        assert sorted(by_worker) == sorted(pids)

        inode = image.stat().st_ino
        for pid in pids:
            assert mapped_inodes(pid, image) == {inode}, pid
        written = image.stat().st_mtime_ns

        a, b = (by_worker[p] for p in pids)
        assert beds(a, reg) == 2 and beds(b, reg) == 2
        for n, via in ((9, a), (11, b)):
            put = call(via, "PUT", "/api/v1/unites/uo-unv/capacites", ed, {"capacites": [
                {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": n}]})
            assert put
            assert beds(a, reg) == n and beds(b, reg) == n
        assert image.stat().st_ino == inode and image.stat().st_mtime_ns == written
        for pid in pids:
            assert mapped_inodes(pid, image) == {inode}
    finally:
        for c in conns:
            c.close()
        server.stop()
