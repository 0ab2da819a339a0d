"""Rate limiting shared by every worker process: token buckets in a fixed-size memory-mapped table.

A bucket holds up to `capacity` tokens and refills at `rate_per_s`; a request takes one token or is
refused with the number of seconds until one is back (the Retry-After header). The table lives in a
file beside the store (`<db>.ratelimit`), mapped by every worker and updated under a file lock, so
the limit is per caller, not per caller and worker. Memory is bounded and nothing is ever cleared
wholesale: registered applications have their own region (slot = application id), anonymous callers
another (slot = hash of the address), so cycling addresses can at worst share a bucket with another
anonymous caller — never reset anyone's, and never touch an application's.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import math
import mmap
import os
import struct
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import RateLimitedError

_SLOT = struct.Struct("<ddd")  # tokens, updated (clock seconds), used (0.0: never used)

# flock(2) called with the GIL kept. `fcntl.flock` lets go of it for the call, and the thread then
# waited for it back (behind the event loop's thread) while holding the table's lock: the other
# worker's searches waited on that lock in turn (profiled at national scale, 2 workers: ~9 % of
# the search threads' samples, in `flock`). A lock free at once is taken without letting go.
_flock = ctypes.PyDLL(None).flock
_flock.argtypes = (ctypes.c_int, ctypes.c_int)
_flock.restype = ctypes.c_int


class RateLimiter:
    """Token buckets by caller key ("app:<id>" for an application, anything else anonymous).

    `path`: the shared table file (None: this process only, for tests); `clock` is injectable so
    tests need no sleeping (the default, CLOCK_MONOTONIC, is system-wide on Linux).
    """

    def __init__(
        self,
        per_minute: int,
        *,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        path: Path | None = None,
        slots: int = 65_536,
    ) -> None:
        self.capacity = float(burst if burst is not None else per_minute)
        self.rate_per_s = per_minute / 60.0
        self.clock = clock
        self.slots = slots
        size = 2 * slots * _SLOT.size
        self._lock = threading.Lock()  # a file lock does not exclude threads of one process
        self._fd: int | None = None
        if path is None:
            self._map = mmap.mmap(-1, size)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                if os.fstat(self._fd).st_size < size:
                    os.ftruncate(self._fd, size)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            self._map = mmap.mmap(self._fd, size)

    def _slot(self, caller: str) -> int:
        kind, _, rest = caller.partition(":")
        if kind == "app" and rest.isdigit():
            return int(rest) % self.slots  # the applications' region
        digest = hashlib.blake2b(caller.encode(), digest_size=8).digest()
        return self.slots + int.from_bytes(digest, "little") % self.slots  # the anonymous region

    def take(self, caller: str) -> None:
        """Take one token for `caller` or raise RateLimitedError with its retry delay."""
        offset = self._slot(caller) * _SLOT.size
        with self._lock:
            if self._fd is not None and _flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB) != 0:
                fcntl.flock(self._fd, fcntl.LOCK_EX)  # held by another worker: wait, GIL let go
            try:
                now = self.clock()
                tokens, updated, used = _SLOT.unpack_from(self._map, offset)
                if not used:
                    tokens = self.capacity
                else:
                    tokens = min(self.capacity, tokens + max(0.0, now - updated) * self.rate_per_s)
                ok = tokens >= 1.0
                if ok:
                    tokens -= 1.0
                _SLOT.pack_into(self._map, offset, tokens, now, 1.0)
            finally:
                if self._fd is not None:
                    _flock(self._fd, fcntl.LOCK_UN)
        if not ok:
            retry = max(1, math.ceil((1.0 - tokens) / self.rate_per_s))
            raise RateLimitedError(f"rate limit exceeded: retry in {retry} s", retry_after=retry)

    def close(self) -> None:
        self._map.close()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def table_path(db: Path | str) -> Path | None:
    """The shared table beside a file store; None for a server or in-memory database (per-process
    buckets: an in-memory store has no place beside it, and ":memory:.ratelimit" would land in the
    working directory)."""
    text = str(db)
    if "://" in text or text in ("", ":memory:"):
        return None
    p = Path(text)
    return p.with_name(p.name + ".ratelimit")
