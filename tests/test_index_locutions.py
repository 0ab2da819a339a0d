"""A misspelt word that only synonym phrases hold is corrected where the phrase then reads."""

from __future__ import annotations


def _lus(index, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text).groupes if not g.souple for m in g.matches][:3]


def test_a_phrase_word_misspelt_reads_the_phrase(index):
    assert _lus(index, "soins sans consentemant") == _lus(index, "soins sans consentement") != []
    assert _lus(index, "foyer occupasionnel") == _lus(index, "foyer occupationnel") != []
    assert _lus(index, "consentemant") == []  # alone, nothing proves what it misspells

