"""The engine agrees with the brute-force scan on the generated demo offer (hundreds of random
queries drawn from what the offer holds); the demo engine is built once per session."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from ror_orientation.engine import Engine
from ror_orientation.engine.lieu import resolve
from ror_orientation.requete import Lieu, Profil, Requete, Sexe
from ror_orientation.territoire import default_territoire

from .reference import positions_of, scan

N_QUERIES = 200


@pytest.fixture(scope="session")
def demo_engine() -> Engine:
    from ror_orientation.generateur import generate

    return Engine.build(generate("demo"))


def demo_requete(engine: Engine, rng: random.Random) -> Requete:
    """A random query over concepts and places the demo offer really holds."""
    uo = engine.offre.uo[rng.choice(engine.ids)]
    row = engine.row_of[uo.id]
    other = engine.offre.uo[rng.choice(engine.ids)]

    def maybe(value, p=0.4):
        return value if rng.random() < p else None

    apts = maybe(tuple(rng.sample(uo.aptitudes, min(len(uo.aptitudes), rng.randint(1, 2)))))
    caps = uo.capacites
    return Requete(
        profil=rng.choice(list(Profil)),
        aptitudes=apts or (),
        activites=maybe((uo.activite, other.activite)) or (),
        champs=maybe((uo.champ,), 0.3) or (),
        modes=(maybe((uo.mode_prise_en_charge,), 0.2) or ()) if uo.mode_prise_en_charge else (),
        categories_organisation=(maybe((uo.categorie_organisation,), 0.2) or ())
        if uo.categorie_organisation else (),
        publics=maybe(uo.publics, 0.2) or (),
        equipements=(maybe((uo.equipements[0].code,), 0.2) or ()) if uo.equipements else (),
        poids_min_kg=maybe(float(rng.choice((150, 210, 300))), 0.1),
        age=maybe(rng.randint(0, 100), 0.6),
        sexe=maybe(rng.choice(list(Sexe)), 0.3),
        ouvert_maintenant=rng.choice((None, True, False)),
        lits_min=rng.choice((0, 0, 1, 2)),
        nature_lits=maybe(caps[0].nature, 0.3) if caps else None,
        temporalite_lits=rng.choice(("01", "01", "05")),
        age_max_lits=maybe(timedelta(hours=rng.choice((1, 4, 24))), 0.3),
        lieu=maybe(Lieu(lat=float(engine.pos.lat[row]) + rng.uniform(-0.2, 0.2),
                        lon=float(engine.pos.lon[row]) + rng.uniform(-0.2, 0.2)), 0.7),
        rayon_km=rng.choice((None, 10.0, 30.0, 80.0)),
        departements=maybe((engine.offre.eg[uo.eg_id].departement,), 0.15) or (),
        voir_sensibles=rng.random() < 0.3, elargir=False, limite=100_000)


def test_engine_agrees_with_brute_force_on_the_demo_offer(demo_engine):
    from ror_orientation.generateur import REFERENCE

    now = REFERENCE + timedelta(hours=1)
    territoire = default_territoire()
    positions = positions_of(demo_engine.offre, territoire)
    rng = random.Random(2026)
    non_empty = 0
    for _ in range(N_QUERIES):
        req = demo_requete(demo_engine, rng)
        point = resolve(req.lieu, territoire) if req.lieu else None
        expected = scan(demo_engine.offre, req, now, territoire, point, positions)
        rep = demo_engine.search(req, now=now)
        assert {r.uo_id for r in rep.resultats} == expected, req
        assert all(0.0 <= r.score <= 1.0 for r in rep.resultats)
        non_empty += bool(expected)
    assert non_empty >= N_QUERIES // 4


TEXTES = ("AVC", "thrombolise", "coronarographie", "urgences pédiatriques", "dialy", "USIC",
          "réanimation pédiatrique", "EHPAD", "centre hospitalier", "SMR après AVC",
          "coronarographie USIC", "kerbernez")


def test_free_text_counted_around_the_point_answers_as_reading_every_unit_around(
        demo_engine, monkeypatch):
    """Free text alone takes the radius on the rows it can match and counts the units around
    (engine.TEXT_ROWS_SHARE), or on the grid cells around narrowed to those rows by a mask when
    they are many (engine.TEXT_MASK_SHARE): the same answers, stage counts and relaxations as
    reading every unit around."""
    from ror_orientation.engine import engine as module

    rng = random.Random(11)
    reqs = []
    for _ in range(80):
        uo = demo_engine.offre.uo[rng.choice(demo_engine.ids)]
        row = demo_engine.row_of[uo.id]
        lieu = Lieu(lat=float(demo_engine.pos.lat[row]) + rng.uniform(-0.5, 0.5),
                    lon=float(demo_engine.pos.lon[row]) + rng.uniform(-0.5, 0.5))
        reqs.append(Requete(profil=rng.choice(list(Profil)), texte=rng.choice(TEXTES), lieu=lieu,
                            rayon_km=rng.choice([2.0, 20.0, 50.0, 150.0]),
                            age=rng.choice([None, 6, 50]), voir_sensibles=rng.random() < 0.3,
                            ouvert_maintenant=rng.choice([None, False]), budget_ms=60_000))
    from ror_orientation.generateur import REFERENCE

    now = REFERENCE + timedelta(hours=1)

    def answers() -> list[tuple[object, ...]]:
        demo_engine._textes.clear()
        return [(rep.total, rep.resultats, rep.etapes, rep.relachements, rep.non_compris)
                for rep in (demo_engine.search(r, now=now) for r in reqs)]

    counted = answers()
    rare = demo_engine._comprendre("thrombolise", None)
    assert demo_engine._text_rows(rare, ("thrombolise", False)) is not None  # counted, not read
    common = demo_engine._comprendre("EHPAD", None)
    assert demo_engine._text_rows(common, ("EHPAD", False)) is None
    assert demo_engine._text_mask(common, ("EHPAD", False)) is not None  # the cells, masked
    monkeypatch.setattr(module, "TEXT_ROWS_SHARE", 10**12)  # every text: the cells, masked
    assert answers() == counted
    monkeypatch.setattr(module, "TEXT_MASK_SHARE", 10**12)  # never: every unit around is read
    assert answers() == counted


def test_a_broad_text_places_only_the_units_its_floor_can_keep(demo_engine, monkeypatch):
    """A text read as one need kept as levels places only the rows at or above half the best
    level found within the radius (`Engine._text_inside`): the same answers, stage counts and
    relaxations as placing every row it can match."""
    rng = random.Random(5)
    texts = ("maternité", "EHPAD", "psychiatrie adulte", "soins palliatifs", "IRM", "dialyse",
             "centre hospitalier", "hôpital de jour", "SMR", "kerbernez", "maternité Quimper")
    reqs = []
    for _ in range(120):
        row = demo_engine.row_of[rng.choice(demo_engine.ids)]
        lieu = Lieu(lat=float(demo_engine.pos.lat[row]) + rng.uniform(-0.5, 0.5),
                    lon=float(demo_engine.pos.lon[row]) + rng.uniform(-0.5, 0.5))
        reqs.append(Requete(profil=rng.choice(list(Profil)), texte=rng.choice(texts), lieu=lieu,
                            rayon_km=rng.choice([2.0, 10.0, 30.0, 150.0]), limite=50,
                            voir_sensibles=rng.random() < 0.3, ouvert_maintenant=False,
                            budget_ms=60_000))
    from ror_orientation.generateur import REFERENCE

    now = REFERENCE + timedelta(hours=1)

    def answers() -> list[tuple[object, ...]]:
        demo_engine._textes.clear()
        return [(rep.total, rep.resultats, rep.etapes, rep.relachements, rep.non_compris)
                for rep in (demo_engine.search(r, now=now) for r in reqs)]

    placed = answers()
    monkeypatch.setattr(Engine, "_text_inside", lambda self, plan, rows, lat, lon, km:
                        rows[self.pos.inside(rows, lat, lon, km)])
    assert answers() == placed
