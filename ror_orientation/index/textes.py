"""Strings and string-keyed tables as a few numpy arrays: an offer image maps them and every worker
shares them, where lists and dicts hold one private Python object per string (~100k per table at
national scale, each unpickled again by every worker)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import SupportsIndex, TypeVar, overload

import numpy as np


def pack_bytes(blobs: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Byte strings as one uint8 array and their offsets (len + 1): item k is data[o[k]:o[k + 1]]."""
    offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)), out=offsets[1:])
    return np.frombuffer(b"".join(blobs), dtype=np.uint8), offsets


def position(i: SupportsIndex, n: int) -> int:
    """A sequence index (negative from the end) as a position in [0, n), else IndexError."""
    k = operator.index(i)
    if k < 0:
        k += n
    if not 0 <= k < n:
        raise IndexError(i)
    return k


T = TypeVar("T")


class Paquets(Sequence[T]):
    """Items packed as byte strings in one uint8 array with offsets (`pack_bytes`), each made
    from its bytes when read (`_item`)."""

    __slots__ = ("data", "offsets")

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self.data = data  # uint8
        self.offsets = offsets  # int64, len + 1

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self._item(position(i, len(self)))

    def _item(self, k: int) -> T:
        raise NotImplementedError


class Textes(Paquets[str]):
    """Strings packed in one UTF-8 array with offsets."""

    __slots__ = ()

    @classmethod
    def pack(cls, items: Iterable[str]) -> Textes:
        return cls(*pack_bytes([s.encode() for s in items]))

    def _item(self, k: int) -> str:
        return bytes(self.data[self.offsets[k]: self.offsets[k + 1]]).decode()

    def many(self, rows: np.ndarray) -> list[str]:
        """The strings at `rows` (one numpy gather for their bounds)."""
        data = self.data
        return [data[a:b].tobytes().decode() for a, b in
                zip(self.offsets[rows].tolist(), self.offsets[rows + 1].tolist(), strict=True)]

    def __iter__(self) -> Iterator[str]:
        data = self.data.tobytes()
        bounds = self.offsets.tolist()
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            yield data[a:b].decode()


class Groupes:
    """str → sorted int32 array, as a sorted fixed-width key array (one binary search for many
    keys at once: `rangs`) and the values as slices of one array."""

    __slots__ = ("keys", "starts", "values")

    def __init__(self, keys: np.ndarray, starts: np.ndarray, values: np.ndarray) -> None:
        self.keys = keys  # S{width}, sorted, UTF-8
        self.starts = starts  # int64, len(keys) + 1
        self.values = values  # int32

    @classmethod
    def pack(cls, table: Mapping[str, Iterable[int]]) -> Groupes:
        encoded = sorted((k.encode(), sorted(v)) for k, v in table.items())
        width = max((len(k) for k, _ in encoded), default=1) or 1
        keys = np.array([k for k, _ in encoded], dtype=f"S{width}")
        sizes = np.fromiter((len(v) for _, v in encoded), dtype=np.int64, count=len(encoded))
        starts = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(sizes, out=starts[1:])
        values = np.fromiter((i for _, v in encoded for i in v), dtype=np.int32,
                             count=int(starts[-1]))
        return cls(keys, starts, values)

    def rangs(self, wanted: Iterable[str]) -> np.ndarray:
        """Positions (in `keys`) of those of `wanted` that are keys."""
        width = self.keys.dtype.itemsize
        enc = [w.encode() for w in wanted]
        enc = [e for e in enc if len(e) <= width]  # a longer one is no key (numpy would cut it)
        if not enc or not len(self.keys):
            return np.empty(0, dtype=np.int64)
        probe = np.array(enc, dtype=self.keys.dtype)
        at = np.searchsorted(self.keys, probe)
        at[at == len(self.keys)] = 0
        found: np.ndarray = at[self.keys[at] == probe]
        return found

    def union(self, wanted: Iterable[str]) -> np.ndarray:
        """Every value of the keys among `wanted`, once each, sorted."""
        at = self.rangs(wanted)
        if not len(at):
            return np.empty(0, dtype=np.int32)
        lo, hi = self.starts[at], self.starts[at + 1]
        sizes = hi - lo
        # positions lo[k] .. hi[k] of every hit key, in one gather
        shift = np.repeat(lo - (np.cumsum(sizes) - sizes), sizes)
        return np.unique(self.values[shift + np.arange(int(sizes.sum()))])

    def __getitem__(self, key: str) -> np.ndarray:
        at = self.rangs((key,))
        if not len(at):
            raise KeyError(key)
        k = int(at[0])
        return self.values[self.starts[k]: self.starts[k + 1]]

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[str]:
        for k in self.keys.tolist():
            yield k.decode()


class Ensemble:
    """A set of strings as one sorted fixed-width array: `in` is a binary search (~2 µs)."""

    __slots__ = ("keys",)

    def __init__(self, items: Iterable[str]) -> None:
        encoded = sorted({s.encode() for s in items})
        width = max(map(len, encoded), default=1) or 1
        self.keys = np.array(encoded, dtype=f"S{width}")

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str):
            return False
        e = item.encode()
        if len(e) > self.keys.dtype.itemsize or not len(self.keys):
            return False  # longer than every member (numpy would cut it)
        at = int(np.searchsorted(self.keys, e))
        return at < len(self.keys) and bool(self.keys[at] == e)

    def __len__(self) -> int:
        return len(self.keys)
