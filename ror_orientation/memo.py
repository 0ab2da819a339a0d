"""The package's memos: plain dicts of results already worked out, bounded by `remember`, which
forgets them all at once when one is full.

The policy is the crudest on purpose. The memos sit on hot paths (a search's lines, a query's
words) whose hits must cost one dict lookup and nothing more: no recency to record, no lock, no
per-entry size. What they hold is cheap to make again (one miss per key after a clear) and their
keys come back often (the same units, words, constraints), so starting over at the bound costs a
few misses, never an answer: a hit is only what a miss would have computed. The bound only keeps
keys a memo will never see again (an old unit record, a rare word) from growing it without end.

A memo stays a plain `dict`, read with `get` / `in` at the call site: a dict subclass would slow
every hit (CPython specialises `dict.get` calls for the exact type only: ~10 ns more a lookup, a
quarter of it, measured). Memos keyed by a record's `id()` keep the record in the value and check
it by identity, so a recycled id is a miss, not a stale hit: that check is the caller's.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(memo: dict[K, V], key: K, value: V, bound: int) -> V:
    """Keep `value` under `key` in `memo`, first clearing it whole when it holds `bound` entries
    (so it never holds more); `value`, for `hit = remember(...)`."""
    if len(memo) >= bound:
        memo.clear()
    memo[key] = value
    return value
