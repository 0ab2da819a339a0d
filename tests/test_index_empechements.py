"""What the text says cannot happen ("retour à domicile impossible") is why a place is asked, not a
need beside it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "place"), [
    ("maintien à domicile impossible, EHPAD", "R244:21"),
    ("SSIAD, retour à domicile impossible", "R244:28"),
])
def test_a_need_said_impossible_is_no_need_beside_the_place_asked(index, text, place):
    groupes = [g for g in index.resolve(text, profil="aval").groupes if not g.souple]
    assert [place in g.concepts for g in groupes] == [True], [str(g) for g in groupes]

