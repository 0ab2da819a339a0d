"""The store: one SQLite file (WAL) by default, or any SQLAlchemy URL, through SQLAlchemy Core.

Only this package speaks SQL, and only portable SQL, so the same code runs on PostgreSQL by changing
the URL. One repository module per aggregate — `offre` (EJ, EG, OI, UO, professionals), `capacites`
(history and change feed), `applications`, `snapshots` (population), `meta` — over `database`;
`schema` holds the tables and `migrations/` their Alembic revisions. Every import is one
transaction: a bad record rolls it all back and the store is left as it was.
"""

from .applications import ApplicationRow
from .capacites import DECALAGE, Datation, EntreeHistorique
from .database import Database
from .migrations import BASELINE, SchemaError
from .migrations import HEAD as SCHEMA_VERSION
from .projections import EGProjection, UOProjection
from .rapport import ImportReport
from .schema import (
    application_t,
    capacite_historique_t,
    eg_t,
    ej_t,
    metadata,
    oi_t,
    peuplement_snapshot_eg_t,
    peuplement_snapshot_t,
    professionnel_t,
    quarantaine_t,
    uo_t,
)
from .snapshots import CelluleSnapshot, LigneSnapshotEG
from .store import Store

__all__ = ["BASELINE", "DECALAGE", "SCHEMA_VERSION", "ApplicationRow", "CelluleSnapshot", "Database", "Datation",
           "EGProjection", "EntreeHistorique", "ImportReport", "LigneSnapshotEG", "SchemaError", "Store",
           "UOProjection", "application_t", "capacite_historique_t", "eg_t", "ej_t", "metadata",
           "oi_t", "peuplement_snapshot_eg_t", "peuplement_snapshot_t",
           "professionnel_t", "quarantaine_t", "uo_t"]
