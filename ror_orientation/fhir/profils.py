"""The national ROR FHIR IG's names: profile and extension URLs, code systems, and the one reversible
mapping between the model's ids and FHIR logical ids (which allow neither "/" nor "_").

Every URL the server writes comes from here, so a renamed extension is one edit.
"""

from __future__ import annotations

import re
from functools import lru_cache

IG = "https://interop.esante.gouv.fr/ig/fhir/ror"
SD = f"{IG}/StructureDefinition"
IG_VERSION = "0.7.0"

PROFILS = {
    "Organization": f"{SD}/ror-organization",
    "HealthcareService": f"{SD}/ror-healthcareservice",
    "Location": f"{SD}/ror-location",
    "PractitionerRole": f"{SD}/ror-practitionerrole",
    "Practitioner": f"{SD}/ror-practitioner",
}
TYPES = tuple(PROFILS)

# Extensions of the IG (ext(name) → its URL); sub-extensions use their relative names.
EXT_SENSIBLE = f"{SD}/ror-healthcareservice-sensitive-unit"
EXT_PATIENT = f"{SD}/ror-healthcareservice-patient-type"
EXT_CONTACT = f"{SD}/ror-healthcareservice-contact"
EXT_CONTACT_TELECOM = f"{SD}/ror-healthcareservice-contact-telecom"
EXT_CONFIDENTIALITE = f"{SD}/ror-confidentiality-level"
EXT_TELECOM_CONFIDENTIALITE = f"{SD}/ror-telecom-confidentiality-level"
EXT_CONTACT_CONFIDENTIALITE = f"{SD}/ror-contact-confidentiality-level"
EXT_CANAL = f"{SD}/ror-telecom-communication-channel"
EXT_FONCTION = f"{SD}/ror-function-contact"
EXT_CAPACITE = f"{SD}/ror-location-supported-capacity"
EXT_EQUIPEMENT = f"{SD}/ror-location-equipment"
EXT_COMMUNE = f"{SD}/ror-commune-cog"
EXT_ACTE = f"{SD}/ror-act-type"
EXT_JOUR = f"{SD}/ror-available-time-number-days-of-week"
EXT_VALIDITE = f"{SD}/ror-available-time-effective-opening-closing-date"
EXT_TYPE_HORAIRE = f"{SD}/ror-available-time-type-of-time"
EXT_SECTEUR = f"{SD}/ror-healthcareservice-psychiatric-sector"
EXT_ZONE = f"{SD}/ror-healthcareservice-intervention-zone"
EXT_EQUIPEMENT_LIMITE = f"{SD}/ror-location-equipment-limit"
EXT_MODE_EXERCICE = f"{SD}/ror-practitionerrole-unit-exercise-mode"
EXT_NOM_EXERCICE = f"{SD}/RORPractitionerRoleName"
EXT_AIDE = f"{SD}/ror-organization-financial-help-type"
EXT_FAMILLE = f"{SD}/ror-organization-accomodation-family"
EXT_PERIODE = "http://hl7.org/fhir/StructureDefinition/organization-period"
EXT_GEOLOCATION = "http://hl7.org/fhir/StructureDefinition/geolocation"
EXT_DISTANCE = "http://hl7.org/fhir/StructureDefinition/location-distance"
EXT_INSEE = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code"
ADXP = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-"

# Identifier systems
FINESS = "https://finess.esante.gouv.fr"
SIRET = "https://sirene.fr"
SIREN = "https://sirene.fr"
OI = "https://oi.esante.gouv.fr"
RPPS = "urn:oid:1.2.250.1.71.4.2.1"
OFFRE = f"{IG}/identifiant-offre"  # the unit's id in this deployment (identifiantOffre)
SYNCHRO = f"{IG}/identifiant-externe-synchro"

# The nomenclature tables the server writes codes of, with their MOS names.
TABLES = {
    "TRE_R66": "CategorieEtablissement", "TRE_R207": "TypeOrganisationInterne",
    "TRE_R227": "ChampActivite", "TRE_R211": "ActiviteOperationnelle",
    "TRE_R213": "ModePriseEnCharge", "TRE_R244": "CategorieOrganisation",
    "TRE_R210": "ActeSpecifique", "TRE_R243": "CompetenceSpecifique",
    "TRE_R239": "PublicPrisEnCharge", "TRE_R245": "SpecialisationDePriseEnCharge",
    "TRE_R240": "TemporaliteAccueil",
    "TRE_R212": "Equipement", "TRE_R340": "TypeCaracteristiqueEquipement",
    "TRE_R329": "NatureCapacite", "TRE_R330": "TypeStatutCapacite",
    "TRE_R331": "TemporaliteCapacite", "TRE_R332": "GenreCapacite",
    "TRE_R335": "TypeSourceCapacite", "TRE_R336": "TypeCrise", "TRE_R334": "TypeLitSupplementaire",
    "TRE_G15": "ProfessionSante", "TRE_R38": "SpecialiteOrdinale", "TRE_R283":
    "NiveauConfidentialite", "TRE_R200": "CanalCommunication", "TRE_G07":
    "TypeIdentifiantStructure", "TRE_R345": "TypeIdentifiantAutre", "TRE_R354":
    "TypeIdentifiantRessourceOperationnelle", "TRE_R252": "TypeHoraire", "TRE_R13": "CommuneOM",
    "TRE_R355": "TypeIdentifiantOffre", "TRE_R343": "FonctionLieu",
    "TRE_R333": "TypeFermetureCapacite", "TRE_R337": "AffectationTemporaire",
    "TRE_R253": "TypeMaternite", "TRE_R238": "OuvertureAnnuelle", "TRE_R247": "UcumUniteMesure",
    "TRE_R72": "FinessStatutJuridique", "TRE_R69": "FinessAgregatStatutJuridiqueNiv2",
    "TRE_R02": "SecteurActivite", "TRE_R23": "ModeExercice", "TRE_R241": "AideFinanciere",
    "TRE_R201": "TypeDivisionTerritoriale", "JDV_J209": "TypeSavoirFaire-ROR",
    "TRE_R30": "RegionOM", "TRE_R287": "NatureContact",
}
# The model stores JDV_J55 for EG categories: its codes are TRE_R66's.
TABLE_DU_CHAMP = {"JDV_J55": "TRE_R66"}


@lru_cache(maxsize=256)
def systeme(table: str) -> str:
    """The MOS code-system URL of a table: .../TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-..."""
    table = TABLE_DU_CHAMP.get(table, table)
    nom = TABLES.get(table, "")
    long = f"{table}-{nom}" if nom else table
    return f"https://mos.esante.gouv.fr/NOS/{long}/FHIR/{long.replace('_', '-')}"


_SYSTEME_RE = re.compile(r"(TRE|JDV)[_-]([A-Z]\d+)")


def table_du_systeme(system: str) -> str | None:
    m = _SYSTEME_RE.search(system)
    return f"{m.group(1)}_{m.group(2)}" if m else None


# -- ids ------------------------------------------------------------------------------------------
# FHIR ids are [A-Za-z0-9-.]{1,64}: any other character of a model id is written ".XX" (its UTF-8
# bytes in hex), the dot itself included, so the mapping is reversible ("24/1073" ↔ "24.2F1073").
_SUR = re.compile(r"[A-Za-z0-9-]")
ORG_PREFIXES = {"ej": "ej-", "eg": "eg-", "oi": "oi-"}


@lru_cache(maxsize=65536)
def fhir_id(model_id: str, tiret: bool = True) -> str:
    """`tiret=False` escapes "-" too (the parts of a role id, joined by "--")."""
    return "".join(c if _SUR.match(c) and (tiret or c != "-")
                   else "".join(f".{b:02X}" for b in c.encode()) for c in model_id)


def model_id(fhir: str) -> str | None:
    """The model id of a FHIR id; None when it is not one this server writes."""
    if not re.fullmatch(r"[A-Za-z0-9\-.]{1,64}", fhir):
        return None
    try:
        return re.sub(r"((?:\.[0-9A-F]{2})+)",
                      lambda m: bytes.fromhex(m.group(1).replace(".", "")).decode(), fhir)
    except (ValueError, UnicodeDecodeError):
        return None


def organisation_id(kind: str, model: str) -> str:
    """An Organization's id: its kind (ej / eg / oi) and its model id, so three id spaces share one
    FHIR type without clashing."""
    return ORG_PREFIXES[kind] + fhir_id(model)


def organisation_de(fhir: str) -> tuple[str, str] | None:
    for kind, prefix in ORG_PREFIXES.items():
        if fhir.startswith(prefix):
            mid = model_id(fhir[len(prefix):])
            return (kind, mid) if mid else None
    return None


def lieu_id(uo_id: str, rang: int) -> str:
    """The Location of a unit's place number `rang` (2, 3...: the first place has the unit's own
    id); "-" is escaped in the unit's part so the "--" is unambiguous."""
    return f"{fhir_id(uo_id, False)}--{rang}"


def lieu_de(fhir: str) -> tuple[str, int] | None:
    """(unit id, place number ≥ 2) of an extra place's Location id."""
    head, sep, rang = fhir.rpartition("--")
    if not sep or not rang.isdigit() or int(rang) < 2:
        return None
    mid = model_id(head)
    return (mid, int(rang)) if mid else None


def role_id(professionnel_id: str, uo_id: str) -> str:
    """A PractitionerRole: one professional in one unit."""
    return f"{fhir_id(professionnel_id, False)}--{fhir_id(uo_id, False)}"


def role_de(fhir: str) -> tuple[str, str] | None:
    pro, sep, uo = fhir.partition("--")
    if not sep:
        return None
    a, b = model_id(pro), model_id(uo)
    return (a, b) if a and b else None
