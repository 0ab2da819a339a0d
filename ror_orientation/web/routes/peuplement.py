"""Population tracking over HTTP: the quarter's table beside the previous one, a region's series, the
quality checks, an EG's "why is it not finalisé?" and the map legend — JSON, or CSV where tabular.

Thin: parse → one `peuplement` call → its wire model (validated from the library's data, so a
renamed field fails here instead of changing the answer) → encode. Computations are CPU-bound, so handlers are sync (run in
the thread pool, the event loop stays free). Errors are `RorError`s; the app's handler shapes them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ...peuplement import publication, qualite, snapshots
from ...peuplement.statut import Parametres, detail_eg
from ...peuplement.tableau import champ_valide, rendu_csv
from ..wire import CarteOut, DetailOut, EtablissementsOut, QualiteOut, SerieOut, TableauOut
from . import ERRORS, Lecteur, json_response, service

router = APIRouter(prefix="/api/v1/peuplement", tags=["peuplement"], responses=ERRORS)


_CSV: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}

Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv (';'-separated)")]
Trimestre = Annotated[str | None, Query(max_length=16, description="a snapshotted quarter, e.g. 2019T2; "
                                        "absent: computed now")]
Champ = Annotated[str | None, Query(max_length=32, description="MCO, PSY, SSR, ESMS PA, ESMS PH")]
Quirk = Annotated[bool, Query(description="reproduce the national mixed finalisé/à faire quirk")]
DateMin = Annotated[date | None, Query(description="authorisations ending before this date are "
                                       "ignored (default 2021-05-01)")]


OuvertureRequise = Annotated[Literal["auto", "requise", "facultative"], Query(
    alias="date_ouverture", description="an EG without opening date: requise = out (national rule), "
    "facultative = open, auto = out unless its source carries none (Eurostat, SAE, FHIR)")]


def _parametres(quirk_mixte: bool, date_min: date | None, date_ouverture: str) -> Parametres:
    p = Parametres(quirk_mixte=quirk_mixte,
                   date_ouverture_requise=publication.MODES_OUVERTURE[date_ouverture])
    return p if date_min is None else replace(p, date_min=date_min)


def _csv(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _rows_csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


@router.get("", response_model=TableauOut, responses=_CSV,
            summary="The region × champ table of a quarter (or now), optionally beside the previous "
                    "quarter")
def tableau(request: Request, _appelant: Lecteur, trimestre: Trimestre = None,
            precedent: bool = False, champ: Champ = None, format: Format = "json",
            quirk_mixte: Quirk = True, date_min: DateMin = None,
            date_ouverture_requise: OuvertureRequise = "auto") -> Response:
    data = publication.publier(service(request).store, trimestre=trimestre, precedent=precedent,
                               champ=champ,
                               parametres=_parametres(quirk_mixte, date_min, date_ouverture_requise))
    if format == "csv":
        return _csv(rendu_csv(data), f"peuplement-{trimestre or 'courant'}")
    return json_response(TableauOut.model_validate(data), exclude_unset=True)


@router.get("/series/{region}", response_model=SerieOut, responses=_CSV,
            summary="A region's series over the snapshotted quarters")
def serie(request: Request, _appelant: Lecteur,
          region: Annotated[str, Path(min_length=1, max_length=4)], champ: Champ = None,
          format: Format = "json") -> Response:
    data = snapshots.serie(service(request).store, region, champ_valide(champ))
    if format == "csv":
        rows = [[e["trimestre"], data["region"], c, v["cible"], v["finalise"], v["en_cours"],
                 v["a_faire"], v["pct_peuples"], v["pct_qualite"]]
                for e in data["serie"] for c, v in e["champs"].items()]
        return _csv(_rows_csv(["trimestre", "region", "champ", "cible", "finalise", "en_cours",
                               "a_faire", "pct_peuples", "pct_qualite"], rows),
                    f"peuplement-serie-{region}")
    return json_response(SerieOut.model_validate(data), exclude_unset=True)


@router.get("/qualite", response_model=QualiteOut, responses=_CSV,
            summary="Quality checks (section 6) per region and département, with the items in écart")
def controles(request: Request, appelant: Lecteur,
              exigence: Annotated[list[str] | None, Query(max_length=20)] = None,
              region: Annotated[str | None, Query(max_length=4)] = None,
              departement: Annotated[str | None, Query(max_length=4)] = None,
              max_ecarts: Annotated[int, Query(ge=0, le=100_000)] = 1000,
              format: Format = "json", quirk_mixte: Quirk = True, date_min: DateMin = None,
              date_ouverture_requise: OuvertureRequise = "auto") -> Response:
    svc = service(request)
    data = qualite.controler(svc.store, exigences=exigence, region=region,
                             departement=departement, max_ecarts=max_ecarts,
                             parametres=_parametres(quirk_mixte, date_min, date_ouverture_requise))
    data = svc.masquer_unites(appelant, data)
    if format == "csv":
        cols = ["exigence", "resultat", "region", "departement", "eg_id", "uo_id", "champ", "motif"]
        rows = [[i[c] for c in cols] for ex in data["exigences"] for i in ex["ecarts"]]
        return _csv(_rows_csv(cols, rows), "peuplement-qualite-ecarts")
    return json_response(QualiteOut.model_validate(data), exclude_unset=True)


@router.get("/etablissements", response_model=EtablissementsOut, responses=_CSV,
            summary="Target rows (EG × champ) of a quarter or now, with their status, filtered")
def etablissements(request: Request, _appelant: Lecteur, trimestre: Trimestre = None,
                   region: Annotated[str | None, Query(max_length=4)] = None, champ: Champ = None,
                   statut: Annotated[list[str] | None, Query(
                       max_length=3, description="finalise, en_cours, a_faire; repeat it for "
                       "several (statut=en_cours&statut=a_faire: the rows not finalisé)")] = None,
                   limit: Annotated[int, Query(ge=1, le=100_000)] = 1000, format: Format = "json",
                   quirk_mixte: Quirk = True, date_min: DateMin = None,
                   date_ouverture_requise: OuvertureRequise = "auto") -> Response:
    data = publication.etablissements(
        service(request).store, trimestre=trimestre, region=region, champ=champ, statut=statut,
        limit=limit, parametres=_parametres(quirk_mixte, date_min, date_ouverture_requise))
    if format == "csv":
        cols = ["eg_id", "nom", "champ", "region", "departement", "statut", "n_finalise",
                "n_en_cours", "n_a_faire"]
        return _csv(_rows_csv(cols, [[r[c] for c in cols] for r in data["etablissements"]]),
                    f"peuplement-etablissements-{trimestre or 'courant'}")
    return json_response(EtablissementsOut.model_validate(data), exclude_unset=True)


@router.get("/eg/{eg_id}", response_model=DetailOut,
            summary="Why an EG is not finalisé: per target row, each unit and the criteria it fails")
def detail(request: Request, appelant: Lecteur,
           eg_id: Annotated[str, Path(min_length=1, max_length=32)], quirk_mixte: Quirk = True,
           date_min: DateMin = None, date_ouverture_requise: OuvertureRequise = "auto") -> Response:
    p = _parametres(quirk_mixte, date_min, date_ouverture_requise)
    svc = service(request)
    d = detail_eg(svc.store, eg_id, p)
    return json_response(DetailOut.model_validate(svc.masquer_unites(appelant, d.to_dict())),
                         exclude_unset=True)


@router.get("/carte", response_model=CarteOut,
            summary="Map legend class per region for one champ and indicator")
def carte(request: Request, _appelant: Lecteur,
          champ: Annotated[str, Query(max_length=32)] = "MCO",
          indicateur: Annotated[str, Query(max_length=16, description="peuples or qualite")] = "peuples",
          trimestre: Trimestre = None, quirk_mixte: Quirk = True, date_min: DateMin = None,
          date_ouverture_requise: OuvertureRequise = "auto") -> Response:
    p = _parametres(quirk_mixte, date_min, date_ouverture_requise)
    data = publication.carte(service(request).store, champ=champ, indicateur=indicateur,
                             trimestre=trimestre, parametres=p)
    return json_response(CarteOut.model_validate(data), exclude_unset=True)
