"""Abbreviation audit: acute clinical abbreviations of the sense inventory, read through the
concept index, against the organ speciality each one is cared for in.

    .venv/bin/python bench/bench_abreviations.py [-v]

`abreviations_organes.csv` (ours: one acute abbreviation of `fixtures/terminologie/abreviations.csv`
per row, its organ, the TRE_R211 activities that care for it) is the judged list. Each abbreviation
is typed alone, in capitals, as a regulator types it. An abbreviation is right when the best
activity of the reading (R211, highest confidence) is one of the expected ones; it "pulls" when
its five best concepts name a newborn's unit (néonatologie, its soins intensifs or réanimation)
while no newborn unit is expected. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ror_orientation.index import default_concept_index  # noqa: E402

NEONATAL = {"R211:094", "R211:369", "R211:128", "R244:286", "R244:287", "R244:289"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per abbreviation")
    args = ap.parse_args()
    ix = default_concept_index()
    rows = list(csv.DictReader((Path(__file__).parent / "abreviations_organes.csv").open(encoding="utf-8")))
    right = understood = pulls = 0
    by_organ: dict[str, list[int]] = {}
    for r in rows:
        expected = set(r["attendus"].split())
        it = ix.resolve(r["abreviation"].upper())
        matches = sorted((m for g in it.groupes if not g.souple for m in g.matches),
                         key=lambda m: -m.score)
        activites = [m.concept for m in matches if m.concept.startswith("R211:")]
        ok = bool(activites) and activites[0] in expected
        pull = any(m.concept in NEONATAL for m in matches[:5]) and not expected & NEONATAL
        understood += bool(matches)
        right += ok
        pulls += pull
        by_organ.setdefault(r["organe"], []).append(int(ok))
        if args.verbose:
            print(f"{'ok ' if ok else 'NO '}{r['abreviation']:6} {r['organe']:12} "
                  f"{activites[:3]}{' PULL' if pull else ''}")
    n = len(rows)
    out = {"abbreviations": n, "understood": round(understood / n, 3), "right_organ": round(right / n, 3),
           "neonatal_pulls": pulls,
           "by_organ": {o: round(sum(v) / len(v), 3) for o, v in sorted(by_organ.items())}}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
