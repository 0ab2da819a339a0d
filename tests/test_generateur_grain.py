"""The national scale's finer grain: more offers per site, split by mode, valid and distinct, while
the demo's coarser grain stays what it was."""

from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache

from ror_orientation.generateur import REFERENCE, generate, generate_from
from ror_orientation.generateur.etablissements import real_establishments
from ror_orientation.generateur.medico_social import BY_CODE
from ror_orientation.generateur.plan import plan_sanitaire
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import Offre
from ror_orientation.store import Store
from ror_orientation.validation import validate

from .test_generateur import jsonl_digest

SMALL = ("94",)  # Corse


@lru_cache(maxsize=1)
def fine() -> Offre:
    return generate_from(real_establishments(), seed=7, reference=REFERENCE, regions=SMALL,
                         fine=True)


def test_fine_grain_adds_units_on_the_same_establishments():
    coarse = generate("demo", seed=7, regions=SMALL)
    assert set(fine().eg) == set(coarse.eg)
    assert len(fine().uo) > 1.3 * len(coarse.uo)


def test_fine_grain_is_deterministic():
    again = generate_from(real_establishments(), seed=7, reference=REFERENCE, regions=SMALL,
                          fine=True)
    assert jsonl_digest(again) == jsonl_digest(fine())


def test_fine_units_are_valid_and_the_store_takes_them(tmp_path):
    nom = default_nomenclatures()
    for uo in fine().uo.values():
        validate(uo, nom)
    store = Store(tmp_path / "fine.sqlite")
    store.import_offre(fine(), source="test")
    assert store.counts()["uo"] == len(fine().uo)
    store.close()


def test_units_of_one_site_have_distinct_names():
    names = Counter((uo.eg_id, uo.nom) for uo in fine().uo.values())
    assert [k for k, n in names.items() if n > 1] == []


def test_fine_grain_declares_teleexpertise_mobile_teams_and_ehpad_offers():
    modes = Counter(uo.mode_prise_en_charge for uo in fine().uo.values())
    assert modes["35"] > 0 and modes["52"] > 0  # téléexpertise, équipe mobile intra-hospitalière
    noms = {uo.nom for uo in fine().uo.values()}
    assert "Hébergement temporaire en sortie d'hospitalisation" in noms


def test_a_chu_main_site_is_split_finer_by_mode():
    real = real_establishments()
    chu = max((eg for eg in real.eg.values() if eg.categorie == "101" and eg.region == "53"),
              key=lambda eg: eg.sae.get("LIT_MCO", 0))
    coarse = plan_sanitaire(chu, random.Random(1), main_site=True).unites
    finer = plan_sanitaire(chu, random.Random(1), main_site=True, fine=True).unites
    assert len(finer) > 1.3 * len(coarse)
    keys = {p.key for p in finer}
    assert {"cardio@tlx", "geriatrie@em"} <= keys


def test_an_ehpad_declares_more_offers_at_the_fine_grain():
    plan = BY_CODE["500"].plan
    coarse = sum(len(plan(random.Random(i), False)) for i in range(200))
    finer = sum(len(plan(random.Random(i), True)) for i in range(200))
    assert finer > coarse + 200  # more than one more offer per EHPAD on average
