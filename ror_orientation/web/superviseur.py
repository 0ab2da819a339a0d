"""`serve` with several workers: one process loads what every worker reads and none writes — the
imports, the offer image's objects, the reference tables — keeps it out of the collector's sight,
then forks the workers, which share those pages with it instead of each importing and unpickling
its own copy (a spawned worker held ~147 MiB of private memory at start at national scale, measured).

Each worker runs uvicorn's server on the one listening socket opened here. This process restarts a
worker that dies, and stops them all on SIGTERM or SIGINT (a second one kills them). Nothing
opened here may cross the fork: no thread, no event loop, no database connection, no file lock —
the app, its store and its rate-limit table are made in each worker.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from ctypes import CDLL
from ctypes.util import find_library
from socket import socket
from typing import TYPE_CHECKING

from uvicorn.config import STARTUP_FAILURE

if TYPE_CHECKING:
    from uvicorn import Config

log = logging.getLogger("uvicorn.error")

SIGNAUX = {signal.SIGCHLD, signal.SIGTERM, signal.SIGINT}
RELANCE_S = 1.0  # a worker dying sooner than this after its fork is restarted no sooner than this
PR_SET_PDEATHSIG = 1  # prctl(2): the signal the kernel sends a process when its parent dies


class Superviseur:
    """Forks `workers` processes serving `config`'s app on `sock`, and keeps them running."""

    def __init__(self, config: Config, sock: socket, workers: int) -> None:
        self.config = config
        self.sock = sock
        self.nombre = workers
        self.workers: dict[int, float] = {}  # pid → when forked (monotonic)
        self._masque: set[int | signal.Signals] = set()

    def run(self) -> int:
        """Serve until SIGTERM or SIGINT; the exit code (STARTUP_FAILURE when a worker could not
        start: restarting it would fail the same way)."""
        # the signals are waited for, not handled: nothing runs between a fork and its bookkeeping
        self._masque = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNAUX)
        log.info("Started parent process [%d]", os.getpid())
        code = 0
        try:
            for _ in range(self.nombre):
                self._fork()
            code = self._veiller()
        finally:
            self._arreter()
            self.sock.close()
            signal.pthread_sigmask(signal.SIG_SETMASK, self._masque)
            log.info("Stopping parent process [%d]", os.getpid())
        return code

    def _fork(self) -> None:
        parent = os.getpid()
        pid = os.fork()
        if pid:
            self.workers[pid] = time.monotonic()
            return
        code = 1
        try:  # the worker: uvicorn's server on the inherited socket, then out without cleanup
            orphelin_arrete(parent)
            signal.pthread_sigmask(signal.SIG_SETMASK, self._masque)
            for sig in (signal.SIGTERM, signal.SIGINT):  # the server captures them while it runs
                signal.signal(sig, signal.SIG_IGN)
            from uvicorn import Server

            server = Server(self.config)
            server.run(sockets=[self.sock])
            code = 0 if server.started else STARTUP_FAILURE
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            log.exception("worker [%d] failed", os.getpid())
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def _veiller(self) -> int:
        """Wait for a stop signal, restarting each worker that dies meanwhile."""
        while True:
            info = signal.sigwaitinfo(SIGNAUX)
            if info.si_signo != signal.SIGCHLD:
                log.info("Received %s: stopping the workers", signal.Signals(info.si_signo).name)
                return 0
            for pid, code, debut in self._recolter():
                log.warning("worker [%d] died (exit code %d)", pid, code)
                if code == STARTUP_FAILURE:
                    log.error("worker [%d] could not start: stopping", pid)
                    return STARTUP_FAILURE
                time.sleep(max(0.0, debut + RELANCE_S - time.monotonic()))
                self._fork()

    def _recolter(self) -> list[tuple[int, int, float]]:
        """The workers that ended since the last call: (pid, exit code, when forked)."""
        fins = []
        while self.workers:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            debut = self.workers.pop(pid, None)
            if debut is not None:  # not another child (multiprocessing's resource tracker)
                fins.append((pid, os.waitstatus_to_exitcode(status), debut))
        return fins

    def _arreter(self) -> None:
        """SIGTERM to every worker (uvicorn's graceful shutdown), SIGKILL to those still there
        after its timeout, or at a second stop signal."""
        for pid in self.workers:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        fin = time.monotonic() + (self.config.timeout_graceful_shutdown or 0) + 5.0
        while self.workers and time.monotonic() < fin:
            info = signal.sigtimedwait(SIGNAUX, 0.2)
            self._recolter()
            if info is not None and info.si_signo != signal.SIGCHLD:
                break
        for pid in list(self.workers):
            log.warning("worker [%d] still running: killed", pid)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.workers.pop(pid, None)


def orphelin_arrete(parent: int) -> None:
    """A worker whose serve process is killed outright (SIGKILL, out of memory) is stopped by the
    kernel instead of keeping the port while nothing restarts or stops it (Linux; elsewhere
    nothing changes)."""
    if not sys.platform.startswith("linux"):
        return
    CDLL(find_library("c"), use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the call
        os._exit(1)
