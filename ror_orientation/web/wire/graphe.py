"""A unit's neighbourhood in the offer graph (`GET /unites/{uo_id}/alternatives`)."""

from __future__ import annotations

from pydantic import Field

from .base import Sortie


class UniteProcheOut(Sortie):
    uo_id: str
    nom: str
    eg_id: str
    eg_nom: str | None
    concepts_communs: int = Field(description="activities, aptitudes, equipment, publics shared")
    distance_km: float | None = Field(description="geodesic distance between the two units' places")
    lits_disponibles: int | None = Field(
        description="beds available now (None: not declared, or not visible to this caller)")


class ConceptDeclareOut(Sortie):
    concept: str
    libelle: str
    unites: int = Field(description="how many of the similar units declare it")


class AlternativesOut(Sortie):
    uo_id: str
    meme_site: list[UniteProcheOut] = Field(description="the other units of the same site")
    autres_sites: list[UniteProcheOut] = Field(
        description="same activity at the legal entity's other sites: free beds first, then nearest")
    semblables: list[UniteProcheOut] = Field(description="units sharing the most concepts")
    declares_par_semblables: list[ConceptDeclareOut] = Field(
        description="what at least two similar units declare and this one does not")
