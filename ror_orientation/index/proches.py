"""Relationship words ("ma femme", "mon mari", "notre fils", "ma belle-mère"): families name the
patient by who they are to them. Such a word says who the patient is (a sex, sometimes an age),
never which care: "femme" is no gynaecology, "mère" no geriatrics, and "tata" or "neveu" no name
of a unit to look for.

The words are data (`proches.csv`: each relationship's forms, the sex and the age it implies, and
why); the reading takes them as generic words, the way it takes "patient" or "madame". The table is
read from the reference data folder (`paths.fixtures_dir`, the ROR_FIXTURES_DIR setting) when a
concept index is built, never at import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import plier

# The first part of a kin compound ("belle-mère", "beau-frère", "demi-sœur"), which
# the tokenizer splits at its hyphen: generic too. ("grand" is not one: "grand brûlé" is a need;
# "grand-mère" is read whole as a synonym of the elderly.)
PREFIXES_PARENTE = frozenset(("beau", "belle", "demi"))


@dataclass(frozen=True, slots=True)
class Proche:
    """One relationship: its forms, the sex ("F", "H", "") and the age ("enfant", "adulte", "âgé",
    "") it implies."""

    formes: tuple[str, ...]
    sexe: str
    age: str
    justification: str


def charger_proches(dossier: Path | None = None) -> list[Proche]:
    """The table of relationship words (of the reference data folder unless `dossier` is given)."""
    path = (dossier or fixtures_dir() / "terminologie") / "proches.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [Proche(tuple(f.strip() for f in r["formes"].split("|") if f.strip()), r["sexe"], r["age"],
                       r["justification"]) for r in csv.DictReader(fh)]


def mots_proches(proches: list[Proche]) -> frozenset[str]:
    """The folded words of the relationship forms, and the kin prefixes of their compounds (never
    a compound's other first part: "petit" of "petit-fils"). A child's relationship (fils, fille)
    is left to the synonyms of the child (`synonymes.py`), which read it as who the patient is, a
    child unless an age is typed; a grandparent's to those of the elderly."""
    out: set[str] = set()
    for p in proches:
        if p.age in ("enfant", "âgé"):  # the child's and the elderly's synonyms read them
            continue
        for forme in p.formes:
            mots = plier(forme).replace("-", " ").split()
            out.update(m for m in mots if len(mots) == 1 or m not in mots[:-1] or m in PREFIXES_PARENTE)
    return frozenset(out)


def proches_mots(dossier: Path | None = None) -> frozenset[str]:
    """The relationship words of the reference data folder, folded (read once per folder)."""
    return _proches_mots(dossier or fixtures_dir() / "terminologie")


@lru_cache(maxsize=4)
def _proches_mots(dossier: Path) -> frozenset[str]:
    return mots_proches(charger_proches(dossier))
