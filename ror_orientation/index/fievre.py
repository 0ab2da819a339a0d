"""A person said burning hot has a fever: "elle est brûlante", "il a le front bouillant". The
stem of "brûlant" is that of "brûlé", so the burns' synonyms read it (a burns ICU for a feverish
teenager); said of the patient (after "être", or of the forehead, the body, the skin), it is the
lay word of fever (CIM-10 R50, "fièvre" in `lexique.csv`). A hot thing that burns the patient ("de
l'eau brûlante", "l'huile bouillante") keeps its sense: a burn."""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, plier, plier_en_place

FIEVRE = "fièvre"
# "est / était / es / suis (tout, toute, très) brûlant(e)", "le front / le corps / la peau brûlant(e)"
# (folded text)
CHAUD_RE = re.compile(r"\b(?:(?:est|etait|es|suis|sont|etaient)(?:\s+(?:tout|toute|tres|vraiment))?"
                      r"|(?:front|corps|peau|tete)(?:\s+(?:tout|toute|tres))?)\s+"
                      r"(brulante?s?|bouillante?s?)\b")


def fievres(text: str, mots: list[Mot], terme: Callable[[str], str | None]) -> list[Mot]:
    """`mots` with "brûlant" said of the patient read as "fièvre" (surface kept)."""
    stem = terme(FIEVRE)
    if stem is None:
        return mots
    debuts = {found.start(1) for found in CHAUD_RE.finditer(plier_en_place(text))}
    return [m.lu(plier(FIEVRE), stem) if m.start in debuts else m for m in mots]
