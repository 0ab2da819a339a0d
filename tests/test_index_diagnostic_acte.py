"""A diagnosis whose lay word is also a word of an ROR act (issue 10): "décompression" is the
divers' disease (CIM-10 T70.3) in the lay lexicon, and only in passing the act "Décompression
médullaire"; typed with the words of the disease, the diagnosis reads it, not the act."""

from __future__ import annotations

from ror_orientation.index import ConceptIndex

HYPERBARE = "R211:084"  # médecine hyperbare
DECOMPRESSION_MEDULLAIRE = "R210:0637"


def test_the_lay_form_of_the_divers_disease_reads_the_disease(index: ConceptIndex) -> None:
    for texte in ("accident de décompression", "suspicion d'accident de décompression"):
        it = index.resolve(texte, profil="samu")
        assert HYPERBARE in it.concepts[:3], texte
        assert DECOMPRESSION_MEDULLAIRE not in it.concepts, texte


def test_the_act_typed_whole_keeps_its_reading(index: ConceptIndex) -> None:
    it = index.resolve("décompression médullaire", profil="samu")
    assert it.concepts[0] == DECOMPRESSION_MEDULLAIRE
