"""A boiling liquid on the skin is a burn; a patient said boiling hot still has a fever (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins

BRULURES = frozenset(("R211:121", "R211:359", "R210:1641", "R211:175", "R244:146", "R244:308"))


@pytest.mark.parametrize("text", ["huile bouillante sur la main", "eau bouillante sur le pied",
                                  "mon neveu a fait tomber la casserole bouillante sur sa main"])
def test_a_boiling_liquid_on_the_skin_is_a_burn(index, text):
    assert BRULURES & set(besoins(index, text)[:3]), besoins(index, text)


@pytest.mark.parametrize("text, liquide", [("il a reçu du café bouillant sur le torse", "café"),
                                           ("mon bébé a renversé son biberon bouillant sur ses jambes", "biberon")])
def test_the_name_of_a_boiling_liquid_is_no_need(index, text, liquide):
    # "café" read "Taches café au lait" (dermatology), "biberon" a feeding act
    assert liquide in index.resolve(text, None, "mobile").ignores


def test_a_patient_said_boiling_hot_has_a_fever_not_a_burn(index):
    assert not BRULURES & set(besoins(index, "il a le front bouillant"))
