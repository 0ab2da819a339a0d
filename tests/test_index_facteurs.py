"""CIM-10 chapter XXI (factors influencing health status) read by block, not by the chapter's
default (issue 10): a device fitted, a skin test, a drug-allergy history, an organ donor are the
affairs of the speciality that fits the device or does the test; general practice was the answer
for all of them ("orthodontiste" → Z46.4 → general practice)."""

from __future__ import annotations

import pytest

from ror_orientation.index.concepts import ConceptIndex


def _first(index: ConceptIndex, text: str) -> str:
    g = next(g for g in index.resolve(text).groupes if not g.souple)
    return g.matches[0].concept


@pytest.mark.parametrize(("text", "expected"), [
    ("orthodontiste pour ma fille", "R211:104"),  # Z46.4 → orthodontie
    ("allergie à la pénicilline", "R211:005"),  # Z88.0 → allergologie
    ("régler son appareil auditif", "R210:1684"),  # Z97.4 / Z46.1 → audioprothèse
    ("donneur vivant de rein", "R210:0387"),  # Z52.4 → prélèvement sur donneur vivant
])
def test_a_factor_of_chapter_xxi_reads_the_speciality_that_does_it(index, text, expected):
    assert _first(index, text) == expected


def test_no_block_of_chapter_xxi_falls_back_to_general_practice_here(index):
    for text in ("orthodontiste pour ma fille", "allergie à la pénicilline", "donneur vivant de rein"):
        assert "R211:437" not in [m.concept for g in index.resolve(text).groupes for m in g.matches]


def test_a_dressing_to_change_is_nursing_care(index):
    # Z48.0 (sutures, pansements) → soins infirmiers / pansements, not general practice
    lus = [m.concept for g in index.resolve("pansement à refaire").groupes for m in g.matches]
    assert lus[0] in ("R210:0362", "R210:0724", "R211:287")
    assert "R211:437" not in lus


@pytest.mark.parametrize(("text", "expected"), [
    ("exposé au VIH", ("R210:0641", "R211:077")),  # Z20.6: post-exposure prophylaxis
    ("contact avec un cas de tuberculose", ("R211:077",)),  # Z20.1
    ("infection asymptomatique par le VIH", ("R211:077",)),  # Z21
])
def test_an_exposure_to_a_communicable_disease_or_hiv_carried_reads_infectiology(index, text, expected):
    assert _first(index, text) in expected


@pytest.mark.parametrize("text", ["VIH", "virus de l'immunodéficience humaine"])
def test_hiv_named_alone_reads_infectiology_not_the_dementia_it_may_cause(index, text):
    # F02.4 (HIV dementia) and its 20 national extensions vote once, as one WHO code (geriatrics
    # read first); screening and counselling (Z11.4, Z71.7) are the CeGIDD's, not general practice
    assert _first(index, text) == "R211:077"


def test_screening_for_hiv_reads_the_cegidd(index):
    assert _first(index, "dépistage du VIH") == "R244:250"  # Z11.4
