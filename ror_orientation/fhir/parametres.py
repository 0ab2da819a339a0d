"""The FHIR search parameters this server supports, per resource type: how each one reads a served
resource (so a filter sees exactly what the caller is served: hidden figures cannot match), its
FHIR type, and the comparison rules of that type (token, string, number and date prefixes,
reference, and the composite capacity parameter).

The CapabilityStatement is generated from this table: a parameter absent here is refused (400).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import ValidationError
from ..territoire import fold
from ..validation import AGE_UNITS
from . import profils as P

Json = dict[str, Any]
Extracteur = Callable[[Json], list[Any]]


@dataclass(frozen=True, slots=True)
class Parametre:
    nom: str
    type: str  # FHIR search param type: token, string, number, date, reference, special, composite
    extraire: Extracteur
    documentation: str
    definition: str | None = None  # the IG's SearchParameter canonical, when it defines one


# -- reading a served resource ----------------------------------------------------------------------
def _exts(element: Json | None, url: str) -> list[Json]:
    return [e for e in (element or {}).get("extension", []) if e.get("url") == url]


def _codings(concepts: Any) -> list[tuple[str | None, str]]:
    items = concepts if isinstance(concepts, list) else [concepts] if concepts else []
    return [(c.get("system"), str(c["code"])) for cc in items
            for c in (cc or {}).get("coding", []) if c.get("code")]


def concepts_de(key: str) -> Extracteur:
    return lambda r: _codings(r.get(key))


def _identifiants(r: Json) -> list[tuple[str | None, str]]:
    return [(i.get("system"), str(i["value"])) for i in r.get("identifier", []) if i.get("value")]


def _patient(r: Json) -> list[Json]:
    return [x for e in _exts(r, P.EXT_PATIENT) for x in e.get("extension", [])]


def _publics(r: Json) -> list[tuple[str | None, str]]:
    return [c for x in _patient(r) if x.get("url") == "supportedPatientInfo"
            for c in _codings(x.get("valueCodeableConcept"))]


def _age(borne: str) -> Extracteur:
    """A bound in years, whatever its published unit (months, weeks, days: whole years below)."""
    def read(r: Json) -> list[Any]:
        out = []
        for x in _patient(r):
            q = x.get("valueRange", {}).get(borne) if x.get("url") == "ageRange" else None
            if q is not None:
                par_an = AGE_UNITS.get(q.get("code") or "a", 1.0)
                out.append(q["value"] if par_an == 1.0 else math.floor(q["value"] / par_an))
        return out
    return read


def _noms(r: Json) -> list[str]:
    name = r.get("name")
    if isinstance(name, str):
        return [name]
    return [" ".join([*n.get("given", []), n.get("family", "")]).strip() for n in name or []] + [
        n.get("family", "") for n in name or [] if n.get("family")]


def _maj(r: Json) -> list[Any]:
    value = (r.get("meta") or {}).get("lastUpdated")
    return [value] if value else []


def _reference(key: str) -> Extracteur:
    def read(r: Json) -> list[Any]:
        v = r.get(key)
        items = v if isinstance(v, list) else [v] if v else []
        return [i["reference"] for i in items if i.get("reference")]
    return read


def _adresses(r: Json) -> list[Json]:
    a = r.get("address")
    return a if isinstance(a, list) else [a] if a else []


def _communes(r: Json) -> list[tuple[str | None, str]]:
    out = [c for e in _exts(r, P.EXT_COMMUNE) for c in _codings(e.get("valueCodeableConcept"))]
    for a in _adresses(r):
        out += [(x["valueCoding"].get("system"), x["valueCoding"]["code"])
                for x in _exts(a, P.EXT_INSEE) if (x.get("valueCoding") or {}).get("code")]
    return out


def capacites(r: Json) -> list[dict[str, Any]]:
    """The capacity records a served Location carries, as {sub-extension name: value}."""
    out = []
    for e in _exts(r, P.EXT_CAPACITE):
        rec: dict[str, Any] = {}
        for x in e.get("extension", []):
            if "valueCodeableConcept" in x:
                codes = _codings(x["valueCodeableConcept"])
                rec[x["url"]] = codes[0] if codes else None
            else:
                rec[x["url"]] = next((v for k, v in x.items() if k.startswith("value")), None)
        out.append(rec)
    return out


def _capacite(champ: str) -> Extracteur:
    return lambda r: [c[champ] for c in capacites(r) if c.get(champ) is not None]


def _equipements(r: Json) -> list[Json]:
    return [{x["url"]: x for x in e.get("extension", [])} for e in _exts(r, P.EXT_EQUIPEMENT)]


def _equipement_types(r: Json) -> list[tuple[str | None, str]]:
    return [c for e in _equipements(r) if "equipmentType" in e
            for c in _codings(e["equipmentType"].get("valueCodeableConcept"))]


def _limites(r: Json) -> list[Json]:
    return [{x["url"]: x for x in e[P.EXT_EQUIPEMENT_LIMITE].get("extension", [])}
            for e in _equipements(r) if P.EXT_EQUIPEMENT_LIMITE in e]


def _equipement_caracteristiques(r: Json) -> list[tuple[str | None, str]]:
    return [c for lim in _limites(r) if "equipmentFeature" in lim
            for c in _codings(lim["equipmentFeature"].get("valueCodeableConcept"))]


def _equipement_limites(r: Json) -> list[Any]:
    return [lim["limitValue"]["valueQuantity"]["value"] for lim in _limites(r)
            if "valueQuantity" in lim.get("limitValue", {})]


def _id(r: Json) -> list[tuple[str | None, str]]:
    return [(None, r["id"])]


def _codes_postaux(r: Json) -> list[str]:
    return [a["postalCode"] for a in _adresses(r) if a.get("postalCode")]


def _moteur_seul(_r: Json) -> list[Any]:  # near: answered by the engine, never read back
    return []


_ig = f"{P.IG}/SearchParameter"
COMMUNS = [
    Parametre("_id", "token", _id, "Logical id"),
    Parametre("_lastUpdated", "date", _maj, "meta.lastUpdated, with prefixes eq ne gt ge lt le"),
    Parametre("identifier", "token", _identifiants, "Identifier: [system|]value"),
]
_PROCHE = [
    Parametre("near", "special", _moteur_seul,
              "latitude|longitude|distance|km (by the search engine); each entry carries the "
              "location-distance extension"),
    Parametre("near-insee-code", "special", _moteur_seul,
              "COG code of a commune[|distance|km]: near that commune (by the search engine)",
              f"{_ig}/ror-location-near-insee-code"),
]
CAPACITE = [
    Parametre("capacity-type", "token", _capacite("capacityType"), "TRE_R329 of a capacity record",
              f"{_ig}/ror-location-capacity-type"),
    Parametre("capacity-status", "token", _capacite("capacityStatus"),
              "TRE_R330 of a capacity record", f"{_ig}/ror-location-capacity-status"),
    Parametre("temporality-capacity", "token", _capacite("temporalityCapacity"),
              "TRE_R331 of a capacity record", f"{_ig}/ror-location-temporality-capacity"),
    Parametre("gender-capacity-available", "token", _capacite("genderCapacityAvailable"),
              "TRE_R332 of a capacity record", f"{_ig}/ror-location-gender-capacity-available"),
    Parametre("crisis-type", "token", _capacite("crisisType"), "TRE_R336 of a capacity record",
              f"{_ig}/ror-location-crisis-type"),
    Parametre("additional-bed-type", "token", _capacite("additionalBedType"),
              "TRE_R334 of a capacity record", f"{_ig}/ror-location-additional-bed-type"),
    Parametre("nb-capacity", "number", _capacite("nbCapacity"), "count of a capacity record",
              f"{_ig}/ror-location-nb-capacity"),
    Parametre("capacity-update-date", "date", _capacite("capacityUpdateDate"),
              "update time of a capacity record", f"{_ig}/ror-location-capacity-update-date"),
    Parametre("capacity", "composite", _moteur_seul,
              "statut$temporalité$genre$[prefix]nombre on ONE capacity record (empty part: any); "
              "beyond the IG, whose separate parameters may match different records"),
]
PARAMETRES: dict[str, list[Parametre]] = {
    "HealthcareService": [
        *COMMUNS,
        Parametre("name", "string", _noms, "Name (starts with, accents and case ignored)"),
        Parametre("specialty", "token", concepts_de("specialty"),
                  "Activité opérationnelle (TRE_R211)"),
        Parametre("characteristic", "token", concepts_de("characteristic"),
                  "Mode de prise en charge (TRE_R213), acte (TRE_R210), compétence (TRE_R243), "
                  "spécialisation (TRE_R245)"),
        Parametre("service-category", "token", concepts_de("category"), "Type d'offre (TRE_R244)"),
        Parametre("service-type", "token", concepts_de("type"), "Champ d'activité (TRE_R227)"),
        Parametre("patient-type", "token", _publics, "Public pris en charge (TRE_R239)",
                  f"{_ig}/ror-healthcareservice-patient-type"),
        Parametre("age-range-low", "number", _age("low"), "Lowest age taken (years)",
                  f"{_ig}/ror-healthcareservice-age-range-low"),
        Parametre("age-range-high", "number", _age("high"), "Highest age taken (years)",
                  f"{_ig}/ror-healthcareservice-age-range-high"),
        Parametre("organization", "reference", _reference("providedBy"), "providedBy"),
        Parametre("location", "reference", _reference("location"), "location"),
        *_PROCHE,
    ],
    "Location": [
        *COMMUNS,
        Parametre("name", "string", _noms, "Name (starts with, accents and case ignored)"),
        Parametre("organization", "reference", _reference("managingOrganization"),
                  "managingOrganization"),
        Parametre("address-postalcode", "string", _codes_postaux, "Postcode"),
        Parametre("commune-cog", "token", _communes, "Commune COG code (TRE_R13)",
                  f"{_ig}/ror-location-commune-cog"),
        Parametre("equipment-type", "token", _equipement_types, "Equipment (TRE_R212)",
                  f"{_ig}/ror-location-equipment-type"),
        Parametre("equipment-feature", "token", _equipement_caracteristiques,
                  "Equipment characteristic (TRE_R340)", f"{_ig}/ror-location-equipment-feature"),
        Parametre("equipment-limit-value", "number", _equipement_limites,
                  "Value of an equipment characteristic", f"{_ig}/ror-location-limit-value"),
        *CAPACITE,
        *_PROCHE,
    ],
    "Organization": [
        *COMMUNS,
        Parametre("name", "string", _noms, "Name (starts with, accents and case ignored)"),
        Parametre("type", "token", concepts_de("type"), "Catégorie (TRE_R66) or OI type (TRE_R207)"),
        Parametre("partof", "reference", _reference("partOf"), "partOf"),
        Parametre("address-postalcode", "string", _codes_postaux, "Postcode"),
    ],
    "Practitioner": [
        *COMMUNS,
        Parametre("name", "string", _noms, "Family or full name"),
    ],
    "PractitionerRole": [
        *COMMUNS,
        Parametre("role", "token", concepts_de("code"), "Profession (TRE_G15)"),
        Parametre("specialty", "token", concepts_de("specialty"), "TRE_R38 or TRE_R211"),
        Parametre("service", "reference", _reference("healthcareService"), "healthcareService"),
        Parametre("practitioner", "reference", _reference("practitioner"), "practitioner"),
    ],
}
INCLUDES: dict[str, dict[str, tuple[str, str]]] = {
    # type → include name → (element holding the reference, target type)
    "HealthcareService": {"organization": ("providedBy", "Organization"),
                          "location": ("location", "Location")},
    "Location": {"organization": ("managingOrganization", "Organization")},
    "Organization": {"partof": ("partOf", "Organization")},
    "PractitionerRole": {"service": ("healthcareService", "HealthcareService"),
                         "practitioner": ("practitioner", "Practitioner")},
    "Practitioner": {},
}
REVINCLUDES = {"HealthcareService": ["PractitionerRole:service"],
               "Location": ["HealthcareService:location"],
               "Practitioner": ["PractitionerRole:practitioner"],
               "Organization": ["HealthcareService:organization", "Organization:partof"],
               "PractitionerRole": []}
SORTS = {"_id", "_lastUpdated", "name"}  # plus "distance" after near / near-insee-code


def parametre(resource_type: str, nom: str) -> Parametre | None:
    return next((p for p in PARAMETRES[resource_type] if p.nom == nom), None)


# -- comparisons --------------------------------------------------------------------------------------
PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le")


def prefixe(value: str) -> tuple[str, str]:
    if value[:2] in PREFIXES and len(value) > 2 and not value[2].isalpha():
        return value[:2], value[2:]
    return "eq", value


def nombre(value: str, field: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValidationError(f"{field}: {value!r} is not a number", field=field) from None


def compare(op: str, left: float, right: float) -> bool:
    return {"eq": left == right, "ne": left != right, "gt": left > right, "lt": left < right,
            "ge": left >= right, "le": left <= right}[op]


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                   r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")


def periode(value: str, field: str) -> tuple[datetime, datetime]:
    """[start, end) of a FHIR date at its precision (a year, a month, a day or a second)."""
    m = _DATE.match(value)
    if not m:
        raise ValidationError(f"{field}: {value!r} is not a FHIR date", field=field)
    y, mo, d, h, mi, s, tz = m.groups()
    try:
        if h is None:
            start = datetime(int(y), int(mo or 1), int(d or 1), tzinfo=UTC)
            if d:
                return start, start + timedelta(days=1)
            if mo:
                nxt = datetime(int(y) + (int(mo) == 12), int(mo) % 12 + 1, 1, tzinfo=UTC)
                return start, nxt
            return start, datetime(int(y) + 1, 1, 1, tzinfo=UTC)
        start = datetime.fromisoformat(
            f"{y}-{mo}-{d}T{h}:{mi}:{s or '00'}{'+00:00' if tz in (None, 'Z') else tz}")
    except ValueError:
        raise ValidationError(f"{field}: {value!r} is not a FHIR date", field=field) from None
    return start.astimezone(UTC), start.astimezone(UTC) + timedelta(seconds=1)


def instant_de(value: Any) -> datetime | None:
    try:
        t = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC)


def compare_date(op: str, t: datetime, start: datetime, end: datetime) -> bool:
    return {"eq": start <= t < end, "ne": not start <= t < end, "gt": t >= end, "ge": t >= start,
            "lt": t < start, "le": t < end}[op]


def token(value: str) -> tuple[str | None, str | None]:
    """(system, code): "code" → (None, code); "sys|code"; "|code" → ("", code); "sys|" → code None."""
    if "|" not in value:
        return None, value
    system, _, code = value.partition("|")
    return system, code or None


def systeme_egal(asked: str, system: str | None) -> bool:
    """A system matches by URL, or by its table (TRE_R211) so callers need not spell MOS URLs."""
    if system is None:
        return asked == ""
    if asked == system:
        return True
    return P.table_du_systeme(asked) is not None and P.table_du_systeme(asked) == \
        P.table_du_systeme(system)


def token_egal(asked: str, found: tuple[str | None, str]) -> bool:
    system, code = token(asked)
    if code is not None and code != found[1]:
        return False
    return system is None or systeme_egal(system, found[0])


def reference_egale(asked: str, found: str, target: str) -> bool:
    asked = asked if "/" in asked else f"{target}/{asked}"
    return found == asked or found.endswith("/" + asked)


def chaine_egale(asked: str, found: str, modifier: str | None) -> bool:
    if modifier == "exact":
        return found == asked
    a, f = fold(asked), fold(found)
    return a in f if modifier == "contains" else f.startswith(a)


def valeurs(value: str) -> Iterator[str]:
    """A parameter's comma-separated alternatives (a "\\," is a literal comma)."""
    part = ""
    escaped = False
    for ch in value:
        if escaped:
            part += ch
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            yield part
            part = ""
        else:
            part += ch
    yield part
