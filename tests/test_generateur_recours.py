"""The kinds of unit added by `catalogue_recours.py` appear where real France has them (paediatric
sub-specialities in hospitals with a paediatric department, UHCD where the SAE counts UHCD beds,
SMR mentions in SMR sites of that mention, département dispositifs hosted by an ESMS of the right
category), with their codes, ages and modes, and without moving anything else of the offer."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

import pytest

from ror_orientation.generateur import generate, implantations
from ror_orientation.generateur.catalogue import BY_KEY, check_catalogue
from ror_orientation.generateur.catalogue_recours import RECOURS
from ror_orientation.generateur.catalogue_specialise import SPECIALISES
from ror_orientation.generateur.etablissements import real_establishments
from ror_orientation.generateur.type_unite import ENFANT
from ror_orientation.offre import Offre, UniteOperationnelle

from .factories import activites_par_site

REGIONS = ("53",)  # Bretagne: two CHU, CH, CHS, SMR clinics and four départements of ESMS
NOMS = {t.nom: t for t in RECOURS}


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def _kind(uo: UniteOperationnelle) -> str | None:
    t = NOMS.get(uo.nom.split(" - site ")[0])
    return t.key if t is not None and uo.activite == t.activite else None


@lru_cache(maxsize=1)
def placed() -> dict[str, list[UniteOperationnelle]]:
    out: dict[str, list[UniteOperationnelle]] = defaultdict(list)
    for uo in offre().uo.values():
        key = _kind(uo)
        if key is not None:
            out[key].append(uo)
    return out


def test_every_new_kind_is_checked_against_the_nomenclatures_and_placed_by_a_table():
    assert check_catalogue() > 0
    placed_keys = {i.key for i in implantations.SANITAIRES} | {d.key for d in implantations.MEDICO_SOCIAUX}
    # every new kind is placed; planned kinds some sites lack are placed too (radiotherapy beyond
    # the CLCC, Maisons des adolescents, CPDPN)
    assert placed_keys - {t.key for t in RECOURS + SPECIALISES} == {"radiotherapie", "mda", "cpdpn"}
    assert {t.key for t in RECOURS} <= placed_keys
    assert all(BY_KEY[t.key] is t for t in RECOURS)


def test_new_units_carry_their_kind_codes():
    units = placed()
    for key in ("onco_ped", "neuro_ped", "cardio_ped", "uhcd", "cegidd", "em_psy", "pco", "gem",
                "smr_amputes", "lisp", "rachis"):
        assert units[key], key
    for key, uos in units.items():
        t = BY_KEY[key]
        for uo in uos:
            assert uo.champ == t.champ and uo.activite == t.activite, uo.id
            assert uo.mode_prise_en_charge in (t.mode, None), uo.id  # None: a careless site
            assert uo.categorie_organisation in (t.categorie, None), uo.id
            assert set(t.actes) <= set(uo.actes), uo.id


def test_paediatric_kinds_take_only_children():
    paediatric = {t.key for t in RECOURS if t.ages[1] <= ENFANT[1]}
    assert {"onco_ped", "neuro_ped", "pneumo_ped", "smur_ped", "usi_ped", "empea", "cardio_ped",
            "nephro_ped", "chir_neonat", "had_ped"} <= paediatric
    for key in paediatric:
        for uo in placed()[key]:
            assert uo.age_min >= 0 and uo.age_max in (BY_KEY[key].ages[1], None), uo.id
    adults = [uo for uo in offre().uo.values()
              if uo.activite in ("279", "610", "611", "270", "370", "605")
              and uo.age_max is not None and uo.age_max > 17]
    assert adults == []


def test_new_kinds_sit_where_their_mother_service_is():
    by_eg = activites_par_site(offre())
    sae = {eg.id: eg.sae for eg in real_establishments().eg.values()}
    for uo in placed()["neuro_ped"] + placed()["pneumo_ped"]:
        assert "088" in by_eg[uo.eg_id], uo.id  # a paediatric department on the site
    for uo in placed()["uhcd"]:
        assert "157" in by_eg[uo.eg_id] and sae[uo.eg_id].get("LIT_UHCD", 0) > 0, uo.id
    for uo in placed()["smr_amputes"]:
        assert "233" in by_eg[uo.eg_id], uo.id  # an SMR locomoteur
    for uo in placed()["usih"]:
        assert "055" in by_eg[uo.eg_id], uo.id  # a haematology ward
    for uo in placed()["chir_neonat"]:
        assert "128" in by_eg[uo.eg_id], uo.id  # a neonatal reanimation
    cats = {eg.id: eg.categorie for eg in offre().eg.values()}
    for key in ("pco", "emas", "gem", "cjc", "crt"):
        hosts = {d.hotes for d in implantations.MEDICO_SOCIAUX if d.key == key}.pop()
        assert all(cats[uo.eg_id] in hosts for uo in placed()[key]), key


def test_curietherapy_and_dialysis_rehabilitation_sit_beside_their_mother_services():
    by_eg = activites_par_site(offre())
    assert placed()["curietherapie"] and placed()["accueil_familial"]
    for uo in placed()["curietherapie"]:
        assert "168" in by_eg[uo.eg_id], uo.id  # an external-beam radiotherapy on the site
    for uo in placed()["smr_nephro"]:
        assert {"242", "059"} <= by_eg[uo.eg_id], uo.id  # an SMR and an in-centre haemodialysis
    radiotherapies = {uo.eg_id for uo in offre().uo.values() if uo.activite == "168"}
    cats = {eg.id: eg.categorie for eg in offre().eg.values()}
    assert any(cats[eg] != "131" for eg in radiotherapies)  # no longer the CLCC alone


def test_soins_etudes_units_are_the_students_health_foundation_s():
    fsef = {eg.id for eg in real_establishments().eg.values() if eg.ej_id == implantations.FSEF}
    national = generate("demo", regions=("11",))  # Île-de-France: most of the foundation's clinics
    units = [uo for uo in national.uo.values() if uo.categorie_organisation == "19"]
    assert units and all(uo.eg_id in fsef for uo in units)
    assert all(national.eg[uo.eg_id].categorie not in ("109", "362") for uo in units)


def test_departement_dispositifs_come_in_realistic_numbers():
    per_dep = Counter((offre().eg[uo.eg_id].departement) for uo in placed()["pco"])
    assert set(per_dep) <= {"22", "29", "35", "56"} and max(per_dep.values()) <= 1
    assert len(placed()["communaute_360"]) <= 4
    assert len(placed()["erhr"]) <= 2  # one per region or inter-region
    per_dep = Counter((offre().eg[uo.eg_id].departement) for uo in placed()["accueil_familial"])
    assert max(per_dep.values()) <= 2


@pytest.fixture
def sans_implantations(monkeypatch: pytest.MonkeyPatch) -> Offre:
    monkeypatch.setattr(implantations, "SANITAIRES", ())
    monkeypatch.setattr(implantations, "MEDICO_SOCIAUX", ())
    return generate("demo", regions=REGIONS)


def test_the_rest_of_the_offer_is_drawn_as_before(sans_implantations: Offre):
    before, after = sans_implantations, offre()
    assert set(before.uo) < set(after.uo)
    assert all(after.uo[k] == u for k, u in before.uo.items())
    assert set(before.eg) == set(after.eg) and set(before.professionnels) == set(after.professionnels)
    extra = len(after.uo) - len(before.uo)
    assert 0 < extra < 0.1 * len(before.uo)


def test_companions_added_to_existing_kinds_keep_their_ward_s_patientele():
    """Obstetric emergencies beside every maternity, the SAS regulators beside every SAMU."""
    uo_by_id = offre().uo
    units = uo_by_id.values()
    obst = {uo.id for uo in units if uo.activite == "260"}
    maternites = {uo.id for uo in units if uo.nom.startswith("Maternité")}
    assert obst and obst == {f"{m}-260" for m in maternites}
    assert all(uo_by_id[i].mode_prise_en_charge in ("33", None) and uo_by_id[i].age_min >= 12
               for i in obst)
    assert len([uo for uo in units if uo.activite == "272"]) == len(
        [uo for uo in units if uo.activite == "273"])
