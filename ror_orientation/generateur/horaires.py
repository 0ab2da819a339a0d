"""Generated opening schedules: named weekly patterns, holidays, and the odd closure.

Most acute units are open 24/7; consultations and day hospitals keep weekday hours; a few units run
a night permanence across midnight; some close on public holidays; a few are closed for a while with a
planned reopening date, and a very few are closed for good.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from ..horaires import Fermeture, Horaires, Plage

SEMAINE = range(5)  # lundi ... vendredi


def _plages(jours: range | tuple[int, ...], debut: time, fin: time) -> tuple[Plage, ...]:
    return tuple(Plage(j, debut, fin) for j in jours)


# Pattern name -> weekly ranges (24/7 is `permanent`, not ranges).
PATTERNS: dict[str, tuple[Plage, ...]] = {
    "jour": _plages(SEMAINE, time(8, 30), time(17, 30)),
    "hdj": _plages(SEMAINE, time(8, 0), time(17, 0)),
    "cath": _plages(SEMAINE, time(8, 0), time(18, 30)),  # a cath lab closed at night and weekends
    "dialyse": _plages(range(6), time(6, 30), time(23, 0)),
    "accueil_jour": _plages(SEMAINE, time(9, 30), time(17, 0)),
    "pasa": _plages(SEMAINE, time(10, 0), time(17, 30)),
    "domicile": _plages(range(6), time(7, 0), time(20, 0)) + (Plage(6, time(8, 0), time(12, 0)),),
    # night permanence: 20:00 → 08:00 every night, plus weekend days
    "nuit": _plages(range(7), time(20, 0), time(8, 0))
    + _plages((5, 6), time(8, 0), time(20, 0)),
    "nuit_seule": _plages(range(7), time(19, 30), time(8, 30)),  # accueil de nuit
    # hospitalisation de semaine: Monday 08:00 round the clock to Friday 18:00
    "semaine": _plages(range(4), time(8, 0), time(8, 0)) + (Plage(4, time(8, 0), time(18, 0)),),
    # a city practice: weekdays 08:30-19:30 and Saturday morning
    "cabinet": _plages(SEMAINE, time(8, 30), time(19, 30)) + (Plage(5, time(9, 0), time(12, 0)),),
    # a maison médicale de garde: weekday evenings to midnight, Saturday afternoon, Sunday, holidays
    "garde": _plages(SEMAINE, time(20, 0), time(0, 0)) + (Plage(5, time(12, 0), time(0, 0)),)
    + _plages((6, 7), time(8, 0), time(0, 0)),
}

MOTIFS_TEMPORAIRES = ("Travaux de mise aux normes", "Manque de personnel médical",
                      "Fermeture estivale", "Regroupement provisoire de services")


def horaires(pattern: str, rng: random.Random, today: date) -> Horaires:
    """A schedule for `pattern`, with holidays and closures drawn for realism."""
    fermetures: tuple[Fermeture, ...] = ()
    r = rng.random()
    if r < 0.006:
        debut = today - timedelta(days=rng.randint(30, 700))
        fermetures = (Fermeture(debut, definitive=True, motif="Fermeture définitive"),)
    elif r < 0.02:
        debut = today - timedelta(days=rng.randint(0, 40))
        fermetures = (Fermeture(debut, reouverture_prevue=today + timedelta(days=rng.randint(3, 90)),
                                motif=rng.choice(MOTIFS_TEMPORAIRES)),)
    debut_validite = None
    if rng.random() < 0.004:  # opens soon: known in the ROR before its first day
        debut_validite = today + timedelta(days=rng.randint(5, 60))
    if pattern == "h24":
        return Horaires(permanent=True, fermetures=fermetures, debut_validite=debut_validite)
    plages = PATTERNS[pattern]
    ferme_feries = pattern in ("jour", "hdj", "accueil_jour", "pasa", "cath", "cabinet") and rng.random() < 0.8
    if pattern == "domicile" and rng.random() < 0.5:  # home care keeps a holiday round
        plages = plages + (Plage(7, time(8, 0), time(12, 0)),)
    return Horaires(plages=plages, ferme_jours_feries=ferme_feries, fermetures=fermetures,
                    debut_validite=debut_validite)
