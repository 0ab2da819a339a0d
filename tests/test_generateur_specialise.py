"""The specialised units of `catalogue_specialise.py` (emergencies, intensive and continuous care,
imaging and organ oncology by speciality) carry active codes, sit beside their mother service, and
are added after everything else: the rest of the offer is drawn as before."""

from __future__ import annotations

from functools import lru_cache

import pytest

from ror_orientation.generateur import generate, implantations
from ror_orientation.generateur.catalogue import BY_KEY
from ror_orientation.generateur.catalogue_specialise import SPECIALISES
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre

from .factories import activites_par_site

REGIONS = ("53",)  # Bretagne: two CHU, large CH, a CLCC
KEYS = {t.key for t in SPECIALISES}
ROWS = [i for i in implantations.SANITAIRES if i.key in KEYS]


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def test_new_kinds_codes_are_active_in_the_shipped_nomenclatures():
    nom = default_nomenclatures()
    r211, j17 = nom.table("TRE_R211"), nom.table("JDV_J17").codes
    r244, j238 = nom.table("TRE_R244"), nom.table("JDV_J238").codes
    for t in SPECIALISES:
        assert r211.codes[t.activite].actif and t.activite in j17, t.key
        assert t.categorie is None or (r244.codes[t.categorie].actif and t.categorie in j238), t.key
        assert BY_KEY[t.key] is t


def test_each_new_kind_is_placed_after_the_former_rows_and_needs_known_kinds():
    first = min(i for i, imp in enumerate(implantations.SANITAIRES) if imp.key in KEYS)
    assert all(imp.key in KEYS for imp in implantations.SANITAIRES[first:])
    assert {imp.key for imp in ROWS} == KEYS
    for imp in ROWS:
        for e in imp.exige:
            assert e in BY_KEY or e in implantations.FAITS, (imp.key, e)


def test_specialised_emergencies_sit_beside_their_mother_service():
    units = [uo for uo in offre().uo.values() if uo.activite in ("159", "145", "259", "257")]
    assert {uo.activite for uo in units} >= {"159", "145", "259"}
    sites = activites_par_site(offre())
    for uo in units:
        if uo.activite == "159":  # a trauma centre: emergencies, reanimation, neurosurgery
            assert {"157", "127", "096"} <= sites[uo.eg_id], uo.id
        if uo.activite == "259":
            assert {"157", "100"} <= sites[uo.eg_id], uo.id  # emergencies and a maternity


@pytest.fixture
def sans_specialises(monkeypatch: pytest.MonkeyPatch) -> Offre:
    monkeypatch.setattr(implantations, "SANITAIRES",
                        tuple(i for i in implantations.SANITAIRES if i.key not in KEYS))
    return generate("demo", regions=REGIONS)


def test_the_rest_of_the_offer_is_drawn_as_before(sans_specialises: Offre):
    before, after = sans_specialises, offre()
    assert set(before.uo) < set(after.uo)
    assert all(after.uo[k] == u for k, u in before.uo.items())
    assert {u.activite for k, u in after.uo.items() if k not in before.uo} <= {
        t.activite for t in SPECIALISES}


def test_specialised_intensive_and_continuous_care_sit_beside_their_service():
    units = [uo for uo in offre().uo.values() if uo.activite in ("374", "375", "376", "381")]
    assert {uo.activite for uo in units} >= {"374", "375"}
    sites = activites_par_site(offre())
    for uo in units:
        mother = {"374": "373", "375": "373", "376": "354", "381": "018"}[uo.activite]
        assert mother in sites[uo.eg_id], uo.id  # the site's USC, USIC, cardiac surgery
        assert uo.categorie_organisation in ("254", None), uo.id


def test_interventional_and_nuclear_imaging_sit_beside_their_platform():
    units = [uo for uo in offre().uo.values() if uo.activite in ("133", "338", "632", "633", "504")]
    assert {uo.activite for uo in units} >= {"133", "632", "504"}
    sites = activites_par_site(offre())
    for uo in units:
        if offre().eg[uo.eg_id].categorie == "131":
            continue  # a cancer centre has its nuclear medicine and breast imaging as such
        mother = {"133": "014", "338": "068", "632": "068", "633": "632", "504": "068"}[uo.activite]
        assert mother in sites[uo.eg_id], uo.id  # the cath lab, imaging, nuclear medicine
    assert all(uo.categorie_organisation in ("239", None) for uo in units if uo.activite == "632")


def test_organ_oncology_sits_in_cancer_centres_or_beside_an_oncology_service():
    codes = {t.activite for t in SPECIALISES if t.categorie == "171"}
    units = [uo for uo in offre().uo.values() if uo.activite in codes]
    assert {uo.activite for uo in units} >= {"189", "193", "412"}
    sites = activites_par_site(offre())
    for uo in units:
        cancer = offre().eg[uo.eg_id].categorie == "131" or "102" in sites[uo.eg_id]
        assert cancer or uo.activite in ("188", "191", "536", "540"), uo.id  # organ-led ones


def test_explorations_sit_beside_their_speciality_s_department():
    units = [uo for uo in offre().uo.values() if uo.activite in ("431", "346", "086")]
    assert {uo.activite for uo in units} >= {"431", "346"}
    sites = activites_par_site(offre())
    for uo in units:
        mother = {"431": "114", "346": "097", "086": "152"}[uo.activite]
        assert mother in sites[uo.eg_id], uo.id  # pneumology, neurology, the UMJ
