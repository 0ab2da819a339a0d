"""A specialist is asked for by the speciality's name (issue 10): French derives the doctor from
the speciality by a suffix ("urologue", "généticien", "radiothérapeute") and the stemmer keeps the
two apart, so the name read nothing ("urologue", "généticien", "obstétricien") or was taken for a
typo of another word ("hématologue" → toxicology); a name typed by ear ("s" for the "c" of
"-icien") is the same specialist."""

from __future__ import annotations

import pytest

from ror_orientation.index.specialistes import specialite

from .lecture import besoins


def test_the_speciality_word_is_derived_by_the_suffix():
    assert specialite("urologue") == "urologie"
    assert specialite("neonatologiste") == "neonatologie"
    assert specialite("geneticienne") == "genetique"
    assert specialite("radiotherapeute") == "radiotherapie"
    assert specialite("praticien") is None  # any doctor
    assert specialite("logue") is None


@pytest.mark.parametrize(("text", "concept"), [
    ("urologue", "R211:031"), ("hématologue", "R211:055"), ("obstétricien", "R211:100"),
    ("hépatologue", "R211:062"), ("radiothérapeute", "R211:168"), ("sexologue", "R211:135"),
])
def test_a_specialist_reads_the_speciality(index, text, concept):
    assert concept in besoins(index, text)[:2]


def test_a_geneticist_even_typed_by_ear_is_genetics(index):
    assert "R211:049" in besoins(index, "généticien")
    assert "R211:049" in besoins(index, "rendez-vous chez un genetisienne")
