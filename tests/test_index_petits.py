"""A family's "mon petit", "ma petite" names the child (issue 10, lay words): read as the child
where no noun follows, so the paediatric services rank first; "mon petit doigt" keeps its noun."""

from __future__ import annotations

import pytest

CHILD = "R211:249"  # paediatric emergencies: a concept of the child's synonyms


def souples(index, text):
    return [m.concept for g in index.resolve(text, None, "samu").groupes if g.souple for m in g.matches]


@pytest.mark.parametrize("text", [
    "mon petit a le bras tout tordu après une chute",
    "ma petite s'est brûlée avec la casserole",
    "notre petit dernier a de la fièvre",
    "mon petit de 3 ans a avalé une pile",
    "ma petite, elle tousse et respire mal",
    "mon petit tousse beaucoup la nuit",  # a form of an everyday verb follows
    "ma petite vomit depuis ce matin",
])
def test_petit_after_a_possessive_is_the_child(index, text):
    assert CHILD in souples(index, text), text


def test_the_youngest_is_no_word_left_unread(index):
    lu = index.resolve("notre petit dernier a de la fièvre", None, "samu")
    assert "dernier" not in lu.inexpliques and "dernier" in lu.ignores


@pytest.mark.parametrize("text", ["mon petit doigt est tout gonflé", "ma petite sœur a mal au ventre"])
def test_petit_before_a_noun_stays_an_adjective(index, text):
    assert CHILD not in souples(index, text), text


def test_reading_builds_no_settings_per_query(index, monkeypatch):
    # the verb forms are the index's, read once: building the settings to find the data folder
    # cost ~0.5 ms a query, doubling the reading of a one-word text
    from ror_orientation import settings

    texts = ("EHPAD", "mon petit tousse beaucoup la nuit", "IME pour un adulte autiste de 25 ans")
    for text in texts:  # tables read once per process (the idioms' pattern...) are read here
        index.resolve(text, None, "mobile")

    def refused(*args, **kwargs):
        raise AssertionError("settings built while reading a query")

    monkeypatch.setattr(settings.Settings, "__init__", refused)
    for text in texts:
        index.resolve(text, None, "mobile")
        index.resolve(text, False, "aval")
