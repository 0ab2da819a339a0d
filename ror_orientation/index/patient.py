"""Who the patient is, said in the text: "ma fille de 3 ans", "mon bébé de 6 semaines", "ma femme",
"mon grand-père". A family or a coordinator types it instead of filling the age and sex of the
query; the engine takes it as the patient's age and sex when the query gives none, so the
patientèle (age range) and the bed figures by sex select as they would for the fields.

The age is the first one the text states as the patient's (a duration, "depuis 3 ans", "il y a
2 ans", and a range, "moins de 6 ans", "0-12 ans", are none), in months, weeks or days for a child word's baby ("de 6 mois" → 0 years, "de 18
mois" → 1). The sex is the one the relationship implies (`proches.csv`), for the first relationship
a possessive introduces ("ma femme", "notre fils"); none when the speaker is the patient ("mon
mari me frappe": the relationship then names someone else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .analyse import plier
from .concepts import ANS_RE, DUREE, ENFANTS
from .proches import charger_proches

# A baby's age: "de 6 mois", "de 3 semaines", "de 10 jours" right after a child word (folded), never
# a pregnancy's term ("enceinte de 2 mois") nor a duration ("depuis 6 mois").
BEBE_RE = re.compile(r"\b(\w+) de (\d{1,2}) (mois|semaines?|jours?)\b")
# An age range is no patient's age: "moins de 6 ans", "plus de 75 ans", "0-12 ans", "de 3 à 6 ans",
# "entre 16 et 25 ans", "16 ans à 42 ans" (the nomenclature's labels say who a unit is for so).
BORNES = frozenset(("moins", "plus", "entre", "partir", "jusqu", "jusque", "avant", "apres"))
ENTRE_AVANT = re.compile(r"\d\s*(?:ans?\s*)?(?:-|a|et)\s*$")
ENTRE_APRES = re.compile(r"\s*(?:-|a|et)\s*\d")
POSSESSIFS = frozenset(("mon", "ma", "notre", "son", "sa", "ton", "ta", "votre"))
MOI = frozenset(("me", "m"))  # "mon mari me frappe", "mon père m'a frappée": the speaker is the patient


@dataclass(frozen=True, slots=True)
class Patient:
    """The patient's sex ("F", "H") and age in years the text states, None where it says none."""

    sexe: str | None = None
    age: int | None = None


def age_du_texte(texte_plie: str) -> int | None:
    """The first age the folded text states as the patient's, in whole years."""
    ages: list[tuple[int, int]] = []
    for m in ANS_RE.finditer(texte_plie):
        avant = re.findall(r"\w+", texte_plie[:m.start()])[-2:]
        if (avant and avant[-1] in DUREE) or avant == ["y", "a"] or BORNES & set(avant) \
                or ENTRE_AVANT.search(texte_plie[:m.start()]) or ENTRE_APRES.match(texte_plie[m.end():]):
            continue
        ages.append((m.start(), int(m.group(1))))
        break
    for m in BEBE_RE.finditer(texte_plie):
        if m.group(1) in ENFANTS:
            ages.append((m.start(), int(m.group(2)) // 12 if m.group(3) == "mois" else 0))
            break
    return min(ages)[1] if ages else None


@lru_cache(maxsize=1)
def _sexes() -> dict[tuple[str, ...], str]:
    """Each relationship form, as folded words, and the sex it implies."""
    out: dict[tuple[str, ...], str] = {}
    for p in charger_proches():
        if p.sexe:
            for forme in p.formes:
                out[tuple(plier(forme).replace("-", " ").split())] = p.sexe
    return out


def sexe_du_texte(texte_plie: str) -> str | None:
    """The sex the first relationship a possessive introduces implies, unless the speaker is the
    patient (a first-person object right after it)."""
    mots = re.findall(r"\w+", texte_plie.replace("-", " "))
    formes = sorted(_sexes().items(), key=lambda f: -len(f[0]))
    for i, mot in enumerate(mots[:-1]):
        if mot not in POSSESSIFS:
            continue
        for forme, sexe in formes:
            j = i + 1 + len(forme)
            if tuple(mots[i + 1:j]) == forme:
                return None if j < len(mots) and mots[j] in MOI else sexe
    return None


@lru_cache(maxsize=4096)
def patient_dit(texte: str) -> Patient:
    """Who the patient is, as the text says it."""
    plie = plier(texte)
    return Patient(sexe_du_texte(plie), age_du_texte(plie))
