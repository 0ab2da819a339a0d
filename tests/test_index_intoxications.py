"""A drug taken is a poisoning (emergencies, toxicology, intensive care), the drug's lay word alone
or a lasting use the addiction."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex
from ror_orientation.index.intoxications import substances

TOXICOLOGIE = "R211:598"
ADDICTOLOGIE = "R211:404"


def _requis(index: ConceptIndex, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text, None, "samu").groupes if not g.souple for m in g.matches]


@pytest.mark.parametrize("text", ["il a fumé du crack", "elle a avalé du GHB cette nuit",
                                  "mon fils a encore pris de la kétamine et ne répond plus"])
def test_a_drug_taken_is_read_as_a_poisoning_not_the_addiction(index, text):
    lu = _requis(index, text)
    assert lu[0] == TOXICOLOGIE or lu.index(TOXICOLOGIE) < 3, lu
    assert ADDICTOLOGIE not in lu, lu


@pytest.mark.parametrize("text", ["crack", "il prend de la cocaïne", "il a pris de la cocaïne depuis des années"])
def test_the_drug_alone_or_its_lasting_use_stays_the_addiction(index, text):
    assert _requis(index, text)[0] == ADDICTOLOGIE


def test_the_drugs_are_the_lay_words_of_a_substance_other_than_alcohol():
    assert {"cocaine", "ecstasy", "heroine", "cannabis"} <= substances()
    assert "alcool" not in substances() and "ivre" not in substances()
