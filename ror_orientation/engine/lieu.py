"""Where the patient is: a Lieu (lat/lon, INSEE commune or postcode) resolved offline to a point."""

from __future__ import annotations

from ..errors import ValidationError
from ..requete import Lieu
from ..territoire import Territoire


def resolve(lieu: Lieu, territoire: Territoire) -> tuple[float, float]:
    """A point for the lieu: its coordinates, else its commune's, else its postcode's first commune.
    Unknown codes raise NotFoundError naming the field."""
    if lieu.lat is not None and lieu.lon is not None:
        if not (-90.0 <= lieu.lat <= 90.0 and -180.0 <= lieu.lon <= 180.0):
            raise ValidationError(f"lieu: coordinates out of range ({lieu.lat}, {lieu.lon})",
                                  field="lieu")
        return float(lieu.lat), float(lieu.lon)
    if lieu.commune:
        c = territoire.commune(lieu.commune)
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
