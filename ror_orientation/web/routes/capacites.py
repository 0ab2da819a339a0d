"""Capacity (bed) updates: one unit's records, or a batch addressed by unit id or synchro id.

Records merge by key, so resending is harmless (idempotent); each send is kept in the history with its
author. A batch answers 200 with one status per item: each item is checked on its own (negative
count, unknown code, time without a time zone or in the future, unknown unit or synchro id, another
EG's unit) and a refused item, reported with its status and field, does not stop the others
(use-case 10); only a body that is not a list of items is refused whole.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError as PydanticValidationError

from ...errors import ValidationError
from ...offre import Capacite
from ...service import ResultatLot
from ..wire import (
    CapaciteIn,
    CapaciteMajOut,
    CapacitesIn,
    ErreurDetail,
    LotCapacitesBrutIn,
    LotCapacitesOut,
    MiseAJourIn,
    ResultatLotOut,
)
from . import ERRORS, Authentifie, json_response, service
from .unites import capacite_out

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


def resultat_lot_out(r: ResultatLot) -> ResultatLotOut:
    e = r.error
    return ResultatLotOut(
        index=r.index,
        uo_id=r.uo_id,
        id_externe_synchro=r.id_externe_synchro,
        status=r.status,
        error=(
            ErreurDetail(status=e.status, code=e.code, message=e.message, field=e.field)
            if e is not None
            else None
        ),
    )


@router.put(
    "/unites/{uo_id:ror}/capacites",
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
    uo = svc.set_capacites(appelant, uo_id, [to_capacite(c) for c in body.capacites],
                           lieu=body.lieu)
    now = datetime.now(UTC)
    return json_response(
        CapaciteMajOut(
            uo_id=uo.id,
            recu_le=now,
            capacites=[capacite_out(svc.nomenclatures, c, now, svc.fraicheur())
                       for c in uo.capacites
            ],
        )
    )


@router.post(
    "/capacites",
    response_model=LotCapacitesOut,
    summary="A batch of capacity updates; 200 with one status per item",
)
def set_capacites_lot(
    request: Request, appelant: Authentifie, body: LotCapacitesBrutIn
) -> Response:
    svc = service(request)
    items: list[tuple[str | None, str | None, list[Capacite]]] = []
    indexes: list[int] = []
    lieux: list[str | None] = []
    refused: list[ResultatLot] = []
    for i, raw in enumerate(body.mises_a_jour):
        try:
            m = MiseAJourIn.model_validate(raw)
        except PydanticValidationError as exc:
            refused.append(item_error(i, raw, exc))
            continue
        items.append((m.uo_id, m.id_externe_synchro, [to_capacite(c) for c in m.capacites]))
        indexes.append(i)
        lieux.append(m.lieu)
    stored = svc.set_capacites_lot(appelant, items, indexes, lieux) if items else []
    results = sorted([*stored, *refused], key=lambda r: r.index)
    stockes = sum(1 for r in results if r.status == 200)
    return json_response(
        LotCapacitesOut(
            stockes=stockes,
            refuses=len(results) - stockes,
            resultats=[resultat_lot_out(r) for r in results],
        )
    )


def item_error(index: int, raw: dict[str, Any], exc: PydanticValidationError) -> ResultatLot:
    """An item that does not parse: 400 naming the item's field ("mises_a_jour[3].capacites[0].maj")."""
    errors = exc.errors(include_url=False, include_context=False)
    first = errors[0]
    where = f"mises_a_jour[{index}]"
    for p in first.get("loc", ()):
        where += f"[{p}]" if isinstance(p, int) else f".{p}"
    msg = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more error(s))" if len(errors) > 1 else ""
    uo_id = raw.get("uo_id") if isinstance(raw.get("uo_id"), str) else None
    sync = raw.get("id_externe_synchro")
    return ResultatLot(index, uo_id, sync if isinstance(sync, str) else None, 400,
                       ValidationError(f"{where}: {msg}{more}", field=where))
