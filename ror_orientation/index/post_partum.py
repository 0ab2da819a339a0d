"""A mother's psychic distress after a birth: "depuis l'accouchement ma femme pleure tout le
temps", "elle déprime depuis la naissance du bébé", "depuis qu'elle a accouché elle rejette son
enfant". The need is perinatal psychiatry (psychiatrie périnatale, its mobile team, the unité
mère-enfant), not adult psychiatry beside a maternity ward: read as two needs, the birth asked for
obstetrics and the distress for adult psychiatry, and no unit is both. Where a text tells a birth
and some need of it reads psychiatric first, that need reads perinatal psychiatry first (adult
psychiatry kept after it) and the birth only ranks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .analyse import aligne
from .besoins_profanes import destinations
from .groupe import ConceptMatch, Groupe, Via

# Perinatal psychiatry, most fitting first (`besoins_profanes.csv`)
PERINATAL = "psychiatrie_perinatale"
# What a psychiatric need reads first (TRE_R211 / TRE_R244): adult psychiatry, psychiatric
# emergencies, crisis psychiatry, the adult psychiatry ward.
PSYCHIATRIE = frozenset(("R211:229", "R211:158", "R211:612", "R244:174"))
# The readings of the birth itself: obstetrics, the maternity ward, post-natal follow-up.
NAISSANCE = frozenset(("R211:100", "R244:290", "R211:529", "R211:282"))
APRES = 0.6  # the psychiatric reading kept after them: a fallback, ranked below any perinatal care
# The baby named beside ("rejette le bébé"): the mother is the patient, no paediatric ward
# (TRE_R211 088 « Médecine pédiatrique » first: the child words' reading, `synonymes.py`).
PEDIATRIE = "R211:088"

# A birth told (folded text): "depuis l'accouchement", "depuis qu'elle a accouché", "depuis la
# naissance du bébé", "après avoir accouché", "en post-partum", "depuis que le bébé est né".
NAISSANCE_RE = re.compile(r"\b(?:accouchements?|accouchee?s?|accoucher|post[\s-]?partum|naissance\s+(?:de|du|d)\s*"
                          r"(?:la\s+|l\s+|son\s+|sa\s+|leur\s+|notre\s+|mon\s+|ma\s+)?"
                          r"(?:bebe|enfant|fils|fille|petite?|jumeaux|jumelles)"
                          r"|(?:bebe|enfant)\s+est\s+nee?)\b")


def post_partum(texte: str, groupes: list[Groupe],
                match: Callable[[str, float, Via], ConceptMatch | None]) -> list[Groupe]:
    """`groupes` with a psychiatric need told after a birth read as perinatal psychiatry first,
    the birth's own reading made a ranking hint and the baby's dropped; `match` builds a
    concept's match."""
    plie = aligne(texte)
    if not NAISSANCE_RE.search(plie):
        return groupes
    psy = [g for g in groupes if not g.souple and g.matches and g.matches[0].concept in PSYCHIATRIE]
    if not psy:
        return groupes
    out: list[Groupe] = []
    for g in groupes:
        if g in psy:
            nouveaux = destinations(PERINATAL, g.matches[0], match, {m.concept for m in g.matches})
            gardes = tuple(replace(m, score=round(m.score * APRES, 4)) for m in g.matches)
            out.append(replace(g, matches=nouveaux + gardes, total=g.total + len(nouveaux)))
        elif g.souple and g.matches and g.matches[0].concept == PEDIATRIE:
            continue
        elif not g.souple and g.matches and g.matches[0].concept in NAISSANCE \
                and NAISSANCE_RE.search(aligne(g.texte)):
            out.append(replace(g, souple=True))
        else:
            out.append(g)
    return out
