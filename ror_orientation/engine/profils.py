"""Search profiles: the defaults and weights of a SAMU regulator and of a downstream coordinator.

`samu`: now, nearest (a default radius widened along a ladder, never across the sea unless the
caller asks for a national search), open, beds weigh heavily, fresh figures. `aval`: patientèle and
aptitudes first, distance to the patient's home. Both count each unit's own nature (beds, places,
logements) unless the caller names one (`disponibilite.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from ..requete import Profil
from .scoring import Weights


@dataclass(frozen=True, slots=True)
class Reglages:
    """What a profile decides when the query leaves it open."""

    ouvert_maintenant: bool
    stale_after: timedelta  # a figure older than this is flagged stale and counts less
    half_km: float  # distance at which the distance score halves
    beds_half: float  # available beds at which the bed score is one half
    horizon: timedelta  # "opening soon" horizon
    rayons_km: tuple[float, ...]  # fallback ladder of radii
    rayon_defaut_km: float | None = None  # radius when the caller gives a place but no radius
    weights: Weights = field(default_factory=Weights)


SAMU = Reglages(
    ouvert_maintenant=True,
    stale_after=timedelta(hours=4),
    half_km=25.0,
    beds_half=1.0,
    horizon=timedelta(hours=2),
    rayons_km=(50.0, 100.0, 200.0),
    rayon_defaut_km=50.0,
    weights=Weights(texte=1.0, aptitudes=1.5, patientele=0.0, distance=3.0, lits=3.0,
                    ouverture=1.0),
)

AVAL = Reglages(
    ouvert_maintenant=False,
    stale_after=timedelta(days=2),
    half_km=20.0,
    beds_half=2.0,
    horizon=timedelta(days=1),
    rayons_km=(30.0, 60.0, 100.0, 200.0),
    weights=Weights(texte=1.0, aptitudes=3.0, patientele=3.0, distance=2.0, lits=2.0,
                    ouverture=0.0),
)

PROFILS: dict[Profil, Reglages] = {Profil.SAMU: SAMU, Profil.AVAL: AVAL}


def reglages(profil: Profil) -> Reglages:
    return PROFILS[Profil(profil)]
