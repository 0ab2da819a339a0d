"""Words typed by ear are found back by their French sound key, within a bounded edit distance."""

from __future__ import annotations

import pytest

from ror_orientation.index.fautes import VocabulaireFlou
from ror_orientation.index.sons import cle


@pytest.mark.parametrize("heard,written", [
    ("pharingite", "pharyngite"), ("emautorax", "hemothorax"), ("rumatologie", "rhumatologie"),
    ("maternitez", "maternite"), ("assistanse", "assistance"), ("kinaisitherapeute", "kinesitherapeute"),
])
def test_words_heard_alike_share_a_key(heard, written):
    assert cle(heard) == cle(written)


@pytest.mark.parametrize("a,b", [("stemi", "semi"), ("sein", "sien"), ("casse", "case"), ("cancer", "danger")])
def test_words_heard_apart_keep_apart(a, b):
    assert cle(a) != cle(b)


def test_a_word_too_many_edits_from_every_word_is_found_by_its_sound():
    v = VocabulaireFlou(["hemothorax", "pneumothorax", "thorax"])
    assert v.chercher("hemautorax") == []  # three edits: beyond what a 10-letter word may differ
    assert v.entendus("hemautorax")[0] == ("hemothorax", 3)


def test_sound_alone_never_bridges_a_distance_beyond_one_more_edit():
    v = VocabulaireFlou(["thorax", "semi"])
    assert v.entendus("taurakse") == []  # heard like "thorax", but five edits away
    assert v.entendus("semy") == []  # short words are heard like too many others


def test_names_get_no_sound_key():
    assert VocabulaireFlou(["hemothorax"], sons=False).entendus("hemautorax") == []


@pytest.mark.parametrize("typed,written", [
    ("hemautorax", "hémothorax"), ("laringectaumie", "laryngectomie"), ("vaumissements", "vomissements"),
])
def test_a_word_spelled_by_ear_reads_as_the_word_meant(index, typed, written):
    assert index.resolve(typed).concepts[:3] == index.resolve(written).concepts[:3] != ()


@pytest.mark.parametrize("typed,written", [("hudronnephrose", "hydronéphrose")])
def test_two_slips_early_in_a_clinical_word_still_read_it(index, typed, written):
    # a neighbour key and a doubled letter, both in the first letters, where the clinical
    # vocabulary's typo index found only one
    assert index.resolve(typed).concepts[:3] == index.resolve(written).concepts[:3] != ()
