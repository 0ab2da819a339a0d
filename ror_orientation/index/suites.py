"""After an acute event, a coordinator or a family asking downstream care asks for its aftercare:
"il ne peut pas rentrer chez lui après son attaque cérébrale", "suite à son infarctus". In the
coordinator's profile, a text whose one need is the event a cause marker ("après", "suite à",
"au décours de") names reads it as the SMR mention taking over its patients (décret n° 2022-24,
`readaptation.py`), as "SMR après AVC" does, not as the acute units treating the event now
(the neurovascular unit, the cardiac ICU). An event no mention takes keeps its reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .groupe import Groupe, Via
from .readaptation import Readaptation

# What may stand between the marker and the event it names ("après son AVC", "suite à l'infarctus")
DETERMINANTS = frozenset("son sa ses mon ma mes notre leur le la l les un une d de du des avoir".split())
Regroupe = Callable[[Groupe, dict[str, tuple[float, Via, str | None]]], Groupe]


def suites(texte_plie: str, cause_re: re.Pattern[str], groupes: list[Groupe], rea: Readaptation | None,
           liees: Callable[[str], tuple[str, ...]], regroupe: Regroupe) -> list[Groupe]:
    """`groupes` with the event a cause marker names read as its SMR mention, when it is the
    text's one need. `liees`: the activities performing an act (the mention of an
    act is theirs); `regroupe`: a group meaning other concepts (concept → score, via, synonym)."""
    found = cause_re.search(texte_plie)
    if found is None or rea is None:
        return groupes
    besoins = [g for g in groupes if not g.souple and g.matches]
    if len(besoins) != 1 or besoins[0].start < found.end() \
            or not set(texte_plie[found.end():besoins[0].start].replace("'", " ").split()) <= DETERMINANTS:
        # "SMR après AVC": the need before the marker decides (`_structure`); "après une chute il a
        # mal au poignet": a complaint of its own, not the event's aftercare
        return groupes
    out = []
    for g in groupes:
        if g is not besoins[0]:
            out.append(g)
            continue
        votes: dict[str, float] = {}
        for m in g.matches:
            mention = rea.mention(m.concept)
            if mention is None and m.concept.startswith(("R210:", "R212:")):
                mention = next((x for a in liees(m.concept)[:1] if (x := rea.mention(a)) is not None), None)
            if mention is not None:
                for c in mention.concepts:
                    votes[c] = max(votes.get(c, 0.0), m.score)
        out.append(regroupe(g, {c: (sc, g.matches[0].via, None) for c, sc in votes.items()}) if votes else g)
    return out
