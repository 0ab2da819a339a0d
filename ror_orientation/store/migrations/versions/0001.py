"""Baseline: the schema of the first release (0.1.0), which recorded meta.schema_version = 1.

A store of the first release has exactly these tables and is stamped with this revision when it is
first opened; a new store is created at the head directly.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))
    op.create_table("ej", sa.Column("id", sa.String(32), primary_key=True),
                    sa.Column("data", sa.LargeBinary, nullable=False))
    op.create_table("eg", sa.Column("id", sa.String(32), primary_key=True),
                    sa.Column("ej_id", sa.String(32), index=True),
                    sa.Column("categorie", sa.String(8), index=True),
                    sa.Column("region", sa.String(4), index=True),
                    sa.Column("departement", sa.String(4), index=True),
                    sa.Column("data", sa.LargeBinary, nullable=False))
    op.create_table("oi", sa.Column("id", sa.String(64), primary_key=True),
                    sa.Column("eg_id", sa.String(32), index=True, nullable=False),
                    sa.Column("parent_id", sa.String(64)),
                    sa.Column("data", sa.LargeBinary, nullable=False))
    op.create_table("uo", sa.Column("id", sa.String(64), primary_key=True),
                    sa.Column("eg_id", sa.String(32), index=True, nullable=False),
                    sa.Column("oi_id", sa.String(64)),
                    sa.Column("champ", sa.String(4), index=True),
                    sa.Column("id_externe_synchro", sa.String(128), index=True),
                    sa.Column("statut", sa.String(16)),
                    sa.Column("data", sa.LargeBinary, nullable=False))
    op.create_table("professionnel", sa.Column("id", sa.String(32), primary_key=True),
                    sa.Column("data", sa.LargeBinary, nullable=False))
    op.create_table("capacite_historique",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("uo_id", sa.String(64), index=True, nullable=False),
                    sa.Column("recu_le", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("auteur", sa.String(128), nullable=False),
                    sa.Column("data", sa.LargeBinary, nullable=False))
    op.create_table("peuplement_snapshot",
                    sa.Column("trimestre", sa.String(8), primary_key=True),
                    sa.Column("region", sa.String(4), primary_key=True),
                    sa.Column("champ", sa.String(16), primary_key=True),
                    sa.Column("cible", sa.Integer, nullable=False),
                    sa.Column("finalise", sa.Integer, nullable=False),
                    sa.Column("en_cours", sa.Integer, nullable=False),
                    sa.Column("a_faire", sa.Integer, nullable=False),
                    sa.Column("pris_le", sa.DateTime(timezone=True), nullable=False))
    op.create_table("peuplement_snapshot_eg",
                    sa.Column("trimestre", sa.String(8), primary_key=True),
                    sa.Column("eg_id", sa.String(32), primary_key=True),
                    sa.Column("champ", sa.String(16), primary_key=True),
                    sa.Column("region", sa.String(4), index=True),
                    sa.Column("departement", sa.String(4)),
                    sa.Column("statut", sa.String(16), nullable=False),
                    sa.Column("n_finalise", sa.Integer, nullable=False),
                    sa.Column("n_en_cours", sa.Integer, nullable=False),
                    sa.Column("n_a_faire", sa.Integer, nullable=False))
    op.create_table("application",
                    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                    sa.Column("nom", sa.String(128), nullable=False),
                    sa.Column("region", sa.String(4), index=True),
                    sa.Column("proprietaire", sa.String(256), nullable=False),
                    sa.Column("droits", sa.String(256), nullable=False),
                    sa.Column("eg_ids", sa.Text, nullable=False),
                    sa.Column("cle_hash", sa.String(64), unique=True, nullable=False),
                    sa.Column("cree_le", sa.DateTime(timezone=True), nullable=False),
                    sa.Column("revoque_le", sa.DateTime(timezone=True)))
    op.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")


def downgrade() -> None:
    for table in ("application", "peuplement_snapshot_eg", "peuplement_snapshot",
                  "capacite_historique", "professionnel", "uo", "oi", "eg", "ej", "meta"):
        op.drop_table(table)
