"""The generated offer: deterministic, valid against the nomenclatures, consistent with the real
establishments it stands on, and rich enough for the population indicators and the use cases."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import orjson
import pytest

from ror_orientation.errors import ValidationError
from ror_orientation.generateur import REFERENCE, generate
from ror_orientation.generateur.catalogue import check_catalogue
from ror_orientation.generateur.catalogue_ville import STRUCTURES
from ror_orientation.generateur.etablissements import luhn_digit
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Confidentialite, Offre, Statut
from ror_orientation.serialisation import to_plain
from ror_orientation.validation import FINESS_RE, validate, validate_capacite

from .factories import activites_par_site

SMALL = ("94",)  # Corse: a small region, for the tests that generate several times


@lru_cache(maxsize=1)
def demo() -> Offre:
    """The demo offer, generated once per test session."""
    return generate("demo")


def jsonl_digest(offre: Offre) -> str:
    h = hashlib.sha256()
    for kind in ("ej", "eg", "oi", "uo", "professionnels"):
        bucket = getattr(offre, kind)
        for key in sorted(bucket):
            h.update(orjson.dumps({kind: to_plain(bucket[key])}, option=orjson.OPT_SORT_KEYS))
            h.update(b"\n")
    return h.hexdigest()


def test_every_catalogue_code_exists_and_is_active():
    assert check_catalogue() > 500


def test_catalogue_check_refuses_a_deprecated_code():
    from ror_orientation.generateur.catalogue import _check

    with pytest.raises(ValidationError, match="deprecated in TRE_R210"):
        _check(default_nomenclatures(), "TRE_R210", "0145", "coronarographie")  # retired 2026-03


def test_same_seed_gives_the_same_bytes_and_another_seed_differs():
    a = jsonl_digest(generate("demo", seed=7, regions=SMALL))
    b = jsonl_digest(generate("demo", seed=7, regions=SMALL))
    c = jsonl_digest(generate("demo", seed=8, regions=SMALL))
    assert a == b
    assert a != c


def test_output_does_not_depend_on_the_process_hash_seed():
    code = ("from ror_orientation.generateur import generate; "
            "from tests.test_generateur import jsonl_digest, SMALL; "
            "print(jsonl_digest(generate('demo', seed=7, regions=SMALL)))")
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True, cwd=Path(__file__).resolve().parent.parent)
        digests.add(done.stdout.strip())
    assert digests == {jsonl_digest(generate("demo", seed=7, regions=SMALL))}


def test_unknown_scale_and_naive_reference_are_refused():
    with pytest.raises(ValidationError, match="scale"):
        generate("planet")
    with pytest.raises(ValidationError, match="reference"):
        generate("demo", reference=datetime(2026, 1, 1), regions=SMALL)
    with pytest.raises(ValidationError, match="region code"):
        generate("demo", regions=("99",))


def test_demo_size_is_whole_regions_within_the_budget():
    o = demo()
    regions = Counter(eg.region for eg in o.eg.values())
    assert set(regions) == {"53", "52", "04"}
    assert 1500 <= len(o.eg) <= 8000  # about 3,700 of them the city offer's small structures
    assert 15_000 <= len(o.uo) <= 45_000


def test_every_link_points_to_an_existing_entity():
    o = demo()
    assert all(eg.ej_id in o.ej for eg in o.eg.values() if eg.ej_id)
    assert all(uo.eg_id in o.eg for uo in o.uo.values())
    assert all(uo.oi_id in o.oi and o.oi[uo.oi_id].eg_id == uo.eg_id
               for uo in o.uo.values() if uo.oi_id)
    assert all(oi.parent_id in o.oi for oi in o.oi.values() if oi.parent_id)
    assert all(x.uo_id in o.uo for p in o.professionnels.values() for x in p.exercices)


def test_generated_records_are_marked_and_real_establishments_are_not():
    o = demo()
    assert all(r.genere for bucket in (o.oi, o.uo, o.professionnels) for r in bucket.values())
    generated = [eg for eg in o.eg.values() if eg.source == "generateur"]
    real = [eg for eg in o.eg.values() if eg.source != "generateur"]
    assert generated and real
    assert all(eg.genere for eg in generated) and not any(eg.genere for eg in real)


def test_generated_ids_are_finess_like_and_professionals_start_with_8():
    o = demo()
    for eg in o.eg.values():
        if eg.genere:
            assert FINESS_RE.match(eg.id) and eg.id[-1] == luhn_digit(eg.id[:-1])
    assert all(len(p.id) == 11 and p.id.startswith("8") and p.id.isdigit()
               for p in o.professionnels.values())


def test_a_chu_main_site_gets_the_whole_acute_chain():
    o = demo()
    acts = activites_par_site(o)
    chu = max((eg for eg in o.eg.values() if eg.categorie == "101"),
              key=lambda eg: eg.sae.get("LIT_MCO", 0))
    expected = {"157", "249", "273", "136", "127", "354", "356", "014", "100", "094", "088", "059"}
    assert expected <= acts[chu.id]


def test_units_follow_the_category_of_their_establishment():
    o = demo()
    champs: dict[str, Counter[str]] = defaultdict(Counter)
    for uo in o.uo.values():
        champs[o.eg[uo.eg_id].categorie][uo.champ] += 1
    assert set(champs["109"]) <= {"02", "01"} and champs["109"]["02"] > 0  # SMR clinics
    assert set(champs["500"]) == {"04"}  # EHPAD: médico-social only
    assert set(champs["292"]) == {"03"}  # psychiatric hospitals
    assert champs["127"]["01"] > 0 and all(uo.mode_prise_en_charge in ("31", None)
                                            for uo in o.uo.values()
                                            if o.eg[uo.eg_id].categorie == "127")


def test_paediatric_units_never_take_adults():
    o = demo()
    paediatric = [uo for uo in o.uo.values()
                  if {"088", "249", "130", "391", "227", "094"} & {uo.activite}]
    assert paediatric
    assert all(uo.age_max is None or uo.age_max <= 18 for uo in paediatric)


def test_plan_blanc_extra_beds_are_valid_crisis_records():
    o = demo()
    extra = [(uo, c) for uo in o.uo.values() for c in uo.capacites if c.statut == "06"]
    assert extra
    for _uo, c in extra:
        assert (c.type_lit_supplementaire, c.crise, c.temporalite) == ("01", "02", "01")
        validate_capacite(c, default_nomenclatures())


def test_bed_figures_are_mostly_fresh_some_stale_a_few_days_old():
    ages = [REFERENCE - c.maj for uo in demo().uo.values() for c in uo.capacites
            if c.statut == "02" and c.temporalite == "01"]
    fresh = sum(a <= timedelta(hours=4) for a in ages) / len(ages)
    stale = sum(timedelta(hours=4) < a <= timedelta(days=1.5) for a in ages) / len(ages)
    old = sum(a > timedelta(days=1.5) for a in ages) / len(ages)
    assert fresh > 0.7 and 0.03 < stale < 0.25 and 0.01 < old < 0.1


def test_reference_instant_moves_every_update_time():
    later = REFERENCE + timedelta(days=3)
    a = generate("demo", seed=3, regions=SMALL)
    b = generate("demo", seed=3, regions=SMALL, reference=later)
    ua, ub = a.uo[min(a.uo)], b.uo[min(b.uo)]
    assert ub.maj - ua.maj == timedelta(days=3)


def test_gendered_beds_confidential_lines_sensitive_units_and_drafts_occur():
    units = list(demo().uo.values())
    assert any(c.genre in ("01", "02") for uo in units for c in uo.capacites)
    assert any(t.confidentialite is Confidentialite.CONFIDENTIEL and ct.fonction
               == "Ligne directe régulation" for uo in units for ct in uo.contacts
               for t in ct.telecoms)
    assert 0.015 < sum(uo.sensible for uo in units) / len(units) < 0.05
    assert any(uo.statut is Statut.BROUILLON for uo in units)
    assert any(uo.ferme_definitivement for uo in units)
    assert any(f.reouverture_prevue for uo in units for f in uo.horaires.fermetures)
    assert any(p.crosses_midnight for uo in units for p in uo.horaires.plages)


def test_authorisations_match_the_units_and_some_lapsed_before_may_2021():
    o = demo()
    cutoff = datetime(2021, 5, 1).date()
    assert any(a.date_fin < cutoff for eg in o.eg.values() for a in eg.autorisations if a.date_fin)
    champs: dict[str, set[str]] = defaultdict(set)
    for uo in o.uo.values():
        champs[uo.eg_id].add(uo.champ)
    city = {s.categorie for s in STRUCTURES}  # practices and centres hold no FINESS authorisation
    for eg_id, seen in champs.items():
        if o.eg[eg_id].categorie in city:
            continue
        current = {a.activite for a in o.eg[eg_id].autorisations if a.date_fin >= cutoff}
        if "03" in seen:
            assert "04" in current, eg_id
        if "02" in seen:
            assert current & {f"{n}" for n in range(50, 60)}, eg_id


def test_some_establishments_have_no_unit():
    o = demo()
    with_units = {uo.eg_id for uo in o.uo.values()}
    sanitary_without = [eg for eg in o.eg.values() if not eg.genere and eg.id not in with_units]
    assert sanitary_without and all(validate(eg, default_nomenclatures()) is None
                                    for eg in sanitary_without[:5])


def test_one_hospital_has_at_least_40_units_with_synchronisation_ids():
    per_eg = Counter(uo.eg_id for uo in demo().uo.values() if uo.id_externe_synchro)
    assert max(per_eg.values()) >= 40
    ids = [uo.id_externe_synchro for uo in demo().uo.values() if uo.id_externe_synchro]
    assert len(ids) == len(set(ids))


def test_generation_at_a_live_instant_keeps_figures_fresh_relative_to_it():
    now = datetime.now(UTC).replace(microsecond=0)
    o = generate("demo", regions=SMALL, reference=now)
    ages = [now - c.maj for uo in o.uo.values() for c in uo.capacites if c.statut == "02"]
    assert ages and all(a >= timedelta(0) for a in ages)
    assert sum(a <= timedelta(hours=4) for a in ages) / len(ages) > 0.6


def test_generate_command_replaces_the_store_content_in_one_go(tmp_path, capsys):
    from ror_orientation.cli import main
    from ror_orientation.store import Store

    db = str(tmp_path / "cli.sqlite")
    assert main(["generate", "--db", db, "--regions", "94", "--seed", "3"]) == 0
    first = Store(db).counts()
    assert main(["generate", "--db", db, "--regions", "94", "--seed", "3"]) == 0
    assert Store(db).counts() == first and first["uo"] > 0
    assert f"uo={first['uo']}" in capsys.readouterr().out


def test_the_demo_has_the_referral_units_clinical_needs_call_for():
    """Thrombectomy, paediatric surgery, UMJ, burn centres, SOS main, hyperbaric chambers: where
    real France has them (CHU, the largest CH, one burn centre per region's referral site)."""
    o = demo()
    held = {f"R211:{u.activite}" for u in o.uo.values()}
    held |= {f"R210:{a}" for u in o.uo.values() for a in u.actes}
    held |= {f"R212:{e.code}" for u in o.uo.values() for e in u.equipements}
    for concept in ("R210:1274", "R211:604", "R211:152", "R211:121", "R210:0068", "R212:244",
                    "R211:147", "R211:613", "R211:096"):
        assert concept in held, concept
    burns = {o.eg[u.eg_id].region for u in o.uo.values() if u.activite == "121"}
    assert burns == {"53", "52", "04"}


def test_every_demo_unit_has_one_activity_and_multi_activity_wards_declare_companion_units():
    """ME 3.0: one activité opérationnelle per unit. A maternity is an "Obstétrique" unit with the
    beds plus a "Suivi prénatal" consultation unit; an EHPAD's accommodation comes with its
    "Soins de nursing lourds" unit; every companion sits beside its ward, without beds."""
    from ror_orientation.generateur.compagnons import COMPAGNONS

    o = demo()
    nom = default_nomenclatures()
    assert all(isinstance(u.activite, str) and u.activite in nom.table("TRE_R211").codes
               for u in o.uo.values())
    maternites = [u for u in o.uo.values() if u.activite == "100" and u.mode_prise_en_charge != "32"
                  and u.nom.startswith("Maternité")]
    assert len(maternites) > 20
    for m in maternites:
        suivi = o.uo[f"{m.id}-530"]
        assert (suivi.activite, suivi.eg_id, suivi.oi_id) == ("530", m.eg_id, m.oi_id)
        assert suivi.nom.startswith("Consultations de suivi prénatal")
        assert suivi.mode_prise_en_charge in ("32", None) and suivi.capacites == ()
        assert m.capacites  # the beds stay with the obstetrics unit
    companions = [u for u in o.uo.values() if u.id.count("-") == 3]
    assert len(companions) > 5000
    for c in companions:
        ward = o.uo[c.id.rsplit("-", 1)[0]]
        assert c.activite == c.id.rsplit("-", 1)[1] != ward.activite and c.capacites == ()
        assert c.nom != ward.nom and c.eg_id == ward.eg_id
    declared = {c.activite for cs in COMPAGNONS.values() for c in cs}
    assert {"530", "288", "325", "160"} <= declared <= {c.activite for c in companions}
    ehpad = [u for u in o.uo.values()
             if u.activite == "293" and u.nom.startswith("Hébergement permanent")]
    assert ehpad and all(o.uo[f"{u.id}-288"].nom.startswith("Soins de nursing lourds")
                         for u in ehpad)


def test_companion_units_leave_the_other_units_drawn_as_before():
    """Companions draw from their own seeded generator: removing them gives back, unit for unit,
    the offer the establishments' own draws make (same ids, names and beds)."""
    o = generate("demo", seed=7, regions=SMALL)
    wards = {i: u for i, u in o.uo.items() if i.count("-") == 2}
    assert len(wards) < len(o.uo)
    again = generate("demo", seed=7, regions=SMALL)
    assert {i: u for i, u in again.uo.items() if i.count("-") == 2} == wards
    assert all(u.id.rsplit("-", 1)[0] in wards for i, u in o.uo.items() if i.count("-") == 3)


def test_companion_kinds_have_names_and_ids_of_their_own():
    from ror_orientation.generateur.catalogue import ALL_TYPES, COMPAGNON_TYPES

    companions = [c for cs in COMPAGNON_TYPES.values() for c in cs]
    others = {t.nom for t in ALL_TYPES if "+" not in t.key}
    assert [c.nom for c in companions if c.nom in others] == []
    assert len({c.nom for c in companions}) == len(companions)
    for key, cs in COMPAGNON_TYPES.items():
        assert all(c.key == f"{key}+{c.activite}" and c.nature is None for c in cs)


def test_downstream_and_named_acts_exist_where_real_france_has_them():
    # the structures coordinators ask for by name, with who they take and for how long, and the
    # acts regulators name (ERCP, therapeutic hypothermia, bronchiolitis, ECT, stereotaxy, PET)
    o = demo()
    by_type: dict[str, list] = defaultdict(list)
    for uo in o.uo.values():
        by_type[uo.categorie_organisation or ""].append(uo)
    lhss = by_type["93"]
    assert lhss and all("06" in u.publics and u.temporalites_accueil == ("01",) for u in lhss)
    assert all(o.eg[u.eg_id].categorie == "180" for u in lhss)
    assert by_type["95"] and by_type["94"] and by_type["81"]  # LAM, ACT, CAARUD
    assert by_type["80"] and all("10" in u.specialisations for u in by_type["80"])  # CSAPA
    assert by_type["49"] and all("22" in u.specialisations for u in by_type["49"])  # IEM: motor
    assert any(u.activite == "240" for u in by_type["108"])  # SMR conduites addictives
    assert by_type["120"] and all("01" in u.specialisations for u in by_type["120"])  # TCA
    assert any(u.activite == "246" for u in o.uo.values())  # UCC
    assert any(u.activite == "343" for u in o.uo.values())  # respiratory function tests
    assert any("09" in u.specialisations for u in by_type["10"])  # a CMP for OCD
    temporary_alzheimer = [u for u in by_type["21"] if u.temporalites_accueil == ("01",)
                           and "28" in u.specialisations]
    assert temporary_alzheimer
    carried = Counter(a for u in o.uo.values() for a in u.actes)
    for acte in ("0191", "0243", "1477", "0183", "0959", "0549",  # SRPR (1310): national only
                 "0681", "0682", "0483", "0250", "0249", "0172", "1124", "1243", "0178", "0277",
                 "1144", "0264", "0757"):
        assert carried[acte] > 0, acte
    # named acts stay specialised: far fewer sites than the wards of their speciality
    assert carried["0183"] < sum(1 for u in o.uo.values() if u.activite == "229")


def test_acts_sit_on_the_units_that_perform_them_and_recourse_services_exist():
    # emergency departments suture and cast, USIC cardiovert; home nursing never casts; the recourse
    # services regulators name (poison control, VigilanS, eye emergencies, prison health, UHSA)
    # are in the catalogue with their ROR codes, and the CHU of the demo regions carry some
    from ror_orientation.generateur.catalogue import BY_KEY

    for key in ("urgences", "urgences_ped"):
        assert {"1269", "1247"} <= set(BY_KEY[key].actes), key
    assert "0915" in BY_KEY["usic"].actes
    recours = {"captv": ("015", "285"), "vigilans": ("472", "87"), "urgences_ophtalmo": ("154", "172"),
               "usmp": ("089", "309"), "uhsa": ("229", "17")}
    for key, (activite, categorie) in recours.items():
        assert (BY_KEY[key].activite, BY_KEY[key].categorie) == (activite, categorie), key
    o = demo()
    casts = Counter(u.categorie_organisation for u in o.uo.values() if "1247" in u.actes)
    assert casts["20"] > 0 and casts["150"] > 0  # emergency departments and orthopaedics
    assert casts["28"] == 0 and casts["75"] == 0  # never home nursing (SSIAD)
    present = {u.categorie_organisation for u in o.uo.values()}
    assert {"87", "172", "309"} <= present
    # national recourse units stay rare: fewer eye emergency units than adult emergency departments
    n = Counter(u.categorie_organisation for u in o.uo.values())
    assert n["172"] < n["20"] and n["285"] <= 3
