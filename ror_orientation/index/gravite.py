"""Severity: the words a regulator types beside a diagnosis to say it threatens life now ("EP grave",
"asthme aigu grave", "embolie pulmonaire instable", "avec instabilité hémodynamique").

They name no need of their own (`qualificatifs.py`), but they say where the patient goes first:
to the intensive care the diagnosis's reading names ("pré-éclampsie sévère": obstetric intensive
care, ahead of the maternity ward), or, where it names none, to the units taking any vital
distress (intensive care, SAUV), ahead of the speciality that follows the disease. A label or a
jargon key holding the word names a need of its own ("obésité sévère", "TC grave") and is left as
read; so is a reading of another kind than acute somatic care (psychiatry, rehabilitation, a
public, a specialisation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .analyse import plier
from .groupe import Groupe

# Folded severity words ("gravissime": the superlative regulators use).
GRAVITE = frozenset("""grave graves severe severes gravissime gravissimes instable instables
    instabilite instabilites""".split())
# Folded label starts of intensive care (activities and kinds of unit).
INTENSIFS = ("reanimation", "soins intensifs", "urgences vitales", "unite de reanimation",
             "unite de soins intensifs")
# Namespaces of acute somatic care: activities, acts, kinds of unit.
SOMATIQUES = ("R211:", "R210:", "R244:")
# Folded label words of care that is not acute somatic care.
AUTRES_SOINS = ("psychiatr", "addictolog", "readaptation", "reeducation", "smr ", "soins de suite")


def intensif(libelle: str) -> bool:
    """Whether a concept's label names intensive care."""
    return plier(libelle).startswith(INTENSIFS)


def somatique(concept: str, libelle: str) -> bool:
    """Whether a concept is acute somatic care (an activity, an act or a unit that is neither
    psychiatry nor rehabilitation)."""
    folded = plier(libelle)
    return concept.startswith(SOMATIQUES) and not any(w in folded for w in AUTRES_SOINS)


def qualifie(groupes: Sequence[Groupe], position: int) -> Groupe | None:
    """The group a severity word typed at `position` qualifies: the need holding it, else the need
    typed just before it (French puts the qualifier after the noun), else the first one after."""
    besoins = [g for g in groupes if not g.souple and g.matches]
    for g in besoins:
        if g.start <= position < g.end:
            return g
    avant = [g for g in besoins if g.end <= position]
    if avant:
        return max(avant, key=lambda g: g.end)
    apres = [g for g in besoins if g.start > position]
    return min(apres, key=lambda g: g.start) if apres else None


def intensifs_d_abord(g: Groupe, libelle: Callable[[str], str], vitaux: Sequence[str]
                      ) -> dict[str, float] | None:
    """The scores of a severe diagnosis's reading with intensive care first: the intensive
    concepts it names, else `vitaux` (the units taking any vital distress), at its best score, its
    other concepts below (None: the reading is left as it is: intensive care leads it already,
    or it is not acute somatic care)."""
    top = g.matches[0]
    if intensif(libelle(top.concept)) or not somatique(top.concept, libelle(top.concept)):
        return None
    siens = [m.concept for m in g.matches if intensif(libelle(m.concept))]
    return {c: top.score for c in (siens or vitaux)}
