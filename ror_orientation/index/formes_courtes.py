"""Clipped names of specialities, as everyone says them: "gynéco", "rhumato", "néphro", "endocrino",
"neuro" are gynécologie, rhumatologie, néphrologie, endocrinologie, neurologie. French clips these
names after the combining vowel "-o-" of their Greek root; the full name is the clip + "logie",
when the labels hold such a word (no "gastrologie": "gastro" is left to the labels and synonyms)."""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping

from .analyse import Mot, Termes, plier

MIN_FORME = 4  # "neuro": shorter clips ("uro", "psy") are too ambiguous
MIN_CLIP = 3  # after a noun whose labels hold the long form, "péd" or "réa" is clear enough
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
        out.append(m.lu(plein, terme) if plein and terme else m)
    return out


def deplier_devant(mots: list[Mot], abreges: Mapping[str, tuple[str, ...]], termes: Termes,
                   lit_ensemble: Callable[[str, str, str], bool], gardes: Container[int] = ()) -> list[Mot]:
    """The words with a clipped word ("trauma": "traumatisme", from the abbreviations inventory,
    whose long form starts with it) read as its long form when the next word and that long form
    read a clinical label together and the clip is no word of its own (`lit_ensemble` on the
    clip's, the long form's and the next word's stems: "trauma crânien" is a
    "traumatisme crânien", an injury, not traumatology beside the word "crânien"). Words inside a
    synonym phrase (`gardes`: "trauma center") and acronyms typed in capitals are kept."""
    out = list(mots)
    for k, m in enumerate(mots[:-1]):
        formes = abreges.get(m.plie, ())
        if k in gardes or k + 1 in gardes or not formes or len(m.plie) < MIN_FORME or m.surface.isupper():
            continue
        plein = plier(formes[0])
        if " " in plein or not plein.startswith(m.plie) or plein == m.plie:
            continue
        terme = termes.terme(plein)
        if terme is not None and lit_ensemble(m.terme, terme, mots[k + 1].terme):
            out[k] = m.lu(plein, terme)
    return out


def deplier_apres(mots: list[Mot], abreges: Mapping[str, tuple[str, ...]], termes: Termes,
                  ensemble: Callable[[str, str], bool], mots_entiers: Container[str],
                  gardes: Container[int] = ()) -> list[Mot]:
    """The words with a clipped adjective after a noun ("péd", "réa", "chir": the inventory's
    long form starts with it) read as its long form when the word before and that long form are
    written together by the ROR labels while the clip is not (`ensemble` on the two stems: "SMUR
    péd" is the "SMUR pédiatrique", not any SMUR beside a second need "péd"). A word the clinical
    vocabulary writes whole (`mots_entiers`: "mal" of "mon fils a mal", not "maladie"), words
    inside a synonym phrase (`gardes`) and acronyms typed in capitals are kept."""
    out = list(mots)
    for k in range(1, len(mots)):
        m = mots[k]
        formes = abreges.get(m.plie, ())
        if k in gardes or not formes or m.surface.isupper() or len(m.plie) < MIN_CLIP \
                or m.plie in mots_entiers:
            continue
        plein = plier(formes[0])
        if " " in plein or not plein.startswith(m.plie) or plein == m.plie:
            continue
        terme = termes.terme(plein)
        avant = out[k - 1].terme
        if terme is not None and terme != m.terme and ensemble(avant, terme) and not ensemble(avant, m.terme):
            out[k] = m.lu(plein, terme)
    return out
