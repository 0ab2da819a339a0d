"""Regression: one capacity dated after 2068 (or in year 1, or 9999) used to overflow the engine's
32-bit bed timestamps, answer 500 to every search and keep the server from starting again."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from ror_orientation.controle import controle
from ror_orientation.engine.lits import Lits, from_ts, to_ts
from ror_orientation.errors import ValidationError
from ror_orientation.offre import Capacite, Offre
from ror_orientation.requete import Requete
from ror_orientation.store import uo_t
from ror_orientation.validation import check_query_instant, check_recorded_instant
from tests.api_support import EG_RENNES, assert_error, auth, client, key, make_engine, make_store

DISPO = {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 3}
FAR_FUTURES = ["2068-01-19T03:14:08Z", "2100-01-01T00:00:00Z", "2200-06-01T00:00:00Z",
               "9999-12-31T23:59:59Z"]


@pytest.mark.parametrize("when", FAR_FUTURES + ["0001-01-01T00:00:00Z", "1999-12-31T23:00:00Z"])
def test_capacity_out_of_range_is_refused_and_nothing_stored(tmp_path, when):
    with client(tmp_path) as c:
        ed = key(c.store, ["editeur"], (EG_RENNES,))
        reg = key(c.store, ["lecture_regulation"])
        before = c.store.get_uo("uo-unv").capacites
        r = c.put("/api/v1/unites/uo-unv/capacites", json={"capacites": [DISPO | {"maj": when}]},
                  headers=auth(ed))
        assert_error(r, 400)
        assert "maj" in r.json()["error"]["message"]
        assert c.store.get_uo("uo-unv").capacites == before
        assert c.get("/api/v1/recherche", params={"champs": "01"}, headers=auth(reg)).status_code == 200


def test_a_stored_far_future_figure_no_longer_breaks_search_nor_start(tmp_path):
    """A row written before the rule (or by hand) is reported by `check`, and the engine still builds
    and answers: the bed arrays hold any datetime."""
    store = make_store(tmp_path / "s.sqlite")
    uo = store.get_uo("uo-unv")
    far = datetime(2200, 1, 1, tzinfo=UTC)
    bad = replace(uo, capacites=(replace(uo.capacites[1], maj=far),))
    from ror_orientation.serialisation import to_plain

    with store.transaction() as conn:
        conn.execute(uo_t.update().where(uo_t.c.id == "uo-unv").values(
            data=json.dumps(to_plain(bad)).encode()))
    report = controle(store)
    assert report.par_categorie["instant"] == 1
    assert any("uo-unv" in p.message and "future" in p.message for p in report.problemes)
    engine = make_engine(store)  # used to raise OverflowError
    reponse = engine.search(Requete(champs=("01",), elargir=False), now=datetime(2026, 12, 1, tzinfo=UTC))
    assert "uo-unv" in {r.uo_id for r in reponse.resultats}
    lits = Lits(1)
    lits.set(0, bad.capacites)
    assert from_ts(to_ts(far)) == far


def test_jsonl_import_of_a_unit_dated_2100_is_refused_whole(tmp_path):
    store = make_store(tmp_path / "s.sqlite")
    uo = store.get_uo("uo-unv")
    offre = Offre()
    offre.add(replace(uo, capacites=(Capacite("01", "02", "01", "04", 1,
                                              maj=datetime(2100, 1, 1, tzinfo=UTC)),)))
    with pytest.raises(ValidationError) as exc:
        store.import_offre(offre, source="test")
    assert exc.value.field == "uo.capacites[0].maj"
    assert store.get_uo("uo-unv").capacites == uo.capacites


def test_instant_rules():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    check_recorded_instant(now, "maj", now)
    with pytest.raises(ValidationError, match="time zone"):
        check_recorded_instant(datetime(2026, 1, 1), "maj", now)
    with pytest.raises(ValidationError, match="future"):
        check_recorded_instant(datetime(2026, 12, 1, 0, 6, tzinfo=UTC), "maj", now)
    for bad in (datetime(1, 1, 1), datetime(9999, 12, 31, tzinfo=UTC)):
        with pytest.raises(ValidationError) as exc:
            check_query_instant(bad, "ouvert_a")
        assert exc.value.field == "ouvert_a"


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                  "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00"])
def test_search_instants_out_of_range_are_400(tmp_path, when):
    with client(tmp_path) as c:
        reg = key(c.store, ["lecture_regulation"])
        r = c.get("/api/v1/recherche", params={"champs": "01", "ouvert_a": when}, headers=auth(reg))
        assert_error(r, 400, field="ouvert_a")


def test_forged_cursor_with_extreme_instant_is_400(tmp_path):
    import base64

    with client(tmp_path) as c:
        reg = key(c.store, ["lecture_regulation"])
        for t in ("0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"):
            raw = json.dumps({"s": (1.0).hex(), "u": "x", "t": t, "q": "0" * 16}).encode()
            token = base64.urlsafe_b64encode(raw).decode().rstrip("=")
            r = c.get("/api/v1/recherche", params={"champs": "01", "curseur": token},
                      headers=auth(reg))
            assert_error(r, 400, field="curseur")


def test_huge_application_id_is_a_client_error(tmp_path):
    with client(tmp_path) as c:
        admin = key(c.store, ["admin"])
        r = c.delete("/api/v1/applications/18446744073709551616", headers=auth(admin))
        assert 400 <= r.status_code < 500, r.text
