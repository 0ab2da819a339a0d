"""A focal deficit said by the territory it strikes ("déficit de l'hémicorps", "faiblesse d'un
côté du corps") is the hemiplegia the CIM-10 labels name, so its onset reads the stroke unit; a
deficit said of nothing ("déficit immunitaire") keeps its own labels (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import Termes
from ror_orientation.index.concepts import ConceptIndex
from ror_orientation.index.deficits import charger_deficits, deficits


def _premier(index: ConceptIndex, text: str, profil: str = "samu") -> str:
    g = [g for g in index.resolve(text, None, profil).groupes if not g.souple][0]
    return g.matches[0].concept


@pytest.mark.parametrize("text", [
    "déficit moteur de l'hémicorps gauche brutal", "déficit sensitivo-moteur de l'hémicorps droit depuis 1h",
    "faiblesse brutale de l'hémicorps gauche", "déficit brachio-facial gauche apparu il y a 2 heures",
    "faiblesse soudaine d'un côté du corps"])
def test_a_deficit_of_a_body_half_that_just_began_reads_the_stroke_unit(index, text):
    # (it read the immune deficits: allergology, haematology; "hémicorps" nothing)
    assert _premier(index, text) in ("R211:356", "R211:098"), text
    assert not {"hémicorps", "côté", "corps", "faiblesse"} & set(index.resolve(text, None, "samu").inexpliques)


def test_a_deficit_without_a_territory_keeps_its_labels(index):
    assert _premier(index, "déficit immunitaire", "aval") in ("R211:005", "R211:055")


def test_the_territory_and_its_sign_read_as_the_label_noun_within_a_few_words():
    termes = Termes()
    hemi = termes.terme("hémiplégie")
    for text in ("déficit moteur brutal de l'hémicorps", "hémicorps droit : faiblesse"):
        lus = [m.terme for m in deficits(text, termes.mots(text), termes.terme)]
        assert lus.count(hemi) == 2, text
    loin = "déficit en fer chez un patient âgé qui a souvent mal à l'hémicorps"
    assert hemi not in [m.terme for m in deficits(loin, termes.mots(loin), termes.terme)]


def test_every_row_reads_a_label_noun_of_the_clinical_vocabulary(index):
    assert charger_deficits()
    voc = index.vocabulaire
    assert voc is not None
    for row in charger_deficits():
        stem = Termes().terme(row.nom)
        assert stem is not None and voc.connait(stem, False), row.nom
