"""The store's own facts (table `meta`): the schema revision and the structure version, a counter
of writes to the offer's description that lets derived results be cached across processes."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .database import Database
from .migrations import revision_of
from .schema import meta


def bump_structure_version(conn: Connection) -> None:
    """Count one more write to the offer's description (not capacity updates), and name this
    state of it: two stores written as many times (one regenerated in place of the other) share
    a count, never a name, so nothing derived from one is taken for the other's."""
    n = conn.execute(sa.select(meta.c.value).where(meta.c.key == "structure_version")).scalar()
    if n is None:
        conn.execute(meta.insert().values(key="structure_version", value="1"))
    else:
        conn.execute(meta.update().where(meta.c.key == "structure_version")
                     .values(value=str(int(n) + 1)))
    write_value(conn, "structure_id", uuid.uuid4().hex)


def structure_version(db: Database) -> int:
    with db.connect() as conn:
        n = conn.execute(sa.select(meta.c.value).where(meta.c.key == "structure_version")).scalar()
    return int(n or 0)


def structure_id(db: Database) -> str:
    """The name of the offer's description as last written ("" before any write)."""
    return read_value(db, "structure_id") or ""


def schema_revision(db: Database) -> str:
    """The Alembic revision the store is at."""
    with db.connect() as conn:
        return revision_of(conn) or ""


def read_value(db: Database, key: str) -> str | None:
    with db.connect() as conn:
        value = conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()
    return None if value is None else str(value)


def write_value(conn: Connection, key: str, value: str | None) -> None:
    """Set (None: remove) one of the store's own facts, in the caller's transaction."""
    conn.execute(meta.delete().where(meta.c.key == key))
    if value is not None:
        conn.execute(meta.insert().values(key=key, value=value))
