"""A cardiac arrest told by the rescue it called for reads as one (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins

ARRET = frozenset(("R211:126", "R211:127", "R211:160", "R244:121"))
# what the words read alone: the chest-compression board, defibrillator implantation, organ donation
AILLEURS = frozenset(("R212:064", "R210:0249", "R210:0383"))


@pytest.mark.parametrize("text", ["ma femme s'est écroulée, les secours lui ont fait un massage",
                                  "il a eu un massage cardiaque avant d'arriver",
                                  "ses collègues l'ont défibrillé au bureau",
                                  "le coeur de mon grand-père s'est arrêté pendant le repas",
                                  "son coeur a cessé de battre quelques minutes"])
def test_a_rescue_done_on_the_patient_reads_a_cardiac_arrest(index, text):
    lu = besoins(index, text, profil="samu")
    assert lu and lu[0] in ARRET, lu
    assert not AILLEURS & set(lu), lu


@pytest.mark.parametrize("text, lu", [("planche à massage cardiaque", "R212:064"),
                                      ("on lui a fait un massage du dos", "R211:131")])
def test_equipment_and_a_massage_of_a_body_part_are_no_arrest(index, text, lu):
    got = besoins(index, text, profil="samu")
    assert lu in got and not ARRET & set(got), got
