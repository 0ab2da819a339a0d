"""Quarterly snapshots of the population table, kept in the store (table `peuplement_snapshot`).

A snapshot holds every (region, champ) cell of the programme's 18 regions, zeros included, so "this
quarter has a snapshot" is simply "it has rows". Taking a quarter again replaces it in one
transaction: readers see the old snapshot or the new one, never a mix or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..errors import NotFoundError, ValidationError
from ..store import CelluleSnapshot, LigneSnapshotEG, Store
from ..territoire import REGIONS
from .perimetre import CHAMPS
from .statut import StatutEG
from .tableau import Compte, Tableau, format_pct, valeur_pct
from .trimestre import Trimestre


def enregistrer(store: Store, trimestre: Trimestre, tableau: Tableau,
                pris_le: datetime | None = None, statuts: Iterable[StatutEG] | None = None) -> int:
    """Store `tableau` (and the status of each target row, when given) as the snapshot of
    `trimestre`, replacing any previous one atomically."""
    q = str(trimestre)
    lignes = [LigneSnapshotEG(s.ligne.eg_id, s.ligne.champ, s.ligne.region, s.ligne.departement,
                              s.statut.value, s.n_finalise, s.n_en_cours, s.n_a_faire)
              for s in statuts or ()]
    cellules = []
    for region in REGIONS:
        for champ in CHAMPS:
            c = tableau.compte(region, champ)
            cellules.append(CelluleSnapshot(q, region, champ, c.cible, c.finalise, c.en_cours,
                                            c.a_faire))
    return store.snapshots.save(q, cellules, lignes, pris_le or datetime.now(UTC))


def lignes_eg(store: Store, trimestre: Trimestre, *, region: str | None = None,
              champ: str | None = None, statut: str | None = None) -> list[LigneSnapshotEG]:
    """The stored status of each target row of a quarter, filtered."""
    return store.snapshots.lignes(str(trimestre), region=region, champ=champ, statut=statut)


def charger(store: Store, trimestre: Trimestre) -> Tableau | None:
    """The snapshot of a quarter, or None when none was taken."""
    rows = store.snapshots.cellules(str(trimestre))
    if not rows:
        return None
    return Tableau({(r.region, r.champ): Compte(r.cible, r.finalise, r.en_cours, r.a_faire)
                    for r in rows})


def exiger(store: Store, trimestre: Trimestre) -> Tableau:
    """The snapshot of a quarter; a quarter without one is a 404 naming the field."""
    t = charger(store, trimestre)
    if t is None:
        raise NotFoundError(f"trimestre: no population snapshot for {trimestre} "
                            f"(take one with `ror-orientation peuplement --snapshot --trimestre "
                            f"{trimestre}`)", field="trimestre")
    return t


def trimestres(store: Store) -> list[Trimestre]:
    """Quarters that have a snapshot, oldest first."""
    return sorted(Trimestre.parse(t) for t in store.snapshots.trimestres())


def pris_le(store: Store, trimestre: Trimestre) -> datetime | None:
    return store.snapshots.pris_le(str(trimestre))


def serie(store: Store, region: str, champs: list[str]) -> dict[str, Any]:
    """A region's series over the snapshotted quarters, per champ, oldest first."""
    if region not in REGIONS:
        raise ValidationError(f"region: unknown region code {region!r}, expected one of "
                              f"{', '.join(REGIONS)}", field="region")
    rows = store.snapshots.serie(region, champs)
    by_q: dict[str, dict[str, Any]] = {}
    for r in rows:
        c = Compte(r.cible, r.finalise, r.en_cours, r.a_faire)
        entry = by_q.setdefault(r.trimestre, {"trimestre": r.trimestre,
                                              "libelle": Trimestre.parse(r.trimestre).libelle,
                                              "champs": {}})
        entry["champs"][r.champ] = {
            "cible": c.cible, "finalise": c.finalise, "en_cours": c.en_cours, "a_faire": c.a_faire,
            "pct_peuples": format_pct(c.numerateur("peuples"), c.cible),
            "pct_qualite": format_pct(c.numerateur("qualite"), c.cible),
            "pct_peuples_valeur": valeur_pct(c.numerateur("peuples"), c.cible),
            "pct_qualite_valeur": valeur_pct(c.numerateur("qualite"), c.cible)}
    series = sorted(by_q.values(), key=lambda e: Trimestre.parse(e["trimestre"]))
    return {"region": region, "libelle": REGIONS[region], "champs": champs, "serie": series}
