"""Projected coordinates of FINESS (Lambert-93, overseas UTM) → WGS84, checked on known points."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic
from pyproj import Transformer

from ror_orientation.errors import ValidationError
from ror_orientation.offre import Coordonnees
from ror_orientation.projection import from_wgs84, system_of, to_wgs84


def test_lambert93_origin_is_46_5_north_3_east():
    c = to_wgs84(700000.0, 6600000.0)
    assert c.lat == pytest.approx(46.5, abs=1e-7) and c.lon == pytest.approx(3.0, abs=1e-7)


def test_lambert93_finess_point_of_ch_fleyriat_lands_on_the_hospital():
    # FINESS geolocalisation of 010000024 (BD_ADRESSE, LAMBERT_93) against Eurostat's WGS84 position.
    c = to_wgs84(870215.7, 6571590.5)
    assert geodesic((c.lat, c.lon), (46.2222, 5.20879)).meters < 100


@pytest.mark.parametrize(("system", "lat", "lon", "wgs84_utm"), [
    ("UTM_N20", 16.23449, -61.52761, 32620),  # Les Abymes, Guadeloupe
    ("UTM_N22", 4.93, -52.32, 32622),  # Cayenne, Guyane
    ("UTM_S40", -20.939572, 55.292976, 32740),  # Le Port, La Réunion
    ("UTM_S38", -12.78, 45.23, 32738),  # Mamoudzou, Mayotte
    ("UTM_N21", 46.77301, -56.171526, 32621),  # Saint-Pierre
])
def test_overseas_utm_agrees_with_wgs84_utm_of_the_same_zone(system, lat, lon, wgs84_utm):
    # The local ITRF-based datums coincide with WGS84 to within a metre or two.
    x, y = Transformer.from_crs("EPSG:4326", f"EPSG:{wgs84_utm}", always_xy=True).transform(lon, lat)
    c = to_wgs84(x, y, system)
    assert geodesic((c.lat, c.lon), (lat, lon)).meters < 3
    back = from_wgs84(Coordonnees(lat, lon), system)
    assert abs(back[0] - x) < 3 and abs(back[1] - y) < 3


def test_utm_central_meridian_has_false_easting_500_km():
    x, _y = from_wgs84(Coordonnees(-21.0, 57.0), "UTM_S40")
    assert x == pytest.approx(500000.0, abs=0.01)


def test_system_is_read_from_sourcecoordet_then_from_departement():
    assert system_of("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93") == "LAMBERT_93"
    assert system_of("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N20", "01") == "UTM_N20"
    assert system_of("3,ATLASANTE,45,ATLASANTE,SAISIE_MANUELLE,,", "974") == "UTM_S40"
    assert system_of("", "9F") == "UTM_S38"
    assert system_of(None, "35") == "LAMBERT_93"


def test_a_point_off_the_earth_is_refused():
    with pytest.raises(ValidationError, match="coordonnees"):
        to_wgs84(1e12, 1e12)


def test_swapped_lambert93_coordinates_are_refused():
    with pytest.raises(ValidationError, match="outside the area"):
        to_wgs84(6571590.5, 870215.7)


def test_overseas_point_read_as_lambert93_is_refused():
    x, y = from_wgs84(Coordonnees(-20.939572, 55.292976), "UTM_S40")
    with pytest.raises(ValidationError, match="LAMBERT_93"):
        to_wgs84(x, y, "LAMBERT_93")
