"""Sides and positions (`index/cotes.py`): where the disease typed beside them is, never a need of
their own (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex


@pytest.mark.parametrize("text", ["IDM antérieur", "SCA ST+ en postérieur", "IDM latéral"])
def test_a_territory_beside_an_infarction_is_no_need_of_its_own(index: ConceptIndex, text: str):
    # alone, "antérieur" read oncology, ENT and orthopaedics: a second need no cath lab carries
    it = index.resolve(text, profil="samu")
    assert [g.texte for g in it.groupes if not g.souple] == [text.split()[0] if "IDM" in text else "SCA ST"]
    assert it.concepts[0] == "R211:014"


def test_a_side_beside_a_need_read_apart_only_places_it(index: ConceptIndex):
    # "gauche" read "Fermeture de l'auricule gauche" as a ranking need beside the hip fracture
    it = index.resolve("fracture de hanche, FESF gauche", profil="samu")
    assert "R210:1206" not in it.concepts
    assert it.concepts[0] in {"R211:159", "R211:025"}
    # with the words it places, a side is still read as before
    assert [g.texte for g in index.resolve("hémiplégie droite", profil="samu").groupes] == ["hémiplégie droite"]
