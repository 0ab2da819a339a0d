"""A test for a sexually transmitted infection is its screening (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import groupes

DEPISTAGE = frozenset(("R244:250", "R211:162", "R244:89"))  # CeGIDD, STI care, sexual health centre


@pytest.mark.parametrize("text", ["où faire un test du sida gratuit",
                                  "je voudrais me faire tester pour les IST après un rapport",
                                  "test VIH près de chez moi",
                                  "dépistage des IST"])
def test_a_test_for_an_sti_reads_its_screening(index, text):
    lu = groupes(index, text)
    assert lu and lu[0][0] in DEPISTAGE, lu
    # ...never a ROR test act ("Test en hypoxie")
    assert not any(c.startswith("R210:04") for g in lu for c in g[:1]), lu


def test_a_test_act_named_as_such_keeps_its_reading(index):
    assert groupes(index, "test en hypoxie")[0][0] == "R210:0456"
