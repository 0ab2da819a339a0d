"""Clinical context beside a need is read as context (issue 10): a value or a score, a time mark,
the treatment under way or a transfer word leaves the need's reading as it is alone — it neither
becomes a required need nor a name to look for (bench/bench_contexte.py measures it)."""

from __future__ import annotations

import pytest

from ror_orientation.index.contexte import ecarter, mesures_inconnues
from tests.lecture import groupes


def _meme(index, besoin: str, phrase: str) -> None:
    alone = index.resolve(besoin, None, "samu")
    lu = index.resolve(phrase, None, "samu")
    assert groupes(index, phrase) == groupes(index, besoin)
    assert set(lu.inexpliques) <= set(alone.inexpliques)


@pytest.mark.parametrize("besoin, contexte", [
    ("hémorragie méningée", "Fisher 3"),  # an unknown score name sent to the name search
    ("insuffisance cardiaque", "NYHA IV"),  # a roman grade
    ("pneumopathie", "SpO2 86 %"),  # a measure named like an equipment
    ("hypoglycémie", "glycémie 0,3 g/l"),  # the measure's name reads a concept of its own
])
def test_a_value_with_its_measure_leaves_the_need_as_it_is(index, besoin, contexte):
    _meme(index, besoin, f"{besoin} {contexte}")


@pytest.mark.parametrize("besoin, contexte", [
    ("infarctus", "H+3"),  # "H" read as a mode of care
    ("infarctus", "depuis 2 h"),
    ("thrombose veineuse", "J5"),
    ("ischémie aiguë de membre", "il y a 40 min"),  # "min" read as an act
])
def test_a_time_mark_leaves_the_need_as_it_is(index, besoin, contexte):
    _meme(index, besoin, f"{besoin} {contexte}")


@pytest.mark.parametrize("besoin, contexte", [
    ("hématome sous-dural", "sous AVK"),  # read as an act
    ("pancréatite", "sous morphine"),
    ("occlusion intestinale", "post-op J4"),  # "J4" sent to the name search
])
def test_the_treatment_under_way_leaves_the_need_as_it_is(index, besoin, contexte):
    _meme(index, besoin, f"{besoin} {contexte}")


@pytest.mark.parametrize("besoin, contexte", [
    ("USIC", "à transférer"),  # "transférer" read as a transfer equipment
    ("réanimation", "demande de place"),  # "demande" read as an activity
    ("neurochirurgie", "transfert"),
])
def test_a_transfer_word_leaves_the_need_as_it_is(index, besoin, contexte):
    _meme(index, besoin, f"{besoin} {contexte}")


@pytest.mark.parametrize("besoin, terme", [("menace d'accouchement prématuré", "30 SG"),
                                           ("métrorragies", "10 SA")])
def test_a_pregnancy_term_is_context_and_ranks_nothing_either(index, besoin, terme):
    # weeks of pregnancy ("SG"): not the inventory's "score de Glasgow" ranking the emergencies
    assert index.resolve(f"{besoin} {terme}", None, "mobile").concepts == index.resolve(besoin, None, "mobile").concepts


def test_a_score_no_list_holds_is_context_beside_a_need(index):
    lu = index.resolve("pneumopathie CURB65 3", None, "samu")
    assert "CURB65" not in lu.inexpliques and groupes(index, "pneumopathie CURB65 3") == groupes(index, "pneumopathie")


@pytest.mark.parametrize("text", ["transfert", "SpO2", "sous oxygène"])
def test_context_words_alone_keep_what_the_labels_say(index, text):
    # (a guard of the rule above: with nothing else said they are the need, read as before)
    assert groupes(index, text)


@pytest.mark.parametrize("text", ["urgences H24", "H1N1", "fracture T4", "diabète type 2", "GIR 2",
                                  "douleur depuis 3 mois", "transfert in utero", "stade IV"])
def test_what_looks_like_a_value_but_names_the_need_is_kept(text):
    assert ecarter(text) == (text, [])


def test_context_is_blanked_with_its_offsets():
    text, lus = ecarter("HSA Fisher 4 sous AOD")
    assert text == "HSA" + " " * 18 and lus == [("valeur", "Fisher 4"), ("traitement", "sous AOD")]


def test_a_word_with_a_letter_is_no_measure():
    assert mesures_inconnues("cirrhose Child C", ["Child"]) == []


@pytest.mark.parametrize("besoin, contexte", [
    ("embolie pulmonaire", "sous héparine IVSE"),  # the route after the treatment
    ("pneumopathie", "sat 91 sous 4L"),  # an oxygen flow
    ("syndrome coronarien", "troponine positive"),  # a value in words
    ("réanimation", "en attente de place"),
])
def test_other_wordings_of_the_context_leave_the_need_as_it_is(index, besoin, contexte):
    _meme(index, besoin, f"{besoin} {contexte}")


def test_a_need_read_across_the_context_is_shown_without_its_blank(index):
    lu = index.resolve("infarctus H2 angioplastie", None, "samu")
    assert [g.texte for g in lu.groupes if not g.souple] == ["infarctus angioplastie"]


@pytest.mark.parametrize("label", ["Test de marche 6 minutes", "Rails de transfert",
                                   "Suivi d'un patient sous ventilation non invasive"])
def test_context_words_a_label_holds_with_the_others_are_the_labels(index, label):
    # typed as the label writes them, they are read with it, not blanked out of it
    assert [g.texte for g in index.resolve(label, None, "samu").groupes if not g.souple] == [label]


@pytest.mark.parametrize("phrase", ["traumatisme crânien sous anticoagulan", "hématome sous anticoagulents",
                                    "choc septique sous noradrenalin"])
def test_a_treatment_typed_with_one_letter_wrong_is_context_too(index, phrase):
    # (the misspelt treatment was read as a need: "anticoagulan" corrected to haematology)
    reste, trouves = ecarter(phrase)
    assert [g for g, _ in trouves] == ["traitement"] and "sous" not in reste
    _meme(index, phrase.split(" sous ")[0], phrase)
    assert ecarter("hématome sous-dural")[1] == ecarter("plaie sous unguéale")[1] == []  # no treatment

