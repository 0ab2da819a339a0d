"""Downstream places typed as coordinators type them: "<place> pour <patient>", scored as bench_pertinence.

    .venv/bin/python bench/bench_aval.py [--scale demo|national] [--cache DIR] [-v]

Every wording of `fixtures/terminologie/structures_aval.csv` (EHPAD, SMR, HAD, IME, SESSAD, FAM,
ESAT, CMP, CSAPA, USP, LHSS...) is searched alone (`seul`) and followed by each patient phrase of
FORMES below (profile aval, the phrase's age passed as the form would), no place, top 10. A unit is
good when it carries one of the wording's place codes (the first `|` part of `attendus`): who the
place is for must choose among the places of that kind, never replace them; for a child, an adult
SMR place is also met by the paediatric SMR. Printed per form
(HIT@1, HIT@3, HIT@10, P@10, zero) as bench_pertinence prints a kind, then one JSON line. A form
scoring below `seul` is a reading of "pour <patient>" to look at (`-v` lists every query); an
age-bound form (`enfant`, `age`) also scores the places that do not take that age (an EHPAD for a
child finds none), so compare it with itself across versions, not with `seul`.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pertinence import offre_of, run  # noqa: E402  (bench/ is on sys.path)

from ror_orientation.engine import Engine  # noqa: E402

PLACES = ROOT / "fixtures" / "terminologie" / "structures_aval.csv"
MENTIONS = ROOT / "fixtures" / "terminologie" / "smr_mentions.csv"
# A child is rehabilitated in the paediatric SMR whatever the adult mention asked (décret n° 2022-24):
# for the `enfant` form an SMR place is also met there (TRE_R244 109, 110).
SMR_ENFANT = ("R244:109", "R244:110")
SMR_POLYVALENT = "R244:100"
# form name → (what follows the place, the age the search is given)
FORMES: dict[str, tuple[str, int | None]] = {
    "seul": ("", None),
    "patient": ("pour un patient", None),
    "handicap": ("pour adulte handicapé", None),
    "age": ("pour une personne de 82 ans", 82),
    "enfant": ("pour un enfant de 8 ans", 8),
}


def _smr() -> set[str]:
    """The adult SMR places: the polyvalent one and every mention's codes."""
    with MENTIONS.open(encoding="utf-8", newline="") as fh:
        return {SMR_POLYVALENT} | {c for r in csv.DictReader(fh) for c in r["concepts"].split()}


def lignes() -> list[dict]:
    """One judged line per wording and form, in bench_pertinence's format (`aval-<form>-NNNN`)."""
    with PLACES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    smr = _smr()
    out = []
    for n, row in enumerate(rows):
        attendus: dict[str, list[str]] = {}
        for cid in row["attendus"].split("|")[0].split():
            table, code = cid.split(":", 1)
            attendus.setdefault(table, []).append(code)
        place = set(row["attendus"].split("|")[0].split())
        for forme, (suite, age) in FORMES.items():
            bons = attendus
            if forme == "enfant" and place & smr:
                bons = {t: list(v) for t, v in attendus.items()}
                for cid in SMR_ENFANT:
                    table, code = cid.split(":", 1)
                    bons.setdefault(table, []).append(code)
            out.append({"id": f"aval-{forme}-{n:04d}", "texte": f"{row['formulation']} {suite}".strip(),
                        "profil": "aval", "age": age, "sexe": None, "attendus": bons, "regle": "any"})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="demo", choices=("demo", "national"))
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--cache", type=Path, default=None, help="folder keeping the generated offer")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per query")
    args = ap.parse_args()
    t0 = time.perf_counter()
    offre = offre_of(args.scale, args.seed, args.cache, False)
    engine = Engine.build(offre)
    print(f"data set: {args.scale}, {len(offre.uo)} units, built in {time.perf_counter() - t0:.1f} s", flush=True)
    run(engine, offre, lignes(), args.scale, PLACES.name, args.verbose)


if __name__ == "__main__":
    main()
