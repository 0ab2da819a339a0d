"""A carer worn out by the care of a relative: "je m'occupe seule de ma mère et je suis à bout",
"épuisée de prendre soin de mon mari", "il est à ma charge et je craque". The need is respite for
the carer (plateforme d'accompagnement et de répit, relayage, accueil de jour or temporaire); read
word by word, the exhaustion was the patient's fatigue (general practice), "souffler" a breath
sign, "m'occuper" a piece of equipment. Where the text says both that the speaker cares for
someone and that they are exhausted, the caring words read as "répit" and the exhaustion words are
context (returned apart); the relative and their illness stay, read as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne, lire_phrases, plier

REPIT = "répit"
# The speaker cares for someone (folded text, apostrophes as spaces): "m'occupe de", "s'occuper
# seule de", "prendre soin de", "à ma charge".
SOIN_RE = re.compile(
    r"\b(?:m|t|s|nous|vous)\s+(occup(?:e|es|ent|er|ons|ez|ais|ait|aient|ant))\s+(?:(?:tout|toute|seule?s?)\s+)*"
    r"(?:de|du|des|d)\b"
    r"|\b(?:prendre|prends|prend|prenons|prenez|prennent|prenais|prenait)\s+(soin)\s+(?:de|du|des|d)\b"
    r"|\ba\s+(?:ma|notre|sa|leur|ta|votre)\s+(charge)\b")
# ...and says they are worn out: exhausted, at the end of their tether, in need of a break.
EPUISE_RE = re.compile(
    r"\b(?:epuisee?s?|fatiguee?s?|debordee?s?|surmenee?s?|usee?s?|crevee?s?|craque|craquer|craquons"
    r"|n\s+(?:en\s+)?(?:peux|peut|pouvons|peuvent)\s+plus|a\s+bout(?:\s+de\s+(?:force|forces|nerfs))?"
    r"|(?:au\s+)?bout\s+du\s+rouleau|plus\s+la\s+force"
    r"|(?:besoin|envie)\s+(?:de|d)\s+(?:souffler|repos|me\s+reposer|nous\s+reposer|se\s+reposer|relais"
    r"|une\s+pause|pause|vacances))\b")

# words any caring phrase holds (a cheap test before the two above)
INDICES_RE = re.compile(r"occup|soin|charge")


def aidants(text: str, mots: list[Mot], terme: Callable[[str], str | None]) -> tuple[list[Mot], list[Mot]]:
    """`mots` with a worn-out carer's caring words read as "répit", and the words saying the
    exhaustion set aside (returned second)."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    plie = aligne(text)
    soins = [found for found in SOIN_RE.finditer(plie)]
    epuise = [(found.start(), found.end()) for found in EPUISE_RE.finditer(plie)]
    # (the other words of the caring phrase, "seule" of "je m'occupe seule de", are no need either)
    dits = epuise + [(found.start(), found.end()) for found in soins]
    stem = terme(REPIT)
    if not soins or not epuise or stem is None:
        return mots, []
    debuts = {found.start(k) for found in soins for k in (1, 2, 3) if found.group(k)}
    return lire_phrases(mots, debuts, dits, plier(REPIT), stem)
