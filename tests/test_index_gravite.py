"""Severity words beside a diagnosis: for a regulator, intensive care meets it first."""

from __future__ import annotations

import pytest

from ror_orientation.index.gravite import intensif, somatique

INTENSIFS = {"R211:126", "R211:127", "R211:160", "R244:121"}


def _besoin(index, query, texte=None):
    groupes = index.resolve(query, profil="samu").groupes
    return next(g for g in groupes if not g.souple and (texte is None or g.texte == texte))


@pytest.mark.parametrize("query", [
    "EP grave",                         # an abbreviation of the jargon table, then the severity
    "embolie pulmonaire instable",      # instability is severity, not the unstable angina's word
    "pneumopathie grave",
    "hyperkaliémie sévère",
    "pancréatite aiguë grave",
    "AAG",                              # the long form says it: asthme aigu grave
])
def test_a_severe_diagnosis_is_met_first_by_intensive_care(index, query):
    g = _besoin(index, query)
    assert g.concepts[0] in INTENSIFS, g.concepts[:5]


def test_the_instability_word_is_no_need_of_its_own(index):
    # "instable" alone reads the unstable angina's labels (coronary care): beside another
    # diagnosis it says how ill the patient is
    interp = index.resolve("EP grave instable", profil="samu")
    assert [g.texte for g in interp.groupes if not g.souple] == ["EP"]
    assert "instable" in interp.ignores


@pytest.mark.parametrize(("query", "premier"), [
    ("pré-éclampsie sévère à 30 SA", "R211:366"),  # obstetric intensive care, not the adults' general one
    ("TC grave", "R211:129"),                      # neurosurgical intensive care
])
def test_a_reading_naming_its_own_intensive_care_leads_with_it(index, query, premier):
    g = _besoin(index, query)
    assert g.concepts[0] == premier, g.concepts[:5]
    assert not INTENSIFS & set(g.concepts[:3])


@pytest.mark.parametrize(("query", "premier"), [
    ("obésité sévère", "R210:0536"),     # the ROR label holds the word: its own need
    ("dépression sévère", "R211:158"),   # psychiatry: no intensive care
])
def test_a_label_holding_the_word_or_another_kind_of_care_is_left_as_read(index, query, premier):
    assert _besoin(index, query).concepts[0] == premier


def test_a_child_s_severe_diagnosis_has_paediatric_intensive_care(index):
    g = _besoin(index, "bronchiolite sévère chez un nourrisson de 2 mois", "bronchiolite")
    assert g.concepts[0] == "R211:130", g.concepts[:4]
    assert not {"R211:126", "R211:127"} & set(g.concepts)


def test_a_coordinator_s_severity_word_changes_nothing(index):
    g = next(g for g in index.resolve("pneumopathie grave", profil="aval").groupes if not g.souple)
    assert g.concepts[0] not in INTENSIFS


def test_intensive_care_and_acute_somatic_care_are_told_by_their_labels():
    assert intensif("Réanimation polyvalente") and intensif("Unité de soins intensifs spécialisés cardiologie (USIC)")
    assert not intensif("Pneumologie")
    assert somatique("R211:114", "Pneumologie") and not somatique("R211:229", "Psychiatrie adulte")
    assert not somatique("R245:02", "Troubles du spectre de l'autisme")
