"""A family names its child "mon petit", "ma petite", "notre petit dernier": the adjective used as
a noun, after a possessive, is the child (as "petit garçon" is a synonym of the child). Left an
adjective, the word says nothing and the reading loses who the patient is (orthopaedics for "mon
petit a le bras tout tordu", not the paediatric emergencies). It is the child only where no noun
follows it: the end of a clause, a word of grammar ("a", "est", "ne", "qui", "de" + an age), a
form of an everyday verb of `verbes.csv` ("ma petite respire mal", "mon petit tousse") or
"dernier" (the youngest); "mon petit doigt", "ma petite sœur" keep their noun. Folded forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import Mot, plier, plier_en_place
from .verbes import charger_verbes

ENFANT = "enfant"
# a possessive, then "petit(e)(s)" (folded text); group 1: the word read, group 2: the next word
PETIT_RE = re.compile(r"\b(?:mon|ma|mes|notre|nos|ton|ta|tes|votre|vos|son|sa|ses|leur|leurs)\s+"
                      r"(petite?s?)\b(?:\s*([^\W\d_]+))?")
# the youngest child: "mon petit dernier", "ma petite dernière"
DERNIER = frozenset(("dernier", "derniere", "derniers", "dernieres"))


def formes_verbales(dossier: Path | None = None) -> frozenset[str]:
    """The folded forms of the everyday verbs of the reference data folder (read once per folder)."""
    return _formes(dossier or fixtures_dir() / "terminologie")


@lru_cache(maxsize=4)
def _formes(dossier: Path) -> frozenset[str]:
    if not (dossier / "verbes.csv").exists():
        return frozenset()
    return frozenset(plier(f) for f, _ in charger_verbes(dossier))


def petits(text: str, mots: list[Mot], terme: Callable[[str], str | None],
           verbes: frozenset[str] = frozenset()) -> tuple[list[Mot], list[Mot]]:
    """`mots` with "petit" after a possessive and before no noun read as "enfant" (surface kept),
    and the "dernier" that named it with it, taken out; `terme`: the analyser's stem of a word
    (None for a word of grammar); `verbes`: folded forms of everyday verbs."""
    stem = terme(ENFANT)
    if stem is None:
        return mots, []
    debuts: set[int] = set()
    derniers: set[int] = set()
    plie = plier_en_place(text)
    for found in PETIT_RE.finditer(plie):
        suivant = found.group(2)
        # (a comma, a full stop or the end leave group 2 empty or past the punctuation)
        ponctue = suivant is None or bool(re.match(r"\s*[^\w\s]", plie[found.end(1):]))
        if ponctue or suivant in DERNIER or suivant in verbes or terme(suivant) is None:
            debuts.add(found.start(1))
            if suivant in DERNIER:
                derniers.add(found.start(2))
    return ([m.lu(plier(ENFANT), stem) if m.start in debuts else m for m in mots if m.start not in derniers],
            [m for m in mots if m.start in derniers])
