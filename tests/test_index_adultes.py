"""A child's medico-social kind named for a patient of adult age reads the adult kinds that take
over (`esms_enfants_adultes.csv`, from the CASF categories)."""

from __future__ import annotations

import pytest

from ror_orientation.index.adultes import suites_adultes
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
    ("SESSAD pour un adulte sourd de 30 ans", "R244:32"),
])
def test_a_childs_kind_named_for_an_adult_reads_the_adult_kinds(index, text, adulte):
    groupes = index.resolve(text, enfant=False, profil="aval").groupes
    requis = {c for g in groupes if not g.souple for c in g.concepts}
    assert adulte in requis and not requis & set(suites_adultes()), [str(g) for g in groupes]


def test_a_childs_kind_for_a_child_stays(index):
    groupes = index.resolve("IME pour mon fils de 12 ans", enfant=True, profil="aval").groupes
    assert "R244:48" in {c for g in groupes for c in g.concepts}, [str(g) for g in groupes]
