"""Nomenclature tables, concept suggestions for the search box, commune suggestions."""

from __future__ import annotations

from pydantic import Field

from .base import Sortie


class TableResumeOut(Sortie):
    id: str
    nom: str
    codes: int = Field(description="Number of codes in the table.")


class TablesOut(Sortie):
    tables: list[TableResumeOut]


class CodeTableOut(Sortie):
    code: str
    libelle: str
    libelle_court: str | None = None
    actif: bool = Field(description="False for a withdrawn code (still readable in old data).")


class TableOut(Sortie):
    id: str
    nom: str
    codes: list[CodeTableOut]


class SuggestionOut(Sortie):
    """A concept of the nomenclatures matching what the user typed (label, short label, synonym)."""

    concept: str = Field(description='"R211:014": table number and code, as search criteria use.')
    table: str = Field(description='The nomenclature table, e.g. "TRE_R211".')
    genre: str = Field(description='What the concept is, in words: "activité", "acte", '
                                   '"catégorie d\'établissement"...')
    code: str = Field(description="The code within the table.")
    libelle: str = Field(description="The code's label.")
    actif: bool = Field(description="False for a withdrawn code: search it as words.")
    synonyme: str | None = Field(description="The synonym that matched; null when the label did.")
    texte: str = Field(description="The text the prefix matched.")


class SuggestionsOut(Sortie):
    q: str
    suggestions: list[SuggestionOut]


class CommuneOut(Sortie):
    insee: str
    nom: str = Field(description='The INSEE COG spelling, with accents: "Fougères".')
    code_postal: str
    departement: str
    departement_nom: str | None = Field(description='"Ille-et-Vilaine"')
    region: str | None
    population: int | None = Field(description="Municipal population (INSEE), when known.")
    lat: float
    lon: float


class CommunesOut(Sortie):
    q: str
    communes: list[CommuneOut]


class LibelleOut(Sortie):
    concept: str = Field(description='table number and code, e.g. "R211:375"')
    table: str
    libelle: str
    actif: bool
    score: float = Field(description="relevance relative to the best hit (1.0)")


class LibellesOut(Sortie):
    q: str
    libelles: list[LibelleOut]
