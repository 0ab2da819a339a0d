"""Full-text search of the nomenclature labels and synonyms (whoosh, BM25F): the words may stand
anywhere in a label, unlike the search box's prefix suggestions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ..wire import LibelleOut, LibellesOut
from . import ERRORS, Lecteur, service

router = APIRouter(prefix="/api/v1", tags=["nomenclatures"], responses=ERRORS)


@router.get("/libelles", response_model=LibellesOut,
            summary="Nomenclature labels holding the words, best first (full text)")
def libelles(
    request: Request,
    _appelant: Lecteur,
    q: Annotated[str, Query(min_length=1, max_length=100, description="words of a label")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> LibellesOut:
    found = service(request).chercher_libelles(q, limit)
    return LibellesOut(q=q, libelles=[
        LibelleOut(concept=m.concept, table=m.table, libelle=m.label, actif=m.actif,
                   score=round(m.score, 4)) for m in found])
