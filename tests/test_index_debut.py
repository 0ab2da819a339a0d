"""A focal deficit typed with its onset ("hémiplégie brutale", "aphasie depuis une heure") is the
acute phase of a stroke, read through ATIH's "récente" codes; the installed deficit keeps its
rehabilitation (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import plier
from ror_orientation.index.concepts import ConceptIndex
from ror_orientation.index.debut import recent


def _premier(index: ConceptIndex, text: str, profil: str = "samu") -> str:
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    return g.matches[0].concept


def test_the_onset_is_said_by_words_and_by_a_short_time_since():
    for text in ("aphasie brutale", "hémiplégie survenue brusquement", "paralysie du bras d'un coup",
                 "aphasie depuis 30 minutes", "il y a 2 h", "déficit au réveil"):
        assert recent(plier(text)), text
    for text in ("hémiplégie", "aphasie depuis 3 ans", "hémiplégie de plus en plus gênante"):
        assert not recent(plier(text)), text


@pytest.mark.parametrize("text", ["aphasie brutale", "hémiplégie gauche soudaine",
                                  "hémiparésie droite depuis une heure"])
def test_a_deficit_that_just_began_reads_the_stroke_unit(index, text):
    # (the hemiplegia read the rehabilitation of G80-G83, the aphasia speech therapy)
    assert _premier(index, text) == "R211:356"
    assert _premier(index, text, "mobile") == "R211:356"


def test_an_installed_deficit_keeps_its_rehabilitation(index):
    assert _premier(index, "hémiplégie", "aval") == "R211:234"
    assert _premier(index, "hémiplégie depuis des années", "aval") == "R211:234"
