"""Security of the HTTP API: keys, rights, what a public reader never sees, logs without keys."""

from __future__ import annotations

import logging

import pytest

from ror_orientation.settings import Settings
from ror_orientation.telephones import formate
from tests.api_support import (
    CONFIDENTIAL_PHONE,
    EG_RENNES,
    EG_VANNES,
    RESTRICTED_PHONE,
    SECRET_PHONE,
    assert_error,
    auth,
    client,
    key,
)

LITS = {"capacites": [{"nature": "01", "statut": "02", "temporalite": "01", "genre": "04",
                       "nombre": 5}]}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("securite")) as c:
        store = c.store
        c.keys = {  # type: ignore[attr-defined]
            "public": key(store, ["lecture_publique"], nom="site grand public"),
            "regulation": key(store, ["lecture_regulation"], nom="SAMU 35"),
            "editeur": key(store, ["editeur"], (EG_RENNES,), nom="GHT Rennes"),
            "admin": key(store, ["admin"], nom="ARS"),
        }
        yield c


def test_capacity_write_without_key_is_401(api):
    before = api.store.get_uo("uo-unv").capacites
    assert_error(api.put("/api/v1/unites/uo-unv/capacites", json=LITS), 401, code="unauthenticated")
    assert api.store.get_uo("uo-unv").capacites == before


def test_admin_routes_without_key_are_401(api):
    assert_error(api.get("/api/v1/applications"), 401)
    assert_error(api.post("/api/v1/capacites", json={"mises_a_jour": []}), 401)


def test_unknown_key_is_401_not_anonymous(api):
    assert_error(api.get("/api/v1/recherche", headers=auth("ror_not-a-real-key")), 401)
    assert_error(api.get("/api/v1/recherche", headers={"Authorization": "Basic abc"}), 401)


def test_anonymous_read_needs_the_setting(tmp_path):
    with client(tmp_path, public_read_without_key=False) as c:
        assert_error(c.get("/api/v1/recherche?champs=01"), 401)
        assert_error(c.get("/api/v1/unites/uo-unv"), 401)
        assert c.get("/healthz").status_code == 200


def test_editor_cannot_touch_another_eg_beds(api):
    before = api.store.get_uo("uo-vannes").capacites
    err = assert_error(api.put("/api/v1/unites/uo-vannes/capacites", json=LITS,
                               headers=auth(api.keys["editeur"])), 403, code="forbidden")
    assert EG_VANNES in err["message"]
    assert api.store.get_uo("uo-vannes").capacites == before


def test_editor_writes_its_own_eg(api):
    r = api.put("/api/v1/unites/uo-unv/capacites", json=LITS, headers=auth(api.keys["editeur"]))
    assert r.status_code == 200, r.text
    sent = LITS["capacites"][0]
    stored = {(c.nature, c.statut, c.temporalite, c.genre): c.nombre
              for c in api.store.get_uo("uo-unv").capacites}
    assert stored[(sent["nature"], sent["statut"], sent["temporalite"], sent["genre"])] == \
        sent["nombre"]


@pytest.mark.parametrize("who", ["public", "regulation", "editeur"])
def test_only_admin_lists_applications(api, who):
    assert_error(api.get("/api/v1/applications", headers=auth(api.keys[who])), 403)


def test_public_and_regulator_keys_cannot_write_beds(api):
    for who in ("public", "regulation"):
        assert_error(api.put("/api/v1/unites/uo-unv/capacites", json=LITS,
                             headers=auth(api.keys[who])), 403)


@pytest.mark.parametrize("headers", [{}, "public"])
def test_public_reader_never_sees_sensitive_unit_or_confidential_phone(api, headers):
    h = auth(api.keys[headers]) if headers else {}
    search = api.get("/api/v1/recherche?champs=01&limit=50", headers=h)
    assert search.status_code == 200
    ids = {r["uo_id"] for r in search.json()["resultats"]}
    assert "uo-unv" in ids and "uo-sensible" not in ids
    for text in (search.text, api.get("/api/v1/unites/uo-unv", headers=h).text,
                 api.get("/api/v1/extraction?format=csv&champs=01", headers=h).text,
                 api.get("/api/v1/extraction?format=jsonl&champs=01", headers=h).text,
                 api.get(f"/api/v1/etablissements/{EG_RENNES}", headers=h).text):
        for secret in (CONFIDENTIAL_PHONE, RESTRICTED_PHONE, SECRET_PHONE, "uo-sensible"):
            assert secret not in text and formate(secret) not in text
    assert_error(api.get("/api/v1/unites/uo-sensible", headers=h), 404)


def test_public_reader_sees_installed_capacity_only(api):
    sheet = api.get("/api/v1/unites/uo-unv").json()
    assert {c["statut"]["code"] for c in sheet["capacites"]} == {"01"}
    result = api.get("/api/v1/recherche?champs=01").json()["resultats"][0]
    assert result["lits_disponibles"] is None and result["explication"]["lits_disponibles"] is None
    assert_error(api.get("/api/v1/recherche?lits_min=1"), 403, field="lits_min")


def test_regulator_sees_everything(api):
    h = auth(api.keys["regulation"])
    ids = {r["uo_id"] for r in api.get("/api/v1/recherche?champs=01", headers=h).json()["resultats"]}
    assert "uo-sensible" in ids
    sheet = api.get("/api/v1/unites/uo-unv", headers=h)
    assert CONFIDENTIAL_PHONE in sheet.text and RESTRICTED_PHONE in sheet.text
    assert {c["statut"]["code"] for c in sheet.json()["capacites"]} >= {"01", "02"}
    assert api.get("/api/v1/unites/uo-sensible", headers=h).status_code == 200
    assert formate(SECRET_PHONE) in api.get("/api/v1/extraction?format=csv", headers=h).text


def test_public_and_regulator_sheets_have_different_etags(api):
    a = api.get("/api/v1/unites/uo-unv").headers["etag"]
    b = api.get("/api/v1/unites/uo-unv", headers=auth(api.keys["regulation"])).headers["etag"]
    assert a != b
    r = api.get("/api/v1/unites/uo-unv", headers={"If-None-Match": b})
    assert r.status_code == 200  # a regulator's cached copy never validates a public answer


def test_revoked_key_stops_working_at_once(api):
    admin = auth(api.keys["admin"])
    created = api.post("/api/v1/applications", headers=admin, json={
        "nom": "logiciel lits", "region": "53", "proprietaire": "CH", "droits": ["lecture_regulation"]})
    assert created.status_code == 201, created.text
    k, app_id = created.json()["cle"], created.json()["application"]["id"]
    assert api.get("/api/v1/recherche?champs=01", headers=auth(k)).status_code == 200
    assert api.delete(f"/api/v1/applications/{app_id}", headers=admin).json()["active"] is False
    assert_error(api.get("/api/v1/recherche?champs=01", headers=auth(k)), 401)


def test_keys_never_appear_in_logs(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    with client(tmp_path) as c:
        k = key(c.store, ["editeur"], (EG_RENNES,))
        bad = "ror_" + "x" * 43
        c.get("/api/v1/recherche?champs=01", headers=auth(k))
        c.put("/api/v1/unites/uo-unv/capacites", json=LITS, headers=auth(k))
        c.put("/api/v1/unites/uo-vannes/capacites", json=LITS, headers={"X-API-Key": k})
        c.get("/api/v1/recherche", headers=auth(bad))
        history = c.get("/api/v1/unites/uo-unv/capacites/historique", headers=auth(k)).text
    assert caplog.records  # something was logged (SQL, HTTP...), so the check means something
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert k not in logged and bad not in logged
    assert k not in history and k[4:20] not in history


def test_stored_key_is_only_a_hash(tmp_path):
    with client(tmp_path) as c:
        k = key(c.store, ["admin"])
        raw = (tmp_path / "api.sqlite").read_bytes() + b"".join(
            p.read_bytes() for p in tmp_path.glob("api.sqlite-*"))
        assert k.encode() not in raw
        listing = c.get("/api/v1/applications", headers=auth(k)).text
        assert k not in listing and "hash" not in listing


def test_settings_default_allows_public_read():
    assert Settings().public_read_without_key is True


def test_a_refused_search_is_answered_without_waiting_for_the_search_thread(tmp_path, monkeypatch):
    """The key, the rate limit and the criteria are settled before the search is queued for its
    thread: a 401, 400, 403 or 429 never waits behind the searches of other callers."""
    from ror_orientation.web.routes import recherche

    def no_thread() -> None:
        raise AssertionError("a refused search was queued for the search thread")

    with client(tmp_path, rate_limit_per_minute=2) as c:
        k = key(c.store, ["lecture_publique"])
        monkeypatch.setattr(recherche, "_relais", no_thread)
        assert_error(c.get("/api/v1/recherche", headers=auth("ror_not-a-real-key")), 401)
        assert_error(c.get("/api/v1/recherche?lat=95&lon=0", headers=auth(k)), 400, field="lat")
        assert_error(c.get("/api/v1/recherche?lits_min=1", headers=auth(k)), 403,
                     field="lits_min")
        assert_error(c.get("/api/v1/recherche?champs=01", headers=auth(k)), 429,
                     code="rate_limited")
