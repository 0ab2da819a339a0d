"""A child's medico-social kind (IME, SESSAD, ITEP...) named for a patient of adult age: he no
longer belongs there ("mon fils autiste a 19 ans et n'a plus de place en IME"), so the kinds for
adults with the same disability are asked (FAM, MAS, foyer de vie, SAMSAH...). No ROR label says
which adult kind follows which child's kind: the table `terminologie/esms_enfants_adultes.csv`
does, from the categories of the CASF (L312-1 I 2° for children, 7° for adults) and FINESS.

A disability named alone for an adult ("mon fils autiste de 20 ans n'a plus de place nulle part")
asks for a place too: the adult kinds rank first among the units declaring that disability
(`esms_handicaps.csv`: the specialisations TRE_R245 that are disabilities), not the children's
places that declare it as well.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from ..paths import fixtures_dir
from .analyse import plier
from .groupe import ConceptMatch, Groupe, Via

POUR_RE = re.compile(r"\bpour\b")  # the kind of place, then whom it is asked for (folded)
SCORE_PLACE = 0.5  # an adult place asked by no word of its own: a ranking hint only
RANG = 0.05  # the n-th adult kind of a row fits a little less than the first: 1 − n·RANG


@cache
def suites_adultes() -> dict[str, tuple[str, ...]]:
    """A child's kind of place (TRE_R244) → the adult kinds that take over, most fitting first."""
    with (fixtures_dir() / "terminologie" / "esms_enfants_adultes.csv").open(encoding="utf-8", newline="") as fh:
        return {r["enfant"]: tuple(r["adultes"].split()) for r in csv.DictReader(fh)}


@cache
def handicaps() -> frozenset[str]:
    """The specialisations (TRE_R245) naming a disability medico-social places are declared for."""
    with (fixtures_dir() / "terminologie" / "esms_handicaps.csv").open(encoding="utf-8", newline="") as fh:
        return frozenset(r["specialisation"] for r in csv.DictReader(fh))


def adultes(texte: str, groupes: list[Groupe], enfant: bool | None,
            match: Callable[[str, float, Via], ConceptMatch | None]) -> list[Groupe]:
    """`groupes` with a child's kind of place read as its adult kinds, when the patient is an
    adult (`enfant` False: an age given or said); `match` builds a concept's match. A kind asked
    as such "pour" the patient ("IME pour une personne de 20 ans") is kept: it is what is asked."""
    if enfant is not False:
        return groupes
    table = suites_adultes()
    out: list[Groupe] = []
    for g in groupes:
        enfants = [m for m in g.matches if m.concept in table]
        if not enfants or POUR_RE.search(plier(texte[g.end:])):
            out.append(g)
            continue
        vus = {m.concept for m in g.matches}
        nouveaux: list[ConceptMatch] = []
        for m in enfants:
            for k, c in enumerate(table[m.concept]):
                a = match(c, m.score * (1.0 - RANG * k), m.via)
                if a is not None and c not in vus:
                    vus.add(c)
                    nouveaux.append(a)
        gardes = tuple(m for m in g.matches if m.concept not in table)
        out.append(replace(g, matches=tuple(nouveaux) + gardes,
                           total=g.total - len(enfants) + len(nouveaux)))
    return out


def places_adultes(groupes: list[Groupe], enfant: bool | None,
                   match: Callable[[str, float, Via], ConceptMatch | None]) -> list[Groupe]:
    """`groupes` and, when every need of an adult's text is a disability (no care, no place
    named, nor a child's kind kept as asked), a ranking group of the adult kinds of place, most common first."""
    requis = [g for g in groupes if not g.souple]
    if enfant is not False or not requis or any(not set(g.concepts) & handicaps() for g in requis) \
            or any(set(g.concepts) & set(suites_adultes()) for g in requis):
        return groupes
    kinds = list(dict.fromkeys(c for row in suites_adultes().values() for c in row))
    places = [m for k, c in enumerate(kinds) if (m := match(c, SCORE_PLACE * (1.0 - RANG * k), "synonyme"))]
    g = requis[0]
    return [*groupes, Groupe(g.texte, g.start, g.end, "synonyme", tuple(places), len(places), souple=True)]
