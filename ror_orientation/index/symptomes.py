"""Lay descriptions of a symptom ("le cœur qui s'emballe", "du sang dans les selles", "ça brûle
quand je fais pipi"): what families and the mobile-app public type instead of the disease.

No licensed French lay vocabulary exists; `symptomes.csv` (ours) names, for each everyday
expression, the CIM-10 codes whose labels say the same thing (chapter R symptom labels, and the
disease block the symptom points to) and, where the CIM-10 route alone misses the destination, ROR
concepts; each row says which label or SAMU call reason justifies it. The codes are routed like
every CIM-10 label (`cim10_vers_ror.csv`), so the destination follows the existing routes.

An expression binds only when its words are typed together: every full word of it ("sang",
"selles") must be in the query, close to each other, so a single shared word ("sang" of "prise de
sang") never reads the expression. Each full word accepts its feminine and plural forms
("fatigué", "fatiguées"), which the stemmer does not always fold together.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import plier

# Words that carry no need of their own in a lay expression (function words, and the words the
# reading drops before the vocabulary sees them: "plus", "mal", "fait", "nuit"...): an expression
# binds on its other words.
OUTILS = frozenset(plier(w) for w in """
    le la les l un une des du de d au aux a à en dans sur sous par pour avec sans chez vers entre
    qui que qu quand comme où ou et ni ne n pas plus moins très
    je j il elle on ils elles se s me m te t lui leur leurs son sa ses mon ma mes ton ta tes
    y ça ca cela ce cet cette c est ai as avoir être suis sont fait fais faire va vais peut veut
    mal bien depuis après avant boit lit cherche trouver vite permanence
    jour jours nuit nuits soir matin mois semaine semaines heure heures an ans
    """.split())
# (the words of the second and third lines are dropped by the reading before the vocabulary sees
# them: `concepts.GENERIQUES`, `concepts.CONTEXTE`; a test keeps the two lists agreeing)
# Words of degree a family puts inside an expression ("ronfle très fort et s'arrête de respirer",
# "le ventre tout dur"): how much, never another complaint, so they do not break it (folded).
DEGRES = frozenset("""
    fort forte forts fortes trop vraiment tellement tout toute tous toutes completement
    """.split())
ECART = 3  # at most this many small words between the words of an expression typed together


@dataclass(frozen=True, slots=True)
class Symptome:
    """One row: the everyday expressions of one complaint and what they mean."""

    expressions: tuple[str, ...]
    cim10: tuple[str, ...]
    concepts: tuple[str, ...]
    justification: str


def charger_symptomes(dossier: Path | None = None) -> list[Symptome]:
    """The shipped table of lay symptom expressions."""
    dossier = dossier or fixtures_dir() / "terminologie"
    path = dossier / "symptomes.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [Symptome(tuple(e.strip() for e in r["expressions"].split("|") if e.strip()),
                         tuple(r["cim10"].split()), tuple(r["concepts"].split()), r["justification"])
                for r in csv.DictReader(fh)]


def variantes(plie: str) -> tuple[str, ...]:
    """A folded word and its feminine / plural forms (and the masculine singular of those)."""
    base = plie
    for fin in ("ees", "es", "e", "s"):
        if plie.endswith(fin) and len(plie) - len(fin) >= 4:
            base = plie[: -len(fin)]
            break
    return tuple(dict.fromkeys((plie, base, base + "e", base + "s", base + "es", base + "ee", base + "ees")))


def mots_pleins(expression: str, analyser: Callable[[str], tuple[str, str | None]]
                ) -> tuple[frozenset[str], ...]:
    """The full words of an expression, each as the set of stems that may stand for it (its
    feminine and plural forms): every set must be met in the query for the expression to bind."""
    out: list[frozenset[str]] = []
    for w in expression.replace("'", " ").replace("’", " ").split():
        plie = plier(w)
        if plie in OUTILS or len(plie) <= 2:
            continue
        stems = {s for v in variantes(plie) if (s := analyser(v)[1]) is not None}
        if stems:
            out.append(frozenset(stems))
    return tuple(out)


def ensemble(slots: Sequence[frozenset[str]], stems: Sequence[str | None], positions: Sequence[int],
             outils: frozenset[str] = frozenset()) -> set[int] | None:
    """The words among `positions` of the query that meet every full word of an expression typed
    together, or None: between two of them only small words (`outils`: the stems of OUTILS, or
    words the reading dropped), at most ECART, so "arrêt cardio-respiratoire" is not "arrêts
    respiratoires la nuit" with a word in between."""
    used: set[int] = set()
    for slot in slots:
        ks = [k for k in positions if stems[k] in slot]
        if not ks:
            return None
        used.update(ks)
    order = sorted(used)
    for a, b in zip(order, order[1:], strict=False):
        between = [stems[k] for k in range(a + 1, b)]
        if len(between) > ECART or any(s is not None and s not in outils for s in between):
            return None
    return used if slots else None
