"""The radius count of `Positions.count_within`: the same number as listing the rows."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ror_orientation.engine.distance import CELL_DEG, Positions


def positions(seed: int, n: int, lat: float, lon: float, spread: float) -> Positions:
    rng = np.random.default_rng(seed)
    pos = Positions(n)
    pos.lat[:] = lat + rng.uniform(-spread, spread, n)
    pos.lon[:] = lon + rng.uniform(-spread, spread, n)
    pos.lat[rng.random(n) < 0.05] = np.nan  # units nobody could place
    pos.index()
    return pos


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), lat=st.floats(-60, 60), lon=st.floats(-179, 179),
       spread=st.sampled_from([0.3, 2.0, 8.0]), km=st.sampled_from([0.5, 5.0, 30.0, 200.0, 900.0]),
       dlat=st.floats(-1, 1), dlon=st.floats(-1, 1))
def test_count_within_counts_what_within_lists(seed, lat, lon, spread, km, dlat, dlon):
    pos = positions(seed, 3000, lat, lon, spread)
    hidden = np.random.default_rng(seed + 1).random(3000) < 0.2
    lat0, lon0 = lat + dlat * spread, lon + dlon * spread
    rows, _ = pos.within(pos.near(lat0, lon0, km), lat0, lon0, km)
    assert pos.count_within(lat0, lon0, km, lambda r: ~hidden[r]) == int((~hidden[rows]).sum())


def test_count_within_counts_whole_cells_and_the_rows_on_the_circle():
    pos = positions(7, 20_000, 47.0, 2.0, 3.0)
    for km in (CELL_DEG * 50, 120.0, 250.0):
        rows, _ = pos.within(pos.near(47.1, 2.2, km), 47.1, 2.2, km)
        assert pos.count_within(47.1, 2.2, km, lambda r: np.ones(len(r), dtype=bool)) == len(rows)
    assert pos.count_within(10.0, 2.0, 50.0, lambda r: np.ones(len(r), dtype=bool)) == 0
