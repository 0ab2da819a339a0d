"""Per-unit coded attributes (champ, mode, type d'offre, its EG's category, territory, flags,
equipment weights) as arrays, and the hard filters that run on them as array operations.

A unit is never returned when it is a draft (Statut.BROUILLON), definitively closed (a definitive
closure, or its EG closed), or sensitive and the caller may not see sensitive units.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..graphe.construction import eg_departement, eg_region
from ..offre import EntiteGeographique, Statut, UniteOperationnelle
from ..territoire import Territoire

POIDS_MAXIMUM = "001"  # TRE_R340


class Codes:
    """A column of single-valued codes stored as small ints (−1 = none)."""

    def __init__(self, n: int) -> None:
        self.values = np.full(n, -1, dtype=np.int32)
        self.ids: dict[str, int] = {}

    def grow(self, n: int) -> None:
        extra = n - len(self.values)
        if extra > 0:
            self.values = np.concatenate([self.values, np.full(extra, -1, dtype=np.int32)])

    def set(self, row: int, code: str | None) -> None:
        if code is None:
            self.values[row] = -1
            return
        self.values[row] = self.ids.setdefault(code, len(self.ids))

    def fill(self, codes: Sequence[str | None]) -> None:
        """Bulk load: one code per row."""
        ids = self.ids
        self.values = np.fromiter((-1 if c is None else ids.setdefault(c, len(ids)) for c in codes),
                                  dtype=np.int32, count=len(codes))

    def isin(self, rows: np.ndarray, codes: Sequence[str]) -> np.ndarray:
        wanted = [self.ids[c] for c in codes if c in self.ids]
        if not wanted:
            return np.zeros(len(rows), dtype=bool)
        vals = self.values[rows]
        if len(wanted) <= 4:  # a few comparisons beat isin's sort
            mask = vals == wanted[0]
            for w in wanted[1:]:
                mask |= vals == w
            return np.asarray(mask)
        return np.isin(vals, np.asarray(wanted, dtype=np.int32))


def is_alive(uo: UniteOperationnelle, eg: EntiteGeographique | None) -> bool:
    """Returnable at all: not a draft, not definitively closed, its EG not closed."""
    if uo.statut == Statut.BROUILLON or uo.ferme_definitivement:
        return False
    return eg is None or eg.ouvert


def is_hidden(uo: UniteOperationnelle) -> bool:
    """Hidden from public readers (droits.Appelant.voit_uo): sensitive, or not yet published."""
    return uo.sensible or uo.statut != Statut.PUBLIE


def weights_of(uo: UniteOperationnelle) -> dict[str, float]:
    """Equipment code → its highest rated weight (TRE_R340 001 poids maximum), kg."""
    out: dict[str, float] = {}
    for e in uo.equipements:
        if e.caracteristique == POIDS_MAXIMUM and e.valeur is not None:
            out[e.code] = max(out.get(e.code, 0.0), float(e.valeur))
    return out


class Attributs:
    """Coded columns and flags of every unit row."""

    def __init__(self, n: int) -> None:
        self.champ = Codes(n)
        self.mode = Codes(n)
        self.categorie = Codes(n)
        self.categorie_eg = Codes(n)  # the FINESS category of the unit's EG (JDV_J55)
        self.region = Codes(n)
        self.departement = Codes(n)
        self.eg = Codes(n)
        self.alive = np.zeros(n, dtype=bool)
        self.sensible = np.zeros(n, dtype=bool)
        # alive and not hidden: what any caller sees (one column read per candidate, not two)
        self.public = np.zeros(n, dtype=bool)
        self.poids_max = np.full(n, np.nan)
        self.poids: dict[int, dict[str, float]] = {}

    def grow(self, n: int) -> None:
        for c in (self.champ, self.mode, self.categorie, self.categorie_eg, self.region,
                  self.departement, self.eg):
            c.grow(n)
        extra = n - len(self.alive)
        if extra > 0:
            self.alive = np.concatenate([self.alive, np.zeros(extra, dtype=bool)])
            self.sensible = np.concatenate([self.sensible, np.zeros(extra, dtype=bool)])
            self.public = np.concatenate([self.public, np.zeros(extra, dtype=bool)])
            self.poids_max = np.concatenate([self.poids_max, np.full(extra, np.nan)])

    def set(self, row: int, uo: UniteOperationnelle, eg: EntiteGeographique | None,
            territoire: Territoire | None) -> None:
        self.champ.set(row, uo.champ)
        self.mode.set(row, uo.mode_prise_en_charge)
        self.categorie.set(row, uo.categorie_organisation)
        self.categorie_eg.set(row, eg.categorie or None if eg else None)
        self.region.set(row, eg_region(eg, territoire) if eg else None)
        self.departement.set(row, eg_departement(eg) if eg else None)
        self.eg.set(row, uo.eg_id)
        self.alive[row] = is_alive(uo, eg)
        self.sensible[row] = is_hidden(uo)
        self.public[row] = self.alive[row] and not self.sensible[row]
        w = weights_of(uo)
        if w:
            self.poids[row] = w
            self.poids_max[row] = max(w.values())
        else:
            self.poids.pop(row, None)
            self.poids_max[row] = np.nan

    def fill(self, units: Sequence[tuple[UniteOperationnelle, EntiteGeographique | None]],
             territoire: Territoire | None) -> None:
        """Bulk load of every row (same result as `set` on each, much faster)."""
        self.champ.fill([u.champ for u, _ in units])
        self.mode.fill([u.mode_prise_en_charge for u, _ in units])
        self.categorie.fill([u.categorie_organisation for u, _ in units])
        self.categorie_eg.fill([eg.categorie or None if eg else None for _, eg in units])
        regions: dict[str | None, str | None] = {}
        reg: list[str | None] = []
        dep: list[str | None] = []
        for _, eg in units:
            if eg is None:
                reg.append(None)
                dep.append(None)
                continue
            if eg.id not in regions:
                regions[eg.id] = eg_region(eg, territoire)
            reg.append(regions[eg.id])
            dep.append(eg_departement(eg))
        self.region.fill(reg)
        self.departement.fill(dep)
        self.eg.fill([u.eg_id for u, _ in units])
        self.alive = np.fromiter((is_alive(u, eg) for u, eg in units), dtype=bool, count=len(units))
        self.sensible = np.fromiter((is_hidden(u) for u, _ in units), dtype=bool, count=len(units))
        self.public = self.alive & ~self.sensible
        self.poids_max = np.full(len(units), np.nan)
        self.poids = {}
        for row, (u, _) in enumerate(units):
            if u.equipements:
                w = weights_of(u)
                if w:
                    self.poids[row] = w
                    self.poids_max[row] = max(w.values())

    def visible(self, rows: np.ndarray, voir_sensibles: bool,
                eg_visibles: Sequence[str] = ()) -> np.ndarray:
        """Alive rows the caller may see: hidden ones (`sensible`: sensitive or unpublished) only
        with full read, or when their EG is one of `eg_visibles` (an editor's own)."""
        if not voir_sensibles and not eg_visibles:
            return np.asarray(self.public[rows])
        mask = self.alive[rows]
        if not voir_sensibles:
            shown = ~self.sensible[rows]
            if eg_visibles:
                shown |= self.eg.isin(rows, eg_visibles)
            mask &= shown
        return np.asarray(mask)

    def weight_ok(self, rows: np.ndarray, poids_min: float, equipements: Sequence[str]) -> np.ndarray:
        """Every asked equipment rated ≥ poids_min kg; with none asked, any equipment rated so."""
        if not equipements:
            return np.asarray(self.poids_max[rows] >= poids_min)  # NaN (no rated equipment) is False
        out = np.zeros(len(rows), dtype=bool)
        for i, r in enumerate(rows.tolist()):
            w = self.poids.get(r)
            out[i] = w is not None and bool(w) and all(w.get(code, -1.0) >= poids_min for code in equipements)
        return out
