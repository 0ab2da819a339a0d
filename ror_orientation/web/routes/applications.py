"""Administration of connected applications: create (the key is shown once), list, revoke, count.

Admin right only. Listings never contain a key or its hash.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from ... import applications as registry
from ..wire import (
    ApplicationCreeeOut,
    ApplicationIn,
    ApplicationOut,
    ApplicationsOut,
    ParRegionOut,
)
from . import ERRORS, Authentifie, json_response, service

router = APIRouter(prefix="/api/v1/applications", tags=["applications"], responses=ERRORS)


def application_out(a: registry.Application) -> ApplicationOut:
    """An application as listed: never its key nor the key's hash."""
    return ApplicationOut(
        id=a.id,
        nom=a.nom,
        region=a.region,
        proprietaire=a.proprietaire,
        droits=sorted(d.value for d in a.droits),
        eg_ids=list(a.eg_ids),
        cree_le=a.cree_le,
        revoque_le=a.revoque_le,
        active=a.active,
    )


@router.post(
    "",
    response_model=ApplicationCreeeOut,
    status_code=201,
    summary="Register an application; its key is in this answer only",
)
def create(request: Request, appelant: Authentifie, body: ApplicationIn) -> Response:
    appelant.exiger_admin()
    app, key = registry.create(
        service(request).store,
        nom=body.nom,
        region=body.region,
        proprietaire=body.proprietaire,
        droits=body.droits,
        eg_ids=body.eg_ids,
    )
    return json_response(ApplicationCreeeOut(application=application_out(app), cle=key), status=201)


@router.get("", response_model=ApplicationsOut, summary="Every application (never a key)")
def list_(request: Request, appelant: Authentifie) -> Response:
    appelant.exiger_admin()
    apps = registry.list_(service(request).store)
    return json_response(ApplicationsOut(applications=[application_out(a) for a in apps]))


@router.get(
    "/par-region", response_model=ParRegionOut, summary="Active applications per INSEE region code"
)
def par_region(request: Request, appelant: Authentifie) -> Response:
    appelant.exiger_admin()
    return json_response(ParRegionOut(par_region=registry.count_per_region(service(request).store)))


@router.delete("/{app_id}", response_model=ApplicationOut, summary="Revoke an application at once")
def revoke(
    request: Request, appelant: Authentifie, app_id: Annotated[int, Path(ge=1, le=2**62)]
) -> Response:
    appelant.exiger_admin()
    return json_response(application_out(registry.revoke(service(request).store, app_id)))
