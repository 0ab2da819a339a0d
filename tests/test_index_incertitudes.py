"""Hedges (`index/incertitudes.py`): how sure the caller is of a disease, never a need of their
own (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex


@pytest.mark.parametrize(("text", "expected"), [
    ("suspicion de méningite", "R211:077"),  # infectious diseases, as "méningite" alone
    ("suspicion d'AVC", "R211:097"),
    ("suspicion de SCA", "R211:014"),
])
def test_a_suspected_disease_reads_the_disease_not_general_practice(index: ConceptIndex, text, expected):
    # "suspicion" alone read CIM-10 Z03 (observation for a suspected disease): general practice,
    # first or as a second need
    it = index.resolve(text, None, "samu")
    assert it.concepts[0] == expected
    assert "R211:437" not in it.concepts[:3]
    assert len([g for g in it.groupes if not g.souple]) == 1
