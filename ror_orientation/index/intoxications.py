"""A substance taken is a poisoning: "il a pris de la cocaïne", "elle a fumé du crack", "il s'est
injecté de l'héroïne". The lay word of a drug reads the addiction (CIM-10 F11-F19, routed to
addictology); a verb of taking it in the past tense (one event, not a habit: "il prend de la
cocaïne") says its toxic effect (T40-T43 "Intoxication par …", routed like every T code:
emergencies, toxicology, intensive care), what a call for it needs. The verb is read as the lay
word "intoxication". A text saying the use lasts ("depuis des années", "de plus en plus") is the
addiction and keeps it."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import Mot, plier, plier_en_place
from .profane import chronique

INTOXICATION = "surdose"
# An auxiliary, at most one adverb ("a encore pris", "a trop fumé"), then a verb of taking a
# substance in, as a past participle (folded text).
PRISE_RE = re.compile(r"\b(?:a|ai|as|avons|avez|ont|est|es|suis|sommes|sont)\s+(?:\w+\s+)?"
                      r"(pris|fume|fumee|avale|avalee|sniffe|sniffee|consomme|consommee|inhale|inhalee"
                      r"|gobe|gobee|injecte|injectee|shoote|shootee)\b")
PORTEE = 4  # the substance is named within this many words after the verb ("pris de l'ecstasy")


@lru_cache(maxsize=2)
def substances(dossier: Path | None = None) -> frozenset[str]:
    """The folded lay words of a drug: the rows of `lexique.csv` read as a disorder due to a
    psychoactive substance (CIM-10 F11-F19) but alcohol (F10, its own rows) and tobacco (F17: a
    cigarette smoked poisons no one)."""
    path = (dossier or fixtures_dir() / "terminologie") / "lexique.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(plier(r["terme"]) for r in csv.DictReader(fh)
                         if any(c[:2] == "F1" and c[2:3] not in ("", "0", "7") for c in r["cim10"].split()))


def prises(text: str, mots: list[Mot], terme: Callable[[str], str | None]) -> list[Mot]:
    """`mots` with the verb of a substance taken read as "intoxication" (surface kept)."""
    plie = plier_en_place(text)
    stem = terme(INTOXICATION)
    if stem is None or chronique(plie):
        return mots
    drogues = substances()
    out = list(mots)
    for found in PRISE_RE.finditer(plie):
        k = next((k for k, m in enumerate(mots) if m.start == found.start(1)), None)
        if k is not None and any(m.plie in drogues for m in mots[k + 1:k + 1 + PORTEE]):
            m = mots[k]
            out[k] = m.lu(INTOXICATION, stem)
    return out
