"""A record under edition (EJ, EG, organisation interne, UO): decoding, validation, version tag.

The wire and storage form of a record is the codec's plain JSON of the model object, so every field
of the model is editable and a rule is checked once, by `validation.py`, whatever door it came by.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from ..errors import ValidationError
from ..nomenclatures import Nomenclatures
from ..offre import (
    EntiteGeographique,
    EntiteJuridique,
    OrganisationInterne,
    UniteOperationnelle,
)
from ..serialisation import CodecError, from_plain, to_plain
from ..validation import validate

KINDS: dict[str, type] = {"ej": EntiteJuridique, "eg": EntiteGeographique,
                          "oi": OrganisationInterne, "uo": UniteOperationnelle}
LIBELLES = {"ej": "entité juridique", "eg": "entité géographique", "oi": "organisation interne",
            "uo": "unité opérationnelle"}
# Fields the editing API never takes from the caller: identity, bed figures (their own route).
PROTEGES = {"uo": ("id", "capacites", "statut", "maj"), "oi": ("id",), "eg": ("id",), "ej": ("id",)}
_MISSING = re.compile(r"missing required field `(\w+)`")


def kind_checked(kind: str) -> type:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValidationError(f"kind: {kind!r} is not one of {', '.join(KINDS)}",
                              field="kind") from None


def construire(kind: str, data: Any, nom: Nomenclatures, *, complet: bool = True) -> Any:
    """The model object from its plain JSON, validated; a ValidationError names the field
    (`uo.horaires.plages[0].debut`). Deprecated codes are accepted (their warning is dropped).
    `complet=False`: a working copy, whose unit may not have its activité opérationnelle yet (it is
    required to submit and to publish)."""
    cls = kind_checked(kind)
    if not isinstance(data, dict):
        raise ValidationError(f"{kind}: expected an object", field=kind)
    if kind == "uo" and not complet and not data.get("activite"):
        data = {**data, "activite": ""}  # not chosen yet
    try:
        entity: Any = from_plain(cls, data)
    except CodecError as exc:
        raise _erreur(kind, exc) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        validate(entity, nom, complet=complet)
    if isinstance(entity, UniteOperationnelle | OrganisationInterne) and not entity.nom.strip():
        raise ValidationError(f"{kind}.nom: required", field=f"{kind}.nom")
    return entity


def _erreur(kind: str, exc: CodecError) -> ValidationError:
    """The codec's complaint as the API's one error shape: the field named from the record's kind
    ("uo.horaires.plages[0].debut"), a missing field named itself ("uo.nom: required")."""
    path = exc.path
    missing = _MISSING.search(exc.reason)
    if missing:
        path = f"{path}.{missing.group(1)}" if path else missing.group(1)
        name = f"{kind}.{path}"
        return ValidationError(f"{name}: required", field=name)
    name = f"{kind}.{path}" if path else kind
    return ValidationError(f"{name}: {exc.reason}", field=name)


def plain(entity: Any) -> dict[str, Any]:
    """A record's plain JSON (a model object is always a JSON object)."""
    out = to_plain(entity)
    if not isinstance(out, dict):
        raise TypeError(f"{type(entity).__name__} is not a record")
    return out


def eg_de(kind: str, data: dict[str, Any]) -> str | None:
    """The EG whose editors own a record (an EJ belongs to none: admins edit it)."""
    if kind == "eg":
        return data.get("id")
    if kind in ("oi", "uo"):
        return data.get("eg_id")
    return None


def parent_de(kind: str, data: dict[str, Any]) -> str | None:
    return {"eg": data.get("ej_id"), "oi": data.get("parent_id"), "uo": data.get("oi_id")}.get(kind)


def etiquette(version: int, data: dict[str, Any]) -> str:
    """The record's ETag: its version and a digest of its content (an import changing a published
    record changes the tag even at version 0)."""
    digest = hashlib.blake2b(orjson.dumps(data, option=orjson.OPT_SORT_KEYS),
                             digest_size=6).hexdigest()
    return f'"v{version}-{digest}"'


@dataclass(frozen=True, slots=True)
class Fiche:
    """A record as the editor sees it: the working copy if any, else the published record."""

    kind: str
    id: str
    data: dict[str, Any]
    version: int
    etat: str
    publie: dict[str, Any] | None  # the published record (None: never published)
    modifie_par: str | None = None
    modifie_le: datetime | None = None
    valide_par: str | None = None
    valide_le: datetime | None = None
    soumis_par: str | None = None
    soumis_le: datetime | None = None
    retour: str | None = None
    publie_le: datetime | None = None

    @property
    def etag(self) -> str:
        return etiquette(self.version, self.data)

    @property
    def eg_id(self) -> str | None:
        return eg_de(self.kind, self.data)

    def to_dict(self) -> dict[str, Any]:
        def t(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {"kind": self.kind, "id": self.id, "version": self.version, "etag": self.etag,
                "etat": self.etat, "data": self.data, "publie": self.publie is not None,
                "modifie_par": self.modifie_par, "modifie_le": t(self.modifie_le),
                "soumis_par": self.soumis_par, "soumis_le": t(self.soumis_le),
                "valide_par": self.valide_par, "valide_le": t(self.valide_le),
                "retour": self.retour, "publie_le": t(self.publie_le)}
