"""Clinicians' names of a diagnosis the CIM-10 FR labels write in other words (`cliniques.csv`)
(issue 10)."""

from __future__ import annotations

import csv

import pytest

from ror_orientation.paths import fixtures_dir

from .lecture import besoins

AVC = {"R211:356", "R211:098", "R244:263"}
NEUROCHIRURGIE = {"R211:096", "R211:267", "R211:129", "R244:160", "R210:1601"}


def test_every_clinical_term_says_why_and_names_codes():
    with (fixtures_dir() / "terminologie" / "cliniques.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["justification"] and (r["cim10"] or r["concepts"]) for r in rows)
    assert all("CIM-10" in r["justification"] for r in rows)


@pytest.mark.parametrize("text", ["thrombose veineuse profonde", "TVP du mollet droit",
                                  "thrombose veineuse profonde iliaque"])
def test_a_deep_vein_thrombosis_is_vascular_medicine_not_a_cerebral_thrombosis(index, text):
    lu = besoins(index, text, profil="mobile")
    assert lu and lu[0] in {"R211:091", "R211:032", "R210:0707"}, lu
    assert not AVC & set(lu)


@pytest.mark.parametrize("text", ["hypertension intracrânienne", "HTIC", "HTIC sur méningiome"])
def test_raised_intracranial_pressure_is_neurosurgical(index, text):
    lu = besoins(index, text, profil="samu")
    assert lu and lu[0] in NEUROCHIRURGIE, lu


def test_the_benign_one_keeps_its_label(index):
    assert besoins(index, "hypertension intracrânienne bénigne", profil="samu")[0] == "R211:097"


def test_a_sickle_cell_crisis_and_a_febrile_neutropenia_are_haematology(index):
    # (a crisis reads the emergencies first for a regulator, `_aigu_d_abord`; haematology right after)
    cvo = besoins(index, "crise vaso-occlusive", profil="samu")
    assert {"R211:055", "R211:284"} & set(cvo[:3]), cvo
    assert "R211:033" not in cvo and "R211:356" not in cvo  # no intestinal or carotid occlusion
    neutro = besoins(index, "neutropénie fébrile", profil="samu")
    assert neutro and neutro[0] in {"R211:055", "R211:102", "R211:191"}, neutro
    assert "R211:094" not in neutro  # not the newborn's transient neutropenia (P61.5)


def test_a_lower_gi_bleed_asks_for_the_lower_endoscopy(index):
    lu = besoins(index, "hémorragie digestive basse", profil="samu")
    assert "R210:0192" in lu[:5], lu
    assert "R210:0639" not in lu[:3]  # the upper endoscopy is the upper bleed's

