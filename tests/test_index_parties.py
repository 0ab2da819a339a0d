"""A part of a place named after "avec" ("une MAS avec une unité fermée") is what the place asked
should have: it ranks the places of that kind, never a second type of offer required with it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "lieu", "partie"), [
    ("une MAS avec une unité fermée", "R244:40", "R244:68"),
    ("EHPAD avec PASA", "R244:21", "R244:25"),
])
def test_a_place_named_after_avec_another_ranks_the_first(index, text, lieu, partie):
    groupes = index.resolve(text, profil="aval").groupes
    requis = {c for g in groupes if not g.souple for c in g.concepts}
    assert lieu in requis and partie not in requis, [str(g) for g in groupes]


def test_il_faut_names_no_need(index):
    # "faut" (il faut) is a verb of the sentence, not the start of "fauteuil"
    groupes = index.resolve("il faut un SSIAD pour ma mère", profil="aval").groupes
    assert [g.concepts[0] for g in groupes if not g.souple] == ["R244:28"], [str(g) for g in groupes]
