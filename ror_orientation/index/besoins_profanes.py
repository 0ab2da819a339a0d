"""The destinations of lay needs no ROR label or terminology route names as a whole (a mother's
distress after a birth, a teenager who stops eating): `terminologie/besoins_profanes.csv`, one row
per need, its concepts most fitting first, with the text that says so."""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection
from functools import cache

from ..paths import fixtures_dir
from .groupe import ConceptMatch, Via

RANG = 0.02  # the n-th concept of a row fits a little less than the first


@cache
def besoins_profanes() -> dict[str, tuple[str, ...]]:
    """A lay need's key → its concepts (TRE_R211, TRE_R244, TRE_R245...), most fitting first."""
    with (fixtures_dir() / "terminologie" / "besoins_profanes.csv").open(encoding="utf-8", newline="") as fh:
        return {r["besoin"]: tuple(r["concepts"].split()) for r in csv.DictReader(fh)}


def destinations(besoin: str, best: ConceptMatch, match: Callable[[str, float, Via], ConceptMatch | None],
                 sauf: Collection[str] = ()) -> tuple[ConceptMatch, ...]:
    """A lay need's row read as the words that told it were (`best`: their first match, its score
    and how it was read), each concept a little below the one before; `match` builds a concept's
    match, `sauf`: concepts the reading holds already."""
    return tuple(m for k, c in enumerate(besoins_profanes()[besoin])
                 if c not in sauf and (m := match(c, best.score * (1 - k * RANG), best.via)) is not None)
