"""A unit's alternatives from the offer graph, over HTTP: sibling sites with free beds first, the
distance computed by geopy, what the caller may not see left out."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from geopy.distance import geodesic

from ror_orientation.api import create_app
from ror_orientation.engine import Engine
from ror_orientation.offre import Capacite, Coordonnees
from ror_orientation.settings import Settings
from tests.api_support import assert_error, auth, build_offre, fresh, key, make_store

from .factories import make_eg, make_uo

EG_MALO, EG_FOUGERES = "350000113", "350000055"  # two more sites of the CHU's legal entity
MALO, FOUGERES, RENNES = (48.6493, -2.0257), (48.3524, -1.1990), (48.1209, -1.6950)


def beds(n: int) -> tuple[Capacite, ...]:
    return (Capacite("01", "02", "01", "04", n, maj=fresh()),)


@pytest.fixture
def api(tmp_path):
    offre = build_offre()
    offre.add(make_eg(id=EG_MALO, nom="Site Saint-Malo", coordonnees=Coordonnees(*MALO)))
    offre.add(make_eg(id=EG_FOUGERES, nom="Site Fougères", coordonnees=Coordonnees(*FOUGERES)))
    offre.add(make_uo(id="unv-malo", eg_id=EG_MALO, nom="UNV Saint-Malo", capacites=beds(3)))
    offre.add(make_uo(id="unv-fougeres", eg_id=EG_FOUGERES, nom="UNV Fougères", capacites=beds(0)))
    offre.add(make_uo(id="psy-malo", eg_id=EG_MALO, nom="Psychiatrie", activite="014"))
    store = make_store(tmp_path / "api.sqlite", offre)
    engine = Engine.build(store.load_offre(), nomenclatures=store.nomenclatures)
    app = create_app(Settings(db=tmp_path / "api.sqlite"), engine=engine, store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.reg = key(store, ["lecture_regulation"])  # type: ignore[attr-defined]
        yield c


def test_other_sites_doing_the_same_activity_come_free_beds_first_with_geodesic_distance(api):
    r = api.get("/api/v1/unites/uo-unv/alternatives", headers=auth(api.reg))
    assert r.status_code == 200, r.text
    body = r.json()
    autres = body["autres_sites"]
    # Fougères is nearer but full: Saint-Malo, with 3 free beds, comes first
    assert [a["uo_id"] for a in autres] == ["unv-malo", "unv-fougeres"]
    assert [a["lits_disponibles"] for a in autres] == [3, 0]
    assert autres[0]["distance_km"] == pytest.approx(geodesic(RENNES, MALO).km, abs=1e-3)
    assert autres[1]["distance_km"] < autres[0]["distance_km"]
    assert "psy-malo" not in {a["uo_id"] for a in autres}  # another activity
    assert {a["uo_id"] for a in body["meme_site"]} == {"uo-sensible"}  # a regulator sees it


def test_public_reader_sees_no_sensitive_unit_and_no_free_beds(api):
    body = api.get("/api/v1/unites/uo-unv/alternatives").json()
    every = [a for k in ("meme_site", "autres_sites", "semblables") for a in body[k]]
    assert "uo-sensible" not in {a["uo_id"] for a in every}
    assert every and all(a["lits_disponibles"] is None for a in every)
    assert_error(api.get("/api/v1/unites/uo-sensible/alternatives"), 404)


def test_similar_units_and_what_they_declare(api):
    body = api.get("/api/v1/unites/unv-malo/alternatives", headers=auth(api.reg)).json()
    semblables = [s["uo_id"] for s in body["semblables"]]
    assert {"uo-unv", "unv-fougeres"} <= set(semblables)  # the same activity (157)
    assert "uo-sensible" in semblables and "unv-malo" not in semblables
    communs = [s["concepts_communs"] for s in body["semblables"]]
    assert communs == sorted(communs, reverse=True) and communs[-1] >= 1
    declared = {d["concept"]: d for d in body["declares_par_semblables"]}
    assert all(d["unites"] >= 2 for d in declared.values())
    assert all(d["libelle"] and d["libelle"] != c for c, d in declared.items())


def test_unknown_unit_is_404_naming_the_field(api):
    assert_error(api.get("/api/v1/unites/nope/alternatives", headers=auth(api.reg)), 404,
                 field="uo_id")
