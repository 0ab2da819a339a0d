"""On generated data (one small region of the demo generator): the CLI table and the API agree, and
the TOTAL row is the sum of the region rows."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.cli import main
from ror_orientation.engine import Engine
from ror_orientation.generateur import generate
from ror_orientation.offre import Offre
from ror_orientation.settings import Settings
from ror_orientation.store import Store

REGION = "94"  # Corse: small, quick to generate


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = Store(path)
    store.import_offre(generate("demo", reference=datetime(2026, 11, 26, 6, tzinfo=UTC),
                                regions=(REGION,)), source="generateur")
    store.close()
    return str(path)


def _cli_json(capsys, *argv: str) -> dict:
    assert main(["peuplement", *argv, "--format", "json"]) == 0
    return orjson.loads(capsys.readouterr().out)


def _stable(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("calcule_le", "pris_le")}


def test_cli_and_api_agree_on_generated_data_and_total_is_the_sum(db, capsys):
    _cli_json(capsys, "--db", db, "--snapshot", "--trimestre", "2026T3")
    cli = _cli_json(capsys, "--db", db, "--snapshot", "--trimestre", "2026T4", "--precedent")
    store = Store(db)
    app = create_app(Settings(db=db), engine=Engine.build(Offre()),
                     store=store)  # an empty engine: no search here
    with TestClient(app) as client:
        api = client.get("/api/v1/peuplement", params={"trimestre": "2026T4", "precedent": "true"})
        live_cli = _cli_json(capsys, "--db", db, "--champ", "ESMS PA")
        live_api = client.get("/api/v1/peuplement", params={"champ": "esms pa"}).json()
    assert _stable(api.json()) == _stable(cli)
    assert _stable(live_api) == _stable(live_cli)
    assert cli["precedent"] == {"trimestre": "2026T3", "libelle": "T3 2026", "disponible": True}
    lines = {li["region"]: li for li in cli["lignes"]}
    corse = lines[REGION]["champs"]
    assert corse["ESMS PA"]["cible"] > 0 and corse["ESMS PH"]["cible"] > 0
    assert corse["MCO"]["cible"] > 0  # real hospitals (Eurostat, no opening date) are in: mode auto
    assert corse["ESMS PA"]["precedent"] == {k: v for k, v in corse["ESMS PA"].items()
                                             if k != "precedent" and not k.startswith("evolution_")}
    # the same offer snapshotted twice: no change in either indicator
    assert corse["ESMS PA"]["evolution_peuples"] == corse["ESMS PA"]["evolution_qualite"] == 0.0
    # the generator leaves a share of incomplete units: not everything is finalisé
    assert sum(corse[c]["en_cours"] + corse[c]["a_faire"] for c in cli["champs"]) > 0
    assert sum(corse[c]["finalise"] for c in cli["champs"]) > 0
    for champ in cli["champs"]:
        for key in ("cible", "finalise", "en_cours", "a_faire"):
            assert lines["TOTAL"]["champs"][champ][key] == sum(
                li["champs"][champ][key] for r, li in lines.items() if r != "TOTAL")
    assert main(["peuplement", "--db", db, "--trimestre", "2026T3"]) == 0
    text = capsys.readouterr().out
    total_pa = next(li for li in text.split("\nESMS PA\n")[1].splitlines() if li.startswith("TOTAL"))
    assert total_pa.split("|")[1].strip() == str(lines["TOTAL"]["champs"]["ESMS PA"]["cible"])
    assert total_pa.split("|")[2].strip() == lines["TOTAL"]["champs"]["ESMS PA"]["pct_peuples"]
