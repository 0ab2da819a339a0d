"""The social establishments the ROR holds (`catalogue_social.py`, placed by `ville.py`): CHRS,
centres parentaux, maisons d'accueil hospitalières, pensions de famille, temporary care for disabled
adults; real categories and codes, numbers that follow the population, nothing else moved."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

import ror_orientation.generateur.ville as ville_module
from ror_orientation.generateur import generate
from ror_orientation.generateur.catalogue import BY_KEY, check_catalogue
from ror_orientation.generateur.catalogue_social import SOCIAL, STRUCTURES_SOCIALES
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre
from ror_orientation.territoire import default_territoire

REGIONS = ("53",)  # Bretagne
CATEGORIES = {s.categorie for s in STRUCTURES_SOCIALES}


@lru_cache(maxsize=1)
def offre() -> Offre:
    return generate("demo", regions=REGIONS)


def test_social_kinds_and_structures_carry_active_codes():
    assert check_catalogue() > 0 and all(BY_KEY[t.key] is t for t in SOCIAL)
    j55 = default_nomenclatures().table("JDV_J55").codes
    assert {"214", "166", "271", "258", "395"} <= CATEGORIES
    for s in STRUCTURES_SOCIALES:
        assert s.categorie in j55 and j55[s.categorie].actif, s.cle


def test_the_demo_offer_holds_social_establishments_with_their_units():
    o = offre()
    egs = Counter(eg.categorie for eg in o.eg.values() if eg.categorie in CATEGORIES)
    for code in ("214", "258", "271"):
        assert egs[code] > 0, code
    units = [uo for uo in o.uo.values() if o.eg[uo.eg_id].categorie in CATEGORIES]
    assert {uo.activite for uo in units} >= {"511", "298", "325"}
    chrs = [uo for uo in units if o.eg[uo.eg_id].categorie == "214"]
    assert chrs and all("06" in uo.publics or "10" in uo.publics for uo in chrs)
    for uo in units:  # shelters, never an emergency destination
        assert uo.mode_prise_en_charge in ("46", None), uo.id  # some units leave it blank
        assert all(c.fonction != "Ligne directe régulation" for c in uo.contacts), uo.id


def test_maisons_d_accueil_hospitalieres_sit_in_hospital_towns():
    o = offre()
    communes = default_territoire().communes
    mah = [eg for eg in o.eg.values() if eg.categorie == "271"]
    assert mah and all((communes[eg.adresse.commune_insee or ""].population or 0)
                       >= ville_module.SEUILS["mah"] for eg in mah)


def test_social_structures_follow_the_national_counts():
    national = ville_module.pool(None)
    assert all(ville_module.nombre(s, national, national) == s.nombre for s in STRUCTURES_SOCIALES)


def test_social_structures_placed_last_move_nothing_else(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ville_module, "STRUCTURES_ORIENTEES", ())  # placed after them
    after = generate("demo", regions=REGIONS)
    monkeypatch.setattr(ville_module, "STRUCTURES_SOCIALES", ())
    before = generate("demo", regions=REGIONS)
    for name in ("ej", "eg", "oi", "uo", "professionnels"):
        old, new = getattr(before, name), getattr(after, name)
        assert set(old) <= set(new) and all(new[k] == v for k, v in old.items()), name
    added = set(after.eg) - set(before.eg)
    assert added and {after.eg[e].categorie for e in added} <= CATEGORIES
