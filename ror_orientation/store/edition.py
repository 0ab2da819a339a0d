"""The editing tables and their SQL: working copies, per-user drafts, the audit journal, publications.

Kept apart from the offer's repository so the offer's own tables stay the published truth: nothing
here is read by the search engine until `edition/saisie.py` publishes it through `Store.import_offre`.
The tables are in `schema.py` (schema revision 0003).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..offre import UniteOperationnelle
from ..serialisation import decode, encode
from . import decalage
from .schema import brouillon_t, fiche_t, import_t, journal_t, personne_t, publication_t
from .store import Store

_PUBLICATIONS = (sa.select(publication_t.c.n, publication_t.c.kind, publication_t.c.id)
                 .where(publication_t.c.n > sa.bindparam("after")).order_by(publication_t.c.n))


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    out: datetime = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return out


@dataclass(frozen=True, slots=True)
class LigneFiche:
    """A working copy as stored."""

    kind: str
    id: str
    eg_id: str | None
    parent_id: str | None
    data: dict[str, Any]
    version: int
    etat: str
    nouveau: bool
    modifie_par: str
    modifie_le: datetime
    soumis_par: str | None
    soumis_le: datetime | None
    valide_par: str | None
    valide_le: datetime | None
    retour: str | None
    publie_version: int | None
    publie_le: datetime | None


@dataclass(frozen=True, slots=True)
class LigneBrouillon:
    kind: str
    id: str
    data: dict[str, Any]
    base_version: int
    enregistre_le: datetime
    personne: str  # "" for a draft of the key itself (written before persons were declared)


@dataclass(frozen=True, slots=True)
class LignePersonne:
    email: str
    nom: str
    ajoute_le: datetime
    retire_le: datetime | None


@dataclass(frozen=True, slots=True)
class LigneJournal:
    n: int
    kind: str
    id: str
    version: int
    action: str
    champ: str | None
    ancien: Any
    nouveau: Any
    commentaire: str | None
    auteur: str
    quand: datetime
    personne: str | None = None  # the author's e-mail when a declared person wrote it

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "kind": self.kind, "id": self.id, "version": self.version,
                "action": self.action, "champ": self.champ, "ancien": self.ancien,
                "nouveau": self.nouveau, "commentaire": self.commentaire, "auteur": self.auteur,
                "personne": self.personne, "quand": self.quand.isoformat()}


def _fiche(r: Any) -> LigneFiche:
    return LigneFiche(r.kind, r.id, r.eg_id, r.parent_id, orjson.loads(r.data), r.version, r.etat,
                      bool(r.nouveau), r.modifie_par, _utc(r.modifie_le), r.soumis_par,  # type: ignore[arg-type]
                      _utc(r.soumis_le), r.valide_par, _utc(r.valide_le), r.retour,
                      r.publie_version, _utc(r.publie_le))


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


@dataclass(frozen=True, slots=True)
class Entree:
    """One journal line to write."""

    action: str
    champ: str | None = None
    ancien: Any = None
    nouveau: Any = None
    commentaire: str | None = None


class EditionStore:
    """SQL of the editing tables over the offer's store (same engine, same file)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # -- working copies -----------------------------------------------------------------------
    def fiche(self, kind: str, id_: str, conn: Connection | None = None) -> LigneFiche | None:
        q = sa.select(fiche_t).where(fiche_t.c.kind == kind, fiche_t.c.id == id_)
        if conn is not None:
            r = conn.execute(q).first()
        else:
            with self.engine.connect() as c:
                r = c.execute(q).first()
        return _fiche(r) if r is not None else None

    def fiches(self, *, eg_ids: Iterable[str] | None = None, kind: str | None = None,
               ids: Iterable[str] | None = None) -> list[LigneFiche]:
        q = sa.select(fiche_t).order_by(fiche_t.c.kind, fiche_t.c.id)
        if eg_ids is not None:
            q = q.where(fiche_t.c.eg_id.in_(sorted(set(eg_ids))))
        if kind is not None:
            q = q.where(fiche_t.c.kind == kind)
        if ids is None:
            with self.engine.connect() as conn:
                return [_fiche(r) for r in conn.execute(q)]
        wanted, out = sorted(set(ids)), []
        with self.engine.connect() as conn:
            for k in range(0, len(wanted), 500):
                out += [_fiche(r) for r in conn.execute(q.where(fiche_t.c.id.in_(wanted[k:k + 500])))]
        return out

    def inserer(self, conn: Connection, kind: str, id_: str, eg_id: str | None,
                parent_id: str | None, data: dict[str, Any], *, nouveau: bool, auteur: str,
                quand: datetime, version: int = 1) -> bool:
        """A first working copy; False when another one appeared meanwhile (the caller's conflict)."""
        try:
            with conn.begin_nested():
                conn.execute(fiche_t.insert().values(
                    kind=kind, id=id_, eg_id=eg_id, parent_id=parent_id, data=orjson.dumps(data),
                    version=version, etat="brouillon", nouveau=nouveau, modifie_par=auteur,
                    modifie_le=quand))
        except sa.exc.IntegrityError:
            return False
        return True

    def remplacer(self, conn: Connection, kind: str, id_: str, base_version: int,
                  values: dict[str, Any]) -> bool:
        """Write a new version only if the stored one is still `base_version` (compare-and-set)."""
        if "data" in values:
            values = {**values, "data": orjson.dumps(values["data"])}
        n = conn.execute(fiche_t.update().where(
            fiche_t.c.kind == kind, fiche_t.c.id == id_, fiche_t.c.version == base_version
        ).values(version=base_version + 1, **values)).rowcount
        return bool(n)

    def marquer(self, conn: Connection, kind: str, id_: str, version: int,
                values: dict[str, Any]) -> bool:
        """Workflow fields only (état, validation, publication) of exactly `version` (False when a
        save came in between: the step applied to a version that is no longer the current one)."""
        n = conn.execute(fiche_t.update().where(fiche_t.c.kind == kind, fiche_t.c.id == id_,
                                                fiche_t.c.version == version).values(**values))
        return bool(n.rowcount)

    # -- drafts -------------------------------------------------------------------------------
    # A draft belongs to a person of a key (`personne`: their e-mail, "" for a key declaring
    # nobody). Drafts written before persons existed sit under ""; a named person of that key reads
    # such a draft of a record they have none of, and their next write for that record replaces it.
    def _draft_where(self, application_id: int, personne: str, kind: str | None = None,
                     id_: str | None = None) -> list[Any]:
        where = [brouillon_t.c.application_id == application_id, brouillon_t.c.personne == personne]
        if kind is not None:
            where += [brouillon_t.c.kind == kind, brouillon_t.c.id == id_]
        return where

    def brouillon(self, application_id: int, personne: str, kind: str, id_: str
                  ) -> LigneBrouillon | None:
        with self.engine.connect() as conn:
            r = None
            for qui in dict.fromkeys((personne, "")):
                r = conn.execute(sa.select(brouillon_t).where(
                    *self._draft_where(application_id, qui, kind, id_))).first()
                if r is not None:
                    break
        if r is None:
            return None
        return LigneBrouillon(r.kind, r.id, orjson.loads(r.data), r.base_version,
                              _utc(r.enregistre_le), r.personne)  # type: ignore[arg-type]

    def brouillons(self, application_id: int, personne: str) -> list[LigneBrouillon]:
        """The person's drafts, and the key's unnamed ones for records they have none of."""
        with self.engine.connect() as conn:
            rows = list(conn.execute(sa.select(brouillon_t).where(
                brouillon_t.c.application_id == application_id,
                brouillon_t.c.personne.in_(sorted({personne, ""})))
                .order_by(brouillon_t.c.enregistre_le)))
        mine = {(r.kind, r.id) for r in rows if r.personne == personne}
        return [LigneBrouillon(r.kind, r.id, orjson.loads(r.data), r.base_version,
                               _utc(r.enregistre_le), r.personne)  # type: ignore[arg-type]
                for r in rows if r.personne == personne or (r.kind, r.id) not in mine]

    def garder_brouillon(self, application_id: int, personne: str, kind: str, id_: str,
                         data: dict[str, Any], base_version: int, quand: datetime) -> None:
        with self.engine.begin() as conn:
            self.oublier_brouillon(application_id, personne, kind, id_, conn)
            conn.execute(brouillon_t.insert().values(
                application_id=application_id, personne=personne, kind=kind, id=id_,
                data=orjson.dumps(data), base_version=base_version, enregistre_le=quand))

    def oublier_brouillon(self, application_id: int, personne: str, kind: str, id_: str,
                          conn: Connection | None = None) -> None:
        """Drop the person's draft of the record (and the key's unnamed one, which they took over)."""
        stmt = brouillon_t.delete().where(
            brouillon_t.c.application_id == application_id,
            brouillon_t.c.personne.in_(sorted({personne, ""})),
            brouillon_t.c.kind == kind, brouillon_t.c.id == id_)
        if conn is not None:
            conn.execute(stmt)
        else:
            with self.engine.begin() as c:
                c.execute(stmt)

    # -- persons ------------------------------------------------------------------------------
    def personnes(self, application_id: int, *, actives: bool = True) -> list[LignePersonne]:
        q = sa.select(personne_t).where(personne_t.c.application_id == application_id)
        if actives:
            q = q.where(personne_t.c.retire_le.is_(None))
        with self.engine.connect() as conn:
            return [LignePersonne(r.email, r.nom, _utc(r.ajoute_le), _utc(r.retire_le))  # type: ignore[arg-type]
                    for r in conn.execute(q.order_by(personne_t.c.nom, personne_t.c.email))]

    def personne(self, application_id: int, email: str) -> LignePersonne | None:
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(personne_t).where(
                personne_t.c.application_id == application_id, personne_t.c.email == email)).first()
        return None if r is None else LignePersonne(r.email, r.nom, _utc(r.ajoute_le),  # type: ignore[arg-type]
                                                    _utc(r.retire_le))

    def declarer_personne(self, application_id: int, email: str, nom: str, quand: datetime) -> None:
        """Declare (or re-declare, renamed and active again) a person on a key."""
        with self.engine.begin() as conn:
            conn.execute(personne_t.delete().where(personne_t.c.application_id == application_id,
                                                   personne_t.c.email == email))
            conn.execute(personne_t.insert().values(application_id=application_id, email=email,
                                                    nom=nom, ajoute_le=quand))

    def retirer_personne(self, application_id: int, email: str, quand: datetime) -> bool:
        with self.engine.begin() as conn:
            return bool(conn.execute(personne_t.update().where(
                personne_t.c.application_id == application_id, personne_t.c.email == email,
                personne_t.c.retire_le.is_(None)).values(retire_le=quand)).rowcount)

    # -- journal ------------------------------------------------------------------------------
    def journaliser(self, conn: Connection, kind: str, id_: str, eg_id: str | None, version: int,
                    auteur: str, quand: datetime, entrees: Iterable[Entree],
                    personne: str | None = None) -> None:
        rows = [{"kind": kind, "id": id_, "eg_id": eg_id, "version": version, "action": e.action,
                 "champ": e.champ, "ancien": _json(e.ancien), "nouveau": _json(e.nouveau),
                 "commentaire": e.commentaire, "auteur": auteur[:160], "quand": quand,
                 "personne": personne} for e in entrees]
        if rows:
            conn.execute(journal_t.insert(), rows)

    def journal(self, kind: str, id_: str, limit: int = 2000) -> list[LigneJournal]:
        q = (sa.select(journal_t).where(journal_t.c.kind == kind, journal_t.c.id == id_)
             .order_by(journal_t.c.n.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [LigneJournal(r.n, r.kind, r.id, r.version, r.action, r.champ,
                                 orjson.loads(r.ancien) if r.ancien is not None else None,
                                 orjson.loads(r.nouveau) if r.nouveau is not None else None,
                                 r.commentaire, r.auteur, _utc(r.quand),  # type: ignore[arg-type]
                                 r.personne)
                    for r in conn.execute(q)]

    def champs_modifies_depuis(self, kind: str, ids: Iterable[str], depuis: datetime | None
                               ) -> dict[str, dict[str, datetime]]:
        """Per record, the fields edited by hand (and when, last time) after `depuis`."""
        wanted = sorted(set(ids))
        out: dict[str, dict[str, datetime]] = {}
        with self.engine.connect() as conn:
            for k in range(0, len(wanted), 500):
                q = sa.select(journal_t.c.id, journal_t.c.champ, journal_t.c.quand).where(
                    journal_t.c.kind == kind, journal_t.c.id.in_(wanted[k:k + 500]),
                    journal_t.c.action == "modification")
                if depuis is not None:
                    q = q.where(journal_t.c.quand > depuis)
                for id_, champ, quand in conn.execute(q):
                    out.setdefault(id_, {})[champ] = _utc(quand)  # type: ignore[assignment]
        return out

    # -- imports ------------------------------------------------------------------------------
    def saisies_publiees(self, kind: str, ids: Iterable[str]
                         ) -> dict[str, dict[str, tuple[datetime, str]]]:
        """Per record, the fields edited by hand, published, and not overwritten by a later import:
        field → (when, who) of the last such edit."""
        wanted = sorted(set(ids))
        out: dict[str, dict[str, tuple[datetime, str]]] = {}
        with self.engine.connect() as conn:
            for k in range(0, len(wanted), 500):
                chunk = wanted[k:k + 500]
                q = (sa.select(journal_t.c.id, journal_t.c.champ, journal_t.c.quand,
                               journal_t.c.auteur)
                     .join(fiche_t, sa.and_(fiche_t.c.kind == journal_t.c.kind,
                                            fiche_t.c.id == journal_t.c.id))
                     .outerjoin(import_t, sa.and_(import_t.c.kind == journal_t.c.kind,
                                                  import_t.c.id == journal_t.c.id))
                     .where(journal_t.c.kind == kind, journal_t.c.id.in_(chunk),
                            journal_t.c.action == "modification",
                            fiche_t.c.publie_version.is_not(None),
                            journal_t.c.version <= fiche_t.c.publie_version,
                            sa.or_(import_t.c.importe_le.is_(None),
                                   journal_t.c.quand > import_t.c.importe_le))
                     .order_by(journal_t.c.n))
                for id_, champ, quand, auteur in conn.execute(q):
                    out.setdefault(id_, {})[champ] = (_utc(quand), auteur)  # type: ignore[assignment]
        return out

    def noter_import(self, kind: str, ids: Iterable[str], quand: datetime, source: str) -> None:
        """Remember when an import wrote these records (only those ever edited by hand matter)."""
        wanted = sorted(set(ids))
        with self.engine.begin() as conn:
            for k in range(0, len(wanted), 500):
                edited = list(conn.execute(sa.select(fiche_t.c.id).where(
                    fiche_t.c.kind == kind, fiche_t.c.id.in_(wanted[k:k + 500]))).scalars())
                if edited:
                    conn.execute(import_t.delete().where(import_t.c.kind == kind,
                                                         import_t.c.id.in_(edited)))
                    conn.execute(import_t.insert(), [{"kind": kind, "id": i, "importe_le": quand,
                                                      "source": source[:256]} for i in edited])

    # -- publication feed ---------------------------------------------------------------------
    def annoncer(self, conn: Connection, items: Iterable[tuple[str, str]], quand: datetime) -> None:
        rows = [{"kind": k, "id": i, "publie_le": quand} for k, i in items]
        if rows:
            conn.execute(publication_t.insert(), rows)

    def publications(self, after: int) -> tuple[int, list[tuple[str, str]]]:
        """Records published since feed id `after` (a held indexed read, polled before searches)."""
        rows = self.store.held_rows("edition_publications", _PUBLICATIONS, after=after)
        if not rows:
            return after, []
        last = rows[-1][0]
        if not isinstance(last, int):
            raise TypeError(f"edition_publications id {last!r} is not an integer")
        return last, list(dict.fromkeys((str(r[1]), str(r[2])) for r in rows))

    def dernier_publication(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(publication_t.c.n))).scalar() or 0)


def _uo_json(raw: bytes, offset: object) -> dict[str, Any]:
    """A unit's stored JSON at its true capacity times (the store's re-dating offset added)."""
    secondes = decalage.secondes(offset)
    if not secondes:
        return cast(dict[str, Any], orjson.loads(raw))
    uo = decalage.decaler_unite(decode(UniteOperationnelle, raw, "uo"), secondes)
    return cast(dict[str, Any], orjson.loads(encode(uo)))


def publies_de_eg(store: Store, eg_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The published organisations and units of one EG, as plain JSON (the editing tree's base)."""
    from .schema import oi_t, uo_t

    with store.engine.connect() as conn:
        ois = [orjson.loads(r) for r in conn.execute(
            sa.select(oi_t.c.data).where(oi_t.c.eg_id == eg_id).order_by(oi_t.c.id)).scalars()]
        uos = [_uo_json(r, o) for r, o in conn.execute(
            sa.select(uo_t.c.data, decalage.COLONNE).where(uo_t.c.eg_id == eg_id)
            .order_by(uo_t.c.id))]
    return ois, uos


def publie(store: Store, kind: str, id_: str) -> dict[str, Any] | None:
    """One published record as plain JSON, or None."""
    from .schema import eg_t, ej_t, oi_t, uo_t

    table = {"ej": ej_t, "eg": eg_t, "oi": oi_t, "uo": uo_t}[kind]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(table.c.data, decalage.COLONNE if kind == "uo" else sa.null())
                           .where(table.c.id == id_)).first()
    if row is None:
        return None
    return _uo_json(row[0], row[1]) if kind == "uo" else orjson.loads(row[0])
