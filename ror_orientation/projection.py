"""Projected coordinates of French sources → WGS84 latitude / longitude (through pyproj).

FINESS gives metropolitan sites in Lambert-93 and overseas sites in the local UTM zone, naming the
system at the end of `sourcecoordet` ("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93"); when the text
names none, the département decides.
"""

from __future__ import annotations

from functools import lru_cache

from pyproj import CRS, Transformer

from .errors import ValidationError
from .offre import Coordonnees

# System names as FINESS writes them → EPSG code of the projected system.
SYSTEMS: dict[str, int] = {
    "LAMBERT_93": 2154,  # RGF93 / Lambert-93, metropolitan France and Corsica
    "UTM_N20": 5490,  # RGAF09 / UTM 20N, Guadeloupe, Martinique (and the islands of the north)
    "UTM_N21": 4467,  # RGSPM06 / UTM 21N, Saint-Pierre-et-Miquelon
    "UTM_N22": 2972,  # RGFG95 / UTM 22N, Guyane
    "UTM_S38": 4471,  # RGM04 / UTM 38S, Mayotte
    "UTM_S40": 2975,  # RGR92 / UTM 40S, La Réunion
}
# Older or alternative EPSG codes for the same zones, accepted by `to_wgs84(epsg=...)`.
ALIASES: dict[str, str] = {"LAMBERT93": "LAMBERT_93", "L93": "LAMBERT_93", "RGF93": "LAMBERT_93",
                           "UTM20N": "UTM_N20", "UTM21N": "UTM_N21", "UTM22N": "UTM_N22",
                           "UTM38S": "UTM_S38", "UTM40S": "UTM_S40"}
BY_DEPARTEMENT: dict[str, str] = {"971": "UTM_N20", "972": "UTM_N20", "975": "UTM_N21",
                                  "973": "UTM_N22", "976": "UTM_S38", "974": "UTM_S40",
                                  "9A": "UTM_N20", "9B": "UTM_N20", "9E": "UTM_N21", "9C": "UTM_N22",
                                  "9F": "UTM_S38", "9D": "UTM_S40"}


def system_of(source: str | None, departement: str | None = None) -> str:
    """The system named by a `sourcecoordet` text (its last recognised token), else by département."""
    for token in reversed((source or "").replace(";", ",").split(",")):
        name = token.strip().upper().replace(" ", "_").replace("-", "_")
        name = ALIASES.get(name.replace("_", ""), name) if name not in SYSTEMS else name
        if name in SYSTEMS:
            return name
    return BY_DEPARTEMENT.get(departement or "", "LAMBERT_93")


@lru_cache(maxsize=16)
def _to_wgs84(epsg: int) -> Transformer:
    return Transformer.from_crs(f"EPSG:{epsg}", "EPSG:4326", always_xy=True)


@lru_cache(maxsize=16)
def area_of_use(system: str) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees where the system is meant to be used, one degree wider."""
    a = CRS.from_epsg(SYSTEMS[system]).area_of_use
    assert a is not None
    return a.west - 1, a.south - 1, a.east + 1, a.north + 1


@lru_cache(maxsize=16)
def _from_wgs84(epsg: int) -> Transformer:
    return Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)


def to_wgs84(x: float, y: float, system: str = "LAMBERT_93") -> Coordonnees:
    """Easting / northing in metres in `system` → WGS84. A point outside the system's area (swapped
    X and Y, a metropolitan system for an overseas site...) is a ValidationError, not a wrong place."""
    lon, lat = _to_wgs84(SYSTEMS[system]).transform(x, y)
    west, south, east, north = area_of_use(system)
    if not (south <= lat <= north and west <= lon <= east):  # also False for NaN / inf
        raise ValidationError(f"coordonnees: ({x}, {y}) in {system} falls outside the area of that "
                              f"system (lat {lat:.4f}, lon {lon:.4f})", field="coordonnees")
    return Coordonnees(round(lat, 7), round(lon, 7))


def from_wgs84(coords: Coordonnees, system: str = "LAMBERT_93") -> tuple[float, float]:
    """WGS84 → (easting, northing) in metres in `system` (to write FINESS-shaped files)."""
    return _from_wgs84(SYSTEMS[system]).transform(coords.lon, coords.lat)
