"""The engine agrees with a brute-force scan (tests/reference.py) on hundreds of random queries."""

from __future__ import annotations

import random

import pytest

from ror_orientation.engine import Engine
from ror_orientation.engine.lieu import resolve
from ror_orientation.territoire import default_territoire

from .reference import NOW, random_offre, random_requete, scan


@pytest.fixture(scope="module")
def random_engine() -> Engine:
    return Engine.build(random_offre(600, seed=7))


def test_engine_matches_brute_force_scan_on_random_queries(random_engine):
    rng = random.Random(11)
    territoire = default_territoire()
    non_empty = 0
    for _ in range(400):
        req = random_requete(rng)
        point = resolve(req.lieu, territoire) if req.lieu else None
        expected = scan(random_engine.offre, req, NOW, territoire, point)
        rep = random_engine.search(req, now=NOW)
        got = [r.uo_id for r in rep.resultats]
        assert set(got) == expected, req
        assert rep.total == len(expected)
        assert all(0.0 <= r.score <= 1.0 for r in rep.resultats)
        keys = [(-r.score, r.uo_id) for r in rep.resultats]
        assert keys == sorted(keys)
        non_empty += bool(expected)
    assert non_empty > 50  # the random queries do select units, not only empty sets
