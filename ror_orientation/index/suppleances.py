"""Life support under way: a treatment that stands in for a failing vital function says the patient
needs intensive care, whatever the disease ("EP grave sous NAD", "pneumopathie intubée ventilée").

The clinical context (`contexte.py`) sets "sous AOD", "sous O2" aside as how the patient is. Most
treatments say nothing of the care level; a vasopressor (noradrénaline, adrénaline, dobutamine:
the circulation fails, a state of shock) or invasive ventilation (intubation, ventilation
mécanique: breathing fails) does: only intensive care and the resuscitation rooms give them, as
"état de choc" says (`VITAL` in concepts.py). Oxygen, non-invasive ventilation, anticoagulants do
not. Folded forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .analyse import plier

# Vasopressors and inotropes given with a syringe pump (folded, as typed after "sous").
AMINES = ("nad", "noradrenaline", "noradre", "nora", "adrenaline", "amines", "vasopresseurs",
          "catecholamines", "dobutamine", "dobu")
# Invasive ventilation ("vm": ventilation mécanique).
VENTILATION = ("vm", "ventilation mecanique")
_SUPPLEANCE = "|".join(re.escape(t) for t in sorted(AMINES + VENTILATION, key=len, reverse=True))
_SOUS_RE = re.compile(rf"^sous\s+(?:{_SUPPLEANCE})(?!\w)")
# an intubated patient ("intubé ventilé", "IOT/VM"), however the context span writes it
_INTUBE_RE = re.compile(r"^(?:intubee?s?|iot)(?!\w)")


def suppleances(contexte: Iterable[tuple[str, str]]) -> list[str]:
    """The spans of treatments under way (`contexte.ecarter`: kind `traitement`) that stand in for a
    failing circulation or breathing, as typed."""
    return [s for genre, s in contexte if genre == "traitement"
            and (_SOUS_RE.match(plier(s)) or _INTUBE_RE.match(plier(s)))]
