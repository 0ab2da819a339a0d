"""Per-application rate limiting: one token bucket per caller, in the worker's memory.

A bucket holds up to `capacity` tokens and refills at `rate_per_s`; a request takes one token or is
refused with the number of seconds until one is back (the Retry-After header).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import RateLimitedError


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets by caller key; `clock` is injectable so tests need no sleeping."""

    def __init__(
        self,
        per_minute: int,
        *,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_callers: int = 100_000,
    ) -> None:
        self.capacity = float(burst if burst is not None else per_minute)
        self.rate_per_s = per_minute / 60.0
        self.clock = clock
        self.max_callers = max_callers
        self._buckets: dict[str, _Bucket] = {}

    def take(self, caller: str) -> None:
        """Take one token for `caller` or raise RateLimitedError with its retry delay."""
        now = self.clock()
        b = self._buckets.get(caller)
        if b is None:
            if len(self._buckets) >= self.max_callers:  # bound memory against address churn
                self._buckets.clear()
            b = self._buckets[caller] = _Bucket(self.capacity, now)
        else:
            b.tokens = min(self.capacity, b.tokens + (now - b.updated) * self.rate_per_s)
            b.updated = now
        if b.tokens >= 1.0:
            b.tokens -= 1.0
            return
        retry = max(1, math.ceil((1.0 - b.tokens) / self.rate_per_s))
        raise RateLimitedError(f"rate limit exceeded: retry in {retry} s", retry_after=retry)
