"""A clipped word followed by a word its long form reads a diagnosis with is that long form:
"trauma crânien" is a head injury, not traumatology beside the word "crânien" (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex


def _lus(index: ConceptIndex, text: str) -> list[tuple[str, str]]:
    return [(g.texte, g.matches[0].concept) for g in index.resolve(text, None, "samu").groupes if not g.souple]


@pytest.mark.parametrize(("text", "premier"), [
    ("trauma crânien", "R211:267"),  # the neurosurgical emergency, as "traumatisme crânien"
    ("trauma cranien sous anticoagulan", "R211:267"),
    ("trauma thoracique", "R211:159"),  # a chest injury, not a thoracic MRI
])
def test_a_clipped_word_with_the_injured_part_reads_the_injury(index, text, premier):
    lus = _lus(index, text)
    assert len(lus) == 1 and lus[0][1] == premier, lus
    assert _lus(index, "trauma")[0][1] == "R211:145"  # alone, still traumatology

