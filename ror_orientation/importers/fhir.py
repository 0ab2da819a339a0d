"""Reader of the national ROR's FHIR R4 exposition (ANS IG "Répertoire de l'Offre et des Ressources",
`ans.fhir.fr.ror` 0.7.0): a Bundle (collection / searchset) of Organization, HealthcareService,
Location, PractitionerRole and Practitioner, or one such resource alone, as the national API serves it.

    read_fhir(path, *, nomenclatures=None, base=None) -> ImportResult

Mapping (after the ROR profiles ror-organization, ror-healthcareservice, ror-location...):
- Organization with a category (TRE_R66, or TRE_R02 for cabinets and centres de santé, both through
  JDV_J55) → EG, known by its FINESS, else its national structure id (idNatSt), else its SIRET; its
  `partOf` → EJ. With a type from TRE_R207 → organisation interne. Otherwise, with a FINESS, idNatSt or
  SIREN identifier or a legal status (TRE_R72 / TRE_R69) → EJ.
- HealthcareService → UO: `type` champ (TRE_R227), `category` type d'offre (TRE_R244 / JDV_J238),
  `specialty` its one activité opérationnelle (TRE_R211), `characteristic` by system: mode de prise
  en charge (TRE_R213, at most one),
  actes (TRE_R210), compétences (TRE_R243), spécialisations (TRE_R245), type de maternité (TRE_R253),
  ouverture annuelle (TRE_R238); extensions patient-type (publics TRE_R239, ageRange with its unit
  TRE_R247), sensitive-unit, psychiatric-sector, intervention-zone, contact (with its telecoms);
  `availableTime` → schedule (with the TRE_R252 type of each range), `notAvailable` → closure.
  `identifier` kept whole (TRE_R355); the unit's id is its functional id (type 35), else its first one.
- Every Location of a HealthcareService → one `Lieu` (identifiers TRE_R354, status, function TRE_R343,
  address, commune COG, position, capacities, equipment); the unit's own address, capacities and
  equipment are the totals over its places.
- Practitioner (RPPS) + PractitionerRole (profession TRE_G15, speciality TRE_R38, savoir-faire
  JDV_J209, exercise mode TRE_R23, exercise name) → Professionnel with one Exercice per role.

References: a reference to a resource absent from the Bundle is looked up in `base` (a store: the
FHIR references of what earlier imports stored, then the ids themselves); failing that it is a pending
link, reported in `ImportResult.pending`, never fatal for the rest. A unit or organisation that cannot
be placed without it waits in `ImportResult.pending` (whole, so a later import that brings the target
completes it); an optional link (EJ of an EG, a place, a professional's unit) is left out meanwhile.
Two resources giving the same record id are refused, naming both. The IG's cardinality
`specialty[operationalActivity]` 1..1 is enforced: a HealthcareService with none or several R211
codes is refused (ImportFormatError naming the resource and `specialty[operationalActivity]`), not
split, since the national ROR publishes one HealthcareService per activity and a source breaking
that rule is not one whose units can be guessed; likewise two R213 modes (`characteristic[careMode]`). A coding of a known table with a code
absent from it is an UnknownCodeError naming field, code and table (and the resource); codings of
other systems are ignored (the profiles' slicing is open). A capacity without source type or gender is
read as the ROR's default (01 saisie manuelle, 04 indéterminé) and reported in `ImportResult.warnings`.
A telecom's channel is its own TRE_R200 code, else its `use` (mobile), else its ContactPoint.system;
the value's shape decides only when the source says none of them (an MSSanté address is an e-mail).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Protocol

import orjson

from ..errors import ImportFormatError, UnknownCodeError, ValidationError
from ..horaires import Fermeture, Horaires, Plage
from ..nomenclatures import FIELD_TABLES, Nomenclatures, default_nomenclatures
from ..offre import (
    Adresse,
    Canal,
    Capacite,
    Confidentialite,
    Contact,
    Coordonnees,
    EntiteGeographique,
    EntiteJuridique,
    Equipement,
    Exercice,
    Identifiant,
    Lieu,
    OrganisationInterne,
    Professionnel,
    Telecom,
    TrancheAge,
    UniteOperationnelle,
    ZoneIntervention,
    totaux,
)
from ..territoire import default_territoire
from ..validation import AGE_UNITS, FINESS_RE, MAX_AGE, validate
from . import ImportResult, Pending
from .localisation import locate

SOURCE = "fhir:ror"
TABLE_RE = re.compile(r"(TRE|JDV)[_-]([A-Z]\d+)")
# Value sets (JDV) of the IG and the tables (TRE) our fields are checked against.
JDV_TABLES = {"JDV_J221": "TRE_R287", "JDV_J237": "TRE_R30", "TRE_R66": "JDV_J55", "TRE_R02": "JDV_J55", "JDV_J20": "TRE_R227", "JDV_J17": "TRE_R211",
              "JDV_J19": "TRE_R213", "JDV_J16": "TRE_R210",
              "JDV_J33": "TRE_R243", "JDV_J35": "TRE_R245", "JDV_J29": "TRE_R239", "JDV_J238": "TRE_R244",
              "JDV_J203": "TRE_R207", "JDV_J55": "JDV_J55", "JDV_J18": "TRE_R212", "JDV_J187": "TRE_R329",
              "JDV_J188": "TRE_R330", "JDV_J189": "TRE_R331", "JDV_J190": "TRE_R332",
              "JDV_J193": "TRE_R335", "JDV_J192": "TRE_R334", "JDV_J194": "TRE_R336",
              "JDV_J191": "TRE_R333", "JDV_J228": "TRE_R340",
              "JDV_J229": "TRE_G15", "JDV_J210": "TRE_R38", "JDV_J222": "TRE_R283"}
DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
RPPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1"
ID_NAT_ST_SYSTEM = "urn:oid:1.2.250.1.71.4.2.2"
CONFIDENTIALITE = {"1": Confidentialite.PUBLIC, "2": Confidentialite.RESTREINT,
                   "3": Confidentialite.CONFIDENTIEL}
# TRE_R200 CanalCommunication (ansforge/IG-terminologie-de-sante, fixtures/nomenclatures): 1 mobile,
# 2 fixe, 3 courrier électronique (MSSanté too: told apart by the address), 4 site web, 6 télécopie,
# 8 téléphone d'alerte, 9 mail d'alerte; 5 (transfert de fichiers) and 7 (ANTARES radio) have no
# channel in the model and fall back to the ContactPoint's system
R200_CANAL = {"1": Canal.MOBILE, "2": Canal.TELEPHONE, "3": Canal.EMAIL, "4": Canal.URL,
              "6": Canal.FAX, "8": Canal.TELEPHONE, "9": Canal.EMAIL}
SYSTEM_CANAL = {"phone": Canal.TELEPHONE, "fax": Canal.FAX, "email": Canal.EMAIL,
                "pager": Canal.BIP, "url": Canal.URL, "sms": Canal.MOBILE}
# TRE_G07 types of a structure identifier
G07_FINESS, G07_SIREN, G07_SIRET, G07_ID_NAT_ST = "1", "2", "3", "40"
R355_FONCTIONNEL = "35"  # the offer's functional id known by the ROR
R354_LIEU, R354_SYNCHRO = "25", "26"
WAITING_SITE = "G-en-attente"  # the site of a unit read while its providedBy is pending  # place id known by the ROR / establishment's synchro id
# Every resource type a reference may name, and the record kinds it can be stored as.
KINDS_OF = {"Organization": ("ej", "eg", "oi"), "HealthcareService": ("uo",),
            "Practitioner": ("professionnel",)}


class Repertoire(Protocol):
    """What the reader consults to resolve a reference outside the Bundle (a `Store`)."""

    def fhir_references(self, refs: Iterable[str]) -> dict[str, tuple[str, str]]: ...

    def fhir_en_attente(self) -> list[dict[str, Any]]: ...

    def get_many(self, kind: str, ids: Iterable[str]) -> Mapping[str, object]: ...


@dataclass(frozen=True, slots=True)
class Externe:
    """A reference resolved outside the Bundle: the stored record it names."""

    kind: str
    id: str
    eg_id: str | None = None  # the site of a stored OI or unit


class _Unresolved(Exception):
    """A reference neither in the Bundle nor in the store (caught where the resource is read)."""

    def __init__(self, res: dict[str, Any], field: str, target: str) -> None:
        super().__init__(target)
        self.res, self.field, self.target = res, field, target


def _table_of(system: str | None) -> str | None:
    """Our table id for a coding system URL: TRE_R211 for .../TRE_R211-ActiviteOperationnelle/..."""
    m = TABLE_RE.search(system or "")
    if not m:
        return None
    table = f"{m.group(1)}_{m.group(2)}"
    return JDV_TABLES.get(table, table)


def _ext_name(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _exts(element: dict[str, Any] | None, name: str) -> list[dict[str, Any]]:
    """Extensions of an element by name (last URL segment; relative URLs for sub-extensions)."""
    return [e for e in (element or {}).get("extension", []) if _ext_name(e.get("url", "")) == name]


def _ext(element: dict[str, Any] | None, *names: str) -> dict[str, Any] | None:
    for name in names:
        found = _exts(element, name)
        if found:
            return found[0]
    return None


def _ref_key(target: str) -> str:
    """"https://x/fhir/Organization/12" and "Organization/12" → "Organization/12"."""
    parts = target.rstrip("/").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else target


class _Reader:
    """One Bundle being read: its resources by reference, the store behind it, and where errors point."""

    def __init__(self, resources: list[dict[str, Any]], full_urls: dict[str, dict[str, Any]], name: str,
                 nom: Nomenclatures, base: Repertoire | None) -> None:
        self.name = name
        self.nom = nom
        self.base = base
        self.resources = resources
        self.by_ref: dict[str, dict[str, Any]] = dict(full_urls)
        self.aliases: dict[int, list[str]] = {}  # other references naming a resource (fullUrl)
        for url, res in full_urls.items():  # "Location/888888" names the entry of that fullUrl
            self.by_ref.setdefault(_ref_key(url), res)
            if _ref_key(url) != f"{res['resourceType']}/{res.get('id')}":
                self.aliases.setdefault(id(res), []).append(_ref_key(url))
        for res in resources:
            if res.get("id"):
                self.by_ref[f"{res['resourceType']}/{res['id']}"] = res
        self.warnings: list[str] = []
        self._stored: dict[str, tuple[str, str]] = {}
        if base is not None:  # the references of the Bundle that point outside it, in one query
            outside = {_ref_key(str(ref)) for res in resources for ref in _references(res)}
            outside -= set(self.by_ref)
            self._stored = base.fhir_references(sorted(outside)) if outside else {}

    def where(self, res: dict[str, Any]) -> str:
        return f"{res['resourceType']}/{res.get('id', '?')}"

    def resolve(self, res: dict[str, Any], ref: dict[str, Any] | None, field: str,
                expected: str) -> dict[str, Any] | Externe | None:
        """The Bundle's resource, else the stored record, else `_Unresolved` (None: no reference)."""
        if not ref or not ref.get("reference"):
            return None
        target = str(ref["reference"])
        found = self.by_ref.get(target) or self.by_ref.get(_ref_key(target))
        if found is not None:
            if found["resourceType"] != expected:
                raise ImportFormatError(self.name, self.where(res), f"reference {target!r} names a "
                                        f"{found['resourceType']}, not a {expected}", field=field)
            return found
        key = _ref_key(target)
        if not key.startswith(expected + "/"):
            raise ImportFormatError(self.name, self.where(res), f"reference {target!r} does not name "
                                    f"a {expected}", field=field)
        external = self._external(key, expected)
        if external is None:
            raise _Unresolved(res, field, key)
        return external

    def _external(self, key: str, expected: str) -> Externe | None:
        if self.base is None:
            return None
        mapped = self._stored.get(key)
        candidates = [mapped] if mapped else [(k, key.split("/", 1)[1]) for k in KINDS_OF.get(expected, ())]
        for kind, id_ in candidates:
            held = self.base.get_many(kind, [id_]).get(id_)
            if held is not None:
                return Externe(kind, id_, getattr(held, "eg_id", None) if kind in ("oi", "uo") else None)
        return None

    def codes(self, res: dict[str, Any], concepts: list[dict[str, Any]] | dict[str, Any] | None,
              field: str) -> list[str]:
        """Codes of the codings whose system is the field's table (unknown code → UnknownCodeError)."""
        table = FIELD_TABLES[field]
        items = concepts if isinstance(concepts, list) else [concepts] if concepts else []
        out = []
        for concept in items:
            for coding in (concept or {}).get("coding", []):
                if _table_of(coding.get("system")) != table or not coding.get("code"):
                    continue
                code = str(coding["code"])
                if code not in self.nom.table(table).codes:
                    self.unknown(res, field, code, table)
                out.append(code)
        return out

    def code(self, res: dict[str, Any], concept: Any, field: str) -> str | None:
        found = self.codes(res, concept, field)
        return found[0] if found else None

    def any_code(self, concept: dict[str, Any] | None) -> str | None:
        """First code of a concept whatever its system (sub-extensions bound to one value set)."""
        for coding in (concept or {}).get("coding", []):
            if coding.get("code"):
                return str(coding["code"])
        return None

    def bound(self, res: dict[str, Any], concept: dict[str, Any] | None, field: str) -> str | None:
        """The code of a sub-extension bound to the field's table: by system when the coding names
        one, else the first code (the IG's examples sometimes leave the system out); checked."""
        code = self.code(res, concept, field) or self.any_code(concept)
        if code is not None and code not in self.nom.table(FIELD_TABLES[field]).codes:
            self.unknown(res, field, code, FIELD_TABLES[field])
        return code

    def checked(self, res: dict[str, Any], concept: dict[str, Any] | None, field: str) -> str | None:
        """`bound`, then the IG's value set for the field (an active code outside it refused)."""
        code = self.bound(res, concept, field)
        if code is not None:
            self.in_table(res, field, code)
        return code

    def in_table(self, res: dict[str, Any], field: str, code: str | None) -> None:
        """`Nomenclatures.check` of a code read without a coding system, naming the resource."""
        try:
            self.nom.check(field, code)
        except UnknownCodeError as exc:
            exc.message = f"{self.name}: {self.where(res)}: {exc.message}"
            exc.args = (exc.message,)
            raise

    def region(self, res: dict[str, Any], field: str) -> str | None:
        """The TRE_R30 région of the resource's `meta.tag` (the national ROR's data region)."""
        tags = [t for t in (res.get("meta") or {}).get("tag") or []
                if _table_of(t.get("system")) == "TRE_R30"]
        return self.bound(res, {"coding": tags}, field) if tags else None  # deprecated: `_validate`

    def unknown(self, res: dict[str, Any], field: str, code: str, table: str) -> None:
        exc = UnknownCodeError(field, code, table)
        exc.message = f"{self.name}: {self.where(res)}: {exc.message}"
        exc.args = (exc.message,)
        raise exc

    def warn(self, res: dict[str, Any], message: str) -> None:
        self.warnings.append(f"{self.name}: {self.where(res)}: {message}")


def _references(res: dict[str, Any]) -> Iterable[str]:
    """Every reference a resource makes (the fields the reader follows)."""
    for field in ("partOf", "providedBy", "practitioner"):
        ref = res.get(field)
        if isinstance(ref, dict) and ref.get("reference"):
            yield str(ref["reference"])
    for field in ("location", "healthcareService"):
        for ref in res.get(field) or []:
            if isinstance(ref, dict) and ref.get("reference"):
                yield str(ref["reference"])


def _load(path: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The resources of a Bundle file (or of a file holding one resource) and the Bundle's fullUrls."""
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise ImportFormatError(path.name, None, f"not JSON ({exc})", field="json") from None
    if not isinstance(data, dict) or "resourceType" not in data:
        raise ImportFormatError(path.name, None, "not a FHIR resource", field="resourceType")
    if data["resourceType"] != "Bundle":
        if data["resourceType"] not in ("Organization", "HealthcareService", "Location",
                                        "PractitionerRole", "Practitioner"):
            raise ImportFormatError(path.name, None, f"resource type {data['resourceType']!r} is not "
                                    "one the ROR publishes", field="resourceType")
        return [data], {}
    if data.get("type") not in ("collection", "searchset", "batch", "transaction"):
        raise ImportFormatError(path.name, None, f"Bundle type {data.get('type')!r} is not a "
                                "collection or searchset", field="type")
    resources, full_urls = [], {}
    for i, entry in enumerate(data.get("entry") or []):
        res = entry.get("resource")
        if not isinstance(res, dict) or "resourceType" not in res:
            raise ImportFormatError(path.name, f"entry[{i}]", "entry without a resource", field="resource")
        resources.append(res)
        if entry.get("fullUrl"):
            full_urls[str(entry["fullUrl"])] = res
    return resources, full_urls


def read_fhir(path: Path, *, nomenclatures: Nomenclatures | None = None,
              base: Repertoire | None = None) -> ImportResult:
    """Read a Bundle (or one resource); with `base`, references outside it are looked up there and the
    resources an earlier import left pending are read again with this one."""
    path = Path(path)
    resources, full_urls = _load(path)
    mine = {f"{x['resourceType']}/{x.get('id')}" for x in resources}
    if base is not None:  # earlier pending resources, unless this file brings a newer version
        for held in base.fhir_en_attente():
            if f"{held['resourceType']}/{held.get('id')}" not in mine:
                resources.append(held)
    r = _Reader(resources, full_urls, path.name, nomenclatures or default_nomenclatures(), base)
    result = ImportResult(source=SOURCE)
    owners: dict[tuple[str, str], str] = {}  # (kind, record id) → the resource that gave it

    def claim(kind: str, id_: str, res: dict[str, Any]) -> None:
        """Two resources giving one record would merge silently: refuse, naming both."""
        first = owners.setdefault((kind, id_), r.where(res))
        if first != r.where(res):
            raise ImportFormatError(r.name, r.where(res), f"identifier {id_!r} is also the one of "
                                    f"{first}: both resources would be the same {kind} record",
                                    field="identifier")
        for ref in (r.where(res), *r.aliases.get(id(res), ())):
            result.references[ref] = (kind, id_)

    def park(res: dict[str, Any], exc: _Unresolved, blocking: bool) -> None:
        """A link to wait for; a resource that cannot stand without it waits whole, with the
        Bundle's places it names (a later import reads them again together)."""
        kept = (res, *(loc for ref in res.get("location") or []
                       if isinstance(loc := r.by_ref.get(_ref_key(str(ref.get("reference", "")))), dict)))
        result.pending.append(Pending(r.where(res), exc.field, exc.target, blocking, kept))

    orgs = [x for x in resources if x["resourceType"] == "Organization"]
    kinds = {id(o): _org_kind(r, o) for o in orgs}
    ids = {id(o): _org_id(r, o, kinds[id(o)]) for o in orgs}
    for o in orgs:
        result.read += 1
        kind = kinds[id(o)]
        try:
            if kind == "ej":
                claim("ej", ids[id(o)], o)
                result.offre.add(_ej(r, o, ids[id(o)]))
            elif kind == "eg":
                claim("eg", ids[id(o)], o)
                result.offre.add(_eg(r, o, kinds, ids, lambda exc, o=o: park(o, exc, False)))
            elif kind == "oi":
                eg_id, parent = _eg_of(r, o, kinds, ids, "partOf")
                claim("oi", ids[id(o)], o)
                result.offre.add(OrganisationInterne(
                    id=ids[id(o)], eg_id=eg_id, nom=o.get("name") or ids[id(o)],
                    type=r.code(o, o.get("type"), "oi.type") or "", parent_id=parent))
            else:
                result.skip(f"{path.name}:{r.where(o)}", "Organization neither EJ, EG nor OI")
        except _Unresolved as exc:
            park(o, exc, True)
    uo_by_hs: dict[int, str] = {}
    placed: set[int] = set()  # the Locations some unit of the file names
    for hs in (x for x in resources if x["resourceType"] == "HealthcareService"):
        result.read += 1
        placed.update(id(x) for ref in hs.get("location") or []
                      if isinstance(x := r.by_ref.get(_ref_key(str(ref.get("reference", "")))), dict))
        try:
            uo = _uo(r, hs, kinds, ids, lambda exc, hs=hs: park(hs, exc, False))
        except _Unresolved as exc:
            # read it all the same, so a code that is genuinely wrong is refused now, not later
            _validate(r, result, [_uo(r, hs, kinds, ids, lambda _exc: None, site=(WAITING_SITE, None))])
            park(hs, exc, True)
            continue
        claim("uo", uo.id, hs)
        uo_by_hs[id(hs)] = uo.id
        result.offre.add(uo)
    for loc in (x for x in resources if x["resourceType"] == "Location" and id(x) not in placed):
        _lieu(r, loc)  # checked now; stored with the unit that will name it
        park(loc, _Unresolved(loc, "HealthcareService.location", "a HealthcareService naming it"), True)
    _place_sites(r, result, kinds, ids)
    _professionnels(r, result, uo_by_hs, park)
    named = {id(x) for role in resources if role["resourceType"] == "PractitionerRole"
             if isinstance(x := r.by_ref.get(_ref_key(str((role.get("practitioner") or {})
                                                          .get("reference", "")))), dict)}
    for pr in (x for x in resources if x["resourceType"] == "Practitioner" and id(x) not in named):
        park(pr, _Unresolved(pr, "PractitionerRole.practitioner", "a PractitionerRole naming it"), True)
    _validate(r, result)
    result.warnings.extend(r.warnings)
    return result


def _types(o: dict[str, Any]) -> set[str]:
    return {t for c in o.get("type") or [] for coding in c.get("coding", [])
            if (t := _table_of(coding.get("system")))}


def _org_kind(r: _Reader, o: dict[str, Any]) -> str | None:
    types = o.get("type") or []
    if r.codes(o, types, "eg.categorie"):
        return "eg"
    if r.codes(o, types, "oi.type"):
        return "oi"
    if _structure_ids(o) or {"TRE_R72", "TRE_R69"} & _types(o):
        return "ej"
    return None


def _identifiants(r: _Reader, res: dict[str, Any], table: str) -> tuple[Identifiant, ...]:
    """The identifiers with a value, their type taken from `table` (TRE_G07, R355, R354, R345)."""
    out = []
    for ident in res.get("identifier") or []:
        value = str(ident.get("value") or "").strip()
        if not value:
            continue
        codes = [str(c["code"]) for c in (ident.get("type") or {}).get("coding", [])
                 if c.get("code") and _table_of(c.get("system")) == table]
        out.append(Identifiant(value, codes[0] if codes else None, ident.get("system")))
    return tuple(out)


def _structure_ids(o: dict[str, Any]) -> dict[str, str]:
    """FINESS / SIREN / SIRET / idNatSt of an organisation, by TRE_G07 type (or system URL)."""
    out: dict[str, str] = {}
    for ident in o.get("identifier") or []:
        value = str(ident.get("value") or "").strip()
        if not value:
            continue
        system = (ident.get("system") or "").lower()
        codes = [str(c.get("code")) for c in (ident.get("type") or {}).get("coding", [])
                 if _table_of(c.get("system")) == "TRE_G07"]
        if G07_FINESS in codes or "finess" in system:
            out.setdefault(G07_FINESS, value)
        elif G07_ID_NAT_ST in codes or system == ID_NAT_ST_SYSTEM:
            out.setdefault(G07_ID_NAT_ST, value)
        elif G07_SIRET in codes:
            out.setdefault(G07_SIRET, value)
        elif G07_SIREN in codes:
            out.setdefault(G07_SIREN, value)
    return out


def _org_id(r: _Reader, o: dict[str, Any], kind: str | None) -> str:
    if kind == "oi":
        for ident in o.get("identifier") or []:  # identifiantOI (TRE_R345 42, system oi.esante)
            typed = any(_table_of(c.get("system")) == "TRE_R345"
                        for c in (ident.get("type") or {}).get("coding", []))
            if ident.get("value") and ("oi.esante" in (ident.get("system") or "") or typed):
                return str(ident["value"])
    ids = _structure_ids(o)
    order = (G07_FINESS, G07_ID_NAT_ST, G07_SIRET) if kind == "eg" else (G07_FINESS, G07_ID_NAT_ST, G07_SIREN)
    for t in order:
        if t in ids:
            return ids[t]
    return f"{o['resourceType']}/{o.get('id')}"


def _eg_of(r: _Reader, o: dict[str, Any], kinds: dict[int, str | None], ids: dict[int, str],
           field: str) -> tuple[str, str | None]:
    """(EG id, parent OI id or None) of an OI or a HealthcareService, walking partOf upwards (through
    the Bundle, then the store)."""
    parent = r.resolve(o, o.get("partOf") if field == "partOf" else o.get("providedBy"), field,
                       "Organization")
    if parent is None:
        raise ImportFormatError(r.name, r.where(o), "no site: reference missing", field=field)
    if isinstance(parent, Externe):
        return _external_site(r, o, parent, field)
    parent_oi = ids[id(parent)] if kinds.get(id(parent)) == "oi" else None
    node: dict[str, Any] = parent
    seen = set()
    while kinds.get(id(node)) == "oi":
        if id(node) in seen:
            raise ImportFormatError(r.name, r.where(o), "partOf cycle", field="partOf")
        seen.add(id(node))
        nxt = r.resolve(node, node.get("partOf"), "partOf", "Organization")
        if nxt is None:
            raise ImportFormatError(r.name, r.where(node), "internal organisation without a site",
                                    field="partOf")
        if isinstance(nxt, Externe):
            return _external_site(r, o, nxt, field)[0], parent_oi
        node = nxt
    if kinds.get(id(node)) != "eg":
        raise ImportFormatError(r.name, r.where(o), f"{field} leads to {r.where(node)}, not a site (EG)",
                                field=field)
    return ids[id(node)], parent_oi


def _external_site(r: _Reader, o: dict[str, Any], ext: Externe, field: str) -> tuple[str, str | None]:
    if ext.kind == "eg":
        return ext.id, None
    if ext.kind == "oi" and ext.eg_id:
        return ext.eg_id, ext.id
    raise ImportFormatError(r.name, r.where(o), f"{field} names the stored {ext.kind} {ext.id!r}, "
                            "not a site (EG) or an internal organisation", field=field)


def _adresse(address: dict[str, Any] | list[Any] | None) -> Adresse:
    if isinstance(address, list):
        address = address[0] if address else None
    if not address:
        return Adresse()
    parts: dict[str, str] = {}
    for line in address.get("_line") or []:
        for e in (line or {}).get("extension", []):
            parts[_ext_name(e.get("url", ""))] = str(e.get("valueString") or "")
    for e in address.get("extension") or []:  # some exports put line parts on the address itself
        parts.setdefault(_ext_name(e.get("url", "")), str(e.get("valueString") or ""))
    insee = None
    for e in address.get("extension") or []:
        if "insee" in _ext_name(e.get("url", "")).lower():
            insee = (e.get("valueCoding") or {}).get("code") or e.get("valueString")
    voie = parts.get("iso21090-ADXP-streetNameBase")
    lines = address.get("line") or []
    return Adresse(numero=parts.get("iso21090-ADXP-houseNumber") or None,
                   type_voie=parts.get("iso21090-ADXP-streetNameType") or None,
                   voie=voie or (lines[0] if lines else None),
                   lieu_dit=parts.get("ror-lieu-dit") or parts.get("lieuDit") or None,
                   code_postal=address.get("postalCode"), localite=address.get("city"),
                   commune_insee=insee)


def _geolocation(address: dict[str, Any] | list[Any] | None) -> Coordonnees | None:
    if isinstance(address, list):
        address = address[0] if address else None
    geo = _ext(address, "geolocation")
    if geo is None:
        return None
    lat, lon = _ext(geo, "latitude"), _ext(geo, "longitude")
    if lat is None or lon is None:
        return None
    return Coordonnees(float(lat["valueDecimal"]), float(lon["valueDecimal"]))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _ej(r: _Reader, o: dict[str, Any], ej_id: str) -> EntiteJuridique:
    types = o.get("type") or []
    statut = r.code(o, types, "ej.statut_juridique")
    return EntiteJuridique(id=ej_id, nom=o.get("name") or ej_id, adresse=_adresse(o.get("address")),
                           statut_juridique=statut,
                           agregat_statut_juridique=r.code(o, types, "ej.agregat_statut_juridique"),
                           siren=_structure_ids(o).get(G07_SIREN),
                           identifiants=_identifiants(r, o, "TRE_G07"), source=SOURCE)


def _org_contacts(r: _Reader, o: dict[str, Any]) -> tuple[Contact, ...]:
    """Organization.contact with both confidentiality levels (the contact's and each telecom's)."""
    out = []
    for c in o.get("contact") or []:
        telecoms = []
        for t in c.get("telecom") or []:
            if not t.get("value"):
                continue
            channel = _ext(t, "ror-telecom-communication-channel")
            r200 = r.checked(o, channel.get("valueCodeableConcept"), "telecom.canal") if channel else None
            telecoms.append(Telecom(_canal(t.get("system"), r200, str(t["value"]), t.get("use")),
                                    str(t["value"]),
                                    _confidentialite(r, o, t, "ror-telecom-confidentiality-level")))
        name = c.get("name") or {}
        out.append(Contact(
            confidentialite=_confidentialite(r, o, c, "ror-contact-confidentiality-level"),
            nature=_display(c.get("purpose")),
            nature_code=r.bound(o, c.get("purpose"), "contact.nature") if _r287(c.get("purpose"))
            else None,
            nom=name.get("text") or " ".join([*name.get("given", []), name.get("family", "")]).strip()
            or None,
            telecoms=tuple(telecoms)))
    return tuple(out)


def _eg(r: _Reader, o: dict[str, Any], kinds: dict[int, str | None], ids: dict[int, str],
        pending: Any) -> EntiteGeographique:
    eg_id = ids[id(o)]
    structure = _structure_ids(o)
    if G07_FINESS in structure and not FINESS_RE.match(structure[G07_FINESS]):
        raise ImportFormatError(r.name, r.where(o), f"not a FINESS number: {structure[G07_FINESS]!r}",
                                field="identifier")
    if eg_id.startswith("Organization/"):
        raise ImportFormatError(r.name, r.where(o), "site without FINESS, national structure id or "
                                "SIRET", field="identifier")
    ej_id = None
    try:
        ej = r.resolve(o, o.get("partOf"), "partOf", "Organization")
        if isinstance(ej, Externe):
            ej_id = ej.id if ej.kind == "ej" else None
        elif ej is not None:
            ej_id = ids[id(ej)]
    except _Unresolved as exc:  # the site stands without its legal entity until it comes
        pending(exc)
    adresse = _adresse(o.get("address"))
    lieu = locate(insee=adresse.commune_insee, postcode=adresse.code_postal, city=adresse.localite,
                  finess=structure.get(G07_FINESS))
    contacts = _org_contacts(r, o)
    # the site's phone is the first one anybody may see: a confidential contact hides its phones
    # even when a telecom itself says public (TRE_R283 at both levels); the others stay in contacts
    telephone = next((t.valeur for c in contacts if c.confidentialite == Confidentialite.PUBLIC
                      for t in c.telecoms
                      if t.canal in (Canal.TELEPHONE, Canal.MOBILE)
                      and t.confidentialite == Confidentialite.PUBLIC), None)
    # dateOuverture / dateFermeture: the core `organization-period` extension (the IG's profile), or
    # the ROR one with a `period` sub-extension (internal organisations)
    period = ((_ext(o, "organization-period") or {}).get("valuePeriod")
              or (_ext(_ext(o, "ror-organization-period"), "period") or {}).get("valuePeriod") or {})
    famille = _ext(o, "ror-organization-accomodation-family")
    aides = [code for e in _exts(o, "ror-organization-financial-help-type")
             for code in r.codes(o, e.get("valueCodeableConcept"), "eg.aides_financieres")]
    return EntiteGeographique(
        id=eg_id, ej_id=ej_id, nom=o.get("name") or eg_id,
        categorie=r.code(o, o.get("type"), "eg.categorie") or "",
        adresse=replace(adresse, commune_insee=adresse.commune_insee or lieu.commune_insee),
        coordonnees=_geolocation(o.get("address")), region=lieu.region, departement=lieu.departement,
        telephone=telephone, contacts=contacts, siret=structure.get(G07_SIRET),
        date_ouverture=_date(period.get("start")), date_fermeture=_date(period.get("end")),
        identifiants=_identifiants(r, o, "TRE_G07"), aides_financieres=tuple(aides),
        accueil_famille=famille.get("valueBoolean") if famille else None, source=SOURCE)


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _horaires(r: _Reader, hs: dict[str, Any]) -> Horaires:
    plages: list[Plage] = []
    all_day_days: set[int] = set()
    debut = fin = None
    typed = False
    for slot in hs.get("availableTime") or []:
        days = [DAYS[d] for d in slot.get("daysOfWeek") or [] if d in DAYS]
        number = _ext(slot, "ror-available-time-number-days-of-week")
        if number is not None and not days:  # jourSemaine 1 (lundi) .. 7 (dimanche), 8 jours fériés
            days = [int(number["valueInteger"]) - 1]
        period = _ext(slot, "ror-available-time-effective-opening-closing-date")
        if period is not None:
            p = period.get("valuePeriod") or {}
            debut = date.fromisoformat(p["start"][:10]) if p.get("start") else debut
            fin = date.fromisoformat(p["end"][:10]) if p.get("end") else fin
        kind = _ext(slot, "ror-available-time-type-of-time")
        type_horaire = r.code(hs, kind.get("valueCodeableConcept"), "uo.horaires.type_horaire") \
            if kind else None
        typed = typed or type_horaire not in (None, "01")
        if slot.get("allDay"):
            all_day_days.update(days)
            plages.extend(Plage(d, time(0), time(0), type_horaire) for d in days)
            continue
        start, end = _time(slot.get("availableStartTime")), _time(slot.get("availableEndTime"))
        if start is None or end is None:
            raise ImportFormatError(r.name, r.where(hs), "opening range without start or end time",
                                    field="availableTime")
        plages.extend(Plage(d, start, end, type_horaire) for d in days)
    fermetures = []
    for na in hs.get("notAvailable") or []:
        during = na.get("during") or {}
        if during.get("start"):
            fermetures.append(Fermeture(
                debut=date.fromisoformat(during["start"][:10]),
                reouverture_prevue=date.fromisoformat(during["end"][:10]) if during.get("end") else None,
                motif=na.get("description")))
    if all_day_days >= set(range(7)) and not typed:
        return Horaires(permanent=True, debut_validite=debut, fin_validite=fin, fermetures=tuple(fermetures))
    return Horaires(plages=tuple(plages), debut_validite=debut, fin_validite=fin, fermetures=tuple(fermetures))


def _canal(system: str | None, r200: str | None, value: str, use: str | None) -> Canal:
    """The telecom's own channel: its TRE_R200 code, else `use` mobile, else its ContactPoint
    system; only a telecom that says none of them is read from the value's shape."""
    canal = R200_CANAL.get(r200 or "")
    if canal is None and use == "mobile":
        canal = Canal.MOBILE
    if canal is None:
        canal = SYSTEM_CANAL.get(system or "")
    if canal is None:  # nothing said: guess from the value
        if "@" in value:
            canal = Canal.EMAIL
        elif value.startswith("http"):
            canal = Canal.URL
        elif value.replace(" ", "").replace(".", "")[:2] in ("06", "07"):
            canal = Canal.MOBILE
        else:
            canal = Canal.TELEPHONE
    if canal == Canal.EMAIL and "mssante" in value.lower():
        return Canal.MSSANTE  # a secure health messaging address is an e-mail channel (R200 3)
    return canal


def _confidentialite(r: _Reader, res: dict[str, Any], element: dict[str, Any] | None,
                     name: str) -> Confidentialite:
    ext = _ext(element, name)
    code = r.any_code(ext.get("valueCodeableConcept")) if ext else None
    if code is None:
        return Confidentialite.PUBLIC
    if code not in r.nom.table("JDV_J222").codes or code not in CONFIDENTIALITE:
        r.unknown(res, name, code, "JDV_J222")
    return CONFIDENTIALITE[code]


def _contacts(r: _Reader, hs: dict[str, Any]) -> tuple[Contact, ...]:
    out = []
    for ext in _exts(hs, "ror-healthcareservice-contact"):
        telecoms = []
        for t in _exts(ext, "ror-healthcareservice-contact-telecom"):
            value = (_ext(t, "telecomAddress") or {}).get("valueString")
            if not value:
                raise ImportFormatError(r.name, r.where(hs), "contact telecom without telecomAddress",
                                        field="ror-healthcareservice-contact-telecom")
            channel = _ext(t, "ror-telecom-communication-channel")
            r200 = r.checked(hs, channel.get("valueCodeableConcept"), "telecom.canal") if channel else None
            telecoms.append(Telecom(_canal(None, r200, value, None), value,
                                    _confidentialite(r, hs, t, "ror-telecom-confidentiality-level")))
        name = (_ext(ext, "name") or {}).get("valueHumanName") or {}
        fonction = _ext(ext, "ror-function-contact", "ror-contact-function-contact")
        purpose = _ext(ext, "purposeContact")
        out.append(Contact(
            confidentialite=_confidentialite(r, hs, ext, "ror-confidentiality-level"),
            fonction=_display(fonction.get("valueCodeableConcept")) if fonction else None,
            nature=_display(purpose.get("valueCodeableConcept")) if purpose else None,
            nature_code=r.bound(hs, purpose.get("valueCodeableConcept"), "contact.nature")
            if purpose and _r287(purpose.get("valueCodeableConcept")) else None,
            nom=name.get("text") or " ".join([*name.get("given", []), name.get("family", "")]).strip() or None,
            telecoms=tuple(telecoms)))
    mss = [Telecom(_canal(t.get("system"), None, t["value"], t.get("use")), t["value"],
                   _confidentialite(r, hs, t, "ror-telecom-confidentiality-level"))
           for t in hs.get("telecom") or [] if t.get("value")]
    if mss:
        out.append(Contact(fonction="Boîte aux lettres de l'offre", telecoms=tuple(mss)))
    return tuple(out)


def _r287(concept: dict[str, Any] | None) -> bool:
    """Whether a contact's purpose is coded in TRE_R287 (else its text is kept as a label only)."""
    return any(_table_of(c.get("system")) == "TRE_R287" for c in (concept or {}).get("coding", []))


def _display(concept: dict[str, Any] | None) -> str | None:
    for coding in (concept or {}).get("coding", []):
        label = coding.get("display") or coding.get("code")
        return None if label is None else str(label)
    return (concept or {}).get("text")


def _capacites(r: _Reader, loc: dict[str, Any]) -> tuple[Capacite, ...]:
    out = []
    for i, ext in enumerate(_exts(loc, "ror-location-supported-capacity")):
        def code(name: str, field: str, ext: dict[str, Any] = ext) -> str | None:
            sub = _ext(ext, name)
            return r.bound(loc, sub.get("valueCodeableConcept"), field) if sub else None

        nombre = (_ext(ext, "nbCapacity") or {}).get("valueInteger")
        nature, statut, temporalite = (code("capacityType", "capacite.nature"),
                                       code("capacityStatus", "capacite.statut"),
                                       code("temporalityCapacity", "capacite.temporalite"))
        if nature is None or statut is None or temporalite is None or nombre is None:
            raise ImportFormatError(r.name, r.where(loc), "capacity without capacityType, capacityStatus,"
                                    " temporalityCapacity or nbCapacity",
                                    field="ror-location-supported-capacity")
        genre = code("genderCapacityAvailable", "capacite.genre")
        source = code("capacitySourceType", "capacite.source")
        if genre is None:
            r.warn(loc, f"capacity [{i}] without genderCapacityAvailable: read as 04 (indéterminé)")
        if source is None:
            r.warn(loc, f"capacity [{i}] without capacitySourceType: read as 01 (saisie manuelle)")
        maj = (_ext(ext, "capacityUpdateDate") or {}).get("valueDateTime")
        out.append(Capacite(nature=nature, statut=statut, temporalite=temporalite,
                            genre=genre or "04", nombre=int(nombre), source=source or "01",
                            maj=datetime.fromisoformat(maj) if maj else None,
                            crise=code("crisisType", "capacite.crise"),
                            type_lit_supplementaire=code("additionalBedType",
                                                         "capacite.type_lit_supplementaire"),
                            type_fermeture=code("closingType", "capacite.type_fermeture"),
                            affectation_temporaire=code("temporaryAssignement",
                                                        "capacite.affectation_temporaire")
                            or code("temporaryAssignment", "capacite.affectation_temporaire")))
    return tuple(out)


def _equipements(r: _Reader, loc: dict[str, Any]) -> tuple[Equipement, ...]:
    out = []
    for ext in _exts(loc, "ror-location-equipment") + _exts(loc, "ror-location-equipement"):
        sub = _ext(ext, "equipmentType")
        code = r.bound(loc, (sub or {}).get("valueCodeableConcept"), "uo.equipements.code")
        if code is None:
            raise ImportFormatError(r.name, r.where(loc), "equipment without equipmentType",
                                    field="ror-location-equipment")
        n = (_ext(ext, "nbInService") or {}).get("valueInteger")
        limit = _ext(ext, "ror-location-equipment-limit", "equipmentLimit")
        feature = _ext(limit, "equipmentFeature")
        value = ((_ext(limit, "limitValue") or {}).get("valueQuantity") or {}).get("value")
        caracteristique = r.bound(loc, feature.get("valueCodeableConcept"),
                                  "uo.equipements.caracteristique") if feature else None
        if (caracteristique is None) != (value is None):
            raise ImportFormatError(r.name, r.where(loc), "equipment limit needs both equipmentFeature "
                                    "and limitValue", field="ror-location-equipment-limit")
        out.append(Equipement(code=code, quantite=int(n) if n is not None else 1,
                              caracteristique=caracteristique,
                              valeur=float(value) if value is not None else None))
    return tuple(out)


def _lieu(r: _Reader, loc: dict[str, Any]) -> Lieu:
    identifiants = _identifiants(r, loc, "TRE_R354")
    lieu_id = next((i.valeur for i in identifiants if i.type == R354_LIEU), None)
    cog = _ext(loc, "ror-commune-cog", "ror-location-commune-cog")
    pos = loc.get("position") or {}
    adresse = _adresse(loc.get("address")) if loc.get("address") else None
    commune = r.any_code(cog.get("valueCodeableConcept")) if cog else None
    if commune and not default_territoire().connait(commune):
        r.warn(loc, f"ror-commune-cog: {commune!r} is not a commune of the INSEE COG "
                    "(TRE_R13 is published without its codes): kept as published")
    if adresse is not None and commune and not adresse.commune_insee:
        adresse = replace(adresse, commune_insee=commune)
    return Lieu(id=lieu_id or r.where(loc), nom=loc.get("name"), statut=loc.get("status"),
                fonctions=tuple(r.codes(loc, loc.get("type"), "lieu.fonctions")),
                identifiants=identifiants, adresse=adresse, commune_cog=commune,
                coordonnees=Coordonnees(float(pos["latitude"]), float(pos["longitude"]))
                if "latitude" in pos and "longitude" in pos else None,
                capacites=_capacites(r, loc), equipements=_equipements(r, loc),
                region=r.region(loc, "lieu.region"))


def _synchro(loc: dict[str, Any]) -> str | None:
    for ident in loc.get("identifier") or []:
        codes = [c.get("code") for c in (ident.get("type") or {}).get("coding", [])]
        if R354_SYNCHRO in codes and ident.get("value"):  # TRE_R354 26: idExterneSynchro
            return str(ident["value"])
    return None


def _ages(r: _Reader, hs: dict[str, Any], age: dict[str, Any]) -> tuple[TrancheAge | None, int | None,
                                                                          int | None]:
    """The published range (value and unit) and the same bounds in whole years."""
    if not age:
        return None, None, None
    low, high = age.get("low") or {}, age.get("high") or {}
    units = {str(q.get("code") or q.get("unit") or "a") for q in (low, high) if q.get("value") is not None}
    units = {"a" if u in ("ans", "an", "year", "years") else "mo" if u in ("mois", "month") else u
             for u in units}
    if len(units) > 1:
        raise ImportFormatError(r.name, r.where(hs), f"age range low and high in different units "
                                f"{sorted(units)}", field="ageRange")
    unite = units.pop() if units else "a"
    r.in_table(hs, "uo.tranche_age.unite", unite)  # JDV_J37, the ROR's time units
    if unite not in AGE_UNITS:
        raise ImportFormatError(r.name, r.where(hs), f"age unit {unite!r} has no conversion to years",
                                field="uo.tranche_age.unite")
    lo, hi = low.get("value"), high.get("value")

    def years(v: Any) -> int | None:
        return None if v is None else min(MAX_AGE, math.floor(float(v) / AGE_UNITS[unite]))

    return (TrancheAge(float(lo) if lo is not None else None, float(hi) if hi is not None else None, unite),
            years(lo), years(hi))


def _uo_id(hs: dict[str, Any]) -> str:
    identifiers = hs.get("identifier") or []
    for ident in identifiers:
        codes = [c.get("code") for c in (ident.get("type") or {}).get("coding", [])]
        if R355_FONCTIONNEL in codes and ident.get("value"):
            return str(ident["value"])
    values = [i.get("value") for i in identifiers if i.get("value")]
    return str(values[0]) if values else f"HealthcareService/{hs.get('id')}"


def _une_activite(r: _Reader, hs: dict[str, Any]) -> str:
    """The unit's one activité opérationnelle: the IG's `specialty[operationalActivity]` is 1..1, so
    none or several is refused (a source unit with two activities is two units in the ROR)."""
    found = r.codes(hs, hs.get("specialty"), "uo.activite")
    if len(found) != 1:
        raise ImportFormatError(r.name, r.where(hs), f"{len(found)} activités opérationnelles "
                                f"(TRE_R211{': ' + ', '.join(found) if found else ''}); the IG "
                                "allows exactly one per HealthcareService (1..1): declare one "
                                "HealthcareService per activity", field="specialty[operationalActivity]")
    return found[0]


def _un_mode(r: _Reader, hs: dict[str, Any], characteristic: list[dict[str, Any]]) -> str | None:
    """The unit's mode de prise en charge: at most one (TRE_R213)."""
    found = r.codes(hs, characteristic, "uo.mode_prise_en_charge")
    if len(found) > 1:
        raise ImportFormatError(r.name, r.where(hs), f"{len(found)} modes de prise en charge "
                                f"(TRE_R213: {', '.join(found)}); a HealthcareService has one",
                                field="characteristic[careMode]")
    return found[0] if found else None


def _uo(r: _Reader, hs: dict[str, Any], kinds: dict[int, str | None], ids: dict[int, str],
        pending: Any, site: tuple[str, str | None] | None = None) -> UniteOperationnelle:
    eg_id, oi_id = site or _eg_of(r, hs, kinds, ids, "providedBy")
    characteristic = hs.get("characteristic") or []
    actes = [c for c in characteristic
             if (_ext(c, "ror-act-type") or {}).get("valueCode", "specificAct") == "specificAct"]
    patient = _ext(hs, "ror-healthcareservice-patient-type")
    tranche, age_min, age_max = _ages(r, hs, (_ext(patient, "ageRange") or {}).get("valueRange") or {})
    publics = [code for e in _exts(patient, "supportedPatientInfo")
               for code in r.codes(hs, e.get("valueCodeableConcept"), "uo.publics")]
    locations = []
    for ref in hs.get("location") or []:
        try:
            loc = r.resolve(hs, ref, "location", "Location")
        except _Unresolved as exc:  # the unit stands without that place until it comes
            pending(exc)
            continue
        if isinstance(loc, dict):
            locations.append(loc)
    lieux = [_lieu(r, loc) for loc in locations]
    sensible = _ext(hs, "ror-healthcareservice-sensitive-unit")
    secteur = _ext(hs, "ror-healthcareservice-psychiatric-sector")
    zones = []
    for z in _exts(hs, "ror-healthcareservice-intervention-zone"):
        ztype = r.checked(hs, (_ext(z, "type") or {}).get("valueCodeableConcept"),
                          "uo.zones_intervention.type")
        zcode = r.any_code((_ext(z, "code") or {}).get("valueCodeableConcept"))
        if ztype is None or zcode is None:
            raise ImportFormatError(r.name, r.where(hs), "intervention zone without type or code",
                                    field="ror-healthcareservice-intervention-zone")
        zones.append(ZoneIntervention(ztype, zcode))
    updated = (hs.get("meta") or {}).get("lastUpdated")
    adresse = next((lieu.adresse for lieu in lieux if lieu.adresse is not None), None)
    return UniteOperationnelle(
        id=_uo_id(hs), eg_id=eg_id, oi_id=oi_id, nom=hs.get("name") or "",
        champ=r.code(hs, hs.get("type"), "uo.champ") or "",
        activite=_une_activite(r, hs),
        mode_prise_en_charge=_un_mode(r, hs, characteristic),
        categorie_organisation=r.code(hs, hs.get("category"), "uo.categorie_organisation"),
        actes=tuple(r.codes(hs, actes, "uo.actes")),
        competences=tuple(r.codes(hs, characteristic, "uo.competences")),
        specialisations=tuple(r.codes(hs, characteristic, "uo.specialisations")),
        temporalites_accueil=tuple(r.codes(hs, characteristic, "uo.temporalites_accueil")),
        type_maternite=r.code(hs, characteristic, "uo.type_maternite"),
        ouverture_annuelle=r.code(hs, characteristic, "uo.ouverture_annuelle"),
        publics=tuple(publics), age_min=age_min, age_max=age_max, tranche_age=tranche,
        equipements=tuple(e for lieu in lieux for e in lieu.equipements),
        horaires=_horaires(r, hs), contacts=_contacts(r, hs),
        capacites=totaux(lieux), lieux=tuple(lieux), adresse=adresse,
        sensible=bool((sensible or {}).get("valueBoolean", False)),
        id_externe_synchro=next((x for loc in locations if (x := _synchro(loc))), None),
        identifiants=_identifiants(r, hs, "TRE_R355"),
        secteur_psychiatrique=(secteur or {}).get("valueString"),
        zones_intervention=tuple(zones),
        commentaire=hs.get("comment"), region=r.region(hs, "uo.region"),
        maj=datetime.fromisoformat(updated) if updated else None)


def _place_sites(r: _Reader, result: ImportResult, kinds: dict[int, str | None], ids: dict[int, str]) -> None:
    """A site without its own geolocation takes the position of a unit's place at that site."""
    for uo in result.offre.uo.values():
        eg = result.offre.eg.get(uo.eg_id)
        if eg is None or eg.coordonnees is not None:
            continue
        pos = next((lieu.coordonnees for lieu in uo.lieux if lieu.coordonnees is not None), None)
        if pos is not None:
            result.offre.eg[uo.eg_id] = replace(eg, coordonnees=pos)


def _professionnels(r: _Reader, result: ImportResult, uo_by_hs: dict[int, str], park: Any) -> None:
    for role in (x for x in r.resources if x["resourceType"] == "PractitionerRole"):
        result.read += 1
        try:
            pr = r.resolve(role, role.get("practitioner"), "practitioner", "Practitioner")
        except _Unresolved as exc:
            park(role, exc, True)
            continue
        if pr is None:
            raise ImportFormatError(r.name, r.where(role), "no practitioner", field="practitioner")
        if isinstance(pr, Externe):
            rpps = pr.id
            name: dict[str, Any] = {}
        else:
            rpps = next((str(i["value"]) for i in pr.get("identifier") or []
                         if i.get("system") == RPPS_SYSTEM and i.get("value")), None) \
                or next((str(i["value"]) for i in role.get("identifier") or [] if i.get("value")),
                        f"Practitioner/{pr.get('id')}")
            name = (pr.get("name") or [{}])[0]
        mode = _ext(role, "ror-practitionerrole-unit-exercise-mode", "ror-unit-exercise-mode")
        exercise_name = _ext(role, "RORPractitionerRoleName", "ror-practitionerrole-name")
        first = (_ext(exercise_name, "exerciseFirstName") or {}).get("valueString")
        last = (_ext(exercise_name, "exerciseLastName") or {}).get("valueString")
        exercices = []
        for ref in role.get("healthcareService") or []:
            try:
                service = r.resolve(role, ref, "healthcareService", "HealthcareService")
            except _Unresolved as exc:  # the professional stands without that unit until it comes
                park(role, exc, False)
                continue
            if service is None:
                continue
            uo_id = service.id if isinstance(service, Externe) else uo_by_hs.get(id(service))
            if uo_id is None:  # the unit itself is pending
                continue
            exercices.append(Exercice(
                uo_id=uo_id, activite=r.code(role, role.get("specialty"), "exercice.activite"),
                mode_exercice=r.code(role, mode.get("valueCodeableConcept"), "exercice.mode_exercice")
                if mode else None,
                savoir_faire=tuple(r.codes(role, role.get("specialty"), "exercice.savoir_faire")),
                nom_exercice=" ".join(p for p in (first, last) if p) or None))
        held = result.offre.professionnels.get(rpps)
        if held is not None:
            result.offre.professionnels[rpps] = replace(held, exercices=held.exercices + tuple(exercices))
            continue
        profession = r.code(role, role.get("code"), "professionnel.profession")
        if profession is None:
            raise ImportFormatError(r.name, r.where(role), "no profession (TRE_G15) in code", field="code")
        result.references[r.where(role)] = ("professionnel", rpps)
        if not isinstance(pr, Externe):
            for ref in (r.where(pr), *r.aliases.get(id(pr), ())):
                result.references[ref] = ("professionnel", rpps)
        result.offre.add(Professionnel(
            id=rpps, nom=name.get("family") or "", prenom=" ".join(name.get("given") or []),
            profession=profession, specialite=r.code(role, role.get("specialty"), "professionnel.specialite"),
            exercices=tuple(exercices)))


def _validate(r: _Reader, result: ImportResult, entities: Iterable[Any] | None = None) -> None:
    """Run the model's rules now (on the whole result, or on the given entities: a unit that waits
    for its site), so an error names the file and the resource; deprecated codes are reported in the
    result's warnings."""
    if entities is None:
        entities = [e for bucket in (result.offre.ej, result.offre.eg, result.offre.oi,
                                     result.offre.uo, result.offre.professionnels)
                    for e in bucket.values()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for entity in entities:
            try:
                validate(entity, r.nom)
            except UnknownCodeError as exc:
                exc.message = f"{r.name}: {type(entity).__name__} {entity.id}: {exc.message}"
                exc.args = (exc.message,)
                raise
            except ValidationError as exc:
                raise ImportFormatError(r.name, f"{type(entity).__name__} {entity.id}", exc.message,
                                        field=exc.field) from None
    result.warnings.extend(dict.fromkeys(str(w.message) for w in caught))
