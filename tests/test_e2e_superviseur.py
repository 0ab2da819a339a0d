"""`serve` with two workers forks them from the process that loaded what they share (the imports,
the offer image's objects): each worker's heap is mostly pages it shares with that process, the
image is mapped there too, and no thread or store connection was open when they were forked. A
worker that dies is replaced the same way; SIGTERM to the serve process stops them all, and a
serve process killed outright takes its workers with it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.api_support import key, make_store
from tests.serveur import Serve, free_port, mapped_inodes, workers

pytestmark = pytest.mark.e2e

MIB = 1024 * 1024


def shared_heap(pid: int) -> int:
    """Bytes of a process's anonymous memory written before a fork and still shared with its
    parent (Shared_Dirty of the mappings backed by no file)."""
    total, anonymous = 0, False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        f = line.split()
        if "-" in f[0] and not f[0].endswith(":"):
            anonymous = len(f) < 6 or f[5].startswith("[")
        elif f[0] == "Shared_Dirty:" and anonymous:
            total += int(f[1]) * 1024
    return total


def ready(server: Serve, count: int, timeout: float = 120.0) -> list[int]:
    """The serve process's `count` workers, once each answers (one per kept-alive attempt)."""
    assert server.proc is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = workers(server.proc.pid)
        if len(pids) == count and server.tail().count("Application startup complete") >= count:
            return pids
        time.sleep(0.2)
    raise AssertionError(f"workers not ready: {server.tail()}")


def check_forked(parent: int, pid: int, image: Path) -> None:
    assert Path(f"/proc/{pid}/cmdline").read_bytes() == Path(f"/proc/{parent}/cmdline").read_bytes()
    assert mapped_inodes(pid, image) == {image.stat().st_ino}
    assert shared_heap(pid) > 20 * MIB, shared_heap(pid) / MIB


def test_workers_are_forked_from_the_process_that_loaded_what_they_share(tmp_path: Path) -> None:
    db = tmp_path / "partage.sqlite"
    store = make_store(db)
    reg = key(store, ["lecture_regulation"], nom="SAMU")
    store.close()
    image = tmp_path / "partage.sqlite.image"
    server = Serve(db, free_port(), workers=2, log=tmp_path / "serve.log")
    try:
        server.start()
        assert server.proc is not None
        parent = server.proc.pid
        pids = ready(server, 2)
        # the serve process read the image before forking, with one thread and the store closed
        assert mapped_inodes(parent, image) == {image.stat().st_ino}
        assert len(list(Path(f"/proc/{parent}/task").iterdir())) == 1
        opened = {os.readlink(fd) for fd in Path(f"/proc/{parent}/fd").iterdir()}
        assert not opened & {str(db), f"{db}-wal", f"{db}-shm"}, opened
        for pid in pids:
            check_forked(parent, pid, image)

        # a worker killed is replaced by a fork of the same process, which answers searches
        os.kill(pids[0], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = workers(parent)
            if len(now) == 2 and pids[0] not in now and server.tail().count(
                    "Application startup complete") >= 3:
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"no worker replaced the killed one: {server.tail()}")
        (new,) = set(now) - set(pids)
        check_forked(parent, new, image)
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {reg}"}) as c:
            for _ in range(8):  # new connections: both workers answer in turn
                r = c.get("/api/v1/recherche", params={"champs": "01"},
                          headers={"Connection": "close"})
                assert r.status_code == 200, r.text

        # SIGTERM to the serve process alone: it stops its workers and exits
        os.kill(parent, signal.SIGTERM)
        assert server.proc.wait(timeout=30) == 0
        for pid in now:
            assert not Path(f"/proc/{pid}").exists() or b"zombie" in Path(
                f"/proc/{pid}/status").read_bytes().lower()
    finally:
        server.stop()


def test_workers_stop_when_the_serve_process_is_killed(tmp_path: Path) -> None:
    """No orphan keeps the port: SIGKILL gives the serve process no chance to stop its workers."""
    db = tmp_path / "orphelins.sqlite"
    make_store(db).close()
    server = Serve(db, free_port(), workers=2, log=tmp_path / "serve.log")
    try:
        server.start()
        assert server.proc is not None
        pids = ready(server, 2)
        server.proc.kill()
        server.proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            alive = [p for p in pids if Path(f"/proc/{p}").exists()
                     and b"zombie" not in Path(f"/proc/{p}/status").read_bytes().lower()]
            if not alive:
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"workers {alive} outlived their serve process")
    finally:
        for pid in pids if "pids" in locals() else []:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.stop()
