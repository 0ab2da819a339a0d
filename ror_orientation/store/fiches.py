"""The offer read from the store on demand: what a worker serving from the offer image holds
instead of the whole offer decoded into Python objects (~750 MiB at national scale).

Each kind of record is a mapping over its table: a record is read when asked (a page's units in
one batch: `OffreStockee.unites`) and kept in a small LRU; a record the engine applies (a
publication, new capacity figures) goes into that LRU too — the store holds the same or newer, so a
record evicted and read again is never older than what the engine applied.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from ..offre import EntiteGeographique, Offre, UniteOperationnelle
from .offre import CHUNK

if TYPE_CHECKING:
    from .store import Store

E = TypeVar("E")
# Records of one kind kept in memory (a few pages' worth, many times over). The memos made per
# unit record (bed figures, a line's facts, the number to call) keep no more entries: each holds
# the record it was made from, and one whose record this LRU let go never serves again (a record
# read again is a new object), yet kept it alive (8,192-20,000 entries: up to ~5x this many
# records, measured growing past the LRU on a wider SAMU mix).
CACHE = 4096


class Fiches(MutableMapping[str, E], Generic[E]):
    """One kind of record ("uo", "eg", ...) as a mapping over its table."""

    def __init__(self, store: Store, kind: str, cache: int = CACHE) -> None:
        self.store = store
        self.kind = kind
        self.cache = cache
        self._lru: OrderedDict[str, E] = OrderedDict()
        self._lock = threading.Lock()  # routes run in a thread pool: one LRU, many readers

    def _keep(self, key: str, value: E) -> None:
        with self._lock:
            self._lru[key] = value
            self._lru.move_to_end(key)
            while len(self._lru) > self.cache:
                self._lru.popitem(last=False)

    def many(self, keys: Iterable[str]) -> dict[str, E]:
        """Several records, in the order asked, those not in memory in one read. (One pass under
        the lock for the ones held: a page's lookup, every search, was three passes and a copy.)"""
        keys = keys if isinstance(keys, list) else list(keys)
        lru = self._lru
        out: dict[str, E] = {}
        missing: list[str] = []
        with self._lock:
            for k in keys:
                v = lru.get(k)
                if v is None:
                    missing.append(k)
                else:
                    out[k] = v
                    lru.move_to_end(k)
        if not missing:
            return out
        found = cast(dict[str, E], self.store.get_many(self.kind, missing))
        for k, v in found.items():
            self._keep(k, v)
        out.update(found)
        return {k: out[k] for k in keys if k in out}

    def __getitem__(self, key: str) -> E:
        found = self.many([key])
        if key not in found:
            raise KeyError(key)
        return found[key]

    def __setitem__(self, key: str, value: E) -> None:
        self._keep(key, value)

    def __delitem__(self, key: str) -> None:
        """Forget the record here (deleting from the store is the store's own write)."""
        with self._lock:
            self._lru.pop(key, None)

    def oublier(self) -> None:
        """Forget every record held (a re-dating: the store's offset moved every figure time)."""
        with self._lock:
            self._lru.clear()

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.many([key]))

    def __iter__(self) -> Iterator[str]:
        return iter(self.store.offre.ids(self.kind))

    def __len__(self) -> int:
        return self.store.offre.count(self.kind)

    def values(self) -> Iterator[E]:  # type: ignore[override]
        """Every record, read in batches (whole-offer walks only: FHIR search, the graph)."""
        keys = self.store.offre.ids(self.kind)
        for k in range(0, len(keys), CHUNK):
            yield from cast(dict[str, E], self.store.get_many(self.kind, keys[k:k + CHUNK])).values()

    def items(self) -> Iterator[tuple[str, E]]:  # type: ignore[override]
        keys = self.store.offre.ids(self.kind)
        for k in range(0, len(keys), CHUNK):
            yield from cast(dict[str, E], self.store.get_many(self.kind, keys[k:k + CHUNK])).items()


class OffreStockee(Offre):
    """An `Offre` whose records stay in the store until asked for. Its buckets are `Fiches`
    (mappings, typed as the dicts of `Offre` for its readers)."""

    def __init__(self, store: Store) -> None:
        fiches: dict[str, Any] = {k: Fiches[Any](store, k) for k in ("ej", "eg", "oi", "uo")}
        super().__init__(ej=fiches["ej"], eg=fiches["eg"], oi=fiches["oi"], uo=fiches["uo"],
                         professionnels=cast(Any, Fiches[Any](store, "professionnel")))
        self.store = store

    def unites(self, ids: Iterable[str]) -> tuple[dict[str, UniteOperationnelle],
                                                   dict[str, EntiteGeographique]]:
        uos = cast(Fiches[UniteOperationnelle], self.uo).many(ids)
        egs = cast(Fiches[EntiteGeographique], self.eg).many({u.eg_id for u in uos.values()})
        return uos, egs

    def entiere(self) -> Offre:
        return self.store.load_offre()
