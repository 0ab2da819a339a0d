"""Idioms of the caller, not of the patient: "on ne sait plus quoi faire", "vers qui se tourner",
"aidez-nous". Families write their distress beside the need; read word by word, "ne sait plus"
is a memory complaint, "tourner" a vertigo and "aide" home help.

The idioms are data (`idiomes.csv`, each with why it names no need); their words are blanked out
of the text before it is read, as a concept id typed as such is.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import FOLD_MAP

# one character for one character, so the blanked spans keep their offsets ("œ" stays "œ")
_PLI = {k: v for k, v in FOLD_MAP.items() if len(v) == 1}
_SEPARATEUR = r"[\s'’\-]+"


def charger_idiomes(dossier: Path | None = None) -> list[tuple[tuple[str, ...], str]]:
    """The shipped idioms: (expressions, justification) per row."""
    dossier = dossier or fixtures_dir() / "terminologie"
    path = dossier / "idiomes.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [(tuple(e.strip() for e in r["expressions"].split("|") if e.strip()), r["justification"])
                for r in csv.DictReader(fh)]


def _pli(text: str) -> str:
    return text.lower().translate(_PLI)


def motif(expressions: list[str]) -> re.Pattern[str] | None:
    """One pattern for the idioms, on whole words, longest first, apostrophes and hyphens as spaces."""
    formes = sorted({_SEPARATEUR.join(map(re.escape, re.split(_SEPARATEUR, _pli(e)))) for e in expressions},
                    key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(formes) + r")(?!\w)") if formes else None


@lru_cache(maxsize=1)
def _motif_livre() -> re.Pattern[str] | None:
    return motif([e for expressions, _ in charger_idiomes() for e in expressions])


def blanchir(text: str, pattern: re.Pattern[str] | None = None) -> tuple[str, list[str]]:
    """The text with its idioms blanked out (same length), and the idioms found."""
    pattern = pattern if pattern is not None else _motif_livre()
    if pattern is None:
        return text, []
    trouves: list[str] = []
    out = text
    for m in pattern.finditer(_pli(text)):
        trouves.append(text[m.start():m.end()])
        out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out, trouves
