"""A JSON-API capacity write to a unit with several places (the ROR's Locations) names its place:
without one it is refused (400 naming `lieu`) and nothing is stored; with one, that place's records
change, the others' stay, and the unit's records are the per-key sums over its places — what the
search reads, the FHIR Locations serve and the history keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ror_orientation.fhir import profils as P
from ror_orientation.offre import Capacite
from tests.api_support import assert_error, auth, key
from tests.test_fhir_aller_retour import _avec_eg, _enrichi, _res, _servi

UO = "06/0099999"
PLACES = ("24/1073", "Location/ror-location-exemple")  # the IG Locations: R354 id, else resource id
INSTALLES = {"nature": "01", "statut": "01", "temporalite": "01", "genre": "04"}


def _cle(c: Capacite) -> tuple[str, str, str, str]:
    return c.nature, c.statut, c.temporalite, c.genre


@pytest.fixture
def deux_lieux(tmp_path: Path) -> Any:
    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    _lu, store, app = _servi(tmp_path, _avec_eg(hs, loc, loc2))
    with TestClient(app, raise_server_exceptions=False) as c:
        c.store = store  # type: ignore[attr-defined]
        c.ed = auth(key(store, ["editeur"], eg_ids=("458174839",)))  # type: ignore[attr-defined]
        yield c


def _installes(records: Any) -> list[int]:
    return [c.nombre for c in records if _cle(c) == ("01", "01", "01", "04")]


def test_the_places_are_the_ones_the_fixture_says(deux_lieux: Any) -> None:
    assert tuple(x.id for x in deux_lieux.store.get_uo(UO).lieux) == PLACES


def test_a_write_without_a_place_is_refused_naming_lieu_and_stores_nothing(deux_lieux: Any) -> None:
    c = deux_lieux
    avant = c.store.get_uo(UO)
    historique = len(c.store.capacites.history(UO))
    r = c.put(f"/api/v1/unites/{UO}/capacites", json={"capacites": [INSTALLES | {"nombre": 3}]},
              headers=c.ed)
    body = assert_error(r, 400, "lieu")
    assert "2 places" in body["message"] and "24/1073" in body["message"]
    assert c.store.get_uo(UO) == avant
    assert len(c.store.capacites.history(UO)) == historique
    r = c.put(f"/api/v1/unites/{UO}/capacites",
              json={"capacites": [INSTALLES | {"nombre": 3}], "lieu": "nulle-part"}, headers=c.ed)
    assert_error(r, 404, "lieu")
    assert c.store.get_uo(UO) == avant


def test_a_write_naming_a_place_keeps_unit_totals_the_sum_of_places(deux_lieux: Any) -> None:
    c = deux_lieux
    avant = c.store.get_uo(UO)
    (premier_avant,) = _installes(avant.lieux[0].capacites)
    r = c.put(f"/api/v1/unites/{UO}/capacites",
              json={"capacites": [INSTALLES | {"nombre": 4}], "lieu": PLACES[1]}, headers=c.ed)
    assert r.status_code == 200, r.text
    apres = c.store.get_uo(UO)
    assert _installes(apres.lieux[1].capacites) == [4]  # the named place
    assert apres.lieux[0].capacites == avant.lieux[0].capacites  # the other one untouched
    assert _installes(apres.capacites) == [premier_avant + 4]  # the unit: the sum
    assert [x["nombre"] for x in r.json()["capacites"]
            if (x["nature"]["code"], x["statut"]["code"], x["genre"]["code"]) == ("01", "01", "04")]\
        == [premier_avant + 4]
    for cle in {_cle(x) for lieu in apres.lieux for x in lieu.capacites}:  # every key: sums
        assert sum(x.nombre for x in apres.capacites if _cle(x) == cle) == sum(
            x.nombre for lieu in apres.lieux for x in lieu.capacites if _cle(x) == cle)
    # the FHIR Location of that place serves the place's figure, the engine the unit's sum
    loc = c.get(f"/fhir/Location/{P.lieu_id(UO, 2)}", headers=c.ed).json()
    assert [e["extension"][0]["valueInteger"] for e in loc["extension"]
            if e["url"].endswith("ror-location-supported-capacity")] == [4]
    r = c.put(f"/api/v1/unites/{UO}/capacites",
              json={"capacites": [INSTALLES | {"nombre": 1}], "lieu": PLACES[0]}, headers=c.ed)
    assert r.status_code == 200, r.text
    assert _installes(c.store.get_uo(UO).capacites) == [1 + 4]


def test_a_batch_item_without_its_place_is_refused_alone(deux_lieux: Any) -> None:
    c = deux_lieux
    r = c.post("/api/v1/capacites", json={"mises_a_jour": [
        {"uo_id": UO, "capacites": [INSTALLES | {"nombre": 2}]},
        {"uo_id": UO, "lieu": PLACES[1], "capacites": [INSTALLES | {"nombre": 6}]}]}, headers=c.ed)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["stockes"], body["refuses"]) == (1, 1)
    refuse = body["resultats"][0]
    assert (refuse["status"], refuse["error"]["field"]) == (400, "mises_a_jour[0].lieu")
    assert _installes(c.store.get_uo(UO).lieux[1].capacites) == [6]
