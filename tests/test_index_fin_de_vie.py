"""Dying at home is an end of life cared for there, not a wish to die (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins

PALLIATIF = frozenset(("R211:170", "R211:076", "R244:175", "R211:563", "R211:571"))
PSYCHIATRIE = frozenset(("R211:158", "R211:612", "R211:229", "R244:174", "R211:228"))


@pytest.mark.parametrize("text", ["elle veut mourir chez elle", "ma tante voudrait décéder à domicile",
                                  "il veut s'éteindre dans son lit",
                                  "mon grand-père souhaite mourir à la maison"])
def test_dying_at_home_is_palliative_care_not_suicidal_ideation(index, text):
    lu = besoins(index, text)
    assert lu and lu[0] in PALLIATIF and not PSYCHIATRIE & set(lu), lu


def test_a_home_said_for_the_death_keeps_its_home_care(index):
    lu = index.resolve("ma tante voudrait décéder à domicile", None, "mobile")
    assert any(g.matches and g.matches[0].concept == "R244:128" for g in lu.groupes)  # HAD ranks


def test_a_wish_to_die_without_a_home_is_still_suicidal_ideation(index):
    assert PSYCHIATRIE & set(besoins(index, "mon ado dit qu'il veut mourir")[:3])
    assert PSYCHIATRIE & set(besoins(index, "elle veut mourir, elle ne supporte plus rien")[:3])
