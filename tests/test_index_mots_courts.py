"""A short word is its own word, not another the stemmer folds onto its stem (issue 10): "bas du
dos" (the lower back) read the equipment "Scanner base dose" ("bas" ~ "base", "dos" ~ "dose") and
the CCAM act "… bas débit de dose"; "foie" read "Foyer restaurant" first. A short word typed
matches a label word of its stem only as itself or its plural; a misspelt word read as its
correction is judged by the correction."""

from __future__ import annotations

from ror_orientation.index.concepts import ConceptIndex

RHUMATOLOGIE = "R211:131"



def _concepts(index: ConceptIndex, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text).groupes if not g.souple for m in g.matches]


def test_the_lower_back_is_no_low_dose_scanner(index):
    lus = _concepts(index, "mal au bas du dos")
    assert lus[0] == RHUMATOLOGIE
    assert "R212:250" not in lus and "R211:168" not in lus  # Scanner base dose, radiotherapy


def test_the_liver_is_no_home(index):
    lus = _concepts(index, "foie")
    assert lus[0] != "R244:35"  # Foyer restaurant
    assert "R244:35" not in _concepts(index, "douleur au foie")


def test_a_plural_and_a_misspelt_word_still_read(index):
    assert _concepts(index, "mal aux reins")[0] == "R211:095"  # rein / reins: one word
    assert "R211:033" in _concepts(index, "ernie ombilicale")[:3]  # hernie, corrected


def test_a_short_word_typed_with_a_doubled_letter_once_is_that_word(index):
    # no label writes "moele" or "luete": they are "moelle" and "luette", not other words of the stem
    assert _concepts(index, "moele")[:3] == _concepts(index, "moelle")[:3] != []
    assert _concepts(index, "luete")[:3] == _concepts(index, "luette")[:3] != []
