"""The audit journal: which fields a save changed (old → new), and its exports (CSV, JSON).

Fields are compared on the plain JSON: nested objects by dotted path (`adresse.voie`,
`horaires.permanent`), lists as one value (a list of codes or contacts reads better whole).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import orjson

from ..store.edition import Entree, LigneJournal


def aplatir(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record as dotted paths to its leaves (lists stay whole)."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict) and v:
            out.update(aplatir(v, name + "."))
        else:
            out[name] = v
    return out


def differences(ancien: dict[str, Any] | None, nouveau: dict[str, Any]) -> list[Entree]:
    """One `modification` entry per field whose value differs (absent and None read the same)."""
    a, n = aplatir(ancien or {}), aplatir(nouveau)
    out = []
    for champ in sorted(set(a) | set(n)):
        va, vn = a.get(champ), n.get(champ)
        if va in ([], {}):
            va = None
        if vn in ([], {}):
            vn = None
        if va != vn:
            out.append(Entree("modification", champ, va, vn))
    return out


COLONNES = ("n", "quand", "auteur", "personne", "kind", "id", "version", "action", "champ", "ancien", "nouveau",
            "commentaire")


def _texte(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return orjson.dumps(v).decode()


def en_csv(lignes: Iterable[LigneJournal]) -> str:
    """The journal as CSV (UTF-8, comma, one row per field changed or workflow step)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLONNES)
    for ligne in lignes:
        d = ligne.to_dict()
        w.writerow([_texte(d[c]) for c in COLONNES])
    return buf.getvalue()
