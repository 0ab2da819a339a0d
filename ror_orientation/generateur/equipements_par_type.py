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

from ..errors import ValidationError
from ..nomenclatures import Nomenclatures
from ..offre import Equipement
from ..paths import fixtures_dir
from .actes_par_type import Parts, porteurs, rows

TABLE = "equipements_par_type.csv"


@lru_cache(maxsize=4)
def equipements_par_type(root: Path | None = None) -> dict[str, Parts]:
    """Kind key → the table's equipment codes for that kind with their shares, in the file's order."""
    per: dict[str, list[tuple[str, float]]] = {}
    for row in rows((root or fixtures_dir()) / "generateur" / TABLE):
        code = row["code"]
        for kind, share in porteurs(code, row["porteurs"], TABLE):
            per.setdefault(kind, []).append((code, share))
    return {kind: tuple(parts) for kind, parts in per.items()}


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
    r212 = nom.table("TRE_R212")
    known = set(kinds)
    n = 0
    for kind, parts in equipements_par_type(root).items():
        if kind not in known:
            raise ValidationError(f"{TABLE}: unknown kind {kind!r}", field=f"{TABLE}.porteurs")
        for code, _ in parts:
            entry = r212.codes.get(code)
            if entry is None or not entry.actif:
                state = "unknown" if entry is None else "deprecated"
                raise ValidationError(f"{TABLE}: equipment {code!r} is {state} in TRE_R212",
                                      field=f"{TABLE}.code")
            n += 1
    return n


__all__ = ["check_equipements_par_type", "equipements_du_type", "equipements_par_type"]
