"""Permanent specialised care: the ROR acts "Prise en charge spécialisée et permanente (dont
PDSES) en …" say a speciality takes its patients at any hour (the hospital's permanence des soins).

A clinical route naming one ahead of the emergency and intensive care units ("T58 monoxyde de
carbone": hyperbaric medicine, its permanent care, then intensive care) says its leading care is
already the acute one: the lay reading for a regulator (`profane.urgences_d_abord`) keeps the
route's order instead of lifting the emergency and intensive care units above it.
"""

from __future__ import annotations

from collections.abc import Callable

from .analyse import plier
from .groupe import Groupe

PDSES = "prise en charge specialisee et permanente"  # folded start of those acts' labels


def permanente(libelle: str) -> bool:
    """Whether an act's label names a speciality's permanent care (folded comparison)."""
    return plier(libelle).startswith(PDSES)


def route_permanente(g: Groupe, libelle: Callable[[str], str], urgent: Callable[[str], bool]) -> bool:
    """Whether the group's reading names a permanent specialised care act before any acute unit
    (`urgent`): the route puts that speciality's permanent care ahead of the emergency and
    intensive care ("T58": hyperbaric medicine, then intensive care), where a route naming the
    emergency first ("laryngite": ORL, its emergency, then its permanent care) is lifted as before.
    `libelle`: a concept's label."""
    for m in g.matches:
        if urgent(m.concept):
            return False
        if m.concept.startswith("R210:") and permanente(libelle(m.concept)):
            return True
    return False
