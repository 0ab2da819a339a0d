"""Nomenclatures and autocompletion: a table's codes, concept suggestions, commune suggestions.

The search box calls `suggest` on every keystroke: it answers from the engine's in-memory concept
index, never from the store. Tables never change while the server runs, so their ETag is stable.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ...index.espaces import TABLE_KIND, espace_de
from ...index.suggestion import Suggestion
from ...nomenclatures import Code
from ...territoire import Commune
from ..wire import (
    CodeTableOut,
    CommuneOut,
    CommunesOut,
    SuggestionOut,
    SuggestionsOut,
    TableOut,
    TableResumeOut,
    TablesOut,
)
from . import ERRORS, Lecteur, etag_response, json_response, service

router = APIRouter(prefix="/api/v1", tags=["nomenclatures"], responses=ERRORS)

Q = Annotated[str, Query(min_length=1, max_length=100, description="What the user has typed.")]
Limit = Annotated[int, Query(ge=1, le=50)]


@router.get("/nomenclatures", response_model=TablesOut, summary="The tables")
async def tables(request: Request, _appelant: Lecteur) -> Response:
    nom = service(request).nomenclatures
    data = TablesOut(
        tables=[
            TableResumeOut(id=t.id, nom=t.nom, codes=len(t.codes))
            for t in sorted(nom.tables.values(), key=lambda t: t.id)
        ]
    )
    return etag_response(request, data, "public")


def code_table_out(c: Code) -> CodeTableOut:
    return CodeTableOut(code=c.code, libelle=c.libelle, libelle_court=c.libelle_court,
                        actif=c.actif)


@router.get("/nomenclatures/{table}", response_model=TableOut, summary="A table's codes")
async def table(
    request: Request, _appelant: Lecteur, table: Annotated[str, Path(min_length=1, max_length=32)]
) -> Response:
    t = service(request).nomenclatures.table(table)
    data = TableOut(id=t.id, nom=t.nom, codes=[code_table_out(c) for c in t.codes.values()])
    return etag_response(request, data, "public")


def suggestion_out(s: Suggestion) -> SuggestionOut:
    return SuggestionOut(
        concept=s.concept,
        table=s.table,
        genre=TABLE_KIND.get(espace_de(s.table), "critère"),
        code=s.concept.partition(":")[2],
        libelle=s.label,
        actif=s.actif,
        synonyme=s.synonyme,
        texte=s.texte,
    )


def commune_out(c: Commune, departements: dict[str, str]) -> CommuneOut:
    return CommuneOut(insee=c.insee, nom=c.libelle or c.nom, code_postal=c.code_postal,
                      departement=c.departement, departement_nom=departements.get(c.departement),
                      region=c.region, population=c.population, lat=c.lat, lon=c.lon)


@router.get(
    "/suggest",
    response_model=SuggestionsOut,
    summary="Autocompletion over concept labels and synonyms",
)
async def suggest(request: Request, _appelant: Lecteur, q: Q, limit: Limit = 10) -> Response:
    svc = service(request)
    found = svc.suggerer(q, limit)
    return json_response(SuggestionsOut(q=q, suggestions=[suggestion_out(s) for s in found]))


@router.get(
    "/communes/suggest",
    response_model=CommunesOut,
    summary="Communes by name or postcode prefix (to locate a patient)",
)
async def communes(request: Request, _appelant: Lecteur, q: Q, limit: Limit = 10) -> Response:
    svc = service(request)
    found = svc.communes(q, limit)
    noms = svc.territoire.dept_names
    return json_response(CommunesOut(q=q, communes=[commune_out(c, noms) for c in found]))
