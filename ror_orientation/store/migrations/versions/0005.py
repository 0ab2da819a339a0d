"""FHIR imports: the national reference of each imported resource, and the links waiting for their
target (importers/fhir.py). The new model fields (places, identifiers, age unit...) live in the rows'
JSON and need no column: rows written before read with their defaults.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fhir_reference",
        sa.Column("reference", sa.String(160), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("id", sa.String(64), nullable=False, index=True),
        sa.Column("source", sa.String(256), nullable=False),
        sa.Column("le", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "fhir_attente",
        sa.Column("n", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_ref", sa.String(160), nullable=False, index=True),
        sa.Column("champ", sa.String(64), nullable=False),
        sa.Column("cible", sa.String(160), nullable=False, index=True),
        sa.Column("bloquant", sa.Boolean, nullable=False),
        sa.Column("ressources", sa.LargeBinary, nullable=False),
        sa.Column("source", sa.String(256), nullable=False),
        sa.Column("le", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fhir_attente")
    op.drop_table("fhir_reference")
