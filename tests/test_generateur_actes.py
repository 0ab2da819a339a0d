"""The generator gives units the acts of the whole TRE_R210 table that their kind performs in France
(`fixtures/generateur/actes_par_type.csv`), lists the acts no kind performs, checks both against the
nomenclature, and draws the table's acts without changing anything else of the offer."""

from __future__ import annotations

import shutil
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from ror_orientation.errors import ValidationError
from ror_orientation.generateur import actes_par_type as apt
from ror_orientation.generateur import generate
from ror_orientation.generateur.actes_par_type import (
    actes_du_type,
    actes_par_type,
    actes_sans_type,
    check_actes_par_type,
)
from ror_orientation.generateur.catalogue import ALL_TYPES, BY_KEY
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre
from ror_orientation.paths import fixtures_dir

REGIONS = ("53",)  # Bretagne: CHU, CH, clinics, psychiatry, SMR and ESMS, in seconds


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def _table_codes() -> set[str]:
    return {code for parts in actes_par_type().values() for code, _ in parts}


def test_every_active_act_has_a_carrier_kind_or_a_reason_for_none():
    catalogue = {a for t in ALL_TYPES for a in t.actes + t.actes_options + tuple(c for c, _ in t.actes_parts)}
    r210 = default_nomenclatures().table("TRE_R210")
    actifs = {code for code, e in r210.codes.items() if e.actif}
    sans = set(actes_sans_type())
    orphans = sorted(actifs - catalogue - _table_codes() - sans)
    assert not orphans, orphans
    # an act listed as carried by none is not one a kind of the catalogue (the city practices) gives
    assert not sans & catalogue, sorted(sans & catalogue)
    assert len(_table_codes()) > 1000
    assert all(reason.strip() for reason in actes_sans_type().values())


def test_table_names_active_acts_and_known_kinds():
    assert check_actes_par_type(default_nomenclatures(), BY_KEY) > 1500


def _copy_fixtures(tmp_path: Path, row: str) -> Path:
    folder = tmp_path / "generateur"
    shutil.copytree(fixtures_dir() / "generateur", folder)
    with (folder / apt.TABLE).open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    return tmp_path


@pytest.mark.parametrize(("row", "field"), [
    ("0002,urgences=0.5,a deprecated act", "actes_par_type.csv.code"),
    ("9999,urgences=0.5,an unknown act", "actes_par_type.csv.code"),
    ("1683,urgences=0.5,an act also listed as without carrier", "actes_par_type.csv.code"),
    ("0225,clinique_imaginaire=0.5,an unknown kind", "actes_par_type.csv.porteurs"),
    ("0225,ophtalmo=1.5,a share above one", "actes_par_type.csv.porteurs"),
    ("0225,ophtalmo,no share", "actes_par_type.csv.porteurs"),
])
def test_table_refuses_a_bad_row_naming_the_field(tmp_path: Path, row: str, field: str):
    root = _copy_fixtures(tmp_path, row)
    with pytest.raises(ValidationError) as exc:
        check_actes_par_type(default_nomenclatures(), BY_KEY, root)
    assert exc.value.field == field


def test_table_acts_sit_only_on_units_of_the_kinds_that_perform_them():
    kinds_of: dict[str, set[str]] = defaultdict(set)
    for kind, parts in actes_par_type().items():
        for code, _ in parts:
            kinds_of[code].add(BY_KEY[kind].activite)
    # an act the catalogue itself gives a kind (a city practice's own acts, actes_courants.py) is
    # that kind's too
    for t in ALL_TYPES:
        for code in (*t.actes, *t.actes_options, *(c for c, _ in t.actes_parts)):
            kinds_of[code].add(t.activite)
    table = _table_codes()
    carried: set[str] = set()
    for u in offre().uo.values():
        for a in u.actes:
            if a in table:
                carried.add(a)
                assert u.activite in kinds_of[a], (a, u.nom)
    # a regional demo already carries most of the table; before it, these had no unit at all
    assert len(carried) > 800
    for code in ("0225", "0593", "0622", "0896", "0630", "0882", "1055", "0524"):
        assert code in carried, code


def test_a_kind_declares_its_common_acts_often_and_its_rare_ones_seldom():
    def rate(kind: str, code: str) -> float:
        draws = [actes_du_type(kind, f"UO-{i}:1", ()) for i in range(2000)]
        return sum(code in d for d in draws) / len(draws)

    assert rate("consult_cardio", "0630") > 0.85  # transthoracic echocardiography
    assert 0.3 < rate("ophtalmo", "0225") < 0.5  # corneal graft: CHU and large eye departments
    assert rate("transplantation", "0474") < 0.15  # small-bowel transplantation: two centres
    assert rate("cardio", "0225") == 0.0
    # radiotherapy is no longer the CLCC's alone: proton therapy stays in about three of ~170 centres
    assert rate("radiotherapie", "0547") < 0.05
    assert rate("hematologie", "0958") > 0.3  # CAR-T: about 30 qualified haematology wards


def test_table_draws_change_nothing_else_of_the_offer(monkeypatch: pytest.MonkeyPatch):
    with_table = offre()
    monkeypatch.setattr(apt, "actes_par_type", lambda root=None: {})
    without = generate("demo", regions=REGIONS)
    assert with_table.eg.keys() == without.eg.keys()
    assert with_table.uo.keys() == without.uo.keys()
    added = 0
    for uid, u in without.uo.items():
        w = with_table.uo[uid]
        assert w.actes[:len(u.actes)] == u.actes, uid
        assert (w.nom, w.competences, w.capacites, w.horaires) == (u.nom, u.competences, u.capacites,
                                                                    u.horaires)
        added += len(w.actes) - len(u.actes)
    assert added > 0


def test_a_unit_draws_the_same_table_acts_every_time_and_never_twice():
    first = actes_du_type("ophtalmo", "UO-X-001:1", ())
    assert first == actes_du_type("ophtalmo", "UO-X-001:1", ())
    assert len(set(first)) == len(first)
    assert not set(actes_du_type("ophtalmo", "UO-X-001:1", first)) & set(first)
    assert actes_du_type("no_such_kind", "UO-X-001:1", ()) == ()


def test_the_shelters_giving_care_to_people_without_a_home_dress_their_wounds():
    # lits halte soins santé and LAM (CASF D312-176-1, -3): the nursing care of a convalescence
    lhss = [u for u in offre().uo.values() if u.categorie_organisation in ("93", "95")]
    assert lhss and sum("0362" in u.actes for u in lhss) / len(lhss) > 0.4
    assert all("06" in u.publics for u in lhss)
