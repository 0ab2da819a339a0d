"""Where the patient is: a Lieu (lat/lon, INSEE commune or postcode) resolved offline to a point, and
the land it stands on (mainland, Corsica, each overseas département), so a search never crosses the
sea unless the caller asks for a national one.
"""

from __future__ import annotations

import numpy as np

from ..errors import ValidationError
from ..requete import Lieu
from ..territoire import Territoire

CORSE = frozenset({"2A", "2B", "20"})
METROPOLE = "metropole"
BAND = np.radians(0.5)  # latitude band (radians) searched first for a point's nearest commune


def terre_de_departement(dep: str | None) -> str | None:
    """The land of a département: "corse", the overseas département's own code, or "metropole"."""
    if not dep:
        return None
    if dep in CORSE:
        return "corse"
    if dep.startswith("97") or dep.startswith("98"):
        return dep[:3]
    return METROPOLE


class Terres:
    """The communes' positions, to find the land of a bare point (nearest commune), built once."""

    def __init__(self, territoire: Territoire) -> None:
        lat, lon, self.deps = territoire.positions()
        self.lat = np.radians(lat)
        self.lon = np.radians(lon)
        self.by_lat = np.argsort(self.lat, kind="stable")  # communes by latitude
        self.sorted_lat = self.lat[self.by_lat]

    def terre(self, lat: float, lon: float) -> str | None:
        if 42.3 <= lat <= 51.2 and -5.3 <= lon <= 8.3:
            return METROPOLE  # inside the mainland's box, which Corsica (lon > 8.5) is not
        if not self.deps:
            return None
        p, q = np.radians(lat), np.radians(lon)
        # The nearest commune among those within BAND of latitude is the nearest of all when it
        # lies within BAND (any other is at least its latitude gap away): a few hundred
        # haversines instead of every commune's; else all of them.
        lo, hi = np.searchsorted(self.sorted_lat, [p - BAND, p + BAND])
        for cand in (np.sort(self.by_lat[lo:hi]), None):
            la = self.lat if cand is None else self.lat[cand]
            lo_ = self.lon if cand is None else self.lon[cand]
            if not len(la):
                continue
            a = np.sin((la - p) / 2) ** 2 + np.cos(p) * np.cos(la) * np.sin((lo_ - q) / 2) ** 2
            best = int(np.argmin(a))
            if cand is None:
                return terre_de_departement(self.deps[best])
            if a[best] <= np.sin(BAND / 2) ** 2:
                return terre_de_departement(self.deps[int(cand[best])])
        return None


def terre(lieu: Lieu, territoire: Territoire, terres: Terres) -> str | None:
    """The land the patient stands on (None: unknown, then no land filter)."""
    if lieu.lat is not None and lieu.lon is not None:
        return terres.terre(float(lieu.lat), float(lieu.lon))
    if lieu.commune:
        return terre_de_departement(territoire.lieu(lieu.commune).departement)
    if lieu.code_postal:
        return terre_de_departement(territoire.postcode(lieu.code_postal).departement)
    return None


def resolve(lieu: Lieu, territoire: Territoire) -> tuple[float, float]:
    """A point for the lieu: its coordinates, else its commune's, else its postcode's first commune.
    Unknown codes raise NotFoundError naming the field."""
    if lieu.lat is not None and lieu.lon is not None:
        if not (-90.0 <= lieu.lat <= 90.0 and -180.0 <= lieu.lon <= 180.0):
            raise ValidationError(f"lieu: coordinates out of range ({lieu.lat}, {lieu.lon})",
                                  field="lieu")
        return float(lieu.lat), float(lieu.lon)
    if lieu.commune:
        c = territoire.lieu(lieu.commune)
        return c.lat, c.lon
    if lieu.code_postal:
        c = territoire.postcode(lieu.code_postal)
        return c.lat, c.lon
    raise ValidationError("lieu: give lat and lon, an INSEE commune code or a postcode", field="lieu")


def describe(lieu: Lieu) -> str:
    if lieu.commune:
        return f"commune {lieu.commune}"
    if lieu.code_postal:
        return f"code postal {lieu.code_postal}"
    return f"{lieu.lat:.4f}, {lieu.lon:.4f}"
