"""A misspelt word both vocabularies correct alike reads as the word it misspells
(a typo they correct differently, "telerane": télécrâne or tolérance, is left to the reading)."""

import pytest

from ror_orientation.index import default_concept_index


@pytest.mark.parametrize(("typo", "right", "own"), [
    ("vacinations", "vaccinations", "R211:161"),  # not the general practice of the Z23-Z27 labels
    ("ergothrapie", "ergothérapie", "R211:558"),  # not rehabilitation medicine
    ("lactrium", "lactarium", "R244:310"),
    ("autosie", "autopsie", "R210:0029"),
])
def test_a_label_word_misspelt_reads_its_own_concept_first(typo, right, own):
    index = default_concept_index()
    wrong = index.resolve(typo)
    assert index.resolve(right).concepts[0] == own
    assert wrong.concepts[0] == own, wrong.concepts[:4]
    assert wrong.groupes[0].via == "faute"  # and trusted as a typo, below the word typed right
    assert wrong.groupes[0].matches[0].score < index.resolve(right).groupes[0].matches[0].score



def test_a_corrected_reading_keeps_the_order_of_the_word_typed_right():
    # the specialisation the label names stays above what the clinical vocabulary adds to it,
    # by score too (the engine ranks units by the scores, not by the order shown)
    index = default_concept_index()

    def by_score(text):
        return [m.concept for m in sorted(index.resolve(text).groupes[0].matches, key=lambda m: -m.score)]

    assert by_score("troules anxieux")[:4] == by_score("troubles anxieux")[:4]
