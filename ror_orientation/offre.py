"""The offer model, after the national ROR exposition model (ME 3.0).

EJ → EG (a FINESS site) → organisation interne (pôle / service / UF, any depth) → UO (the offer).
Frozen dataclasses: the domain model, separate from storage rows and wire models. Codes are kept as
text (leading zeros matter) and checked against their nomenclature by `validation.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from .horaires import Horaires


class Canal(StrEnum):
    """Telecom channel of a contact (after TRE_R200 CanalCommunication)."""

    TELEPHONE = "telephone"
    MOBILE = "mobile"
    BIP = "bip"
    FAX = "fax"
    EMAIL = "email"
    MSSANTE = "mssante"
    URL = "url"


class Confidentialite(StrEnum):
    """Who may see a telecom (after TRE_R280 NiveauConfidentialite)."""

    PUBLIC = "1"  # accès libre
    RESTREINT = "2"  # professionnels de santé / régulation
    CONFIDENTIEL = "3"  # liste rouge: regulators only


class Statut(StrEnum):
    """Publication state of a unit: establishments draft, a director validates, then it is published."""

    BROUILLON = "brouillon"
    VALIDE = "valide"
    PUBLIE = "publie"


@dataclass(frozen=True, slots=True)
class Adresse:
    numero: str | None = None
    type_voie: str | None = None
    voie: str | None = None
    lieu_dit: str | None = None
    code_postal: str | None = None
    localite: str | None = None
    commune_insee: str | None = None

    def is_complete(self) -> bool:
        """Street or lieu-dit, and locality, and postcode (the population criterion)."""
        return bool((self.voie or self.lieu_dit) and self.localite and self.code_postal)

    def ligne(self) -> str:
        rue = " ".join(p for p in (self.numero, self.type_voie, self.voie) if p)
        parts = [rue, self.lieu_dit or "", f"{self.code_postal or ''} {self.localite or ''}".strip()]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Coordonnees:
    """WGS84 latitude / longitude in degrees."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Identifiant:
    """An identifier as the national ROR publishes it, kept whole so that it can be searched and given
    back: its value, its type (TRE_G07 for a structure, TRE_R355 for an offer, TRE_R354 for a place,
    TRE_R345 for an internal organisation) and its system URL."""

    valeur: str
    type: str | None = None
    systeme: str | None = None


@dataclass(frozen=True, slots=True)
class EntiteJuridique:
    id: str  # FINESS EJ number, else the national structure id (idNatSt), else the SIREN
    nom: str
    statut_juridique: str | None = None  # TRE_R72 FINESS statut juridique
    adresse: Adresse = field(default_factory=Adresse)
    genere: bool = False
    source: str | None = None
    agregat_statut_juridique: str | None = None  # TRE_R69 (niveau 2)
    siren: str | None = None
    identifiants: tuple[Identifiant, ...] = ()


@dataclass(frozen=True, slots=True)
class Autorisation:
    """A FINESS authorisation of activity (activité / modalité / forme), as the population perimeter
    reads it: activity code 01-88, forme 05 = HAD, and its end of validity."""

    activite: str
    modalite: str | None = None
    forme: str | None = None
    date_fin: date | None = None
    date_debut: date | None = None
    nature: str | None = None  # FINESS flux nature (AMF, ASR, ASDR...): codes overlap across natures


@dataclass(frozen=True, slots=True)
class EntiteGeographique:
    id: str  # FINESS ET number (9 characters)
    nom: str
    categorie: str  # FINESS catégorie d'établissement, JDV_J55 (from TRE_R66)
    adresse: Adresse = field(default_factory=Adresse)
    coordonnees: Coordonnees | None = None
    region: str | None = None  # INSEE region code, 2 digits
    departement: str | None = None
    telephone: str | None = None
    date_ouverture: date | None = None
    date_fermeture: date | None = None
    date_caducite: date | None = None
    autorisations: tuple[Autorisation, ...] = ()
    sae: dict[str, int] = field(default_factory=dict)  # SAE figures: LIT_MED, PLA_CHI, URG passages...
    siret: str | None = None
    genere: bool = False
    source: str | None = None
    identifiants: tuple[Identifiant, ...] = ()  # FINESS, idNatSt, SIRET... as published
    # the site's contacts with their levels: `telephone` is only the first public number, a
    # regulator reads the others here (droits.contacts_visibles filters them per caller)
    contacts: tuple[Contact, ...] = ()
    aides_financieres: tuple[str, ...] = ()  # TRE_R241 (habilitation aide sociale...)
    accueil_famille: bool | None = None  # hébergement des familles possible
    # keyword-only so it can default to None (a site without legal entity) and stay out of the way
    # of the positional fields above; a row of the first release leaves it out when None
    ej_id: str | None = field(default=None, kw_only=True)

    @property
    def ouvert(self) -> bool:
        return self.date_fermeture is None


@dataclass(frozen=True, slots=True)
class OrganisationInterne:
    """Pôle, service, UF or UE (TRE_R207); `parent_id` is another organisation, or None under the EG."""

    id: str
    eg_id: str
    nom: str
    type: str  # TRE_R207: 1 pôle, 2 service, 3 UF, 4 UE
    parent_id: str | None = None
    genere: bool = False


@dataclass(frozen=True, slots=True)
class Telecom:
    canal: Canal
    valeur: str
    confidentialite: Confidentialite = Confidentialite.PUBLIC


@dataclass(frozen=True, slots=True)
class Contact:
    """A role to reach (cadre de santé, médecin de garde...): function or nature, and its telecoms."""

    fonction: str | None = None
    nature: str | None = None  # e.g. "medical", "soignant", "administratif"
    nature_code: str | None = None  # TRE_R287 nature de contact (JDV_J221), when the source codes it
    nom: str | None = None
    telecoms: tuple[Telecom, ...] = ()
    confidentialite: Confidentialite = Confidentialite.PUBLIC  # the contact's own level (TRE_R280)


@dataclass(frozen=True, slots=True)
class Equipement:
    """Equipment at the unit's place (TRE_R212), with an optional characteristic (TRE_R340 + value)."""

    code: str
    caracteristique: str | None = None  # TRE_R340, e.g. 001 poids maximum
    valeur: float | None = None  # in the characteristic's unit (kg for poids maximum)
    quantite: int = 1


@dataclass(frozen=True, slots=True)
class Capacite:
    """One capacity record, keyed as the ROR keys it."""

    nature: str  # TRE_R329 lit / place / logement / salle
    statut: str  # TRE_R330 installé, disponible, occupé, réservé, fermé, supplémentaire...
    temporalite: str  # TRE_R331 courant, +1 h, +24 h, +48 h, +7 j
    genre: str  # TRE_R332 femme, homme, indéterminé (any)
    nombre: int
    source: str = "01"  # TRE_R335
    maj: datetime | None = None  # update time (UTC-aware)
    crise: str | None = None  # TRE_R336
    type_lit_supplementaire: str | None = None  # TRE_R334
    type_fermeture: str | None = None  # TRE_R333, for a closed capacity (réactivable...)
    affectation_temporaire: str | None = None  # TRE_R337 (aucune, covid+, covid-)

    @property
    def key(self) -> tuple[str, str, str, str, str | None, str | None]:
        return (self.nature, self.statut, self.temporalite, self.genre, self.crise,
                self.type_lit_supplementaire)


@dataclass(frozen=True, slots=True)
class Lieu:
    """A place where a unit's offer is carried out (the ROR's FHIR Location): a unit may have several,
    each with its own identifiers, function, address, capacities and equipment."""

    id: str  # the ROR's id of the place (identifier type TRE_R354 25), else the resource id
    nom: str | None = None
    statut: str | None = None  # Location.status: active, suspended, inactive
    fonctions: tuple[str, ...] = ()  # TRE_R343 fonction du lieu (hébergement...)
    identifiants: tuple[Identifiant, ...] = ()
    adresse: Adresse | None = None
    commune_cog: str | None = None  # TRE_R13 commune (code officiel géographique)
    coordonnees: Coordonnees | None = None
    capacites: tuple[Capacite, ...] = ()
    equipements: tuple[Equipement, ...] = ()
    region: str | None = None  # TRE_R30: the région the national ROR tags the place with (meta.tag)


def totaux(lieux: tuple[Lieu, ...] | list[Lieu]) -> tuple[Capacite, ...]:
    """A unit's capacity over its places: records of one key summed, the latest update kept."""
    merged: dict[tuple[str, str, str, str, str | None, str | None], Capacite] = {}
    for lieu in lieux:
        for c in lieu.capacites:
            held = merged.get(c.key)
            if held is None:
                merged[c.key] = c
                continue
            latest = max((x for x in (held.maj, c.maj) if x is not None), default=None)
            merged[c.key] = replace(held, nombre=held.nombre + c.nombre, maj=latest)
    return tuple(merged.values())


@dataclass(frozen=True, slots=True)
class TrancheAge:
    """The age range as published, in its unit (UCUM code of JDV_J37, from TRE_R247: a, mo, wk, d...);
    `UniteOperationnelle.age_min/age_max` are the same bounds in whole years for the search."""

    min: float | None = None
    max: float | None = None
    unite: str = "a"


@dataclass(frozen=True, slots=True)
class ZoneIntervention:
    """A territorial division the unit serves (type TRE_R201 / JDV_J223, code of that division)."""

    type: str
    code: str


@dataclass(frozen=True, slots=True)
class UniteOperationnelle:
    """The finest level of the offer: where a speciality meets a mode of care. As in ME 3.0 and the
    ROR IG (`specialty[operationalActivity]` 1..1), a unit has exactly one activité opérationnelle
    (an establishment offering two activities declares two units) and at most one mode de prise en
    charge (the IG's own examples publish units without one, e.g. HealthcareService/1234564)."""

    id: str
    eg_id: str
    nom: str
    champ: str  # TRE_R227
    activite: str  # TRE_R211 (JDV_J17), the unit's one activité opérationnelle
    mode_prise_en_charge: str | None = None  # TRE_R213, the unit's one mode de prise en charge
    categorie_organisation: str | None = None  # type d'offre: JDV_J238 (TRE_R244)
    oi_id: str | None = None
    actes: tuple[str, ...] = ()  # TRE_R210 actes spécifiques (aptitudes)
    competences: tuple[str, ...] = ()  # TRE_R243 compétences spécifiques (aptitudes)
    publics: tuple[str, ...] = ()  # TRE_R239
    specialisations: tuple[str, ...] = ()  # TRE_R245 spécialisation de prise en charge (TSA...)
    age_min: int | None = None  # years, inclusive
    age_max: int | None = None  # years, inclusive
    equipements: tuple[Equipement, ...] = ()
    horaires: Horaires = field(default_factory=Horaires)
    contacts: tuple[Contact, ...] = ()
    capacites: tuple[Capacite, ...] = ()
    adresse: Adresse | None = None  # the unit's own place; None means the EG's address
    sensible: bool = False
    id_externe_synchro: str | None = None
    statut: Statut = Statut.PUBLIE
    commentaire: str | None = None
    maj: datetime | None = None
    genere: bool = False
    identifiants: tuple[Identifiant, ...] = ()  # as published (type TRE_R355)
    # every place of the unit; `adresse`, `capacites`, `equipements` above are the unit's totals
    # over them (capacities of the same key summed), what the search reads
    lieux: tuple[Lieu, ...] = ()
    tranche_age: TrancheAge | None = None
    secteur_psychiatrique: str | None = None
    zones_intervention: tuple[ZoneIntervention, ...] = ()
    type_maternite: str | None = None  # TRE_R253
    ouverture_annuelle: str | None = None  # TRE_R238
    temporalites_accueil: tuple[str, ...] = ()  # TRE_R240 temporalité d'accueil (temporaire, permanent)
    region: str | None = None  # TRE_R30: the région the national ROR tags the unit with (meta.tag)

    @property
    def aptitudes(self) -> tuple[str, ...]:
        """Actes and compétences as one namespaced tuple: "R210:xxx", "R243:yyy"."""
        return tuple(f"R210:{c}" for c in self.actes) + tuple(f"R243:{c}" for c in self.competences)

    @property
    def ferme_definitivement(self) -> bool:
        return any(f.definitive for f in self.horaires.fermetures)


@dataclass(frozen=True, slots=True)
class Exercice:
    """A professional carries out an activity (TRE_R211) in a unit, possibly with equipment."""

    uo_id: str
    activite: str | None = None
    equipements: tuple[str, ...] = ()
    mode_exercice: str | None = None  # TRE_R23 (libéral, salarié...)
    savoir_faire: tuple[str, ...] = ()  # JDV_J209 type de savoir-faire (compétence exclusive...)
    nom_exercice: str | None = None  # the name the professional practises under in this unit


@dataclass(frozen=True, slots=True)
class Professionnel:
    id: str  # national id (RPPS, 11 digits)
    nom: str
    prenom: str
    profession: str  # TRE_G15
    specialite: str | None = None  # TRE_R38
    exercices: tuple[Exercice, ...] = ()
    genere: bool = False


@dataclass(slots=True)
class Offre:
    """A whole offer in memory, keyed by id: what importers produce and the store loads."""

    ej: dict[str, EntiteJuridique] = field(default_factory=dict)
    eg: dict[str, EntiteGeographique] = field(default_factory=dict)
    oi: dict[str, OrganisationInterne] = field(default_factory=dict)
    uo: dict[str, UniteOperationnelle] = field(default_factory=dict)
    professionnels: dict[str, Professionnel] = field(default_factory=dict)

    def add(self, entity: object) -> None:
        getattr(self, _BUCKETS[type(entity)])[entity.id] = entity  # type: ignore[attr-defined]

    def merge(self, other: Offre) -> None:
        for name in ("ej", "eg", "oi", "uo", "professionnels"):
            getattr(self, name).update(getattr(other, name))

    def counts(self) -> dict[str, int]:
        return {"ej": len(self.ej), "eg": len(self.eg), "oi": len(self.oi), "uo": len(self.uo),
                "professionnels": len(self.professionnels)}

    def unites(self, ids: Iterable[str]) -> tuple[dict[str, UniteOperationnelle],
                                                   dict[str, EntiteGeographique]]:
        """Some units and their EGs (a page's): an offer read from the store on demand
        (store/fiches.py) reads them in one batch each."""
        # one lookup per id (`get`, not `in` then `[]`): a page's units are cold in a dict of
        # half a million entries
        uo, eg = self.uo.get, self.eg.get
        uos = {i: u for i in ids if (u := uo(i)) is not None}
        egs = {u.eg_id: e for u in uos.values() if (e := eg(u.eg_id)) is not None}
        return uos, egs

    def entiere(self) -> Offre:
        """The whole offer in memory (what walking the offer graph needs)."""
        return self


# The Offre attribute that holds each entity class.
_BUCKETS: dict[type, str] = {EntiteJuridique: "ej", EntiteGeographique: "eg",
                             OrganisationInterne: "oi", UniteOperationnelle: "uo",
                             Professionnel: "professionnels"}

ENTITY_KINDS: dict[str, type] = {
    "ej": EntiteJuridique,
    "eg": EntiteGeographique,
    "oi": OrganisationInterne,
    "uo": UniteOperationnelle,
    "professionnel": Professionnel,
}
