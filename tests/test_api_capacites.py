"""Capacity updates over HTTP: one unit or a batch, idempotent, history kept, seen by the next search
in this worker and in another worker holding its own engine."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.api_support import EG_RENNES, EG_VANNES, assert_error, auth, client, key, make_engine

DISPO = {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04"}


def lits(n: int, **kw) -> dict:
    return {"capacites": [DISPO | {"nombre": n} | kw]}


def free_beds(c: TestClient, k: str, uo_id: str) -> int | None:
    r = c.get("/api/v1/recherche", params={"champs": "01", "limit": 50, "expliquer": "true"},
              headers=auth(k))
    assert r.status_code == 200, r.text
    found = {x["uo_id"]: x for x in r.json()["resultats"]}
    return found[uo_id]["lits_disponibles"]


@pytest.fixture
def api(tmp_path):
    with client(tmp_path) as c:
        c.reg = key(c.store, ["lecture_regulation"], nom="SAMU")  # type: ignore[attr-defined]
        c.ed = key(c.store, ["editeur"], (EG_RENNES, EG_VANNES), nom="GHT")  # type: ignore[attr-defined]
        yield c


def test_update_is_visible_to_the_very_next_search(api):
    assert free_beds(api, api.reg, "uo-unv") == 2
    r = api.put("/api/v1/unites/uo-unv/capacites", json=lits(7), headers=auth(api.ed))
    assert r.status_code == 200, r.text
    assert free_beds(api, api.reg, "uo-unv") == 7
    stored = [c for c in api.store.get_uo("uo-unv").capacites if c.statut == "02"]
    assert [c.nombre for c in stored] == [7]  # in the store, not only in this worker's engine


def test_update_is_idempotent_and_each_send_is_in_the_history(api):
    a = api.put("/api/v1/unites/uo-unv/capacites", json=lits(4), headers=auth(api.ed)).json()
    b = api.put("/api/v1/unites/uo-unv/capacites", json=lits(4), headers=auth(api.ed)).json()
    strip = [{k: v for k, v in c.items() if k not in ("maj", "age_minutes")} for c in b["capacites"]]
    assert strip == [{k: v for k, v in c.items() if k not in ("maj", "age_minutes")}
                     for c in a["capacites"]]
    assert len(a["capacites"]) == 2  # merged by key: installed kept, available replaced
    hist = api.get("/api/v1/unites/uo-unv/capacites/historique", headers=auth(api.ed)).json()
    assert [h["capacite"]["nombre"] for h in hist["historique"]] == [4, 4]
    assert all(h["auteur"].startswith("GHT") for h in hist["historique"])
    assert hist["historique"][0]["id"] > hist["historique"][1]["id"]


def test_history_needs_rights(api):
    assert_error(api.get("/api/v1/unites/uo-unv/capacites/historique"), 401)
    pub = key(api.store, ["lecture_publique"])
    assert_error(api.get("/api/v1/unites/uo-unv/capacites/historique", headers=auth(pub)), 403)
    assert api.get("/api/v1/unites/uo-unv/capacites/historique",
                   headers=auth(api.reg)).status_code == 200


def test_sent_time_is_kept_and_the_sheet_shows_its_age(api):
    r = api.put("/api/v1/unites/uo-unv/capacites", headers=auth(api.ed),
                json=lits(1, maj="2026-01-01T08:00:00+01:00"))
    assert r.status_code == 200
    sheet = api.get("/api/v1/unites/uo-unv", headers=auth(api.reg)).json()
    dispo = next(c for c in sheet["capacites"] if c["statut"]["code"] == "02")
    assert dispo["maj"].startswith("2026-01-01T07:00:00")
    assert dispo["perime"] is True and dispo["age_minutes"] > 60


def test_batch_by_synchro_id_stores_the_known_and_names_the_unknown(api):
    """Use-case 10: one unknown synchronisation id is refused by name, the others are stored."""
    body = {"mises_a_jour": [
        {"id_externe_synchro": "SYN-UNV"} | lits(9),
        {"id_externe_synchro": "SYN-INCONNU"} | lits(3),
        {"uo_id": "uo-vannes"} | lits(6),
    ]}
    r = api.post("/api/v1/capacites", json=body, headers=auth(api.ed))
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["stockes"], out["refuses"]) == (2, 1)
    bad = out["resultats"][1]
    assert bad["status"] == 404 and bad["id_externe_synchro"] == "SYN-INCONNU"
    assert bad["error"]["field"] == "mises_a_jour[1].id_externe_synchro"
    assert "SYN-INCONNU" in bad["error"]["message"]
    assert [x["status"] for x in out["resultats"]] == [200, 404, 200]
    assert out["resultats"][0]["uo_id"] == "uo-unv"
    assert free_beds(api, api.reg, "uo-unv") == 9
    assert free_beds(api, api.reg, "uo-vannes") == 6


def test_batch_item_of_another_eg_is_403_and_others_stored(api):
    ed = key(api.store, ["editeur"], (EG_RENNES,))
    out = api.post("/api/v1/capacites", headers=auth(ed), json={"mises_a_jour": [
        {"uo_id": "uo-vannes"} | lits(8), {"uo_id": "uo-unv"} | lits(8),
        {"uo_id": "uo-unv"} | lits(8, statut="77")]}).json()
    assert [x["status"] for x in out["resultats"]] == [403, 200, 400]
    assert out["resultats"][2]["error"]["field"] == "mises_a_jour[2].capacites[0].statut"
    assert api.store.get_uo("uo-vannes").capacites == api.store.get_uo("uo-sensible").capacites


def test_update_in_one_worker_is_seen_by_search_in_another(tmp_path):
    """Two apps = two uvicorn workers: same store file, each its own engine."""
    with client(tmp_path) as one:
        reg = key(one.store, ["lecture_regulation"])
        ed = key(one.store, ["editeur"], (EG_RENNES,))
        store2 = Store(tmp_path / "api.sqlite")
        app2 = create_app(Settings(db=tmp_path / "api.sqlite"), engine=make_engine(store2),
                          store=store2)
        with TestClient(app2) as two:
            assert free_beds(two, reg, "uo-unv") == 2
            assert one.put("/api/v1/unites/uo-unv/capacites", json=lits(11),
                           headers=auth(ed)).status_code == 200
            assert free_beds(two, reg, "uo-unv") == 11
            assert two.put("/api/v1/unites/uo-unv/capacites", json=lits(13),
                           headers=auth(ed)).status_code == 200
            assert free_beds(one, reg, "uo-unv") == 13
        store2.close()
