"""Sheets: a unit (UO) with everything about it, and an establishment site (EG) with its units.

Coded values travel as `{"code", "libelle"}` (`CodeOut`), the label from the shipped nomenclature.
"""

from __future__ import annotations

from pydantic import Field

from .base import Instant, Sortie


class CodeOut(Sortie):
    """A nomenclature code with its label."""

    code: str
    libelle: str


class CoordonneesOut(Sortie):
    lat: float
    lon: float


class AdresseOut(Sortie):
    ligne: str = Field(description="The address on one line, as printed.")
    numero: str | None = None
    type_voie: str | None = None
    voie: str | None = None
    lieu_dit: str | None = None
    code_postal: str | None = None
    localite: str | None = None
    commune_insee: str | None = None


class IdentifiantOut(Sortie):
    """An identifier as the national ROR publishes it (type from TRE_G07, R355, R354 or R345)."""

    valeur: str
    type: str | None = None
    systeme: str | None = None


class EquipementOut(Sortie):
    code: str
    libelle: str
    caracteristique: CodeOut | None = Field(None, description="TRE_R340 limit type (poids max...).")
    valeur: float | None = Field(None, description="The limit, in the characteristic's unit.")
    quantite: int


class TelecomOut(Sortie):
    canal: str = Field(description="telephone, mobile, bip, fax, email, mssante, url")
    valeur: str
    confidentialite: str = Field(description="1 public, 2 restreint, 3 confidentiel")


class ContactOut(Sortie):
    fonction: str | None = None
    nature: str | None = None
    nature_code: str | None = Field(None, description="TRE_R287 (JDV_J221), when the source codes it.")
    nom: str | None = None
    telecoms: list[TelecomOut]


class CapaciteOut(Sortie):
    """A capacity record with labels, and the age of its figure computed at answer time."""

    nature: CodeOut
    statut: CodeOut
    temporalite: CodeOut
    genre: CodeOut
    nombre: int
    source: CodeOut
    crise: CodeOut | None = None
    type_lit_supplementaire: CodeOut | None = None
    type_fermeture: CodeOut | None = Field(None, description="TRE_R333, a closed capacity.")
    affectation_temporaire: CodeOut | None = Field(None, description="TRE_R337.")
    maj: Instant | None
    age_minutes: float | None
    perime: bool


class ChiffreOut(Sortie):
    """One capacity figure: its count, the time of its oldest contributing record, age, staleness."""

    nombre: int
    maj: Instant | None = Field(description="Time of the oldest record the figure sums.")
    age_minutes: float | None
    perime: bool
    temporalite: str = Field(description="TRE_R331 (01 courant; others are forecasts).")
    prevision: bool = Field(description="A forecast (+24 h, +48 h, +7 j): never counted as now.")
    crise: str | None = Field(None, description="TRE_R336, extra beds only.")
    type_lit_supplementaire: str | None = Field(None, description="TRE_R334, extra beds only.")


class DisponibiliteOut(Sortie):
    """What can take a patient now (`disponibilite.py`): the same object on cards, sheets and
    extractions, so the list, the sheet, the PDF and the CSV cannot disagree."""

    natures: list[str] = Field(description="TRE_R329 natures counted.")
    unite: str = Field(description='What is counted: "lits", "places"...')
    sans_objet: bool = Field(description="No capacity record at all: nothing can be stale.")
    visible: bool = Field(description="The caller may read free figures.")
    nombre: int | None = Field(description="What `lits_min` and the ranking count.")
    perime: bool | None
    texte: str = Field(description='"1 lit disponible + 6 supplémentaires (Plan blanc)"')
    crise: str | None = Field(description="TRE_R336: beds actually mobilised in a crisis.")
    hors_crise_comptes: bool
    compte: ChiffreOut | None
    installe: ChiffreOut | None
    maintenant: ChiffreOut | None
    supplementaires: list[ChiffreOut]
    mobilisables: list[ChiffreOut] = Field(description="Could be opened; never counted.")
    previsions: list[ChiffreOut] = Field(description="Forecasts; never counted as now.")


class PlageOut(Sortie):
    jour: int = Field(description="0 Monday … 6 Sunday, 7 public holidays")
    jour_libelle: str
    debut: str = Field(description="HH:MM")
    fin: str = Field(description="HH:MM")
    type_horaire: CodeOut | None = Field(None, description="TRE_R252 (ouverture, garde, RDV...).")


class FermetureOut(Sortie):
    debut: str
    reouverture_prevue: str | None = None
    definitive: bool
    motif: str | None = None


class HorairesOut(Sortie):
    permanent: bool
    plages: list[PlageOut]
    ferme_jours_feries: bool
    debut_validite: str | None = None
    fin_validite: str | None = None
    fermetures: list[FermetureOut]


class NoeudOut(Sortie):
    """A level of the hierarchy: EJ, EG, or an organisation interne."""

    id: str
    nom: str
    type: CodeOut | None = None


class HierarchieOut(Sortie):
    ej: NoeudOut | None
    eg: NoeudOut
    organisations: list[NoeudOut] = Field(description="From the pôle down to the unit's own OI.")


class ProfessionnelOut(Sortie):
    id: str
    nom: str
    prenom: str
    profession: CodeOut
    specialite: CodeOut | None = None
    activites: list[CodeOut]
    mode_exercice: CodeOut | None = Field(None, description="TRE_R23, in this unit.")
    savoir_faire: list[CodeOut] = Field(default_factory=list, description="JDV_J209, in this unit.")
    nom_exercice: str | None = None


class TrancheAgeOut(Sortie):
    """The age range as published (`age_min` / `age_max` are the same in whole years)."""

    min: float | None = None
    max: float | None = None
    unite: str = Field(description="UCUM time unit of JDV_J37 (from TRE_R247): a years, mo months, "
                       "wk weeks, d days, h, min, s, ms.")


class ZoneOut(Sortie):
    type: str = Field(description="TRE_R201 type of territorial division.")
    code: str


class LieuOut(Sortie):
    """One place of the unit (the ROR's Location), with its capacity as the caller may see it."""

    id: str
    nom: str | None = None
    statut: str | None = None
    fonctions: list[CodeOut]
    identifiants: list[IdentifiantOut]
    adresse: AdresseOut | None = None
    commune_cog: str | None = None
    region: str | None = Field(None, description="TRE_R30: the région the national ROR tags it with.")
    coordonnees: CoordonneesOut | None = None
    capacites: list[CapaciteOut]
    equipements: list[EquipementOut]


class UniteOut(Sortie):
    """A unit's sheet, filtered by the caller's rights (contacts, capacity)."""

    id: str
    nom: str
    eg_id: str
    hierarchie: HierarchieOut
    champ: CodeOut
    activite: CodeOut = Field(description="TRE_R211: the unit's one activité opérationnelle.")
    mode_prise_en_charge: CodeOut | None
    categorie_organisation: CodeOut | None
    actes: list[CodeOut]
    competences: list[CodeOut]
    publics: list[CodeOut]
    age_min: int | None
    age_max: int | None
    equipements: list[EquipementOut]
    horaires: HorairesOut
    ouvert_maintenant: bool = Field(description="Computed at answer time (not in the ETag).")
    ouverture_prochaine: Instant | None = Field(
        description="When a closed unit opens next (null when open now); computed at answer time."
    )
    contacts: list[ContactOut]
    capacites: list[CapaciteOut]
    disponibilite: DisponibiliteOut
    professionnels: list[ProfessionnelOut]
    adresse: AdresseOut | None
    coordonnees: CoordonneesOut | None
    sensible: bool
    statut: str
    id_externe_synchro: str | None
    commentaire: str | None
    maj: Instant | None
    genere: bool = Field(description="A generated record (demo / benchmark data), not a real one.")
    identifiants: list[IdentifiantOut] = Field(default_factory=list)
    lieux: list[LieuOut] = Field(default_factory=list, description="Every place of the unit.")
    tranche_age: TrancheAgeOut | None = None
    secteur_psychiatrique: str | None = None
    region: str | None = Field(None, description="TRE_R30: the région the national ROR tags it with.")
    zones_intervention: list[ZoneOut] = Field(default_factory=list)
    type_maternite: CodeOut | None = None
    ouverture_annuelle: CodeOut | None = None
    temporalites_accueil: list[CodeOut] = Field(
        default_factory=list, description="Temporalité d'accueil TRE_R240 (temporaire, permanent)."
    )


_CHIFFRE_HORLOGE = {"age_minutes", "perime"}
# The parts of a `DisponibiliteOut` that change with the clock, not with the data.
DISPONIBILITE_HORS_ETAG: dict[str, object] = {
    "perime": True,
    "texte": True,
    **{k: _CHIFFRE_HORLOGE for k in ("compte", "installe", "maintenant")},
    **{k: {"__all__": _CHIFFRE_HORLOGE} for k in ("supplementaires", "mobilisables", "previsions")},
}

# What changes with the clock, not with the data: left out of the sheet's ETag.
UNITE_HORS_ETAG: dict[str, object] = {
    "ouvert_maintenant": True,
    "ouverture_prochaine": True,
    "capacites": {"__all__": {"age_minutes", "perime"}},
    "lieux": {"__all__": {"capacites": {"__all__": {"age_minutes", "perime"}}}},
    "disponibilite": DISPONIBILITE_HORS_ETAG,
}


class UniteResumeOut(Sortie):
    id: str
    nom: str
    champ: CodeOut
    activite: CodeOut = Field(description="TRE_R211: the unit's one activité opérationnelle.")
    mode_prise_en_charge: CodeOut | None
    sensible: bool
    genere: bool
    disponibilite: DisponibiliteOut


class EtablissementOut(Sortie):
    """An establishment site (EG) and the units of it the caller may see."""

    id: str
    nom: str
    ej: NoeudOut | None
    categorie: CodeOut
    adresse: AdresseOut
    coordonnees: CoordonneesOut | None
    region: str | None
    departement: str | None
    telephone: str | None
    ouvert: bool
    unites: list[UniteResumeOut]
    genere: bool
    en_crise: bool | None = Field(
        description="A unit of the site mobilises crisis beds (null: not visible to this caller).")
    crises: list[str] = Field(description="TRE_R336 crises active on the site.")
    contacts: list[ContactOut] = Field(
        default_factory=list, description="The site's contacts this caller may see (both levels).")
    siret: str | None = None
    identifiants: list[IdentifiantOut] = Field(default_factory=list)
    date_ouverture: str | None = None
    date_fermeture: str | None = None
    aides_financieres: list[CodeOut] = Field(default_factory=list, description="TRE_R241.")
    accueil_famille: bool | None = None
    ej_statut_juridique: CodeOut | None = Field(None, description="TRE_R72 of the legal entity.")


ETABLISSEMENT_HORS_ETAG: dict[str, object] = {
    "unites": {"__all__": {"disponibilite": DISPONIBILITE_HORS_ETAG}},
}
