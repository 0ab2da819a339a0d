"""A stored row the program cannot use never takes the service down: reads skip it with a logged
warning, the server starts and searches, `check` reports it and `check --repair` quarantines it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import orjson
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.cli import main
from ror_orientation.settings import Settings
from ror_orientation.store import Store, uo_t
from tests.api_support import make_store


def _corrupt(db: Path) -> None:
    """One unit row that is not JSON at all; one whose capacity is dated in 2100 (written by hand,
    as an old version or a manual edit could have)."""
    store = make_store(db)
    with store.transaction() as conn:
        conn.execute(uo_t.update().where(uo_t.c.id == "uo-sensible").values(data=b"\x00garbage"))
        raw = conn.execute(sa.select(uo_t.c.data).where(uo_t.c.id == "uo-vannes")).scalar_one()
        plain = orjson.loads(raw)
        plain["capacites"][0]["maj"] = "2100-01-01T00:00:00+00:00"
        conn.execute(uo_t.update().where(uo_t.c.id == "uo-vannes")
                     .values(data=orjson.dumps(plain)))
    store.close()


def test_server_starts_and_searches_on_a_store_with_unusable_rows(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "bad.sqlite"
    _corrupt(db)
    caplog.set_level(logging.WARNING, logger="ror_orientation.store")
    with TestClient(create_app(Settings(db=db)), raise_server_exceptions=False) as c:
        r = c.get("/api/v1/recherche", params={"limit": 50})
        assert r.status_code == 200
        assert "uo-unv" in {x["uo_id"] for x in r.json()["resultats"]}
        assert c.get("/api/v1/unites/uo-sensible").status_code == 404
        assert c.get("/api/v1/extraction").status_code == 200
        assert c.get("/api/v1/unites/uo-unv").status_code == 200
    assert any("unreadable uo row" in m for m in caplog.messages)


def test_check_reports_and_repair_quarantines_unusable_rows(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bad.sqlite"
    _corrupt(db)
    assert main(["check", "--db", str(db), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["par_categorie"]["illisible"] == 1
    assert report["par_categorie"]["instant"] >= 1
    before = Store(db)
    version = before.structure_version()
    before.close()
    assert main(["check", "--db", str(db), "--json", "--repair"]) == 0
    repaired = json.loads(capsys.readouterr().out)
    assert {(x["table"], x["id"]) for x in repaired["reparation"]["lignes"]} == {
        ("uo", "uo-sensible"), ("uo", "uo-vannes")}
    store = Store(db)
    try:
        with store.engine.connect() as conn:
            kept = conn.execute(sa.text("SELECT ligne_id, data FROM quarantaine")).all()
        assert {k for k, _ in kept} == {"uo-sensible", "uo-vannes"}
        assert b"\x00garbage" in {d for _, d in kept}  # moved unchanged, nothing destroyed
        assert all(c.maj is None or c.maj.year < 2100
                   for c in store.get_uo("uo-vannes").capacites)
        # the offer's description changed: an offer image compiled before is stale, never served
        assert store.structure_version() > version
    finally:
        store.close()
    assert main(["check", "--db", str(db)]) == 0
