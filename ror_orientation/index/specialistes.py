"""Specialists named for their speciality ("urologue", "généticien", "néonatologiste",
"radiothérapeute"): the ROR labels write the speciality ("Urologie", "Génétique médicale"), French
derives the doctor's name from it by a suffix, and the stemmer keeps the two apart ("urologu" /
"urolog"), so the name read nothing or was taken for a typo of another word ("hématologue" →
toxicology). Folded forms."""

from __future__ import annotations

# (the doctor's suffix, the speciality's), longest first
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("logistes", "logie"), ("logiste", "logie"), ("logues", "logie"), ("logue", "logie"),
    ("iciennes", "ique"), ("icienne", "ique"), ("iciens", "ique"), ("icien", "ique"),
    ("therapeutes", "therapie"), ("therapeute", "therapie"),
)
# Words of the same shape naming no speciality ("praticien" is any doctor).
AUTRES = frozenset("praticien praticiens praticienne praticiennes technicien techniciens technicienne "
                   "techniciennes physicien physiciens musicien musiciens".split())
RACINE_MIN = 3  # letters before the suffix ("uro" of "urologue")


def specialite(plie: str) -> str | None:
    """The folded speciality word a folded specialist's name derives from, None if it is none."""
    if plie in AUTRES:
        return None
    for suffixe, nom in SUFFIXES:
        if plie.endswith(suffixe) and len(plie) - len(suffixe) >= RACINE_MIN:
            return plie[: -len(suffixe)] + nom
    return None
