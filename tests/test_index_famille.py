"""A family word says who the patient is, and a stated age decides over it (issue 10): "ma fille
de 25 ans" is an adult, "mon fils … au travail" too, "papa" is no old person's need; alone, the
child word still reads the paediatric population."""

from __future__ import annotations

import pytest

from ror_orientation.index import default_concept_index
from ror_orientation.index.concepts import ConceptIndex, age_dit
from tests.lecture import groupes

PEDIATRIE = {"R211:088", "R211:249", "R211:130"}
GERIATRIE = {"R211:050", "R211:491", "R244:156"}


@pytest.fixture(scope="module")
def idx() -> ConceptIndex:
    return default_concept_index()


def _concepts(idx: ConceptIndex, text: str, enfant: bool | None = None) -> set[str]:
    return {m.concept for g in idx.resolve(text, enfant).groupes for m in g.matches}


@pytest.mark.parametrize("text", ["ma fille de 25 ans a une pneumonie",
                                  "mon fils s'est coupé le doigt au travail",
                                  "notre fille, 30 ans, fait une crise d'asthme"])
def test_an_adult_age_or_life_outweighs_the_child_word(idx, text):
    assert not _concepts(idx, text) & PEDIATRIE


def test_the_age_field_of_an_adult_outweighs_the_child_word(idx):
    assert not _concepts(idx, "mon fils a une pneumonie", enfant=False) & PEDIATRIE
    assert _concepts(idx, "mon fils a une pneumonie") & PEDIATRIE


def test_a_child_word_alone_or_with_a_child_age_reads_the_child(idx):
    assert _concepts(idx, "ma fille est malade") & PEDIATRIE
    assert _concepts(idx, "mon fils de 8 ans a une pneumonie") & PEDIATRIE


def test_papa_is_no_geriatric_need(idx):
    assert not _concepts(idx, "papa a une pneumonie") & GERIATRIE
    assert _concepts(idx, "mamie est tombée") & GERIATRIE


def test_the_stated_age_and_not_a_duration():
    assert age_dit("ma fille de 16 ans") is True
    assert age_dit("notre fils de 20 ans") is False
    assert age_dit("il boit depuis 3 ans") is None
    assert age_dit("il y a 2 ans, mon fils de 40 ans") is False
    assert age_dit("mon fils se blesse au boulot") is False
    assert age_dit("mon fils tousse") is None


def test_a_paediatric_service_typed_stays_asked_whatever_the_age(idx):
    assert _concepts(idx, "urgences pédiatriques", enfant=False) & PEDIATRIE


@pytest.mark.parametrize("text", ["fillette qui vomit", "garçonnet tombé du lit"])
def test_a_child_named_as_a_girl_or_a_boy_reads_the_paediatric_population(idx, text):
    assert _concepts(idx, text) & PEDIATRIE


def test_a_boy_of_an_adult_age_is_an_adult(idx):
    assert not _concepts(idx, "garçon de 25 ans avec une pneumonie") & PEDIATRIE


@pytest.mark.parametrize("text", ["pédiatrie de garde", "pédiatre d'astreinte"])
def test_paediatrics_named_alone_with_a_time_is_the_need_not_the_time(index, text):
    # "pédiatre" reads who the patient is (soft): "garde" was left the only need, the elderly's
    # "Garde itinérante de nuit"
    assert not groupes(index, text)  # no required need: paediatrics ranks, as typed alone
    assert [g.texte for g in index.resolve(text).groupes] == [text.split()[0]]
    assert not groupes(index, "pédiatrie")


def test_paediatrics_named_with_a_way_of_receiving_keeps_it_as_a_need(index):
    assert "R244:11" in groupes(index, "pédiatrie ambulatoire")[0]  # Hôpital de jour
