"""The generator gives units the equipment their kind holds in France beyond the catalogue's own
(`fixtures/generateur/equipements_par_type.csv`): negative-pressure rooms, air-fluidised beds, HIFU,
hyperbaric chambers by kind; every code checked against TRE_R212, drawn without moving anything else."""

from __future__ import annotations

import shutil
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from ror_orientation.errors import ValidationError
from ror_orientation.generateur import equipements_par_type as ept
from ror_orientation.generateur import generate
from ror_orientation.generateur.catalogue import BY_KEY
from ror_orientation.generateur.equipements_par_type import (
    check_equipements_par_type,
    equipements_du_type,
    equipements_par_type,
)
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre
from ror_orientation.paths import fixtures_dir

REGIONS = ("53",)  # Bretagne: two CHU, a CLCC, burn and SMR units, in seconds


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def test_table_names_active_equipment_and_known_kinds():
    assert check_equipements_par_type(default_nomenclatures(), BY_KEY) >= 15
    table = {code for parts in equipements_par_type().values() for code, _ in parts}
    assert {"009", "186", "205"} <= table  # isolation, pressure ulcers, prostate HIFU


@pytest.mark.parametrize(("row", "field"), [
    ("999,rea=0.5,an unknown equipment", "equipements_par_type.csv.code"),
    ("009,clinique_imaginaire=0.5,an unknown kind", "equipements_par_type.csv.porteurs"),
    ("009,rea=1.5,a share above one", "equipements_par_type.csv.porteurs"),
    ("009,rea,no share", "equipements_par_type.csv.porteurs"),
])
def test_table_refuses_a_bad_row_naming_the_field(tmp_path: Path, row: str, field: str):
    folder = tmp_path / "generateur"
    shutil.copytree(fixtures_dir() / "generateur", folder)
    with (folder / ept.TABLE).open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    with pytest.raises(ValidationError) as exc:
        check_equipements_par_type(default_nomenclatures(), BY_KEY, tmp_path)
    assert exc.value.field == field


def test_a_kind_declares_its_table_equipment_in_about_its_share():
    def rate(kind: str, code: str) -> float:
        draws = [equipements_du_type(kind, f"UO-{i}:1", ()) for i in range(2000)]
        return sum(any(e.code == code for e in d) for d in draws) / len(draws)

    assert 0.4 < rate("smit", "009") < 0.6  # infectious-disease wards of the REB reference hospitals
    assert 0.05 < rate("urologie", "205") < 0.2
    assert rate("brules", "186") > 0.6
    assert rate("cardio", "009") == 0.0
    first = equipements_du_type("smit", "UO-X-001:1", ())
    assert first == equipements_du_type("smit", "UO-X-001:1", ())
    assert not equipements_du_type("caisson", "UO-X-001:1", ("163", "161"))


def test_table_draws_change_nothing_else_of_the_offer(monkeypatch: pytest.MonkeyPatch):
    with_table = offre()
    monkeypatch.setattr(ept, "equipements_par_type", lambda root=None: {})
    without = generate("demo", regions=REGIONS)
    assert with_table.eg.keys() == without.eg.keys()
    assert with_table.uo.keys() == without.uo.keys()
    assert with_table.professionnels == without.professionnels
    added = 0
    for uid, u in without.uo.items():
        w = with_table.uo[uid]
        assert replace(w, equipements=u.equipements) == u, uid
        assert w.equipements[:len(u.equipements)] == u.equipements, uid
        added += len(w.equipements) - len(u.equipements)
    assert added > 0
    carried = {e.code for u in with_table.uo.values() for e in u.equipements}
    assert {"009", "186"} <= carried  # before the table, no unit of the offer held them
