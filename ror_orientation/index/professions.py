"""Health professions as people name them ("kiné", "psychologue", "orthophoniste"): the care the
profession gives (TRE_R211) and its city practice (TRE_R244 "Cabinet de ville de …"), from
`professions.csv` (one row per RPPS profession, TRE_G15). A psychologist is asked for psychological
follow-up, not psychiatry; a physiotherapist for physiotherapy in town before a rehabilitation ward.
"""

from __future__ import annotations

import csv
from collections.abc import Container
from pathlib import Path

from ..paths import fixtures_dir
from .synonymes import Entree


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
