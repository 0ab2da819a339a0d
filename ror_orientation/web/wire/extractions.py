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
    activites: str = Field(description='TRE_R211 codes joined by "|".')
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


COLONNES = tuple(LigneExtractionOut.model_fields)
