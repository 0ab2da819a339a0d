"""Health professions as people name them ("kiné", "psychologue", "orthophoniste"): the care the
profession gives (TRE_R211) and its city practice (TRE_R244 "Cabinet de ville de …"), from
`professions.csv` (one row per RPPS profession, TRE_G15). A psychologist is asked for psychological
follow-up, not psychiatry; a physiotherapist for physiotherapy in town before a rehabilitation ward.
"""

from __future__ import annotations

import csv
from collections.abc import Container, Iterable
from dataclasses import replace
from pathlib import Path

from ..paths import fixtures_dir
from .groupe import Groupe
from .synonymes import Entree

ACTIVITE_PART = 0.9  # the profession's activity, relative to its city practice


def pratiques(entrees: Iterable[Entree]) -> frozenset[str]:
    """The city practice types (TRE_R244) the profession entries among `entrees` name."""
    return frozenset(c for e in entrees if e.id.startswith("profession:") for c in e.concepts
                     if c.startswith("R244:"))


def entrees_professions(connus: Container[str], dossier: Path | None = None) -> tuple[Entree, ...]:
    """One synonym entry per profession: its forms (`formes`) → its practice type first, then
    its activity; codes absent from `connus` are left out."""
    path = (dossier or fixtures_dir() / "terminologie") / "professions.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        concepts = tuple(c for c in row["concepts"].split() if c in connus)
        if concepts:
            out.append(Entree(f"profession:{row['code_g15']}", tuple(row["formes"].split("|")), (), concepts))
    return tuple(out)


def pratique_d_abord(g: Groupe, cabinets: Container[str]) -> Groupe:
    """A profession named ("kinésithérapeute", even misspelt) asks for the professional: their
    city practice ranks first, the activity (which hospital wards and rehabilitation units also
    declare) just below it."""
    if g.souple or g.via not in ("synonyme", "faute") or not g.matches:
        return g
    top = g.matches[0].score
    if not any(m.concept in cabinets and m.score >= top for m in g.matches):
        return g
    matches = tuple(replace(m, score=round(m.score * ACTIVITE_PART, 4)) if m.table == "TRE_R211" else m
                    for m in g.matches)
    return replace(g, matches=tuple(sorted(matches, key=lambda m: -m.score)))
