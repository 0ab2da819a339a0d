"""A word naming the kind of care asked for ("chirurgie", "traitement") beside a disease is not
the disease (issue 10): the clinical labels holding it by chance read the query instead —
"traitement de la tuberculose" was "syndromes dus à de mauvais traitements" (general practice),
"cyphose chirurgie" leaned on "troubles fonctionnels après chirurgie cardiaque". Such a word
weighs as a qualifier in the clinical vocabulary, and the disease's reading covers it."""

from __future__ import annotations

import pytest

from .lecture import groupes

MEDECINE_GENERALE = "R211:437"
INFECTIOLOGIE = "R211:077"
CARDIOLOGIE = "R211:013"
CHIRURGIE_RACHIS = "R211:436"




@pytest.mark.parametrize("text", ["traitement de la tuberculose", "tuberculose traitement",
                                  "hépatite b traitement", "traitement hépatite"])
def test_a_treatment_asked_for_an_infection_reads_the_infection(index, text):
    lus = groupes(index, text)
    assert len(lus) == 1  # the care word is read with the disease, not as a need of its own
    assert lus[0][0] == INFECTIOLOGIE
    assert MEDECINE_GENERALE not in lus[0]


def test_a_treatment_of_hypertension_is_cardiology(index):
    assert groupes(index, "traitement de l'hypertension")[0][0] == CARDIOLOGIE


def test_surgery_beside_a_spine_disease_reads_the_spine(index):
    lus = groupes(index, "cyphose chirurgie")[0]
    assert CHIRURGIE_RACHIS in lus[:2]
    assert CARDIOLOGIE not in lus


def test_surgery_typed_alone_still_reads_surgery(index):
    lus = [c for g in groupes(index, "chirurgie") for c in g]
    assert lus and all(c.startswith(("R210:", "R211:", "R244:")) for c in lus[:3])
    assert groupes(index, "chirurgie cardiaque")[0][0] == "R211:018"
