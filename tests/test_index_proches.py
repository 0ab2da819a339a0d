"""A relationship word names the patient, never a need nor a unit's name (issue 10): "ma
belle-mère", "mon neveu", "ma tata" are who is ill, read from a table of relationships
(`proches.csv`), not from a hand list that missed most of them."""

from __future__ import annotations

import pytest

from ror_orientation.index.proches import charger_proches, mots_proches
from tests.lecture import besoins

PNEUMOLOGIE = "R211:114"


@pytest.mark.parametrize("proche", ["ma belle-mère", "mon beau-frère", "ma nièce", "mon neveu",
                                    "ma tata", "mon fiancé", "ma demi-sœur", "mon parrain"])
def test_a_relationship_word_is_who_is_ill_not_a_name_to_look_for(index, proche):
    r = index.resolve(f"{proche} tousse beaucoup", None, "mobile")
    assert not r.inexpliques, r.inexpliques
    assert besoins(index, f"{proche} tousse beaucoup")[:1] == [PNEUMOLOGIE]


def test_every_relationship_row_says_a_known_sex_and_age():
    rows = charger_proches()
    assert rows
    for p in rows:
        assert p.sexe in ("F", "H", "") and p.age in ("enfant", "adulte", "âgé", "") and p.justification


def test_a_child_relationship_is_left_to_the_child_synonyms_and_grand_never_generic():
    mots = mots_proches(charger_proches())
    assert {"fils", "fille", "grand", "petit"}.isdisjoint(mots)
    assert {"belle", "mere", "niece"} <= mots
