"""Editing: working copies, per-user drafts, the audit journal, the publication feed and import dates.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "edition_fiche",
        sa.Column("kind", sa.String(8), primary_key=True),  # ej / eg / oi / uo
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("eg_id", sa.String(32), index=True),  # the EG whose editors own it (None for an EJ)
        sa.Column("parent_id", sa.String(64), index=True),
        sa.Column("data", sa.LargeBinary, nullable=False),  # the entity as the codec's plain JSON
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("etat", sa.String(16), nullable=False),
        sa.Column("nouveau", sa.Boolean, nullable=False),  # never published yet
        sa.Column("modifie_par", sa.String(160), nullable=False),
        sa.Column("modifie_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("soumis_par", sa.String(160)),
        sa.Column("soumis_le", sa.DateTime(timezone=True)),
        sa.Column("valide_par", sa.String(160)),
        sa.Column("valide_le", sa.DateTime(timezone=True)),
        sa.Column("retour", sa.Text),  # the comment of the last return for correction
        sa.Column("publie_version", sa.Integer),
        sa.Column("publie_le", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "edition_brouillon",
        sa.Column("application_id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("enregistre_le", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "edition_journal",
        sa.Column("n", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("eg_id", sa.String(32)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("champ", sa.String(160)),
        sa.Column("ancien", sa.Text),  # JSON
        sa.Column("nouveau", sa.Text),  # JSON
        sa.Column("commentaire", sa.Text),
        sa.Column("auteur", sa.String(160), nullable=False),
        sa.Column("quand", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_edition_journal_record", "kind", "id"),
    )
    op.create_table(
        "edition_publication",
        sa.Column("n", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("publie_le", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "edition_import",
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("importe_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(256), nullable=False),
    )


def downgrade() -> None:
    for table in ("edition_import", "edition_publication", "edition_journal", "edition_brouillon",
                  "edition_fiche"):
        op.drop_table(table)
