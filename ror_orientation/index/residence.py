"""Where the patient lives, said as such ("un résident d'EHPAD", "une pensionnaire de MAS", "il vit
en foyer de vie"): the place is the patient's home, not the care asked, so it only ranks; a
mobile team asked for that patient, or asked "à domicile", is one going out of the hospital.

"équipe mobile de soins palliatifs pour un résident d'EHPAD" asks for the palliative mobile team
that goes to the EHPAD: read as a second need, the EHPAD required a unit both mobile team and
EHPAD, which none is (a unit has one type of offer). The word saying so is no need either
("résident" is no general medicine, whatever a CIM-10 label of institution residents maps to).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .analyse import WORD_RE, plier
from .groupe import Groupe

# The words saying the patient lives somewhere (folded).
RESIDE = ("residents? residentes? residant residante pensionnaires? vit vivent vivant vivante habite "
          "habitent").split()
# Such a word, then what may stand before the place ("résident d'un", "vit dans une", "pensionnaire
# du"), up to where the place's words start (folded text, apostrophes as spaces).
RESIDE_RE = re.compile(
    r"\b(?:" + "|".join(RESIDE) + r")\s+(?:(?:en|dans|a|au|aux|d|de|du|des|un|une|l|la|le|les|son|sa|ses"
    r"|leur)\s+)*$")
# The text says the patient is at home ("à domicile", "chez elle"), folded.
DOMICILE_RE = re.compile(r"\bdomicile\b|\bchez (?:elle|lui|soi|eux|elles|moi|nous|vous|toi)\b")
INTRA, EXTRA = "intra-hospitalier", "extra"  # mobile teams' ways of receiving (TRE_R213: "extra et intra-…")
MOT_RE = re.compile(r"^(?:" + "|".join(RESIDE) + r")$")


def chez_soi(texte: str, groupes: list[Groupe]) -> list[Groupe]:
    """`groupes` with a place named as where the patient lives made soft (it ranks) and the
    words saying so read as no need, when some other need stays required beside it."""
    domicile = [g for g in groupes if not g.souple and g.matches
                and RESIDE_RE.search(plier(texte[:g.start]).replace("'", " ").replace("’", " "))]
    if not domicile:
        # (a mobile team asked "à domicile" is one going out, as for a resident)
        return [_hors_hopital(g) for g in groupes] if DOMICILE_RE.search(plier(texte)) else groupes
    dits = [g for g in groupes if g not in domicile and all(
        MOT_RE.match(plier(w)) for w in WORD_RE.findall(g.texte))]
    if not any(not g.souple and g.matches and g not in domicile and g not in dits for g in groupes):
        return groupes
    return [replace(g, souple=True) if g in domicile else _hors_hopital(g) for g in groupes if g not in dits]


def _hors_hopital(g: Groupe) -> Groupe:
    """A patient living at home or in an institution is not in hospital: a mobile team asked for
    them is one going out ("extra-hospitalière"), never one seeing inpatients only."""
    dedans = [m for m in g.matches if INTRA in plier(m.label) and EXTRA not in plier(m.label)]
    if not dedans or not any(EXTRA in plier(m.label) for m in g.matches):
        return g
    return replace(g, matches=tuple(m for m in g.matches if m not in dedans),
                   total=g.total - len(dedans))
