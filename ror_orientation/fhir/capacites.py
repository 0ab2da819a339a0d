"""Capacity writes the ROR way: a Location's `ror-location-supported-capacity` records, sent by PUT
(the whole Location) or PATCH (JSON Patch adding or replacing capacity extensions), guarded by
If-Match on the Location's version, stored by the same `Service.set_capacites` as the JSON API's
capacity writes (same rights, same validation, same merge by key, same history).

A unit with several places has one Location per place: a write to one of them changes that
place's records, and the unit's become their per-key sums. Only the capacity records of a Location
are writable here; its other elements are the unit's and
are edited through the editing workflow.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..droits import Appelant
from ..errors import NotFoundError, RorError, ValidationError
from ..offre import Capacite, UniteOperationnelle
from . import profils as P
from .catalogue import Catalogue, absent

if TYPE_CHECKING:
    from ..service import Service

Json = dict[str, Any]
CHAMPS = {"capacityType": "nature", "capacityStatus": "statut",
          "temporalityCapacity": "temporalite", "genderCapacityAvailable": "genre",
          "capacitySourceType": "source", "crisisType": "crise",
          "additionalBedType": "type_lit_supplementaire", "closingType": "type_fermeture",
          "temporaryAssignement": "affectation_temporaire"}


class PreconditionEchouee(RorError):
    status = 412
    code = "precondition_failed"


def _records(uo: UniteOperationnelle, rang: int) -> tuple[Capacite, ...]:
    """The records Location number `rang` carries (R.capacites_du_lieu, before rights)."""
    return uo.capacites if len(uo.lieux) <= 1 else uo.lieux[rang - 1].capacites


def version(uo: UniteOperationnelle, rang: int = 1) -> str:
    """A Location's version: a digest of the capacity records it carries and its unit's update
    time (every record, whoever reads, so a writer's If-Match does not depend on its rights)."""
    text = repr((sorted(repr(c) for c in _records(uo, rang)), uo.maj))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def etag(uo: UniteOperationnelle, rang: int = 1) -> str:
    return f'W/"{version(uo, rang)}"'


def _verifier(uo: UniteOperationnelle, if_match: str | None, rang: int = 1) -> None:
    if if_match is None:
        return
    wanted = {t.strip().removeprefix("W/").strip('"') for t in if_match.split(",")}
    if "*" not in wanted and version(uo, rang) not in wanted:
        raise PreconditionEchouee(f"If-Match {if_match}: the Location is at version "
                                  f"{version(uo, rang)}", field="If-Match")


def capacite_de(ext: Json, where: str) -> Capacite:
    """One capacity record from its extension; a missing or malformed part names its place."""
    subs = {x.get("url"): x for x in ext.get("extension") or [] if isinstance(x, dict)}
    codes: dict[str, str] = {}
    for url, champ in CHAMPS.items():
        if url not in subs:
            continue
        codings = (subs[url].get("valueCodeableConcept") or {}).get("coding") or []
        code = next((str(c["code"]) for c in codings if isinstance(c, dict) and c.get("code")),
                    None)
        if code is None:
            raise ValidationError(f"{where}.{url}: a coding with a code is needed",
                                  field=f"{where}.{url}")
        codes[champ] = code
    for url in ("capacityType", "capacityStatus", "temporalityCapacity"):
        if CHAMPS[url] not in codes:
            raise ValidationError(f"{where}.{url}: required", field=f"{where}.{url}")
    nombre = (subs.get("nbCapacity") or {}).get("valueInteger")
    if not isinstance(nombre, int) or isinstance(nombre, bool) or nombre < 0:
        raise ValidationError(f"{where}.nbCapacity: a non-negative valueInteger is needed",
                              field=f"{where}.nbCapacity")
    maj = None
    raw = (subs.get("capacityUpdateDate") or {}).get("valueDateTime")
    if raw is not None:
        try:
            maj = datetime.fromisoformat(str(raw))
        except ValueError:
            raise ValidationError(f"{where}.capacityUpdateDate: not a dateTime",
                                  field=f"{where}.capacityUpdateDate") from None
        if maj.tzinfo is None:
            raise ValidationError(f"{where}.capacityUpdateDate: a time zone is needed",
                                  field=f"{where}.capacityUpdateDate")
        if maj > datetime.now(UTC):
            raise ValidationError(f"{where}.capacityUpdateDate: in the future",
                                  field=f"{where}.capacityUpdateDate")
        maj = maj.astimezone(UTC)
    return Capacite(nature=codes["nature"], statut=codes["statut"],
                    temporalite=codes["temporalite"], genre=codes.get("genre", "04"),
                    nombre=nombre, source=codes.get("source", "01"), maj=maj,
                    crise=codes.get("crise"),
                    type_lit_supplementaire=codes.get("type_lit_supplementaire"),
                    type_fermeture=codes.get("type_fermeture"),
                    affectation_temporaire=codes.get("affectation_temporaire"))


def capacites_du_put(body: Any, fhir_id: str) -> list[Capacite]:
    if not isinstance(body, dict) or body.get("resourceType") != "Location":
        raise ValidationError("body: a Location resource is needed", field="resourceType")
    if body.get("id") != fhir_id:
        raise ValidationError(f"id: {body.get('id')!r} differs from the URL's {fhir_id!r}",
                              field="id")
    return [capacite_de(e, f"extension[{i}]") for i, e in enumerate(body.get("extension") or [])
            if isinstance(e, dict) and e.get("url") == P.EXT_CAPACITE]


def capacites_du_patch(body: Any) -> list[Capacite]:
    """JSON Patch: `add` or `replace` operations whose value is a capacity extension."""
    if not isinstance(body, list) or not body:
        raise ValidationError("body: a JSON Patch array of operations is needed", field="body")
    out = []
    for i, op in enumerate(body):
        where = f"[{i}]"
        if not isinstance(op, dict) or op.get("op") not in ("add", "replace"):
            raise ValidationError(f"{where}.op: only add and replace of capacity extensions",
                                  field=f"{where}.op")
        if not str(op.get("path", "")).startswith("/extension/"):
            raise ValidationError(f"{where}.path: only /extension/- or /extension/N",
                                  field=f"{where}.path")
        value = op.get("value")
        if not isinstance(value, dict) or value.get("url") != P.EXT_CAPACITE:
            raise ValidationError(f"{where}.value: a {P.EXT_CAPACITE} extension is needed",
                                  field=f"{where}.value")
        out.append(capacite_de(value, f"{where}.value"))
    return out


@dataclass(frozen=True, slots=True)
class Ecriture:
    location: Json
    etag: str


def ecrire(service: Service, appelant: Appelant, fhir_id: str, caps: list[Capacite],
           if_match: str | None) -> Ecriture:
    """Store through `Service.set_capacites` (rights, codes, history); the If-Match version is
    checked on the stored unit inside the store's write transaction, so of two writers sending
    the same version one is stored and the other gets 412."""
    trouve = cible(service, appelant, fhir_id)
    if trouve is None:
        raise absent("Location", fhir_id)
    uo, rang = trouve
    _verifier(uo, if_match, rang)  # early answer; the binding check is the one in the transaction
    if not caps:
        raise ValidationError("extension: no ror-location-supported-capacity record to write",
                              field="extension")
    uo = service.set_capacites(appelant, uo.id, caps,
                               verifier=lambda stored: _verifier(stored, if_match, rang),
                               lieu=rang if len(uo.lieux) > 1 else None)
    cat = Catalogue(service, appelant)
    return Ecriture(cat.location(uo, rang), etag(uo, rang))


def cible(service: Service, appelant: Appelant, fhir_id: str
           ) -> tuple[UniteOperationnelle, int] | None:
    """The visible unit and place number a Location id names (a unit's own id first: a unit id
    may itself contain "--")."""
    for found in (((m, 1) if (m := P.model_id(fhir_id)) else None), P.lieu_de(fhir_id)):
        if found is None:
            continue
        try:
            uo = service.unite_visible(appelant, found[0], field="id")
        except NotFoundError:
            continue
        if found[1] <= max(1, len(uo.lieux)):
            return uo, found[1]
    return None
