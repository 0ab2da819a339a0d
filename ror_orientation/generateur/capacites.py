"""Generated capacity records, keyed nature × statut × temporalité × genre as the ROR keys them.

Installed beds change rarely; available beds are pushed often, so most figures are minutes old, some
hours old (stale for a regulator) and a few days old. Aval units (SMR, EHPAD) also say what frees up
within 7 days; some psychiatry and nursing-home units count beds by gender; an EG in plan blanc adds
mobilised extra beds under the SSE crisis type.

`a_raviver` keeps a served demo alive: figures are generated relative to the moment of generation,
and when a demo store is served again days later serve's start moves its figures forward by the time
elapsed (`Store.decaler_capacites`), so the mix of fresh and stale figures a regulator sees stays
the one generated.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..offre import Capacite
from .catalogue import UniteType

# TRE_R330 statuts, TRE_R331 temporalités, TRE_R332 genres, TRE_R334/R336 crisis codes
INSTALLE, DISPONIBLE, OCCUPE, FERME, SUPPLEMENTAIRE = "01", "02", "03", "05", "06"
COURANT, J7 = "01", "05"
FEMME, HOMME, INDETERMINE = "01", "02", "04"
MOBILISE, CRISE_SSE = "01", "02"
SAISIE, BED_MANAGEMENT, DPI = "01", "02", "04"


def update_age(rng: random.Random) -> timedelta:
    """How old a pushed figure is: mostly minutes, some hours (stale), a few days."""
    r = rng.random()
    if r < 0.72:
        return timedelta(minutes=rng.randint(1, 90))
    if r < 0.84:
        return timedelta(minutes=rng.randint(90, 240))
    if r < 0.95:
        return timedelta(hours=rng.uniform(4, 30))
    return timedelta(days=rng.uniform(1.5, 12))


def capacites(t: UniteType, taille: int, rng: random.Random, reference: datetime, *,
              source: str = SAISIE, plan_blanc: bool = False) -> tuple[Capacite, ...]:
    """The capacity records of one unit of kind `t` with `taille` installed beds/places/rooms."""
    if t.nature is None or taille <= 0:
        return ()
    nature = t.nature
    installed_at = reference - timedelta(days=rng.randint(1, 240))
    out = [Capacite(nature, INSTALLE, COURANT, INDETERMINE, taille, source=SAISIE, maj=installed_at)]
    maj = reference - update_age(rng)
    occupancy = rng.uniform(0.75, 1.0) if nature in ("01", "03") else rng.uniform(0.6, 1.0)
    free = max(0, min(taille, round(taille * (1 - occupancy))))
    if rng.random() < 0.2:
        free = 0
    if t.genre and rng.random() < 0.35:
        women = rng.randint(0, free)
        out.append(Capacite(nature, DISPONIBLE, COURANT, FEMME, women, source=source, maj=maj))
        out.append(Capacite(nature, DISPONIBLE, COURANT, HOMME, free - women, source=source, maj=maj))
    else:
        out.append(Capacite(nature, DISPONIBLE, COURANT, INDETERMINE, free, source=source, maj=maj))
    if rng.random() < 0.3:
        out.append(Capacite(nature, OCCUPE, COURANT, INDETERMINE, taille - free, source=source,
                            maj=maj))
    if rng.random() < 0.08 and taille > 4:
        out.append(Capacite(nature, FERME, COURANT, INDETERMINE, rng.randint(1, max(1, taille // 5)),
                            source=source, maj=maj))
    if t.previsionnel:
        out.append(Capacite(nature, DISPONIBLE, J7, INDETERMINE, free + rng.randint(0, 4),
                            source=source, maj=maj))
    if plan_blanc and nature == "01":
        out.append(Capacite(nature, SUPPLEMENTAIRE, COURANT, INDETERMINE, rng.randint(2, 8),
                            source=source, maj=reference - timedelta(minutes=rng.randint(2, 60)),
                            crise=CRISE_SSE, type_lit_supplementaire=MOBILISE))
    return tuple(out)


RAVIVER_TOLERANCE = timedelta(hours=1)


def a_raviver(tous_generes: bool, plus_recente: datetime | None, now: datetime,
              tolerance: timedelta = RAVIVER_TOLERANCE) -> bool:
    """Whether a served demo is re-dated, from the store's figures alone (serve's start asks this
    before decoding any unit): only a generated offer whose newest figure is older than `tolerance`
    (a younger one means a live feed is running)."""
    return tous_generes and plus_recente is not None and now - plus_recente > tolerance
