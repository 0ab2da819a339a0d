"""A child's urinary or genital surgery is paediatric visceral surgery (issue 10): TRE_R211 has no
paediatric urology or gynaecological surgery, so a urological need said of a child ("phimosis
enfant", "mon fils a mal aux testicules") was met by urology — which does not take children — and
the general paediatric ward added below it, never by the paediatric surgeons who operate it."""

from __future__ import annotations

import pytest

from .lecture import besoins

UROLOGIE = "R211:031"
CHIRURGIE_GYNECOLOGIQUE = "R211:022"
CHIRURGIE_PEDIATRIQUE_VISCERALE = "R211:605"
MEDECINE_PEDIATRIQUE = "R211:088"




@pytest.mark.parametrize("text", ["phimosis enfant", "mon fils a mal aux testicules"])
def test_a_childs_urological_need_reads_paediatric_surgery_before_the_ward(index, text):
    lus = besoins(index, text)
    assert lus[0] == UROLOGIE
    assert CHIRURGIE_PEDIATRIQUE_VISCERALE in lus[:2]
    ward = lus.index(MEDECINE_PEDIATRIQUE) if MEDECINE_PEDIATRIQUE in lus else len(lus)
    assert lus.index(CHIRURGIE_PEDIATRIQUE_VISCERALE) < ward


def test_an_adults_urological_need_reads_no_paediatric_surgery(index):
    assert CHIRURGIE_PEDIATRIQUE_VISCERALE not in besoins(index, "phimosis", enfant=False)


def test_gynaecological_surgery_has_the_same_child_equivalent(index):
    assert index.equivalent_pediatrique(CHIRURGIE_GYNECOLOGIQUE) == CHIRURGIE_PEDIATRIQUE_VISCERALE
    assert index.equivalent_pediatrique(UROLOGIE) == CHIRURGIE_PEDIATRIQUE_VISCERALE
