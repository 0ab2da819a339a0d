"""Import meets editing: a file import never silently overwrites a field edited by hand since the
record's last import. The hand value is kept, and the import report lists each such conflict.

Published hand edits are protected before the file is stored (`proteger_saisies`). A working copy
still pending (brouillon, à valider, validé) is rebased onto the imported record after it is stored
(`rebaser_copies`): the fields the person changed keep the person's value (a conflict when the file
changed them too), the others take the file's value, so its publication does not silently put back
what the file replaced. A field is the journal's dotted path (`adresse.voie`, `activite`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..offre import Offre
from ..serialisation import from_plain
from ..store import Store
from ..store.edition import EditionStore, Entree, LigneFiche, publie
from .fiche import PROTEGES, parent_de, plain
from .journal import aplatir

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


@dataclass(frozen=True, slots=True)
class CopieEnAttente:
    """A working copy pending when an import arrives, with the published record it started from."""

    fiche: LigneFiche
    base: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rebase:
    """What an import did to one pending working copy."""

    kind: str
    id: str
    repris: list[str]  # fields that took the file's value
    conflits: list[ConflitImport]  # fields the person changed that the file changed too

    def texte(self) -> str:
        champs = ", ".join(c.champ for c in self.conflits)
        return (f"{self.kind} {self.id}: working copy rebased onto the file ({len(self.repris)} "
                f"field(s) taken from it)" + (f"; kept the hand value of {champs}" if champs else ""))


def copies_en_attente(store: Store, offre: Offre) -> list[CopieEnAttente]:
    """Before the import is stored: the pending working copies of the records it carries."""
    sql = EditionStore(store)
    out = []
    for kind, attr in _BUCKETS:
        bucket = getattr(offre, attr)
        if not bucket:
            continue
        for ligne in sql.fiches(kind=kind, ids=bucket.keys()):
            if ligne.etat == "publie":
                continue
            out.append(CopieEnAttente(ligne, publie(store, kind, ligne.id) or {}))
    return out


def _a_garder(kind: str, champ: str) -> bool:
    """Identity and bed figures are not the import's to rebase (they follow their own flow)."""
    return champ.split(".")[0] in PROTEGES[kind]


def rebaser_copies(store: Store, copies: list[CopieEnAttente], source: str) -> list[Rebase]:
    """After the import is stored: each pending working copy takes the file's values except where
    the person changed the field (kept, reported as a conflict when the file changed it too). A copy
    with a conflict goes back to brouillon with a comment, so a person looks again before it is
    validated; each field taken is journaled as an `import` line, each conflict as `conflit_import`."""
    sql = EditionStore(store)
    quand = datetime.now(UTC)
    out = []
    for c in copies:
        f = c.fiche
        importe = publie(store, f.kind, f.id)
        if importe is None:
            continue
        base, mienne, fichier = aplatir(c.base), aplatir(f.data), aplatir(importe)
        rebase = dict(mienne)
        repris, conflits, entrees = [], [], []
        for champ in sorted(set(base) | set(mienne) | set(fichier)):
            if _a_garder(f.kind, champ):
                continue
            vb, vm, vf = (_vide(d.get(champ)) for d in (base, mienne, fichier))
            if vf == vb or vf == vm:
                continue  # the file changed nothing here, or agrees with the person
            if vm == vb:  # untouched by the person: the file's value
                _poser(rebase, champ, vf)
                repris.append(champ)
                entrees.append(Entree("import", champ, vm, vf, source))
            else:
                conflits.append(ConflitImport(f.kind, f.id, champ, vm, vf, f.modifie_le,
                                              f.modifie_par))
                entrees.append(Entree("conflit_import", champ, vm, vf,
                                      f"{source}: valeur saisie gardée, valeur du fichier non reprise"))
        if not entrees:
            continue
        data = _deplier(rebase)
        values: dict[str, Any] = {"data": data, "parent_id": parent_de(f.kind, data),
                                  "modifie_par": f"import {source}"[:160], "modifie_le": quand}
        if conflits:
            values |= {"etat": "brouillon", "valide_par": None, "valide_le": None,
                       "soumis_par": None, "soumis_le": None,
                       "retour": (f"Import {source} du {quand.date().isoformat()} : valeur saisie "
                                  f"gardée pour {', '.join(x.champ for x in conflits)} (le fichier "
                                  "dit autre chose) ; vérifiez avant de soumettre.")}
        with store.transaction() as conn:
            if not sql.remplacer(conn, f.kind, f.id, f.version, values):
                continue  # saved meanwhile: the person's next save meets the import as a conflict
            sql.journaliser(conn, f.kind, f.id, f.eg_id, f.version + 1, f"import {source}", quand,
                            entrees)
        out.append(Rebase(f.kind, f.id, repris, conflits))
    return out


def _vide(v: Any) -> Any:
    return None if v in ([], {}, "") else v


def _poser(flat: dict[str, Any], champ: str, valeur: Any) -> None:
    if valeur is None:
        flat.pop(champ, None)
    else:
        flat[champ] = valeur


def _deplier(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for champ, v in flat.items():
        _ecrire(out, champ, v)
    return out
