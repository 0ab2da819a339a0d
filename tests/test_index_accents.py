"""A typed final « é » tells two words of one stem apart (issue 10): "côté" is not "côte" (a rib),
"élevé" is not "élève"; typed without accents, both are read as before."""

from __future__ import annotations

import pytest

from ror_orientation.index import default_concept_index
from ror_orientation.index.accents import Accents, base, finale
from ror_orientation.index.analyse import Termes
from ror_orientation.index.terminologie import Terme, Terminologie


@pytest.fixture(scope="module")
def voc(termes: Termes) -> Terminologie:
    return Terminologie([Terme("CIM-10 S22", "Fracture de côte", ("R211:001",), 5.0),
                         Terme("CIM-10 S22", "Fractures multiples de côtes", ("R211:001",), 5.0),
                         Terme("CIM-10 R52", "Douleur d'un côté du corps", ("R211:002",), 5.0),
                         Terme("CIM-10 R10", "Douleur de la cote", ("R211:003",), 5.0)],
                        termes)


def _read(voc: Terminologie, termes: Termes, text: str) -> tuple[str, ...]:
    mots = termes.mots(text)
    lecture = voc.lire([m.terme for m in mots], surfaces=[m.surface for m in mots])
    return tuple(c for c, _ in lecture.concepts) if lecture else ()


def test_final_e_and_base():
    assert finale("côté") and finale("Côtés") and finale("âgées") and finale("élevé")
    assert not finale("côte") and not finale("côtes") and not finale("âge") and not finale("aiguë")
    assert base("côte") == base("côtés") == base("cotes") == "cot"
    assert base("précisé") != base("précision")


def test_typed_accent_picks_the_word_that_carries_it(voc, termes):
    assert set(_read(voc, termes, "côté")) == {"R211:002", "R211:003"}
    assert set(_read(voc, termes, "côtes")) == {"R211:001", "R211:003"}


def test_without_accents_both_words_are_read(voc, termes):
    assert set(_read(voc, termes, "cote")) == {"R211:001", "R211:002", "R211:003"}
    assert set(_read(voc, termes, "COTE")) == {"R211:001", "R211:002", "R211:003"}


def test_only_words_written_both_ways_are_told_apart(termes):
    a = Accents()
    for d, w in enumerate(["précision", "précisé", "aigüe", "aiguë", "diabète"]):
        a.ajouter(d, w, termes.terme(w) or w)
    a.figer()
    assert len(a) == 0
    assert a.contredits("précisé", "precis") == frozenset()
    assert a.contredits("diabéte", "diabet") == frozenset()


def test_the_reader_keeps_a_typed_side_from_a_rib():
    index = default_concept_index()
    assert index.vocabulaire is not None
    lu = index.vocabulaire
    cote = [m for m in lu.analyseur.mots("côte")][0]
    cote_e = [m for m in lu.analyseur.mots("côté")][0]
    assert lu.accents.contredits(cote_e.surface, cote_e.terme)
    assert lu.accents.contredits(cote.surface, cote.terme)
    assert not lu.accents.contredits("cote", cote.terme)
