"""An addiction to a substance is read as addictology with substances: the CIM-10 substance
disorders (F10-F19) never mean the addictology "sans substance" (TRE_R211 001), kept for the
addictions without a product (F63.0: gambling, screens)."""

from __future__ import annotations

import pytest

SANS_SUBSTANCE = "R211:001"


@pytest.mark.parametrize("text", [
    "suivi ambulatoire addiction au cannabis",
    "accro à la cocaïne",
    "dépendance aux amphétamines",
])
def test_an_addiction_to_a_named_substance_is_addictology_with_substances(index, text):
    groupes = [g for g in index.resolve(text, profil="aval").groupes if not g.souple]
    assert groupes and groupes[0].matches[0].concept == "R211:404", [str(g) for g in groupes]
    assert SANS_SUBSTANCE not in {c for g in groupes for c in g.concepts}, [str(g) for g in groupes]


def test_an_addiction_without_product_stays_behavioural(index):
    groupes = index.resolve("addiction aux écrans", profil="aval").groupes
    assert groupes[0].matches[0].concept == SANS_SUBSTANCE, [str(g) for g in groupes]


def test_ambulatory_follow_up_is_the_consultation_as_much_as_the_day_hospital(index):
    groupes = index.resolve("dépendance à l'héroïne, suivi ambulatoire", profil="aval").groupes
    ambulatoire = next(g for g in groupes if g.texte == "ambulatoire")
    assert {"R213:32", "R244:11"} <= set(ambulatoire.concepts), [str(g) for g in groupes]
