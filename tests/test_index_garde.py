"""A doctor asked out of hours is the town's duty doctor, not every medical speciality (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins, groupes

SOINS_NON_PROGRAMMES = "R244:92"


@pytest.mark.parametrize("text", ["un docteur de nuit pour ma fille qui a de la fièvre",
                                  "il me faut un généraliste ouvert ce dimanche, ma femme a une angine",
                                  "où trouver un médecin ce week-end pour une toux qui ne passe pas",
                                  "le médecin de garde du secteur"])
def test_a_doctor_asked_out_of_hours_reads_the_duty_doctor(index, text):
    lu = groupes(index, text)
    assert lu and lu[0][0] == SOINS_NON_PROGRAMMES, lu
    # ...never the night-watch at home "garde" read alone, nor forensic medicine
    assert not {"R210:0781", "R210:0782", "R211:086"} & set(besoins(index, text)), lu


def test_a_time_of_day_is_no_misspelt_care(index):
    # "soir" was corrected into "soins" (palliative, nursing...): a word of the request is no typo
    lu = groupes(index, "une infirmière ce soir pour un pansement")
    assert not any(g[0] == "R211:170" for g in lu), lu


@pytest.mark.parametrize("text, lu", [("médecin généraliste", "R211:437"), ("médecin légal", "R211:086")])
def test_a_doctor_named_without_a_time_keeps_its_speciality(index, text, lu):
    assert besoins(index, text)[0] == lu
