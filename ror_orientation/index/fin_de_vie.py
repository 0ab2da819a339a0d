"""Dying where one lives: "elle veut mourir chez elle", "il souhaite décéder à la maison", "partir
dans son lit". A death said with the place it should happen in is an end of life cared for there
(palliative care, HAD), not a wish to die: read alone, "veut mourir" is suicidal ideation (a lay
phrase of `lexique.csv`, psychiatry), and that reading sent a dying parent's family to the
psychiatric emergencies. The dying verb then reads as "palliatifs"; the place ("maison",
"domicile") keeps its own reading, where the care goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne

PALLIATIFS = "palliatifs"
# A verb of dying (folded text, apostrophes as spaces), then where: at home, in one's own bed.
MOURIR_RE = re.compile(
    r"\b(mourir|meure|meurt|meurent|mourra|deceder|decede|s\s+eteindre|s\s+eteigne"
    r"|finir\s+(?:ses|sa|leurs|leur)\s+(?:jours|vie))\s+"
    r"(?:a\s+la\s+maison|a\s+domicile|a\s+son\s+domicile|chez\s+(?:elle|lui|soi|nous|moi|eux|vous|toi)"
    r"|dans\s+(?:son|sa|leur|mon|ma)\s+(?:lit|maison|chambre))\b")

# what any such verb holds (a cheap test before the one above)
INDICES_RE = re.compile(r"mour|meur|d[ée]c[ée]d|teind|teign|finir")


def mourir_chez_soi(text: str, mots: list[Mot], terme: Callable[[str], str | None]
                    ) -> tuple[list[Mot], list[Mot]]:
    """`mots` with a verb of dying said of a home read as "palliatifs", the other words of the verb
    ("ses jours") set aside (returned second)."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    plie = aligne(text)
    trouves = [(found.start(1), found.end(1)) for found in MOURIR_RE.finditer(plie)]
    stem = terme(PALLIATIFS)
    if not trouves or stem is None:
        return mots, []
    dedans = [m for m in mots if any(a <= m.start < b for a, b in trouves)]
    # (the verb's first word carries the reading: "finir" of "finir ses jours")
    premiers = {min(m.start for m in dedans if a <= m.start < b)
                for a, b in trouves if any(a <= m.start < b for m in dedans)}
    lus = [m.lu(PALLIATIFS, stem) if m.start in premiers else m
           for m in mots if m not in dedans or m.start in premiers]
    return lus, [m for m in dedans if m.start not in premiers]
