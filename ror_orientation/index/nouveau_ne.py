""""Nouveau" is new, not a newborn, unless "né" follows it: "un nouveau médecin traitant", "qui prend
de nouveaux patients". The analyser drops "né" (folded, the stop word "ne"), so "nouveau-né" is
kept under "nouveau" alone and every "nouveau" typed read as neonatology. The masculine adjective
is set aside where no "né" follows it (the feminine has a stem of its own: "nouvelles
technologies" is a label's).
"""

from __future__ import annotations

import re

from .analyse import Mot, aligne

ADJECTIFS = frozenset(("nouveau", "nouveaux"))
# "-né", " nés", "-née(s)" right after it (folded text)
NE_RE = re.compile(r"[\s-]*nee?s?\b")


def nouveaux(text: str, mots: list[Mot]) -> tuple[list[Mot], list[Mot]]:
    """`mots` without the adjective "nouveau" where it says new, set aside (returned second)."""
    if not any(m.plie in ADJECTIFS for m in mots):
        return mots, []
    plie = aligne(text)
    ecartes = [m for m in mots if m.plie in ADJECTIFS and not NE_RE.match(plie, m.end)]
    return [m for m in mots if m not in ecartes], ecartes
