"""A real `ror-orientation serve` for the tests that go through a socket: pages in a browser, the
end-to-end HTTP walk, the two workers sharing one image; and an app of the test's own served on a
thread (`serving_app`), for the tests of the HTTP protocol on a real socket.

Started on a free loopback port, in its own process group (its workers and compile process stop with
it), running the package these tests import whatever the venv's entry point points at, and with none
of the caller's `ROR_` settings (a developer's `ROR_DB` must not leak into a test's server).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

import ror_orientation
from ror_orientation.web.protocole import HttpToolsJson

PAQUET = Path(ror_orientation.__file__).resolve().parent.parent  # where the tested package lives


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Serve:
    """One `serve` process: `log` is its output file, or None when the test reads `proc.stdout`."""

    db: Path
    port: int
    workers: int = 1
    log: Path | None = None
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> None:
        """Start it and wait until /healthz answers (a worker answers once its engine is mapped)."""
        log = self.log.open("ab") if self.log else None
        env = {k: v for k, v in os.environ.items() if not k.startswith("ROR_")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ror_orientation", "serve", "--db", str(self.db),
             "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)],
            stdout=log or subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
            env=env | {"PYTHONPATH": str(PAQUET)})
        if log:
            log.close()  # the child holds its own descriptor
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited with {self.proc.returncode}: {self.tail()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve did not answer /healthz within {timeout:.0f} s: {self.tail()}")
            time.sleep(0.2)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log and self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL to the whole group: no shutdown handler runs (what a crash or a pulled plug does)."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> bytes:
        """SIGTERM to the group, then SIGKILL if it lingers; what it printed when `log` is None."""
        if self.proc is None or self.proc.returncode is not None:
            return b""
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            out, _ = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            out, _ = self.proc.communicate()
        return out or b""


def workers(pid: int) -> list[int]:
    """The worker processes under the serve process (not multiprocessing's resource tracker)."""
    kids = [int(x) for t in Path(f"/proc/{pid}/task").iterdir()
            for x in (t / "children").read_text().split()]
    return [k for k in kids if b"resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes()]


def mapped_inodes(pid: int, path: Path) -> set[int]:
    """Inodes of the mappings of `path` in a process (/proc/PID/maps: address perms offset dev
    inode path)."""
    out = set()
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        f = line.split(maxsplit=5)
        if len(f) == 6 and f[5] == str(path):
            out.add(int(f[4]))
    return out


@contextmanager
def serving(db: Path, *, workers: int = 1, log: Path | None = None) -> Iterator[Serve]:
    s = Serve(db, free_port(), workers=workers, log=log)
    try:
        s.start()
        yield s
    finally:
        s.stop()


@contextmanager
def serving_app(app: FastAPI, timeout: float = 30.0) -> Iterator[str]:
    """`app` served by uvicorn with the project's HTTP protocol on a thread, on a free loopback
    port, once /healthz answers: its base URL. Stopped on leaving."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on", http=HttpToolsJson))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
