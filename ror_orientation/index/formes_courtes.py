"""Clipped names of specialities, as everyone says them: "gynéco", "rhumato", "néphro", "endocrino",
"neuro" are gynécologie, rhumatologie, néphrologie, endocrinologie, neurologie. French clips these
names after the combining vowel "-o-" of their Greek root; the full name is the clip + "logie",
when the labels hold such a word (no "gastrologie": "gastro" is left to the labels and synonyms)."""

from __future__ import annotations

from collections.abc import Container

from .analyse import Mot, Termes

MIN_FORME = 4  # "neuro": shorter clips ("uro", "psy") are too ambiguous
SUFFIXES = ("logie",)


def forme_pleine(plie: str, mots_connus: Container[str]) -> str | None:
    """The full word (folded) a clipped speciality name stands for, if the labels hold it."""
    if len(plie) < MIN_FORME or not plie.endswith("o"):
        return None
    for suffixe in SUFFIXES:
        if plie + suffixe in mots_connus:
            return plie + suffixe
    return None


def deplier(mots: list[Mot], termes: Termes, mots_connus: Container[str],
            gardes: Container[int] = ()) -> list[Mot]:
    """The words with each clipped speciality name read as its full word (surface kept), but
    those at `gardes` (inside a synonym phrase that says the clip: "SMR neuro")."""
    out = []
    for k, m in enumerate(mots):
        plein = None if k in gardes else forme_pleine(m.plie, mots_connus)
        terme = termes.terme(plein) if plein else None
        out.append(Mot(m.surface, plein, terme, m.start, m.end) if plein and terme else m)
    return out
