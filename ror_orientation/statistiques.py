"""Counts of the stored offer per entity, region and champ (the `stats` command and the API)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import sqlalchemy as sa

from .store import Store, eg_t, uo_t


def statistiques(store: Store) -> dict[str, Any]:
    with store.engine.connect() as conn:
        per_region: dict[str | None, int] = dict(conn.execute(
            sa.select(eg_t.c.region, sa.func.count()).group_by(eg_t.c.region)).all())
        q = (sa.select(eg_t.c.region, uo_t.c.champ, sa.func.count())
             .select_from(uo_t.join(eg_t, uo_t.c.eg_id == eg_t.c.id))
             .group_by(eg_t.c.region, uo_t.c.champ))
        uo_rc: dict[str, dict[str, int]] = defaultdict(dict)
        champs: Counter[str] = Counter()
        for region, champ, n in conn.execute(q):
            uo_rc[region or "?"][champ or "?"] = n
            champs[champ or "?"] += n
    return {
        "entites": store.counts(),
        "eg_par_region": {k or "?": v for k, v in per_region.items()},
        "uo_par_champ": dict(champs),
        "uo_par_region_champ": dict(uo_rc),
        "schema_version": store.schema_version(),
    }
