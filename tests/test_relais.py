"""The search routes' threads (web/relais.py): the handler runs off the loop, its answer or its
error comes back to the awaiting request, at most `threads` run at once, and a request that goes
away does not stop the threads."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from ror_orientation.web.relais import Relais

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on a thread of its own: the suite's browser tests leave a loop running on the
    main thread (Playwright's sync API), where `asyncio.run` refuses to start another."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture
def relais() -> Iterator[Relais]:
    r = Relais(2, "test")
    yield r
    r.close()


def test_the_handler_runs_on_another_thread_and_its_answer_comes_back(relais: Relais) -> None:
    async def main() -> tuple[int, int, int]:
        return threading.get_ident(), *(await relais.run(lambda a, b: (threading.get_ident(),
                                                                        a + b), 40, 2))

    loop_thread, handler_thread, answer = run(main())
    assert handler_thread != loop_thread
    assert answer == 42


def test_the_handlers_error_is_raised_in_the_awaiting_request(relais: Relais) -> None:
    def fails() -> None:
        raise ValueError("lat: out of range")

    async def main() -> None:
        await relais.run(fails)

    with pytest.raises(ValueError, match="lat: out of range"):
        run(main())


def test_the_loop_answers_while_handlers_run_and_at_most_two_run_at_once(relais: Relais) -> None:
    running, most = 0, 0
    lock = threading.Lock()

    def slow() -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.1)
        with lock:
            running -= 1

    async def main() -> float:
        searches = [asyncio.ensure_future(relais.run(slow)) for _ in range(5)]
        t = time.perf_counter()
        await asyncio.sleep(0.01)  # the loop is free while the handlers sleep
        free_after = time.perf_counter() - t
        await asyncio.gather(*searches)
        return free_after

    free_after = run(main())
    assert free_after < 0.05
    assert most == 2


def test_a_request_gone_while_its_handler_runs_leaves_the_threads_working(relais: Relais) -> None:
    started = threading.Event()

    def slow() -> str:
        started.set()
        time.sleep(0.05)
        return "late"

    async def main() -> list[int]:
        gone = asyncio.ensure_future(relais.run(slow))
        await asyncio.get_running_loop().run_in_executor(None, started.wait)
        gone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gone
        await asyncio.sleep(0.1)  # its answer arrives for nobody
        return [await relais.run(lambda i=i: i) for i in range(4)]

    assert run(main()) == [0, 1, 2, 3]
