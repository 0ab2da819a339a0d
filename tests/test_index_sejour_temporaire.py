"""A dependent relative taken in for a while asks a temporary stay (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins, groupes

TEMPORAIRE = "R240:01"


@pytest.mark.parametrize("text, profil", [("qui peut accueillir ma sœur polyhandicapée pendant mon opération", "mobile"),
                                          ("une place pour mamie le temps de notre déménagement", "aval"),
                                          ("mon frère autiste, il faudrait le placer trois semaines cet été", "mobile"),
                                          ("ma mère atteinte d'Alzheimer, pouvez-vous l'héberger 15 jours", "aval")])
def test_a_dependent_relative_taken_in_for_a_while_asks_a_temporary_stay(index, text, profil):
    lu = groupes(index, text, profil=profil)
    assert any(g[0] == TEMPORAIRE for g in lu), lu
    # ...never a night-watch at home, home hospitalisation or a dentist for "déménagement"
    assert not {"R210:0781", "R244:128", "R211:101"} & set(besoins(index, text, profil=profil)), lu


@pytest.mark.parametrize("text", ["prendre rendez-vous dans quelques jours pour mon père handicapé",
                                  "garder mon fils quelques jours",
                                  "mon père handicapé est hospitalisé depuis trois semaines"])
def test_a_time_said_as_when_or_no_dependent_person_asks_no_temporary_stay(index, text):
    assert TEMPORAIRE not in besoins(index, text)
