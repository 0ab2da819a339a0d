"""Search: the criteria (query string or JSON body) and the ranked answer.

`RechercheIn` is the body of POST /recherche and /extraction; `RechercheQuery` the same criteria in a
query string; `ReponseOut` the answer of both search routes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ...errors import ValidationError
from ...validation import check_query_instant
from .base import Entree, Instant, Sortie
from .unites import DisponibiliteOut


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


LIST_CRITERIA = (
    "aptitudes",
    "aptitudes_souhaitees",
    "activites",
    "champs",
    "modes",
    "categories_organisation",
    "publics",
    "specialisations",
    "temporalites_accueil",
    "equipements",
    "regions",
    "departements",
    "eg_ids",
    "fields",
)


class RechercheIn(Entree):
    """Every criterion of the engine's `Requete`, flat (the same names in a query string or a body)."""

    texte: str | None = Field(
        None, max_length=200, description="Free text: a need, an act, a name."
    )
    profil: Literal["samu", "aval", "mobile"] = Field(
        "samu", description="Defaults and weights: samu (a regulator), aval (a downstream "
        "coordinator), mobile (the app: what the text asks, near the phone, open units first).")
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
    temporalites_accueil: list[str] = Field(
        default_factory=list, max_length=5, description="Temporalité d'accueil TRE_R240 (temporaire, permanent), any of."
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
    limit: int | None = Field(
        None, ge=1, description="Page size (at most the server's max_limit; default: the "
        "profile's, 20, mobile 10).")
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


class ExplicationOut(Sortie):
    """Why a unit is in the list and where its score comes from (absent with expliquer=false)."""

    criteres: list[str] = Field(description="Criteria met, in French, for a person.")
    aptitudes_trouvees: list[str]
    aptitudes_manquantes: list[str] = Field(description="Desired aptitudes the unit lacks.")
    distance_km: float | None
    lits_disponibles: int | None
    lits_maj: Instant | None
    lits_age_min: float | None = Field(description="Age of the bed figure in minutes.")
    lits_perimes: bool
    ouvert: bool | None
    ouverture_prochaine: Instant | None
    score: float
    detail_score: dict[str, float] = Field(description="Score component → weighted contribution.")
    crise: str | None = Field(None, description="TRE_R336 crisis declared on the unit's beds.")


class ResultatOut(Sortie):
    """One unit found. Its facts (distance, beds, opening) are there with or without `expliquer`;
    with `fields=` only the keys asked for (and uo_id) are sent."""

    uo_id: str
    eg_id: str | None = None
    nom: str | None = None
    eg_nom: str | None = None
    score: float | None = None
    distance_km: float | None = None
    commune: str | None = None
    lat: float | None = None
    lon: float | None = None
    telephone: str | None = Field(
        None, description='The number to call, formatted "02 99 28 43 21": for a regulator the '
        "regulation line, then the care line, then the secretariat; only numbers the caller may see.")
    telephone_fonction: str | None = Field(None, description="Whose number it is.")
    lits_disponibles: int | None = Field(None, description="Null for lecture_publique callers.")
    lits_maj: Instant | None = None
    lits_perimes: bool | None = None
    ouvert: bool | None = None
    ouverture_prochaine: Instant | None = Field(None, description="When a closed unit opens.")
    sensible: bool | None = None
    crise: str | None = Field(None, description="TRE_R336: the unit mobilises crisis beds.")
    genere: bool | None = Field(None, description="A generated (demo) unit, not a real one.")
    disponibilite: DisponibiliteOut | None = None
    explication: ExplicationOut | None = None


RESULT_FIELDS = tuple(ResultatOut.model_fields)


class RelachementOut(Sortie):
    """One relaxation the fallback applied: a criterion, its value before and after."""

    critere: str
    avant: str
    apres: str


class EtapesOut(Sortie):
    """Units left after each stage of the search pipeline (infrastructure names, in English)."""

    parse: int = Field(description="Units the caller may see.")
    candidates: int = Field(description="After concept postings, the unit's own criteria (codes, "
                            "age, weight, crisis, land) and radius; with free text, after "
                            "postings and radius only.")
    text: int = Field(description="After the free text.")
    filters: int = Field(description="After beds and opening (with free text, also the unit's "
                         "own criteria).")
    scoring: int = Field(description="Scored (the total).")
    page: int = Field(description="On this page.")


class ReponseOut(Sortie):
    resultats: list[ResultatOut]
    total: int = Field(description="Matches before pagination.")
    curseur_suivant: str | None = Field(description="Pass as `curseur` for the next page.")
    relachements: list[RelachementOut]
    tronque: bool = Field(description="The time budget ran out: the list may be incomplete.")
    etapes: EtapesOut
    duree_ms: float
    concepts: list[str] = Field(description="What the free text was understood as.")
    non_compris: list[str] = Field(
        default_factory=list,
        description="Words of the text nothing explained (said, never silently dropped).")
    vouliez_vous_dire: list[str] = Field(
        default_factory=list,
        description='Closest concepts in words, e.g. "Appendicectomie (acte)", when some words were '
        "not understood or nothing matched.")
