"""Search profiles: the defaults and weights of a SAMU regulator, of a downstream coordinator and
of the mobile ROR app.

`samu`: now, nearest (a default radius widened along a ladder, never across the sea unless the
caller asks for a national search), open, beds weigh heavily, fresh figures. `aval`: patientèle and
aptitudes first, distance to the patient's home. `mobile`: see `MOBILE`. All count each unit's own
nature (beds, places, logements) unless the caller names one (`disponibilite.py`).
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
    page: int = 20  # results per page when the caller asks no number
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

# The app's default profile: a physician on the move, or a family member's words, typing anything
# — an acute need ("fracture du poignet") or a downstream one ("EHPAD Alzheimer"). What the text
# asks decides the reading (`acuite.py`: an acute need is read and filtered as the regulator's, a
# place as written); these are the defaults the text leaves open:
# - opening: open units rank first, but a closed one is never required away: the app is also how
#   one finds the consultation, the imaging or the CSAPA to go to later today, and an emergency
#   department is open anyway; a unit opening within the horizon (the rest of the day) ranks
#   between the open and the closed ones;
# - beds: a free bed counts, below opening (an open unit without a declared bed ranks above a
#   closed one with beds: a closed unit's opening score is at most one half, and opening weighs
#   more than twice the beds): most app needs are consultations, emergency departments or places,
#   which take a patient without a declared free bed; the figures are the live ones the
#   regulators see, stale after the same delay;
# - place: near the phone's position (distance weighs as the regulator's, halving sooner — the
#   caller moves by car or on foot, not by ambulance), with no default radius: a page always has
#   units, the nearest of the best reading first;
# - patientèle: a family's words often say who the patient is ("mon fils de 3 ans"): units stating
#   that age rank higher, less than for a coordinator who matches a patient's file;
# - pages of 10 (a phone's screen and its data plan), as the app asks them.
MOBILE = Reglages(
    ouvert_maintenant=False,
    stale_after=timedelta(hours=4),
    half_km=15.0,
    beds_half=1.0,
    horizon=timedelta(hours=12),
    rayons_km=(30.0, 60.0, 100.0, 200.0),
    page=10,
    weights=Weights(texte=1.0, aptitudes=2.0, patientele=2.0, distance=3.0, lits=1.0,
                    ouverture=2.5),
)

PROFILS: dict[Profil, Reglages] = {Profil.SAMU: SAMU, Profil.AVAL: AVAL, Profil.MOBILE: MOBILE}


def reglages(profil: Profil) -> Reglages:
    return PROFILS[Profil(profil)]
