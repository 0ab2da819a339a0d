"""A coded diagnosis typed in full is read beside a lay word (issue 10): "hématémèse" (K92.0), the
label's whole word, is as precise as the lay word "malaise" typed beside it, and more precise than
it, so the lay word does not take the reading and leave the diagnosis unexplained. A sign of
CIM-10 chapter XVIII ("hyperglycémie") names no diagnosis: the lay disease beside it keeps it."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import Termes
from ror_orientation.index.terminologie import Terme, Terminologie


@pytest.fixture(scope="module")
def voc(termes: Termes) -> Terminologie:
    return Terminologie([
        Terme("lexique", "malaise  Syncope et collapsus", ("R211:157", "R211:013"), 20.0),
        Terme("lexique", "diabète  Diabète sucré", ("R211:039",), 20.0),
        Terme("CIM-10 K920", "Hématémèse", ("R211:046", "R211:255"), 10.0),
        Terme("CIM-10 R739", "Hyperglycémie, sans précision", ("R211:157",), 10.0),
    ], termes)


def _premier(voc: Terminologie, termes: Termes, text: str) -> str:
    stems = [m.terme for m in termes.mots(text)]
    lecture = voc.lire([None if s in voc.neutres else s for s in stems], tapes=stems)
    assert lecture is not None
    return lecture.concepts[0][0]


def test_a_diagnosis_named_whole_outranks_a_lay_word_typed_beside_it(voc, termes):
    assert _premier(voc, termes, "malaise et hématémèse") == "R211:046"
    assert _premier(voc, termes, "hématémèse puis malaise") == "R211:046"
    # a sign of chapter XVIII is no diagnosis: the lay disease typed beside it keeps the reading
    assert _premier(voc, termes, "diabète et hyperglycémie") == "R211:039"


@pytest.mark.parametrize(("text", "attendu"), [
    ("vertige et hématémèse", "R211:046"),  # gastro-enterology, not the ENT of vertigo
    ("vertiges puis érysipèle", "R211:077"),  # infectious diseases (A46)
    ("fièvre et érysipèle de jambe", "R211:077"),
    ("confusion et méningite chez une personne âgée", "R211:077"),  # G03, not geriatrics
])
def test_shipped_vocabulary_reads_the_named_diagnosis_beside_a_lay_word(index, text, attendu):
    besoins = [g for g in index.resolve(text, profil="samu").groupes if not g.souple]
    assert attendu in [m.concept for m in besoins[0].matches[:3]]
