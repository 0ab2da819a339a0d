"""Where the patient lives, said as such ("une résidente de MAS"), is who the patient is: the place
ranks, the care asked stays required, and the word saying so is no need."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "lieu"), [
    ("résidente de MAS, kinésithérapie respiratoire", "R244:40"),
    ("une pensionnaire de foyer d'accueil médicalisé a besoin d'un dentiste", "R244:39"),
    ("il vit en EHPAD et a besoin d'une dialyse", "R244:21"),
])
def test_the_place_the_patient_lives_in_ranks_and_the_care_stays_required(index, text, lieu):
    groupes = index.resolve(text, profil="aval").groupes
    requis = {m.concept for g in groupes if not g.souple for m in g.matches}
    assert lieu not in requis, [str(g) for g in groupes]
    assert any(g.souple and lieu in g.concepts for g in groupes), [str(g) for g in groupes]
    assert requis, [str(g) for g in groupes]


def test_the_word_saying_where_the_patient_lives_is_no_need(index):
    # "résidente" read through a CIM-10 label of institution residents is no general medicine
    groupes = index.resolve("hôpital de jour de gériatrie pour un résident de foyer de vie", profil="aval").groupes
    assert "R211:437" not in {c for g in groupes for c in g.concepts}, [str(g) for g in groupes]



def test_a_mobile_team_for_a_patient_living_outside_hospital_is_one_going_out(index):
    groupes = index.resolve("équipe mobile de gériatrie pour une personne qui vit en EHPAD", profil="aval").groupes
    requis = {c for g in groupes if not g.souple for c in g.concepts}
    assert {"R213:11", "R213:53"} <= requis and "R213:52" not in requis, [str(g) for g in groupes]


@pytest.mark.parametrize("text", [
    "équipe mobile soins palliatifs à domicile",
    "une équipe mobile de soins palliatifs peut venir chez elle",
])
def test_a_mobile_team_asked_at_home_is_one_going_out(index, text):
    groupes = index.resolve(text, profil="aval").groupes
    requis = {c for g in groupes if not g.souple for c in g.concepts}
    assert {"R213:11", "R213:53"} <= requis and "R213:52" not in requis, [str(g) for g in groupes]
