"""The forms of "vouloir" and "pouvoir" a caller types ("il veux arrêter de boire", "on peux avoir
un rdv") say what is wanted, never a need: "veux" is no typo of "yeux" (issue 10)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", ["il veux arrêter de boire", "elle veux pas manger",
                                  "je veux parler à un psy", "tu peux m'envoyer en cardio"])
def test_a_modal_verb_form_is_neither_read_nor_left_unexplained(index, text):
    lu = index.resolve(text, None, "samu")
    assert not any(w in g.texte for g in lu.groupes for w in ("veux", "peux")), (text, str(lu))
    assert not {"veux", "peux"} & set(lu.inexpliques)
    assert "R211:154" not in lu.concepts  # the eye emergencies of "yeux"
