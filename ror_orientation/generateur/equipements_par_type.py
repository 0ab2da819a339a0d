"""The equipment (TRE_R212) each kind of unit holds in France beyond the catalogue's own (`Equip`),
as data with its reasons in `fixtures/generateur/equipements_par_type.csv`.

A unit draws its table equipment from a random stream of its own, after every other draw, so the
rest of the offer is generated exactly as without the table (as `actes_par_type.py` does for acts).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..nomenclatures import Nomenclatures
from ..offre import Equipement
from ..paths import fixtures_dir
from .actes_par_type import Parts, codes_checked, par_type

TABLE = "equipements_par_type.csv"


@lru_cache(maxsize=4)
def equipements_par_type(root: Path | None = None) -> dict[str, Parts]:
    """Kind key → the table's equipment codes for that kind with their shares, in the file's order."""
    return par_type((root or fixtures_dir()) / "generateur" / TABLE)


def equipements_du_type(kind: str, graine: str, deja: Iterable[str]) -> tuple[Equipement, ...]:
    """The table equipment one unit of `kind` declares besides the codes `deja`, drawn from the
    stream `graine` (the unit's own: one draw per equipment of its kind)."""
    parts = equipements_par_type().get(kind)
    if not parts:
        return ()
    rng = random.Random(f"{graine}:r212")
    held = set(deja)
    return tuple(Equipement(code) for code, share in parts if rng.random() < share and code not in held)


def check_equipements_par_type(nom: Nomenclatures, kinds: Iterable[str], root: Path | None = None) -> int:
    """Refuse an equipment unknown or deprecated in TRE_R212 or a kind the catalogue does not know;
    return how many (equipment, kind) pairs were read."""
    table = equipements_par_type(root)
    return sum(1 for _ in codes_checked(table, TABLE, nom.table("TRE_R212"), "equipment", kinds))


__all__ = ["check_equipements_par_type", "equipements_du_type", "equipements_par_type"]
