"""Function words name no need (issue 10): "de moins en moins", "très", "quand" are how a family
says a need gets worse or when it happens; read as label words they sent a failing sight to the
burns centre ("infarctus de 24 heures ou moins") and matched acts such as "Téléexpertise en moins
de 24h". The first part of a compound the tokenizer splits ("sous-dural") still reads."""

from __future__ import annotations

import pytest

from ror_orientation.index import default_concept_index
from ror_orientation.index.concepts import ConceptIndex

OPHTALMOLOGIE = "R211:103"


@pytest.fixture(scope="module")
def index() -> ConceptIndex:
    return default_concept_index()


def _concepts(index: ConceptIndex, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text).groupes for m in g.matches]


def test_a_failing_sense_said_with_function_words_reads_its_organ(index):
    lus = _concepts(index, "il voit de moins en moins bien")
    assert lus[0] == OPHTALMOLOGIE
    assert not any(c in lus for c in ("R211:121", "R211:014", "R210:1271"))  # burns, cardiology, téléexpertise


def test_function_words_alone_read_no_label(index):
    it = index.resolve("elle marche de moins en moins")
    assert "moins" in it.ignores
    assert not any(m.concept in ("R211:121", "R211:014", "R210:1271")
                   for g in it.groupes for m in g.matches)


def test_the_first_part_of_a_split_compound_still_reads(index):
    for text, mot in (("hématome sous-dural", "sous-dural"), ("fracture de l'avant-bras", "avant-bras")):
        g = next(g for g in index.resolve(text).groupes if g.via == "terminologie")
        assert any(mot in s for s in g.sources)
