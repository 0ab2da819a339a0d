"""The longest lay word typed whole reads the words (issue 10): "se fait vomir" is an eating
disorder, not the nausea "vomit" names, when the query types it so; a neutral word typed elsewhere
in the query does not make a longer lay word."""

from __future__ import annotations

import pytest

from ror_orientation.index import default_concept_index
from ror_orientation.index.analyse import Termes
from ror_orientation.index.terminologie import Terme, Terminologie


@pytest.fixture(scope="module")
def voc(termes: Termes) -> Terminologie:
    v = Terminologie([Terme("lexique", "vomit  Nausées et vomissements", ("R211:046", "R211:157"), 20.0),
                      Terme("lexique", "vomissements  Nausées et vomissements", ("R211:046", "R211:157"), 20.0),
                      Terme("lexique", "se fait vomir  Troubles de l'alimentation", ("R211:229", "R211:228"), 20.0)],
                     termes)
    v.neutraliser(termes.termes("fait mal plus"))
    return v


def _read(voc: Terminologie, termes: Termes, text: str) -> tuple[str, ...]:
    typed = [m.terme for m in termes.mots(text)]
    stems = [None if t in voc.neutres else t for t in typed]
    lecture = voc.lire(stems, tapes=typed)
    assert lecture is not None
    return tuple(c for c, _ in lecture.concepts)


def test_the_longest_lay_word_typed_reads_the_words(voc, termes):
    assert _read(voc, termes, "se fait vomir")[0] == "R211:229"
    assert "R211:046" not in _read(voc, termes, "se fait vomir")


def test_a_shorter_lay_word_reads_when_the_longer_one_is_not_typed(voc, termes):
    assert _read(voc, termes, "il vomit")[0] == "R211:046"


def test_a_neutral_word_typed_elsewhere_does_not_make_the_longer_lay_word(voc, termes):
    # "fait" is typed, but far from "vomit": the nausea reading stays
    assert _read(voc, termes, "il fait chaud dehors et il vomit")[0] == "R211:046"


def test_without_the_words_typed_around_every_lay_word_votes(voc, termes):
    lecture = voc.lire([None, "vom"])
    assert lecture is not None
    assert {c for c, _ in lecture.concepts} >= {"R211:046", "R211:229"}


def test_shipped_vocabulary_reads_self_induced_vomiting_as_an_eating_disorder():
    idx = default_concept_index()
    besoin = [g for g in idx.resolve("adolescente qui se fait vomir", enfant=True).groupes if not g.souple]
    # (a teenager's: the eating disorders' speciality first, `conduites_alimentaires.py`)
    assert besoin and besoin[0].concepts[0] in ("R211:229", "R211:228", "R245:01")
    vomit = [g for g in idx.resolve("il vomit depuis ce matin").groupes if not g.souple]
    assert vomit and vomit[0].concepts[0] in ("R211:046", "R211:157")
