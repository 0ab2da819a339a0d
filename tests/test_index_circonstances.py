"""The circumstances around a need (issue 10): who the patient is after "chez", how an act is done
or under which treatment after "sous" rank, never ask for a second need; a practitioner after
"chez" and a place on the body after "sous le …" still do."""

from __future__ import annotations

import pytest

from ror_orientation.index.circonstances import circonstances
from tests.lecture import besoins


@pytest.mark.parametrize(("text", "need", "not_needed"), [
    ("coloscopie sous anesthésie", "R210:0904", "R211:157"),  # not the acts done under anaesthesia
    ("intoxication au monoxyde de carbone chez une femme enceinte", "R211:084", "R210:1334"),
    ("épistaxis sous AVK", "R211:016", "R210:1675"),  # not the anticoagulant consultation
])
def test_a_circumstance_after_the_need_only_ranks(index, text, need, not_needed):
    lus = besoins(index, text)
    assert need in lus
    assert not_needed not in lus


def test_a_practitioner_after_chez_is_still_asked_for(index):
    assert "R244:183" in besoins(index, "écho cardiaque chez un cardiologue")  # Cabinet de cardiologie


def test_a_circumstance_typed_alone_is_the_need(index):
    assert "R210:1334" in besoins(index, "diététique chez la femme enceinte")  # no need before it


@pytest.mark.parametrize(("text", "marked"), [
    ("coloscopie sous AG", True),
    ("boule sous le bras", False),  # a place on the body
    ("hématome sous dural", False),  # one adjective: "sous-dural"
    ("hématome sous-dural", False),
    ("IRM chez l'enfant", True),
])
def test_which_words_open_a_circumstance(text, marked):
    assert bool(circonstances(text, {"dural"})) is marked


def test_a_marker_an_ror_label_reads_with_the_words_before_it_opens_no_circumstance(index):
    # "biopsie sous" reads "Biopsie sous IRM…": the act is named with "sous", what follows stays
    # a need, as before
    lu = index.resolve("biopsie sous anesthésie générale")
    assert [g.souple for g in lu.groupes if g.texte.startswith("anesthésie")] == [False]
