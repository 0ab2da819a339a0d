"""Former and everyday names of kinds of structure ("CPEF" is now a centre de santé sexuelle,
"CCAA"/"CSST" are CSAPA, "MAIA"/"PTA" a DAC): users and old documents keep them. From
`appellations.csv`, each row with the text that renamed it (FINESS nomenclature, decree, law)."""

from __future__ import annotations

import csv
from collections.abc import Container
from pathlib import Path

from ..paths import fixtures_dir
from .synonymes import Entree


def entrees_appellations(connus: Container[str], dossier: Path | None = None) -> tuple[Entree, ...]:
    """One synonym entry per row: the names (`appellations`) → today's concepts (those in `connus`)."""
    path = (dossier or fixtures_dir() / "terminologie") / "appellations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for n, row in enumerate(rows):
        concepts = tuple(c for c in row["concepts"].split() if c in connus)
        if concepts:
            out.append(Entree(f"appellation:{n}", tuple(row["appellations"].split("|")), (), concepts))
    return tuple(out)
