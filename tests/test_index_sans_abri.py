"""A homeless patient said in lay words, and their care that is no emergency (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.besoins_profanes import besoins_profanes

from .lecture import groupes

SOINS = frozenset(besoins_profanes()["soins_sans_abri"])


@pytest.mark.parametrize("text", ["elle dort dans sa voiture et a une rage de dents",
                                  "il n'a plus de logement et a besoin de soins pour son diabète",
                                  "mon voisin vit à la rue et a une plaie à la jambe qui suinte"])
def test_a_homeless_patients_care_that_is_no_emergency_is_asked_of_the_precarity_structures(index, text):
    lu = groupes(index, text)
    assert [g[0] for g in lu] == ["R244:295"], lu


def test_a_homelessness_said_alone_is_the_precarity_public(index):
    assert groupes(index, "son fils dort dehors depuis un mois")[0][0] in {"R239:06", "R213:17", "R244:295"}


@pytest.mark.parametrize("text, profil", [("SDF avec une douleur thoracique", "mobile"),
                                          ("un homme qui vit dans la rue a une douleur thoracique", "samu")])
def test_an_emergency_of_a_homeless_patient_keeps_its_acute_reading(index, text, profil):
    lu = groupes(index, text, profil=profil)
    assert not any(g[0] in SOINS - {"R239:06"} for g in lu), lu
    assert any(g[0] == "R211:014" for g in lu), lu


def test_a_coordinators_sdf_beside_the_place_asked_keeps_its_reading(index):
    # "SDF" typed by a coordinator beside the kind of place they look for: that place is the need
    lu = groupes(index, "EMSP pour un SDF qui tousse", profil="aval")
    assert lu[0][0] == "R244:142" and not any(g[0] == "R244:295" for g in lu), lu
