"""The city offer (`catalogue_ville.py`, `ville.py`): MSP, centres de santé, PMI, CPTS and practices
on real communes, with real codes, in numbers that follow the population, never an emergency
destination, and without moving anything else of the generated offer."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

import ror_orientation.generateur.ville as ville_module
from ror_orientation.generateur import generate
from ror_orientation.generateur.catalogue import BY_KEY, check_catalogue
from ror_orientation.generateur.catalogue_orientations import ORIENTATIONS
from ror_orientation.generateur.catalogue_social import STRUCTURES_SOCIALES
from ror_orientation.generateur.catalogue_ville import STRUCTURES, VILLE
from ror_orientation.generateur.etablissements import luhn_digit, real_establishments
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre
from ror_orientation.territoire import default_territoire

REGIONS = ("53",)  # Bretagne
NATIONAL_UNITS = 482_033  # the generated national offer before the city offer
CITY = {t.key for t in VILLE}


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def _social_egs(o: Offre) -> set[str]:
    return {eg.id for eg in o.eg.values() if eg.categorie in {s.categorie for s in STRUCTURES_SOCIALES}}


def _city_egs(o: Offre) -> set[str]:
    return {eg.id for eg in o.eg.values() if eg.categorie in {s.categorie for s in STRUCTURES}
            and eg.genere and eg.id not in real_establishments().eg}


def test_city_kinds_and_structures_carry_active_codes_of_their_tables():
    assert check_catalogue() > 0 and all(BY_KEY[k] is t for k, t in ((t.key, t) for t in VILLE))
    j55 = default_nomenclatures().table("JDV_J55").codes
    for s in STRUCTURES:
        assert s.categorie in j55 and j55[s.categorie].actif, s.cle
        assert s.unites and all(k in CITY for k, _p in s.unites), s.cle
    categories = {t.categorie for t in VILLE}
    # the city categories of TRE_R244 the brief of the ROR's city offer names
    assert {"99", "92", "125", "64", "137", "141", "255", "195", "196", "225", "213"} <= categories


def test_the_demo_offer_holds_the_city_offer():
    o = offre()
    cats = Counter(uo.categorie_organisation for uo in o.uo.values())
    for code in ("99", "92", "125", "255", "195", "196", "225", "221", "205"):
        assert cats[code] > 0, code
    egs = Counter(o.eg[e].categorie for e in _city_egs(o))
    for code in ("603", "124", "223", "604", "SA07", "SA08"):
        assert egs[code] > 0, code
    kine = [uo for uo in o.uo.values() if uo.categorie_organisation == "195"]
    orientations = {t.activite for t in ORIENTATIONS}  # a practice's declared orientations
    assert all(uo.activite in {"339"} | orientations and uo.mode_prise_en_charge in ("32", None)
               for uo in kine)


def test_city_structures_get_new_finess_like_numbers_in_their_commune():
    o = offre()
    real = real_establishments()
    communes = default_territoire().communes
    for eg_id in _city_egs(o):
        eg = o.eg[eg_id]
        assert eg_id not in real.eg and len(eg_id) == 9 and eg_id[-1] == luhn_digit(eg_id[:8])
        c = communes[eg.adresse.commune_insee or ""]
        assert c.departement == eg.departement and c.population


def test_a_city_unit_is_never_an_emergency_destination():
    """No city unit takes emergencies, has beds, a SAMU line or opens round the clock."""
    o = offre()
    city = _city_egs(o)
    units = [uo for uo in o.uo.values() if uo.eg_id in city]
    assert units
    for uo in units:
        assert uo.mode_prise_en_charge != "33" and not uo.capacites, uo.id
        assert not uo.horaires.permanent, uo.id
        assert all(c.fonction != "Ligne directe régulation" for c in uo.contacts), uo.id


def test_structures_follow_the_population_and_the_kind_s_threshold():
    national = ville_module.pool(None)
    assert all(ville_module.nombre(s, national, national) == s.nombre for s in STRUCTURES)
    bretagne = ville_module.pool(REGIONS)
    share = sum(c.population or 0 for c in bretagne) / sum(c.population or 0 for c in national)
    msp = next(s for s in STRUCTURES if s.cle == "msp")
    assert ville_module.nombre(msp, bretagne, national) == pytest.approx(msp.nombre * share, abs=1)
    o = offre()
    communes = default_territoire().communes
    bapu = [o.eg[uo.eg_id] for uo in o.uo.values() if uo.categorie_organisation == "64"]
    assert bapu and all((communes[eg.adresse.commune_insee or ""].population or 0)
                        >= ville_module.SEUILS["bapu"] for eg in bapu)


def test_the_national_city_offer_stays_under_a_tenth_of_the_units():
    expected = sum(s.nombre * sum(p for _k, p in s.unites) for s in STRUCTURES)
    assert 0.05 * NATIONAL_UNITS < expected < 0.1 * NATIONAL_UNITS


@pytest.fixture
def sans_ville(monkeypatch: pytest.MonkeyPatch) -> Offre:
    monkeypatch.setattr(ville_module, "STRUCTURES", ())
    monkeypatch.setattr(ville_module, "STRUCTURES_SOCIALES", ())  # they would take other numbers
    monkeypatch.setattr(ville_module, "STRUCTURES_ORIENTEES", ())
    return generate("demo", regions=REGIONS)


def test_the_rest_of_the_offer_is_drawn_as_before(sans_ville: Offre):
    before, after = sans_ville, offre()
    for name in ("ej", "eg", "oi", "uo", "professionnels"):
        old, new = getattr(before, name), getattr(after, name)
        assert set(old) <= set(new) and all(new[k] == v for k, v in old.items()), name
    assert len(after.eg) > len(before.eg) and len(after.uo) > len(before.uo)
    assert set(after.eg) - set(before.eg) == _city_egs(after) | _social_egs(after)


def test_practices_added_last_leave_every_former_structure_as_it_was(monkeypatch: pytest.MonkeyPatch):
    """Orthodontists and mental-health IPA come after the other kinds: same numbers for the rest."""
    nouveaux = ("cab_odf", "cab_ipa_psy")
    assert [s.cle for s in STRUCTURES[-len(nouveaux):]] == list(nouveaux)
    monkeypatch.setattr(ville_module, "STRUCTURES_SOCIALES", ())  # placed after them
    monkeypatch.setattr(ville_module, "STRUCTURES_ORIENTEES", ())
    after = generate("demo", regions=REGIONS)
    monkeypatch.setattr(ville_module, "STRUCTURES", STRUCTURES[:-len(nouveaux)])
    before = generate("demo", regions=REGIONS)
    for name in ("ej", "eg", "oi", "uo", "professionnels"):
        old, new = getattr(before, name), getattr(after, name)
        assert set(old) <= set(new) and all(new[k] == v for k, v in old.items()), name
    assert len(after.eg) > len(before.eg)  # individual practices: no legal entity of their own
    added = [uo for uo in after.uo.values() if uo.id not in before.uo]
    assert {uo.categorie_organisation for uo in added} <= {"229", "306", None}
    assert {uo.activite for uo in added} == {"104", "617"}


@pytest.mark.parametrize(("texte", "code"), [
    ("kiné", "R244:195"), ("médecin généraliste", "R211:437"), ("maison médicale de garde", "R244:92"),
    ("maison de santé pluriprofessionnelle", "R244:99"), ("CPTS", "R244:255"), ("BAPU", "R244:64"),
    ("PMI", "R244:125"), ("sage-femme", "R244:213"), ("dentiste", "R244:226")])
def test_everyday_names_of_the_city_offer_read_as_codes_its_units_carry(texte: str, code: str):
    from ror_orientation.index.concepts import default_concept_index

    groupes = default_concept_index().resolve(texte).groupes
    assert len(groupes) == 1 and code in {m.concept for m in groupes[0].matches}, texte
    table, value = code.split(":")
    assert any((t.categorie if table == "R244" else t.activite) == value for t in VILLE), code
