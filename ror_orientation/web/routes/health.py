"""Liveness and readiness: `/healthz` answers without a key and says whether the engine is built."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ... import __version__
from ..wire import HealthOut
from . import json_response, service

router = APIRouter(tags=["sante"])


@router.get("/healthz", response_model=HealthOut, summary="Health of this worker")
async def healthz(request: Request) -> Response:
    svc = service(request)
    n = len(svc.engine.ids) if svc.engine is not None else svc.store.counts()["uo"]
    return json_response(
        HealthOut(status="ok", uo=n, engine=svc.engine is not None, version=__version__)
    )
