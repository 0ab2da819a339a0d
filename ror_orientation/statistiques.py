"""Counts of the stored offer per entity, region and champ (the `stats` command and the API)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TypedDict

from .store import Store


class Statistiques(TypedDict):
    entites: dict[str, int]
    eg_par_region: dict[str, int]
    uo_par_champ: dict[str, int]
    uo_par_region_champ: dict[str, dict[str, int]]
    schema_version: str


def statistiques(store: Store) -> Statistiques:
    uo_rc: dict[str, dict[str, int]] = defaultdict(dict)
    champs: Counter[str] = Counter()
    for region, champ, n in store.offre.uo_per_region_champ():
        uo_rc[region or "?"][champ or "?"] = n
        champs[champ or "?"] += n
    return {
        "entites": store.counts(),
        "eg_par_region": {k or "?": v for k, v in store.offre.eg_per_region().items()},
        "uo_par_champ": dict(champs),
        "uo_par_region_champ": dict(uo_rc),
        "schema_version": store.schema_version(),
    }
