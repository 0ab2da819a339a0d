"""Acts typed by name: a word naming one act is a need of its own, read through the CCAM labels
where the ROR labels do not name it, beside the words they do."""

from __future__ import annotations

import pytest

from ror_orientation.index import default_concept_index


def lu(text: str, profil: str | None = "aval") -> dict[str, tuple[bool, list[str]]]:
    it = default_concept_index().resolve(text, profil=profil)
    return {g.texte: (g.souple, [m.concept for m in g.matches]) for g in it.groupes}


def premiers(text: str, n: int = 1, profil: str | None = "aval") -> list[str]:
    """The best concepts of the text's required groups."""
    it = default_concept_index().resolve(text, profil=profil)
    return [m.concept for g in it.groupes if not g.souple for m in g.matches[:n]]


@pytest.mark.parametrize(("mot", "seul"), [
    ("hystéroscopie", True), ("urétrocystoscopie", True), ("trachéotomie", True),
    ("création", False), ("ligature", False), ("biopsie", False),  # done on any organ
    ("pneumopathie", False),  # a diagnosis
])
def test_a_word_names_one_act_when_only_acts_on_one_organ_system_hold_it(mot, seul):
    index = default_concept_index()
    voc = index.vocabulaire
    assert voc is not None
    terme = index.termes.terme(mot)
    assert terme is not None
    assert voc.acte_seul(terme) is seul


def test_an_act_the_ror_labels_do_not_name_is_read_beside_a_word_they_do():
    # "ambulatoire" is an ROR synonym; "urétrocystoscopie" only a CCAM act: both are read
    found = premiers("urétrocystoscopie en ambulatoire", 3)
    assert "R211:031" in found, found


def test_an_act_a_long_label_names_among_others_is_the_need_not_its_reason():
    reading = lu("trachéotomie pour sevrage ventilatoire")
    souple, concepts = reading["trachéotomie"]
    assert not souple and "R210:0759" in concepts
    assert reading["sevrage"][0] is True  # why it is asked: ranks only


def test_an_act_before_pour_is_the_need_and_a_reason_an_ror_label_reads_only_ranks():
    reading = lu("urétrocystoscopie pour incontinence urinaire")
    souple, concepts = reading["urétrocystoscopie"]
    assert not souple and concepts[0] == "R211:031"
    assert reading["incontinence urinaire"][0] is True
    reading = lu("vidéocapsule pour anémie")
    assert reading["vidéocapsule"] == (False, ["R210:0195"])
    assert reading["anémie"][0] is True


def test_an_act_word_read_weakly_as_another_word_of_its_stem_is_no_need():
    # "élastique" of a haemorrhoid ligature is not the "Elasto-IRM" its stem reads
    assert lu("ligature élastique des hémorroïdes")["élastique"][0] is True


@pytest.mark.parametrize("text", ["hémorroïdectomie", "résection d'un paquet hémorroïdaire"])
def test_haemorrhoid_acts_are_proctology_though_the_ccam_files_them_under_veins(text):
    found = premiers(text, 2)
    assert found[:1] == ["R211:117"], found
    assert "R211:032" not in found


def test_an_abbreviation_is_no_act_word_and_its_reason_stays_the_need():
    # "PPC" sits beside a ventilation act in a CCAM label: as an act word it made the reason
    # (sleep apnoea) only rank and sent the patient to intensive care
    found = premiers("PPC pour apnées du sommeil", profil="samu")
    assert found[0] in ("R211:451", "R211:480", "R210:0483"), found
    assert "R210:0658" not in found and "R211:126" not in found


@pytest.mark.parametrize("text", ["urétéroscopie pour lithiase urétérale",
                                  "urétéroscopie en ambulatoire pour colique néphrétique"])
def test_a_label_naming_an_act_by_its_absence_does_not_name_it(text):
    # "Dérivation urinaire en urgence sans urétéroscopie" holds the word, after "sans"
    assert "R210:0155" not in premiers(text, 3), premiers(text, 3)


@pytest.mark.parametrize(("text", "nie"), [
    ("urétéroscopie", "R210:0155"),  # "Dérivation urinaire en urgence sans urétéroscopie"
    ("sédation", "R210:0246"),  # "Imagerie pédiatrique sans sédation"
])
def test_a_word_a_label_writes_after_sans_does_not_find_that_label(text, nie):
    found = [m.concept for g in default_concept_index().resolve(text, profil="aval").groupes for m in g.matches]
    assert nie not in found, found


def test_a_word_typed_after_sans_finds_the_labels_writing_it_so():
    assert premiers("addictologie sans substance", 2) == ["R211:001"]


@pytest.mark.parametrize("text", ["urétéroscopie pour colique néphrétique",
                                  "néphrostomie pour pyélonéphrite obstructive"])
def test_an_act_is_read_apart_from_a_reason_no_ror_label_reads(text):
    # read together, the diagnosis took the act's place (or an organ's acts read the act)
    it = default_concept_index().resolve(text, profil="aval")
    acte, motif = it.groupes[0], it.groupes[-1]
    assert acte.texte == text.split(" pour ")[0] and not acte.souple, it.groupes
    assert "R211:031" in [m.concept for m in acte.matches[:3]], acte.matches
    assert motif.souple and motif.start > acte.end


@pytest.mark.parametrize("text", ["drainage thoracique", "drainage thoracique pour hémothorax"])
def test_an_act_the_ror_labels_name_is_no_qualifier_of_a_symptom_read_beside_it(text):
    # "thoracique" alone reads a chest pain; "drainage" is the act asked, never swallowed by it
    reading = lu(text, "samu")
    assert reading["drainage"][0] is False and reading["drainage"][1][0].startswith("R210:")
    assert not any("R211:437" in concepts for _, concepts in reading.values()), reading


def test_an_act_the_ror_labels_name_before_pour_is_the_need_and_the_reason_only_ranks():
    # an act done on many organs ("drainage") is no single-act word, but the ROR names it
    reading = lu("drainage pour abcès du foie", "samu")
    assert reading["drainage"][0] is False
    assert reading["abcès du foie"] == (True, reading["abcès du foie"][1])
    assert "R211:046" in reading["abcès du foie"][1]
