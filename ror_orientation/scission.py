"""Splitting a unit recorded with several activités opérationnelles into one unit per activity.

Before the national model's cardinalities (ME 3.0, ROR IG `specialty[operationalActivity]` 1..1),
a unit carried a list `activites`. Stores and JSON-lines exports of that time are read through this
one rule, so that the store migration (revision 0006) and the importer split the same way:

- the first activity keeps the unit: its id, name, capacities, places, identifiers, sync id;
- each further activity becomes a unit of its own, id `<id>-<code>`, name `<name> - <label>`,
  with everything else of the unit (site, organisation, mode, patientèle, schedule, contacts,
  aptitudes, equipment) but no capacity records (the beds are declared once, on the first unit),
  no national identifiers and no sync id (they name the original unit only);
- a professional's practice in the unit for one of the further activities moves to its unit.

Works on the plain JSON form of a unit (a dict), the form rows and lines are stored in.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Scission:
    """A unit split: its id, its activities, and the ids of the units made for each activity."""

    uo_id: str
    activites: list[str]
    ids: list[str] = field(default_factory=list)

    def texte(self) -> str:
        return (f"uo {self.uo_id}: {len(self.activites)} activités opérationnelles "
                f"({', '.join(self.activites)}): split into one unit per activity "
                f"({', '.join(self.ids)}); capacities stay with {self.uo_id}")


def id_scinde(uo_id: str, activite: str) -> str:
    """The id of the unit made for a further activity of unit `uo_id`."""
    return f"{uo_id}-{activite}"


def scinder(data: dict[str, Any], libelle: Callable[[str], str] = str
            ) -> tuple[list[dict[str, Any]], Scission | None]:
    """A unit's plain form → the units of the current model, and the split made (None when the
    unit had at most one activity, or is already of the current model). `libelle` names an
    activity code in the further units' names. A unit without any activity comes back with an
    empty `activite`, for validation to refuse naming the field."""
    if "activites" not in data:
        return [data], None
    out = dict(data)
    activites = list(dict.fromkeys(a for a in out.pop("activites") or [] if isinstance(a, str)))
    out["activite"] = activites[0] if activites else ""
    if len(activites) <= 1:
        return [out], None
    uo_id = str(out.get("id"))
    split = Scission(uo_id, activites, [uo_id])
    units = [out]
    for code in activites[1:]:
        other = copy.deepcopy(out)
        other.update(id=id_scinde(uo_id, code), activite=code, capacites=[], identifiants=[],
                     id_externe_synchro=None, nom=f"{out.get('nom') or ''} - {libelle(code)}")
        other["lieux"] = [{**lieu, "capacites": []} for lieu in other.get("lieux") or []]
        units.append(other)
        split.ids.append(other["id"])
    return units, split


def repointer(professionnel: dict[str, Any], vers: dict[tuple[str, str], str]) -> bool:
    """Move a professional's practices to the units made for their activity; `vers` maps (unit id,
    activity) to the unit made for it. True when one moved."""
    moved = False
    for ex in professionnel.get("exercices") or []:
        target = vers.get((ex.get("uo_id"), ex.get("activite")))
        if target is not None:
            ex["uo_id"] = target
            moved = True
    return moved


def cibles(split: Scission) -> dict[tuple[str, str], str]:
    """(unit id, activity) → the unit made for that activity, for `repointer`."""
    return {(split.uo_id, code): id_scinde(split.uo_id, code) for code in split.activites[1:]}
