"""Quarterly snapshots of the population table, kept in the store (table `peuplement_snapshot`).

A snapshot holds every (region, champ) cell of the programme's 18 regions, zeros included, so "this
quarter has a snapshot" is simply "it has rows". Taking a quarter again replaces it in one
transaction: readers see the old snapshot or the new one, never a mix or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..errors import NotFoundError, ValidationError
from ..store import Store, peuplement_snapshot_eg_t, peuplement_snapshot_t
from ..territoire import REGIONS
from .perimetre import CHAMPS
from .statut import StatutEG
from .tableau import Compte, Tableau, format_pct, valeur_pct
from .trimestre import Trimestre

T = peuplement_snapshot_t
TE = peuplement_snapshot_eg_t


def enregistrer(store: Store, trimestre: Trimestre, tableau: Tableau,
                pris_le: datetime | None = None, statuts: Iterable[StatutEG] | None = None) -> int:
    """Store `tableau` (and the status of each target row, when given) as the snapshot of
    `trimestre`, replacing any previous one atomically."""
    now = pris_le or datetime.now(UTC)
    eg_rows = [{"trimestre": str(trimestre), "eg_id": s.ligne.eg_id, "champ": s.ligne.champ,
                "region": s.ligne.region, "departement": s.ligne.departement,
                "statut": s.statut.value, "n_finalise": s.n_finalise, "n_en_cours": s.n_en_cours,
                "n_a_faire": s.n_a_faire} for s in statuts or ()]
    rows = []
    for region in REGIONS:
        for champ in CHAMPS:
            c = tableau.compte(region, champ)
            rows.append({"trimestre": str(trimestre), "region": region, "champ": champ,
                         "cible": c.cible, "finalise": c.finalise, "en_cours": c.en_cours,
                         "a_faire": c.a_faire, "pris_le": now})
    with store.transaction() as conn:
        conn.execute(T.delete().where(T.c.trimestre == str(trimestre)))
        conn.execute(TE.delete().where(TE.c.trimestre == str(trimestre)))
        conn.execute(T.insert(), rows)
        for k in range(0, len(eg_rows), 5000):
            conn.execute(TE.insert(), eg_rows[k:k + 5000])
    return len(rows)


def lignes_eg(store: Store, trimestre: Trimestre, *, region: str | None = None,
              champ: str | None = None, statut: str | None = None) -> list[dict[str, Any]]:
    """The stored status of each target row of a quarter, filtered."""
    q = sa.select(TE).where(TE.c.trimestre == str(trimestre))
    if region is not None:
        q = q.where(TE.c.region == region)
    if champ is not None:
        q = q.where(TE.c.champ == champ)
    if statut is not None:
        q = q.where(TE.c.statut == statut)
    with store.engine.connect() as conn:
        return [{"eg_id": r.eg_id, "champ": r.champ, "region": r.region,
                 "departement": r.departement, "statut": r.statut, "n_finalise": r.n_finalise,
                 "n_en_cours": r.n_en_cours, "n_a_faire": r.n_a_faire}
                for r in conn.execute(q.order_by(TE.c.region, TE.c.champ, TE.c.eg_id))]


def charger(store: Store, trimestre: Trimestre) -> Tableau | None:
    """The snapshot of a quarter, or None when none was taken."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(T).where(T.c.trimestre == str(trimestre))).all()
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
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(T.c.trimestre).distinct()).scalars().all()
    return sorted(Trimestre.parse(t) for t in found)


def pris_le(store: Store, trimestre: Trimestre) -> datetime | None:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(T.c.pris_le))
                            .where(T.c.trimestre == str(trimestre))).scalar()


def serie(store: Store, region: str, champs: list[str]) -> dict[str, Any]:
    """A region's series over the snapshotted quarters, per champ, oldest first."""
    if region not in REGIONS:
        raise ValidationError(f"region: unknown region code {region!r}, expected one of "
                              f"{', '.join(REGIONS)}", field="region")
    q = (sa.select(T).where(T.c.region == region, T.c.champ.in_(champs))
         .order_by(T.c.trimestre, T.c.champ))
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
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
