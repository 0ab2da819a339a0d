"""The offer model as FHIR R4 resources of the ROR IG: one function per resource type, each element
built by one small function, so a new model field is served by adding it in one place here.

What a caller may see is decided before anything is written: contacts and telecoms by their
confidentiality, capacity figures by `droits.capacites_visibles`. Hidden units are never passed in
(the caller of these functions checks `Appelant.voit_uo`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from ..droits import Appelant, capacites_visibles, contacts_eg_visibles, contacts_visibles
from ..errors import NotFoundError
from ..horaires import Horaires
from ..nomenclatures import Nomenclatures
from ..offre import (
    Adresse,
    Canal,
    Capacite,
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
    UniteOperationnelle,
    ZoneIntervention,
)
from . import profils as P

Json = dict[str, Any]
JOURS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# TRE_R200 channel code and ContactPoint.system of each channel of the model (R200: 1 mobile,
# 2 fixe, 3 courrier électronique, 4 site web, 6 télécopie; an MSSanté box is an e-mail address; a
# pager has no R200 code: its system says it)
CANAUX: dict[Canal, tuple[str | None, str]] = {
    Canal.TELEPHONE: ("2", "phone"), Canal.MOBILE: ("1", "phone"), Canal.BIP: (None, "pager"),
    Canal.FAX: ("6", "fax"), Canal.EMAIL: ("3", "email"), Canal.MSSANTE: ("3", "email"),
    Canal.URL: ("4", "url")}


def instant(value: datetime | None) -> str | None:
    """FHIR instant: UTC with seconds and a Z."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def meta(resource_type: str, updated: datetime | None, region: str | None = None) -> Json:
    out: Json = {"profile": [P.PROFILS[resource_type]]}
    if updated is not None:
        out["lastUpdated"] = instant(updated)
    if region is not None:  # the national ROR's data region (TRE_R30), as it tags its resources
        out["tag"] = [{"system": P.systeme("TRE_R30"), "code": region}]
    return out


def nature_contact(nom: Nomenclatures, c: Contact) -> Json | None:
    """A contact's purpose: its TRE_R287 code when it has one (the label as published), else text."""
    if c.nature_code is None:
        return {"text": c.nature} if c.nature else None
    code = coding(nom, "TRE_R287", c.nature_code)
    if c.nature:
        code["display"] = c.nature
    return {"coding": [code]}


def coding(nom: Nomenclatures | None, table: str, code: str) -> Json:
    return dict(_coding(nom, table, code))  # a copy: callers may add to it


@lru_cache(maxsize=16384)
def _coding(nom: Nomenclatures | None, table: str, code: str) -> Json:
    """System, code and label of a code (cached: a national export writes millions of them)."""
    out: Json = {"system": P.systeme(table), "code": code}
    if nom is not None:
        try:
            label = nom.label(table, code)
        except NotFoundError:  # a table the product does not ship (TRE_G15...): code only
            label = ""
        if label and label != code:
            out["display"] = label
    return out


def concept(nom: Nomenclatures | None, table: str, code: str) -> Json:
    return {"coding": [coding(nom, table, code)]}


def ref(resource_type: str, fhir_id: str) -> Json:
    return {"reference": f"{resource_type}/{fhir_id}"}


def sous(url: str, **value: Any) -> Json:
    """An extension: {"url": url, "valueX": ...} or {"url": url, "extension": [...]}."""
    return {"url": url, **value}


def _propre(obj: Json) -> Json:
    """Without empty values (FHIR forbids empty strings, arrays and objects)."""
    return {k: v for k, v in obj.items() if v not in (None, "", [], {})}


# -- shared elements ------------------------------------------------------------------------------
def adresse(a: Adresse, coordonnees: Coordonnees | None = None) -> Json | None:
    parts = [sous(f"{P.ADXP}houseNumber", valueString=a.numero) if a.numero else None,
             sous(f"{P.ADXP}streetNameType", valueString=a.type_voie) if a.type_voie else None,
             sous(f"{P.ADXP}streetNameBase", valueString=a.voie) if a.voie else None]
    parts = [p for p in parts if p]
    ligne = " ".join(p for p in (a.numero, a.type_voie, a.voie) if p) or a.lieu_dit
    ext = []
    if a.commune_insee:
        ext.append(sous(P.EXT_INSEE, valueCoding={"system": P.systeme("TRE_R13"),
                                                  "code": a.commune_insee}))
    if coordonnees is not None:
        ext.append(sous(P.EXT_GEOLOCATION, extension=[
            sous("latitude", valueDecimal=round(coordonnees.lat, 7)),
            sous("longitude", valueDecimal=round(coordonnees.lon, 7))]))
    out = _propre({"extension": ext, "line": [ligne] if ligne else [],
                   "_line": [{"extension": parts}] if parts and ligne else [],
                   "city": a.localite, "postalCode": a.code_postal, "country": "FR"})
    return out if set(out) - {"country"} else None


def telecom(nom: Nomenclatures, t: Telecom) -> Json:
    code, system = CANAUX[t.canal]
    canal = [sous(P.EXT_CANAL, valueCodeableConcept=concept(None, "TRE_R200", code))] if code else []
    return {"extension": [
        *canal,
        sous(P.EXT_TELECOM_CONFIDENTIALITE,
             valueCodeableConcept=concept(None, "TRE_R283", t.confidentialite.value))],
        "system": system, "value": t.valeur, **({"use": "mobile"} if t.canal == Canal.MOBILE else {})}


def contact_extension(nom: Nomenclatures, c: Contact) -> Json:
    ext: list[Json] = []
    if (purpose := nature_contact(nom, c)) is not None:
        ext.append(sous("purposeContact", valueCodeableConcept=purpose))
    if c.fonction:
        ext.append(sous(P.EXT_FONCTION, valueCodeableConcept={"text": c.fonction}))
    if c.nom:
        ext.append(sous("name", valueHumanName={"text": c.nom}))
    ext.append(sous(P.EXT_CONFIDENTIALITE,
                    valueCodeableConcept=concept(None, "TRE_R283", c.confidentialite.value)))
    for t in c.telecoms:
        code, _ = CANAUX[t.canal]
        ext.append(sous(P.EXT_CONTACT_TELECOM, extension=[
            *([sous(P.EXT_CANAL, valueCodeableConcept=concept(None, "TRE_R200", code))] if code
              else []),
            sous("telecomAddress", valueString=t.valeur),
            sous(P.EXT_TELECOM_CONFIDENTIALITE,
                 valueCodeableConcept=concept(None, "TRE_R283", t.confidentialite.value))]))
    return sous(P.EXT_CONTACT, extension=ext)


def horaires(h: Horaires) -> tuple[list[Json], list[Json]]:
    """(availableTime, notAvailable): a 24/7 unit is allDay on every day; holidays ranges carry the
    IG's day number 8 without daysOfWeek."""
    validite = _propre({"start": h.debut_validite.isoformat() if h.debut_validite else None,
                        "end": h.fin_validite.isoformat() if h.fin_validite else None})
    common = [sous(P.EXT_VALIDITE, valuePeriod=validite)] if validite else []

    def type_horaire(code: str | None) -> Json:  # TRE_R252, 01 ouverture when unsaid
        return sous(P.EXT_TYPE_HORAIRE, valueCodeableConcept=concept(None, "TRE_R252",
                                                                     code or "01"))
    slots: list[Json] = []
    if h.permanent:
        slots.append({"extension": [*common, type_horaire(None)], "daysOfWeek": list(JOURS),
                      "allDay": True})
    for p in h.plages:
        slot: Json = {"extension": [sous(P.EXT_JOUR, valueInteger=p.jour + 1), *common,
                                    type_horaire(p.type_horaire)]}
        if p.jour < 7:
            slot["daysOfWeek"] = [JOURS[p.jour]]
        if p.debut == p.fin and p.debut.hour == 0 and p.debut.minute == 0:
            slot["allDay"] = True
        else:
            slot["availableStartTime"] = p.debut.strftime("%H:%M:%S")
            slot["availableEndTime"] = p.fin.strftime("%H:%M:%S")
        slots.append(slot)
    fermetures = [_propre({
        "description": f.motif or ("Fermeture définitive" if f.definitive else "Fermeture"),
        "during": _propre({"start": f.debut.isoformat(),
                           "end": f.reouverture_prevue.isoformat() if f.reouverture_prevue
                           else None})}) for f in h.fermetures]
    return slots, fermetures


def identifiants(published: tuple[Identifiant, ...], table: str) -> list[Json]:
    """Identifiers as the national ROR published them: value, type (of `table`) and system."""
    return [_propre({"type": concept(None, table, i.type) if i.type else None,
                     "system": i.systeme, "value": i.valeur}) for i in published]


def _avec(ids: list[Json], extra: Json) -> list[Json]:
    """`extra` unless an identifier of the same value is already there."""
    return ids if any(i.get("value") == extra["value"] for i in ids) else [*ids, extra]


# -- Organization -----------------------------------------------------------------------------------
def organisation_ej(ej: EntiteJuridique) -> Json:
    ids = identifiants(ej.identifiants, "TRE_G07")
    if not ids:  # FINESS-sourced legal entities: their id is the FINESS EJ number
        ids = [{"type": concept(None, "TRE_G07", "1"), "system": P.FINESS, "value": ej.id}]
    if ej.siren:
        ids = _avec(ids, {"type": concept(None, "TRE_G07", "2"), "system": P.SIREN,
                          "value": ej.siren})
    types = [concept(None, "TRE_R72", ej.statut_juridique)] if ej.statut_juridique else []
    if ej.agregat_statut_juridique:
        types.append(concept(None, "TRE_R69", ej.agregat_statut_juridique))
    return _propre({
        "resourceType": "Organization", "id": P.organisation_id("ej", ej.id),
        "meta": meta("Organization", None),
        "identifier": ids, "active": True, "type": types, "name": ej.nom,
        "address": [a] if (a := adresse(ej.adresse)) else [],
    })


def _categorie_eg(nom: Nomenclatures, code: str) -> Json:
    """JDV_J55 mixes TRE_R66 categories and TRE_R02 sectors (cabinets, centres de santé): each
    code is written with the system of the table it comes from."""
    try:
        nom.label("TRE_R66", code)
    except NotFoundError:
        return concept(nom, "TRE_R02", code)
    return concept(nom, "JDV_J55", code)


def _contact_organisation(nom: Nomenclatures, c: Contact) -> Json:
    return _propre({
        "extension": [sous(P.EXT_CONTACT_CONFIDENTIALITE,
                           valueCodeableConcept=concept(None, "TRE_R283", c.confidentialite.value))],
        "purpose": nature_contact(nom, c),
        "name": {"text": c.nom} if c.nom else None,
        "telecom": [telecom(nom, t) for t in c.telecoms]})


def organisation_eg(nom: Nomenclatures, eg: EntiteGeographique,
                    appelant: Appelant | None = None) -> Json:
    """`appelant` filters the site's contacts (None: only what anybody may see)."""
    ids = identifiants(eg.identifiants, "TRE_G07")
    if not ids:
        ids = [{"type": concept(None, "TRE_G07", "1"), "system": P.FINESS, "value": eg.id}]
    if eg.siret:
        ids = _avec(ids, {"type": concept(None, "TRE_G07", "3"), "system": P.SIRET,
                          "value": eg.siret})
    if eg.contacts:
        visibles = (contacts_eg_visibles(appelant, eg) if appelant is not None
                    else [c for c in eg.contacts if c.confidentialite.value == "1"
                          and all(t.confidentialite.value == "1" for t in c.telecoms)])
        contact = [_contact_organisation(nom, c) for c in visibles]
    elif eg.telephone:  # a FINESS site: its public switchboard number only
        contact = [_contact_organisation(nom, Contact(telecoms=(
            Telecom(Canal.TELEPHONE, eg.telephone),)))]
    else:
        contact = []
    periode = _propre({"start": eg.date_ouverture.isoformat() if eg.date_ouverture else None,
                       "end": eg.date_fermeture.isoformat() if eg.date_fermeture else None})
    ext = [sous(P.EXT_PERIODE, valuePeriod=periode)] if periode else []
    ext.extend(sous(P.EXT_AIDE, valueCodeableConcept=concept(nom, "TRE_R241", a))
               for a in eg.aides_financieres)
    if eg.accueil_famille is not None:
        ext.append(sous(P.EXT_FAMILLE, valueBoolean=eg.accueil_famille))
    return _propre({
        "resourceType": "Organization", "id": P.organisation_id("eg", eg.id),
        "meta": meta("Organization", None),
        "extension": ext,
        # a closing date still to come (organization-period end) leaves the site active today
        "identifier": ids,
        "active": eg.date_fermeture is None or eg.date_fermeture > date.today(),
        "type": [_categorie_eg(nom, eg.categorie)] if eg.categorie else [],
        "name": eg.nom,
        "address": [a] if (a := adresse(eg.adresse, eg.coordonnees)) else [],
        "partOf": ref("Organization", P.organisation_id("ej", eg.ej_id)) if eg.ej_id else None,
        "contact": contact,
    })


def organisation_oi(nom: Nomenclatures, oi: OrganisationInterne) -> Json:
    parent = (P.organisation_id("oi", oi.parent_id) if oi.parent_id
              else P.organisation_id("eg", oi.eg_id))
    return _propre({
        "resourceType": "Organization", "id": P.organisation_id("oi", oi.id),
        "meta": meta("Organization", None),
        "identifier": [{"type": concept(None, "TRE_R345", "42"), "system": P.OI,
                        "value": oi.id}],
        "active": True, "type": [concept(nom, "TRE_R207", oi.type)] if oi.type else [],
        "name": oi.nom, "partOf": ref("Organization", parent),
    })


# -- HealthcareService ------------------------------------------------------------------------------
def _caracteristiques(nom: Nomenclatures, uo: UniteOperationnelle) -> list[Json]:
    out = []
    if uo.mode_prise_en_charge:
        out.append(concept(nom, "TRE_R213", uo.mode_prise_en_charge))
    for code in uo.actes:
        out.append({**concept(nom, "TRE_R210", code),
                    "extension": [sous(P.EXT_ACTE, valueCode="specificAct")]})
    out.extend(concept(nom, "TRE_R243", c) for c in uo.competences)
    out.extend(concept(nom, "TRE_R245", c) for c in uo.specialisations)
    if uo.type_maternite:
        out.append(concept(nom, "TRE_R253", uo.type_maternite))
    if uo.ouverture_annuelle:
        out.append(concept(nom, "TRE_R238", uo.ouverture_annuelle))
    out.extend(concept(nom, "TRE_R240", c) for c in uo.temporalites_accueil)
    return out


def _age(value: float | None, unite: str) -> Json | None:
    """A bound of the age range in its UCUM unit (JDV_J37: a, mo, wk, d, h...)."""
    if value is None:
        return None
    number: float | int = int(value) if float(value).is_integer() else value
    return {"value": number, "unit": unite, "system": "http://unitsofmeasure.org", "code": unite}


def _patientele(nom: Nomenclatures, uo: UniteOperationnelle) -> Json | None:
    ext: list[Json] = []
    t = uo.tranche_age  # as published (months...), else the model's whole years
    age = (_propre({"low": _age(t.min, t.unite), "high": _age(t.max, t.unite)}) if t is not None
           else _propre({"low": _age(uo.age_min, "a"), "high": _age(uo.age_max, "a")}))
    if age:
        ext.append(sous("ageRange", valueRange=age))
    ext.extend(sous("supportedPatientInfo", valueCodeableConcept=concept(nom, "TRE_R239", c))
               for c in uo.publics)
    return sous(P.EXT_PATIENT, extension=ext) if ext else None


def organisation_de_uo(uo: UniteOperationnelle) -> str:
    return (P.organisation_id("oi", uo.oi_id) if uo.oi_id
            else P.organisation_id("eg", uo.eg_id))


def lieu_ids(uo: UniteOperationnelle) -> list[str]:
    """The FHIR ids of a unit's Locations: the unit's own id for its (first) place, then
    `<unit>--2`, `<unit>--3`... for the others (P.lieu_id)."""
    return [P.fhir_id(uo.id), *(P.lieu_id(uo.id, k) for k in range(2, len(uo.lieux) + 1))]


def _zone(z: ZoneIntervention) -> Json:
    return sous(P.EXT_ZONE, extension=[
        sous("type", valueCodeableConcept=concept(None, "TRE_R201", z.type)),
        sous("code", valueCodeableConcept={"coding": [{"code": z.code}]})])


def healthcare_service(nom: Nomenclatures, appelant: Appelant, uo: UniteOperationnelle) -> Json:
    slots, fermetures = horaires(uo.horaires)
    extensions = [sous(P.EXT_SENSIBLE, valueBoolean=uo.sensible)]
    if (patient := _patientele(nom, uo)) is not None:
        extensions.append(patient)
    extensions.extend(contact_extension(nom, c) for c in contacts_visibles(appelant, uo))
    if uo.secteur_psychiatrique:
        extensions.append(sous(P.EXT_SECTEUR, valueString=uo.secteur_psychiatrique))
    extensions.extend(_zone(z) for z in uo.zones_intervention)
    ids = identifiants(uo.identifiants, "TRE_R355")
    if not any(i.get("system") == P.OFFRE and i["value"] == uo.id for i in ids):
        ids.append({"system": P.OFFRE, "value": uo.id})  # this deployment's id, always
    return _propre({
        "resourceType": "HealthcareService", "id": P.fhir_id(uo.id),
        "meta": meta("HealthcareService", uo.maj, uo.region),
        "extension": extensions,
        "identifier": ids,
        "active": not uo.ferme_definitivement,
        "providedBy": ref("Organization", organisation_de_uo(uo)),
        "category": ([concept(nom, "TRE_R244", uo.categorie_organisation)]
                     if uo.categorie_organisation else []),
        "type": [concept(nom, "TRE_R227", uo.champ)] if uo.champ else [],
        "specialty": [concept(nom, "TRE_R211", uo.activite)],
        "location": [ref("Location", i) for i in lieu_ids(uo)],
        "name": uo.nom, "comment": uo.commentaire,
        "characteristic": _caracteristiques(nom, uo),
        "availableTime": slots, "notAvailable": fermetures,
    })


# -- Location ---------------------------------------------------------------------------------------
def capacite_extension(nom: Nomenclatures, c: Capacite) -> Json:
    ext = [sous("nbCapacity", valueInteger=c.nombre)]
    if c.maj is not None:
        ext.append(sous("capacityUpdateDate", valueDateTime=instant(c.maj)))
    for name, table, code in (("capacityStatus", "TRE_R330", c.statut),
                              ("capacityType", "TRE_R329", c.nature),
                              ("temporalityCapacity", "TRE_R331", c.temporalite),
                              ("genderCapacityAvailable", "TRE_R332", c.genre),
                              ("capacitySourceType", "TRE_R335", c.source),
                              ("crisisType", "TRE_R336", c.crise),
                              ("additionalBedType", "TRE_R334", c.type_lit_supplementaire),
                              ("closingType", "TRE_R333", c.type_fermeture),
                              ("temporaryAssignement", "TRE_R337", c.affectation_temporaire)):
        if code:
            ext.append(sous(name, valueCodeableConcept=concept(nom, table, code)))
    return sous(P.EXT_CAPACITE, extension=ext)


def equipement_extension(nom: Nomenclatures, e: Equipement) -> Json:
    ext = [sous("equipmentType", valueCodeableConcept=concept(nom, "TRE_R212", e.code)),
           sous("nbInService", valueInteger=e.quantite)]
    if e.caracteristique:
        limite = [sous("equipmentFeature",
                       valueCodeableConcept=concept(nom, "TRE_R340", e.caracteristique))]
        if e.valeur is not None:
            valeur: float | int = int(e.valeur) if e.valeur.is_integer() else e.valeur
            limite.append(sous("limitValue", valueQuantity={"value": valeur}))
        ext.append(sous(P.EXT_EQUIPEMENT_LIMITE, extension=limite))
    return sous(P.EXT_EQUIPEMENT, extension=ext)


def maj_location(uo: UniteOperationnelle, caps: list[Capacite]) -> datetime | None:
    """A Location changes with its unit and with each capacity record."""
    instants = [t for t in (uo.maj, *(c.maj for c in caps)) if t is not None]
    return max(instants, key=lambda t: t if t.tzinfo else t.replace(tzinfo=UTC), default=None)


def capacites_du_lieu(appelant: Appelant, uo: UniteOperationnelle, rang: int) -> list[Capacite]:
    """The records a Location carries: the unit's own (what the search reads and the capacity
    writes update) for a unit with one place or none; each place's own records when the unit has
    several (the unit's records are then their per-key sums)."""
    if len(uo.lieux) <= 1:
        return capacites_visibles(appelant, uo)
    return capacites_visibles(appelant, replace(uo, capacites=uo.lieux[rang - 1].capacites))


def equipements_du_lieu(uo: UniteOperationnelle, rang: int) -> tuple[Equipement, ...]:
    return uo.equipements if len(uo.lieux) <= 1 else uo.lieux[rang - 1].equipements


def location(nom: Nomenclatures, appelant: Appelant, uo: UniteOperationnelle,
             eg: EntiteGeographique | None, position: tuple[float, float] | None,
             rang: int = 1) -> Json:
    """The unit's place number `rang` (1: the unit's own Location, whose id is the unit's)."""
    lieu: Lieu | None = uo.lieux[rang - 1] if uo.lieux else None
    caps = capacites_du_lieu(appelant, uo, rang)
    place = ((lieu.adresse if lieu is not None else None) or uo.adresse
             or (eg.adresse if eg is not None else Adresse()))
    cog = (lieu.commune_cog if lieu is not None else None) or place.commune_insee
    ext = [capacite_extension(nom, c) for c in caps]
    ext.extend(equipement_extension(nom, e) for e in equipements_du_lieu(uo, rang))
    if cog:
        ext.insert(0, sous(P.EXT_COMMUNE, valueCodeableConcept=concept(None, "TRE_R13", cog)))
    ids = identifiants(lieu.identifiants, "TRE_R354") if lieu is not None else []
    if rang == 1:
        if not any(i.get("system") == P.OFFRE and i["value"] == uo.id for i in ids):
            ids.insert(0, {"system": P.OFFRE, "value": uo.id})
        if uo.id_externe_synchro and not any(i["value"] == uo.id_externe_synchro for i in ids):
            ids.append({"type": concept(None, "TRE_R354", "26"), "system": P.SYNCHRO,
                        "value": uo.id_externe_synchro})
    if lieu is not None and lieu.coordonnees is not None:
        position = (lieu.coordonnees.lat, lieu.coordonnees.lon)
    statut = "inactive" if uo.ferme_definitivement else "active"
    return _propre({
        "resourceType": "Location",
        "id": P.fhir_id(uo.id) if rang == 1 else P.lieu_id(uo.id, rang),
        "meta": meta("Location", maj_location(uo, caps), lieu.region if lieu is not None else None),
        "extension": ext, "identifier": ids,
        "status": (lieu.statut if lieu is not None and lieu.statut else statut),
        "name": (lieu.nom if lieu is not None and lieu.nom else uo.nom),
        "type": [concept(nom, "TRE_R343", f) for f in lieu.fonctions] if lieu is not None else [],
        "address": adresse(place),
        "position": {"latitude": round(position[0], 7), "longitude": round(position[1], 7)}
        if position else None,
        "managingOrganization": ref("Organization", P.organisation_id("eg", uo.eg_id)),
    })


def partie(nom: Nomenclatures, appelant: Appelant, uo: UniteOperationnelle, part: str,
           rang: int = 1) -> Json:
    """Only the elements of a unit's resource (of its place `rang` for a Location) that one group
    of search parameters reads, built by the same functions as the whole resource (so a filter
    sees the same values, ~10 × cheaper)."""
    if part == "capacites":
        return {"extension": [capacite_extension(nom, c)
                              for c in capacites_du_lieu(appelant, uo, rang)]}
    if part == "equipements":
        return {"extension": [equipement_extension(nom, e) for e in equipements_du_lieu(uo, rang)]}
    if part == "patientele":
        patient = _patientele(nom, uo)
        return {"extension": [patient] if patient is not None else []}
    raise ValueError(part)


# -- Practitioner / PractitionerRole ----------------------------------------------------------------
def practitioner(p: Professionnel) -> Json:
    return _propre({
        "resourceType": "Practitioner", "id": P.fhir_id(p.id),
        "meta": meta("Practitioner", None),
        "identifier": [{"system": P.RPPS, "value": p.id}],
        "active": True,
        "name": [_propre({"family": p.nom, "given": p.prenom.split() if p.prenom else []})],
    })


def practitioner_role(nom: Nomenclatures, p: Professionnel, e: Exercice) -> Json:
    specialty = [concept(nom, "TRE_R38", p.specialite)] if p.specialite else []
    if e.activite:
        specialty.append(concept(nom, "TRE_R211", e.activite))
    specialty.extend(concept(nom, "JDV_J209", c) for c in e.savoir_faire)
    ext = []
    if e.nom_exercice:  # kept as one text: the last word is taken as the family name
        *prenoms, nom_famille = e.nom_exercice.split()
        ext.append(sous(P.EXT_NOM_EXERCICE, extension=[
            *([sous("exerciseFirstName", valueString=" ".join(prenoms))] if prenoms else []),
            sous("exerciseLastName", valueString=nom_famille)]))
    if e.mode_exercice:
        ext.append(sous(P.EXT_MODE_EXERCICE,
                        valueCodeableConcept=concept(nom, "TRE_R23", e.mode_exercice)))
    return _propre({
        "resourceType": "PractitionerRole", "id": P.role_id(p.id, e.uo_id),
        "meta": meta("PractitionerRole", None),
        "extension": ext,
        "active": True,
        "practitioner": ref("Practitioner", P.fhir_id(p.id)),
        "code": [concept(nom, "TRE_G15", p.profession)],
        "specialty": specialty,
        "healthcareService": [ref("HealthcareService", P.fhir_id(e.uo_id))],
    })

