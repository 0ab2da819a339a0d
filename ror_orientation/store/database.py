"""The connection to the store: the SQLAlchemy engine (SQLite WAL by default, or any URL),
transactions, and statements held compiled on a per-thread DBAPI connection for per-request reads.

Knows nothing of the model: the repositories (offre, capacites, applications, snapshots, meta)
build their SQL on top of it; opening brings the schema to this release's revision (migrations).
"""

from __future__ import annotations

import mmap
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ..memo import remember
from . import migrations

# What a held statement's parameters and rows hold (text, integers, times, None).
Valeur = str | int | float | bytes | datetime | None


class _Cursor(Protocol):
    def execute(self, sql: str, params: tuple[Valeur, ...] | Mapping[str, Valeur], /) -> object: ...
    def fetchall(self) -> list[tuple[Valeur, ...]]: ...
    def close(self) -> None: ...


class Database:
    """An open store: the engine and its per-thread held connection. Open with a path or a URL."""

    def __init__(self, target: str | Path, *, upgrade: bool = True) -> None:
        url = str(target)
        if "://" not in url:
            path = Path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{path}"
        self.url = url
        self.engine: Engine = sa.create_engine(url)
        self._held = threading.local()  # per-thread DBAPI connection for held_rows
        # A file SQLite store: each held connection is its own (never used to write), so its
        # data_version tells whether any commit happened since its last read. Not in memory, where
        # a thread's held connection is also the one it writes with.
        db = self.engine.url.database or ""
        self._keeps_rows = (self.engine.dialect.name == "sqlite" and db not in ("", ":memory:")
                            and "mode=memory" not in url)
        self._shm = f"{db}-shm" if self._keeps_rows else None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        # (revision found, revision now): what opening did to the schema
        self.migration = migrations.open_schema(self.engine, upgrade=upgrade)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: commits on success, rolls back on any exception."""
        with self.engine.begin() as conn:
            yield conn

    def connect(self) -> Connection:
        return self.engine.connect()

    @contextmanager
    def une_lecture(self) -> Iterator[None]:
        """One request's held reads on this thread: the change counter is read at the first only,
        so the others see the store as of that read or later (a search's key and feed reads
        then cost one pragma, not three)."""
        held = self._held.__dict__
        held["une_lecture"] = 0
        try:
            yield
        finally:
            held.pop("une_lecture", None)

    def held_rows(self, key: str, stmt: sa.Select[tuple[Valeur, ...]],
                  **params: Valeur) -> list[tuple[Valeur, ...]]:
        """Rows of a statement compiled once, run on a DBAPI connection held by the calling thread.

        For the API's per-request reads (change feed, key lookup): a pooled SQLAlchemy checkout
        costs 1-3 ms there, a held cursor tens of microseconds. Each read ends its transaction, so
        the next one sees every commit (WAL snapshot released). On a file SQLite store the rows
        are kept until another connection commits (its `data_version` changes): a search's feed
        and key reads then cost one pragma each while nothing changed.
        """
        held = self._held_connection()
        kept: dict[tuple[str, tuple[tuple[str, Valeur], ...]], list[tuple[Valeur, ...]]] | None = (
            held["kept"])
        if kept is not None:
            if held.get("une_lecture") == 1:  # checked once in this request already
                version = held["version"]
            else:
                header = _wal_header(held.get("shm"))
                if header is not None and header == held["wal"]:
                    version = held["version"]  # no commit since the last pragma
                else:
                    version = _data_version(held["conn"])
                    held["wal"] = header
                    if "shm" not in held and self._shm is not None:
                        # mapped once this connection has opened the WAL index (its lock on it
                        # keeps the file from being truncated or removed while it is mapped)
                        held["shm"] = _map_shm(self._shm)
                if held.get("une_lecture") == 0:
                    held["une_lecture"] = 1
            if version != held["version"]:
                kept.clear()
                held["version"] = version
            else:
                hit = kept.get((key, tuple(params.items())))
                if hit is not None:
                    return list(hit)
        rows = self._run_held(held, key, stmt, params)
        if kept is not None:
            remember(kept, (key, tuple(params.items())), rows, _KEPT_MAX)  # unknown keys: bounded
            return list(rows)
        return rows

    @property
    def reads_held(self) -> bool:
        """Whether `held_read` may serve a read: a file SQLite store, where the held connection is
        the thread's own, never the one a transaction of the caller's writes with."""
        return self._keeps_rows

    def held_read(self, key: str, stmt: sa.Select[Any],
                  params: Mapping[str, Valeur]) -> list[tuple[Valeur, ...]]:
        """Rows of a statement compiled once, run on the calling thread's held connection, in a
        transaction of their own (every commit before it is seen), none kept: for reads whose
        parameters seldom repeat (a page's records). Only where `reads_held`."""
        if not self._keeps_rows:
            raise RuntimeError("held reads need a file SQLite store")
        return self._run_held(self._held_connection(), key, stmt, params)

    def _held_connection(self) -> dict[str, Any]:
        held = self._held.__dict__
        if "conn" not in held:
            held["conn"] = self.engine.raw_connection()
            held["sql"] = {}
            # rows kept while SQLite's data_version of this connection is unchanged: no other
            # connection committed since, so the same statement gives the same rows
            held["kept"] = {} if self._keeps_rows else None
            held["version"] = None
            held["wal"] = None  # the WAL index header as it was before the last pragma
        return held

    def _run_held(self, held: dict[str, Any], key: str, stmt: sa.Select[Any],
                  params: Mapping[str, Valeur]) -> list[tuple[Valeur, ...]]:
        compiled: tuple[str, list[str] | None, dict[str, Valeur]] | None = held["sql"].get(key)
        if compiled is None:
            c = stmt.compile(dialect=self.engine.dialect)
            positions = c.positiontup
            # the values the statement binds itself (a literal compared with), beside the caller's
            fixed = {k: v for k, v in c.params.items() if k not in params}
            compiled = held["sql"][key] = (str(c), list(positions) if positions is not None else None,
                                           fixed)
        sql, names, fixed = compiled
        if fixed:
            params = {**fixed, **params}
        args = tuple(params[n] for n in names) if names is not None else params
        cur: _Cursor = held["conn"].cursor()
        try:
            cur.execute(sql, args)
            rows = list(cur.fetchall())
        finally:
            cur.close()
            held["conn"].rollback()
        return rows

    def close(self) -> None:
        shm = self._held.__dict__.pop("shm", None)
        if shm is not None:
            shm.close()
        conn = self._held.__dict__.pop("conn", None)
        if conn is not None:
            conn.close()
        self.engine.dispose()


def utc(value: datetime | str) -> datetime:
    """SQLite hands back naive datetimes (or text from a raw cursor): everything we store is UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


_KEPT_MAX = 1024


def _data_version(conn: sa.engine.interfaces.DBAPIConnection) -> object:
    """SQLite's counter of commits made by other connections (one cheap pragma, no table read)."""
    cur = conn.cursor()
    try:
        cur.execute("PRAGMA data_version")
        row = cur.fetchone()
        return row[0] if row is not None else None
    finally:
        cur.close()


# SQLite's WAL index (the "-shm" file beside a WAL database, https://sqlite.org/walformat.html)
# opens with two copies of a 48-byte header that every commit rewrites (its change counter, last
# frame, salts and checksum), the second copy first. Each search's first held read used to ask
# `PRAGMA data_version`, which opens a read transaction (a few µs) and releases the GIL: in a busy
# worker the search thread then waited for the event loop to hand the GIL back (py-spy put ~0.2 ms
# of a request there; time waited, not CPU). Reading the header is a 96-byte copy from memory
# that keeps the GIL: when both copies equal what was read before the last pragma, no connection
# has committed since, so that pragma's answer stands.
_WAL_VERSION = (3007000).to_bytes(4, sys.byteorder)  # iVersion, in the machine's byte order
_WAL_HEADER = 48


def _map_shm(path: str) -> mmap.mmap | None:
    """The WAL index file mapped read-only, None when there is none to read (then every held read
    asks the pragma, as a store not in WAL mode does)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if os.fstat(fd).st_size < 2 * _WAL_HEADER:
            return None
        return mmap.mmap(fd, 2 * _WAL_HEADER, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def _wal_header(shm: mmap.mmap | None) -> bytes | None:
    """The WAL index header when it is readable and whole (both copies equal, initialised, the
    format SQLite has written since 3.7.0), else None: then the pragma decides."""
    if shm is None:
        return None
    both = shm[:2 * _WAL_HEADER]
    first = both[:_WAL_HEADER]
    if first != both[_WAL_HEADER:] or first[:4] != _WAL_VERSION or first[12] != 1:
        return None
    return first


def _sqlite_pragmas(dbapi_conn: sa.engine.interfaces.DBAPIConnection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()
