"""Qualifier words (`index/qualificatifs.py`): how severe or how fast a need is, never a need of
their own beside a disease (issue 10)."""

from __future__ import annotations

from ror_orientation.index import default_concept_index


def test_a_severity_word_beside_a_disease_is_no_need_of_its_own():
    it = default_concept_index().resolve("hyperkaliémie sévère chez un dialysé")
    # "Troubles de la personnalité sévères", "Prise en charge de l'obésité sévère"
    assert "R245:63" not in it.concepts
    assert "R210:0536" not in it.concepts
    assert not any(g.texte == "sévère" for g in it.groupes)


def test_a_qualifier_read_alone_by_the_vocabulary_does_not_name_a_second_need():
    # "profonde" alone reads "Brûlure … profonde" (burns); beside a paralysis it only qualifies
    it = default_concept_index().resolve("tétraplégie peu profonde")
    assert not {"R211:175", "R211:121", "R211:359"} & set(it.concepts)


def test_a_qualifier_the_diagnosis_label_holds_is_still_read_with_it():
    # a qualifier stays a word of the label that holds it with the need
    it = default_concept_index().resolve("pancréatite aiguë sévère")
    assert it.concepts[0] == "R211:046"
    assert "R245:63" not in it.concepts


def test_a_course_word_before_the_disease_does_not_choose_the_reading():
    # "crise" is the head word but "crise de goutte" is gout, not "crise cardiaque"/"d'angoisse"
    assert default_concept_index().resolve("crise de goutte").concepts[0] == "R211:131"
    # a lay word typed whole keeps its sense
    assert "R245:65" in default_concept_index().resolve("crise d'angoisse").concepts


def test_a_grade_stage_or_score_beside_an_acronym_is_no_need_of_its_own():
    idx = default_concept_index()
    # "stade" alone reads "Maladie rénale chronique, stade 4" (nephrology): beside BPCO, lungs
    assert idx.resolve("BPCO stade 4").concepts[0] == "R211:114"
    # "score" and "grade" were groups of their own (an act named "score", a lymphoma grade)
    it = idx.resolve("AVC score NIHSS 12")
    assert [g.texte for g in it.groupes] == ["AVC"]
    it = idx.resolve("lymphome folliculaire grade 2")
    assert len(it.groupes) == 1 and it.concepts[0] == "R211:055"
    # typed alone it is still what the labels say
    assert idx.resolve("stade").groupes


def test_the_patients_state_beside_a_need_is_no_need_of_its_own():
    # "conscient" read "Sédation consciente", "stable" a psychiatric label ("instable")
    it = default_concept_index().resolve("traumatisme crânien, patient conscient et stable", profil="samu")
    assert "R210:0674" not in it.concepts
    assert not {"R211:229", "R211:158"} & set(it.concepts)
    assert [g.texte for g in it.groupes if not g.souple] == ["traumatisme crânien"]
