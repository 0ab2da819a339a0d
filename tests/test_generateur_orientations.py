"""The liberal practitioners' orientations (`catalogue_orientations.py`): active codes, units beside
their practice's general one, placed after every other city structure."""

from __future__ import annotations

from functools import lru_cache

import pytest

from ror_orientation.generateur import catalogue_orientations, generate, ville
from ror_orientation.generateur.catalogue import BY_KEY
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre

from .factories import activites_par_site

REGIONS = ("53",)


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def test_orientation_codes_are_active_and_structures_name_known_kinds():
    nom = default_nomenclatures()
    r211, j17 = nom.table("TRE_R211"), nom.table("JDV_J17").codes
    j238 = nom.table("JDV_J238").codes
    for t in catalogue_orientations.ORIENTATIONS:
        assert r211.codes[t.activite].actif and t.activite in j17, t.key
        assert t.categorie in j238 and nom.table("TRE_R244").codes[t.categorie].actif, t.key
        assert BY_KEY[t.key] is t
    for s in catalogue_orientations.STRUCTURES_ORIENTEES:
        assert all(k in BY_KEY for k, _p in s.unites), s.cle


def test_an_orientation_sits_beside_its_practice_s_general_unit():
    orientations = {t.activite: t for t in catalogue_orientations.ORIENTATIONS}
    par_site = activites_par_site(offre())
    units = [uo for uo in offre().uo.values() if uo.activite in orientations
             and uo.nom == orientations[uo.activite].nom]
    assert {uo.activite for uo in units} >= {"417", "425", "573", "484"}
    general = {"70": "339", "60": "287", "10": "437"}
    for uo in units:
        profession = orientations[uo.activite].professions[0]
        if profession in general and not uo.activite.startswith("61"):
            assert general[profession] in par_site[uo.eg_id], uo.id


@pytest.fixture
def sans_orientations(monkeypatch: pytest.MonkeyPatch) -> Offre:
    monkeypatch.setattr(ville, "STRUCTURES_ORIENTEES", ())
    return generate("demo", regions=REGIONS)


def test_the_rest_of_the_offer_is_drawn_as_before(sans_orientations: Offre):
    before, after = sans_orientations, offre()
    assert set(before.uo) < set(after.uo) and set(before.eg) < set(after.eg)
    assert all(after.uo[k] == u for k, u in before.uo.items())
    assert all(after.professionnels[k] == p for k, p in before.professionnels.items())
