"""A pregnancy the woman wants to end asks for an abortion (IVG), not for a maternity."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex

IVG = frozenset(("R210:0267", "R210:0268", "R211:105"))
OBSTETRIQUE = frozenset(("R211:100", "R244:290", "R244:293"))


def _requis(index: ConceptIndex, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text, None, "mobile").groupes if not g.souple for m in g.matches]


@pytest.mark.parametrize("text", ["je suis enceinte et je ne souhaite pas poursuivre la grossesse",
                                  "elle est enceinte de six semaines et veut avorter", "enceinte IVG"])
def test_a_pregnancy_she_wants_to_end_is_an_abortion_not_a_maternity(index, text):
    lu = _requis(index, text)
    assert lu and lu[0] in IVG and not OBSTETRIQUE & set(lu), lu
    # a pregnancy alone still asks for obstetrics
    assert _requis(index, "enceinte de 3 mois")[0] in OBSTETRIQUE
