"""Extractions: every unit matching the search criteria, streamed as CSV or JSON lines.

Same criteria and rights as search (a public reader never gets a sensitive unit, a confidential phone
or a free-bed figure); pages of the engine's answer are enriched in one batched store read each and
written as they come, so a large extraction never sits whole in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from ...disponibilite import LIBELLES_PREVISION, Demande, Disponibilite
from ...droits import Appelant
from ...offre import UniteOperationnelle
from ...requete import Requete
from ...service import Service
from ...telephones import a_appeler
from ..wire import COLONNES, LigneExtractionOut, RechercheIn
from . import ERRORS, Lecteur, encode, service
from .recherche import criteres_query, query_parameters, to_requete

router = APIRouter(prefix="/api/v1", tags=["extractions"], responses=ERRORS)

Format = Annotated[Literal["csv", "jsonl"], Query(description="csv or jsonl (JSON lines)")]


def lits_colonnes(d: Disponibilite) -> dict[str, Any]:
    """The bed columns of one row, all from the one function's answer."""
    compte = d.compte if d.visible else None
    previsions = " | ".join(f"{LIBELLES_PREVISION.get(p.temporalite, p.temporalite)}: {p.nombre}"
                            for p in d.previsions)
    return {
        "lits_installes": d.installe.nombre if d.installe is not None else None,
        "lits_disponibles": compte.nombre if compte is not None else None,
        "lits_maj": compte.maj if compte is not None else None,
        "lits_perimes": d.perime,
        "lits_unite": d.unite,
        "lits_supplementaires": sum(s.nombre for s in d.supplementaires
                                    if s.crise is not None or d.hors_crise_comptes) if d.visible
        else None,
        "crise": d.crise,
        "lits_texte": d.texte,
        "previsions": previsions or None,
    }


def _tranche(uo: UniteOperationnelle) -> str | None:
    t = uo.tranche_age
    if t is None:
        return None
    bound = ("" if v is None else f"{v:g}" for v in (t.min, t.max))
    return f"{'-'.join(bound)} {t.unite}"


def lignes(
    svc: Service, appelant: Appelant, requete: Requete
) -> Iterator[LigneExtractionOut]:
    """Rows, page by page (one batched read of units and EGs per page)."""
    now = datetime.now(UTC)
    demande = Demande.de(requete)
    for reponse in svc.parcourir(requete, appelant, now=now):
        ids = [r.uo_id for r in reponse.resultats]
        uos = svc.store.get_many("uo", ids)
        egs = svc.store.get_many("eg", {u.eg_id for u in uos.values()})
        for r in reponse.resultats:
            uo = uos.get(r.uo_id)
            if uo is None or not appelant.voit_uo(uo):
                continue
            eg = egs.get(uo.eg_id)
            tel = a_appeler(appelant, uo)
            d = svc.disponibilite(appelant, uo, now, demande, requete.profil)
            coords = svc.position(uo, eg)  # what distance_km is computed to
            yield LigneExtractionOut(
                uo_id=uo.id,
                eg_id=uo.eg_id,
                nom=uo.nom,
                eg_nom=r.eg_nom,
                finess=uo.eg_id,
                commune=eg.adresse.localite if eg else None,
                code_postal=eg.adresse.code_postal if eg else None,
                lat=coords[0] if coords else None,
                lon=coords[1] if coords else None,
                champ=uo.champ,
                activite=uo.activite,
                mode_prise_en_charge=uo.mode_prise_en_charge,
                telephone=tel.numero if tel is not None else None,
                distance_km=round(r.distance_km, 3) if r.distance_km is not None else None,
                score=round(r.score, 6),
                telephone_fonction=tel.fonction if tel is not None else None,
                genere=uo.genere,
                identifiant_ror=next((i.valeur for i in uo.identifiants if i.type == "35"), None),
                lieux="|".join(x.id for x in uo.lieux) or None,
                communes_cog="|".join(x.commune_cog for x in uo.lieux if x.commune_cog) or None,
                age_min=uo.age_min,
                age_max=uo.age_max,
                tranche_age=_tranche(uo),
                type_maternite=uo.type_maternite,
                secteur_psychiatrique=uo.secteur_psychiatrique,
                **lits_colonnes(d),
            )


def _csv(rows: Iterator[LigneExtractionOut]) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLONNES, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row.model_dump(mode="json"))
        n += 1
        if n % 500 == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


def _jsonl(rows: Iterator[LigneExtractionOut]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    for row in rows:
        chunk.append(encode(row) + b"\n")
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
