"""The bounded memo's cost (`memo.remember`) against the hand-written idiom it replaced, and why
the memos stay plain dicts: a hit read from a dict subclass, per operation, in process.

    .venv/bin/python bench/bench_memo.py [--rounds 15]

Measured, CPU time per operation (ns), median of the rounds (alternating the variants): a hit
(`get` and an identity check, as the search lines read their memos) on a plain dict and on a
dict subclass; a write that may clear, inline (`if len(d) >= MAX: d.clear(); d[k] = v`) and
through `remember`. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ror_orientation.memo import remember  # noqa: E402

N = 4096
KEYS = [(i, bool(i & 1)) for i in range(N)]


class _Sub(dict[tuple[int, bool], tuple[object, ...]]):
    __slots__ = ("bound",)


def hits(d: dict[tuple[int, bool], tuple[object, ...]]) -> None:
    for k in KEYS:
        h = d.get(k)
        if h is not None and h[0] is k:
            pass


def writes_inline(d: dict[tuple[int, bool], tuple[object, ...]]) -> None:
    bound = N // 2
    for k in KEYS:
        if len(d) >= bound:
            d.clear()
        d[k] = (k,)


def writes_remember(d: dict[tuple[int, bool], tuple[object, ...]]) -> None:
    bound = N // 2
    for k in KEYS:
        remember(d, k, (k,), bound)


Memo = dict[tuple[int, bool], tuple[object, ...]]


def per_op_ns(f: Callable[[Memo], None], d: Memo, reps: int = 100) -> float:
    t = time.process_time_ns()
    for _ in range(reps):
        f(d)
    return (time.process_time_ns() - t) / (reps * N)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    plain = {k: (k,) for k in KEYS}
    sub = _Sub(plain)
    runs: dict[str, list[float]] = {k: [] for k in ("hit_dict", "hit_subclass", "write_inline",
                                                     "write_remember")}
    for _ in range(args.rounds):
        runs["hit_dict"].append(per_op_ns(hits, plain))
        runs["hit_subclass"].append(per_op_ns(hits, sub))
        runs["write_inline"].append(per_op_ns(writes_inline, {}))
        runs["write_remember"].append(per_op_ns(writes_remember, {}))
    med = {k: round(statistics.median(v), 1) for k, v in runs.items()}
    for k, v in med.items():
        print(f"{k:15s} {v:7.1f} ns/op")
    print(f"hit on a dict subclass ×{med['hit_subclass'] / med['hit_dict']:.2f}, "
          f"write through remember ×{med['write_remember'] / med['write_inline']:.2f}")
    print(json.dumps({"ns_per_op": med,
                      "hit_subclass_ratio": round(med["hit_subclass"] / med["hit_dict"], 3),
                      "write_remember_ratio": round(med["write_remember"] / med["write_inline"], 3)}))


if __name__ == "__main__":
    main()
