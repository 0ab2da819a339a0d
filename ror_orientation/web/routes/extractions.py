"""Extractions: every unit matching the search criteria, streamed as CSV or JSON lines.

Same criteria and rights as search (a public reader never gets a sensitive unit, a confidential phone
or a free-bed figure); pages of the engine's answer are enriched in one batched store read each and
written as they come, so a large extraction never sits whole in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from ...droits import Appelant, capacites_visibles, telephone_visible, voit_lits
from ...offre import UniteOperationnelle
from ...requete import Requete
from ...service import Service
from ..schemas import RechercheIn
from . import ERRORS, Lecteur, service
from .recherche import criteres_query, query_parameters, to_requete

router = APIRouter(prefix="/api/v1", tags=["extractions"], responses=ERRORS)

COLUMNS = (
    "uo_id",
    "eg_id",
    "nom",
    "eg_nom",
    "finess",
    "commune",
    "code_postal",
    "lat",
    "lon",
    "champ",
    "activites",
    "mode_prise_en_charge",
    "telephone",
    "lits_installes",
    "lits_disponibles",
    "lits_maj",
    "distance_km",
    "score",
)
Format = Annotated[Literal["csv", "jsonl"], Query(description="csv or jsonl (JSON lines)")]
STATUT_DISPONIBLE = "02"


def _lits(appelant: Appelant, uo: UniteOperationnelle) -> tuple[int, int | None, str | None]:
    """Installed beds (statut 01, courant), and free ones with their latest time for full readers."""
    caps = capacites_visibles(appelant, uo)
    installes = sum(c.nombre for c in caps if c.statut == "01" and c.temporalite == "01")
    if not voit_lits(appelant, uo.eg_id):
        return installes, None, None
    libres = [c for c in caps if c.statut == STATUT_DISPONIBLE and c.temporalite == "01"]
    if not libres:
        return installes, None, None
    majs = [c.maj for c in libres if c.maj is not None]
    return installes, sum(c.nombre for c in libres), max(majs).isoformat() if majs else None


def lignes(svc: Service, appelant: Appelant, requete: Requete) -> Any:
    """Rows as dicts, page by page (one batched read of units and EGs per page)."""
    for reponse in svc.parcourir(requete, appelant):
        ids = [r.uo_id for r in reponse.resultats]
        uos = svc.store.get_many("uo", ids)
        egs = svc.store.get_many("eg", {u.eg_id for u in uos.values()})
        for r in reponse.resultats:
            uo = uos.get(r.uo_id)
            if uo is None or not appelant.voit_uo(uo):
                continue
            eg = egs.get(uo.eg_id)
            installes, libres, maj = _lits(appelant, uo)
            coords = svc.position(uo, eg)  # what distance_km is computed to
            yield {
                "uo_id": uo.id,
                "eg_id": uo.eg_id,
                "nom": uo.nom,
                "eg_nom": r.eg_nom,
                "finess": uo.eg_id,
                "commune": eg.adresse.localite if eg else None,
                "code_postal": eg.adresse.code_postal if eg else None,
                "lat": coords[0] if coords else None,
                "lon": coords[1] if coords else None,
                "champ": uo.champ,
                "activites": "|".join(uo.activites),
                "mode_prise_en_charge": uo.mode_prise_en_charge,
                "telephone": telephone_visible(appelant, uo),
                "lits_installes": installes,
                "lits_disponibles": libres,
                "lits_maj": maj,
                "distance_km": round(r.distance_km, 3) if r.distance_km is not None else None,
                "score": round(r.score, 6),
            }


def _csv(rows: Any) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
        if n % 500 == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


def _jsonl(rows: Any) -> Iterator[bytes]:
    chunk: list[bytes] = []
    for row in rows:
        chunk.append(orjson.dumps(row) + b"\n")
        if len(chunk) >= 500:
            yield b"".join(chunk)
            chunk = []
    yield b"".join(chunk)


def _stream(request: Request, p: RechercheIn, appelant: Appelant, fmt: str) -> StreamingResponse:
    svc = service(request)
    requete = to_requete(p, svc, appelant)  # errors (400/403) are raised before streaming
    rows = lignes(svc, appelant, requete)
    if fmt == "csv":
        return StreamingResponse(
            _csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="extraction.csv"'},
        )
    return StreamingResponse(_jsonl(rows), media_type="application/x-ndjson")


@router.get(
    "/extraction",
    summary="Units matching the criteria, streamed (CSV or JSON lines)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
    openapi_extra={"parameters": query_parameters()},
)
def extraction_get(
    request: Request,
    appelant: Lecteur,
    format: Format = "csv",
) -> StreamingResponse:
    return _stream(request, criteres_query(request), appelant, format)


@router.post(
    "/extraction",
    summary="Units matching the criteria (JSON body), streamed",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
)
def extraction_post(
    request: Request, appelant: Lecteur, p: RechercheIn, format: Format = "csv"
) -> StreamingResponse:
    return _stream(request, p, appelant, format)
