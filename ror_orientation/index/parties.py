"""A part of a place, named after "avec" beside it ("un EHPAD avec unité fermée", "une MAS avec
balnéothérapie"): what the place asked should have, not a second place. Read as a second kind of
place, it required a unit of two types of offer, which none is (one type per unit); it ranks the
places of the first kind instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .analyse import plier
from .groupe import Groupe

# "avec", then what may stand before the part's words (folded text, apostrophes as spaces).
AVEC_RE = re.compile(r"\bavec\s+(?:(?:un|une|des|d|de|du|la|le|l|les|son|sa|ses|leur|leurs)\s+)*$")


def parties(texte: str, groupes: list[Groupe], lieu: Callable[[Groupe], bool]) -> list[Groupe]:
    """`groupes` with a kind of place (`lieu`) named after "avec" made soft, when a kind of place
    sharing none of its concepts is required before it."""
    out: list[Groupe] = []
    for g in groupes:
        if lieu(g) and AVEC_RE.search(plier(texte[:g.start]).replace("'", " ").replace("’", " ")) \
                and any(lieu(p) and p.end <= g.start and not set(p.concepts) & set(g.concepts)
                        for p in out):
            g = replace(g, souple=True)
        out.append(g)
    return out
