"""Distances: a vectorised haversine to filter and rank, `geopy` geodesic for the figure shown.

geodesic in a Python loop is ~2,300× slower than the vectorised haversine, whose ranking agrees
with it at 99.8 %: rank with haversine over all candidates, display geodesic for the page only.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..offre import Adresse, EntiteGeographique, UniteOperationnelle
from ..territoire import Territoire

if TYPE_CHECKING:
    from pyproj import Geod

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
# Up to this many points (a page), pyproj's Geod answers point by point (~0.9 µs each) rather than
# in one array call (~10 µs of argument checks and copies before the first point): the same figures.
GEOD_POINTS = 12


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distance (km) from one point to arrays of points, all in degrees.
    d = 2R·asin(√(sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2))), φ latitude, λ longitude, R Earth radius."""
    p1 = np.radians(lat)
    p2 = np.radians(lats)
    dphi = p2 - p1
    dlmb = np.radians(lons) - np.radians(lon)
    a = np.sin(dphi / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2.0) ** 2
    # a ≥ 0 (|φ| ≤ 90°: both cosines ≥ 0); rounding may lift it a hair above 1
    return np.asarray(2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0))))


def geodesic_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Exact ellipsoidal distances (WGS84, Karney's algorithm) from one point to the few results
    shown — the figure `geopy.distance.geodesic` gives (tests check it to the millimetre), computed
    in one vectorised call of pyproj's Geod (the C geographiclib) instead of a Python loop."""
    geod = _geod()
    if len(lats) <= GEOD_POINTS:  # Geod's scalar path: no array checks nor copies
        return np.array([geod.inv(lon, lat, x, y)[2] for x, y in zip(
            np.asarray(lons, dtype=np.float64).tolist(),
            np.asarray(lats, dtype=np.float64).tolist(), strict=True)]).reshape(-1) / 1000.0
    lats = np.asarray(lats, dtype=np.float64)
    lons = np.asarray(lons, dtype=np.float64)
    _, _, metres = geod.inv(np.full(len(lats), lon), np.full(len(lats), lat), lons, lats)
    return np.asarray(metres, dtype=np.float64) / 1000.0


def geodesic_km_geopy(lat: float, lon: float, lat2: float, lon2: float) -> float:
    """The same figure through geopy's public API, one pair at a time."""
    from geopy.distance import geodesic  # ~4.5 MiB of imports a worker rarely needs

    return float(geodesic((lat, lon), (lat2, lon2)).km)


@lru_cache(maxsize=1)
def _geod() -> Geod:
    """pyproj's Geod, imported on first use (pyproj loads its data files)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A lat/lon box that contains every point within `km` (cheap pre-filter before haversine).

    The circle is widest in longitude not at the centre's latitude but nearer the pole, where a
    degree is shorter: the half-width is asin(sin δ / cos φ), which km / (R cos φ) underestimates
    (a unit just inside the radius, due east or west, was dropped). A circle reaching a pole
    spans every longitude."""
    d = km / EARTH_RADIUS_KM
    dlat = math.degrees(d)  # scalars: the math module (numpy's scalar calls cost ~1 µs each)
    if d >= math.pi / 2 or abs(lat) + dlat >= 90.0:
        dlon = 180.0
    else:
        dlon = math.degrees(math.asin(min(1.0, math.sin(d) / math.cos(math.radians(lat)))))
    pad = 1e-9 * (1.0 + dlat)  # the haversine of a point on the circle may round a hair inside
    return lat - dlat - pad, lat + dlat + pad, lon - dlon - pad, lon + dlon + pad


def _same_commune(a: Adresse, b: Adresse | None) -> bool:
    if b is None:
        return False
    if a.commune_insee and b.commune_insee:
        return a.commune_insee == b.commune_insee
    return bool(a.code_postal) and a.code_postal == b.code_postal


def position(uo: UniteOperationnelle, eg: EntiteGeographique | None,
             territoire: Territoire | None) -> tuple[float, float]:
    """Where a unit is: its EG's coordinates (when the unit has no address of its own, or one in
    the EG's commune), else the centroid of its (or its EG's) commune."""
    if eg is not None and eg.coordonnees is not None and (
            uo.adresse is None or _same_commune(uo.adresse, eg.adresse)):
        return eg.coordonnees.lat, eg.coordonnees.lon
    for adr in (uo.adresse, eg.adresse if eg else None):
        if adr is None or territoire is None:
            continue
        c = territoire.communes.get(adr.commune_insee or "")
        if c is None and adr.code_postal and territoire.by_postcode.get(adr.code_postal):
            c = territoire.by_postcode[adr.code_postal][0]
        if c is not None:
            return c.lat, c.lon
    if eg is not None and eg.coordonnees is not None:
        return eg.coordonnees.lat, eg.coordonnees.lon
    return float("nan"), float("nan")


CELL_DEG = 0.25  # grid cell size (degrees) of the spatial pre-filter
# a concept held by at least this many units gets a latitude-sorted copy: its rows' coordinates
# are then read in one contiguous slice, not gathered row by row across the whole offer (cache
# misses, at national scale, cost more than the arithmetic); ~12 bytes per posting entry
BANDE_MIN = 256
# a count of the rows within a radius (`count_within`) bounds each row's haversine by
# polynomials up to this radius (the bounds loosen with Δφ, Δλ; beyond, the exact figure), and
# decides without the exact figure only outside this relative margin around the circle
COUNT_BOUND_KM = 2000.0
COUNT_MARGIN = 1e-9
# the count's own grid: sub-cells this size (~3.5 km), so that only the rows of the sub-cells the
# circle crosses, a thin ring, are read one by one (the rows of a grid cell it crosses are tens
# of thousands in a city); a sub-cell (i, j) is the key (i + FINE_I0) · FINE_W + j + FINE_J0
FINE_DEG = CELL_DEG / 8
FINE_I0, FINE_J0, FINE_W = 4096, 8192, 16384
BANDE_EPS = 1e-4  # degrees: wider than float32 rounding of a coordinate (< 2e-5 below 180°)


@dataclass(slots=True)
class Bande:
    """The located rows of one posting sorted by latitude, with float32 copies of their
    coordinates: a radius query reads one latitude slice and compares longitudes there instead
    of gathering the coordinates of every row of the posting (96k rows for the commonest
    aptitudes at national scale)."""

    rows: np.ndarray  # int32, in latitude order
    lat: np.ndarray  # float32, sorted
    lon: np.ndarray  # float32


@dataclass(slots=True)
class Grille:
    """The located rows sorted by sub-cell of the count grid (FINE_DEG), with their coordinates
    in that order: a sub-cell's rows are one slice."""

    keys: np.ndarray  # int64, the occupied sub-cells, sorted
    starts: np.ndarray  # int64, len(keys) + 1: sub-cell k holds rows[starts[k]:starts[k + 1]]
    rows: np.ndarray  # int32
    lat: np.ndarray  # float64
    lon: np.ndarray  # float64


@dataclass(slots=True)
class Comptes:
    """Which rows of a `Grille` some mask keeps (in the grid's order) and their running count, so
    the rows a sub-cell keeps are a difference of two figures."""

    grille: Grille  # the grid they were counted over (a row that moves makes another)
    kept: np.ndarray  # bool, per row of the grid
    cumul: np.ndarray  # int64, len(kept) + 1


def _fine_keys(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    i = np.floor(lat / FINE_DEG).astype(np.int64) + FINE_I0
    return i * FINE_W + np.floor(lon / FINE_DEG).astype(np.int64) + FINE_J0


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The integers of every [start, end), concatenated."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total, dtype=np.int64)


def _cells_in_circle(ci: np.ndarray, cj: np.ndarray, deg: float, lat: float, lon: float, km: float,
                     box: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Grid cells (row and column numbers, `deg` degrees wide) against a circle and its box:
    (wholly inside both, so counted without a distance; reaching into the circle at all). Every
    point of a cell lies within R·(Δφ + cos φ·Δλ) of its centre, half a cell each way."""
    lat0, lat1, lon0, lon1 = box
    clat, clon = (ci + 0.5) * deg, (cj + 0.5) * deg
    half = EARTH_RADIUS_KM * np.radians(deg / 2.0) * (1.0 + np.cos(np.radians(clat)))
    centre = haversine_km(lat, lon, clat, clon)
    margin = 1e-3 + 1e-9 * km  # far above the rounding of either distance
    in_box = (ci * deg >= lat0) & ((ci + 1) * deg <= lat1) \
        & (cj * deg >= lon0) & ((cj + 1) * deg <= lon1)
    return in_box & (centre + half <= km - margin), centre - half <= km + margin


def _inside_points(la: np.ndarray, lo: np.ndarray, lat: float, lon: float, km: float) -> np.ndarray:
    """`Positions.inside` over the points' coordinates."""
    lat0, lat1, lon0, lon1 = bounding_box(lat, lon, km)
    box = (la >= lat0) & (la <= lat1) & (lo >= lon0) & (lo <= lon1)
    at = np.flatnonzero(box)
    la, lo = la[at], lo[at]
    if km > COUNT_BOUND_KM or lon1 - lon0 >= 90.0:  # wide circles: the exact figure
        box[at] = haversine_km(lat, lon, la, lo) <= km
        return box
    p1 = np.radians(lat)
    cp1, sp1 = float(np.cos(p1)), float(np.sin(p1))
    d = np.radians(la) - p1
    d2 = d * d
    l2 = np.radians(lo) - np.radians(lon)
    l2 *= l2
    c2 = cp1 * (1.0 - d2 / 2.0) - sp1 * d * (1.0 - d2 / 6.0)
    ec = cp1 * d2 * d2 / 24.0 + abs(sp1) * np.abs(d) * d2 * d2 / 120.0
    a_hi = d2 / 4.0 + cp1 * (c2 + ec) * (l2 / 4.0)
    a_lo = d2 / 4.0 - d2 * d2 / 48.0 + cp1 * (c2 - ec) * (l2 / 4.0 - l2 * l2 / 48.0)
    big_a = float(np.sin(km / (2.0 * EARTH_RADIUS_KM))) ** 2
    keep = a_hi <= big_a * (1.0 - COUNT_MARGIN)
    unsure = np.flatnonzero(~keep & (a_lo < big_a * (1.0 + COUNT_MARGIN)))
    if len(unsure):
        keep[unsure] = haversine_km(lat, lon, la[unsure], lo[unsure]) <= km
    box[at] = keep
    return box


class Positions:
    """Per-row latitude / longitude (degrees, NaN when unknown) and a coarse grid of cells
    (CELL_DEG × CELL_DEG) → sorted rows, so a radius query reads a few cells, not every unit."""

    def __init__(self, n: int) -> None:
        self.lat = np.full(n, np.nan)
        self.lon = np.full(n, np.nan)
        self.cells: dict[tuple[int, int], np.ndarray] = {}
        # concept → its posting by latitude (large postings only); dropped when one of its units
        # changes, and built again on the next search that needs it
        self.bandes: dict[str, Bande] = {}
        self.grille: Grille | None = None  # the count's grid (`count_within`), built with `index`

    @staticmethod
    def cell(lat: float, lon: float) -> tuple[int, int]:
        return int(np.floor(lat / CELL_DEG)), int(np.floor(lon / CELL_DEG))

    def index(self) -> None:
        """(Re)build the grid from the arrays (after a bulk load)."""
        ok = np.flatnonzero(~np.isnan(self.lat) & ~np.isnan(self.lon))
        self.cells = {}
        self.grille = self._grille(ok)
        if not len(ok):  # an empty offer, or no unit placed yet
            return
        ci = np.floor(self.lat[ok] / CELL_DEG).astype(np.int64)
        cj = np.floor(self.lon[ok] / CELL_DEG).astype(np.int64)
        key = ci * 100_000 + cj
        order = np.lexsort((ok, key))
        key, rows = key[order], ok[order].astype(np.int32)
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        ends = np.r_[starts[1:], len(key)]
        self.cells = {}
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
            k = int(key[a])
            i, j = divmod(k, 100_000)
            if j >= 50_000:  # divmod of negative longitudes
                i, j = i + 1, j - 100_000
            self.cells[(i, j)] = rows[a:b]

    def _grille(self, ok: np.ndarray) -> Grille:
        key = _fine_keys(self.lat[ok], self.lon[ok])
        order = np.lexsort((ok, key))
        key, rows = key[order], ok[order].astype(np.int32)
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, np.int64)
        return Grille(key[first], np.r_[first, len(key)].astype(np.int64), rows,
                      self.lat[rows], self.lon[rows])

    def set(self, row: int, latlon: tuple[float, float]) -> None:
        old = (self.lat[row], self.lon[row])
        if not np.isnan(old[0]) and not np.isnan(old[1]):
            c = self.cell(*old)
            if c in self.cells:
                self.cells[c] = self.cells[c][self.cells[c] != row]
        self.lat[row], self.lon[row] = latlon
        if not np.isnan(latlon[0]) and not np.isnan(latlon[1]):
            c = self.cell(*latlon)
            cur = self.cells.get(c, np.zeros(0, dtype=np.int32))
            self.cells[c] = np.insert(cur, int(np.searchsorted(cur, row)), np.int32(row))
        self._move(row)

    def _move(self, row: int) -> None:
        """The count grid after one row moved (or was placed): its entry taken out, then put at
        the end of its new sub-cell (a copy of the arrays, no sort)."""
        g = self.grille
        if g is None:
            return
        rows, la, lo, starts, keys = g.rows, g.lat, g.lon, g.starts, g.keys
        at = np.flatnonzero(rows == row)
        if len(at):
            k = int(np.searchsorted(starts, at[0], side="right")) - 1
            rows, la, lo = np.delete(rows, at), np.delete(la, at), np.delete(lo, at)
            starts = starts.copy()
            starts[k + 1:] -= 1
            if starts[k] == starts[k + 1]:  # the sub-cell is empty now
                keys, starts = np.delete(keys, k), np.delete(starts, k + 1)
        lat, lon = float(self.lat[row]), float(self.lon[row])
        if not (np.isnan(lat) or np.isnan(lon)):
            key = int(_fine_keys(np.array([lat]), np.array([lon]))[0])
            k = int(np.searchsorted(keys, key))
            if k == len(keys) or keys[k] != key:
                keys, starts = np.insert(keys, k, key), np.insert(starts, k + 1, starts[k])
            end = int(starts[k + 1])
            rows, la, lo = np.insert(rows, end, row), np.insert(la, end, lat), np.insert(lo, end, lon)
            starts = starts.copy()
            starts[k + 1:] += 1
        self.grille = Grille(keys, starts, rows.astype(np.int32), la, lo)

    def grow(self, n: int) -> None:
        extra = n - len(self.lat)
        if extra > 0:
            self.lat = np.concatenate([self.lat, np.full(extra, np.nan)])
            self.lon = np.concatenate([self.lon, np.full(extra, np.nan)])

    def near(self, lat: float, lon: float, km: float) -> np.ndarray:
        """Rows of the grid cells the radius' bounding box touches (a superset), cell by cell:
        not sorted (nothing downstream needs row order, and a wide radius reads ~100k rows)."""
        lat0, lat1, lon0, lon1 = bounding_box(lat, lon, km)
        i0, j0 = self.cell(lat0, lon0)
        i1, j1 = self.cell(lat1, lon1)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > 4 * len(self.cells):
            parts = list(self.cells.values())
        else:
            parts = [self.cells[(i, j)] for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)
                     if (i, j) in self.cells]
        if not parts:
            return np.zeros(0, dtype=np.int32)
        return np.concatenate(parts)

    def grid_counts(self, mask: np.ndarray) -> Comptes:
        """Which rows of the count grid `mask` (over every row) keeps (`count_within`)."""
        g = self.grille if self.grille is not None else self._grille(np.zeros(0, dtype=np.int64))
        kept = np.asarray(mask[g.rows], dtype=bool)
        cumul = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum(kept, out=cumul[1:])
        return Comptes(g, kept, cumul)

    def count_within(self, lat: float, lon: float, km: float,
                     keep: Callable[[np.ndarray], np.ndarray],
                     counts: Comptes | None = None) -> int:
        """How many rows `within(near(lat, lon, km), …)` returns that `keep` (a mask) keeps,
        without listing them: a sub-cell of the count grid wholly inside both the box and the
        radius is counted without a distance (every point of a cell lies within
        R·(Δφ + cos φ·Δλ) of its centre, half a cell each way), only the rows of the sub-cells
        the circle crosses are decided one by one (`inside`) — for a search whose other criteria
        already name its few possible rows (free text), where the count of the units around is
        only a figure. `counts` (`grid_counts` of the same mask as `keep`, over the current
        grid): what each sub-cell keeps, read, not asked of `keep` again."""
        lat0, lat1, lon0, lon1 = bounding_box(lat, lon, km)
        g = self.grille
        if g is None or km > COUNT_BOUND_KM or lon1 - lon0 >= 90.0:
            return self._count_by_cells(lat, lon, km, keep, lat0, lat1, lon0, lon1)
        i = np.arange(int(np.floor(lat0 / FINE_DEG)), int(np.floor(lat1 / FINE_DEG)) + 1,
                      dtype=np.int64) + FINE_I0
        j0, j1 = int(np.floor(lon0 / FINE_DEG)) + FINE_J0, int(np.floor(lon1 / FINE_DEG)) + FINE_J0
        sub = _ranges(np.searchsorted(g.keys, i * FINE_W + j0),
                      np.searchsorted(g.keys, i * FINE_W + j1, side="right"))
        if not len(sub):
            return 0
        keys = g.keys[sub]
        ci = (keys // FINE_W - FINE_I0).astype(np.float64)
        cj = (keys % FINE_W - FINE_J0).astype(np.float64)
        whole, near = _cells_in_circle(ci, cj, FINE_DEG, lat, lon, km, (lat0, lat1, lon0, lon1))
        crossed = sub[~whole & near]
        whole_sub = sub[whole]
        at = _ranges(g.starts[crossed], g.starts[crossed + 1])
        if counts is not None and counts.grille is g:
            n = int((counts.cumul[g.starts[whole_sub + 1]] - counts.cumul[g.starts[whole_sub]]).sum())
            at = at[counts.kept[at]]
        else:
            n = int(np.count_nonzero(keep(g.rows[_ranges(g.starts[whole_sub],
                                                          g.starts[whole_sub + 1])])))
            at = at[keep(g.rows[at])]
        return n + int(np.count_nonzero(_inside_points(g.lat[at], g.lon[at], lat, lon, km)))

    def _count_by_cells(self, lat: float, lon: float, km: float,
                        keep: Callable[[np.ndarray], np.ndarray],
                        lat0: float, lat1: float, lon0: float, lon1: float) -> int:
        """`count_within` by the grid cells, for the widest circles."""
        i0, j0 = self.cell(lat0, lon0)
        i1, j1 = self.cell(lat1, lon1)
        if (i1 - i0 + 1) * (j1 - j0 + 1) > 4 * len(self.cells):
            keys = list(self.cells)
        else:
            keys = [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1) if (i, j) in self.cells]
        if not keys:
            return 0
        ci = np.array([k[0] for k in keys], dtype=np.float64)
        cj = np.array([k[1] for k in keys], dtype=np.float64)
        inside, near = _cells_in_circle(ci, cj, CELL_DEG, lat, lon, km, (lat0, lat1, lon0, lon1))
        off_box = ((ci + 1) * CELL_DEG < lat0) | (ci * CELL_DEG > lat1) \
            | ((cj + 1) * CELL_DEG < lon0) | (cj * CELL_DEG > lon1)
        whole = [keys[k] for k in np.flatnonzero(inside).tolist()]
        crossed = [self.cells[keys[k]] for k in np.flatnonzero(~inside & near & ~off_box).tolist()]
        n = int(keep(np.concatenate([self.cells[k] for k in whole])).sum()) if whole else 0
        if crossed:
            rows = np.concatenate(crossed)
            n += self._count_in(rows[keep(rows)], lat, lon, km)
        return n

    def _count_in(self, rows: np.ndarray, lat: float, lon: float, km: float) -> int:
        """How many of `rows` `within` keeps (`inside`)."""
        return int(np.count_nonzero(self.inside(rows, lat, lon, km)))

    def inside(self, rows: np.ndarray, lat: float, lon: float, km: float) -> np.ndarray:
        """Which of `rows` `within` keeps, mostly without a haversine: for each row, bounds
        of the haversine's a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) from Taylor polynomials
        (sin²(x/2) ∈ [x²/4 − x⁴/48, x²/4]; cos φ₂ = cos φ₁ cos Δφ − sin φ₁ sin Δφ to within
        cos φ₁ Δφ⁴/24 + |sin φ₁| |Δφ|⁵/120), against A = sin²(km / 2R): a row surely inside or
        surely outside (a margin far above rounding) is decided as such, only the few rows on
        the circle itself get the exact haversine. The trigonometry is most of a haversine's
        cost: a search that needs the distances of a few rows only computes them afterwards."""
        return _inside_points(self.lat[rows], self.lon[rows], lat, lon, km)

    @staticmethod
    def within_index(la: np.ndarray, lo: np.ndarray, lat: float, lon: float, km: float,
                     keep: Callable[[np.ndarray], np.ndarray] | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the points (la, lo) within `km` and their haversine distances: bounding
        box first, haversine on the rest (the distances serve the later filters and the score);
        `keep` (a mask over indices), given, narrows the box's points before any distance."""
        lat0, lat1, lon0, lon1 = bounding_box(lat, lon, km)
        box = np.flatnonzero((la >= lat0) & (la <= lat1) & (lo >= lon0) & (lo <= lon1))
        if keep is not None:
            box = box[keep(box)]
        d = haversine_km(lat, lon, la[box], lo[box])
        inside = d <= km
        return box[inside], d[inside]

    @staticmethod
    def within_mask(la: np.ndarray, lo: np.ndarray, lat: float, lon: float, km: float) -> np.ndarray:
        """Which of the points (la, lo) lie within `km`."""
        mask = np.zeros(len(la), dtype=bool)
        mask[Positions.within_index(la, lo, lat, lon, km)[0]] = True
        return mask

    def within(self, rows: np.ndarray, lat: float, lon: float, km: float,
               keep: Callable[[np.ndarray], np.ndarray] | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Rows within `km` of the point and their haversine distances; `keep` (a mask over
        rows), given, narrows the rows of the box before any distance is computed."""
        la, lo = self.lat[rows], self.lon[rows]
        lat0, lat1, lon0, lon1 = bounding_box(lat, lon, km)
        box = (la >= lat0) & (la <= lat1) & (lo >= lon0) & (lo <= lon1)
        rows, la, lo = rows[box], la[box], lo[box]
        if keep is not None:
            box = keep(rows)
            rows, la, lo = rows[box], la[box], lo[box]
        d = haversine_km(lat, lon, la, lo)
        inside = d <= km
        return rows[inside], d[inside]

    def bande(self, rows: np.ndarray) -> Bande:
        """The latitude-sorted copy of a posting's located rows."""
        la, lo = self.lat[rows], self.lon[rows]
        ok = ~np.isnan(la) & ~np.isnan(lo)
        rows, la, lo = rows[ok], la[ok], lo[ok]
        order = np.argsort(la, kind="stable")
        return Bande(rows[order].astype(np.int32), la[order].astype(np.float32),
                     lo[order].astype(np.float32))

    def patch_bande(self, b: Bande, row: int, keep: bool) -> Bande:
        """`b` with `row` taken out, then, when `keep` and the row is located, put back at its
        current position (an update of one unit: a copy of the band, no sort)."""
        at = np.flatnonzero(b.rows == row)
        rows, la, lo = np.delete(b.rows, at), np.delete(b.lat, at), np.delete(b.lon, at)
        lat, lon = float(self.lat[row]), float(self.lon[row])
        if keep and not (np.isnan(lat) or np.isnan(lon)):
            k = int(np.searchsorted(la, np.float32(lat), side="right"))
            rows = np.insert(rows, k, np.int32(row))
            la = np.insert(la, k, np.float32(lat))
            lo = np.insert(lo, k, np.float32(lon))
        return Bande(rows, la, lo)

    @staticmethod
    def slice_of(b: Bande, lat: float, km: float) -> tuple[int, int]:
        """The latitude slice [i, j) of a band that `within_bande` reads around latitude `lat`:
        two binary searches (the array's own method: numpy's function wrapper costs ~1 µs)."""
        lat0, lat1, _, _ = bounding_box(lat, 0.0, km)
        # float32 keys: a float64 one would make numpy copy the whole column to compare
        return (int(b.lat.searchsorted(np.float32(lat0 - BANDE_EPS), side="left")),
                int(b.lat.searchsorted(np.float32(lat1 + BANDE_EPS), side="right")))

    def within_bande(self, b: Bande, lat: float, lon: float, km: float,
                     keep: Callable[[np.ndarray], np.ndarray] | None = None,
                     tranche: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The rows of a band within `km` and their haversine distances (in latitude order): the
        same rows and figures as `within` on the posting. The float32 box, wider than the exact
        one by BANDE_EPS only, is the narrowing: the haversine on the float64 coordinates then
        decides (the exact box would drop only points within BANDE_EPS of its edges, all
        farther than `km`, for ten more array calls). `tranche`: `slice_of(b, lat, km)`, when
        the caller has it already."""
        _, _, lon0, lon1 = bounding_box(lat, lon, km)
        i, j = tranche if tranche is not None else self.slice_of(b, lat, km)
        lo = b.lon[i:j]
        cand = b.rows[i:j][(lo >= lon0 - BANDE_EPS) & (lo <= lon1 + BANDE_EPS)]
        if keep is not None:  # the slice is about the box already: the checks first
            cand = cand[keep(cand)]
        d = haversine_km(lat, lon, self.lat[cand], self.lon[cand])
        inside = d <= km
        return cand[inside], d[inside]

    def distances(self, rows: np.ndarray, lat: float, lon: float) -> np.ndarray:
        return haversine_km(lat, lon, self.lat[rows], self.lon[rows])
