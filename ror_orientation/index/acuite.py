"""Who reads a text as an acute need: the regulator always; the mobile app's user (a physician on
the move, a family member's words) when the text says one; a downstream coordinator never.

The regulator's every need is acute: its reading puts the acute units first and its search
leaves out rehabilitation, long stay, the medico-social sector and remote or mobile teams. The
app's user types anything — "mon bébé a de la fièvre et ne boit plus", "fracture du poignet",
"EHPAD Alzheimer", "holter ECG" — so the text decides: words of a threat to life read the acute
units first as the regulator's do (`lecture_aigue`), and a reading led by acute care is searched
as the regulator's (`besoin_aigu`); an event after a cause marker reads its aftercare, as the
coordinator's (`suites_lues`). A family's description of a complaint is not lifted to the
emergency units as a call to the 15 is ("mon fils boit beaucoup et fume du cannabis" asks where
to consult): it keeps its routes' order, the acute units they name stay in the answer, and being
open now ranks them among the units of the same reading. Profiles are known here by name (the
index sits below the request model).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

REGULATEUR = "samu"
COORDINATEUR = "aval"
APPLI = "mobile"
# A concept this close to its need's best score is among the need's first readings ("AVC": the
# thrombolysis, the neurovascular emergencies and intensive care, all at one score); the paediatric
# emergencies a child's complaint adds just below its best concept are not.
PREMIERS = 0.95


def lecture_aigue(profil: str | None) -> bool:
    """Whether words saying a diagnosis threatens life now ("coma", "choc", "nécrosante") read
    the acute units first in this profile: the regulator's and the app's (such words are an
    acute need whoever types them)."""
    return profil in (REGULATEUR, APPLI)


def suites_lues(profil: str | None) -> bool:
    """Whether a text whose one need is an event named after a cause marker ("il ne peut pas
    rentrer chez lui après son attaque cérébrale") reads its aftercare (`suites.py`): the
    coordinator's and the app's — the event is past; a call to the 15 is about now."""
    return profil in (COORDINATEUR, APPLI)


def besoin_aigu(profil: str, groupes: Sequence[Sequence[tuple[str, float]]], souples: Sequence[bool],
                urgent: Callable[[str], bool]) -> bool:
    """Whether the search leaves out the deferred care (rehabilitation, long stay, medico-social,
    remote and mobile teams) whatever they meet of the text: always for the regulator; for the
    app's user when some need of the text reads acute care among its first concepts (`urgent`:
    an emergency department, intensive care) — "AVC", "urgences main", "réanimation", a diagnosis
    threatening life. `groupes`: the reading's needs, each its (concept, score); `souples`: per
    need, whether it only says who the patient is."""
    if profil == REGULATEUR:
        return True
    if profil != APPLI:
        return False
    for i, g in enumerate(groupes):
        if not g or (i < len(souples) and souples[i]):
            continue
        top = max(s for _, s in g)
        if any(s >= PREMIERS * top and urgent(c) for c, s in g):
            return True
    return False
