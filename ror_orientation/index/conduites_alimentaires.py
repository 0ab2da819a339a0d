"""A teenager who stops eating: "ma fille de 15 ans ne mange presque plus et a beaucoup maigri",
"mon ado refuse de manger", "elle se fait vomir après les repas". In a young patient, food
restriction or self-induced vomiting is an eating disorder (anorexie mentale, boulimie): the TCA
specialisation and centres, adolescent psychiatry, adolescent medicine. Read word by word, not
eating and weight loss were undernutrition and geriatrics, and a refusal to eat adult psychiatry.
Where the patient is young (an age under 18 given or said, or "ado", "adolescente") and the text
tells such a restriction, the need that reads it reads the eating disorder's destinations
(`besoins_profanes.csv`). An old person who no longer eats keeps the undernutrition reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .analyse import aligne
from .besoins_profanes import destinations
from .groupe import ConceptMatch, Groupe, Via

TCA = "conduites_alimentaires_jeune"

# Food restricted or purged (folded text, apostrophes as spaces): "ne mange (presque) plus", "ne
# mange rien", "mange presque rien", "refuse de manger", "a arrêté de manger", "se fait vomir", "se
# prive de manger", "saute tous les repas".
RESTRICTION_RE = re.compile(
    r"\bne\s+mange(?:nt)?\s+(?:presque\s+|quasiment\s+|pratiquement\s+|quasi\s+)?(?:plus|rien|pas)\b"
    r"|\bmange(?:nt)?\s+(?:plus\s+rien|presque\s+rien|quasiment\s+rien|tres\s+peu|quasi\s+rien)\b"
    r"|\b(?:refuse|refusent|refusait|arrete|arretee|arreter|cesse)\s+de\s+(?:manger|s\s+alimenter)\b"
    r"|\bse\s+(?:fait|faire|font|faisait)\s+vomir\b"
    r"|\bse\s+prive\s+de\s+(?:manger|nourriture)\b|\bsaute\s+(?:tous\s+)?les\s+repas\b")
# A young patient said in words ("mon ado", "notre adolescente"), an age said ("ma fille de 15
# ans", "elle a 16 ans"), a small child (a baby who no longer eats is ill, no eating disorder).
ADO_RE = re.compile(r"\b(?:ado|ados|adolescente?s?)\b")
AGE_RE = re.compile(r"\b(?:de|a)\s+(\d{1,2})\s+ans\b")
PETIT_RE = re.compile(r"\b(?:bebes?|nourrissons?|nouveau\s+nee?s?|(?:de|a)\s+\d{1,2}\s+mois)\b")
AGES = (10, 25)  # the ages of the eating disorders' onset the row's structures take (adolescents, young adults)


def conduites_alimentaires(texte: str, groupes: list[Groupe], enfant: bool | None,
                           match: Callable[[str, float, Via], ConceptMatch | None]) -> list[Groupe]:
    """`groupes` with a young patient's food restriction read as an eating disorder; `enfant`:
    the patient is a child (an age under 18 given or stated); `match` builds a concept's match."""
    plie = aligne(texte)
    spans = [(f.start(), f.end()) for f in RESTRICTION_RE.finditer(plie)]
    if not spans or not jeune(plie, enfant):
        return groupes
    out: list[Groupe] = []
    for g in groupes:
        if g.souple or not g.matches or not any(a < g.end and g.start < b for a, b in spans):
            out.append(g)
            continue
        lus = destinations(TCA, g.matches[0], match)
        out.append(replace(g, matches=lus, total=len(lus)) if lus else g)
    return out


def jeune(plie: str, enfant: bool | None) -> bool:
    """Whether the folded text's patient is a teenager or a young adult: "ado", an age said in
    AGES, else a child by the age given (`enfant`) whom the text names no baby."""
    if ADO_RE.search(plie):
        return True
    age = AGE_RE.search(plie)
    if age is not None:
        return AGES[0] <= int(age.group(1)) < AGES[1]
    return enfant is True and not PETIT_RE.search(plie)
