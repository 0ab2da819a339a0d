"""Quarterly population snapshots (tables `peuplement_snapshot`, `peuplement_snapshot_eg`): typed
rows in and out; what a snapshot means lives in `peuplement/snapshots.py`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .database import Database
from .schema import peuplement_snapshot_eg_t as TE
from .schema import peuplement_snapshot_t as T


@dataclass(frozen=True, slots=True)
class CelluleSnapshot:
    """One (region, champ) cell of a quarter's table."""

    trimestre: str
    region: str
    champ: str
    cible: int
    finalise: int
    en_cours: int
    a_faire: int


@dataclass(frozen=True, slots=True)
class LigneSnapshotEG:
    """One target row (an EG in a champ) of a quarter, with its status and unit counts."""

    eg_id: str
    champ: str
    region: str | None
    departement: str | None
    statut: str
    n_finalise: int
    n_en_cours: int
    n_a_faire: int


def _cellule(r: Sequence[Any]) -> CelluleSnapshot:
    """A row of the _CELLULE columns, in their order."""
    return CelluleSnapshot(*r)


_CELLULE = (T.c.trimestre, T.c.region, T.c.champ, T.c.cible, T.c.finalise, T.c.en_cours,
            T.c.a_faire)


class SnapshotRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, trimestre: str, cellules: Iterable[CelluleSnapshot],
             lignes: Iterable[LigneSnapshotEG], pris_le: datetime) -> int:
        """Replace the quarter's snapshot in one transaction; returns the cells written."""
        rows = [{**asdict(c), "pris_le": pris_le} for c in cellules]
        eg_rows = [{**asdict(r), "trimestre": trimestre} for r in lignes]
        with self.db.transaction() as conn:
            conn.execute(T.delete().where(T.c.trimestre == trimestre))
            conn.execute(TE.delete().where(TE.c.trimestre == trimestre))
            if rows:
                conn.execute(T.insert(), rows)
            for k in range(0, len(eg_rows), 5000):
                conn.execute(TE.insert(), eg_rows[k:k + 5000])
        return len(rows)

    def lignes(self, trimestre: str, *, region: str | None = None, champ: str | None = None,
               statut: str | None = None) -> list[LigneSnapshotEG]:
        """A quarter's target rows, filtered, by region, champ and EG."""
        q = sa.select(TE.c.eg_id, TE.c.champ, TE.c.region, TE.c.departement, TE.c.statut,
                      TE.c.n_finalise, TE.c.n_en_cours, TE.c.n_a_faire).where(
            TE.c.trimestre == trimestre)
        if region is not None:
            q = q.where(TE.c.region == region)
        if champ is not None:
            q = q.where(TE.c.champ == champ)
        if statut is not None:
            q = q.where(TE.c.statut == statut)
        with self.db.connect() as conn:
            return [LigneSnapshotEG(*r) for r in
                    conn.execute(q.order_by(TE.c.region, TE.c.champ, TE.c.eg_id))]

    def cellules(self, trimestre: str) -> list[CelluleSnapshot]:
        with self.db.connect() as conn:
            return [_cellule(r) for r in
                    conn.execute(sa.select(*_CELLULE).where(T.c.trimestre == trimestre))]

    def serie(self, region: str, champs: list[str]) -> list[CelluleSnapshot]:
        """A region's cells of these champs over every quarter, by quarter and champ."""
        q = (sa.select(*_CELLULE).where(T.c.region == region, T.c.champ.in_(champs))
             .order_by(T.c.trimestre, T.c.champ))
        with self.db.connect() as conn:
            return [_cellule(r) for r in conn.execute(q)]

    def trimestres(self) -> list[str]:
        with self.db.connect() as conn:
            return [str(t) for t in conn.execute(sa.select(T.c.trimestre).distinct()).scalars()]

    def pris_le(self, trimestre: str) -> datetime | None:
        """When the quarter's snapshot was taken (as the database hands it back)."""
        with self.db.connect() as conn:
            value: datetime | None = conn.execute(
                sa.select(sa.func.max(T.c.pris_le)).where(T.c.trimestre == trimestre)).scalar()
        return value
