"""Who the patient is, said in the text (issue 10): "ma fille de 3 ans", "mon bébé de 6 semaines",
"ma femme" state the age and sex a family does not type in the query's fields."""

from __future__ import annotations

import pytest

from ror_orientation.index.patient import Patient, patient_dit


@pytest.mark.parametrize(("text", "patient"), [
    ("ma fille de 3 ans a de la fièvre", Patient("F", 3)),
    ("mon bébé de 6 semaines vomit tout", Patient(None, 0)),
    ("enfant de 18 mois qui tousse", Patient(None, 1)),
    ("notre fils de 40 ans ne sort plus", Patient("H", 40)),
    ("ma femme a mal au ventre", Patient("F", None)),
    ("ma belle-mère tousse la nuit", Patient("F", None)),
    ("ma grand-mère est tombée", Patient("F", None)),
    ("mon papy ne mange plus", Patient("H", None)),
    ("homme de 45 ans douleur thoracique", Patient(None, 45)),
])
def test_the_age_and_sex_the_text_states(text, patient):
    assert patient_dit(text) == patient


@pytest.mark.parametrize("text", [
    "mal au dos depuis 3 ans",  # a duration
    "AVC il y a 2 ans, rééducation",
    "je suis enceinte de 2 mois",  # a pregnancy's term
    "mon mari me frappe",  # the speaker is the patient
    "mon père m'a frappée hier",
    "la femme de ménage est tombée",  # no possessive: not a relationship
    "vaccination du jeune enfant (0-12 ans)",  # ranges: who a unit is for, not the patient's age
    "HAD enfants de moins de 6 ans",
    "bilan visuel pour les patients de 16 ans à 42 ans",
    "foyer pour jeunes entre 16 et 25 ans",
])
def test_what_states_no_patient(text):
    assert patient_dit(text) == Patient()
