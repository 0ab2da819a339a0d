"""Capacity (bed) updates: one unit's records, or a batch addressed by unit id or synchro id.

Records merge by key, so resending is harmless (idempotent); each send is kept in the history with its
author. A batch answers 200 with one status per item: a refused item (unknown id, invalid record,
another EG) does not stop the others (use-case 10); a malformed batch is refused whole.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from ...offre import Capacite
from ..schemas import CapaciteIn, CapaciteMajOut, CapacitesIn, LotCapacitesIn, LotCapacitesOut
from . import ERRORS, Authentifie, json_response, service
from .unites import capacite_plain

router = APIRouter(prefix="/api/v1", tags=["capacites"], responses=ERRORS)


def to_capacite(c: CapaciteIn) -> Capacite:
    return Capacite(
        nature=c.nature,
        statut=c.statut,
        temporalite=c.temporalite,
        genre=c.genre,
        nombre=c.nombre,
        source=c.source,
        maj=c.maj.astimezone(UTC) if c.maj else None,
        crise=c.crise,
        type_lit_supplementaire=c.type_lit_supplementaire,
    )


@router.put(
    "/unites/{uo_id}/capacites",
    response_model=CapaciteMajOut,
    summary="Set a unit's capacity records (merged by key)",
)
def set_capacites(
    request: Request,
    appelant: Authentifie,
    body: CapacitesIn,
    uo_id: Annotated[str, Path(min_length=1, max_length=64)],
) -> Response:
    svc = service(request)
    uo = svc.set_capacites(appelant, uo_id, [to_capacite(c) for c in body.capacites])
    now = datetime.now(UTC)
    return json_response(
        {
            "uo_id": uo.id,
            "recu_le": now.isoformat(),
            "capacites": [
                capacite_plain(svc.nomenclatures, c, now, svc.settings.stale_after_minutes)
                for c in uo.capacites
            ],
        }
    )


@router.post(
    "/capacites",
    response_model=LotCapacitesOut,
    summary="A batch of capacity updates; 200 with one status per item",
)
def set_capacites_lot(
    request: Request, appelant: Authentifie, body: LotCapacitesIn
) -> Response:
    svc = service(request)
    items = [
        (m.uo_id, m.id_externe_synchro, [to_capacite(c) for c in m.capacites])
        for m in body.mises_a_jour
    ]
    results = svc.set_capacites_lot(appelant, items)
    stockes = sum(1 for r in results if r.status == 200)
    return json_response(
        {
            "stockes": stockes,
            "refuses": len(results) - stockes,
            "resultats": [
                {
                    "index": r.index,
                    "uo_id": r.uo_id,
                    "id_externe_synchro": r.id_externe_synchro,
                    "status": r.status,
                    "error": r.error.to_dict() if r.error else None,
                }
                for r in results
            ],
        }
    )
