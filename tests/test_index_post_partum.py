"""A mother's psychic distress told after a birth reads perinatal psychiatry (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.post_partum import NAISSANCE, PSYCHIATRIE
from ror_orientation.nomenclatures import default_nomenclatures

from .lecture import groupes


@pytest.mark.parametrize("text", ["ma femme pleure tout le temps depuis la naissance du bébé",
                                  "elle déprime depuis son accouchement",
                                  "depuis qu'elle a accouché elle ne veut plus voir son enfant, elle a des idées noires"])
def test_a_distress_told_after_a_birth_reads_perinatal_psychiatry_and_the_birth_only_ranks(index, text):
    lu = index.resolve(text, None, "mobile").groupes
    requis = [g for g in lu if not g.souple]
    assert [g.matches[0].concept for g in requis] == ["R211:230"], [g.texte for g in requis]
    # adult psychiatry is kept as a fallback ranked below every perinatal care...
    perinatal = [m.score for m in requis[0].matches if m.concept in {"R211:230", "R244:119", "R244:283"}]
    assert all(m.score < min(perinatal) for m in requis[0].matches if m.concept == "R211:229")
    # ...and the baby named beside is no paediatric patient
    assert not any(g.matches and g.matches[0].concept == "R211:088" for g in lu), [g.texte for g in lu]


def test_a_distress_without_a_birth_stays_adult_psychiatry(index):
    assert "R211:230" not in groupes(index, "ma femme est déprimée")[0]


def test_a_birth_without_distress_keeps_its_reading(index):
    assert "R211:230" not in {c for g in groupes(index, "rééducation du périnée après l'accouchement") for c in g}


def test_every_code_of_the_step_is_active_in_the_shipped_nomenclatures():
    nom = default_nomenclatures()
    for concept in PSYCHIATRIE | NAISSANCE:
        table, code = concept.split(":")
        entry = nom.table(f"TRE_{table}").codes.get(code)
        assert entry is not None and entry.actif, concept
