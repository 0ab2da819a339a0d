"""A bite said with the verb, and a rabies vaccination, read the care they need (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins

URGENCES = frozenset(("R211:157", "R211:160", "R211:126", "R211:127", "R244:20", "R211:249", "R211:159",
                      "R211:261", "R211:023"))
ANTIRABIQUE = frozenset(("R210:0500", "R210:0604"))


@pytest.mark.parametrize("text", ["mon chat m'a mordu la main et ça gonfle",
                                  "ma fille s'est fait mordre au visage par le chien du voisin",
                                  "il a été mordu par un renard en forêt"])
def test_a_bite_said_with_the_verb_is_read_as_a_bite(index, text):
    lu = besoins(index, text)
    assert URGENCES & set(lu[:3]), lu
    assert not any(w in ("mordu", "mordre") for w in index.resolve(text, None, "mobile").inexpliques)


@pytest.mark.parametrize("text", ["vaccination contre la rage après une griffure de chat",
                                  "il faut le vaccin de la rage, un singe l'a griffé"])
def test_a_rabies_vaccination_is_the_antirabies_acts_not_general_practice(index, text):
    # CIM-10 Z24.2 fell to its chapter's default, general practice
    lu = besoins(index, text)
    assert ANTIRABIQUE & set(lu[:2]) and "R211:437" not in lu, lu


@pytest.mark.parametrize("text", ["calcul dans la glande salivaire", "langue géographique", "sialadénite"])
def test_the_mouth_diseases_of_k10_k14_are_stomatology_not_gastroenterology(index, text):
    # the K0 row's block, K00-K14, missed K10-K14 ("Morsure de la joue" read a dog bite on the
    # cheek as a digestive disease)
    lu = besoins(index, text)
    assert lu[0] in ("R211:137", "R211:023") and "R211:046" not in lu, lu
