"""The search routes' own threads: a CPU-bound handler leaves the event loop (which keeps answering
every other request, /healthz included) for one of a few threads that live as long as the loop.

anyio's `to_thread.run_sync` under a capacity limiter did the same with more machinery per call
(the limiter's acquire, a cancel scope, the copy of the context, checkpoints: ~0.2 ms of a worker's
CPU per request at the HTTP floor, bench/bench_http_plancher.py); here a call is one put on a C
queue, the thread's result handed back by the loop's thread-safe call. The threads are the limit:
at most `threads` handlers at once per loop, the others wait in the queue in order.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_FIN = object()  # tells a thread to stop


def _donner(fut: asyncio.Future[Any], ok: bool, valeur: Any) -> None:
    if fut.cancelled():  # the request went away while its handler ran
        return
    if ok:
        fut.set_result(valeur)
    else:
        fut.set_exception(valeur)


class Relais:
    """`threads` threads running the handlers given to `run`, for the loop `run` is awaited on."""

    def __init__(self, threads: int, nom: str = "relais") -> None:
        self._file: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._tourner, name=f"{nom}-{i}", daemon=True)
                         for i in range(threads)]
        for t in self._threads:
            t.start()

    def _tourner(self) -> None:
        file = self._file
        while True:
            item = file.get()
            if item is _FIN:
                return
            loop, fut, fn, args = item
            if fut.cancelled():
                continue
            try:
                ok, valeur = True, fn(*args)
            except BaseException as exc:  # noqa: BLE001  handed to the awaiting request
                ok, valeur = False, exc
            try:
                loop.call_soon_threadsafe(_donner, fut, ok, valeur)
            except RuntimeError:  # the loop is closed: nobody waits for it any more
                pass

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` on one of the threads; the awaiting task is free meanwhile."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[T] = loop.create_future()
        self._file.put((loop, fut, fn, args))
        return await fut

    def close(self) -> None:
        for _ in self._threads:
            self._file.put(_FIN)
        for t in self._threads:
            t.join()
