"""Determiners: a word a family types after "un", "une", "mon", "sa", "cette"... is a common noun
("avec une scie", "sur mon vélo"), never the proper name of a place or an establishment, which
French writes bare or after "à", "de", "le" ("à Rennes", "CHU de Pontchaillou", "Le Havre").
A word the reading leaves is taken for a name typed only where no such determiner says otherwise:
"scie" is also a river of Normandy in "Saint-Aubin-sur-Scie", whose clinic it would otherwise
narrow the answer to. Folded forms."""

from __future__ import annotations

import re

from ..territoire import fold

# The indefinite articles, the possessives and the demonstratives (never "des", "du", "la", "le",
# "notre": "clinique des Cèdres", "Notre-Dame" are names).
NOMS_COMMUNS = frozenset("""
    un une mon ma mes ton ta tes son sa ses votre vos leur leurs cet cette ces
    """.split())
MOT_RE = re.compile(r"[^\W_]+")


def nom_commun(mot: str, texte: str) -> bool:
    """Whether every time `mot` is typed in `texte`, a determiner of a common noun comes right
    before it (folded comparison; False when the word is not found)."""
    cible = fold(mot)
    mots = [m.group() for m in MOT_RE.finditer(fold(texte))]
    places = [k for k, w in enumerate(mots) if w == cible]
    return bool(places) and all(k > 0 and mots[k - 1] in NOMS_COMMUNS for k in places)
