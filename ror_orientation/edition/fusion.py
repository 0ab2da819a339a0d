"""Two versions of a record side by side: their differences down to the nested element, and the
merge a person chooses element by element (the 409 of a stale save, the rebase after an import).

A path names one element: `nom`, `adresse.voie`, `contacts[1].telecoms[0].valeur`,
`horaires.plages[2].fin`, `equipements[0].limites`. Lists of objects (contacts, schedule slots,
equipment, closures) are compared element by element by position; lists of codes (activities,
aptitudes, publics) read as one value, as a person picks them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

Segment = str | int


@dataclass(frozen=True, slots=True)
class Ecart:
    """One element that differs: its path, the value on each side (None: absent there)."""

    chemin: tuple[Segment, ...]
    actuelle: Any
    proposee: Any

    @property
    def texte(self) -> str:
        return chemin_texte(self.chemin)

    def to_dict(self) -> dict[str, Any]:
        return {"chemin": self.texte, "segments": list(self.chemin), "actuelle": self.actuelle,
                "proposee": self.proposee}


def chemin_texte(chemin: tuple[Segment, ...]) -> str:
    out = ""
    for s in chemin:
        out += f"[{s}]" if isinstance(s, int) else (f".{s}" if out else s)
    return out


def vide(v: Any) -> bool:
    """Absent, null, empty and an unticked box read the same (the form omits them)."""
    return v is None or v == "" or v is False or v == [] or v == {}


def _objets(v: Any) -> bool:
    return isinstance(v, list) and any(isinstance(x, dict) for x in v)


def ecarts(actuelle: Any, proposee: Any, chemin: tuple[Segment, ...] = ()) -> list[Ecart]:
    """Every element that differs between the two, at the deepest level that still reads alone."""
    if vide(actuelle) and vide(proposee):
        return []
    if isinstance(actuelle, dict) and isinstance(proposee, dict):
        out: list[Ecart] = []
        for k in sorted(set(actuelle) | set(proposee)):
            out += ecarts(actuelle.get(k), proposee.get(k), (*chemin, k))
        return out
    if (_objets(actuelle) or _objets(proposee)) and isinstance(actuelle or [], list) and \
            isinstance(proposee or [], list):
        a, p = actuelle or [], proposee or []
        out = []
        for i in range(max(len(a), len(p))):
            out += ecarts(a[i] if i < len(a) else None, p[i] if i < len(p) else None, (*chemin, i))
        return out
    if _normal(actuelle) == _normal(proposee):
        return []
    return [Ecart(chemin, None if vide(actuelle) else actuelle,
                  None if vide(proposee) else proposee)]


def _normal(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _normal(x) for k, x in sorted(v.items()) if not vide(x)}
    if isinstance(v, list):
        return [_normal(x) for x in v]
    return None if vide(v) else v


def fusionner(actuelle: dict[str, Any], proposee: dict[str, Any],
              miennes: set[tuple[Segment, ...]]) -> dict[str, Any]:
    """The stored version with the proposed value taken at each path of `miennes` (a list element
    the proposal lacks is removed, one it adds is appended)."""
    out = copy.deepcopy(actuelle)
    retraits: list[tuple[Segment, ...]] = []
    for e in ecarts(actuelle, proposee):
        if e.chemin not in miennes:
            continue
        if e.proposee is None and isinstance(e.chemin[-1], int):
            retraits.append(e.chemin)
        else:
            _poser(out, e.chemin, copy.deepcopy(e.proposee))
    for chemin in sorted(retraits, key=lambda c: c[-1], reverse=True):  # last first: indices hold
        parent = _aller(out, chemin[:-1])
        if isinstance(parent, list) and chemin[-1] < len(parent):  # type: ignore[operator]
            del parent[chemin[-1]]  # type: ignore[arg-type]
    return out


def _aller(racine: Any, chemin: tuple[Segment, ...]) -> Any:
    for s in chemin:
        racine = racine[s] if isinstance(s, int) else racine.get(s)
    return racine


def _poser(racine: Any, chemin: tuple[Segment, ...], valeur: Any) -> None:
    node = racine
    for s, suivant in zip(chemin, chemin[1:], strict=False):
        vide_suivant: Any = [] if isinstance(suivant, int) else {}
        if isinstance(s, int):
            while len(node) <= s:
                node.append(vide_suivant)
            if node[s] is None:
                node[s] = vide_suivant
            node = node[s]
        else:
            if not isinstance(node.get(s), (dict, list)):
                node[s] = vide_suivant
            node = node[s]
    last = chemin[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
        node[last] = valeur
    elif valeur is None:
        node.pop(last, None)
    else:
        node[last] = valeur
