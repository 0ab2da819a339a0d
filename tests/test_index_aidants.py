"""A carer worn out by a relative's care, or away on holiday, asks for respite (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins

REPIT = frozenset(("R211:394", "R244:38", "R244:320", "R211:325", "R240:01"))
# what the words read alone: the speaker's own fatigue (general practice), a breath sign, equipment
AILLEURS = frozenset(("R211:437", "R211:114", "R212:161"))


@pytest.mark.parametrize("text", ["je m'occupe seule de mon père dément et je suis à bout",
                                  "ma sœur prend soin de notre mère tous les jours et elle craque",
                                  "mon fils handicapé est à ma charge, je suis au bout du rouleau",
                                  "je m'occupe de ma femme malade, j'ai besoin d'une pause"])
def test_a_worn_out_carer_asks_for_respite_not_for_their_own_fatigue(index, text):
    groupes = [g for g in index.resolve(text, None, "aval").groupes if not g.souple and g.matches]
    assert any(g.matches[0].concept in REPIT for g in groupes), [g.texte for g in groupes]
    assert not AILLEURS & set(besoins(index, text, profil="aval"))


def test_caring_for_a_relative_without_exhaustion_is_no_respite(index):
    assert not REPIT & set(besoins(index, "je m'occupe de ma mère qui a un cancer"))
    # the speaker's own exhaustion, no one cared for, is still their fatigue
    assert not REPIT & set(besoins(index, "je suis épuisée depuis des semaines"))


@pytest.mark.parametrize("text", ["qui peut prendre ma grand-mère pendant les vacances d'été",
                                  "accueil de ma mère dépendante pendant nos vacances"])
def test_care_of_a_relative_during_the_holidays_is_temporary_care_not_general_practice(index, text):
    # CIM-10 Z75.5 "Prise en charge pendant les vacances" (holiday relief care) fell to the
    # chapter's default, general practice
    lu = besoins(index, text)
    assert "R240:01" in lu and "R211:437" not in lu, lu


@pytest.mark.parametrize("text, soin", [("chimiothérapie pendant les vacances en Bretagne", "R210:0652"),
                                        ("orthophoniste pendant les vacances scolaires", "R211:200")])
def test_holidays_beside_a_care_asked_say_when_it_is_needed_not_the_need(index, text, soin):
    lu = besoins(index, text)
    assert lu[0] == soin and not {"R240:01", "R211:437", "R244:38"} & set(lu), lu
