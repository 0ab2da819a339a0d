"""Quarantine of stored rows the program cannot use (`check --repair`): the row is moved, whole and
unchanged, into the `quarantaine` table with why and when, so the offer served is clean and nothing
is destroyed (an operator can read it back and fix it by hand).

Rows moved: entity rows that cannot be decoded, and units whose capacity records are dated outside
the sane range (the unit stays, without those records; its original row is kept in quarantine).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import sqlalchemy as sa

from ..errors import ValidationError
from ..offre import UniteOperationnelle
from ..validation import check_recorded_instant
from .capacites import DATATION_KEY
from .database import Database
from .meta import bump_structure_version, write_value
from .offre import KINDS, OffreRepository, read_or_skip, row_of
from .schema import quarantaine_t, uo_t


@dataclass(slots=True)
class Reparation:
    """What `check --repair` moved: (table, id, why) per row."""

    deplaces: list[tuple[str, str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"quarantaine": len(self.deplaces),
                "lignes": [{"table": t, "id": i, "motif": m} for t, i, m in self.deplaces[:1000]]}


def _bad_instants(uo: UniteOperationnelle) -> list[int]:
    bad = []
    for i, c in enumerate(uo.capacites):
        try:
            check_recorded_instant(c.maj, f"capacites[{i}].maj")
        except ValidationError:
            bad.append(i)
    return bad


def reparer(db: Database, offre: OffreRepository) -> Reparation:
    """Quarantine every row the program cannot use, in one transaction."""
    out = Reparation()
    now = datetime.now(UTC)
    tables = {t.name: t for _cls, t in KINDS.values()}
    unreadable = list(offre.unreadable())
    with db.transaction() as conn:
        for name, id_, why in unreadable:
            table = tables[name]
            raw = conn.execute(sa.select(table.c.data).where(table.c.id == id_)).scalar_one()
            conn.execute(quarantaine_t.insert().values(table_origine=name, ligne_id=id_, data=raw,
                                                       motif=f"unreadable: {why}", le=now))
            conn.execute(table.delete().where(table.c.id == id_))
            out.deplaces.append((name, id_, f"unreadable: {why}"))
        unreadable_ids = {i for n, i, _w in unreadable if n == "uo"}
        for id_, raw in conn.execute(sa.select(uo_t.c.id, uo_t.c.data)).all():
            if id_ in unreadable_ids:
                continue
            uo = read_or_skip(UniteOperationnelle, "uo", id_, raw)
            if uo is None:
                continue
            bad = _bad_instants(uo)
            if not bad:
                continue
            why = f"{len(bad)} capacity record(s) dated outside the sane range removed"
            conn.execute(quarantaine_t.insert().values(table_origine="uo", ligne_id=id_, data=raw,
                                                       motif=why, le=now))
            kept = tuple(c for i, c in enumerate(uo.capacites) if i not in bad)
            conn.execute(uo_t.update().where(uo_t.c.id == id_)
                         .values(row_of(replace(uo, capacites=kept))))
            out.deplaces.append(("uo", id_, why))
        if out.deplaces:  # the offer's description changed: the image is recompiled, dates rescanned
            bump_structure_version(conn)
            write_value(conn, DATATION_KEY, None)
    return out
