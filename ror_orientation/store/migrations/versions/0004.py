"""Editing by named persons: the persons declared on a key, drafts per person, the journal's author.

Revision ID: 0004
Revises: 0003

Drafts written before this revision belonged to a whole key; they are kept under the key's unnamed
person ("") and the first declared person who opens the record takes them over (edition/saisie.py).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = ("application_id", "kind", "id", "data", "base_version", "enregistre_le")


def _brouillon(name: str, with_personne: bool) -> None:
    cols: list[sa.Column[Any]] = [sa.Column("application_id", sa.Integer, primary_key=True)]
    if with_personne:
        cols.append(sa.Column("personne", sa.String(254), primary_key=True))
    cols += [sa.Column("kind", sa.String(8), primary_key=True),
             sa.Column("id", sa.String(64), primary_key=True),
             sa.Column("data", sa.LargeBinary, nullable=False),
             sa.Column("base_version", sa.Integer, nullable=False),
             sa.Column("enregistre_le", sa.DateTime(timezone=True), nullable=False)]
    op.create_table(name, *cols)


def upgrade() -> None:
    op.create_table(
        "edition_personne",
        sa.Column("application_id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("nom", sa.String(120), nullable=False),
        sa.Column("ajoute_le", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retire_le", sa.DateTime(timezone=True)),
    )
    with op.batch_alter_table("edition_journal") as batch:
        batch.add_column(sa.Column("personne", sa.String(254)))
    # The primary key gains a column: a new table, the old rows copied under the unnamed person.
    _brouillon("edition_brouillon_0004", with_personne=True)
    cols = ", ".join(_COLUMNS)
    op.execute(f"INSERT INTO edition_brouillon_0004 (personne, {cols}) "
               f"SELECT '', {cols} FROM edition_brouillon")
    op.drop_table("edition_brouillon")
    op.rename_table("edition_brouillon_0004", "edition_brouillon")


def downgrade() -> None:
    _brouillon("edition_brouillon_0003", with_personne=False)
    cols = ", ".join(_COLUMNS)
    # One draft per key and record again: the most recent person's draft wins.
    op.execute(f"INSERT INTO edition_brouillon_0003 ({cols}) SELECT {cols} FROM edition_brouillon b "
               "WHERE NOT EXISTS (SELECT 1 FROM edition_brouillon o WHERE o.application_id = "
               "b.application_id AND o.kind = b.kind AND o.id = b.id AND (o.enregistre_le > "
               "b.enregistre_le OR (o.enregistre_le = b.enregistre_le AND o.personne > b.personne)))")
    op.drop_table("edition_brouillon")
    op.rename_table("edition_brouillon_0003", "edition_brouillon")
    with op.batch_alter_table("edition_journal") as batch:
        batch.drop_column("personne")
    op.drop_table("edition_personne")
