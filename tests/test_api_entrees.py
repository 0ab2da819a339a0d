"""Bad input gets a 4xx in the one error shape naming the field, and leaves the store unchanged."""

from __future__ import annotations

import pytest

from tests.api_support import EG_RENNES, assert_error, auth, client, key

GOOD = {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 3}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("entrees"), max_body_bytes=4096, max_limit=100) as c:
        c.k = key(c.store, ["editeur", "lecture_regulation"], (EG_RENNES,))  # type: ignore[attr-defined]
        yield c


def snapshot(api):
    return (api.store.get_uo("uo-unv"), len(api.store.capacite_history("uo-unv")))


@pytest.mark.parametrize("query, field", [
    ("limit=100000", "limit"),
    ("limit=0", "limit"),
    ("limit=abc", "limit"),
    ("rayon_km=-5&lat=48&lon=-1", "rayon_km"),
    ("lat=91&lon=0", "lat"),
    ("lat=48&lon=-181", "lon"),
    ("lat=48", None),  # lat without lon
    ("age=-1", "age"),
    ("age=ten", "age"),
    ("profil=pompiers", "profil"),
    ("activites=999999", "activites"),
    ("champs=01,ZZ", "champs"),
    ("aptitudes=R210:9999", "aptitudes"),
    ("aptitudes=0460", "aptitudes"),
    ("commune=99999", "commune"),
    ("departements=00", "departements"),
    ("fields=nom,password", "fields"),
    ("ouvert_a=yesterday", "ouvert_a"),
])
def test_bad_search_parameter_names_the_field(api, query, field):
    err = assert_error(api.get(f"/api/v1/recherche?{query}"), 400, field=field)
    if field:
        assert field in err["message"]


def test_unknown_code_error_names_code_and_table(api):
    err = assert_error(api.get("/api/v1/recherche?activites=999999"), 400, code="unknown_code")
    assert "999999" in err["message"] and "TRE_R211" in err["message"]


def test_limit_within_settings_max_is_accepted(api):
    r = api.get("/api/v1/recherche?limit=100")
    assert r.status_code == 200
    body = r.json()
    assert 0 < len(body["resultats"]) <= 100
    assert len(body["resultats"]) == min(100, body["total"])


@pytest.mark.parametrize("body, field", [
    ({"lat": "north", "lon": 2}, "lat"),
    ({"limit": 10**9}, "limit"),
    ({"unknown_criterion": 1}, "unknown_criterion"),
    ({"champs": 5}, "champs"),
    ({"champs": [5]}, "champs[0]"),
    ({"rayon_km": -1, "lat": 48, "lon": -1}, "rayon_km"),
])
def test_bad_search_body_names_the_field(api, body, field):
    assert_error(api.post("/api/v1/recherche", json=body), 400, field=field)


def test_malformed_json_is_400_and_store_unchanged(api):
    before = snapshot(api)
    err = assert_error(api.put("/api/v1/unites/uo-unv/capacites", content=b'{"capacites": [',
                               headers=auth(api.k) | {"Content-Type": "application/json"}), 400)
    assert err["field"] == "body"
    assert snapshot(api) == before


@pytest.mark.parametrize("record, field, code", [
    (GOOD | {"nombre": -1}, "capacites[0].nombre", "validation_error"),
    (GOOD | {"nombre": "trois"}, "capacites[0].nombre", "validation_error"),
    (GOOD | {"statut": "77"}, "capacites[0].statut", "unknown_code"),
    (GOOD | {"nature": "9"}, "capacites[0].nature", "unknown_code"),
    (GOOD | {"type_lit_supplementaire": "01"}, "capacites[0].type_lit_supplementaire",
     "validation_error"),
    (GOOD | {"statut": "06"}, "capacites[0].type_lit_supplementaire", "validation_error"),
    (GOOD | {"statut": "01", "temporalite": "03"}, "capacites[0].temporalite", "validation_error"),
    (GOOD | {"maj": "2026-11-26T10:00:00"}, "capacites[0].maj", "validation_error"),
    ({k: v for k, v in GOOD.items() if k != "genre"}, "capacites[0].genre", "validation_error"),
    (GOOD | {"extra": 1}, "capacites[0].extra", "validation_error"),
])
def test_invalid_capacity_is_400_naming_it_and_store_unchanged(api, record, field, code):
    before = snapshot(api)
    assert_error(api.put("/api/v1/unites/uo-unv/capacites", json={"capacites": [GOOD, record]},
                         headers=auth(api.k)), 400, code=code,
                 field=field.replace("capacites[0]", "capacites[1]"))
    assert snapshot(api) == before


def test_unknown_unit_is_404(api):
    assert_error(api.put("/api/v1/unites/nope/capacites", json={"capacites": [GOOD]},
                         headers=auth(api.k)), 404, field="uo_id")
    assert_error(api.get("/api/v1/unites/nope"), 404, field="uo_id")
    assert_error(api.get("/api/v1/etablissements/000000000"), 404)


def test_oversized_body_is_413_and_store_unchanged(api):
    before = snapshot(api)
    body = {"capacites": [GOOD | {"source": "01"}] * 150}
    assert_error(api.put("/api/v1/unites/uo-unv/capacites", json=body, headers=auth(api.k)), 413,
                 field="body", code="payload_too_large")

    def chunks():  # no Content-Length: counted while read
        for _ in range(100):
            yield b" " * 100

    assert_error(api.put("/api/v1/unites/uo-unv/capacites", content=chunks(),
                         headers=auth(api.k) | {"Content-Type": "application/json"}), 413)
    assert snapshot(api) == before


def test_unknown_route_and_method_use_the_error_shape(api):
    assert_error(api.get("/api/v1/nothing-here"), 404, code="not_found")
    assert_error(api.delete("/api/v1/recherche"), 405, code="method_not_allowed")
    assert_error(api.get("/api/v1/nomenclatures/TRE_R999"), 404, field="table")


def test_unexpected_fault_is_a_json_500_without_trace(api, monkeypatch):
    svc = api.app.state.service

    def boom(_req):
        raise KeyError("internal detail that must not leak")

    monkeypatch.setattr(svc.engine, "search", boom)
    err = assert_error(api.get("/api/v1/recherche?champs=01"), 500, code="internal")
    assert "internal detail" not in err["message"]


def test_batch_malformed_is_refused_whole(api):
    before = snapshot(api)
    for body in ({"mises_a_jour": {"uo_id": "uo-unv"}}, {"mises_a_jour": []}, [GOOD],
                 {"mises_a_jour": [1, 2]}, {"mises_a_jour": [{"uo_id": "uo-unv", "capacites": [GOOD]}],
                                            "extra": 1}):
        assert api.post("/api/v1/capacites", json=body, headers=auth(api.k)).status_code == 400
    assert snapshot(api) == before


def test_batch_item_with_two_addresses_is_refused_in_its_place(api):
    body = {"mises_a_jour": [{"uo_id": "uo-unv", "capacites": [GOOD]},
                             {"uo_id": "uo-unv", "id_externe_synchro": "SYN-UNV",
                              "capacites": [GOOD]}]}
    r = api.post("/api/v1/capacites", json=body, headers=auth(api.k))
    assert r.status_code == 200
    items = r.json()["resultats"]
    assert [x["status"] for x in items] == [200, 400]
    assert items[1]["error"]["field"] == "mises_a_jour[1]"
