"""A misspelt word both vocabularies correct alike reads as the word it misspells.

The ROR labels and the clinical vocabulary (CIM-10, CCAM, lay words) each correct typos within
their own words. When both name the same word ("vacinations": vaccinations in the labels,
vaccination in the diagnoses, one stem), that word was meant: it is read as if typed right, so a
label's own concept is not lost to whatever the clinical labels around the correction vote for
("vaccination" in the CIM-10 Z23-Z27 labels routes to general practice). Where they disagree
("telerane": télécrâne, tolérance), nothing is decided here. The groups read through a corrected
word then say so (`marquer`): via "faute", trusted as a typo, less than the word typed right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from .analyse import Mot
from .fautes import VocabulaireFlou
from .groupe import Groupe

LUS = ("exact", "synonyme")  # the ways a word typed right is read, that a typo's reading says otherwise


def redresser(mots: list[Mot], fautes: VocabulaireFlou, surface: Mapping[str, tuple[str, ...]],
              connu: Callable[[Mot], bool], corriger: Callable[[str], str | None]
              ) -> tuple[list[Mot], frozenset[int]]:
    """The words, each misspelt word the labels (`fautes`, `surface`: label word → stems) and the
    clinical vocabulary (`corriger`: folded word → stem) correct to one stem replaced by the label
    word (surface kept); and the positions (`Mot.start`) replaced. `connu`: a word that is no typo
    (a stem some vocabulary holds, a place, an acronym, an abbreviation)."""
    out: list[Mot] = []
    faits: set[int] = set()
    for m in mots:
        cible = None if connu(m) else _commune(m.plie, fautes, surface, corriger)
        if cible is None:
            out.append(m)
            continue
        mot, stem = cible
        out.append(m.lu(mot, stem))
        faits.add(m.start)
    return out, frozenset(faits)


def _commune(plie: str, fautes: VocabulaireFlou, surface: Mapping[str, tuple[str, ...]],
             corriger: Callable[[str], str | None]) -> tuple[str, str] | None:
    """The label word and stem both corrections agree on, when the labels' closest words share
    one stem (None: no close word, several meanings, or the vocabularies disagree)."""
    cands = fautes.chercher(plie)
    if not cands:
        return None
    best = cands[0][1]
    stems = {s for w, d in cands if d == best for s in surface.get(w, ())}
    if len(stems) != 1:
        return None
    stem = next(iter(stems))
    if corriger(plie) != stem:
        return None
    return cands[0][0], stem


def marquer(groupes: list[Groupe], faits: frozenset[int], facteurs: Mapping[str, float]) -> list[Groupe]:
    """Label and synonym groups holding a corrected word are typo readings: via "faute", trusted
    as a typo instead of as found (`facteurs`: trust by via)."""
    out = []
    for g in groupes:
        if g.via not in LUS or g.souple or not any(g.start <= s < g.end for s in faits):
            out.append(g)
            continue
        # (every match alike, so the reading keeps the order the word typed right gives it)
        k = facteurs["faute"] / facteurs[g.via]
        matches = tuple(replace(m, score=m.score * k, via="faute" if m.via in LUS else m.via)
                        for m in g.matches)
        out.append(replace(g, via="faute", matches=matches))
    return out
