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
from functools import lru_cache
from typing import Any

from .droits import Appelant, Droit, parse_droits
from .errors import AuthenticationError, NotFoundError, ValidationError
from .store import ApplicationRow, Store
from .territoire import REGIONS
from .validation import check_text

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


@lru_cache(maxsize=1024)  # keyed by the whole row: a revocation or a change of rights is a new row
def _from_row(r: ApplicationRow) -> Application:
    return Application(id=r.id, nom=r.nom, region=r.region, proprietaire=r.proprietaire,
                       droits=frozenset(Droit(d) for d in r.droits), eg_ids=r.eg_ids,
                       cree_le=r.cree_le, revoque_le=r.revoque_le)


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
    check_text(nom, "nom")
    check_text(proprietaire, "proprietaire")
    if region is not None and region not in REGIONS:
        raise ValidationError(f"region: unknown INSEE region code {region!r}", field="region")
    rights = parse_droits(droits)
    egs = tuple(sorted({e.strip() for e in eg_ids if e.strip()}))
    if Droit.EDITEUR in rights and not egs:
        raise ValidationError("eg_ids: an editor needs the EGs it writes for", field="eg_ids")
    if Droit.VALIDATEUR in rights and not egs:
        raise ValidationError("eg_ids: a validator needs the EGs it validates for", field="eg_ids")
    if egs:
        found = store.offre.eg_ids_present(egs)
        missing = [e for e in egs if e not in found]
        if missing:
            raise ValidationError(f"eg_ids: unknown EG {missing[0]!r}", field="eg_ids")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    new_id = store.applications.insert(
        nom=nom.strip(), region=region, proprietaire=proprietaire.strip(),
        droits=sorted(d.value for d in rights), eg_ids=list(egs), cle_hash=hash_key(key),
        cree_le=now)
    return get(store, int(new_id)), key


def get(store: Store, app_id: int) -> Application:
    r = store.applications.get(app_id)
    if r is None:
        raise NotFoundError(f"application {app_id} not found", field="id")
    return _from_row(r)


def list_(store: Store, *, include_revoked: bool = True) -> list[Application]:
    return [_from_row(r) for r in store.applications.list(include_revoked=include_revoked)]


def revoke(store: Store, app_id: int) -> Application:
    """Revoke at once (idempotent: a revoked application keeps its first revocation time)."""
    get(store, app_id)  # 404 for an unknown id
    store.applications.revoke(app_id, datetime.now(UTC))
    return get(store, app_id)


def authenticate(store: Store, key: str) -> Application:
    """The active application holding this key; a wrong or revoked key is a 401 (never logged)."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        raise AuthenticationError("invalid API key")
    row = store.applications.by_hash(hash_key(key))
    if row is None:
        raise AuthenticationError("invalid API key")
    app = _from_row(row)
    if not app.active:
        raise AuthenticationError("this API key has been revoked")
    return app


def count_per_region(store: Store) -> dict[str, int]:
    """Active applications per INSEE region code (the programme tracks it); None region as "national"."""
    return {(region or "national"): n for region, n in store.applications.active_per_region().items()}
