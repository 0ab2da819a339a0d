"""The latitude-sorted copies of the postings (engine/distance.py `Bande`) change no answer: an
engine reading them answers every random query as one that gathers the postings' coordinates,
after the compile and after units move, change their aptitudes or appear."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from ror_orientation.engine import Engine, distance, engine
from ror_orientation.requete import Lieu

from .reference import NOW, random_offre, random_requete


def answer(e: Engine, req):
    rep = e.search(req, now=NOW)
    return (rep.total, rep.etapes, [(r.uo_id, r.score, r.distance_km) for r in rep.resultats],
            [(x.critere, x.apres) for x in rep.relachements])


@pytest.fixture()
def pair(monkeypatch) -> tuple[Engine, Engine]:
    """(an engine whose every posting has a band, one with none), over copies of one offer."""
    monkeypatch.setattr(engine, "BANDE_MIN", 1)
    monkeypatch.setattr(distance, "BANDE_MIN", 1)
    banded = Engine.build(random_offre(600, seed=7))
    monkeypatch.setattr(engine, "BANDE_MIN", 10**9)
    plain = Engine.build(random_offre(600, seed=7))
    plain._bande = lambda concept: None  # type: ignore[method-assign]  # never builds one
    monkeypatch.setattr(engine, "BANDE_MIN", 1)
    assert banded.pos.bandes and not plain.pos.bandes
    return banded, plain


def queries(seed: int, n: int):
    rng = random.Random(seed)
    for _ in range(n):
        req = random_requete(rng)
        # one aptitude and a place anywhere around the sites: the queries that read a band, with
        # units near every edge of their radius
        lieu = None
        if req.lieu is not None and req.lieu.lat is not None and req.lieu.lon is not None:
            lieu = Lieu(lat=req.lieu.lat + rng.uniform(-0.6, 0.6),
                        lon=req.lieu.lon + rng.uniform(-0.6, 0.6))
        yield replace(req, aptitudes=req.aptitudes[:1] or ("R210:0460",), activites=(), publics=(),
                      equipements=(), poids_min_kg=None, champs=(), modes=(),
                      categories_organisation=(), departements=(), lieu=lieu,
                      rayon_km=rng.choice((None, 10.0, 20.0, 50.0)),
                      elargir=rng.random() < 0.5, limite=rng.choice((5, 10_000)))


def test_bands_answer_as_the_gathered_postings(pair):
    banded, plain = pair
    found = 0
    for req in queries(3, 300):
        got = answer(banded, req)
        assert got == answer(plain, req), req
        found += bool(req.lieu and got[0])
    assert found > 50  # queries that select units around a place


def test_bands_follow_units_that_move_change_aptitudes_or_appear(pair):
    banded, plain = pair
    rng = random.Random(5)
    ids = sorted(banded.offre.uo)
    egs = sorted(banded.offre.eg)
    for k in range(40):
        uo = banded.offre.uo[rng.choice(ids)]
        moved = replace(uo, eg_id=rng.choice(egs),
                        actes=tuple(rng.sample(("0460", "0459", "1405"), rng.randint(0, 2))))
        if k % 8 == 0:  # a new unit
            moved = replace(moved, id=f"V{k:05d}")
        banded.update_uo(moved)
        plain.update_uo(moved)
    for b in banded.pos.bandes.values():  # still sorted, each row once
        assert (b.lat[1:] >= b.lat[:-1]).all() and len(set(b.rows.tolist())) == len(b.rows)
    found = 0
    for req in queries(4, 300):
        got = answer(banded, req)
        assert got == answer(plain, req), req
        found += bool(req.lieu and got[0])
    assert found > 50
