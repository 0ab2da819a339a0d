"""The generator gives units the equipment their kind holds in France beyond the catalogue's own
(`fixtures/generateur/equipements_par_type.csv`): negative-pressure rooms, air-fluidised beds, HIFU,
hyperbaric chambers by kind; every code checked against TRE_R212, drawn without moving anything else."""

from __future__ import annotations

import shutil
from collections import Counter
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
    assert with_table.professionnels.keys() == without.professionnels.keys()
    for pid, pro in without.professionnels.items():  # radiographers (98) list their unit's equipment
        got = with_table.professionnels[pid]
        unit = with_table.uo[got.exercices[0].uo_id]
        expected = tuple(e.code for e in unit.equipements) if pro.profession == "98" else ()
        assert got == replace(pro, exercices=(replace(pro.exercices[0], equipements=expected),
                                            *pro.exercices[1:])), pid
    added = 0
    for uid, u in without.uo.items():
        w = with_table.uo[uid]
        assert replace(w, equipements=u.equipements) == u, uid
        assert w.equipements[:len(u.equipements)] == u.equipements, uid
        added += len(w.equipements) - len(u.equipements)
    assert added > 0
    carried = {e.code for u in with_table.uo.values() for e in u.equipements}
    assert {"009", "186"} <= carried  # before the table, no unit of the offer held them


def test_rows_appended_to_the_table_leave_every_former_draw_as_it_was(monkeypatch: pytest.MonkeyPatch):
    """The ophthalmology, imaging, sleep, obesity, NRBC, haematology and rehabilitation rows come
    after the first ones: a unit draws the same former equipment, then perhaps some of theirs."""
    full = equipements_par_type()
    former = {"009", "154", "186", "205", "163", "161"}
    first = {kind: tuple(p for p in parts if p[0] in former) for kind, parts in full.items()}
    kinds = ("smit", "usih", "hematologie", "rea", "urologie", "brules", "smr_medullaire", "caisson")
    graines = [f"UO-{i}:1" for i in range(300)]
    now = {(k, g): equipements_du_type(k, g, ()) for k in kinds for g in graines}
    monkeypatch.setattr(ept, "equipements_par_type", lambda root=None: first)
    for (kind, graine), drawn in now.items():
        before = equipements_du_type(kind, graine, ())
        assert drawn[:len(before)] == before, (kind, graine)
    assert any(len(d) > len(equipements_du_type(k, g, ())) for (k, g), d in now.items())


def test_the_demo_offer_holds_the_equipment_judged_needs_call_for():
    carried = Counter(e.code for u in offre().uo.values() for e in u.equipements)
    # retinal and YAG lasers, mammographs, sterile rooms, sleep polygraphs: none before (PET
    # cameras and driving simulators are too few for one region)
    for code in ("201", "202", "094", "010", "065"):
        assert carried[code] > 0, code
