"""A child's medico-social kind (IME, SESSAD, ITEP...) named for a patient of adult age: he no
longer belongs there ("mon fils autiste a 19 ans et n'a plus de place en IME"), so the kinds for
adults with the same disability are asked (FAM, MAS, foyer de vie, SAMSAH...). No ROR label says
which adult kind follows which child's kind: the table `terminologie/esms_enfants_adultes.csv`
does, from the categories of the CASF (L312-1 I 2° for children, 7° for adults) and FINESS.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from ..paths import fixtures_dir
from .groupe import ConceptMatch, Groupe, Via

RANG = 0.05  # the n-th adult kind of a row fits a little less than the first: 1 − n·RANG


@cache
def suites_adultes() -> dict[str, tuple[str, ...]]:
    """A child's kind of place (TRE_R244) → the adult kinds that take over, most fitting first."""
    with (fixtures_dir() / "terminologie" / "esms_enfants_adultes.csv").open(encoding="utf-8", newline="") as fh:
        return {r["enfant"]: tuple(r["adultes"].split()) for r in csv.DictReader(fh)}


def adultes(groupes: list[Groupe], enfant: bool | None,
            match: Callable[[str, float, Via], ConceptMatch | None]) -> list[Groupe]:
    """`groupes` with a child's kind of place read as its adult kinds, when the patient is an
    adult (`enfant` False: an age given or said); `match` builds a concept's match."""
    if enfant is not False:
        return groupes
    table = suites_adultes()
    out: list[Groupe] = []
    for g in groupes:
        enfants = [m for m in g.matches if m.concept in table]
        if not enfants:
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
