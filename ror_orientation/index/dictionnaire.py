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
folds, kept as fingerprints (`Dictionnaire`) by the concept index.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..paths import fixtures_dir
from .analyse import plier

FICHIER = "french.gz"
MIN = 4  # letters of the shortest word a typo correction touches (`fautes.distance_permise`)


def mots_francais(dossier: Path | None = None) -> frozenset[str]:
    """The dictionary's words, folded (empty when the file is not shipped)."""
    path = (dossier or fixtures_dir() / "dictionnaire") / FICHIER
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        # (folded in one pass over the whole text: a tenth of the time of word by word; words of
        # fewer than MIN letters are never corrected, so never asked about)
        return frozenset(w for w in plier(fh.read()).splitlines() if len(w) >= MIN)


def empreinte(plie: str) -> int:
    """A folded word's 64-bit fingerprint, the same in every process (`hash` of a str is not)."""
    return int.from_bytes(hashlib.blake2b(plie.encode(), digest_size=8).digest(), "little")


class Dictionnaire:
    """The dictionary's words as their sorted fingerprints: one 2.6 MB array, which the concept
    index carries into the offer image, so every worker maps the same pages (a set of the words
    was ~36 MB in each process and ~0.4 s to load on the first unknown word typed). Two words of
    the 300,000 sharing a fingerprint is a chance of about 1 in 10⁸; a typo taken for a word
    would only be left uncorrected."""

    def __init__(self, empreintes: np.ndarray) -> None:
        self.empreintes = empreintes

    @classmethod
    def charger(cls, dossier: Path | None = None) -> Dictionnaire:
        return _charger(dossier or fixtures_dir() / "dictionnaire")

    def __contains__(self, plie: object) -> bool:
        if not isinstance(plie, str) or len(plie) < MIN or not len(self.empreintes):
            return False
        h = np.uint64(empreinte(plie))
        i = int(self.empreintes.searchsorted(h))
        return i < len(self.empreintes) and self.empreintes[i] == h

    def __len__(self) -> int:
        return len(self.empreintes)


@lru_cache(maxsize=4)
def _charger(dossier: Path) -> Dictionnaire:
    mots = mots_francais(dossier)
    return Dictionnaire(np.unique(np.fromiter((empreinte(w) for w in mots), dtype=np.uint64,
                                              count=len(mots))))


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
