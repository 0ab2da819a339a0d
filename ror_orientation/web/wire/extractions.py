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
    telephone: str | None = Field(description="The first telephone the caller may see.")
    lits_installes: int
    lits_disponibles: int | None = Field(description="Null for lecture_publique callers.")
    lits_maj: Instant | None
    distance_km: float | None
    score: float


COLONNES = tuple(LigneExtractionOut.model_fields)
