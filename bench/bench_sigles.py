"""Abbreviation coverage and agreement: each abbreviation of the shipped inventory and of the
jargon table, typed in capitals, against its expansion(s) typed in full.

    .venv/bin/python bench/bench_sigles.py [-v] [--source inventaire|jargon]

An abbreviation should read as its expansion typed in full does. Sources: the sense inventory
(`fixtures/terminologie/abreviations.csv`: abbreviation → one preferred long form per sense) and the
jargon table (the synonym entries of `index/synonymes.py`, former names `appellations.csv` and
professions `professions.csv`: a key typed in capitals → the entry's other keys of two words or
more). For each abbreviation:

- `lu`: its reading names at least one concept;
- `juge`: at least one expansion names a concept (else nothing can be said of the agreement);
- `accord`: for some expansion, the abbreviation's best concept is among the expansion's three
  best, or the expansion's best among the abbreviation's three best;
- `manque`: an expansion names a concept and the abbreviation none.

Variants, for the abbreviations read in capitals: dotted (`A.V.C.`), plural (`AVCs`), lower
case (`avc`, reported only: a lower-case word may be a French word) and inside a phrase, beside a
qualifier (`AVC grave`: the qualifier says how the need is, never another need) read the same best
concept.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ror_orientation.index import default_concept_index  # noqa: E402
from ror_orientation.index.analyse import plier  # noqa: E402
from ror_orientation.index.concepts import ConceptIndex  # noqa: E402

TOP = 3
QUALIFICATIF = "grave"  # typed after each abbreviation for the phrase variant
# A jargon key is an abbreviation when typed in capitals: letters (digits and + allowed), 2 to 8.
SIGLE_RE = re.compile(r"^[A-Z][A-Za-z0-9+]{1,7}$")


def lecture(ix: ConceptIndex, texte: str) -> list[str]:
    """The concepts a text reads, best first (who the patient is left out)."""
    it = ix.resolve(texte)
    matches = sorted((m for g in it.groupes if not g.souple for m in g.matches), key=lambda m: -m.score)
    return list(dict.fromkeys(m.concept for m in matches))


def inventaire() -> list[tuple[str, str, list[str]]]:
    """(abbreviation, source, long forms) of the sense inventory."""
    par: dict[str, list[str]] = {}
    with (ROOT / "fixtures" / "terminologie" / "abreviations.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            par.setdefault(r["abreviation"], []).append(r["forme_longue"])
    return [(a.upper(), "inventaire", formes) for a, formes in sorted(par.items())]


def jargon(ix: ConceptIndex) -> list[tuple[str, str, list[str]]]:
    """(abbreviation, source, expansions) of the jargon table: each capitalised key of an entry
    with the entry's keys of two words or more."""
    out: dict[str, tuple[str, list[str]]] = {}
    for eid, e in ix.synonymes.entrees.items():
        if eid.startswith("sigle:"):
            continue  # read from the labels themselves
        longues = [k for k in e.cles if len(k.split()) >= 2 and not SIGLE_RE.match(k.split()[0])]
        for k in e.cles:
            if SIGLE_RE.match(k) and sum(c.isupper() for c in k) >= 2 and longues:
                _src, formes = out.setdefault(k, (eid, []))
                formes.extend(f for f in longues if f not in formes)
    return [(k, src, formes) for k, (src, formes) in sorted(out.items())]


def accord(a: list[str], e: list[str]) -> bool:
    return bool(a) and bool(e) and (a[0] in e[:TOP] or e[0] in a[:TOP])


def variantes(sigle: str) -> dict[str, str]:
    lettres = sigle.rstrip("0123456789+")
    out = {"minuscules": sigle.lower(), "qualifie": f"{sigle} {QUALIFICATIF}"}
    if lettres == sigle and sigle.isalpha() and sigle.isupper():
        out["points"] = ".".join(sigle) + "."
        out["pluriel"] = sigle + "s"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per disagreement or miss")
    ap.add_argument("--source", choices=("inventaire", "jargon"), help="only this source")
    args = ap.parse_args()
    ix = default_concept_index()
    rows = inventaire() + jargon(ix)
    if args.source:
        rows = [r for r in rows if (r[1] == "inventaire") == (args.source == "inventaire")]
    stats: dict[str, dict[str, int]] = {}
    var_ok: dict[str, list[int]] = {}
    for sigle, src, formes in rows:
        kind = "inventaire" if src == "inventaire" else "jargon"
        s = stats.setdefault(kind, {"n": 0, "lu": 0, "juge": 0, "accord": 0, "manque": 0})
        a = lecture(ix, sigle)
        lectures = [lecture(ix, f) for f in formes]
        juge = any(lectures)
        ok = any(accord(a, e) for e in lectures)
        s["n"] += 1
        s["lu"] += bool(a)
        s["juge"] += juge
        s["accord"] += ok
        s["manque"] += juge and not a
        if args.verbose and juge and not ok:
            print(f"{'MANQUE' if not a else 'DESACC'} {sigle:8} [{src}] {a[:3]} | "
                  + " ; ".join(f"{f} → {e[:3]}" for f, e in zip(formes, lectures, strict=True)))
        if a:
            for nom, v in variantes(sigle).items():
                b = lecture(ix, v)
                same = bool(b) and b[0] in a[:TOP]
                var_ok.setdefault(nom, []).append(int(same))
                if args.verbose and not same and nom != "minuscules" and plier(v) != plier(sigle):
                    print(f"VARIANTE {nom:10} {v:10} {b[:3]} ≠ {sigle} {a[:3]}")
    out: dict[str, object] = {}
    for kind, s in stats.items():
        out[kind] = {**s, "lu_part": round(s["lu"] / s["n"], 3),
                     "accord_part": round(s["accord"] / max(1, s["juge"]), 3)}
    out["variantes"] = {k: round(sum(v) / len(v), 3) for k, v in sorted(var_ok.items())}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
