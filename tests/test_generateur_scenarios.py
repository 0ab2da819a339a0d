"""Each use-case scenario (specs/use-cases.md) has units to find in the demo offer, and the stored demo
gives the population indicators all three statuses to count."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ror_orientation.horaires import is_open
from ror_orientation.offre import UniteOperationnelle
from ror_orientation.peuplement.criteres import StatutPeuplement
from ror_orientation.peuplement.perimetre import CHAMPS_TABLEAU
from ror_orientation.peuplement.statut import Parametres, calculer
from ror_orientation.store import Store
from ror_orientation.territoire import default_territoire
from tests.test_generateur import demo

PARIS = ZoneInfo("Europe/Paris")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def commune(insee: str) -> tuple[float, float]:
    c = default_territoire().commune(insee)
    return c.lat, c.lon


def near(insee: str, radius_km: float) -> list[UniteOperationnelle]:
    o, here = demo(), commune(insee)
    out = []
    for uo in o.uo.values():
        c = o.eg[uo.eg_id].coordonnees
        if c is not None and km(here, (c.lat, c.lon)) <= radius_km:
            out.append(uo)
    return out


def free_now(uo: UniteOperationnelle) -> bool:
    return any(c.statut == "02" and c.temporalite == "01" and c.nombre > 0 for c in uo.capacites)


def ages(uo: UniteOperationnelle, age: int) -> bool:
    return uo.age_min is not None and uo.age_max is not None and uo.age_min <= age <= uo.age_max


FOUGERES, VANNES, QUIMPER, SAINT_MALO, LANESTER, BREST = (
    "35115", "56260", "29232", "35288", "56098", "29019")


def test_stroke_in_fougeres_has_a_thrombolysis_usinv_within_50_km_open_at_night():
    sunday_night = datetime(2026, 11, 29, 3, 10, tzinfo=PARIS)
    found = [uo for uo in near(FOUGERES, 50) if "0460" in uo.actes and uo.activite == "356"
             and is_open(uo.horaires, sunday_night) and ages(uo, 67)]
    assert found


def test_chest_pain_in_vannes_a_24_7_cath_lab_exists_and_a_day_only_one_closes_at_night():
    o = demo()
    labs = [uo for uo in o.uo.values() if uo.activite == "014" and "0597" in uo.actes]
    weekday_2am = datetime(2026, 11, 25, 2, 0, tzinfo=PARIS)
    weekday_2pm = datetime(2026, 11, 25, 14, 0, tzinfo=PARIS)
    day_only = [uo for uo in labs if not uo.horaires.permanent]
    assert day_only and all(not is_open(uo.horaires, weekday_2am) for uo in day_only)
    assert any(is_open(uo.horaires, weekday_2pm) for uo in day_only)
    assert any(uo.horaires.permanent for uo in near(VANNES, 120) if uo in labs)
    assert any(uo.activite == "354" for uo in near(VANNES, 40))  # USIC


def test_child_in_quimper_finds_paediatric_continuous_or_intensive_care():
    found = [uo for uo in near(QUIMPER, 80)
             if {"391", "130", "370"} & {uo.activite} and ages(uo, 4)]
    assert found and all(uo.age_max <= 17 for uo in found)


def test_bariatric_patient_finds_equipment_rated_above_210_kg():
    rated = [e for uo in demo().uo.values() for e in uo.equipements
             if e.caracteristique == "001" and e.valeur is not None and e.valeur >= 210]
    assert {e.code for e in rated} & {"227", "225"}  # operating table, bariatric room


def test_plan_blanc_hospitals_have_mobilised_extra_beds():
    o = demo()
    crisis = {uo.eg_id for uo in o.uo.values()
              if any(c.statut == "06" and c.crise == "02" for c in uo.capacites)}
    assert 1 <= len(crisis) <= max(3, len({uo.eg_id for uo in o.uo.values()}) // 50)


def test_hip_rehabilitation_near_saint_malo_has_places_within_7_days_for_81():
    found = [uo for uo in near(SAINT_MALO, 30) if uo.activite == "233"
             and uo.mode_prise_en_charge == "28" and ages(uo, 81)
             and any(c.temporalite == "05" and c.statut == "02" for c in uo.capacites)]
    assert found


def test_nursing_home_with_alzheimer_unit_and_temporary_stay_near_lanester():
    units: dict[str, set[str]] = defaultdict(set)
    for uo in near(LANESTER, 20):
        if demo().eg[uo.eg_id].categorie == "500":
            units[uo.eg_id].add(uo.nom.split(" - ")[0])
            if uo.categorie_organisation in ("24", "25"):
                units[uo.eg_id].add("alzheimer")
    assert any({"alzheimer", "Hébergement temporaire"} <= names for names in units.values())


def test_young_adult_with_autism_near_brest_finds_ph_establishments():
    o = demo()
    found = [uo for uo in near(BREST, 40) if o.eg[uo.eg_id].categorie in ("448", "255", "445")
             and "02" in uo.specialisations and ages(uo, 22)]
    assert {o.eg[uo.eg_id].categorie for uo in found} >= {"448", "255"}


def test_haemodialysis_units_exist_with_places():
    dialysis = [uo for uo in demo().uo.values() if uo.activite == "059"]
    assert len(dialysis) > 20 and any(free_now(uo) for uo in dialysis)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("gen") / "demo.sqlite")
    report = s.import_offre(demo(), source="generateur", replace_all=True)
    assert report.warnings == []  # no deprecated code
    return s


def test_store_accepts_the_demo_offer_with_every_link_resolved(store: Store):
    assert store.counts()["uo"] == len(demo().uo)
    assert store.counts()["eg"] == len(demo().eg)


def test_population_indicators_find_finalise_en_cours_and_a_faire(store: Store):
    calcul = calculer(store, Parametres(reference=date(2026, 11, 26), date_ouverture_requise=False))
    seen = {s.statut for s in calcul.statuts}
    assert seen == {StatutPeuplement.FINALISE, StatutPeuplement.EN_COURS, StatutPeuplement.A_FAIRE}
    per_champ: dict[str, set[StatutPeuplement]] = defaultdict(set)
    for s in calcul.statuts:
        per_champ[s.ligne.champ].add(s.statut)
    for champ in CHAMPS_TABLEAU:  # every column of the table has rows, and not all alike
        assert len(per_champ[champ]) >= 2, champ
