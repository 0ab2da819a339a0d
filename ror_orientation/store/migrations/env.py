"""Alembic's environment: runs the revisions on the connection `migrations.migrate` hands over
(inside its transaction), never on a URL of its own."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from ror_orientation.store.schema import metadata

connection = context.config.attributes["connection"]
assert isinstance(connection, Connection)
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
