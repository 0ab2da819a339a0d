"""Progress of the long commands (generate, import, export) on a terminal, drawn with rich on
stderr; nothing at all when stderr is not a terminal (piped, redirected, CI), so output stays clean."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")


def on_terminal() -> bool:
    return sys.stderr.isatty()


def _console() -> Console:
    """rich's console on stderr; rich is imported only when something is drawn."""
    from rich.console import Console

    return Console(file=sys.stderr, force_terminal=True, highlight=False)


@contextmanager
def step(message: str) -> Iterator[None]:
    """A spinner while the block runs, then the step and its duration on one line."""
    if not on_terminal():
        yield
        return
    console = _console()
    started = time.perf_counter()
    with console.status(message):
        yield
    console.print(f"[green]✓[/green] {message} ({time.perf_counter() - started:.1f} s)")


def track(items: Iterable[T], message: str, total: int | None = None) -> Iterator[T]:
    """Yield the items, with a bar (count, rate, time left) when the total is known."""
    if not on_terminal():
        yield from items
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=_console()) as bar:
        task = bar.add_task(message, total=total)
        for item in items:
            yield item
            bar.advance(task)
