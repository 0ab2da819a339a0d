"""Life support under way (`index/suppleances.py`): a vasopressor or invasive ventilation set aside
as context still says a vital function fails, so intensive care meets the need (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.suppleances import suppleances

REANIMATION = "R211:126"


@pytest.mark.parametrize("phrase", [
    "cholangite sous noradrénaline",
    "péritonite sous amines",
    "pneumopathie intubée ventilée",  # read as ventilation acts before; then left as context only
])
def test_life_support_under_way_reads_intensive_care_with_the_need(index, phrase):
    lu = index.resolve(phrase, None, "samu")
    requis = [g for g in lu.groupes if not g.souple]
    assert len(requis) == 1 and REANIMATION in requis[0].concepts[:3]
    # the failing function ranks the acute units first, as "état de choc" does
    assert any(g.souple and g.concepts[0] in ("R211:126", "R211:127", "R211:160") for g in lu.groupes)


@pytest.mark.parametrize("phrase", ["cholangite sous AOD", "pneumopathie sous O2", "cholangite sous VNI"])
def test_other_treatments_under_way_say_nothing_of_the_care_level(index, phrase):
    besoin = phrase.split(" sous ")[0]
    assert index.resolve(phrase, None, "samu").concepts == index.resolve(besoin, None, "samu").concepts


def test_only_a_treatment_standing_in_for_a_vital_function_is_life_support():
    assert suppleances([("traitement", "sous NAD"), ("traitement", "sous AVK"), ("valeur", "Hb 6"),
                        ("traitement", "intubé ventilé"), ("traitement", "sous 3 L")]) \
        == ["sous NAD", "intubé ventilé"]
