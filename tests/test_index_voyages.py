"""A journey named by its destination (issue 10): "fièvre au retour du Burkina" is the traveller's
fever (tropical infection first), not "mal…" nor a "Retour veineux pulmonaire anormal"."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import Termes
from ror_orientation.index.voyages import voyages
from tests.lecture import groupes


@pytest.mark.parametrize("text", ["fièvre au retour du Burkina", "fièvre au retour de thaïlande",
                                  "fièvre de retour de Guinée"])
def test_a_fever_back_from_a_country_reads_tropical_infectiology(index, text):
    (lu,) = groupes(index, text)
    assert "R211:077" in lu[:2], lu[:5]


def test_a_clinical_word_after_retour_de_is_no_place():
    termes = Termes()
    for text in ("fièvre au retour de couches", "SMR au retour d'hospitalisation"):
        mots = termes.mots(text)
        assert voyages(text, mots, lambda m: True, termes.terme) == mots
    mots = termes.mots("fièvre au retour du Niger")
    assert [m.plie for m in voyages("fièvre au retour du Niger", mots, lambda m: True, termes.terme)] \
        == ["fievre", "retour", "voyage"]
