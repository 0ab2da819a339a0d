"""An old person who can no longer live at home: "ma grand-mère perd la tête, elle ne peut plus
rester seule chez elle", "papa ne peut plus vivre seul", "le maintien à domicile n'est plus
possible". Families say the end of life at home; the need is a place in a home for dependent old
people (EHPAD, TRE_R244 21, 23, 24, 26). Read word by word, "seule" and "chez elle" were nothing
and the need fell to the geriatric ward beside the failing memory. Where the text says an old
person can no longer stay at home, the verb reads as "EHPAD" (the synonym table's key for those
kinds of place), the rest of the phrase is set aside; the illness beside it then ranks the places.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne, lire_phrases

EHPAD = "ehpad"
# Can no longer stay at home (folded text, apostrophes as spaces).
POUVOIR = r"(?:peut|peux|pourra|pourrait|peuvent|pouvons)"
SEUL = r"(?:toute?s?\s+)?(?:seule?s?|chez\s+(?:elle|lui|soi|eux|elles)|a\s+(?:la\s+maison|domicile))"
FIN_RE = re.compile(
    rf"\bne\s+{POUVOIR}\s+plus\s+(?P<v1>vivre|rester|habiter|demeurer)\s+{SEUL}(?:\s+{SEUL})?"
    rf"|\bne\s+{POUVOIR}\s+plus\s+(?P<v2>etre)\s+(?:laissee?s?\s+)?seule?s?"
    r"|\b(?P<v3>maintien)\s+a\s+domicile\s+(?:n\s+est\s+plus\s+(?:possible|envisageable)|est\s+impossible"
    r"|devient\s+impossible|impossible)"
    r"|\bplus\s+possible\s+de\s+(?:la|le|les)\s+(?P<v4>laisser)\s+seule?s?")
# ...said of an old person (by a word: the family's elders, an age said of 65 or more).
AGE_RE = re.compile(r"\b(\d{2,3})\s+ans\b")
AGEE_RE = re.compile(r"\b(?:grand[\s-]+mere|grand[\s-]+pere|grands[\s-]+parents|papy|papi|mamie|mami|pepe|agee?s?"
                     r"|vieille|vieux|personne\s+agee|retraitee?)\b")
VIEUX = 65  # the age of the places for old people (EHPAD admission from 60, the sets' elders 65+)

# words every such phrase holds (a cheap test before the patterns)
INDICES_RE = re.compile(r"plus|maintien")


def fin_du_domicile(text: str, mots: list[Mot], terme: Callable[[str], str | None]
                    ) -> tuple[list[Mot], list[Mot]]:
    """`mots` with an old person's end of life at home read as "EHPAD", and the rest of the
    phrase set aside (returned second)."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    plie = aligne(text)
    found = list(FIN_RE.finditer(plie))
    stem = terme(EHPAD)
    if not found or stem is None or not (AGEE_RE.search(plie) or any(
            int(a.group(1)) >= VIEUX for a in AGE_RE.finditer(plie))):
        return mots, []
    verbes = {f.start(k) for f in found for k in ("v1", "v2", "v3", "v4") if f.group(k)}
    dits = [(f.start(), f.end()) for f in found]
    return lire_phrases(mots, verbes, dits, EHPAD, stem)
