"""The offer's repository: EJ, EG, organisations internes, units and professionals, one row each
(indexed keys + the codec's JSON). Imports validate every record and check every link, then write
in one transaction; reads decode rows into model objects, or into typed projections for the
population indicators.
"""

from __future__ import annotations

import functools
import gc
import logging
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

import msgspec
import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import NotFoundError, ValidationError
from ..nomenclatures import Nomenclatures
from ..offre import (
    EntiteGeographique,
    EntiteJuridique,
    Offre,
    OrganisationInterne,
    Professionnel,
    UniteOperationnelle,
)
from ..serialisation import CodecError, Entite, decode, decoder, encode
from ..validation import validate
from . import decalage
from .database import Database, Valeur
from .meta import bump_structure_version
from .partage import Partage
from .projections import EGProjection, UOProjection
from .rapport import ImportReport
from .schema import eg_t, ej_t, oi_t, professionnel_t, uo_t

E = TypeVar("E")
log = logging.getLogger("ror_orientation.store")

# Entity kind → (model class, table), in load and export order.
KINDS: dict[str, tuple[type[Entite], sa.Table]] = {
    "ej": (EntiteJuridique, ej_t), "eg": (EntiteGeographique, eg_t),
    "oi": (OrganisationInterne, oi_t), "uo": (UniteOperationnelle, uo_t),
    "professionnel": (Professionnel, professionnel_t)}
TABLE_OF: dict[type, sa.Table] = {cls: table for cls, table in KINDS.values()}
KIND_OF: dict[type, str] = {cls: kind for kind, (cls, _t) in KINDS.items()}
CHUNK = 500  # ids per IN (...) list


def row_of(entity: Entite) -> dict[str, Valeur]:
    """The row of an entity: its indexed keys and its JSON."""
    data = encode(entity)
    if isinstance(entity, EntiteGeographique):
        return {"id": entity.id, "ej_id": entity.ej_id, "categorie": entity.categorie,
                "region": entity.region, "departement": entity.departement, "data": data}
    if isinstance(entity, OrganisationInterne):
        return {"id": entity.id, "eg_id": entity.eg_id, "parent_id": entity.parent_id, "data": data}
    if isinstance(entity, UniteOperationnelle):
        return {"id": entity.id, "eg_id": entity.eg_id, "oi_id": entity.oi_id, "champ": entity.champ,
                "id_externe_synchro": entity.id_externe_synchro, "statut": entity.statut.value,
                "data": data}
    return {"id": entity.id, "data": data}


def read(cls: type[E], kind: str, id_: object, raw: bytes) -> E:
    """Decode one row; a CodecError names the entity (kind and id) and the field path."""
    return decode(cls, raw, f"{kind} {id_}")


def au_present(entity: E, offset: object) -> E:
    """A record as read, its capacity times moved by the store's re-dating offset (a unit's;
    `offset` as the read's `decalage.COLONNE` gave it)."""
    if isinstance(entity, UniteOperationnelle):
        return decalage.decaler_unite(entity, decalage.secondes(offset))  # type: ignore[return-value]
    return entity


def _colonnes(table: sa.Table) -> tuple[sa.ColumnElement[Any], ...]:
    """What a read selects: the record, and for units the re-dating offset in the same statement."""
    return (table.c.data, decalage.COLONNE) if table is uo_t else (table.c.data, sa.null())


@functools.cache
def _par_liste(table: sa.Table) -> sa.Select[Any]:
    """The rows of the ids a JSON array names (the `ids` parameter): one statement whatever
    their number, built and compiled once, prepared by SQLite once per connection."""
    ids = sa.func.json_each(sa.bindparam("ids", type_=sa.String)).table_valued("value")
    return (sa.select(table.c.id, *_colonnes(table)).where(table.c.id.in_(sa.select(ids.c.value)))
            .order_by(table.c.id))


def read_or_skip(cls: type[E], kind: str, id_: object, raw: bytes) -> E | None:
    """One stored row as a model object, or None — with a logged warning naming the entity and the
    field — when it cannot be read: one bad row must not take search or the server's start down for
    everyone (`check` reports it, `check --repair` quarantines it)."""
    try:
        return read(cls, kind, id_, raw)
    except CodecError as exc:
        log.warning("store: unreadable %s row %s skipped (%s)", kind, id_, exc)
        return None


class OffreRepository:
    """Reads and writes of the offer's entities."""

    def __init__(self, db: Database, nomenclatures: Nomenclatures) -> None:
        self.db = db
        self.nomenclatures = nomenclatures

    # -- writes -------------------------------------------------------------------------------
    def import_offre(self, offre: Offre, source: str = "import", *, check: bool = True,
                     replace_all: bool = False) -> ImportReport:
        """Validate then upsert a whole offer in one transaction (all or nothing)."""
        report = ImportReport(source=source)
        if check:
            self._validate(offre, report)
        with self.db.transaction() as conn:
            if replace_all:
                for _cls, table in KINDS.values():
                    conn.execute(table.delete())
            if check:
                _check_links(conn, offre)
            buckets: tuple[tuple[str, Mapping[str, Entite]], ...] = (
                ("ej", offre.ej), ("eg", offre.eg), ("oi", offre.oi), ("uo", offre.uo),
                ("professionnel", offre.professionnels))
            for kind, bucket in buckets:
                if bucket:
                    _upsert(conn, KINDS[kind][1], list(bucket.values()), fresh=replace_all)
                report.counts[kind] = len(bucket)
            bump_structure_version(conn)
        return report

    def _validate(self, offre: Offre, report: ImportReport) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            buckets: tuple[Mapping[str, Entite], ...] = (
                offre.ej, offre.eg, offre.oi, offre.uo, offre.professionnels)
            for bucket in buckets:
                for entity in bucket.values():
                    try:
                        validate(entity, self.nomenclatures)
                    except ValidationError as exc:
                        # keep the error's class (UnknownCodeError...) and say which record
                        exc.message = f"{type(entity).__name__} {entity.id}: {exc.message}"
                        exc.args = (exc.message,)
                        raise
        report.warnings.extend(str(w.message) for w in caught)

    def delete_uo(self, uo_id: str) -> None:
        with self.db.transaction() as conn:
            n = conn.execute(uo_t.delete().where(uo_t.c.id == uo_id)).rowcount
            if not n:
                raise NotFoundError(f"uo {uo_id!r} not found", field="uo_id")
            bump_structure_version(conn)

    # -- reads of model objects ---------------------------------------------------------------
    def get(self, cls: type[E], id_: str) -> E:
        table = TABLE_OF[cls]
        with self.db.connect() as conn:
            row = conn.execute(sa.select(*_colonnes(table)).where(table.c.id == id_)).first()
        entity = None if row is None else read_or_skip(cls, table.name, id_, row[0])
        if entity is None or row is None:  # absent, or unreadable (logged): not there for the caller
            raise NotFoundError(f"{table.name} {id_!r} not found", field=f"{table.name}_id")
        return au_present(entity, row[1])

    def get_many(self, cls: type[E], ids: Iterable[str]) -> dict[str, E]:
        """Several entities of one class in one query per 500 ids. Up to 500 (a page's records,
        every search) on a file store: one statement compiled once, its ids one JSON parameter,
        run on the thread's held connection — a pooled checkout and a new IN (...) statement
        cost ~0.25 ms of the ~0.6 ms a page's 11 units took."""
        table = TABLE_OF[cls]
        wanted = sorted(set(ids))
        out: dict[str, E] = {}

        def lire(rows: Iterable[Any]) -> None:
            for i, raw, offset in rows:
                entity = read_or_skip(cls, table.name, i, raw)
                if entity is not None:
                    out[i] = au_present(entity, offset)

        if len(wanted) <= CHUNK and self.db.reads_held:
            lire(self.db.held_read(f"get_many:{table.name}", _par_liste(table),
                                   {"ids": orjson.dumps(wanted).decode()}))
            return out
        with self.db.connect() as conn:
            for k in range(0, len(wanted), CHUNK):
                lire(conn.execute(sa.select(table.c.id, *_colonnes(table)).where(
                    table.c.id.in_(wanted[k:k + CHUNK]))))
        return out

    def uo_ids_by_synchro(self, ids: Iterable[str]) -> dict[str, str]:
        """Map establishments' synchronisation ids (idExterneSynchro) to unit ids."""
        wanted = sorted(set(ids))
        out: dict[str, str] = {}
        with self.db.connect() as conn:
            for k in range(0, len(wanted), CHUNK):
                q = sa.select(uo_t.c.id_externe_synchro, uo_t.c.id).where(
                    uo_t.c.id_externe_synchro.in_(wanted[k:k + CHUNK]))
                out.update({str(a): str(b) for a, b in conn.execute(q)})
        return out

    def ids(self, kind: str) -> list[str]:
        """Every stored id of one kind, sorted."""
        table = KINDS[kind][1]
        with self.db.connect() as conn:
            return list(conn.execute(sa.select(table.c.id).order_by(table.c.id)).scalars())

    def count(self, kind: str) -> int:
        table = KINDS[kind][1]
        with self.db.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

    def uo_ids_of_eg(self, eg_id: str) -> list[str]:
        with self.db.connect() as conn:
            return list(conn.execute(sa.select(uo_t.c.id).where(uo_t.c.eg_id == eg_id)
                                     .order_by(uo_t.c.id)).scalars())

    def eg_ids_of_ej(self, ej_id: str) -> list[str]:
        """Sites of a legal entity (FINESS activity flux gives authorisations per EJ)."""
        with self.db.connect() as conn:
            return list(conn.execute(sa.select(eg_t.c.id).where(eg_t.c.ej_id == ej_id)
                                     .order_by(eg_t.c.id)).scalars())

    def eg_ids_present(self, ids: Iterable[str]) -> set[str]:
        """Which of these EG ids are stored."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        with self.db.connect() as conn:
            for k in range(0, len(wanted), CHUNK):
                found.update(conn.execute(sa.select(eg_t.c.id).where(
                    eg_t.c.id.in_(wanted[k:k + CHUNK]))).scalars())
        return found

    def professionnels_of_uo(self, uo_id: str) -> list[Professionnel]:
        """Professionals practising in a unit (a scan of the professional rows: sheets only)."""
        needle = encode(uo_id).decode()
        out = []
        with self.db.connect() as conn:
            q = sa.select(professionnel_t.c.id, professionnel_t.c.data).where(
                sa.cast(professionnel_t.c.data, sa.Text).contains(needle, autoescape=True))
            for id_, raw in conn.execute(q):
                p = read(Professionnel, "professionnel", id_, raw)
                if any(x.uo_id == uo_id for x in p.exercices):
                    out.append(p)
        return out

    def iter_entities(self) -> Iterator[tuple[str, Entite]]:
        """Every entity, in a stable order (kind, id): what `export` writes."""
        with self.db.connect() as conn:
            for kind, (cls, table) in KINDS.items():
                rows = conn.execution_options(yield_per=5000).execute(
                    sa.select(table.c.id, *_colonnes(table)).order_by(table.c.id))
                for id_, raw, offset in rows:
                    entity = read_or_skip(cls, kind, id_, raw)
                    if entity is not None:
                        yield kind, au_present(entity, offset)

    def unreadable(self) -> Iterator[tuple[str, str, str]]:
        """(table, id, why) of every stored entity row that cannot be decoded."""
        with self.db.connect() as conn:
            for kind, (cls, table) in KINDS.items():
                decode_row = decoder(cls).decode
                for id_, raw in conn.execute(sa.select(table.c.id, table.c.data)):
                    try:
                        decode_row(raw)
                    except (msgspec.DecodeError, msgspec.ValidationError):
                        try:
                            read(cls, kind, id_, raw)
                        except CodecError as exc:
                            yield str(table.name), str(id_), str(exc)[:300]

    def load_offre(self, *, share: bool = True, offset: int | None = None) -> Offre:
        """The whole offer in memory (what the engine builds from).

        `offset`: the re-dating offset to apply to the units' capacity times (by default the
        store's as the read finds it); an engine passes the one it read and keeps it.

        `share`: repeated values (schedules, addresses, capacity records) are held once (see
        partage.py). The cyclic garbage collector is paused meanwhile: the load allocates millions
        of small objects, none in a cycle, and each automatic collection would walk them all again.
        """
        offre = Offre()
        buckets: dict[str, dict[str, Entite]] = {
            "ej": offre.ej, "eg": offre.eg, "oi": offre.oi, "uo": offre.uo,  # type: ignore[dict-item]
            "professionnel": offre.professionnels}  # type: ignore[dict-item]
        partage = Partage() if share else None
        paused = gc.isenabled()
        gc.disable()
        try:
            with self.db.connect() as conn:
                for kind, (cls, table) in KINDS.items():
                    decode_row = decoder(cls).decode
                    bucket = buckets[kind]
                    rows = conn.execution_options(yield_per=5000).execute(
                        sa.select(table.c.id, *_colonnes(table)).order_by(table.c.id))
                    for part in rows.partitions():
                        for id_, raw, lu in part:
                            try:
                                entity = decode_row(raw)
                            except (msgspec.DecodeError, msgspec.ValidationError):
                                found = read_or_skip(cls, kind, id_, raw)  # logged, named
                                if found is None:
                                    continue
                                entity = found
                            if table is uo_t:
                                entity = au_present(entity, lu if offset is None else offset)
                            if partage is not None:
                                partage.share(entity)
                            bucket[entity.id] = entity
        finally:
            if paused:
                gc.enable()
        return offre

    def counts(self) -> dict[str, int]:
        with self.db.connect() as conn:
            return {str(t.name): int(conn.execute(sa.select(sa.func.count()).select_from(t))
                                     .scalar_one()) for _cls, t in KINDS.values()}

    def is_empty(self) -> bool:
        with self.db.connect() as conn:
            return conn.execute(sa.select(eg_t.c.id).limit(1)).first() is None

    # -- projections and counts (population indicators, statistics) ----------------------------
    def eg_projections(self, ids: Iterable[str] | None = None) -> Iterator[EGProjection]:
        """Every EG (or these), as the indicators read them."""
        q = sa.select(eg_t.c.id, eg_t.c.data)
        yield from self._projections(EGProjection, "eg", q, eg_t.c.id, ids)

    def uo_projections(self, eg_id: str | None = None) -> Iterator[UOProjection]:
        """Every unit (or those of one EG, in id order), as the indicators read them."""
        q = sa.select(uo_t.c.id, uo_t.c.data)
        if eg_id is not None:
            q = q.where(uo_t.c.eg_id == eg_id).order_by(uo_t.c.id)
        yield from self._projections(UOProjection, "uo", q, uo_t.c.id, None)

    def _projections(self, cls: type[E], kind: str, q: sa.Select[Any],
                     id_col: sa.ColumnElement[str], ids: Iterable[str] | None) -> Iterator[E]:
        decode_row = decoder(cls).decode
        with self.db.connect() as conn:
            batches = [q] if ids is None else [
                q.where(id_col.in_(part)) for part in _chunks(sorted(set(ids)))]
            for stmt in batches:
                for id_, raw in conn.execution_options(yield_per=5000).execute(stmt):
                    try:
                        yield decode_row(raw)
                    except msgspec.ValidationError:
                        yield read(cls, kind, id_, raw)  # raises, naming the entity

    def eg_ids_with_oi(self) -> set[str]:
        """EGs that carry at least one organisation interne."""
        with self.db.connect() as conn:
            return set(conn.execute(sa.select(oi_t.c.eg_id).distinct()).scalars())

    def eg_per_region(self) -> dict[str | None, int]:
        with self.db.connect() as conn:
            q = sa.select(eg_t.c.region, sa.func.count()).group_by(eg_t.c.region)
            return {region: int(n) for region, n in conn.execute(q)}

    def uo_per_region_champ(self) -> list[tuple[str | None, str | None, int]]:
        """Units per (their EG's region, champ)."""
        q = (sa.select(eg_t.c.region, uo_t.c.champ, sa.func.count())
             .select_from(uo_t.join(eg_t, uo_t.c.eg_id == eg_t.c.id))
             .group_by(eg_t.c.region, uo_t.c.champ))
        with self.db.connect() as conn:
            return [(region, champ, int(n)) for region, champ, n in conn.execute(q)]


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for k in range(0, len(ids), CHUNK):
        yield ids[k:k + CHUNK]


def _check_links(conn: Connection, offre: Offre) -> None:
    def known(table: sa.Table, ids: set[str], bucket: Mapping[str, object]) -> set[str]:
        missing = {i for i in ids if i not in bucket}
        if not missing:
            return set()
        found: set[str] = set()
        for part in _chunks(sorted(missing)):
            found.update(conn.execute(sa.select(table.c.id).where(table.c.id.in_(part))).scalars())
        return missing - found

    checks: list[tuple[str, sa.Table, set[str], Mapping[str, object], dict[str, str]]] = [
        ("eg.ej_id", ej_t, {e.ej_id for e in offre.eg.values() if e.ej_id}, offre.ej,
         {e.ej_id: e.id for e in offre.eg.values() if e.ej_id}),
        ("oi.eg_id", eg_t, {o.eg_id for o in offre.oi.values()}, offre.eg,
         {o.eg_id: o.id for o in offre.oi.values()}),
        ("oi.parent_id", oi_t, {o.parent_id for o in offre.oi.values() if o.parent_id}, offre.oi,
         {o.parent_id: o.id for o in offre.oi.values() if o.parent_id}),
        ("uo.eg_id", eg_t, {u.eg_id for u in offre.uo.values()}, offre.eg,
         {u.eg_id: u.id for u in offre.uo.values()}),
        ("uo.oi_id", oi_t, {u.oi_id for u in offre.uo.values() if u.oi_id}, offre.oi,
         {u.oi_id: u.id for u in offre.uo.values() if u.oi_id}),
        ("exercice.uo_id", uo_t,
         {x.uo_id for p in offre.professionnels.values() for x in p.exercices}, offre.uo,
         {x.uo_id: p.id for p in offre.professionnels.values() for x in p.exercices}),
    ]
    for fieldname, table, ids, bucket, owner in checks:
        missing = known(table, ids, bucket)
        if missing:
            ref = sorted(missing)[0]
            raise ValidationError(
                f"{fieldname}: {owner[ref]} refers to {ref!r}, which is neither in this import nor "
                f"in the store ({len(missing)} dangling reference(s))", field=fieldname)


def _upsert(conn: Connection, table: sa.Table, entities: list[Entite], *, fresh: bool) -> None:
    """Insert or replace, 5,000 rows at a time (rows are encoded per chunk, which bounds memory at
    the national scale); `fresh`: the table was just emptied, so there is nothing to delete. A
    unit's capacity times are stored less the re-dating offset (`decalage`)."""
    offset = -decalage.lire(conn) if table is uo_t else 0
    for k in range(0, len(entities), 5000):
        rows = [row_of(decalage.decaler_unite(e, offset) if isinstance(e, UniteOperationnelle)
                       else e) for e in entities[k:k + 5000]]
        if not fresh:
            for part in _chunks([str(r["id"]) for r in rows]):
                conn.execute(table.delete().where(table.c.id.in_(part)))
        conn.execute(table.insert(), rows)


__all__ = ["KINDS", "CodecError", "OffreRepository", "au_present", "read", "row_of"]
