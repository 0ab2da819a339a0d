"""End to end: `ror-orientation serve` as a real uvicorn process on a loopback port; one search, one
capacity update, then the search again sees the new figure (through 2 workers: each its own engine)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.api_support import EG_RENNES, key, make_store
from tests.serveur import Serve, free_port

pytestmark = pytest.mark.e2e


def test_search_update_search_over_real_http(tmp_path: Path):
    db = tmp_path / "e2e.sqlite"
    store = make_store(db)
    reg = key(store, ["lecture_regulation"], nom="SAMU")
    ed = key(store, ["editeur"], (EG_RENNES,), nom="GHT")
    store.close()
    server = Serve(db, free_port(), workers=2)
    base = server.url
    try:
        server.start()
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {reg}"}) as c:
            # each request may land on either worker: ask several times to reach both
            for _ in range(6):
                r = c.get("/api/v1/recherche", params={"champs": "01", "fields": "lits_disponibles"})
                assert r.status_code == 200, r.text
                beds = {x["uo_id"]: x["lits_disponibles"] for x in r.json()["resultats"]}
                assert beds["uo-unv"] == 2
            up = httpx.put(f"{base}/api/v1/unites/uo-unv/capacites",
                           headers={"Authorization": f"Bearer {ed}"}, json={"capacites": [
                               {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04",
                                "nombre": 9}]})
            assert up.status_code == 200, up.text
            for _ in range(6):
                r = c.get("/api/v1/recherche", params={"champs": "01", "fields": "lits_disponibles"},
                          headers={"Connection": "close"})
                beds = {x["uo_id"]: x["lits_disponibles"] for x in r.json()["resultats"]}
                assert beds["uo-unv"] == 9
            gz = c.get("/api/v1/nomenclatures/TRE_R211", headers={"Accept-Encoding": "gzip"})
            assert gz.headers["content-encoding"] == "gzip"
    finally:
        out = server.stop()
    log = out.decode(errors="replace")
    assert reg not in log and ed not in log
