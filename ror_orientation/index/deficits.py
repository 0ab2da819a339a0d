"""A focal deficit said by its territory: "déficit de l'hémicorps droit", "faiblesse d'un côté du
corps", "déficit facio-brachial". Clinicians name the sign by the half of the body it strikes; the
CIM-10 labels name it by its noun (G81 "Hémiplégie"), and "déficit" alone reads the immune and
enzyme deficits (D80-D84, E25). A sign word typed with a territory of `deficits.csv` is read as the
label noun, and so is the territory, so the onset reading (`debut.py`) finds the stroke codes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import Mot, plier, plier_en_place

# at most this many full words between the sign and its territory ("déficit moteur brutal de
# l'hémicorps"; function words are not counted)
FENETRE = 3


@dataclass(frozen=True, slots=True)
class Deficit:
    """One row: territories, the sign words said of them, the label noun they read as."""

    territoires: re.Pattern[str]
    signes: re.Pattern[str]
    nom: str


def _motif(formes: str) -> re.Pattern[str]:
    """Folded phrases, `|`-separated, as one pattern ("côté du corps": any spaces or hyphens)."""
    phrases = sorted((plier(f.strip()) for f in formes.split("|") if f.strip()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", p))) for p in phrases)
                      + r")\b")


@lru_cache(maxsize=4)
def charger_deficits(dossier: Path | None = None) -> tuple[Deficit, ...]:
    """The shipped table (`deficits.csv`)."""
    path = (dossier or fixtures_dir() / "terminologie") / "deficits.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(Deficit(_motif(r["territoires"]), _motif(r["signes"]), r["nom"]) for r in csv.DictReader(fh))


def deficits(text: str, mots: list[Mot], terme: Callable[[str], str | None],
             table: tuple[Deficit, ...] | None = None) -> list[Mot]:
    """`mots` with a sign typed with its territory (within FENETRE words, either order) read as
    the label noun, the territory too (surface kept)."""
    plie = plier_en_place(text)
    out = list(mots)
    for row in charger_deficits() if table is None else table:
        stem = terme(row.nom)
        if stem is None:
            continue
        for lieu in row.territoires.finditer(plie):
            dans = [k for k, m in enumerate(mots) if lieu.start() <= m.start < lieu.end()]
            if not dans:
                continue
            signes = [[k for k, m in enumerate(mots) if s.start() <= m.start < s.end()]
                      for s in row.signes.finditer(plie)]
            proches = [ks for ks in signes if ks and (0 <= dans[0] - ks[-1] - 1 <= FENETRE
                                                      or 0 <= ks[0] - dans[-1] - 1 <= FENETRE)]
            if not proches:
                continue
            for k in dans + [k for ks in proches for k in ks]:
                out[k] = mots[k].lu(plier(row.nom), stem)
    return out
