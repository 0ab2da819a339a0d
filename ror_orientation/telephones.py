"""The number a caller should dial for a unit: a regulator gets the direct regulation line first, then
the unit's care line, then the secretariat; everyone gets only the numbers their rights show
(`droits.contacts_visibles`: the contact's level and the telecom's), never an empty one, formatted the French way ("02 99 28 43 21").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .droits import Appelant, confidentialites_visibles, filtrer_contacts
from .memo import remember
from .offre import Canal, Confidentialite, Contact, UniteOperationnelle


@dataclass(frozen=True, slots=True)
class Numero:
    numero: str  # formatted for reading aloud and dialling
    fonction: str | None  # the contact's role ("Ligne directe régulation", "Secrétariat"...)


@lru_cache(maxsize=65_536)  # pure, and each result line asks again: numbers are few
def formate(valeur: str) -> str:
    """"0299284321" → "02 99 28 43 21"; "+33 2 99..." → "02 99 ..."; other shapes kept as given."""
    digits = "".join(ch for ch in valeur if ch.isdigit())
    if valeur.strip().startswith("+33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    return valeur.strip()


def rang(contact: Contact) -> int:
    """0 regulation line, 1 care line, 2 secretariat / reception, 3 anything else."""
    texte = f"{contact.fonction or ''} {contact.nature or ''}".lower()
    if "régulation" in texte or "regulation" in texte:
        return 0
    if contact.nature == "soignant" or "garde" in texte or "cadre" in texte:
        return 1
    if contact.nature == "administratif" or "secr" in texte or "accueil" in texte:
        return 2
    return 3


# unit (by identity: units are frozen, an update makes a new object) → (the unit, the levels seen,
# its number): every answer line asks, and the answer depends on those two only
_MEMO: dict[int, tuple[UniteOperationnelle, frozenset[Confidentialite], Numero | None]] = {}
_MEMO_MAX = 4096  # as many as the unit records a worker keeps (store/fiches.py `CACHE`)


def a_appeler(appelant: Appelant, uo: UniteOperationnelle) -> Numero | None:
    """The best visible, non-empty phone number of the unit for this caller (fixed before mobile
    within one contact's rank), or None."""
    niveaux = confidentialites_visibles(appelant, uo.eg_id)
    hit = _MEMO.get(id(uo))
    if hit is not None and hit[0] is uo and hit[1] == niveaux:
        return hit[2]
    found = _a_appeler(appelant, uo)
    remember(_MEMO, id(uo), (uo, niveaux, found), _MEMO_MAX)
    return found


def _a_appeler(appelant: Appelant, uo: UniteOperationnelle) -> Numero | None:
    best: tuple[int, int, int] | None = None
    found: Numero | None = None
    # the contacts as the caller may see them: a confidential contact hides even its public phone
    for i, c in enumerate(filtrer_contacts(appelant, uo.eg_id, uo.contacts)):
        for t in c.telecoms:
            if t.canal not in (Canal.TELEPHONE, Canal.MOBILE):
                continue
            if not any(ch.isdigit() for ch in t.valeur):
                continue
            key = (rang(c), 0 if t.canal == Canal.TELEPHONE else 1, i)
            if best is None or key < best:
                best, found = key, Numero(formate(t.valeur), c.fonction)
    return found
