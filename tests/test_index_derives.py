"""What a diagnosis label denies, a discipline's noun beside its adjective, and a heart rhythm
symptom (issue 10): "crise occlusive" read a hernia "sans occlusion ni gangrène"; "sénologie",
written nowhere (the labels say "sénologique"), was read as the typo of "sexologie"; a
bradycardia went to the emergencies alone, never to cardiology."""

from __future__ import annotations

import pytest

from ror_orientation.index.analyse import sans_exclusions

from .lecture import besoins

CARDIOLOGIE = "R211:013"
SEXOLOGIE = ("R211:135", "R211:535")
SENOLOGIE = ("R211:195", "R211:504", "R211:539", "R210:0887", "R210:0340")


@pytest.mark.parametrize(("libelle", "nie"), [
    ("Athérosclérose des artères distales, sans gangrène", "gangrène"),
    ("Hernie inguinale, (unilatérale ou) sans précision(, sans occlusion ni gangrène)", "occlusion"),
    ("Épilepsie, sans convulsion", "convulsion"),
])
def test_a_clause_after_sans_is_what_the_diagnosis_is_not(libelle, nie):
    assert nie not in sans_exclusions(libelle, denis=True)


def test_the_site_after_sans_precision_is_still_named():
    assert "Main" in sans_exclusions("Arthrose, sans précision - Main", denis=True)
    assert sans_exclusions("Sans abri", denis=True) == "Sans abri"  # not a clause: the label itself


def test_a_word_is_not_read_from_labels_denying_it(index):
    interp = index.resolve("gangrène")
    assert interp.groupes
    assert not any(", sans gangrène" in s or "sans occlusion ni gangrène" in s
                   for g in interp.groupes for s in g.sources)


@pytest.mark.parametrize("text", ["sénologie", "senologie", "consultation de sénologie"])
def test_a_disciplines_noun_reads_the_labels_of_its_adjective(index, text):
    lus = besoins(index, text)
    assert lus and lus[0] in SENOLOGIE
    assert not set(SEXOLOGIE) & set(lus)


@pytest.mark.parametrize("text", ["bradycardie", "tachycardie", "palpitations", "cœur qui bat lentement"])
def test_a_heart_rhythm_symptom_reads_cardiology(index, text):
    assert besoins(index, text)[0] == CARDIOLOGIE
