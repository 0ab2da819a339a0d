"""What the dashboard reads besides the published figures: the change of each indicator since the
previous quarter, and a region's rows not finalisé from the per-region index of the cached pass."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.engine import Engine
from ror_orientation.generateur import generate
from ror_orientation.offre import Offre
from ror_orientation.peuplement import publication
from ror_orientation.peuplement.statut import Parametres, calculer_en_cache
from ror_orientation.peuplement.tableau import Compte, Tableau, evolution_points, to_dict
from ror_orientation.settings import Settings
from ror_orientation.store import Store

REGION = "94"  # Corse: small, quick to generate
JOUR = Parametres(reference=datetime(2026, 11, 26, tzinfo=UTC).date())


def test_evolution_is_the_exact_difference_in_points_rounded_half_away_from_zero() -> None:
    # 60/100 → 63.25/100 : +3.25 points → +3.3 ; and back: -3.3 (not -3.2)
    assert evolution_points(Compte(400, 253, 0, 147), Compte(100, 60, 0, 40), "qualite") == 3.3
    assert evolution_points(Compte(100, 60, 0, 40), Compte(400, 253, 0, 147), "qualite") == -3.3
    # peuples counts finalisé + en cours
    assert evolution_points(Compte(10, 6, 2, 2), Compte(10, 6, 0, 4), "peuples") == 20.0
    assert evolution_points(Compte(10, 6, 2, 2), Compte(10, 6, 0, 4), "qualite") == 0.0
    # no snapshot, or no target row on either side: no change to show
    assert evolution_points(Compte(10, 6, 2, 2), None, "peuples") is None
    assert evolution_points(Compte(10, 6, 2, 2), Compte(), "peuples") is None
    assert evolution_points(Compte(), Compte(10, 6, 2, 2), "peuples") is None


def test_table_with_precedent_carries_the_change_and_without_it_does_not() -> None:
    cur = Tableau({("53", "MCO"): Compte(10, 6, 2, 2)})
    prev = Tableau({("53", "MCO"): Compte(8, 4, 0, 4)})
    data = to_dict(cur, champs=["MCO"], precedent=prev, avec_precedent=True)
    cell = next(li for li in data["lignes"] if li["region"] == "53")["champs"]["MCO"]
    assert (cell["evolution_peuples"], cell["evolution_qualite"]) == (30.0, 10.0)
    empty = next(li for li in data["lignes"] if li["region"] == "11")["champs"]["MCO"]
    assert empty["evolution_peuples"] is None and empty["pct_peuples"] == "Donnée non disponible"
    plain = to_dict(cur, champs=["MCO"])
    assert "evolution_peuples" not in plain["lignes"][0]["champs"]["MCO"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path: Path = tmp_path_factory.mktemp("tdb") / "demo.sqlite"
    s = Store(path)
    s.import_offre(generate("demo", reference=datetime(2026, 11, 26, 6, tzinfo=UTC),
                            regions=(REGION,)), source="generateur")
    return s


def test_a_regions_rows_not_finalise_are_those_of_a_full_scan(store: Store) -> None:
    calcul = calculer_en_cache(store, JOUR)
    for champ in ("MCO", "ESMS PA"):
        got = publication.etablissements(store, region=REGION, champ=champ,
                                         statut=["en_cours", "a_faire"], limit=100_000,
                                         parametres=JOUR)
        expected = sorted((s.ligne.eg_id, s.statut.value) for s in calcul.statuts
                          if s.ligne.region == REGION and s.ligne.champ == champ
                          and s.statut.value != "finalise")
        assert [(r["eg_id"], r["statut"]) for r in got["etablissements"]] == expected
        assert got["total"] == len(expected) > 0
        assert all(r["nom"] for r in got["etablissements"])
    assert calcul.lignes_region("11") == []  # a region without data: nothing, no error


def test_api_takes_several_statuses_and_names_a_wrong_one(store: Store) -> None:
    app = create_app(Settings(db=store.url.removeprefix("sqlite:///")), engine=Engine.build(Offre()),
                     store=store)
    with TestClient(app) as client:
        url = "/api/v1/peuplement/etablissements"
        both = client.get(url, params=[("region", REGION), ("champ", "MCO"),
                                       ("statut", "en_cours"), ("statut", "a_faire")]).json()
        one = [client.get(url, params={"region": REGION, "champ": "MCO", "statut": s}).json()
               for s in ("en_cours", "a_faire")]
        assert both["total"] == one[0]["total"] + one[1]["total"]
        assert {r["statut"] for r in both["etablissements"]} <= {"en_cours", "a_faire"}
        bad = client.get(url, params=[("region", REGION), ("statut", "a_faire"),
                                      ("statut", "fini")])
        assert bad.status_code == 400 and bad.json()["error"]["field"] == "statut"
