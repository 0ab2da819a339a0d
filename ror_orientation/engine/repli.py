"""The fallback when nothing matches: widen the radius step by step, then relax the criteria a
regulator can trade (freshness of bed figures, minimum beds, open now), one at a time, each step
said as a `Relachement`. Safety criteria (aptitudes, age, sex, publics, equipment) are never relaxed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import NamedTuple

from ..requete import Relachement


class Contraintes(NamedTuple):
    """The relaxable part of a query (built field by field where a search makes several:
    `dataclasses.replace` costs ~2.5 µs a call, the fallback makes up to six). A named tuple:
    a search keys its selections by it, and a tuple is built and hashed in C (a frozen
    dataclass's `__init__` and `__hash__` are Python, ~1 µs each, a dozen times a query)."""

    rayon_km: float | None
    age_max_lits: timedelta | None
    lits_min: int
    ouvert_requis: bool


def _duree(d: timedelta) -> str:
    minutes = int(d.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"


def etapes(c: Contraintes, rayons_km: tuple[float, ...], has_point: bool
           ) -> Iterator[tuple[Contraintes, Relachement]]:
    """Successive, cumulative relaxations of `c`, each with what it changed."""
    cur = c
    if has_point and cur.rayon_km is not None:
        for r in rayons_km:
            if r > cur.rayon_km:
                nxt = Contraintes(r, cur.age_max_lits, cur.lits_min, cur.ouvert_requis)
                yield nxt, Relachement("rayon_km", f"{cur.rayon_km:g} km", f"{r:g} km")
                cur = nxt
    if cur.age_max_lits is not None:
        nxt = Contraintes(cur.rayon_km, None, cur.lits_min, cur.ouvert_requis)
        yield nxt, Relachement("age_max_lits", _duree(cur.age_max_lits), "toute ancienneté")
        cur = nxt
    if cur.lits_min > 0:
        nxt = Contraintes(cur.rayon_km, cur.age_max_lits, 0, cur.ouvert_requis)
        yield nxt, Relachement("lits_min", str(cur.lits_min), "0")
        cur = nxt
    if cur.ouvert_requis:
        nxt = Contraintes(cur.rayon_km, cur.age_max_lits, cur.lits_min, False)
        yield nxt, Relachement("ouvert", "ouvert maintenant", "ouverture prochaine acceptée")
