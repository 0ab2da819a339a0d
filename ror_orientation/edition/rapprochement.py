"""Import meets editing: a file import never silently overwrites a field edited by hand since the
record's last import. The hand value is kept, and the import report lists each such conflict.

Only published hand edits are at stake (a working copy is not touched by an import and publishes its
own values later). A field is the journal's dotted path (`adresse.voie`, `activites`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..offre import Offre
from ..serialisation import from_plain
from ..store import Store
from ..store.edition import EditionStore, publie
from .fiche import plain

_BUCKETS = (("ej", "ej"), ("eg", "eg"), ("oi", "oi"), ("uo", "uo"))


@dataclass(frozen=True, slots=True)
class ConflitImport:
    kind: str
    id: str
    champ: str
    saisi: Any  # the value edited by hand (kept)
    importe: Any  # the file's value (not applied)
    saisi_le: datetime
    auteur: str

    def texte(self) -> str:
        return (f"{self.kind} {self.id}: {self.champ} edited by hand on "
                f"{self.saisi_le.date().isoformat()} by {self.auteur.split('#')[0]}; kept "
                f"{self.saisi!r}, file value {self.importe!r} not applied")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "champ": self.champ, "saisi": self.saisi,
                "importe": self.importe, "saisi_le": self.saisi_le.isoformat(),
                "auteur": self.auteur}


def _lire(data: dict[str, Any], chemin: str) -> Any:
    v: Any = data
    for part in chemin.split("."):
        if not isinstance(v, dict):
            return None
        v = v.get(part)
    return None if v in ([], {}) else v


def _ecrire(data: dict[str, Any], chemin: str, valeur: Any) -> None:
    parts = chemin.split(".")
    d = data
    for part in parts[:-1]:
        if not isinstance(d.get(part), dict):
            d[part] = {}
        d = d[part]
    if valeur is None:
        d.pop(parts[-1], None)
    else:
        d[parts[-1]] = valeur


def proteger_saisies(store: Store, offre: Offre) -> list[ConflitImport]:
    """Put back into `offre` (before it is stored) every published hand edit the file would
    overwrite; returns the conflicts, one per field."""
    sql = EditionStore(store)
    conflits: list[ConflitImport] = []
    for kind, attr in _BUCKETS:
        bucket = getattr(offre, attr)
        if not bucket:
            continue
        saisies = sql.saisies_publiees(kind, bucket.keys())
        for id_, champs in saisies.items():
            actuel = publie(store, kind, id_)
            if actuel is None:
                continue
            entrant = plain(bucket[id_])
            change = False
            for champ, (quand, auteur) in champs.items():
                saisi, importe = _lire(actuel, champ), _lire(entrant, champ)
                if saisi != importe:
                    _ecrire(entrant, champ, saisi)
                    conflits.append(ConflitImport(kind, id_, champ, saisi, importe, quand, auteur))
                    change = True
            if change:
                bucket[id_] = from_plain(type(bucket[id_]), entrant)
    return conflits


def noter_import(store: Store, offre: Offre, source: str) -> None:
    """After the import is stored: hand edits before now are no longer "after the last import"."""
    sql = EditionStore(store)
    quand = datetime.now(UTC)
    for kind, attr in _BUCKETS:
        bucket = getattr(offre, attr)
        if bucket:
            sql.noter_import(kind, bucket.keys(), quand, source)
