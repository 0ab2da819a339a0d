"""Holidays beside a care asked are when it is needed, not the need: "hémodialyse pendant les
vacances" is a dialysis, away from home. Alone beside the person ("garder mon père pendant nos
vacances"), the holidays are the carer's and the need is the relative's care meanwhile (CIM-10
Z75.5 "Prise en charge pendant les vacances": temporary care, respite). A holiday reading beside
another need read well, which is neither who the patient is (a public, TRE_R239) nor how they are
received ("accueil", a mode or a temporality: what the respite is), ranks only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .analyse import plier
from .groupe import Groupe

VACANCES_RE = re.compile(r"\b(?:vacances|conges)\b")
PUBLIC = "R239:"  # who the patient is (personnes âgées, enfants…), not a care
# how the patient is received ("accueil": de jour, de nuit, temporaire), what respite is made of
RECEPTION = ("R213:", "R240:")


def vacances(groupes: list[Groupe], bien_lu: float) -> list[Groupe]:
    """`groupes` with a holiday reading made soft where another need, read at least `bien_lu`,
    names a care."""
    dates = [g for g in groupes if not g.souple and g.via == "terminologie" and VACANCES_RE.search(plier(g.texte))]
    if not dates:
        return groupes
    soins = [g for g in groupes if not g.souple and g not in dates and g.matches
             and g.matches[0].score >= bien_lu
             and not any(m.concept.startswith((PUBLIC, *RECEPTION)) for m in g.matches)]
    if not soins:
        return groupes
    return [replace(g, souple=True) if g in dates else g for g in groupes]
