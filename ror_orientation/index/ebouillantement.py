"""A boiling liquid spilt on someone: "du café bouillant sur le torse", "la soupe bouillante". The
liquid is the agent of a scald, a burn ("bouillant" reads as one, `equivalents.csv`); its name is no
need of its own, where the labels read it in another sense ("Taches café au lait" for the coffee,
a feeding-bottle act for "biberon"). The word the adjective qualifies is set aside.
"""

from __future__ import annotations

import re

from .analyse import Mot, aligne

# a noun, then "bouillant(e)(s)" (folded text)
LIQUIDE_RE = re.compile(r"\b(\w+)\s+(bouillante?s?)\b")
BOUILLANT = "bouillant"


def liquides_bouillants(text: str, mots: list[Mot]) -> tuple[list[Mot], list[Mot]]:
    """`mots` without the name of a boiling liquid, set aside (returned second), where
    "bouillant" still reads as typed (not the patient's fever, `fievre.py`)."""
    if BOUILLANT not in text.lower():
        return mots, []
    plie = aligne(text)
    lus = {m.start for m in mots if m.plie.startswith(BOUILLANT)}
    debuts = {found.start(1) for found in LIQUIDE_RE.finditer(plie) if found.start(2) in lus}
    ecartes = [m for m in mots if m.start in debuts]
    return [m for m in mots if m not in ecartes], ecartes
