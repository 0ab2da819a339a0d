"""Invariants of the engine, checked with hypothesis on small hand-built offers."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ror_orientation.engine import Engine
from ror_orientation.engine.lieu import resolve
from ror_orientation.engine.repli import etapes
from ror_orientation.offre import Capacite, Coordonnees
from ror_orientation.requete import Lieu, Profil, Requete
from ror_orientation.territoire import default_territoire

from .factories import NOW, make_eg, make_offre, make_uo
from .reference import NOW as REF_NOW
from .reference import random_offre, random_requete, scan

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(random_offre(250, seed=3))


@FAST
@given(seed=st.integers(0, 10**9))
def test_every_result_satisfies_the_hard_filters_and_scores_stay_in_range(engine, seed):
    req = random_requete(random.Random(seed))
    territoire = default_territoire()
    point = resolve(req.lieu, territoire) if req.lieu else None
    allowed = scan(engine.offre, req, REF_NOW, territoire, point)
    rep = engine.search(req, now=REF_NOW)
    assert {r.uo_id for r in rep.resultats} <= allowed
    for r in rep.resultats:
        assert 0.0 <= r.score <= 1.0
        assert all(0.0 <= v <= 1.0 for v in r.explication.detail_score.values())
        assert abs(sum(r.explication.detail_score.values()) - r.score) < 1e-9


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10**9), limite=st.integers(4, 25))
def test_paging_returns_each_result_exactly_once(engine, seed, limite):
    rng = random.Random(seed)
    req = Requete(profil=rng.choice(list(Profil)), lieu=Lieu(lat=48.11, lon=-1.68),
                  ouvert_maintenant=False, limite=limite, voir_sensibles=True)
    full = engine.search(Requete(**{**_fields(req), "limite": 10_000}), now=REF_NOW)
    seen: list[str] = []
    cursor = None
    for _ in range(10_000):
        rep = engine.search(Requete(**{**_fields(req), "curseur": cursor}), now=REF_NOW)
        seen += [r.uo_id for r in rep.resultats]
        assert rep.total == full.total
        cursor = rep.curseur_suivant
        if cursor is None:
            break
    assert seen == [r.uo_id for r in full.resultats]
    assert len(seen) == len(set(seen)) == full.total


def _fields(req: Requete) -> dict:
    return {f: getattr(req, f) for f in req.__dataclass_fields__}


def _twins(lat_a: float, lat_b: float, beds_a: int, beds_b: int) -> Engine:
    offre = make_offre(make_uo(id="a", capacites=(Capacite("01", "02", "01", "04", beds_a, maj=NOW),)),
                       make_uo(id="b", eg_id="EGB",
                               capacites=(Capacite("01", "02", "01", "04", beds_b, maj=NOW),)))
    offre.add(make_eg(coordonnees=Coordonnees(lat_a, -1.68)))
    offre.add(make_eg(id="EGB", coordonnees=Coordonnees(lat_b, -1.68)))
    return Engine.build(offre)


@FAST
@given(d_a=st.floats(0.0, 2.0), extra=st.floats(0.001, 2.0), beds=st.integers(0, 20),
       profil=st.sampled_from(list(Profil)))
def test_a_closer_unit_never_ranks_lower_all_else_equal(d_a, extra, beds, profil):
    # "b" is the closer one and sorts after "a" by id, so the id tie-break cannot put it first:
    # only its distance score can (with the distance score zeroed, this test fails)
    e = _twins(48.0 + d_a + extra, 48.0 + d_a, beds, beds)
    rep = e.search(Requete(profil=profil, lieu=Lieu(lat=48.0, lon=-1.68), limite=5, national=True),
                   now=NOW)
    order = [r.uo_id for r in rep.resultats]
    assert order == ["b", "a"]
    assert rep.resultats[0].score > rep.resultats[1].score
    assert rep.resultats[0].distance_km < rep.resultats[1].distance_km


@FAST
@given(beds=st.integers(0, 50), more=st.integers(1, 50), profil=st.sampled_from(list(Profil)))
def test_more_available_beds_never_ranks_lower_all_else_equal(beds, more, profil):
    # "b" sorts after "a" by id: it must still come first when it has more beds
    e = _twins(48.1, 48.1, beds, beds + more)
    rep = e.search(Requete(profil=profil, lieu=Lieu(lat=48.0, lon=-1.68), limite=5), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["b", "a"]


def test_stale_figure_scores_lower_than_the_same_fresh_figure():
    e = _twins(48.1, 48.1, 2, 2)
    e.update_capacites("a", (Capacite("01", "02", "01", "04", 2, maj=NOW - timedelta(hours=9)),))
    rep = e.search(Requete(lieu=Lieu(lat=48.0, lon=-1.68)), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["b", "a"]


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 600), k=st.integers(1, 30), cursor=st.booleans(), seed=st.integers(0, 10**6))
def test_the_page_is_the_head_of_the_full_order(n, k, cursor, seed):
    """`pagination.first` (a partition, then a sort of the rows at or above the k-th score) gives
    the same page as the full sort, ties on the score included, after a cursor or not."""
    import numpy as np

    from ror_orientation.engine import pagination

    rng = np.random.default_rng(seed)
    s = rng.choice([0.0, 0.25, 0.5, 0.5000000001, 0.75, 1.0], size=n)
    ranks = rng.permutation(n).astype(np.int64)
    among = None
    full = pagination.order(s, ranks)
    if cursor and n:
        pivot = full[n // 3]
        among = np.flatnonzero(pagination.after(s, ranks, float(s[pivot]), float(ranks[pivot])))
        full = full[np.isin(full, among)]
    assert pagination.first(s, ranks, k, among).tolist() == full[:k].tolist()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9))
def test_the_fallback_finds_what_relaxing_one_step_at_a_time_finds(engine, seed):
    """The fallback reads each radius once and the bed and opening relaxations as thresholds on
    those figures: it must answer as the relaxations asked one by one, each a plain search,
    the first that finds units (or the last) being the answer."""
    req = replace(random_requete(random.Random(seed)), elargir=True)
    plan = engine._parse(req, REF_NOW, None)
    steps = [plan.contraintes, *(c for c, _ in etapes(plan.contraintes, plan.reg.rayons_km,
                                                       plan.point is not None))]
    for c in steps:
        ouvert = {} if c.ouvert_requis else {"ouvert_a": None, "ouvert_maintenant": False}
        expected = engine.search(replace(req, elargir=False, rayon_km=c.rayon_km,
                                         age_max_lits=c.age_max_lits, lits_min=c.lits_min,
                                         **ouvert), now=REF_NOW)
        if expected.total:
            break
    got = engine.search(req, now=REF_NOW)
    taken = [r.critere for _, r in etapes(plan.contraintes, plan.reg.rayons_km,
                                          plan.point is not None)][:steps.index(c)]
    assert [r.critere for r in got.relachements] == taken
    assert got.total == expected.total
    assert {r.uo_id for r in got.resultats} == {r.uo_id for r in expected.resultats}
