"""A family's words to the SAMU say an acute need: "il a très mal à la poitrine", "elle voit
double depuis ce matin", "forte fièvre et des taches sur la peau". Read through the lay
vocabulary (`symptomes.csv`, `lexique.csv`, `corps.csv`), such a description names the organ, and
its routes list the organ's consultations first; in the SAMU profile the caller needs the units
taking the event now. So a reading carried by lay words gets the acute units its routes name
first, the organ's other units below, and the city practices of the organ lowest. A description
saying it lasts ("depuis des mois", "de plus en plus") is no acute event and keeps its order; a
route naming no acute unit adds none (the lay tables name the acute units of acute events).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .analyse import plier
from .groupe import Groupe
from .symptomes import OUTILS

PREFIXE = 5  # a lay word is typed when a typed word begins with its first letters ("saigne", "saignement")
# A complaint that lasts or comes back (folded): "depuis des mois", "depuis 3 ans", "de plus en
# plus", "tout le temps", "chronique", "souvent".
CHRONIQUE_RE = re.compile(r"\bdepuis (?:des|plusieurs|quelques|\d+) (?:semaines|mois|ans|annees)\b"
                          r"|\bdepuis (?:longtemps|toujours)\b|\bde plus en plus\b|\btout le temps\b"
                          r"|\bchroniques?\b|\bsouvent\b|\bregulierement\b")
SECONDAIRE = 0.9  # the organ's units, below the acute ones (as `concepts._aigu_d_abord` ranks them)


def profane(sources: Sequence[str], texte_plie: str) -> bool:
    """Whether a reading rests on lay words typed: a symptom expression (it binds only when its
    words are typed), or a lay word whose own words are typed (a lay word's document also holds
    the coded labels of its codes: "colite" typed finds "diarrhée" by its label, a diagnosis, not
    the family's word)."""
    tapes = set(texte_plie.replace("'", " ").replace("-", " ").split())
    for s in sources:
        if s.endswith("(symptome)"):
            return True
        if s.endswith("(lexique)"):
            mots = [w for w in plier(s.split("  ")[0]).replace("'", " ").replace("-", " ").split()
                    if len(w) > 2 and w not in OUTILS]
            if mots and all(any(t.startswith(w[:PREFIXE]) for t in tapes) for w in mots):
                return True
    return False


def chronique(texte_plie: str) -> bool:
    """Whether the text says the complaint lasts or comes back (folded text)."""
    return CHRONIQUE_RE.search(texte_plie) is not None


def urgences_d_abord(g: Groupe, urgent: Callable[[str], bool], cabinet: Callable[[str], bool],
                     texte_plie: str) -> Groupe:
    """`g` with its acute concepts first when lay words read it and the text says no lasting
    complaint. `urgent`: a concept of acute care; `cabinet`: a city practice."""
    if g.souple or g.via != "terminologie" or not g.matches or not profane(g.sources, texte_plie) \
            or urgent(g.matches[0].concept) or chronique(texte_plie):
        return g
    top = g.matches[0].score
    aigus = [m for m in g.matches if urgent(m.concept)]
    if not aigus:
        return g
    # lifted as a block, each keeping its share of the best one: the routes rank the emergency
    # department a family's call goes to above the intensive care its severest forms need
    lift = top / aigus[0].score
    aigus = [replace(m, score=round(min(top, m.score * lift), 4)) for m in aigus]
    autres = [replace(m, score=round(m.score * SECONDAIRE * (SECONDAIRE if cabinet(m.concept) else 1.0), 4))
              for m in g.matches if not urgent(m.concept)]
    return replace(g, matches=tuple(sorted(aigus + autres, key=lambda m: -m.score)))  # stable: ties keep the acute first
