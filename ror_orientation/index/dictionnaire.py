"""The French dictionary: common words typed right, that no typo correction may touch.

A word neither the ROR labels nor the clinical vocabulary hold is corrected into the nearest word
they hold. When it is a correct French word outside medicine ("dépense", "défense"), that
correction makes a medical term of it ("démence"), a need the user never named: such a word is
left as typed. A dictionary word is still read as another form of the same word: its ending
changed ("certifier" for "certifié", "encastre" for "encastrée"), or its learned vowels (medicine
keeps the Latin and Greek "ae", "oe" and "y" where everyday French writes "é", "e" and "i":
"méléna" is the "mélaena" of the labels; any other letter changed makes another word, "dépense"
and "démence", "viril" and "viral"); through its sound respelled ("flegmon"); and as a label word
the words before it are read in, or inside a synonym phrase its neighbours complete
(`locutions.py`): there the context is the proof.

The words are the Debian `wfrench` list (`fixtures/dictionnaire/`, GPL-2+), folded as the reader
folds: loaded on first use, not pickled with the index.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from ..paths import fixtures_dir
from .analyse import plier

FICHIER = "french.gz"
MIN = 4  # letters of the shortest word a typo correction touches (`fautes.distance_permise`)


def charger(dossier: Path | None = None) -> frozenset[str]:
    """The dictionary's words, folded (empty when the file is not shipped)."""
    path = (dossier or fixtures_dir() / "dictionnaire") / FICHIER
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        # (folded in one pass over the whole text: a tenth of the time of word by word; words of
        # fewer than MIN letters are never corrected, so never asked about)
        return frozenset(w for w in plier(fh.read()).splitlines() if len(w) >= MIN)


@lru_cache(maxsize=1)
def _livre() -> frozenset[str]:
    return charger()


def courant(plie: str, mots: frozenset[str] | None = None) -> bool:
    """Whether a folded word is a word of the French dictionary (`mots`: the shipped one)."""
    return plie in (_livre() if mots is None else mots)


def racine(plie: str) -> str:
    """A folded word without its inflectional ending: plural "s"/"x", then "er", "ez" or up to two
    "e" ("certifier", "certifiee" and "certifie": "certifi")."""
    out = plie[:-1] if plie[-1:] in ("s", "x") else plie
    if out[-2:] in ("er", "ez"):
        return out[:-2]
    for _ in range(2):
        out = out[:-1] if out.endswith("e") else out
    return out


def usuelle(plie: str) -> str:
    """A folded word with its learned vowels written the everyday way ("melaena": "melena",
    "oedeme": "edeme", "anevrysme": "anevrisme")."""
    return plie.replace("ae", "e").replace("oe", "e").replace("y", "i")


def flexions(plie: str, cands: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The corrections of a dictionary word that are forms of the same word: one root, or one
    everyday spelling."""
    return [(w, d) for w, d in cands if racine(w) == racine(plie) or usuelle(w) == usuelle(plie)]
