"""A child's medico-social kind named for a patient of adult age reads the adult kinds that take
over (`esms_enfants_adultes.csv`, from the CASF categories)."""

from __future__ import annotations

import pytest

from ror_orientation.index.adultes import handicaps, suites_adultes
from ror_orientation.nomenclatures import default_nomenclatures


def test_every_code_of_the_table_is_an_active_kind_of_place():
    codes = default_nomenclatures().tables["TRE_R244"].codes
    for enfant, adultes in suites_adultes().items():
        for cid in (enfant, *adultes):
            assert cid.startswith("R244:") and codes[cid[5:]].actif, (enfant, cid)
        assert enfant not in adultes


@pytest.mark.parametrize(("text", "adulte"), [
    ("mon fils autiste a 19 ans et n'a plus de place en IME", "R244:39"),
    ("jeune adulte de 21 ans sortant d'ITEP", "R244:32"),
    ("adulte sourd de 30 ans, il était suivi par un SESSAD", "R244:32"),
])
def test_a_childs_kind_named_for_an_adult_reads_the_adult_kinds(index, text, adulte):
    groupes = index.resolve(text, enfant=False, profil="aval").groupes
    requis = {c for g in groupes if not g.souple for c in g.concepts}
    assert adulte in requis and not requis & set(suites_adultes()), [str(g) for g in groupes]


def test_a_childs_kind_for_a_child_stays(index):
    groupes = index.resolve("IME pour mon fils de 12 ans", enfant=True, profil="aval").groupes
    assert "R244:48" in {c for g in groupes for c in g.concepts}, [str(g) for g in groupes]


def test_every_disability_of_the_table_is_a_specialisation():
    codes = default_nomenclatures().tables["TRE_R245"].codes
    assert handicaps() and all(c.startswith("R245:") and codes[c[5:]].actif for c in handicaps())


@pytest.mark.parametrize("text", [
    "mon fils autiste de 20 ans n'a plus de place nulle part",
    "plus de place nulle part pour un jeune de 22 ans avec une trisomie 21",
])
def test_a_disability_named_alone_for_an_adult_ranks_the_adult_places(index, text):
    groupes = index.resolve(text, enfant=False, profil="aval").groupes
    souples = {c for g in groupes if g.souple for c in g.concepts}
    requis = {c for g in groupes if not g.souple for c in g.concepts}
    assert {"R244:39", "R244:40"} <= souples, [str(g) for g in groupes]
    assert "R211:100" not in requis, [str(g) for g in groupes]  # "nulle part" is no post-partum


@pytest.mark.parametrize(("text", "enfant"), [
    ("mon fils autiste de 8 ans", True),
    ("bilan diagnostic autisme adulte 25 ans au CRA", False),
])
def test_no_adult_place_for_a_child_nor_beside_a_care_named(index, text, enfant):
    groupes = index.resolve(text, enfant=enfant, profil="aval").groupes
    assert "R244:39" not in {c for g in groupes for c in g.concepts}, [str(g) for g in groupes]


def test_a_childs_kind_asked_as_such_for_an_adult_stays(index):
    groupes = index.resolve("IME pour une personne de 20 ans", enfant=False, profil="aval").groupes
    assert "R244:48" in {c for g in groupes for c in g.concepts}, [str(g) for g in groupes]


def test_a_childs_kind_asked_for_an_adult_with_a_disability_stays_and_ranks_no_adult_place(index):
    groupes = index.resolve("IME autisme pour une personne de 20 ans", enfant=False, profil="aval").groupes
    concepts = {c for g in groupes for c in g.concepts}
    assert "R244:48" in concepts and "R244:39" not in concepts, [str(g) for g in groupes]
