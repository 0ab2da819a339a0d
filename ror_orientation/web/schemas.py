"""Wire models of the HTTP API (pydantic): what callers send and what they get back.

Separate from the domain dataclasses (`offre.py`, `requete.py`): these fix the public JSON contract and
feed the OpenAPI document. Handlers build plain dicts and encode them with orjson; the tests validate
those answers against the output models here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import ValidationError
from ..validation import check_query_instant, check_recorded_instant

Code = Field(min_length=1, max_length=16, pattern=r"^[0-9A-Za-z_.-]+$")


def _split_commas(v: Any) -> Any:
    """Lists in query strings may repeat the key or use commas: accept both."""
    if isinstance(v, str):
        v = [v]
    if isinstance(v, list):
        out: list[Any] = []
        for item in v:
            if isinstance(item, str):
                out.extend(p.strip() for p in item.split(",") if p.strip())
            else:
                out.append(item)
        return out
    return v


# -- errors -------------------------------------------------------------------------------------
class ErreurDetail(BaseModel):
    status: int
    code: str
    message: str
    field: str | None = None


class ErreurOut(BaseModel):
    """The one error shape of every route."""

    error: ErreurDetail


# -- search -------------------------------------------------------------------------------------
LIST_CRITERIA = (
    "aptitudes",
    "aptitudes_souhaitees",
    "activites",
    "champs",
    "modes",
    "categories_organisation",
    "publics",
    "specialisations",
    "equipements",
    "regions",
    "departements",
    "eg_ids",
    "fields",
)


class RechercheIn(BaseModel):
    """Every criterion of the engine's `Requete`, flat (the same names in a query string or a body)."""

    model_config = ConfigDict(extra="forbid")

    texte: str | None = Field(
        None, max_length=200, description="Free text: a need, an act, a name."
    )
    profil: Literal["samu", "aval"] = Field("samu", description="Defaults and weights.")
    aptitudes: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Required, all: R210:<code> or R243:<code>.",
    )
    aptitudes_souhaitees: list[str] = Field(
        default_factory=list, max_length=50, description="Desired: scored, not filtered."
    )
    activites: list[str] = Field(
        default_factory=list, max_length=100, description="TRE_R211, any of."
    )
    champs: list[str] = Field(default_factory=list, max_length=20, description="TRE_R227, any of.")
    modes: list[str] = Field(default_factory=list, max_length=50, description="TRE_R213, any of.")
    categories_organisation: list[str] = Field(
        default_factory=list, max_length=50, description="Type d'offre TRE_R244, any of."
    )
    publics: list[str] = Field(default_factory=list, max_length=50, description="TRE_R239, any of.")
    specialisations: list[str] = Field(
        default_factory=list, max_length=50, description="TRE_R245 (autisme, Alzheimer...), any of."
    )
    equipements: list[str] = Field(
        default_factory=list, max_length=50, description="TRE_R212, all."
    )
    poids_min_kg: float | None = Field(None, ge=0, le=1000, description="Equipment weight rating.")
    age: int | None = Field(None, ge=0, le=130, description="Patient age in years.")
    sexe: Literal["F", "H"] | None = Field(None, description="Patient sex, against bed gender.")
    ouvert_a: datetime | None = Field(None, description="Must be open at this instant.")
    ouvert_maintenant: bool | None = Field(None, description="Must be open now (profile default).")
    lits_min: int = Field(0, ge=0, le=10000, description="Minimum available capacity.")
    nature_lits: str | None = Field(None, max_length=8, description="TRE_R329.")
    statut_lits: str = Field("02", max_length=8, description="TRE_R330 (02 disponible).")
    temporalite_lits: str = Field("01", max_length=8, description="TRE_R331 (01 courant).")
    age_max_lits_minutes: float | None = Field(
        None, gt=0, le=525600, description="Ignore bed figures older than this."
    )
    lits_supplementaires: bool = Field(
        False,
        description="Also count extra beds mobilised outside a declared crisis (crisis extra beds "
        "always count with available-now beds).",
    )
    en_crise: bool | None = Field(
        None, description="Only units of sites in an active crisis (true) or not (false)."
    )
    national: bool = Field(
        False,
        description="No default radius: search the whole country (the SAMU profile otherwise "
        "starts at 50 km and widens to 200 km at most).",
    )
    lat: float | None = Field(None, ge=-90, le=90, description="Patient latitude (WGS84).")
    lon: float | None = Field(None, ge=-180, le=180, description="Patient longitude (WGS84).")
    commune: str | None = Field(None, max_length=5, description="Patient's INSEE commune code.")
    code_postal: str | None = Field(None, max_length=5, description="Patient's postcode.")
    rayon_km: float | None = Field(None, gt=0, le=1000, description="Radius around the patient.")
    regions: list[str] = Field(default_factory=list, max_length=20)
    departements: list[str] = Field(default_factory=list, max_length=120)
    eg_ids: list[str] = Field(default_factory=list, max_length=500)
    elargir: bool = Field(True, description="Widen / relax when nothing matches, and say so.")
    limit: int = Field(20, ge=1, description="Page size (at most the server's max_limit).")
    curseur: str | None = Field(
        None, max_length=2000, description="Opaque: previous curseur_suivant."
    )
    budget_ms: float | None = Field(None, gt=0, le=5000, description="Time budget of the search.")
    expliquer: bool = Field(True, description="Include each result's explanation.")
    fields: list[str] = Field(
        default_factory=list, max_length=30, description="Sparse results: keep only these keys."
    )

    @field_validator(*LIST_CRITERIA, mode="before")
    @classmethod
    def _lists(cls, v: Any) -> Any:
        return _split_commas(v)

    @field_validator("ouvert_a")
    @classmethod
    def _sane_instant(cls, v: datetime | None) -> datetime | None:
        try:
            check_query_instant(v, "ouvert_a")
        except ValidationError as exc:
            raise ValueError(exc.message) from exc
        return v

    @model_validator(mode="after")
    def _both_coordinates(self) -> RechercheIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        return self


class RechercheQuery(RechercheIn):
    """The same criteria in a query string (unknown parameters ignored: cache busters, trackers)."""

    model_config = ConfigDict(extra="ignore")


class ChiffreOut(BaseModel):
    """One capacity figure: count, time of its oldest contributing record, age, staleness."""

    nombre: int
    maj: datetime | None
    age_minutes: float | None
    perime: bool
    temporalite: str
    prevision: bool
    crise: str | None = None
    type_lit_supplementaire: str | None = None


class DisponibiliteOut(BaseModel):
    """What can take a patient now (`disponibilite.py`): the same object on cards, sheets and
    extractions."""

    natures: list[str]
    unite: str
    sans_objet: bool
    visible: bool
    nombre: int | None
    perime: bool | None
    texte: str
    crise: str | None
    hors_crise_comptes: bool
    compte: ChiffreOut | None
    installe: ChiffreOut | None
    maintenant: ChiffreOut | None
    supplementaires: list[ChiffreOut]
    mobilisables: list[ChiffreOut]
    previsions: list[ChiffreOut]


class ExplicationOut(BaseModel):
    criteres: list[str]
    aptitudes_trouvees: list[str]
    aptitudes_manquantes: list[str]
    distance_km: float | None
    lits_disponibles: int | None
    lits_maj: datetime | None
    lits_age_min: float | None
    lits_perimes: bool
    ouvert: bool | None
    ouverture_prochaine: datetime | None
    score: float
    detail_score: dict[str, float]
    crise: str | None = None


class ResultatOut(BaseModel):
    """One unit found; with `fields=` only the keys asked for (and uo_id) are present."""

    uo_id: str
    eg_id: str | None = None
    nom: str | None = None
    eg_nom: str | None = None
    score: float | None = None
    distance_km: float | None = None
    commune: str | None = None
    lat: float | None = None
    lon: float | None = None
    telephone: str | None = None
    telephone_fonction: str | None = None
    lits_disponibles: int | None = None
    lits_maj: datetime | None = None
    lits_perimes: bool | None = None
    ouvert: bool | None = None
    sensible: bool | None = None
    crise: str | None = None
    genere: bool | None = None
    disponibilite: DisponibiliteOut | None = None
    explication: ExplicationOut | None = None


RESULT_FIELDS = tuple(ResultatOut.model_fields)


class RelachementOut(BaseModel):
    critere: str
    avant: str
    apres: str


class ReponseOut(BaseModel):
    resultats: list[ResultatOut]
    total: int
    curseur_suivant: str | None
    relachements: list[RelachementOut]
    tronque: bool
    etapes: dict[str, int]
    duree_ms: float
    concepts: list[str]


# -- sheets -------------------------------------------------------------------------------------
class CodeOut(BaseModel):
    code: str
    libelle: str


class AdresseOut(BaseModel):
    ligne: str
    numero: str | None = None
    type_voie: str | None = None
    voie: str | None = None
    lieu_dit: str | None = None
    code_postal: str | None = None
    localite: str | None = None
    commune_insee: str | None = None


class EquipementOut(BaseModel):
    code: str
    libelle: str
    caracteristique: CodeOut | None = None
    valeur: float | None = None
    quantite: int


class TelecomOut(BaseModel):
    canal: str
    valeur: str
    confidentialite: str


class ContactOut(BaseModel):
    fonction: str | None = None
    nature: str | None = None
    nom: str | None = None
    telecoms: list[TelecomOut]


class CapaciteOut(BaseModel):
    nature: CodeOut
    statut: CodeOut
    temporalite: CodeOut
    genre: CodeOut
    nombre: int
    source: CodeOut
    crise: CodeOut | None = None
    type_lit_supplementaire: CodeOut | None = None
    maj: datetime | None
    age_minutes: float | None
    perime: bool


class PlageOut(BaseModel):
    jour: int
    jour_libelle: str
    debut: str
    fin: str


class FermetureOut(BaseModel):
    debut: str
    reouverture_prevue: str | None = None
    definitive: bool
    motif: str | None = None


class HorairesOut(BaseModel):
    permanent: bool
    plages: list[PlageOut]
    ferme_jours_feries: bool
    debut_validite: str | None = None
    fin_validite: str | None = None
    fermetures: list[FermetureOut]


class NoeudOut(BaseModel):
    id: str
    nom: str
    type: CodeOut | None = None


class HierarchieOut(BaseModel):
    ej: NoeudOut | None
    eg: NoeudOut
    organisations: list[NoeudOut]  # from the top (pôle) down to the unit's own OI


class ProfessionnelOut(BaseModel):
    id: str
    nom: str
    prenom: str
    profession: CodeOut
    specialite: CodeOut | None = None
    activites: list[CodeOut]


class UniteOut(BaseModel):
    id: str
    nom: str
    eg_id: str
    hierarchie: HierarchieOut
    champ: CodeOut
    activites: list[CodeOut]
    mode_prise_en_charge: CodeOut | None
    categorie_organisation: CodeOut | None
    actes: list[CodeOut]
    competences: list[CodeOut]
    publics: list[CodeOut]
    age_min: int | None
    age_max: int | None
    equipements: list[EquipementOut]
    horaires: HorairesOut
    ouvert_maintenant: bool
    ouverture_prochaine: datetime | None
    contacts: list[ContactOut]
    capacites: list[CapaciteOut]
    professionnels: list[ProfessionnelOut]
    adresse: AdresseOut | None
    coordonnees: dict[str, float] | None
    sensible: bool
    statut: str
    id_externe_synchro: str | None
    commentaire: str | None
    maj: datetime | None
    genere: bool
    disponibilite: DisponibiliteOut | None = None


class UniteResumeOut(BaseModel):
    id: str
    nom: str
    champ: CodeOut
    activites: list[CodeOut]
    mode_prise_en_charge: CodeOut | None
    sensible: bool
    genere: bool | None = None
    disponibilite: DisponibiliteOut | None = None


class EtablissementOut(BaseModel):
    id: str
    nom: str
    ej: NoeudOut | None
    categorie: CodeOut
    adresse: AdresseOut
    coordonnees: dict[str, float] | None
    region: str | None
    departement: str | None
    telephone: str | None
    ouvert: bool
    unites: list[UniteResumeOut]
    genere: bool
    en_crise: bool | None = Field(
        None, description="A unit of the site mobilises crisis beds (null: not visible to you).")
    crises: list[str] = Field(default_factory=list, description="TRE_R336 codes of those crises.")


# -- nomenclatures and suggestions ----------------------------------------------------------------
class TableResumeOut(BaseModel):
    id: str
    nom: str
    codes: int


class TablesOut(BaseModel):
    tables: list[TableResumeOut]


class CodeTableOut(BaseModel):
    code: str
    libelle: str
    libelle_court: str | None = None
    actif: bool


class TableOut(BaseModel):
    id: str
    nom: str
    codes: list[CodeTableOut]


class SuggestionsOut(BaseModel):
    q: str
    suggestions: list[dict[str, Any]]


class CommuneOut(BaseModel):
    insee: str
    nom: str
    code_postal: str
    departement: str
    region: str | None
    lat: float
    lon: float


class CommunesOut(BaseModel):
    q: str
    communes: list[CommuneOut]


# -- capacity -----------------------------------------------------------------------------------
class CapaciteIn(BaseModel):
    """One capacity record as sent by an establishment (codes from TRE_R329..R336)."""

    model_config = ConfigDict(extra="forbid")

    nature: str = Code
    statut: str = Code
    temporalite: str = Code
    genre: str = Code
    nombre: int = Field(ge=0, le=100_000)
    source: str = Field("01", min_length=1, max_length=16)
    maj: datetime | None = Field(None, description="When the figure was true; default: received.")
    crise: str | None = Field(None, max_length=16)
    type_lit_supplementaire: str | None = Field(None, max_length=16)

    @field_validator("maj")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        try:
            check_recorded_instant(v, "maj")
        except ValidationError as exc:
            raise ValueError(exc.message) from exc
        return v


class CapacitesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    capacites: list[CapaciteIn] = Field(min_length=1, max_length=200)


class MiseAJourIn(BaseModel):
    """One unit's records in a batch, addressed by unit id or by the establishment's synchro id."""

    model_config = ConfigDict(extra="forbid")

    uo_id: str | None = Field(None, min_length=1, max_length=64)
    id_externe_synchro: str | None = Field(None, min_length=1, max_length=128)
    capacites: list[CapaciteIn] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _one_address(self) -> MiseAJourIn:
        if (self.uo_id is None) == (self.id_externe_synchro is None):
            raise ValueError("give exactly one of uo_id and id_externe_synchro")
        return self


class LotCapacitesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    mises_a_jour: list[MiseAJourIn] = Field(min_length=1, max_length=1000)


class LotCapacitesBrutIn(BaseModel):
    """A batch as received: a list of items, each then checked on its own as a `MiseAJourIn`, so
    one bad item is refused in its place and the others are stored."""

    model_config = ConfigDict(extra="forbid")

    mises_a_jour: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=1000,
        description="Items shaped as MiseAJourIn: uo_id or id_externe_synchro, and capacites.",
    )


class CapaciteMajOut(BaseModel):
    uo_id: str
    recu_le: datetime
    capacites: list[CapaciteOut]


class ResultatLotOut(BaseModel):
    index: int
    uo_id: str | None = None
    id_externe_synchro: str | None = None
    status: int
    error: ErreurDetail | None = None


class LotCapacitesOut(BaseModel):
    stockes: int
    refuses: int
    resultats: list[ResultatLotOut]


class HistoriqueLigneOut(BaseModel):
    id: int
    recu_le: datetime
    auteur: str
    capacite: dict[str, Any]


class HistoriqueOut(BaseModel):
    uo_id: str
    historique: list[HistoriqueLigneOut]


# -- applications -------------------------------------------------------------------------------
class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nom: str = Field(min_length=1, max_length=128)
    region: str | None = Field(None, max_length=4)
    proprietaire: str = Field(min_length=1, max_length=256)
    droits: list[str] = Field(min_length=1, max_length=4)
    eg_ids: list[str] = Field(default_factory=list, max_length=1000)


class ApplicationOut(BaseModel):
    id: int
    nom: str
    region: str | None
    proprietaire: str
    droits: list[str]
    eg_ids: list[str]
    cree_le: datetime
    revoque_le: datetime | None
    active: bool


class ApplicationCreeeOut(BaseModel):
    application: ApplicationOut
    cle: str = Field(description="The API key, shown this once only.")


class ApplicationsOut(BaseModel):
    applications: list[ApplicationOut]


class ParRegionOut(BaseModel):
    par_region: dict[str, int]


class HealthOut(BaseModel):
    status: str
    uo: int
    moteur: bool
    version: str
