"""A family's description to the SAMU asks for the units taking the event now (issue 10): read
through lay words, its acute units come before the organ's consultations, unless it says the
complaint lasts."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex
from ror_orientation.index.profane import chronique


def _premier(index: ConceptIndex, text: str, profil: str = "samu") -> str:
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    return g.matches[0].concept


@pytest.mark.parametrize("text", ["il a très mal à la poitrine", "elle saigne beaucoup du nez"])
def test_a_lay_description_to_the_samu_leads_to_its_acute_units(index, text):
    assert index._urgent(_premier(index, text))
    assert not index._urgent(_premier(index, text, "mobile"))  # the public's app keeps the organ first


def test_a_lasting_complaint_keeps_the_organ_first(index):
    assert index._urgent(_premier(index, "il a très mal à la poitrine"))
    assert not index._urgent(_premier(index, "il a de plus en plus mal à la poitrine"))
    assert chronique("mal au dos depuis 3 ans") and not chronique("mal au dos depuis ce matin")


def _scores(index: ConceptIndex, text: str, profil: str) -> dict[str, float]:
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    return {m.concept: m.score for m in g.matches}


@pytest.mark.parametrize(("text", "avant", "apres"), [
    ("mon fils a avalé de la javel", "R211:249", "R211:130"),  # paediatric ED, then paediatric ICU
    ("il a avalé de la javel", "R211:157", "R211:127"),  # the ED, then the general ICU
])
def test_the_acute_units_put_first_keep_the_routes_order(index, text, avant, apres):
    # lifted together, not to one score: an ICU tied with the ED filled a child's answer with ICUs
    samu, mobile = _scores(index, text, "samu"), _scores(index, text, "mobile")
    assert index._urgent(max(samu, key=lambda c: samu[c]))
    assert mobile[avant] > mobile[apres] and samu[avant] > samu[apres]


@pytest.mark.parametrize(("text", "organe"), [
    ("forte fièvre et des taches sur la peau", "R211:037"),  # a febrile purpura, not the naevus of "taches"
    ("il voit double d'un coup", "R211:097"),  # a sudden diplopia, not a neurology appointment
])
def test_an_acute_lay_event_reads_its_acute_units_not_the_organ(index, text, organe):
    groupes = [g for g in index.resolve(text, None, "samu").groupes if not g.souple]
    assert len(groupes) == 1 and index._urgent(groupes[0].matches[0].concept)
    assert groupes[0].matches[0].concept != organe


def test_a_double_vision_of_years_keeps_the_organ(index):
    assert not index._urgent(_premier(index, "elle voit double depuis des années"))


@pytest.mark.parametrize("text", ["piqué par une méduse", "piqûre d'abeille dans la gorge",
                                  "mon mari a été piqué par un scorpion"])
@pytest.mark.parametrize("profil", ["samu", "aval"])
def test_a_sting_or_a_bite_goes_to_the_emergencies_before_intensive_care(index, text, profil):
    # T63 (contact with a venomous animal) fell to the route of T51-T65 poisonings: medical
    # intensive care and toxicology first for a wasp or a jellyfish
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    assert g.matches[0].concept in ("R211:160", "R211:157"), g.matches[:3]
