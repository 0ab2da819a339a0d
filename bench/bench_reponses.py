"""Every answer of bench_search's query mix, written down, so two versions of the engine can be
held to the same answers: totals, ids, scores, distances, explanations, fallback steps, stage
counts and cursors (each first page's cursor is followed once), with each query's CPU time.

    .venv/bin/python bench/bench_reponses.py --cache DIR --out new.jsonl [--tree OTHER_CHECKOUT]
    .venv/bin/python bench/bench_reponses.py --compare old.jsonl new.jsonl

`--tree` imports the engine from another checkout (the same mix, its code), so a change is
compared with the code before it; the machine is shared, so the CPU times of alternating runs
are what to compare. The queries are bench_search's, timed as it times them (one pass, "now"
moving on 7 s per query, after the same warm-up); the answers are serialised after the pass.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def plain(value: Any) -> Any:
    """A JSON-able form of an answer's value: exact floats (hex), datetimes as ISO text."""
    if isinstance(value, float):
        return "nan" if math.isnan(value) else value.hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f: plain(getattr(value, f)) for f in value.__dataclass_fields__}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):  # an enum
        return value.value
    return value


def answer(rep: Any) -> dict[str, Any]:
    """What a response says, its timing (`duree_ms`) left out."""
    out = plain(rep)
    out.pop("duree_ms", None)
    return out


def compare(old: Path, new: Path) -> int:
    a = [json.loads(x) for x in old.read_text().splitlines() if x.strip()]
    b = [json.loads(x) for x in new.read_text().splitlines() if x.strip()]
    if len(a) != len(b):
        print(f"{len(a)} answers against {len(b)}")
        return 1
    diff = 0
    for x, y in zip(a, b, strict=True):
        for part in ("query", "first", "next"):
            if x[part] != y[part]:
                diff += 1
                keys = sorted(k for k in {*x[part], *y[part]} if x[part].get(k) != y[part].get(k)) \
                    if isinstance(x[part], dict) and isinstance(y[part], dict) else []
                print(f"q{x['i']} {x['kind']} {part}: differs in {keys}")
    pages = sum(1 for x in a for part in ("first", "next") if x[part] is not None)
    print(f"{len(a)} queries, {pages} pages: {diff} differences")
    return int(diff > 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="checkout whose engine answers")
    ap.add_argument("--scale", default="national", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated offer")
    ap.add_argument("--out", type=Path, help="answers, one JSON line per query")
    ap.add_argument("--compare", type=Path, nargs=2, metavar=("OLD", "NEW"))
    args = ap.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    tree = args.tree.resolve()
    sys.path[:0] = [str(tree), str(tree / "bench")]
    from bench_pertinence import offre_of
    from bench_search import NOW, pct, queries

    from ror_orientation.engine import Engine
    from ror_orientation.requete import Requete

    offre = offre_of(args.scale, args.seed, args.cache, False)
    engine = Engine.build(offre)
    mix = queries(engine, args.queries, args.seed)
    for _, req in mix[:20]:  # bench_search's warm-up
        engine.search(req, now=NOW - timedelta(hours=3))
    reps = []
    cpu: dict[str, list[float]] = {}
    for i, (kind, req) in enumerate(mix):
        now = NOW + timedelta(seconds=7 * i)
        c = time.thread_time()
        rep = engine.search(req, now=now)
        cpu.setdefault(kind, []).append((time.thread_time() - c) * 1000)
        reps.append((i, kind, req, now, rep, cpu[kind][-1]))
    figures = {k: {"p50": round(pct(v, 50), 4), "p95": round(pct(v, 95), 4),
                   "p99": round(pct(v, 99), 4)} for k, v in cpu.items()}
    if args.out:
        with args.out.open("w") as fh:
            for i, kind, req, now, rep, ms in reps:
                nxt = None
                if rep.curseur_suivant:
                    more = Requete(**{**{f: getattr(req, f) for f in req.__dataclass_fields__},
                                      "curseur": rep.curseur_suivant})
                    nxt = answer(engine.search(more, now=now))
                fh.write(json.dumps({"i": i, "kind": kind, "cpu_ms": round(ms, 4), "query": plain(req),
                                     "first": answer(rep), "next": nxt},
                                    ensure_ascii=False) + "\n")
    print(json.dumps({"tree": str(tree), "cpu_ms": figures}))


if __name__ == "__main__":
    main()
