"""The registry of connected applications (the ROR's "cercle de confiance") and key authentication.

Every caller is a registered application (name, region, owner, rights, the EGs an editor writes) with
an API key shown once and stored only as its SHA-256 hash. Revocation is a timestamp: effective at once
because every request looks the hash up.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from .droits import Appelant, Droit, parse_droits
from .errors import AuthenticationError, NotFoundError, ValidationError
from .store import APPLICATION_BY_HASH, Store, application_t, eg_t
from .territoire import REGIONS

KEY_PREFIX = "ror_"


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    nom: str
    region: str | None
    proprietaire: str
    droits: frozenset[Droit]
    eg_ids: tuple[str, ...]
    cree_le: datetime
    revoque_le: datetime | None

    @property
    def active(self) -> bool:
        return self.revoque_le is None

    def appelant(self) -> Appelant:
        return Appelant(self.id, self.nom, self.droits, frozenset(self.eg_ids))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "nom": self.nom,
            "region": self.region,
            "proprietaire": self.proprietaire,
            "droits": sorted(d.value for d in self.droits),
            "eg_ids": list(self.eg_ids),
            "cree_le": self.cree_le.isoformat(),
            "revoque_le": self.revoque_le.isoformat() if self.revoque_le else None,
            "active": self.active,
        }


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _utc(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Row:
    """A raw DBAPI row with the table's column names (SQLite gives datetimes back as text)."""

    id: int
    nom: str
    region: str | None
    proprietaire: str
    droits: str
    eg_ids: str
    cle_hash: str
    cree_le: Any
    revoque_le: Any


def _from_row(r: Any) -> Application:
    return Application(
        id=r.id,
        nom=r.nom,
        region=r.region,
        proprietaire=r.proprietaire,
        droits=frozenset(Droit(d) for d in r.droits.split(",") if d),
        eg_ids=tuple(e for e in (r.eg_ids or "").split(",") if e),
        cree_le=_utc(r.cree_le),
        revoque_le=_utc(r.revoque_le),
    )  # type: ignore[arg-type]


def create(
    store: Store,
    *,
    nom: str,
    region: str | None,
    proprietaire: str,
    droits: list[str] | tuple[str, ...],
    eg_ids: list[str] | tuple[str, ...] = (),
) -> tuple[Application, str]:
    """Register an application; returns it with its key (the only time the key exists in clear)."""
    if not nom or not nom.strip():
        raise ValidationError("nom: required", field="nom")
    if not proprietaire or not proprietaire.strip():
        raise ValidationError("proprietaire: required", field="proprietaire")
    if region is not None and region not in REGIONS:
        raise ValidationError(f"region: unknown INSEE region code {region!r}", field="region")
    rights = parse_droits(droits)
    egs = tuple(sorted({e.strip() for e in eg_ids if e.strip()}))
    if Droit.EDITEUR in rights and not egs:
        raise ValidationError("eg_ids: an editor needs the EGs it writes for", field="eg_ids")
    if Droit.VALIDATEUR in rights and not egs:
        raise ValidationError("eg_ids: a validator needs the EGs it validates for", field="eg_ids")
    if egs:
        with store.engine.connect() as conn:
            found = set(conn.execute(sa.select(eg_t.c.id).where(eg_t.c.id.in_(egs))).scalars())
        missing = [e for e in egs if e not in found]
        if missing:
            raise ValidationError(f"eg_ids: unknown EG {missing[0]!r}", field="eg_ids")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with store.transaction() as conn:
        new_id = conn.execute(
            application_t.insert().values(
                nom=nom.strip(),
                region=region,
                proprietaire=proprietaire.strip(),
                droits=",".join(sorted(d.value for d in rights)),
                eg_ids=",".join(egs),
                cle_hash=hash_key(key),
                cree_le=now,
                revoque_le=None,
            )
        ).inserted_primary_key[0]
    return get(store, int(new_id)), key


def get(store: Store, app_id: int) -> Application:
    with store.engine.connect() as conn:
        r = conn.execute(sa.select(application_t).where(application_t.c.id == app_id)).first()
    if r is None:
        raise NotFoundError(f"application {app_id} not found", field="id")
    return _from_row(r)


def list_(store: Store, *, include_revoked: bool = True) -> list[Application]:
    q = sa.select(application_t).order_by(application_t.c.id)
    if not include_revoked:
        q = q.where(application_t.c.revoque_le.is_(None))
    with store.engine.connect() as conn:
        return [_from_row(r) for r in conn.execute(q)]


def revoke(store: Store, app_id: int) -> Application:
    """Revoke at once (idempotent: a revoked application keeps its first revocation time)."""
    get(store, app_id)  # 404 for an unknown id
    with store.transaction() as conn:
        conn.execute(
            application_t.update()
            .where(application_t.c.id == app_id, application_t.c.revoque_le.is_(None))
            .values(revoque_le=datetime.now(UTC))
        )
    return get(store, app_id)


def authenticate(store: Store, key: str) -> Application:
    """The active application holding this key; a wrong or revoked key is a 401 (never logged)."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        raise AuthenticationError("invalid API key")
    rows = store.held_rows("application_by_hash", APPLICATION_BY_HASH, h=hash_key(key))
    if not rows:
        raise AuthenticationError("invalid API key")
    app = _from_row(_Row(*rows[0]))
    if not app.active:
        raise AuthenticationError("this API key has been revoked")
    return app


def count_per_region(store: Store) -> dict[str, int]:
    """Active applications per INSEE region code (the programme tracks it); None region as "national"."""
    q = (
        sa.select(application_t.c.region, sa.func.count())
        .where(application_t.c.revoque_le.is_(None))
        .group_by(application_t.c.region)
    )
    with store.engine.connect() as conn:
        return {(region or "national"): n for region, n in conn.execute(q)}
