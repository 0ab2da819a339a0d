"""Schema migrations of the store (Alembic): `versions/` holds one revision per schema change, the
first one being the schema of the first release; `open_schema` brings a store to this release's
head when it is opened, and refuses a store written by a newer release.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from ... import __version__
from ...errors import RorError
from ..schema import meta, metadata

HERE = Path(__file__).resolve().parent
BASELINE = "0001"  # the first release's schema (meta.schema_version = 1, no alembic_version table)
HEAD = "0006"  # this release's schema revision (a test checks it is the scripts' head)
FIRST_RELEASE = "0.1.0"


class SchemaError(RorError):
    """The store's schema is not one this release can use (written by a newer release)."""

    status = 500
    code = "schema"


def revision_of(conn: Connection) -> str | None:
    """The store's schema revision: an Alembic revision id, BASELINE for a store of the first
    release (it has no version table), None for an empty database."""
    tables = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in tables:
        rev = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        return str(rev) if rev is not None else None
    if "meta" in tables:
        return BASELINE + "-unstamped"
    return None


def written_by(conn: Connection) -> str:
    """The release that last migrated or created the store (the first release did not say)."""
    if "meta" not in set(sa.inspect(conn).get_table_names()):
        return "unknown"
    v = conn.execute(sa.select(meta.c.value).where(meta.c.key == "ecrit_par")).scalar()
    return str(v) if v is not None else FIRST_RELEASE


def _known(rev: str) -> bool:
    return (HERE / "versions" / f"{rev}.py").exists() or rev == BASELINE + "-unstamped"


def open_schema(engine: Engine, *, upgrade: bool = True) -> tuple[str | None, str]:
    """Create a new store at HEAD, upgrade an older one in place (`upgrade`), refuse a newer one;
    returns (revision found, revision now): None found for a new store.

    A store already at HEAD costs one catalogue read; only an upgrade loads Alembic.
    """
    with engine.begin() as conn:
        rev = revision_of(conn)
        if rev == HEAD:
            return rev, HEAD
        if rev is None:
            metadata.create_all(conn)
            conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                                 "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            conn.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES (:v)"),
                         {"v": HEAD})
            conn.execute(meta.insert(), [{"key": "schema_version", "value": "1"},
                                         {"key": "ecrit_par", "value": __version__}])
            return None, HEAD
        if not _known(rev):
            raise SchemaError(
                f"store {engine.url.render_as_string(hide_password=True)}: schema revision {rev!r} "
                f"was written by a newer release of ror-orientation ({written_by(conn)}); this "
                f"release ({__version__}) knows revisions up to {HEAD}: upgrade ror-orientation")
    if not upgrade:
        raise SchemaError(f"store {engine.url.render_as_string(hide_password=True)}: schema revision "
                          f"{rev} is older than this release's ({HEAD}): run `ror-orientation migrate`")
    return migrate(engine)


def migrate(engine: Engine) -> tuple[str | None, str]:
    """Upgrade the store to HEAD in one transaction; returns (revision before, revision after)."""
    from alembic import command
    from alembic.config import Config

    with engine.begin() as conn:
        before = revision_of(conn)
        config = Config()
        config.set_main_option("script_location", str(HERE))
        config.attributes["connection"] = conn
        if before == BASELINE + "-unstamped":
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
        conn.execute(meta.delete().where(meta.c.key == "ecrit_par"))
        conn.execute(meta.insert().values(key="ecrit_par", value=__version__))
        after = revision_of(conn)
    return before, after or HEAD


def describe(before: str | None, after: str) -> str:
    """One line on what opening a store did to its schema."""
    if before is None:
        return f"new store created at schema revision {after}"
    if before == after:
        return f"schema already at revision {after}, nothing to do"
    if before == BASELINE + "-unstamped":
        before = f"{BASELINE} (first release {FIRST_RELEASE})"
    return f"schema upgraded in place from revision {before} to {after}"
