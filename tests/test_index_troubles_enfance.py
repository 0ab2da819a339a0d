"""The disorders of childhood are routed by their own code, not by their block's default (issue
10): F90-F98 all went to child psychiatry first, so a stutter (F98.5) was sent to a child
psychiatry day hospital before the speech therapist who treats it, and soiling (F98.1) before the
paediatrician or family doctor who sees it first."""

from __future__ import annotations

import pytest

from .lecture import besoins

ORTHOPHONIE = "R211:200"
PEDOPSYCHIATRIE = "R211:227"
MEDECINE_PEDIATRIQUE = "R211:088"




@pytest.mark.parametrize("text", ["bégaiement", "il bégaye beaucoup", "ma fille bégaie depuis la rentrée"])
def test_a_stutter_goes_to_speech_therapy_first(index, text):
    lus = besoins(index, text)
    assert lus[0] == ORTHOPHONIE
    assert PEDOPSYCHIATRIE in lus  # still there, behind it


def test_soiling_goes_to_the_paediatrician_first(index):
    lus = besoins(index, "encoprésie")
    assert lus[0] == MEDECINE_PEDIATRIQUE
    assert lus.index(PEDOPSYCHIATRIE) > 0
