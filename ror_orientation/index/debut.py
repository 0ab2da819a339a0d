"""Onset: words saying a sign has just begun ("hémiplégie brutale", "aphasie depuis une heure",
"paralysie du bras au réveil"), the acute phase a regulator takes now.

The CIM-10 FR codes that phase apart: ATIH's "récente" extensions of a sign (G81.00-G81.01
hemiplegia, R47.00-R47.01 aphasia: the deficit of an acute stroke, kept or regressing within 24 h)
beside its unspecified and spastic forms, the installed deficit rehabilitation takes. A sign typed
with its onset reads its recent codes (`Terminologie.lire`, `recent`); a text saying the complaint
lasts (`profane.chronique`) has no onset.
"""

from __future__ import annotations

import re

from .profane import chronique

# Folded text: "brutal(e)(s)", "soudain(e)(s)", "brusque(s)" and their adverbs, "d'un coup", "tout
# à coup", "depuis une heure / 20 minutes / ce matin", "il y a 2 heures", "au réveil".
DEBUT_RE = re.compile(
    r"\b(?:brutal|brutale|brutales|brutaux|brutalement|soudain|soudaine|soudains|soudaines|soudainement"
    r"|brusque|brusques|brusquement)\b"
    r"|\bd un coup\b|\btout a coup\b|\bau reveil\b"
    r"|\b(?:depuis|il y a) (?:une|un|deux|trois|quatre|\d+) ?(?:h|heures?|min|minutes?)\b"
    r"|\bdepuis (?:ce matin|cette nuit|son reveil|le reveil|tout a l heure)\b")


def recent(texte_plie: str) -> bool:
    """Whether the folded text says its sign has just begun (and not that it lasts)."""
    return DEBUT_RE.search(texte_plie.replace("'", " ")) is not None and not chronique(texte_plie)
