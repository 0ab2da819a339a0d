"""Map legend classes of the population maps (spec §5, our rule): pct = 100 × num / den, rounded
half-up to an integer, then classed. 75.0 → Avancé, 75.5 → 76 → Très avancé; 0.4 % with num > 0 is
still Faible, never Aucun.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .tableau import NON_DISPONIBLE, Tableau, arrondi_half_up, pourcentage

AUCUN = "Aucun EG peuplé ou en cours de peuplement"
FAIBLE, MOYEN, AVANCE, TRES_AVANCE = "Faible", "Moyen", "Avancé", "Très avancé"
CLASSES = (NON_DISPONIBLE, AUCUN, FAIBLE, MOYEN, AVANCE, TRES_AVANCE)


def classe_pct(pct: float | Fraction | None, num_positif: bool = True) -> str:
    """The class of a percentage (None: no data); `num_positif` False means num = 0."""
    if pct is None:
        return NON_DISPONIBLE
    if not num_positif:
        return AUCUN
    p = int(arrondi_half_up(Fraction(pct)))  # Fraction(75.5) is exact: binary halves round up
    if p <= 25:
        return FAIBLE  # includes 0 < pct < 1 when num > 0
    if p <= 50:
        return MOYEN
    if p <= 75:
        return AVANCE
    return TRES_AVANCE


def classe(num: int | None, den: int | None) -> str:
    """The class of num / den: no data or den = 0 → non disponible; num = 0 → Aucun."""
    if num is None or not den:
        return NON_DISPONIBLE
    return classe_pct(pourcentage(num, den), num > 0)


def legende(tableau: Tableau | None, champ: str, indicateur: str) -> dict[str, Any]:
    """Class of each region for one champ and indicator ("peuples" or "qualite")."""
    from ..territoire import REGIONS

    regions = {}
    for region, nom in REGIONS.items():
        c = tableau.compte(region, champ) if tableau is not None else None
        num = c.numerateur(indicateur) if c is not None else None
        den = c.cible if c is not None else None
        pct = pourcentage(num, den) if num is not None and den else None
        regions[region] = {"libelle": nom, "numerateur": num, "denominateur": den,
                           "pct": None if pct is None else int(arrondi_half_up(pct)),
                           "classe": classe(num, den)}
    return {"champ": champ, "indicateur": indicateur, "classes": list(CLASSES), "regions": regions}
