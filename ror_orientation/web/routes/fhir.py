"""The FHIR R4 door (/fhir): thin routes over ror_orientation.fhir, answering application/fhir+json.

These routes have no pydantic wire model: their answers are FHIR resources whose shape is the FHIR
specification and the ROR IG's profiles, checked in tests by a FHIR validator (tests/test_fhir.py)
rather than by a model of ours. Every error, the caller's included, leaves as an OperationOutcome.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from starlette.concurrency import run_in_threadpool

from ... import fhir
from ...droits import Appelant, voit_lits
from ...errors import NotFoundError, RorError, ValidationError
from ...fhir import capacites, export
from . import authentifie, lecteur, service

FHIR_JSON = "application/fhir+json"
_OBJET = {FHIR_JSON: {"schema": {"type": "object"}}}
CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"description": "A FHIR resource (CapabilityStatement, Bundle or a resource)",
          "content": _OBJET},
    **{status: {"description": f"OperationOutcome ({text})", "content": _OBJET}
       for status, text in ((400, "invalid parameter"), (401, "bad key"), (404, "not found"),
                            (412, "If-Match does not match"), (422, "never sent: 400 instead"))},
}

# the Bulk Data manifest is plain JSON and the files ndjson, as the Bulk Data spec has them
MANIFESTE = {**CONTENT, 200: {"description": "Bulk Data manifest",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}
NDJSON = {**CONTENT, 200: {"description": "One resource per line",
                           "content": {"application/fhir+ndjson": {"schema": {"type": "string"}}}}}

router = APIRouter(prefix="/fhir", tags=["fhir"])


def fhir_response(body: dict[str, Any], status: int = 200,
                  headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=FHIR_JSON,
                    headers=headers)


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/fhir"


def repondre(request: Request, action: Callable[[Appelant], Response],
             anonymous_ok: bool = True) -> Response:
    """The caller, then the action; any RorError (authentication too) as an OperationOutcome."""
    try:
        return action(lecteur(request) if anonymous_ok else authentifie(request))
    except RorError as exc:
        headers = {"Retry-After": str(getattr(exc, "retry_after", 1))} \
            if exc.code == "rate_limited" else None
        return fhir_response(fhir.outcome_of(exc), exc.status, headers)


def _type(resource_type: str) -> str:
    if resource_type not in fhir.TYPES:
        raise fhir.NonSupporte(f"resource type {resource_type!r} is not served here "
                               f"(served: {', '.join(fhir.TYPES)})", field="type", status=404)
    return resource_type


def _exports(request: Request) -> export.Exports:
    return export.Exports.pour(service(request).settings.db)


@router.get("/$export", responses=CONTENT, response_class=Response, status_code=202,
            summary="Bulk export kick-off: 202 and Content-Location of the status")
def export_kickoff(request: Request) -> Response:
    def action(appelant: Appelant) -> Response:
        d = export.demande(list(request.query_params.multi_items()), str(request.url))
        job = _exports(request).lancer(service(request), appelant, d, base_url(request))
        return Response(status_code=202, headers={
            "Content-Location": f"{base_url(request)}/$export-poll-status/{job}"})
    return repondre(request, action)


@router.get("/$export-poll-status/{job}", responses=MANIFESTE, response_class=Response,
            summary="Bulk export status: 202 while running, then the manifest")
def export_status(request: Request, job: str) -> Response:
    def action(appelant: Appelant) -> Response:
        etat = _exports(request).etat(job, appelant)
        if etat["statut"] == "en_cours":
            return Response(status_code=202, headers={"X-Progress": "in progress",
                                                      "Retry-After": "1"})
        if etat["statut"] == "erreur":
            raise RorError(etat.get("message", "export failed"), status=500, code="internal")
        return Response(orjson.dumps(export.manifeste(etat)), media_type="application/json")
    return repondre(request, action)


@router.delete("/$export-poll-status/{job}", responses=CONTENT, response_class=Response,
               status_code=202, summary="Bulk export: delete a job and its files")
def export_delete(request: Request, job: str) -> Response:
    def action(appelant: Appelant) -> Response:
        _exports(request).supprimer(job, appelant)
        return Response(status_code=202)
    return repondre(request, action)


@router.get("/$export-download/{job}/{fichier}", responses=NDJSON, response_class=Response,
            summary="Bulk export: one ndjson file")
def export_download(request: Request, job: str, fichier: str) -> Response:
    def action(appelant: Appelant) -> Response:
        path = _exports(request).fichier(job, fichier, appelant)
        return FileResponse(path, media_type="application/fhir+ndjson")
    return repondre(request, action)


@router.get("/metadata", responses=CONTENT, response_class=Response,
            summary="CapabilityStatement: what this FHIR server supports")
def metadata(request: Request) -> Response:
    # Open to anonymous clients (they discover the server first), but a revoked or malformed key is
    # refused here as on every other route.
    return repondre(request, lambda _appelant: fhir_response(
        fhir.capability_statement(base_url(request))))


@router.get("/{resource_type}", responses=CONTENT, response_class=Response,
            summary="FHIR search (searchset Bundle)")
def search(request: Request, resource_type: str) -> Response:
    params = list(request.query_params.multi_items())

    def action(appelant: Appelant) -> Response:
        cat = fhir.Catalogue(service(request), appelant)
        res = fhir.rechercher(cat, _type(resource_type), params)
        return fhir_response(fhir.searchset(base_url(request), params, res))
    return repondre(request, action)


@router.get("/{resource_type}/{fhir_id}", responses=CONTENT, response_class=Response,
            summary="FHIR read")
def read(request: Request, resource_type: str, fhir_id: str) -> Response:
    def action(appelant: Appelant) -> Response:
        cat = fhir.Catalogue(service(request), appelant)
        body = cat.lire(_type(resource_type), fhir_id)
        headers = None
        if resource_type == "Location":  # the version writers send back in If-Match
            cible = capacites.cible(service(request), appelant, fhir_id)
            # a public reader's view never changes with beds
            if cible is not None and voit_lits(appelant, cible[0].eg_id):
                headers = {"ETag": capacites.etag(*cible)}
        return fhir_response(body, headers=headers)
    return repondre(request, action)


def _corps(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ValidationError("body: malformed JSON", field="body") from None


async def _ecrire(request: Request, fhir_id: str, patch: bool) -> Response:
    raw = await request.body()

    def action(appelant: Appelant) -> Response:
        body = _corps(raw)
        caps = (capacites.capacites_du_patch(body) if patch
                else capacites.capacites_du_put(body, fhir_id))
        out = capacites.ecrire(service(request), appelant, fhir_id, caps,
                               request.headers.get("if-match"))
        return fhir_response(out.location, headers={"ETag": out.etag})
    return await run_in_threadpool(repondre, request, action, False)


@router.put("/Location/{fhir_id}", responses=CONTENT, response_class=Response,
            summary="Update a Location's capacity records (If-Match on its ETag)")
async def put_location(request: Request, fhir_id: str) -> Response:
    return await _ecrire(request, fhir_id, patch=False)


@router.patch("/Location/{fhir_id}", responses=CONTENT, response_class=Response,
              summary="Add or replace capacity records of a Location (JSON Patch, If-Match)")
async def patch_location(request: Request, fhir_id: str) -> Response:
    return await _ecrire(request, fhir_id, patch=True)


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                  responses=CONTENT, response_class=Response, include_in_schema=False)
def other(request: Request, rest: str) -> Response:
    def action(_appelant: Appelant) -> Response:
        raise NotFoundError(f"{request.method} /fhir/{rest}: not supported by this server",
                            field="url")
    return repondre(request, action)
