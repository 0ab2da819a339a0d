"""Reader of the national ROR's FHIR R4 exposition (ANS IG "Répertoire de l'Offre et des Ressources"):
a Bundle (collection / searchset) of Organization, HealthcareService, Location, PractitionerRole and
Practitioner, as a region gets from its ROR export.

    read_fhir(path, *, nomenclatures=None) -> ImportResult

Mapping (after the ROR profiles ror-organization, ror-healthcareservice, ror-location...):
- Organization with a FINESS identifier and a category (TRE_R66 / JDV_J55) → EG, its `partOf` → EJ;
  with a type from TRE_R207 / JDV_J203 → organisation interne; otherwise with a FINESS number → EJ.
- HealthcareService → UO: `type` champ (TRE_R227), `category` type d'offre (TRE_R244 / JDV_J238),
  `specialty` activités (TRE_R211), `characteristic` by system: mode de prise en charge (TRE_R213),
  actes (TRE_R210), compétences (TRE_R243), spécialisations (TRE_R245); extensions patient-type (publics
  TRE_R239, ageRange), sensitive-unit, contact (with its telecoms); `availableTime` → schedule,
  `notAvailable` → closure. `providedBy` gives the EG (or an OI under it).
- Location (`HealthcareService.location`) → the unit's place: address, capacities from the
  `ror-location-supported-capacity` extension (TRE_R329 × R330 × R331 × R332, R335, R334, R336),
  equipment from `ror-location-equipment`, `idExterneSynchro` identifier. Its `position` places the EG
  when the EG's own address has no geolocation.
- Practitioner (RPPS identifier) + PractitionerRole (code TRE_G15, specialty TRE_R38, healthcareService)
  → Professionnel with one Exercice per role.
Codings are picked by system (the table named in the system URL); a coding of a known table with a code
absent from it is an UnknownCodeError naming field, code and table (and the resource); codings of
other systems are ignored (the profiles' slicing is open). A reference to a resource absent from the
Bundle is an ImportFormatError naming the referring resource and the field.
The TRE_R200 channel table is not shipped: a telecom's channel comes from ContactPoint.system, the R200
codes the IG illustrates (2 fixed phone, 3 e-mail) and the value's shape (MSSanté address, mobile).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

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
    OrganisationInterne,
    Professionnel,
    Telecom,
    UniteOperationnelle,
)
from ..validation import FINESS_RE, validate
from . import ImportResult
from .localisation import locate

SOURCE = "fhir:ror"
TABLE_RE = re.compile(r"(TRE|JDV)[_-]([A-Z]\d+)")
# Value sets (JDV) of the IG and the tables (TRE) our fields are checked against.
JDV_TABLES = {"TRE_R66": "JDV_J55", "JDV_J20": "TRE_R227", "JDV_J17": "TRE_R211", "JDV_J19": "TRE_R213", "JDV_J16": "TRE_R210",
              "JDV_J33": "TRE_R243", "JDV_J35": "TRE_R245", "JDV_J29": "TRE_R239", "JDV_J238": "TRE_R244",
              "JDV_J203": "TRE_R207", "JDV_J55": "JDV_J55", "JDV_J18": "TRE_R212", "JDV_J187": "TRE_R329",
              "JDV_J188": "TRE_R330", "JDV_J189": "TRE_R331", "JDV_J190": "TRE_R332",
              "JDV_J193": "TRE_R335", "JDV_J192": "TRE_R334", "JDV_J194": "TRE_R336",
              "JDV_J229": "TRE_G15", "JDV_J210": "TRE_R38", "JDV_J222": "TRE_R283"}
DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
RPPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1"
CONFIDENTIALITE = {"1": Confidentialite.PUBLIC, "2": Confidentialite.RESTREINT,
                   "3": Confidentialite.CONFIDENTIEL}
R200_CANAL = {"2": Canal.TELEPHONE, "3": Canal.EMAIL}  # the codes the IG's examples show


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


class _Reader:
    """One Bundle being read: its resources by reference, and where errors point."""

    def __init__(self, bundle: dict[str, Any], name: str, nom: Nomenclatures) -> None:
        self.name = name
        self.nom = nom
        self.by_ref: dict[str, dict[str, Any]] = {}
        self.resources: list[dict[str, Any]] = []
        for i, entry in enumerate(bundle.get("entry") or []):
            res = entry.get("resource")
            if not isinstance(res, dict) or "resourceType" not in res:
                raise ImportFormatError(name, f"entry[{i}]", "entry without a resource", field="resource")
            self.resources.append(res)
            if res.get("id"):
                self.by_ref[f"{res['resourceType']}/{res['id']}"] = res
            if entry.get("fullUrl"):
                self.by_ref[entry["fullUrl"]] = res

    def where(self, res: dict[str, Any]) -> str:
        return f"{res['resourceType']}/{res.get('id', '?')}"

    def resolve(self, res: dict[str, Any], ref: dict[str, Any] | None, field: str,
                expected: str) -> dict[str, Any] | None:
        if not ref or not ref.get("reference"):
            return None
        target = ref["reference"]
        found = self.by_ref.get(target)
        if found is None and "/" in target:  # absolute URL .../Organization/123
            found = self.by_ref.get("/".join(target.rstrip("/").split("/")[-2:]))
        if found is None or found["resourceType"] != expected:
            raise ImportFormatError(self.name, self.where(res), f"reference {target!r} does not resolve "
                                    f"to a {expected} of this Bundle", field=field)
        return found

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

    def unknown(self, res: dict[str, Any], field: str, code: str, table: str) -> None:
        exc = UnknownCodeError(field, code, table)
        exc.message = f"{self.name}: {self.where(res)}: {exc.message}"
        exc.args = (exc.message,)
        raise exc


def read_fhir(path: Path, *, nomenclatures: Nomenclatures | None = None) -> ImportResult:
    path = Path(path)
    try:
        bundle = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise ImportFormatError(path.name, None, f"not JSON ({exc})", field="json") from None
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise ImportFormatError(path.name, None, "not a FHIR Bundle", field="resourceType")
    if bundle.get("type") not in ("collection", "searchset", "batch", "transaction"):
        raise ImportFormatError(path.name, None, f"Bundle type {bundle.get('type')!r} is not a "
                                "collection or searchset", field="type")
    r = _Reader(bundle, path.name, nomenclatures or default_nomenclatures())
    result = ImportResult(source=SOURCE)
    orgs = [x for x in r.resources if x["resourceType"] == "Organization"]
    kinds = {id(o): _org_kind(r, o) for o in orgs}
    ids = {id(o): _org_id(o) for o in orgs}
    for o in orgs:
        result.read += 1
        kind = kinds[id(o)]
        if kind == "ej":
            result.offre.add(EntiteJuridique(id=ids[id(o)], nom=o.get("name") or ids[id(o)],
                                             adresse=_adresse(o.get("address")), source=SOURCE))
        elif kind == "eg":
            result.offre.add(_eg(r, o, kinds, ids))
        elif kind == "oi":
            eg_id, parent = _eg_of(r, o, kinds, ids, "partOf")
            result.offre.add(OrganisationInterne(
                id=ids[id(o)], eg_id=eg_id, nom=o.get("name") or ids[id(o)],
                type=r.code(o, o.get("type"), "oi.type") or "", parent_id=parent))
        else:
            result.skip(f"{path.name}:{r.where(o)}", "Organization neither EJ, EG nor OI")
    for hs in (x for x in r.resources if x["resourceType"] == "HealthcareService"):
        result.read += 1
        uo = _uo(r, hs, kinds, ids)
        result.offre.add(uo)
    _place_sites(r, result, kinds, ids)
    _professionnels(r, result)
    _validate(r, result)
    return result


def _org_kind(r: _Reader, o: dict[str, Any]) -> str | None:
    types = o.get("type") or []
    if r.codes(o, types, "eg.categorie"):
        return "eg"
    if r.codes(o, types, "oi.type"):
        return "oi"
    if _finess(o):
        return "ej"
    return None


def _finess(o: dict[str, Any]) -> str | None:
    for ident in o.get("identifier") or []:
        system = (ident.get("system") or "").lower()
        codes = [c.get("code") for c in (ident.get("type") or {}).get("coding", [])]
        if "finess" in system or ("1" in codes and "TRE_G07" in str(ident.get("type"))):
            return str(ident.get("value") or "").strip() or None
    return None


def _org_id(o: dict[str, Any]) -> str:
    for ident in o.get("identifier") or []:  # identifiantOI
        if "oi.esante" in (ident.get("system") or "") and ident.get("value"):
            return str(ident["value"])
    return _finess(o) or f"{o['resourceType']}/{o.get('id')}"


def _eg_of(r: _Reader, o: dict[str, Any], kinds: dict[int, str | None], ids: dict[int, str],
           field: str) -> tuple[str, str | None]:
    """(EG id, parent OI id or None) of an OI or a HealthcareService, walking partOf upwards."""
    parent = r.resolve(o, o.get("partOf") if field == "partOf" else o.get("providedBy"), field,
                       "Organization")
    if parent is None:
        raise ImportFormatError(r.name, r.where(o), "no site: reference missing", field=field)
    parent_oi = ids[id(parent)] if kinds.get(id(parent)) == "oi" else None
    node, seen = parent, set()
    while kinds.get(id(node)) == "oi":
        if id(node) in seen:
            raise ImportFormatError(r.name, r.where(o), "partOf cycle", field="partOf")
        seen.add(id(node))
        nxt = r.resolve(node, node.get("partOf"), "partOf", "Organization")
        if nxt is None:
            raise ImportFormatError(r.name, r.where(node), "internal organisation without a site",
                                    field="partOf")
        node = nxt
    if kinds.get(id(node)) != "eg":
        raise ImportFormatError(r.name, r.where(o), f"{field} leads to {r.where(node)}, not a site (EG)",
                                field=field)
    return ids[id(node)], parent_oi


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


def _eg(r: _Reader, o: dict[str, Any], kinds: dict[int, str | None], ids: dict[int, str]) -> EntiteGeographique:
    finess = ids[id(o)]
    if not FINESS_RE.match(finess):
        raise ImportFormatError(r.name, r.where(o), f"not a FINESS number: {finess!r}",
                                field="identifier")
    ej = r.resolve(o, o.get("partOf"), "partOf", "Organization")
    adresse = _adresse(o.get("address"))
    lieu = locate(insee=adresse.commune_insee, postcode=adresse.code_postal, city=adresse.localite,
                  finess=finess)
    # the site's phone is the first one anybody may see: a confidential contact hides its phones
    # even when a telecom itself says public (TRE_R283 at both levels)
    telephone = next((t.get("value") for c in o.get("contact") or []
                      if _confidentialite(r, o, c, "ror-contact-confidentiality-level")
                      == Confidentialite.PUBLIC
                      for t in c.get("telecom") or []
                      if t.get("system") == "phone" and t.get("value")
                      and _confidentialite(r, o, t, "ror-telecom-confidentiality-level")
                      == Confidentialite.PUBLIC), None)
    return EntiteGeographique(
        id=finess, ej_id=ids[id(ej)] if ej is not None else None, nom=o.get("name") or finess,
        categorie=r.code(o, o.get("type"), "eg.categorie") or "",
        adresse=replace(adresse, commune_insee=adresse.commune_insee or lieu.commune_insee),
        coordonnees=_geolocation(o.get("address")), region=lieu.region, departement=lieu.departement,
        telephone=telephone, source=SOURCE)


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _horaires(r: _Reader, hs: dict[str, Any]) -> Horaires:
    plages: list[Plage] = []
    all_day_days: set[int] = set()
    debut = fin = None
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
        if slot.get("allDay"):
            all_day_days.update(days)
            plages.extend(Plage(d, time(0), time(0)) for d in days)
            continue
        start, end = _time(slot.get("availableStartTime")), _time(slot.get("availableEndTime"))
        if start is None or end is None:
            raise ImportFormatError(r.name, r.where(hs), "opening range without start or end time",
                                    field="availableTime")
        plages.extend(Plage(d, start, end) for d in days)
    fermetures = []
    for na in hs.get("notAvailable") or []:
        during = na.get("during") or {}
        if during.get("start"):
            fermetures.append(Fermeture(
                debut=date.fromisoformat(during["start"][:10]),
                reouverture_prevue=date.fromisoformat(during["end"][:10]) if during.get("end") else None,
                motif=na.get("description")))
    if all_day_days >= set(range(7)):
        return Horaires(permanent=True, debut_validite=debut, fin_validite=fin, fermetures=tuple(fermetures))
    return Horaires(plages=tuple(plages), debut_validite=debut, fin_validite=fin, fermetures=tuple(fermetures))


def _canal(system: str | None, r200: str | None, value: str, use: str | None) -> Canal:
    if "@" in value:
        return Canal.MSSANTE if "mssante" in value.lower() else Canal.EMAIL
    if system == "fax":
        return Canal.FAX
    if system == "pager":
        return Canal.BIP
    if system == "url" or value.startswith("http"):
        return Canal.URL
    if use == "mobile" or value.replace(" ", "").replace(".", "")[:2] in ("06", "07"):
        return Canal.MOBILE
    return R200_CANAL.get(r200 or "", Canal.TELEPHONE)


def _confidentialite(r: _Reader, res: dict[str, Any], element: dict[str, Any] | None,
                     name: str) -> Confidentialite:
    ext = _ext(element, name)
    code = r.any_code(ext.get("valueCodeableConcept")) if ext else None
    if code is None:
        return Confidentialite.PUBLIC
    if code not in CONFIDENTIALITE:
        r.unknown(res, name, code, "TRE_R283")
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
            r200 = r.any_code(channel.get("valueCodeableConcept")) if channel else None
            telecoms.append(Telecom(_canal(None, r200, value, None), value,
                                    _confidentialite(r, hs, t, "ror-telecom-confidentiality-level")))
        name = (_ext(ext, "name") or {}).get("valueHumanName") or {}
        fonction = _ext(ext, "ror-function-contact", "ror-contact-function-contact")
        purpose = _ext(ext, "purposeContact")
        out.append(Contact(
            confidentialite=_confidentialite(r, hs, ext, "ror-confidentiality-level"),
            fonction=_display(fonction.get("valueCodeableConcept")) if fonction else None,
            nature=_display(purpose.get("valueCodeableConcept")) if purpose else None,
            nom=name.get("text") or " ".join([*name.get("given", []), name.get("family", "")]).strip() or None,
            telecoms=tuple(telecoms)))
    mss = [Telecom(_canal(t.get("system"), None, t["value"], t.get("use")), t["value"],
                   _confidentialite(r, hs, t, "ror-telecom-confidentiality-level"))
           for t in hs.get("telecom") or [] if t.get("value")]
    if mss:
        out.append(Contact(fonction="Boîte aux lettres de l'offre", telecoms=tuple(mss)))
    return tuple(out)


def _display(concept: dict[str, Any] | None) -> str | None:
    for coding in (concept or {}).get("coding", []):
        label = coding.get("display") or coding.get("code")
        return None if label is None else str(label)
    return (concept or {}).get("text")


def _capacites(r: _Reader, loc: dict[str, Any]) -> tuple[Capacite, ...]:
    out = []
    for ext in _exts(loc, "ror-location-supported-capacity"):
        def code(name: str, field: str, ext: dict[str, Any] = ext) -> str | None:
            sub = _ext(ext, name)
            if sub is None:
                return None
            concept = sub.get("valueCodeableConcept")
            return r.code(loc, concept, field) or r.any_code(concept)

        nombre = (_ext(ext, "nbCapacity") or {}).get("valueInteger")
        nature, statut, temporalite = (code("capacityType", "capacite.nature"),
                                       code("capacityStatus", "capacite.statut"),
                                       code("temporalityCapacity", "capacite.temporalite"))
        if nature is None or statut is None or temporalite is None or nombre is None:
            raise ImportFormatError(r.name, r.where(loc), "capacity without capacityType, capacityStatus,"
                                    " temporalityCapacity or nbCapacity",
                                    field="ror-location-supported-capacity")
        maj = (_ext(ext, "capacityUpdateDate") or {}).get("valueDateTime")
        out.append(Capacite(nature=nature, statut=statut, temporalite=temporalite,
                            genre=code("genderCapacityAvailable", "capacite.genre") or "04",
                            nombre=int(nombre),
                            source=code("capacitySourceType", "capacite.source") or "01",
                            maj=datetime.fromisoformat(maj) if maj else None,
                            crise=code("crisisType", "capacite.crise"),
                            type_lit_supplementaire=code("additionalBedType",
                                                         "capacite.type_lit_supplementaire")))
    return tuple(out)


def _equipements(r: _Reader, loc: dict[str, Any]) -> tuple[Equipement, ...]:
    out = []
    for ext in _exts(loc, "ror-location-equipment") + _exts(loc, "ror-location-equipement"):
        sub = _ext(ext, "equipmentType")
        concept = (sub or {}).get("valueCodeableConcept")
        code = r.code(loc, concept, "uo.equipements.code") or r.any_code(concept)
        if code is None:
            raise ImportFormatError(r.name, r.where(loc), "equipment without equipmentType",
                                    field="ror-location-equipment")
        n = (_ext(ext, "nbInService") or {}).get("valueInteger")
        out.append(Equipement(code=code, quantite=int(n) if n is not None else 1))
    return tuple(out)


def _synchro(loc: dict[str, Any]) -> str | None:
    for ident in loc.get("identifier") or []:
        codes = [c.get("code") for c in (ident.get("type") or {}).get("coding", [])]
        if "26" in codes and ident.get("value"):  # TRE_R354 26: idExterneSynchro
            return str(ident["value"])
    return None


def _uo(r: _Reader, hs: dict[str, Any], kinds: dict[int, str | None], ids: dict[int, str]) -> UniteOperationnelle:
    eg_id, oi_id = _eg_of(r, hs, kinds, ids, "providedBy")
    identifiers = [i.get("value") for i in hs.get("identifier") or [] if i.get("value")]
    uo_id = str(identifiers[0]) if identifiers else f"HealthcareService/{hs.get('id')}"
    characteristic = hs.get("characteristic") or []
    actes = [c for c in characteristic
             if (_ext(c, "ror-act-type") or {}).get("valueCode", "specificAct") == "specificAct"]
    patient = _ext(hs, "ror-healthcareservice-patient-type")
    age = (_ext(patient, "ageRange") or {}).get("valueRange") or {}
    publics = [code for e in _exts(patient, "supportedPatientInfo")
               for code in r.codes(hs, e.get("valueCodeableConcept"), "uo.publics")]
    locations = [r.resolve(hs, ref, "location", "Location") for ref in hs.get("location") or []]
    loc = locations[0] if locations else None
    sensible = _ext(hs, "ror-healthcareservice-sensitive-unit")
    updated = (hs.get("meta") or {}).get("lastUpdated")
    low, high = (age.get("low") or {}).get("value"), (age.get("high") or {}).get("value")
    return UniteOperationnelle(
        id=uo_id, eg_id=eg_id, oi_id=oi_id, nom=hs.get("name") or "",
        champ=r.code(hs, hs.get("type"), "uo.champ") or "",
        activites=tuple(r.codes(hs, hs.get("specialty"), "uo.activites")),
        mode_prise_en_charge=r.code(hs, characteristic, "uo.mode_prise_en_charge"),
        categorie_organisation=r.code(hs, hs.get("category"), "uo.categorie_organisation"),
        actes=tuple(r.codes(hs, actes, "uo.actes")),
        competences=tuple(r.codes(hs, characteristic, "uo.competences")),
        specialisations=tuple(r.codes(hs, characteristic, "uo.specialisations")),
        publics=tuple(publics),
        age_min=int(low) if low is not None else None, age_max=int(high) if high is not None else None,
        equipements=_equipements(r, loc) if loc else (),
        horaires=_horaires(r, hs), contacts=_contacts(r, hs),
        capacites=_capacites(r, loc) if loc else (),
        adresse=_adresse(loc.get("address")) if loc and loc.get("address") else None,
        sensible=bool((sensible or {}).get("valueBoolean", False)),
        id_externe_synchro=_synchro(loc) if loc else None,
        commentaire=hs.get("comment"),
        maj=datetime.fromisoformat(updated) if updated else None)


def _place_sites(r: _Reader, result: ImportResult, kinds: dict[int, str | None], ids: dict[int, str]) -> None:
    """A site without its own geolocation takes the position of a unit's place at that site."""
    for hs in (x for x in r.resources if x["resourceType"] == "HealthcareService"):
        eg_id, _ = _eg_of(r, hs, kinds, ids, "providedBy")
        eg = result.offre.eg.get(eg_id)
        if eg is None or eg.coordonnees is not None:
            continue
        for ref in hs.get("location") or []:
            pos = (r.resolve(hs, ref, "location", "Location") or {}).get("position")
            if pos and "latitude" in pos and "longitude" in pos:
                result.offre.eg[eg_id] = replace(eg, coordonnees=Coordonnees(float(pos["latitude"]),
                                                                             float(pos["longitude"])))
                break


def _professionnels(r: _Reader, result: ImportResult) -> None:
    uo_by_hs = {}
    for hs in (x for x in r.resources if x["resourceType"] == "HealthcareService"):
        identifiers = [i.get("value") for i in hs.get("identifier") or [] if i.get("value")]
        uo_by_hs[id(hs)] = str(identifiers[0]) if identifiers else f"HealthcareService/{hs.get('id')}"
    for role in (x for x in r.resources if x["resourceType"] == "PractitionerRole"):
        result.read += 1
        pr = r.resolve(role, role.get("practitioner"), "practitioner", "Practitioner")
        if pr is None:
            raise ImportFormatError(r.name, r.where(role), "no practitioner", field="practitioner")
        rpps = next((str(i["value"]) for i in pr.get("identifier") or []
                     if i.get("system") == RPPS_SYSTEM and i.get("value")), None)
        rpps = rpps or next((str(i["value"]) for i in role.get("identifier") or [] if i.get("value")),
                            f"Practitioner/{pr.get('id')}")
        exercices = []
        for ref in role.get("healthcareService") or []:
            service = r.resolve(role, ref, "healthcareService", "HealthcareService")
            activite = r.code(role, role.get("specialty"), "exercice.activite")
            exercices.append(Exercice(uo_id=uo_by_hs[id(service)], activite=activite))
        held = result.offre.professionnels.get(rpps)
        if held is not None:
            result.offre.professionnels[rpps] = replace(held, exercices=held.exercices + tuple(exercices))
            continue
        name = (pr.get("name") or [{}])[0]
        profession = r.code(role, role.get("code"), "professionnel.profession")
        if profession is None:
            raise ImportFormatError(r.name, r.where(role), "no profession (TRE_G15) in code", field="code")
        result.offre.add(Professionnel(
            id=rpps, nom=name.get("family") or "", prenom=" ".join(name.get("given") or []),
            profession=profession, specialite=r.code(role, role.get("specialty"), "professionnel.specialite"),
            exercices=tuple(exercices)))


def _validate(r: _Reader, result: ImportResult) -> None:
    """Run the model's rules now, so an error names the file and the resource."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated codes: reported by the store
        for bucket in (result.offre.ej, result.offre.eg, result.offre.oi, result.offre.uo,
                       result.offre.professionnels):
            for entity in bucket.values():
                try:
                    validate(entity, r.nom)
                except UnknownCodeError as exc:
                    exc.message = f"{r.name}: {type(entity).__name__} {entity.id}: {exc.message}"
                    exc.args = (exc.message,)
                    raise
                except ValidationError as exc:
                    raise ImportFormatError(r.name, f"{type(entity).__name__} {entity.id}", exc.message,
                                            field=exc.field) from None
