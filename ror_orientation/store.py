"""The embedded store: one SQLite file (WAL) by default, through SQLAlchemy Core.

Only this module speaks SQL, and only portable SQL, so the same code runs on PostgreSQL by changing the
URL. Each entity is a row with its indexed keys plus the lossless JSON of the model object. Every
import is one transaction: a bad record rolls the whole file back and the store is left as it was.
"""

from __future__ import annotations

import gc
import logging
import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .errors import NotFoundError, RorError, ValidationError
from .nomenclatures import Nomenclatures, default_nomenclatures
from .offre import (
    Capacite,
    EntiteGeographique,
    EntiteJuridique,
    Offre,
    OrganisationInterne,
    Professionnel,
    UniteOperationnelle,
)
from .serialisation import from_plain, reader, release_shared, to_plain
from .validation import validate, validate_capacite

SCHEMA_VERSION = 1
log = logging.getLogger("ror_orientation.store")

metadata = sa.MetaData()

meta = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True),
                sa.Column("value", sa.Text, nullable=False))
ej_t = sa.Table("ej", metadata, sa.Column("id", sa.String(32), primary_key=True),
                sa.Column("data", sa.LargeBinary, nullable=False))
eg_t = sa.Table("eg", metadata, sa.Column("id", sa.String(32), primary_key=True),
                sa.Column("ej_id", sa.String(32), index=True),
                sa.Column("categorie", sa.String(8), index=True),
                sa.Column("region", sa.String(4), index=True),
                sa.Column("departement", sa.String(4), index=True),
                sa.Column("data", sa.LargeBinary, nullable=False))
oi_t = sa.Table("oi", metadata, sa.Column("id", sa.String(64), primary_key=True),
                sa.Column("eg_id", sa.String(32), index=True, nullable=False),
                sa.Column("parent_id", sa.String(64)),
                sa.Column("data", sa.LargeBinary, nullable=False))
uo_t = sa.Table("uo", metadata, sa.Column("id", sa.String(64), primary_key=True),
                sa.Column("eg_id", sa.String(32), index=True, nullable=False),
                sa.Column("oi_id", sa.String(64)),
                sa.Column("champ", sa.String(4), index=True),
                sa.Column("id_externe_synchro", sa.String(128), index=True),
                sa.Column("statut", sa.String(16)),
                sa.Column("data", sa.LargeBinary, nullable=False))
professionnel_t = sa.Table("professionnel", metadata,
                           sa.Column("id", sa.String(32), primary_key=True),
                           sa.Column("data", sa.LargeBinary, nullable=False))
capacite_historique_t = sa.Table(
    "capacite_historique", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uo_id", sa.String(64), index=True, nullable=False),
    sa.Column("recu_le", sa.DateTime(timezone=True), nullable=False),
    sa.Column("auteur", sa.String(128), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),  # the Capacite as sent
)
# Quarterly population snapshots (peuplement/snapshots.py): counts per quarter, region and champ.
peuplement_snapshot_t = sa.Table(
    "peuplement_snapshot", metadata,
    sa.Column("trimestre", sa.String(8), primary_key=True),  # "2019T2"
    sa.Column("region", sa.String(4), primary_key=True),
    sa.Column("champ", sa.String(16), primary_key=True),
    sa.Column("cible", sa.Integer, nullable=False),
    sa.Column("finalise", sa.Integer, nullable=False),
    sa.Column("en_cours", sa.Integer, nullable=False),
    sa.Column("a_faire", sa.Integer, nullable=False),
    sa.Column("pris_le", sa.DateTime(timezone=True), nullable=False),
)
# The same snapshot per target row (one EG in one champ), so a quarter's list of EGs can be read back.
peuplement_snapshot_eg_t = sa.Table(
    "peuplement_snapshot_eg", metadata,
    sa.Column("trimestre", sa.String(8), primary_key=True),
    sa.Column("eg_id", sa.String(32), primary_key=True),
    sa.Column("champ", sa.String(16), primary_key=True),
    sa.Column("region", sa.String(4), index=True),
    sa.Column("departement", sa.String(4)),
    sa.Column("statut", sa.String(16), nullable=False),
    sa.Column("n_finalise", sa.Integer, nullable=False),
    sa.Column("n_en_cours", sa.Integer, nullable=False),
    sa.Column("n_a_faire", sa.Integer, nullable=False),
)
# Connected applications (cercle de confiance): owned by applications.py; only the key's hash is kept.
application_t = sa.Table(
    "application", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("nom", sa.String(128), nullable=False),
    sa.Column("region", sa.String(4), index=True),
    sa.Column("proprietaire", sa.String(256), nullable=False),
    sa.Column("droits", sa.String(256), nullable=False),  # comma-separated rights
    sa.Column("eg_ids", sa.Text, nullable=False, default=""),  # comma-separated EG an editor writes
    sa.Column("cle_hash", sa.String(64), unique=True, nullable=False),  # sha256 hex of the key
    sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoque_le", sa.DateTime(timezone=True)),
)

# Statements of the API's per-request reads (built once: building one costs more than running it).
_CHANGES = (sa.select(capacite_historique_t.c.id, capacite_historique_t.c.uo_id)
            .where(capacite_historique_t.c.id > sa.bindparam("after"))
            .order_by(capacite_historique_t.c.id))
APPLICATION_BY_HASH = sa.select(*application_t.c).where(
    application_t.c.cle_hash == sa.bindparam("h"))

ENTITY_TABLES: dict[type, sa.Table] = {
    EntiteJuridique: ej_t,
    EntiteGeographique: eg_t,
    OrganisationInterne: oi_t,
    UniteOperationnelle: uo_t,
    Professionnel: professionnel_t,
}


def _row(entity: Any) -> dict[str, Any]:
    data = orjson.dumps(to_plain(entity))
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


@dataclass(slots=True)
class ImportReport:
    """What an import did: counts per kind, records skipped with why, warnings raised."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "counts": self.counts, "skipped": len(self.skipped),
                "skipped_examples": self.skipped[:10], "warnings": len(self.warnings),
                "warning_examples": self.warnings[:10]}


class Store:
    """The offer's persistent home. Open with a path (SQLite) or a SQLAlchemy URL."""

    def __init__(self, target: str | Path, nomenclatures: Nomenclatures | None = None) -> None:
        url = str(target)
        if "://" not in url:
            path = Path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{path}"
        self.url = url
        self.engine: Engine = sa.create_engine(url, future=True)
        self.nomenclatures = nomenclatures or default_nomenclatures()
        self._held = threading.local()  # per-thread DBAPI connection for held_rows
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrate()

    # -- schema -----------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            metadata.create_all(conn)
            version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
            if version is None:
                conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(version) > SCHEMA_VERSION:
                raise RorError(f"store schema version {version} is newer than this program "
                               f"({SCHEMA_VERSION}): upgrade ror-orientation", status=500)

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar_one())

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: commits on success, rolls back on any exception."""
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        conn = self._held.__dict__.pop("conn", None)
        if conn is not None:
            conn.close()
        self.engine.dispose()

    # -- writes -----------------------------------------------------------------------------
    def import_offre(self, offre: Offre, source: str = "import", *, check: bool = True,
                     replace_all: bool = False) -> ImportReport:
        """Validate then upsert a whole offer in one transaction (all or nothing)."""
        report = ImportReport(source=source)
        if check:
            self._validate_offre(offre, report)
        with self.transaction() as conn:
            if replace_all:
                for t in ENTITY_TABLES.values():
                    conn.execute(t.delete())
            if check:
                self._check_links(conn, offre)
            for kind, bucket in (("ej", offre.ej), ("eg", offre.eg), ("oi", offre.oi),
                                 ("uo", offre.uo), ("professionnel", offre.professionnels)):
                if bucket:
                    self._upsert(conn, list(bucket.values()), fresh=replace_all)
                report.counts[kind] = len(bucket)
            self._bump_structure_version(conn)
        return report

    def _bump_structure_version(self, conn: Connection) -> None:
        """Count writes to the offer's description (not capacity updates), so results derived from
        it — the population table — can be cached until the next one, across worker processes."""
        n = conn.execute(sa.select(meta.c.value).where(meta.c.key == "structure_version")).scalar()
        if n is None:
            conn.execute(meta.insert().values(key="structure_version", value="1"))
        else:
            conn.execute(meta.update().where(meta.c.key == "structure_version")
                         .values(value=str(int(n) + 1)))

    def structure_version(self) -> int:
        with self.engine.connect() as conn:
            n = conn.execute(sa.select(meta.c.value).where(meta.c.key == "structure_version")).scalar()
        return int(n or 0)

    def _validate_offre(self, offre: Offre, report: ImportReport) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for bucket in (offre.ej, offre.eg, offre.oi, offre.uo, offre.professionnels):
                for entity in bucket.values():
                    try:
                        validate(entity, self.nomenclatures)
                    except ValidationError as exc:
                        # keep the error's class (UnknownCodeError...) and say which record
                        exc.message = f"{type(entity).__name__} {entity.id}: {exc.message}"  # type: ignore[attr-defined]
                        exc.args = (exc.message,)
                        raise
        report.warnings.extend(str(w.message) for w in caught)

    def _check_links(self, conn: Connection, offre: Offre) -> None:
        def known(table: sa.Table, ids: set[str], bucket: dict[str, Any]) -> set[str]:
            missing = {i for i in ids if i not in bucket}
            if not missing:
                return set()
            found: set[str] = set()
            ml = sorted(missing)
            for k in range(0, len(ml), 500):
                found.update(conn.execute(sa.select(table.c.id).where(table.c.id.in_(ml[k:k + 500]))).scalars())
            return missing - found

        checks = [
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

    def _upsert(self, conn: Connection, entities: list[Any], *, fresh: bool = False) -> None:
        """Insert or replace, 5,000 rows at a time (rows are encoded per chunk, which bounds memory at
        the national scale); `fresh`: the table was just emptied, so there is nothing to delete."""
        table = ENTITY_TABLES[type(entities[0])]
        for k in range(0, len(entities), 5000):
            rows = [_row(e) for e in entities[k:k + 5000]]
            if not fresh:
                ids = [r["id"] for r in rows]
                for j in range(0, len(ids), 500):
                    conn.execute(table.delete().where(table.c.id.in_(ids[j:j + 500])))
            conn.execute(table.insert(), rows)

    def put(self, entity: Any) -> None:
        """Validate and store one entity (insert or replace), atomically."""
        offre = Offre()
        offre.add(entity)
        self.import_offre(offre, source="put")

    def delete_uo(self, uo_id: str) -> None:
        with self.transaction() as conn:
            n = conn.execute(uo_t.delete().where(uo_t.c.id == uo_id)).rowcount
            if not n:
                raise NotFoundError(f"uo {uo_id!r} not found", field="uo_id")
            self._bump_structure_version(conn)

    def set_capacites(self, uo_id: str, capacites: Iterable[Capacite], auteur: str,
                      recu_le: datetime | None = None) -> UniteOperationnelle:
        """Merge capacity records into a unit (same key → replaced), keeping each in the history."""
        recu_le = recu_le or datetime.now(UTC)
        caps = list(capacites)
        for i, c in enumerate(caps):
            validate_capacite(c, self.nomenclatures, f"capacites[{i}]")
        with self.transaction() as conn:
            # the read-modify-write holds the write lock from its read on (SQLite: BEGIN IMMEDIATE;
            # elsewhere: SELECT ... FOR UPDATE), so two workers writing one unit never lose a record
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            raw = conn.execute(sa.select(uo_t.c.data).where(uo_t.c.id == uo_id)
                               .with_for_update()).scalar()
            if raw is None:
                raise NotFoundError(f"uo {uo_id!r} not found", field="uo_id")
            uo = from_plain(UniteOperationnelle, orjson.loads(raw))
            current = {c.key: c for c in uo.capacites}
            for c in caps:
                c = c if c.maj is not None else replace(c, maj=recu_le)
                current[c.key] = c
                conn.execute(capacite_historique_t.insert().values(
                    uo_id=uo_id, recu_le=recu_le, auteur=auteur, data=orjson.dumps(to_plain(c))))
            uo = replace(uo, capacites=tuple(current.values()))
            conn.execute(uo_t.update().where(uo_t.c.id == uo_id).values(_row(uo)))
            return uo

    # -- reads ------------------------------------------------------------------------------
    def _get(self, cls: type, table: sa.Table, id_: str) -> Any:
        with self.engine.connect() as conn:
            raw = conn.execute(sa.select(table.c.data).where(table.c.id == id_)).scalar()
        entity = None if raw is None else _decode(lambda d: from_plain(cls, d), raw, table.name, id_)
        if entity is None:  # absent, or unreadable (logged): not there for the caller
            raise NotFoundError(f"{table.name} {id_!r} not found", field=f"{table.name}_id")
        return entity

    def get_ej(self, id_: str) -> EntiteJuridique:
        return self._get(EntiteJuridique, ej_t, id_)

    def get_eg(self, id_: str) -> EntiteGeographique:
        return self._get(EntiteGeographique, eg_t, id_)

    def get_oi(self, id_: str) -> OrganisationInterne:
        return self._get(OrganisationInterne, oi_t, id_)

    def get_uo(self, id_: str) -> UniteOperationnelle:
        return self._get(UniteOperationnelle, uo_t, id_)

    def get_professionnel(self, id_: str) -> Professionnel:
        return self._get(Professionnel, professionnel_t, id_)

    def uo_ids_by_synchro(self, ids: Iterable[str]) -> dict[str, str]:
        """Map establishments' synchronisation ids (idExterneSynchro) to unit ids."""
        wanted = sorted(set(ids))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for k in range(0, len(wanted), 500):
                q = sa.select(uo_t.c.id_externe_synchro, uo_t.c.id).where(
                    uo_t.c.id_externe_synchro.in_(wanted[k:k + 500]))
                out.update({a: b for a, b in conn.execute(q)})
        return out

    def capacite_history(self, uo_id: str, limit: int = 500) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            q = (sa.select(capacite_historique_t).where(capacite_historique_t.c.uo_id == uo_id)
                 .order_by(capacite_historique_t.c.id.desc()).limit(limit))
            return [{"id": r.id, "recu_le": _utc(r.recu_le), "auteur": r.auteur,
                     "capacite": from_plain(Capacite, orjson.loads(r.data))} for r in conn.execute(q)]

    def capacite_changes(self, after_id: int) -> tuple[int, list[str]]:
        """The change feed of capacity: units updated since history id `after_id`, and the last id.

        Each API worker polls this before every search (an indexed range read on a held connection,
        ~20 µs) to bring its in-memory engine up to date with updates stored by the other workers.
        """
        rows = self.held_rows("capacite_changes", _CHANGES, after=after_id)
        if not rows:
            return after_id, []
        return rows[-1][0], list(dict.fromkeys(r[1] for r in rows))

    def held_rows(self, key: str, stmt: sa.Select, **params: Any) -> list[Any]:
        """Rows of a statement compiled once, run on a DBAPI connection held by the calling thread.

        For the API's per-request reads (change feed, key lookup): a pooled SQLAlchemy checkout
        costs 1-3 ms there, a held cursor tens of microseconds. Each read ends its transaction, so
        the next one sees every commit (WAL snapshot released).
        """
        held = self._held.__dict__
        if "conn" not in held:
            held["conn"] = self.engine.raw_connection()
            held["sql"] = {}
        compiled = held["sql"].get(key)
        if compiled is None:
            c = stmt.compile(dialect=self.engine.dialect)
            compiled = held["sql"][key] = (str(c), c.positiontup)
        sql, names = compiled
        args = tuple(params[n] for n in names) if names is not None else params
        cur = held["conn"].cursor()
        try:
            cur.execute(sql, args)
            return list(cur.fetchall())
        finally:
            cur.close()
            held["conn"].rollback()

    def capacite_last_id(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(capacite_historique_t.c.id))).scalar() or 0)

    def get_many(self, kind: str, ids: Iterable[str]) -> dict[str, Any]:
        """Several entities of one kind ("eg", "uo", "oi", "ej", "professionnel") in one query per
        500 ids: what an API page needs without one read per result."""
        cls, table = {"ej": (EntiteJuridique, ej_t), "eg": (EntiteGeographique, eg_t),
                      "oi": (OrganisationInterne, oi_t), "uo": (UniteOperationnelle, uo_t),
                      "professionnel": (Professionnel, professionnel_t)}[kind]
        wanted = sorted(set(ids))
        out: dict[str, Any] = {}
        with self.engine.connect() as conn:
            for k in range(0, len(wanted), 500):
                q = sa.select(table.c.id, table.c.data).where(table.c.id.in_(wanted[k:k + 500]))
                for i, raw in conn.execute(q):
                    entity = _decode(lambda d: from_plain(cls, d), raw, table.name, i)
                    if entity is not None:
                        out[i] = entity
        return out

    def uo_ids_of_eg(self, eg_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(uo_t.c.id).where(uo_t.c.eg_id == eg_id)
                                     .order_by(uo_t.c.id)).scalars())

    def eg_ids_of_ej(self, ej_id: str) -> list[str]:
        """Sites of a legal entity (FINESS activity flux gives authorisations per EJ)."""
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(eg_t.c.id).where(eg_t.c.ej_id == ej_id)
                                     .order_by(eg_t.c.id)).scalars())

    def professionnels_of_uo(self, uo_id: str) -> list[Professionnel]:
        """Professionals practising in a unit (a scan of the professional rows: sheets only)."""
        needle = orjson.dumps(uo_id).decode()
        out = []
        with self.engine.connect() as conn:
            q = sa.select(professionnel_t.c.data).where(
                sa.cast(professionnel_t.c.data, sa.Text).contains(needle, autoescape=True))
            for (raw,) in conn.execute(q):
                p = from_plain(Professionnel, orjson.loads(raw))
                if any(x.uo_id == uo_id for x in p.exercices):
                    out.append(p)
        return out

    def iter_entities(self) -> Iterator[tuple[str, Any]]:
        """Every entity, in a stable order (kind, id): what `export` writes."""
        with self.engine.connect() as conn:
            for kind, (cls, table) in _ENTITY_TABLES.items():
                read = reader(cls)
                for id_, raw in conn.execute(sa.select(table.c.id, table.c.data)
                                             .order_by(table.c.id)):
                    entity = _decode(read, raw, table.name, id_)
                    if entity is not None:
                        yield kind, entity

    def unreadable(self) -> Iterator[tuple[str, str, str]]:
        """(table, id, why) of every stored entity row that cannot be decoded."""
        with self.engine.connect() as conn:
            for _kind, (cls, table) in _ENTITY_TABLES.items():
                read = reader(cls)
                for id_, raw in conn.execute(sa.select(table.c.id, table.c.data)):
                    try:
                        read(orjson.loads(raw))
                    except Exception as exc:  # noqa: BLE001 - reported, whatever it is
                        yield str(table.name), str(id_), f"{type(exc).__name__}: {exc}"[:300]

    def load_offre(self) -> Offre:
        """The whole offer in memory (what the engine builds from).

        The cyclic garbage collector is paused meanwhile: the load allocates millions of small
        objects, none in a cycle, and each automatic collection would walk them all again (about
        half the load time at national scale otherwise).
        """
        offre = Offre()
        buckets = {"ej": offre.ej, "eg": offre.eg, "oi": offre.oi, "uo": offre.uo,
                   "professionnel": offre.professionnels}
        loads = orjson.loads
        paused = gc.isenabled()
        gc.disable()
        try:
            with self.engine.connect() as conn:
                for kind, (cls, table) in _ENTITY_TABLES.items():
                    read, bucket = reader(cls), buckets[kind]
                    rows = conn.execution_options(yield_per=5000).execute(
                        sa.select(table.c.data).order_by(table.c.id))
                    for part in rows.partitions():
                        for (raw,) in part:
                            try:
                                entity = read(loads(raw))
                            except Exception:  # noqa: BLE001 - logged and skipped by _decode
                                entity = _decode(read, raw, table.name)
                                if entity is None:
                                    continue
                            bucket[entity.id] = entity
        finally:
            release_shared()
            if paused:
                gc.enable()
        return offre

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {str(t.name): conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for t in (ej_t, eg_t, oi_t, uo_t, professionnel_t)}

    def is_empty(self) -> bool:
        return self.counts()["eg"] == 0


# Entity kind → (model class, table), in load and export order.
_ENTITY_TABLES: dict[str, tuple[type, sa.Table]] = {
    "ej": (EntiteJuridique, ej_t), "eg": (EntiteGeographique, eg_t),
    "oi": (OrganisationInterne, oi_t), "uo": (UniteOperationnelle, uo_t),
    "professionnel": (Professionnel, professionnel_t)}


def _decode(read: Any, raw: bytes, table: str, id_: str | None = None) -> Any | None:
    """One stored row as a model object, or None — with a logged warning — when it cannot be read:
    one bad row must not take search or the server's start down for everyone (`check` reports it,
    `check --repair` quarantines it)."""
    try:
        return read(orjson.loads(raw))
    except Exception as exc:  # noqa: BLE001 - any decoding fault of one row is that row's
        log.warning("store: unreadable %s row %s skipped (%s: %s)", table, id_ or "?",
                    type(exc).__name__, exc)
        return None


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes: everything we store is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()
