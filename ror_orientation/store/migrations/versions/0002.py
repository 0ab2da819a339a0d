"""Quarantine: rows `check --repair` moved aside because the program could not use them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("quarantaine",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("table_origine", sa.String(32), nullable=False),
                    sa.Column("ligne_id", sa.String(128), nullable=False, index=True),
                    sa.Column("data", sa.LargeBinary, nullable=False),
                    sa.Column("motif", sa.Text, nullable=False),
                    sa.Column("le", sa.DateTime(timezone=True), nullable=False))


def downgrade() -> None:
    op.drop_table("quarantaine")
