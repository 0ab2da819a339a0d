"""A doctor asked out of hours: "un médecin de garde ce soir", "le docteur de nuit", "un généraliste
ouvert ce dimanche". Families ask for the duty doctor of the town (permanence des soins
ambulatoires: maison médicale de garde, soins non programmés de ville); read word by word,
"médecin" asked every medical speciality, "garde" a night-watch at home, and a child's earache
then went to the specialists' wards. The doctor word reads as "PDSA" (`appellations.csv`), the words
saying when are set aside; the complaint beside it stays, read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne

PDSA = "pdsa"
# A doctor of the town (folded text, apostrophes as spaces)...
MEDECIN = r"(?:medecins?|docteurs?|toubibs?|generalistes?)"
# ...on duty or asked out of hours: "de garde", "de permanence", "de nuit", "ce soir", "cette nuit",
# "ce week-end", "ce dimanche", "un jour férié", "ouvert ce soir", "qui consulte le dimanche".
QUAND = (r"(?:de\s+garde|de\s+permanence|de\s+nuit|d\s+astreinte"
         r"|(?:(?:ouverts?|disponibles?|dispo|qui\s+consulte|qui\s+recoit|qui\s+peut\s+(?:le|la|les|nous|me)\s+voir)\s+)?"
         r"(?:ce\s+soir|cette\s+nuit|ce\s+week[\s-]*end|ce\s+dimanche|le\s+dimanche|le\s+week[\s-]*end"
         r"|la\s+nuit|un\s+jour\s+ferie|le\s+soir))")
GARDE_RE = re.compile(rf"\b(?P<medecin>{MEDECIN})\s+(?P<quand>{QUAND}(?:\s+{QUAND})?)\b")

# words every such phrase holds (a cheap test before the pattern)
INDICES_RE = re.compile(r"m[ée]decin|docteur|toubib|g[ée]n[ée]raliste", re.IGNORECASE)


def medecin_de_garde(text: str, mots: list[Mot], terme: Callable[[str], str | None]
                     ) -> tuple[list[Mot], list[Mot]]:
    """`mots` with an out-of-hours doctor's word read as "PDSA", and the words saying when set aside
    (returned second)."""
    if not INDICES_RE.search(text):
        return mots, []
    stem = terme(PDSA)
    found = list(GARDE_RE.finditer(aligne(text)))
    if not found or stem is None:
        return mots, []
    debuts = {f.start("medecin") for f in found}
    quand = [(f.start("quand"), f.end("quand")) for f in found]
    ecartes = [m for m in mots if any(a <= m.start < b for a, b in quand)]
    lus = [m.lu(PDSA, stem) if m.start in debuts else m for m in mots if m not in ecartes]
    return lus, ecartes
