"""A ligature folds to two letters ("sœur" → "soeur"): the reading steps that find a phrase in the
folded text and point back at the typed words must count positions in the text as typed, or every
word after the ligature is missed by one."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import plier, plier_en_place

from .lecture import besoins


def test_folding_in_place_keeps_every_position():
    text = "Ma sœur, l'œil et le cœur"
    assert len(plier(text)) == len(text) + 3
    en_place = plier_en_place(text)
    assert len(en_place) == len(text)
    assert en_place == "ma sour, l'oil et le cour"
    assert en_place.index("cour") == text.index("cœur")


@pytest.mark.parametrize("text", [
    "ma sœur est brûlante",  # fever, not a burn
    "ma sœur est enceinte et ne veut pas le garder",  # an abortion, not respite care
    "ma sœur dit que mon petit a de la fièvre",  # "mon petit" is a child
    "ma sœur a pris de la cocaïne et ne répond plus",  # a poisoning, not the addiction
    "ma sœur, le cœur battant, a de la fièvre au retour du Mali",  # "Mali" is the journey
])
def test_a_phrase_after_a_ligature_reads_as_with_the_letters_apart(index, text):
    assert besoins(index, text, profil="samu") == besoins(index, text.replace("œ", "oe"), profil="samu")
