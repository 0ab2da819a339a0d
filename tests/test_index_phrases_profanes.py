"""Two lay phrases typed whole are two needs in the patient's words (issue 10): the second one
("ne mange plus" beside "perd du poids") is read too, never left unexplained for weighing less."""

from __future__ import annotations

import pytest

from ror_orientation.index import ConceptIndex


@pytest.mark.parametrize("texte", ["elle ne mange plus et perd du poids",
                                   "ne mange plus depuis un mois et maigrit sans raison"])
def test_a_second_lay_phrase_typed_whole_is_read(index: ConceptIndex, texte: str) -> None:
    it = index.resolve(texte, profil="samu")
    assert not it.inexpliques, it.inexpliques
    assert any("mange" in g.texte for g in it.groupes)


def test_a_lay_phrase_read_first_keeps_its_sense(index: ConceptIndex) -> None:
    it = index.resolve("refuse de manger et a beaucoup maigri", profil="samu")
    assert "R245:01" in it.concepts[:4]  # eating disorders
