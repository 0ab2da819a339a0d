""""Nouveau" is new, not a newborn, unless "né" follows it (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins

NEONATOLOGIE = frozenset(("R211:094", "R211:128", "R211:369", "R244:289", "R244:286"))


@pytest.mark.parametrize("text", ["un dentiste qui accepte de nouveaux patients",
                                  "mon médecin part à la retraite, je cherche un nouveau généraliste",
                                  "il a de nouveaux boutons sur le bras"])
def test_new_is_no_newborn(index, text):
    lu = besoins(index, text)
    assert lu and not NEONATOLOGIE & set(lu), lu


@pytest.mark.parametrize("text", ["nouveau-né qui respire mal", "nouveau né de 3 jours jaune",
                                  "réanimation des nouveaux-nés"])
def test_a_newborn_is_still_one(index, text):
    assert NEONATOLOGIE & set(besoins(index, text))
