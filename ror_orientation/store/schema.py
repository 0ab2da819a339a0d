"""The store's tables (SQLAlchemy Core metadata): the schema the migrations build and check.

Each entity is a row with its indexed keys plus the codec's JSON of the model object; the
capacity history doubles as the change feed; population snapshots and the application registry
live beside them. A change here needs a migration in `migrations/versions/`.
"""

from __future__ import annotations

import sqlalchemy as sa

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
# Quarterly population snapshots: counts per quarter, region and champ.
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
# Connected applications (cercle de confiance): only the key's hash is kept.
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
# Rows the program could not use, moved here whole by `check --repair` (revision 0002).
quarantaine_t = sa.Table(
    "quarantaine", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("table_origine", sa.String(32), nullable=False),
    sa.Column("ligne_id", sa.String(128), nullable=False, index=True),
    sa.Column("data", sa.LargeBinary, nullable=False),  # the row's data as it was stored
    sa.Column("motif", sa.Text, nullable=False),
    sa.Column("le", sa.DateTime(timezone=True), nullable=False),
)

# -- editing (revision 0003): working copies, drafts, journal, publications (store/edition.py) --

# The shared working copy of a record under edition (one per record): what "Enregistrer" writes.
fiche_t = sa.Table(
    "edition_fiche", metadata,
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
# A person's unsaved form state for one record: written on every keystroke pause (autosave).
# `personne` is the e-mail of a person declared on the key ("" for a key that declares nobody).
brouillon_t = sa.Table(
    "edition_brouillon", metadata,
    sa.Column("application_id", sa.Integer, primary_key=True),
    sa.Column("personne", sa.String(254), primary_key=True),
    sa.Column("kind", sa.String(8), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("base_version", sa.Integer, nullable=False),
    sa.Column("enregistre_le", sa.DateTime(timezone=True), nullable=False),
)
# Who changed what, when: one row per field changed (old → new), or per workflow step.
journal_t = sa.Table(
    "edition_journal", metadata,
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
    sa.Column("personne", sa.String(254)),  # the author's e-mail (revision 0004), None before
    sa.Index("ix_edition_journal_record", "kind", "id"),
)
# The persons who edit or validate under an application's key (revision 0004): each has its own
# drafts, and the journal and the validations name them.
personne_t = sa.Table(
    "edition_personne", metadata,
    sa.Column("application_id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(254), primary_key=True),  # lower-cased
    sa.Column("nom", sa.String(120), nullable=False),
    sa.Column("ajoute_le", sa.DateTime(timezone=True), nullable=False),
    sa.Column("retire_le", sa.DateTime(timezone=True)),
)
# The change feed of publications: every worker applies what any worker published.
publication_t = sa.Table(
    "edition_publication", metadata,
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("id", sa.String(64), nullable=False),
    sa.Column("publie_le", sa.DateTime(timezone=True), nullable=False),
)

# When an import last wrote a record that had been edited by hand (import meets editing).
import_t = sa.Table(
    "edition_import", metadata,
    sa.Column("kind", sa.String(8), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("importe_le", sa.DateTime(timezone=True), nullable=False),
    sa.Column("source", sa.String(256), nullable=False),
)

# -- FHIR imports (revision 0005): national references → records, and links waiting for a target --

# The record each national FHIR resource became ("Organization/12" → eg 350000741).
fhir_reference_t = sa.Table(
    "fhir_reference", metadata,
    sa.Column("reference", sa.String(160), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("id", sa.String(64), nullable=False, index=True),
    sa.Column("source", sa.String(256), nullable=False),
    sa.Column("le", sa.DateTime(timezone=True), nullable=False),
)
# A reference whose target is neither in its file nor in the store, with the resources that wait.
fhir_attente_t = sa.Table(
    "fhir_attente", metadata,
    sa.Column("n", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_ref", sa.String(160), nullable=False, index=True),
    sa.Column("champ", sa.String(64), nullable=False),
    sa.Column("cible", sa.String(160), nullable=False, index=True),
    sa.Column("bloquant", sa.Boolean, nullable=False),
    sa.Column("ressources", sa.LargeBinary, nullable=False),  # JSON list of FHIR resources
    sa.Column("source", sa.String(256), nullable=False),
    sa.Column("le", sa.DateTime(timezone=True), nullable=False),
)

# -- one activité opérationnelle per unit (revision 0006) --

# Each unit made by splitting a stored unit of several activities, and the unit it came from (in
# the order of the split): what an operator reads, and what the revision's downgrade merges back.
uo_scission_t = sa.Table(
    "uo_scission", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("origine", sa.String(64), nullable=False, index=True),
    sa.Column("activite", sa.String(8), nullable=False),
    sa.Column("rang", sa.Integer, nullable=False),
    sa.Column("le", sa.DateTime(timezone=True), nullable=False),
)
