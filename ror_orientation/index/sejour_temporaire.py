"""A dependent relative to be taken in for a while: "on ne peut plus garder mon oncle handicapé à la
maison quelques semaines", "qui peut accueillir ma sœur polyhandicapée pendant mon opération",
"une place pour mamie le temps de notre déménagement". Families say the time; the ROR says the
stay's temporality (TRE_R240 01 « Temporaire »: accueil, hébergement temporaire). Read word by
word, "garder" was a night-watch at home, "à la maison" home hospitalisation, the weeks nothing.
Where a verb of taking in (or "une place") is said with a bounded time and a dependent person
(disabled, demented, old), the verb reads as "temporaire"; the time words and the home the person
leaves are set aside. The person and their disability stay, read as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne, lire_phrases

TEMPORAIRE = "temporaire"
# Taking someone in (folded text, apostrophes as spaces).
ACCUEIL_RE = re.compile(
    r"\b(?:(?P<verbe>garder|gardions|accueillir|accueille|heberger|herberge|recevoir|placer"
    r"|prendre(?!\s+(?:rendez|rdv|contact|un\s+avis|des\s+nouvelles)))|(?:une|un)\s+(?P<nom>place|endroit))\b")
# ...for a bounded time: "quelques semaines", "trois jours", "15 jours", "une quinzaine", "un mois",
# "le temps de …", "pendant mon hospitalisation / opération / absence / convalescence".
DUREE_RE = re.compile(
    r"\b(?:(?:pour|pendant|durant)\s+)?(?:quelques|deux|trois|quatre|cinq|six|huit|dix|quinze|\d{1,2})\s+"
    r"(?:jours|semaines|mois|nuits)\b"
    r"|\b(?:(?:pour|pendant|durant)\s+)?(?:une|un)\s+(?:semaine|quinzaine|mois|dizaine\s+de\s+jours)\b"
    r"|\ble\s+temps\s+(?:de|d|du)(?:\s+(?:mon|ma|mes|son|sa|ses|notre|nos|leur|leurs|la|le|l))?\s+\w+\b"
    r"|\b(?:pendant|durant)\s+(?:mon|ma|son|sa|notre|leur)\s+"
    r"(?:hospitalisation|operation|absence|convalescence|deplacement|demenagement|conge)\b")
# ...a dependent person: disabled, demented, old.
DEPENDANT_RE = re.compile(
    r"\b(?:handicap\w*|polyhandicap\w*|autiste|trisomique|dependante?|alzheimer|demente?|grabataire"
    r"|(?:grand|arriere\s+grand)\s+(?:mere|pere)|papy|papi|mamie|mami|personne\s+agee)\b")
QUAND_RE = re.compile(r"\b(?:dans|depuis|d\s+ici|il\s+y\s+a)\s*$")
# the home the person leaves, said after the verb ("garder … à la maison", "chez nous")
MAISON_RE = re.compile(r"\b(?:a\s+la\s+maison|a\s+domicile|chez\s+(?:nous|moi|lui|elle|eux))\b")

# words every such phrase holds (a cheap test before the patterns)
INDICES_RE = re.compile(r"jours|semaine|mois|nuits|quinzaine|temps|pendant|durant")


def sejours_temporaires(text: str, mots: list[Mot], terme: Callable[[str], str | None]
                        ) -> tuple[list[Mot], list[Mot]]:
    """`mots` with the verb taking a dependent person in for a bounded time read as
    "temporaire", and the time words and the home left set aside (returned second)."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    plie = aligne(text)
    # (a time said as when, "dans quelques jours", "depuis trois semaines", is no stay's length)
    durees = [(f.start(), f.end()) for f in DUREE_RE.finditer(plie) if not QUAND_RE.search(plie, 0, f.start())]
    accueils = list(ACCUEIL_RE.finditer(plie))
    stem = terme(TEMPORAIRE)
    if not durees or not accueils or stem is None or not DEPENDANT_RE.search(plie):
        return mots, []
    premier = accueils[0]
    verbe = premier.start("verbe") if premier.group("verbe") else premier.start("nom")
    dits = durees + [(f.start(), f.end()) for f in MAISON_RE.finditer(plie, verbe)]
    return lire_phrases(mots, (verbe,), dits, TEMPORAIRE, stem)
