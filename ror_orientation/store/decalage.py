"""The re-dating offset of the stored bed figures: one row of `meta`, the seconds to add to every
capacity time a unit row holds to give its true time. A served demo is re-dated by moving this
offset (instant), not by rewriting the units; every read of a unit adds it, every write takes it
off, so the rows and the offset always give the same true times."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..offre import Capacite, UniteOperationnelle
from .schema import meta

KEY = "decalage_capacites"

# The offset as a column of a read (one scalar subquery): read in the same statement as the rows,
# it is the offset they were written with, whatever commits meanwhile.
COLONNE: sa.ScalarSelect[str] = (
    sa.select(meta.c.value).where(meta.c.key == KEY).scalar_subquery())


def secondes(valeur: object) -> int:
    """The offset from its stored value (None: never re-dated)."""
    return int(str(valeur)) if valeur is not None else 0


def lire(conn: Connection) -> int:
    """The offset, read in the caller's connection (its transaction's view)."""
    return secondes(conn.execute(sa.select(meta.c.value).where(meta.c.key == KEY)).scalar())


def ecrire(conn: Connection, valeur: int) -> None:
    """Set the offset in the caller's transaction."""
    conn.execute(meta.delete().where(meta.c.key == KEY))
    conn.execute(meta.insert().values(key=KEY, value=str(valeur)))


def decaler_unite(uo: UniteOperationnelle, secondes_: int) -> UniteOperationnelle:
    """The unit with every capacity time (its own and its places') moved by `secondes_`."""
    if not secondes_ or not (uo.capacites or any(x.capacites for x in uo.lieux)):
        return uo
    delta = timedelta(seconds=secondes_)

    def moved(caps: tuple[Capacite, ...]) -> tuple[Capacite, ...]:
        return tuple(replace(c, maj=c.maj + delta) if c.maj is not None else c for c in caps)

    return replace(uo, capacites=moved(uo.capacites),
                   lieux=tuple(replace(x, capacites=moved(x.capacites)) if x.capacites else x
                               for x in uo.lieux))
