"""A pregnancy the woman wants to end asks for an abortion (IVG), not for a maternity."""

from __future__ import annotations

import pytest

from .lecture import besoins

IVG = frozenset(("R210:0267", "R210:0268", "R211:105"))
OBSTETRIQUE = frozenset(("R211:100", "R244:290", "R244:293"))


@pytest.mark.parametrize("text", ["je suis enceinte et je ne souhaite pas poursuivre la grossesse",
                                  "elle est enceinte de six semaines et veut avorter", "enceinte IVG"])
def test_a_pregnancy_she_wants_to_end_is_an_abortion_not_a_maternity(index, text):
    lu = besoins(index, text)
    assert lu and lu[0] in IVG and not OBSTETRIQUE & set(lu), lu
    # a pregnancy alone still asks for obstetrics
    assert besoins(index, "enceinte de 3 mois")[0] in OBSTETRIQUE
