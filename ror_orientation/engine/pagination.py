"""Stable pagination: an opaque cursor on the total order (score desc, uo_id asc).

The cursor carries the last item's exact score and id, the instant the first page was computed at
(so "now" does not move between pages) and a hash of the query, so a cursor is refused for another
query. Items strictly after the last one are the next page: none lost, none repeated.
"""

from __future__ import annotations

import base64
import hashlib
import json
import operator
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..errors import ValidationError
from ..requete import Requete
from ..validation import check_query_instant


@dataclass(frozen=True, slots=True)
class Curseur:
    score: float
    uo_id: str
    instant: datetime
    query: str


# What selects and orders results: every field of a query but the page size, the cursor, the time
# budget and the explanations, read in one call.
_HASHED = tuple(f for f in Requete.__dataclass_fields__
                if f not in ("curseur", "limite", "budget_ms", "expliquer"))
_hashed_values = operator.attrgetter(*_HASHED)
# Each hashed field's default object and its "('name', repr)" piece: most fields of a query hold
# their default, whose piece is read, not printed again (repr of the 36 pairs: ~30 µs a page).
_DEFAULTS = tuple((Requete.__dataclass_fields__[f].default, f"({f!r}, "
                   f"{Requete.__dataclass_fields__[f].default!r})") for f in _HASHED)
# A compact encoder made once: `json.dumps` with separators builds a new one at each call.
_JSON = json.JSONEncoder(separators=(",", ":"))


def query_hash(req: Requete) -> str:
    """Hash of everything that selects and orders results (not the page size nor the cursor):
    of the repr of its (name, value) pairs, a value that is its field's default object read
    from its piece — the same text as `repr(tuple(zip(_HASHED, values)))`."""
    parts = [piece if value is default else f"({name!r}, {value!r})"
             for name, value, (default, piece) in zip(_HASHED, _hashed_values(req), _DEFAULTS,
                                                     strict=True)]
    blob = ("(" + ", ".join(parts) + ")").encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def encode(c: Curseur) -> str:
    raw = _JSON.encode({"s": c.score.hex(), "u": c.uo_id, "t": c.instant.isoformat(),
                        "q": c.query}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, req: Requete) -> Curseur:
    try:
        pad = "=" * (-len(token) % 4)
        d = json.loads(base64.urlsafe_b64decode(token + pad))
        c = Curseur(float.fromhex(d["s"]), str(d["u"]), datetime.fromisoformat(d["t"]), str(d["q"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError("curseur: not a cursor of this service", field="curseur") from exc
    try:
        check_query_instant(c.instant, "curseur")
    except ValidationError as exc:
        raise ValidationError("curseur: not a cursor of this service", field="curseur") from exc
    if c.query != query_hash(req):
        raise ValidationError("curseur: it belongs to another query", field="curseur")
    return c


def order(scores: np.ndarray, id_rank: np.ndarray) -> np.ndarray:
    """Indices sorting by score descending then uo_id ascending (`id_rank`: rank of each item's id
    among all ids), a total order."""
    return np.lexsort((id_rank, -scores))


def first(scores: np.ndarray, id_rank: np.ndarray, k: int, among: np.ndarray | None = None
          ) -> np.ndarray:
    """The indices of the first `k` items in the total order (`order`), of `among` (indices) or
    all: only the items scoring at least the k-th best score are sorted, so a page of 20 out of
    thousands costs a partition, not a full sort. Ties at that score are all kept before the
    sort, so the page is the same as the full order's head."""
    if among is None:  # every item: no index array to gather through (a first page)
        if len(scores) > 4 * k + 64:
            sub = -np.asarray(scores, dtype=np.float64)
            kth = np.partition(sub, k - 1)[k - 1]
            if not np.isnan(kth):
                idx = np.flatnonzero(sub <= kth)
                return np.asarray(idx[order(scores[idx], id_rank[idx])[:k]])
        return np.asarray(order(scores, id_rank)[:k])
    idx = among
    if len(idx) > 4 * k + 64:
        sub = -np.asarray(scores[idx], dtype=np.float64)
        kth = np.partition(sub, k - 1)[k - 1]
        if not np.isnan(kth):
            idx = idx[sub <= kth]
    return np.asarray(idx[order(scores[idx], id_rank[idx])[:k]])


def after(scores: np.ndarray, id_rank: np.ndarray, score: float, rank: float) -> np.ndarray:
    """Mask of items strictly after (score, rank) in the total order."""
    return np.asarray((scores < score) | ((scores == score) & (id_rank > rank)))
