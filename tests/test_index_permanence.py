"""A route naming a speciality's permanent care (PDSES) before any acute unit is acute as written,
and a poisoning by a non-medicinal product reads its "Effet toxique de …" label (issue 10)."""

from __future__ import annotations

from ror_orientation.index.concepts import ConceptIndex
from ror_orientation.index.permanence import permanente


def _premiers(index: ConceptIndex, text: str, profil: str, n: int = 1) -> list[str]:
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    return [m.concept for m in g.matches[:n]]


def test_the_pdses_acts_are_known_by_their_label(index):
    assert permanente(index.concept("R210:1610").libelle)  # … en caisson oxygène hyperbare
    assert not permanente(index.concept("R210:0686").libelle)  # oxygénothérapie hyperbare


def test_carbon_monoxide_reads_hyperbaric_medicine_first_for_a_regulator(index):
    # the T58 route puts the caisson's permanent care before intensive care: a regulator's lay
    # reading no longer lifts the ICU above it
    assert _premiers(index, "monoxyde de carbone", "samu") == ["R211:084"]


def test_a_poisoning_by_a_product_reads_its_toxic_effect_label(index):
    # "intoxication au …" is coded "Effet toxique de …" (T51-T65): the whole phrase reads T58,
    # not "carbone" as the carbonic anhydrase of a diuretic poisoning (T50.2)
    assert _premiers(index, "intoxication au monoxyde de carbone", "mobile") == ["R211:084"]
    assert _premiers(index, "intoxication par le monoxyde de carbone d'une femme enceinte", "samu") \
        == ["R211:084"]
