"""The wire contract: every JSON route declares its model in the OpenAPI document, and the real
answers of the main routes are instances of the model their route declares."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import orjson
import pytest

from ror_orientation.web import wire
from ror_orientation.web.wire import ErreurOut, ReponseOut, Sortie
from tests.api_support import EG_RENNES, auth, client, key

CAP = {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 3}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("wire")) as c:
        c.reg = key(c.store, ["lecture_regulation"])  # type: ignore[attr-defined]
        c.adm = key(c.store, ["admin"], nom="admin")  # type: ignore[attr-defined]
        yield c


STREAMED = {"/api/v1/extraction"}  # CSV or JSON lines: each line is a LigneExtractionOut


def test_fhir_routes_are_the_documented_exception_and_answer_fhir_json_only(api):
    """/fhir routes have no wire model of ours (web/routes/fhir.py says why): their answers are
    FHIR resources validated by a FHIR validator in tests/test_fhir.py. They must declare
    application/fhir+json, and only that, so no JSON route hides among them."""
    doc = api.get("/openapi.json").json()
    fhir = [(m, p, op) for p, ops in doc["paths"].items() for m, op in ops.items()
            if p.startswith("/fhir")]
    assert len(fhir) >= 3
    bulk = {("get", "/fhir/$export-poll-status/{job}"): "application/json",  # Bulk Data manifest
            ("get", "/fhir/$export-download/{job}/{fichier}"): "application/fhir+ndjson"}
    for method, path, op in fhir:
        for status, answer in op["responses"].items():
            if "content" in answer:
                media = bulk.get((method, path), "application/fhir+json") if status == "200" \
                    else "application/fhir+json"
                assert set(answer["content"]) == {media}, (method, path, status)
    others = {p for p in doc["paths"] if not p.startswith(("/api/v1/", "/healthz", "/fhir"))}
    assert all(not p.startswith("/api") for p in others)


def model_named(ref: str) -> type[Sortie]:
    name = ref.removeprefix("#/components/schemas/")
    model = getattr(wire, name, None)
    assert isinstance(model, type) and issubclass(model, Sortie), ref
    return model


def operations(doc: dict) -> list[tuple[str, str, dict]]:
    return [(m.upper(), path, op) for path, ops in doc["paths"].items() for m, op in ops.items()
            if path.startswith(("/api/v1/", "/healthz"))]


def test_every_json_route_declares_a_wire_model_listed_in_openapi(api):
    doc = api.get("/openapi.json").json()
    ops = operations(doc)
    assert len(ops) >= 20
    for method, path, op in ops:
        ok = op["responses"].get("200") or op["responses"].get("201")
        assert ok, (method, path)
        content = ok.get("content", {})
        if path in STREAMED:
            assert set(content) == {"text/csv", "application/x-ndjson"}, (method, path)
            continue
        model_named(content["application/json"]["schema"]["$ref"])
        if path != "/healthz":
            err = op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
            assert err.endswith("/ErreurOut"), (method, path)
    for name in ("ReponseOut", "UniteOut", "SuggestionsOut", "LotCapacitesOut", "EtapesOut"):
        assert name in doc["components"]["schemas"]


def declared(doc: dict, method: str, path: str) -> type[Sortie]:
    """The model the OpenAPI document declares for the success answer of `method path`."""
    for m, template, op in operations(doc):
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if m == method and re.match(pattern, path):
            ok = op["responses"].get("200") or op["responses"].get("201")
            return model_named(ok["content"]["application/json"]["schema"]["$ref"])
    raise AssertionError(f"no JSON route for {method} {path}")


def test_real_answers_validate_against_the_model_their_route_declares(api):
    reg, adm = auth(api.reg), auth(api.adm)
    doc = api.get("/openapi.json").json()
    calls = [
        ("GET", "/api/v1/recherche", {"params": {"texte": "thrombolyse", "lat": 48.35,
                                                 "lon": -1.2}, "headers": reg}),
        ("GET", "/api/v1/recherche", {"params": {"champs": "01", "ouvert_maintenant": "false"}}),
        ("POST", "/api/v1/recherche", {"json": {"champs": ["01"], "expliquer": False},
                                       "headers": reg}),
        ("GET", "/api/v1/unites/uo-unv", {"headers": reg}),
        ("GET", "/api/v1/unites/uo-unv", {}),
        ("GET", f"/api/v1/etablissements/{EG_RENNES}", {}),
        ("GET", "/api/v1/nomenclatures", {}),
        ("GET", "/api/v1/nomenclatures/TRE_R211", {}),
        ("GET", "/api/v1/suggest", {"params": {"q": "dialy"}}),
        ("GET", "/api/v1/communes/suggest", {"params": {"q": "foug"}}),
        ("PUT", "/api/v1/unites/uo-unv/capacites", {"json": {"capacites": [CAP]}, "headers": adm}),
        ("POST", "/api/v1/capacites", {"json": {"mises_a_jour": [
            {"uo_id": "uo-unv", "capacites": [CAP]},
            {"id_externe_synchro": "nope", "capacites": [CAP]}]}, "headers": adm}),
        ("GET", "/api/v1/unites/uo-unv/capacites/historique", {"headers": adm}),
        ("POST", "/api/v1/applications", {"json": {"nom": "x", "proprietaire": "y",
                                                   "droits": ["lecture_publique"]},
                                          "headers": adm}),
        ("GET", "/api/v1/applications", {"headers": adm}),
        ("GET", "/api/v1/applications/par-region", {"headers": adm}),
        ("GET", "/healthz", {}),
    ]
    for method, path, kw in calls:
        r = api.request(method, path, **kw)
        assert r.status_code in (200, 201), (method, path, r.text)
        model = declared(doc, method, path)
        model.model_validate(r.json())
    lot = api.post("/api/v1/capacites", json={"mises_a_jour": [
        {"id_externe_synchro": "nope", "capacites": [CAP]}]}, headers=adm).json()
    assert lot["resultats"][0]["error"]["code"] == "not_found"


def test_errors_are_the_one_error_model(api):
    for r in (api.get("/api/v1/recherche?activites=999"), api.get("/api/v1/nope"),
              api.get("/api/v1/unites/absent"), api.post("/api/v1/capacites", json={})):
        assert r.status_code >= 400
        ErreurOut.model_validate(r.json())


def test_expliquer_false_leaves_out_the_explanation_only(api):
    params = {"champs": "01", "lat": 48.1, "lon": -1.7, "ouvert_maintenant": "false"}
    full = api.get("/api/v1/recherche", params=params, headers=auth(api.reg)).json()
    bare = api.get("/api/v1/recherche", params=params | {"expliquer": "false"},
                   headers=auth(api.reg)).json()
    ReponseOut.model_validate(bare)
    assert [r["uo_id"] for r in bare["resultats"]] == [r["uo_id"] for r in full["resultats"]]
    for a, b in zip(full["resultats"], bare["resultats"], strict=True):
        assert a["explication"] is not None and b["explication"] is None
        a.pop("explication"), b.pop("explication")
        assert a == b  # beds, their time and staleness, opening: all kept
    unv = next(r for r in bare["resultats"] if r["uo_id"] == "uo-unv")
    assert unv["lits_disponibles"] > 0 and unv["lits_maj"] and unv["lits_perimes"] is False
    assert unv["ouvert"] is True


def test_sparse_fields_keep_bed_figures_without_explanation(api):
    r = api.get("/api/v1/recherche", params={
        "champs": "01", "lat": 48.1, "lon": -1.7, "expliquer": "false",
        "fields": "nom,lits_disponibles,lits_maj,ouvert"}, headers=auth(api.reg)).json()
    unv = next(x for x in r["resultats"] if x["uo_id"] == "uo-unv")
    assert set(unv) == {"uo_id", "nom", "lits_disponibles", "lits_maj", "ouvert"}
    assert unv["lits_disponibles"] > 0
    assert set(r) == set(ReponseOut.model_fields)  # only the results are sparse


def test_public_reader_gets_no_free_bed_figure_anywhere(api):
    r = api.get("/api/v1/recherche", params={"champs": "01", "ouvert_maintenant": "false"}).json()
    assert r["resultats"]
    for x in r["resultats"]:
        assert x["lits_disponibles"] is None and x["lits_maj"] is None
        e = x["explication"]
        assert e["lits_disponibles"] is None and e["lits_maj"] is None and e["lits_age_min"] is None


def test_sheet_etag_ignores_the_clock_but_not_the_data(api):
    a = api.get("/api/v1/unites/uo-vannes", headers=auth(api.reg))
    b = api.get("/api/v1/unites/uo-vannes", headers=auth(api.reg))
    assert a.headers["etag"] == b.headers["etag"]
    public = api.get("/api/v1/unites/uo-vannes")
    assert public.headers["etag"] != a.headers["etag"]  # the caller's level is in it


def test_instants_are_utc_and_an_open_unit_has_no_next_opening(api):
    sheet = api.get("/api/v1/unites/uo-unv", headers=auth(api.reg)).json()
    assert sheet["ouvert_maintenant"] is True and sheet["ouverture_prochaine"] is None
    assert all(c["maj"].endswith("Z") for c in sheet["capacites"])
    paris = datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))
    out = wire.ResultatOut(uo_id="x", ouverture_prochaine=paris, lits_maj=datetime(2026, 11, 30, 7))
    assert orjson.loads(out.model_dump_json())["ouverture_prochaine"] == "2026-11-30T07:00:00Z"
    assert orjson.loads(out.model_dump_json())["lits_maj"] == "2026-11-30T07:00:00Z"
