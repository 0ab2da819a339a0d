"""Repeated values held once in a loaded offer: a schedule pattern, a site's address, a capacity
record copied from a template repeat across thousands of units. Each decoded value is swapped for
the first equal one seen (they are frozen, so sharing is invisible): the national offer then holds
far fewer objects (bench/bench_load.py measures both ways with --sans-partage).
"""

from __future__ import annotations

from typing import TypeVar

from ..horaires import Horaires
from ..memo import remember
from ..offre import Adresse, Capacite, EntiteGeographique, UniteOperationnelle

V = TypeVar("V", Horaires, Adresse, Capacite)
MAX = 100_000  # distinct values kept per kind (the table restarts beyond it)


class Partage:
    """The values seen during one load; forgotten with the object."""

    def __init__(self) -> None:
        self._seen: dict[type, dict[object, object]] = {Horaires: {}, Adresse: {}, Capacite: {}}

    def _one(self, value: V) -> V:
        seen = self._seen[type(value)]
        kept = seen.get(value)
        if kept is None:
            remember(seen, value, value, MAX)
            return value
        return kept  # type: ignore[return-value]

    def share(self, entity: object) -> None:
        """Swap the entity's repeated parts for shared equal ones (frozen: set through object)."""
        if isinstance(entity, UniteOperationnelle):
            object.__setattr__(entity, "horaires", self._one(entity.horaires))
            if entity.adresse is not None:
                object.__setattr__(entity, "adresse", self._one(entity.adresse))
            if entity.capacites:
                object.__setattr__(entity, "capacites",
                                   tuple([self._one(c) for c in entity.capacites]))
        elif isinstance(entity, EntiteGeographique):
            object.__setattr__(entity, "adresse", self._one(entity.adresse))
