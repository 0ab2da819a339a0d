"""The radius count of `Positions.count_within`: the same number as listing the rows."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ror_orientation.engine.distance import (
    CELL_DEG,
    EARTH_RADIUS_KM,
    Positions,
    bounding_box,
    haversine_km,
)


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
    counts = pos.grid_counts(~hidden)
    assert pos.count_within(lat0, lon0, km, lambda r: ~hidden[r], counts) == int((~hidden[rows]).sum())


def test_count_within_counts_whole_cells_and_the_rows_on_the_circle():
    pos = positions(7, 20_000, 47.0, 2.0, 3.0)
    for km in (CELL_DEG * 50, 120.0, 250.0):
        rows, _ = pos.within(pos.near(47.1, 2.2, km), 47.1, 2.2, km)
        assert pos.count_within(47.1, 2.2, km, lambda r: np.ones(len(r), dtype=bool)) == len(rows)
    assert pos.count_within(10.0, 2.0, 50.0, lambda r: np.ones(len(r), dtype=bool)) == 0


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point `km` away from (lat, lon) along a great circle leaving at `bearing_deg`."""
    d = km / EARTH_RADIUS_KM
    phi, lam, b = np.radians(lat), np.radians(lon), np.radians(bearing_deg)
    phi2 = np.arcsin(np.sin(phi) * np.cos(d) + np.cos(phi) * np.sin(d) * np.cos(b))
    lam2 = lam + np.arctan2(np.sin(b) * np.sin(d) * np.cos(phi), np.cos(d) - np.sin(phi) * np.sin(phi2))
    return float(np.degrees(phi2)), float(np.degrees(lam2))


@settings(max_examples=300, deadline=None)
@given(lat=st.floats(-75, 75), lon=st.floats(-170, 170), km=st.floats(0.5, 1500),
       bearing=st.floats(0, 360), share=st.floats(0, 1))
def test_the_bounding_box_holds_every_point_of_the_circle(lat, lon, km, bearing, share):
    """Due east or west of a centre, the circle's widest longitude lies poleward of the centre's
    latitude: the box must hold it too, or a unit inside the radius is never considered."""
    plat, plon = destination(lat, lon, bearing, km * share)
    assert haversine_km(lat, lon, np.array([plat]), np.array([plon]))[0] <= km + 1e-6
    lat0, lat1, lon0, lon1 = bounding_box(lat, lon, km)
    assert lat0 <= plat <= lat1
    assert lon0 <= plon <= lon1


def test_a_unit_due_east_on_the_circle_is_within_the_radius():
    """At Dunkirk's latitude, 400 km out: the point of the circle with the widest longitude."""
    lat, lon, km = 51.0, 2.4, 400.0
    d = km / EARTH_RADIUS_KM
    widest_lat = float(np.degrees(np.arcsin(np.sin(np.radians(lat)) / np.cos(d))))
    widest_lon = lon + float(np.degrees(np.arcsin(np.sin(d) / np.cos(np.radians(lat))))) - 1e-7
    pos = Positions(1)
    pos.lat[:] = widest_lat
    pos.lon[:] = widest_lon
    pos.index()
    assert haversine_km(lat, lon, pos.lat, pos.lon)[0] <= km
    rows, _ = pos.within(pos.near(lat, lon, km), lat, lon, km)
    assert rows.tolist() == [0]


@settings(max_examples=80, deadline=None)
@given(lat=st.floats(-70, 70), lon=st.floats(-170, 170), km=st.floats(0.5, 2500),
       seed=st.integers(0, 10_000))
def test_count_within_decides_points_on_the_circle_as_the_haversine_does(lat, lon, km, seed):
    """Points placed on the circle itself (a hair inside or outside, in every direction): the
    count's polynomial bounds must leave them to the exact haversine, never guess them."""
    rng = np.random.default_rng(seed)
    n = 400
    pts = [destination(lat, lon, b, km * (1.0 + e)) for b, e in zip(
        rng.uniform(0, 360, n), rng.choice([-1e-6, -1e-12, 0.0, 1e-12, 1e-6, -0.3, 0.2], n), strict=True)]
    pos = Positions(n)
    pos.lat[:] = [p[0] for p in pts]
    pos.lon[:] = [p[1] for p in pts]
    pos.index()
    rows, _ = pos.within(pos.near(lat, lon, km), lat, lon, km)
    everyone = np.ones(n, dtype=bool)
    assert pos.count_within(lat, lon, km, lambda r: everyone[r]) == len(rows)


@settings(max_examples=80, deadline=None)
@given(lat=st.floats(-70, 70), lon=st.floats(-170, 170), km=st.floats(0.5, 2500),
       seed=st.integers(0, 10_000))
def test_inside_keeps_the_rows_within_keeps(lat, lon, km, seed):
    """The radius decided without a haversine for most rows (the text's rows, whose distances
    are computed afterwards for the few it keeps): the same rows as `within`, in their order,
    for points spread around the circle and on it."""
    rng = np.random.default_rng(seed)
    n = 600
    pts = [destination(lat, lon, b, km * f) for b, f in zip(
        rng.uniform(0, 360, n), rng.choice([0.0, 0.3, 0.99, 1.0 - 1e-12, 1.0, 1.0 + 1e-12, 1.01, 1.5], n),
        strict=True)]
    pos = Positions(n)
    pos.lat[:] = [p[0] for p in pts]
    pos.lon[:] = [p[1] for p in pts]
    pos.lat[rng.random(n) < 0.05] = np.nan
    rows = rng.permutation(n).astype(np.int32)
    kept, _ = pos.within(rows, lat, lon, km)
    assert rows[pos.inside(rows, lat, lon, km)].tolist() == kept.tolist()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), km=st.sampled_from([3.0, 30.0, 120.0]))
def test_the_count_grid_follows_units_that_move(seed, km):
    """Units moved, placed or unplaced one at a time (an update): the count grid is patched, and
    counts what a grid built afresh and the listing count."""
    pos = positions(seed, 800, 47.0, 2.0, 0.6)
    rng = np.random.default_rng(seed)
    for row in rng.choice(800, 60, replace=False).tolist():
        spot = (float("nan"), float("nan")) if rng.random() < 0.2 else (
            47.0 + float(rng.uniform(-0.6, 0.6)), 2.0 + float(rng.uniform(-0.6, 0.6)))
        pos.set(row, spot)
    fresh = positions(seed, 800, 47.0, 2.0, 0.6)
    fresh.lat[:], fresh.lon[:] = pos.lat, pos.lon
    fresh.index()
    assert pos.grille is not None and fresh.grille is not None
    assert pos.grille.keys.tolist() == fresh.grille.keys.tolist()
    assert pos.grille.starts.tolist() == fresh.grille.starts.tolist()
    hidden = rng.random(800) < 0.3
    for lat, lon in ((47.0, 2.0), (47.3, 1.7)):
        rows, _ = pos.within(pos.near(lat, lon, km), lat, lon, km)
        want = int((~hidden[rows]).sum())
        assert pos.count_within(lat, lon, km, lambda r: ~hidden[r]) == want
        assert pos.count_within(lat, lon, km, lambda r: ~hidden[r], pos.grid_counts(~hidden)) == want
