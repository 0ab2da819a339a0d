"""A unit's neighbourhood in the offer graph: what else its site offers, where its legal entity's
other sites do the same (free beds first, then nearest), similar units and what they declare."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from ...service import UniteProche
from ..wire import AlternativesOut, ConceptDeclareOut, UniteProcheOut
from . import ERRORS, Lecteur, service

router = APIRouter(prefix="/api/v1", tags=["fiches"], responses=ERRORS)


def _out(p: UniteProche) -> UniteProcheOut:
    return UniteProcheOut(uo_id=p.uo.id, nom=p.uo.nom, eg_id=p.uo.eg_id,
                          eg_nom=p.eg.nom if p.eg else None, concepts_communs=p.communs,
                          distance_km=None if p.distance_km is None else round(p.distance_km, 3),
                          lits_disponibles=p.lits_disponibles)


@router.get("/unites/{uo_id}/alternatives", response_model=AlternativesOut,
            summary="A unit's alternatives from the offer graph")
def alternatives(
    request: Request,
    appelant: Lecteur,
    uo_id: Annotated[str, Path(min_length=1, max_length=64)],
    limit: Annotated[int, Query(ge=1, le=50, description="units per list")] = 10,
) -> AlternativesOut:
    v = service(request).voisinage(appelant, uo_id, limit)
    return AlternativesOut(
        uo_id=v.uo.id, meme_site=[_out(p) for p in v.meme_site],
        autres_sites=[_out(p) for p in v.autres_sites], semblables=[_out(p) for p in v.semblables],
        declares_par_semblables=[ConceptDeclareOut(concept=c, libelle=label, unites=k)
                                 for c, label, k in v.declares_par_semblables])
