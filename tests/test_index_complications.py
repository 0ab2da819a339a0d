"""Complications that change the speciality (`index/complications.py`): a perforated or obstructed
organ, an obstacle "sur calcul" / "sur tumeur", is surgical (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index import complications, default_concept_index
from ror_orientation.nomenclatures import default_nomenclatures


def test_every_activity_of_the_surgical_map_exists_and_is_active():
    table = default_nomenclatures().table("TRE_R211").codes
    for medical, surgical in complications.CHIRURGIE.items():
        for concept in (medical, *surgical):
            entry = table.get(concept.split(":", 1)[1])
            assert entry is not None and entry.actif, concept


@pytest.mark.parametrize(("text", "medical", "surgical"), [
    ("ulcère gastrique perforé", "R211:046", "R211:033"),
    ("pyélonéphrite obstructive sur calcul", "R211:095", "R211:031"),
    ("hypertension intracrânienne sur tumeur cérébrale", "R211:097", "R211:096"),
    ("hypertension intracrânienne sur dérivation bouchée", "R211:097", "R211:096"),  # a blocked device
])
def test_a_complicated_organ_disease_reads_the_organs_surgery_first(text, medical, surgical):
    it = default_concept_index().resolve(text)
    assert it.concepts[0] == surgical
    assert medical in it.concepts  # the physician's side still meets the need, below


def test_without_a_complication_the_organs_medicine_keeps_the_need():
    assert default_concept_index().resolve("ulcère gastrique").concepts[0] == "R211:046"


def test_a_mouthful_is_no_obstruction():
    # "bouchée" after a determiner is the noun (what was swallowed), not a blocked device
    assert not complications.complique(["fausse", "route", "bouchee"], "fausse route sur une bouchee")
    assert complications.complique(["sonde", "bouchee"], "sonde bouchee")
