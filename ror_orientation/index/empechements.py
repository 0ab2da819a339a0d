"""What the text says cannot happen ("retour à domicile impossible", "maintien à domicile pas
possible"): the reason a place is asked, not a need. Read as one, "retour à domicile" required a
post-natal home follow-up beside the temporary stay asked, and no unit was both.
"""

from __future__ import annotations

import re

from .analyse import plier
from .groupe import Groupe

# Right after the words (folded text, apostrophes as spaces): they cannot happen.
EMPECHE_RE = re.compile(
    r"^[\s,;:.-]*(?:impossibles?|(?:n\s+)?(?:est|sont|etait|semble|parait)?\s*(?:pas|plus|plus du tout)\s+possibles?)\b")


def empeches(texte: str, groupes: list[Groupe]) -> list[Groupe]:
    """`groupes` without the needs the text says cannot happen, when another need stays required."""
    plie = plier(texte)
    if "possible" not in plie:
        return groupes
    nies = [g for g in groupes if not g.souple and g.matches
            and EMPECHE_RE.match(plier(texte[g.end:]).replace("'", " ").replace("’", " "))]
    if not nies or not any(not g.souple and g.matches and g not in nies for g in groupes):
        return groupes
    return [g for g in groupes if g not in nies]
