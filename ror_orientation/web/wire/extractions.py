"""Extractions: one row per unit matching the search criteria (a CSV line or a JSON line).

The CSV columns are this model's fields, in order, so the two formats cannot disagree.
"""

from __future__ import annotations

from pydantic import Field

from .base import Instant, Sortie


class LigneExtractionOut(Sortie):
    uo_id: str
    eg_id: str
    nom: str
    eg_nom: str
    finess: str = Field(description="The FINESS number of the unit's site (EG).")
    commune: str | None
    code_postal: str | None
    lat: float | None
    lon: float | None
    champ: str = Field(description="TRE_R227 code.")
    activite: str = Field(description="TRE_R211 code: the unit's one activité opérationnelle.")
    mode_prise_en_charge: str | None
    telephone: str | None = Field(description="The number to call, as on the result card.")
    lits_installes: int | None = Field(description="Installed capacity (null: none declared).")
    lits_disponibles: int | None = Field(description="Null for lecture_publique callers.")
    lits_maj: Instant | None = Field(description="Time of the oldest record the figure sums.")
    distance_km: float | None
    score: float
    # added with the one bed figure (`disponibilite.py`); the columns above keep their names
    lits_perimes: bool | None
    lits_unite: str = Field(description='What is counted: "lits", "places"...')
    lits_supplementaires: int | None = Field(description="Extra beds counted with the figure.")
    crise: str | None
    lits_texte: str = Field(description='"1 lit disponible + 6 supplémentaires (Plan blanc)"')
    previsions: str | None = Field(description='Forecasts, never counted as now ("+7 j: 4").')
    telephone_fonction: str | None
    genere: bool
    # added with the national ROR's FHIR fields (importers/fhir.py); the columns above keep their place
    identifiant_ror: str | None = Field(None, description="The unit's functional id (TRE_R355 35).")
    lieux: str | None = Field(None, description='Its places (ROR ids) joined by "|".')
    communes_cog: str | None = Field(None, description='Commune COG of each place, joined by "|".')
    age_min: int | None = Field(None, description="Years (inclusive), whatever unit was published.")
    age_max: int | None = None
    tranche_age: str | None = Field(None, description='As published with its unit: "6-30 mo".')
    type_maternite: str | None = Field(None, description="TRE_R253.")
    secteur_psychiatrique: str | None = None


COLONNES = tuple(LigneExtractionOut.model_fields)
