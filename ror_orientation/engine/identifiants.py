"""The engine's unit ids in row order, packed: one sorted fixed-width bytes array that the offer
image maps and every worker shares, where a list of str and an id → row dict cost ~90 MiB private
per worker at national scale. Units added after the compile follow, in a small list and dict."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import overload

import numpy as np

from ..index.textes import position


class Identifiants(Sequence[str]):
    """Row → unit id; `rows` is the id → row mapping over the same arrays."""

    __slots__ = ("_base", "_extra", "_extra_rows")

    def __init__(self, base: np.ndarray) -> None:
        self._base = base  # dtype S: UTF-8 ids, sorted (bytes order = code point order)
        self._extra: list[str] = []
        self._extra_rows: dict[str, int] = {}

    @classmethod
    def pack(cls, ids: Sequence[str]) -> Identifiants:
        """Sorted ids (as the compile orders them) packed; refused unsorted (lookups bisect)."""
        encoded = [i.encode() for i in ids]
        if any(a >= b for a, b in zip(encoded, encoded[1:], strict=False)):
            raise ValueError("unit ids must be sorted and distinct")
        width = max((len(b) for b in encoded), default=1)
        return cls(np.array(encoded, dtype=f"S{width}") if encoded else np.empty(0, dtype="S1"))

    def __len__(self) -> int:
        return len(self._base) + len(self._extra)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        k = position(i, len(self))
        n = len(self._base)
        return bytes(self._base[k]).decode() if k < n else self._extra[k - n]

    def at(self, rows: Sequence[int]) -> list[str]:
        """The ids of several rows (a page's) in one gather and decode."""
        n = len(self._base)
        if rows and min(rows) >= 0 and max(rows) < n:
            return [b.decode() for b in self._base[list(rows)].tolist()]
        return [self[r] for r in rows]

    def __iter__(self) -> Iterator[str]:
        for b in self._base.tolist():
            yield b.decode()
        yield from self._extra

    def append(self, uo_id: str) -> int:
        """A unit added after the compile: its row (the next one)."""
        row = len(self)
        self._extra.append(uo_id)
        self._extra_rows[uo_id] = row
        return row

    def row(self, uo_id: str) -> int | None:
        b = uo_id.encode()
        base = self._base
        if len(base) and len(b) <= base.dtype.itemsize and not b.endswith(b"\0"):
            k = int(np.searchsorted(base, b))
            if k < len(base) and base[k] == b:
                return k
        return self._extra_rows.get(uo_id)

    def rows_of(self, uo_ids: Sequence[str]) -> np.ndarray:
        """Rows of many ids at once (−1: unknown), one vectorised search: a caller filtering
        hundreds of thousands of ids pays ~0.1 µs each instead of ~3 µs per `row` call."""
        out = np.full(len(uo_ids), -1, dtype=np.int64)
        base = self._base
        if len(uo_ids) and len(base):
            wanted = np.array([u.encode() for u in uo_ids], dtype=bytes)
            at = np.minimum(np.searchsorted(base, wanted), len(base) - 1)
            hit = base[at] == wanted
            out[hit] = at[hit]
        if self._extra_rows:
            for k in np.flatnonzero(out < 0).tolist():
                out[k] = self._extra_rows.get(uo_ids[k], -1)
        return out

    @property
    def rows(self) -> Rows:
        return Rows(self)


class Rows(Mapping[str, int]):
    """Unit id → engine row, over `Identifiants` (nothing copied)."""

    __slots__ = ("_ids",)

    def __init__(self, ids: Identifiants) -> None:
        self._ids = ids

    def __getitem__(self, uo_id: str) -> int:
        row = self._ids.row(uo_id) if isinstance(uo_id, str) else None
        if row is None:
            raise KeyError(uo_id)
        return row

    def get(self, uo_id: str, default: int | None = None) -> int | None:  # type: ignore[override]
        row = self._ids.row(uo_id) if isinstance(uo_id, str) else None
        return default if row is None else row

    def __contains__(self, uo_id: object) -> bool:
        return isinstance(uo_id, str) and self._ids.row(uo_id) is not None

    def many(self, uo_ids: Sequence[str]) -> np.ndarray:
        """Rows of many ids (−1: unknown) in one vectorised search."""
        return self._ids.rows_of(uo_ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)
