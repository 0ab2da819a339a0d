"""Establishments populate their offer: working copies, drafts that cannot be lost, the validation
circuit, the audit journal and live help, over the store's editing tables (`store/edition.py`).

Nothing here reaches search before `Saisie.publier` writes it into the offer's own tables.
"""

from .circuit import Action, Etat
from .fiche import KINDS, Fiche
from .saisie import Saisie

__all__ = ["KINDS", "Action", "Etat", "Fiche", "Saisie"]
