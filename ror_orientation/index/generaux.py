"""The general kind of a specific place or activity, read from the labels: "Hébergement temporaire
d'urgence" for "Hébergement temporaire d'urgence en sortie d'hospitalisation" (TRE_R211 392 / 393),
and the type of offer "Hébergement Temporaire d'urgence (dont HT-SH)" (TRE_R244 258).

A variant no unit declares is met by the units of its general kind: the ROR's establishments often
declare the general activity for the variant they run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .analyse import plier
from .espaces import Concept

# Where a variant may be named (the activity, the type of offer): what a place does or is.
ESPACES = ("R211", "R244")
ENTRE_CROCHETS = re.compile(r"\([^()]*\)")
MIN_MOTS = 2  # a general kind is named by this many words at least ("Hébergement temporaire")


def _mots(libelle: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", plier(ENTRE_CROCHETS.sub(" ", libelle))))


def generaux(concepts: Iterable[Concept]) -> dict[str, tuple[str, ...]]:
    """Each active concept of `ESPACES` whose label goes on from another's whole label → those
    general kinds, the longest (closest) first, a type of offer before an activity."""
    actifs = [c for c in concepts if c.actif and c.espace in ESPACES]
    par_mots: dict[tuple[str, ...], list[str]] = {}
    for c in actifs:
        mots = _mots(c.libelle)
        if len(mots) >= MIN_MOTS:
            par_mots.setdefault(mots, []).append(c.id)
    out: dict[str, tuple[str, ...]] = {}
    for c in actifs:
        mots = _mots(c.libelle)
        # (of one label, the type of offer first: it says what the unit is, where the activity is
        # also that of other kinds — "Hébergement temporaire d'urgence" of the social shelters)
        found = [g for n in range(len(mots) - 1, MIN_MOTS - 1, -1)
                 for g in sorted(par_mots.get(mots[:n], ()), key=lambda x: x.split(":", 1)[0] != "R244")]
        if found:
            out[c.id] = tuple(found)
    return out
