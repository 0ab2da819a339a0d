"""Diseases of early childhood coded in the organ chapters of the CIM-10 (Kawasaki in M, the
exanthème subit in B, Reye in G) read paediatrics, not the adult speciality of their chapter
(issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex


def _premier(index: ConceptIndex, text: str, profil: str) -> str:
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    return g.matches[0].concept


@pytest.mark.parametrize("text", ["syndrome de Kawasaki", "roséole", "syndrome de Reye"])
@pytest.mark.parametrize("profil", ["mobile", "samu"])
def test_a_disease_of_early_childhood_reads_paediatrics(index, text, profil):
    # (Kawasaki read adult rheumatology and its city practices, the roséole the adults' infectious
    # diseases ward), with no age typed
    assert _premier(index, text, profil) == "R211:088"
