"""The registry of connected applications (table `application`): rows in, typed rows out. The
rules (rights, key format, who may be created) live in `ror_orientation.applications`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import sqlalchemy as sa

from .database import Database, Valeur, utc
from .schema import application_t

_COLUMNS = (application_t.c.id, application_t.c.nom, application_t.c.region,
            application_t.c.proprietaire, application_t.c.droits, application_t.c.eg_ids,
            application_t.c.cree_le, application_t.c.revoque_le)
# The per-request key lookup (built once, run on a held connection).
_BY_HASH: sa.Select[tuple[Valeur, ...]] = sa.select(*_COLUMNS).where(
    application_t.c.cle_hash == sa.bindparam("h"))


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    """One stored application (rights and EGs as stored: comma-separated codes)."""

    id: int
    nom: str
    region: str | None
    proprietaire: str
    droits: tuple[str, ...]
    eg_ids: tuple[str, ...]
    cree_le: datetime
    revoque_le: datetime | None


@lru_cache(maxsize=1024)  # the same key's row on every request: decoded once while it is unchanged
def _row(r: tuple[Valeur, ...]) -> ApplicationRow:
    id_, nom, region, proprietaire, droits, eg_ids, cree_le, revoque_le = r
    assert isinstance(cree_le, datetime | str) and isinstance(revoque_le, datetime | str | None)
    return ApplicationRow(
        id=int(str(id_)), nom=str(nom), region=str(region) if region is not None else None,
        proprietaire=str(proprietaire), droits=tuple(d for d in str(droits).split(",") if d),
        eg_ids=tuple(e for e in str(eg_ids or "").split(",") if e), cree_le=utc(cree_le),
        revoque_le=utc(revoque_le) if revoque_le is not None else None)


class ApplicationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, *, nom: str, region: str | None, proprietaire: str, droits: list[str],
               eg_ids: list[str], cle_hash: str, cree_le: datetime) -> int:
        with self.db.transaction() as conn:
            key = conn.execute(application_t.insert().values(
                nom=nom, region=region, proprietaire=proprietaire, droits=",".join(droits),
                eg_ids=",".join(eg_ids), cle_hash=cle_hash, cree_le=cree_le, revoque_le=None,
            )).inserted_primary_key
        assert key is not None
        return int(key[0])

    def get(self, app_id: int) -> ApplicationRow | None:
        with self.db.connect() as conn:
            r = conn.execute(sa.select(*_COLUMNS).where(application_t.c.id == app_id)).first()
        return _row(tuple(r)) if r is not None else None

    def list(self, *, include_revoked: bool = True) -> list[ApplicationRow]:
        q = sa.select(*_COLUMNS).order_by(application_t.c.id)
        if not include_revoked:
            q = q.where(application_t.c.revoque_le.is_(None))
        with self.db.connect() as conn:
            return [_row(tuple(r)) for r in conn.execute(q)]

    def revoke(self, app_id: int, when: datetime) -> None:
        """Set the revocation time unless already revoked (the first time is kept)."""
        with self.db.transaction() as conn:
            conn.execute(application_t.update()
                         .where(application_t.c.id == app_id, application_t.c.revoque_le.is_(None))
                         .values(revoque_le=when))

    def by_hash(self, cle_hash: str) -> ApplicationRow | None:
        """The application holding this key hash (a held statement: every request asks)."""
        rows = self.db.held_rows("application_by_hash", _BY_HASH, h=cle_hash)
        return _row(rows[0]) if rows else None

    def active_per_region(self) -> dict[str | None, int]:
        q = (sa.select(application_t.c.region, sa.func.count())
             .where(application_t.c.revoque_le.is_(None)).group_by(application_t.c.region))
        with self.db.connect() as conn:
            return {region: int(n) for region, n in conn.execute(q)}
