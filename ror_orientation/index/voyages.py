"""A journey abroad named by its destination: "fièvre au retour du Mali", "diarrhée de retour du
Sénégal". The place says where the patient travelled, which makes a tropical infection likely
(the SAMU's "fièvre au retour de voyage", `symptomes.csv`), not a clinical word: "Mali" read
"mal…" and "retour" a "Retour veineux pulmonaire anormal". The place is read as "voyage"."""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, plier_en_place

# "retour de/du/des/d'" (optionally "l'", "la") before the place, folded text
RETOUR_RE = re.compile(r"\bretour\s+(?:de|du|des|d['’]|en|au|aux)\s*(?:(?:la|le|l['’])\s*)?$")
VOYAGE = "voyage"


def voyages(text: str, mots: list[Mot], clinique: Callable[[Mot], bool],
            terme: Callable[[str], str | None]) -> list[Mot]:
    """`mots` with the destination of a journey read as the word "voyage": the word right after
    "retour de …" that names a place — typed with a capital, or a word no vocabulary holds
    (`clinique` False: "retour de couches", "retour d'hospitalisation" keep their sense)."""
    stem = terme(VOYAGE)
    if stem is None:
        return mots
    out = list(mots)
    plie = plier_en_place(text)
    for k, m in enumerate(mots):
        if k == 0 or not RETOUR_RE.search(plie[:m.start]):
            continue
        if (m.surface[:1].isupper() and not m.surface.isupper()) or not clinique(m):
            out[k] = m.lu(VOYAGE, stem)
    return out
