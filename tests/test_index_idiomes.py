"""Lay idioms are read as the event they say, not word by word (issue 10): a verb's past
participle binds the lay expression typed in the present ("a perdu les eaux" is "perd les eaux"),
the caller's helplessness ("on ne sait plus quoi faire", "vers qui se tourner") names no need, and
the acute events families describe (a swelling face, a person who cannot be woken, a tight cast)
lead to the emergency units, not to the organ's consultation."""

from __future__ import annotations

import pytest

from ror_orientation.index.idiomes import blanchir, motif
from tests.lecture import besoins, groupes

URGENCES = {"R211:157", "R211:160", "R244:20", "R211:159"}
MEMOIRE = {"R211:597", "R245:28"}


@pytest.mark.parametrize("text", ["j'ai perdu les eaux cette nuit"])
def test_a_conjugated_verb_binds_the_lay_expression(index, text):
    assert besoins(index, text)[:1] == ["R211:100"]  # obstetrics, not the hyperbaric "eaux"


@pytest.mark.parametrize("text", ["ma sœur prend de la cocaïne, on ne sait plus quoi faire"])
def test_the_callers_helplessness_is_no_memory_complaint(index, text):
    assert not set(besoins(index, text)) & MEMOIRE


def test_idioms_are_blanked_with_their_offsets():
    text, lus = blanchir("Aidez-nous : notre fils fugue", motif(["aidez-nous"]))
    assert lus == ["Aidez-nous"] and text == " " * 10 + " : notre fils fugue"


@pytest.mark.parametrize("text", ["sa langue gonfle depuis qu'il a mangé des noix",
                                  "impossible de réveiller ma tante ce matin"])
def test_an_acute_lay_event_leads_to_the_emergencies_first(index, text):
    assert groupes(index, text) and set([c for g in groupes(index, text) for c in g[:2]]) & URGENCES


def test_a_vertigo_is_no_psychiatric_need(index):
    lu = besoins(index, "la tête qui tourne et je vomis")
    assert "R211:229" not in lu and {"R211:016", "R211:157"} & set(lu)


def test_where_the_caller_searched_is_no_need(index):
    # "nulle part" typed last: "part" read as the prefix of the post-partum (obstetrics)
    lu = besoins(index, "ma fille autiste de 25 ans n'a de place nulle part")
    assert "R211:100" not in lu and "R245:02" in lu
