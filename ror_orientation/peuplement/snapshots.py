"""Quarterly snapshots of the population table, kept in the store (table `peuplement_snapshot`).

A snapshot holds every (region, champ) cell of the programme's 18 regions, zeros included, so "this
quarter has a snapshot" is simply "it has rows". Taking a quarter again replaces it in one
transaction: readers see the old snapshot or the new one, never a mix or nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..errors import NotFoundError, ValidationError
from ..store import Store, peuplement_snapshot_t
from ..territoire import REGIONS
from .perimetre import CHAMPS
from .tableau import Compte, Tableau, format_pct, valeur_pct
from .trimestre import Trimestre

T = peuplement_snapshot_t


def enregistrer(store: Store, trimestre: Trimestre, tableau: Tableau,
                pris_le: datetime | None = None) -> int:
    """Store `tableau` as the snapshot of `trimestre`, replacing any previous one atomically."""
    now = pris_le or datetime.now(UTC)
    rows = []
    for region in REGIONS:
        for champ in CHAMPS:
            c = tableau.compte(region, champ)
            rows.append({"trimestre": str(trimestre), "region": region, "champ": champ,
                         "cible": c.cible, "finalise": c.finalise, "en_cours": c.en_cours,
                         "a_faire": c.a_faire, "pris_le": now})
    with store.transaction() as conn:
        conn.execute(T.delete().where(T.c.trimestre == str(trimestre)))
        conn.execute(T.insert(), rows)
    return len(rows)


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
