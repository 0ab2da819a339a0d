"""An old person who can no longer stay at home asks a place in an EHPAD (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import groupes

EHPAD = frozenset(("R244:21", "R244:23", "R244:24", "R244:26"))


@pytest.mark.parametrize("text, profil", [("mamie oublie tout et ne peut plus rester seule à la maison", "aval"),
                                          ("le maintien à domicile n'est plus possible pour ma mère de 92 ans", "mobile"),
                                          ("ma mère de 88 ans est très confuse, elle ne peut plus rester chez elle", "mobile")])
def test_an_old_person_who_can_no_longer_stay_at_home_asks_an_ehpad(index, text, profil):
    requis = [g for g in groupes(index, text, profil=profil)]
    assert any(g[0] in EHPAD for g in requis), requis
    # ...and the failing memory beside it only ranks the places: the EHPAD is the one need
    assert all(g[0] in EHPAD for g in requis), requis


def test_an_old_person_who_can_no_longer_walk_asks_no_ehpad(index):
    assert not any(g[0] in EHPAD for g in groupes(index, "ma grand-mère ne peut plus marcher", profil="aval"))
