"""A lay diagnosis word that also opens an act's label is the injury typed (issue 10): "section"
(the lay word "sectionné", a traumatic cut) opens the CCAM tenotomies "Section ou allongement de
plusieurs tendons…"; "section des tendons" typed is the cut tendon (hand surgery, SOS main), so
the acts do not take the words from the diagnoses for holding "section" too."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import Termes
from ror_orientation.index.terminologie import Terme, Terminologie


@pytest.fixture(scope="module")
def voc(termes: Termes) -> Terminologie:
    return Terminologie([
        Terme("lexique", "sectionné  Amputation traumatique du poignet et de la main", ("R211:258",), 20.0),
        Terme("CIM-10 S661", "Lésion traumatique du muscle et du tendon fléchisseurs d'un autre doigt",
              ("R211:258", "R211:467"), 10.0),
        Terme("CCAM NJPA029", "Section ou allongement de plusieurs tendons pour correction d'attitude vicieuse",
              ("R211:025",), 8.0),
    ], termes)


def test_an_act_opening_with_a_lay_diagnosis_word_does_not_read_it(voc, termes):
    stems = [m.terme for m in termes.mots("section des tendons")]
    lecture = voc.lire(stems, tapes=stems)
    assert lecture is not None
    assert lecture.concepts[0][0] == "R211:258"
    assert "R211:025" not in dict(lecture.concepts)


@pytest.mark.parametrize("text", [
    "section des tendons",
    "section d'un tendon au couteau",
    "section de plusieurs tendons par une vitre",
    "section tendon",
])
def test_shipped_vocabulary_reads_a_cut_tendon_as_hand_surgery(index, text):
    besoins = [g for g in index.resolve(text, profil="samu").groupes if not g.souple]
    assert besoins[0].matches[0].concept == "R211:258"  # urgences spécialisées main, not orthopaedics
