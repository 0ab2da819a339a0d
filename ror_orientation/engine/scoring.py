"""Scoring maths: small pure functions, each symbol defined, combined by a `Weights` object.

Every component is in [0, 1]; the total is the weighted mean of the components that apply to the
query, so it stays in [0, 1] and a new criterion needs a function and a weight, not a new pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weight of each score component (any non-negative numbers)."""

    texte: float = 1.0
    aptitudes: float = 1.0
    patientele: float = 0.0
    distance: float = 1.0
    lits: float = 1.0
    ouverture: float = 1.0

    def as_dict(self) -> dict[str, float]:
        return dict(_as_dict(self))


@lru_cache(maxsize=64)
def _as_dict(w: Weights) -> tuple[tuple[str, float], ...]:
    """A profile's weights by name, once per `Weights` (`fields` costs µs on every query)."""
    return tuple((f.name, float(getattr(w, f.name))) for f in fields(w))


def distance_score(km: np.ndarray, half_km: float) -> np.ndarray:
    """2^(-d / h): d = distance in km (NaN = unknown → 0), h = distance at which the score halves.
    Strictly decreasing in d: a closer unit always scores higher."""
    s = np.exp2(np.asarray(km, dtype=np.float64) / -half_km)  # = -d / h, one array call fewer
    return np.where(np.isnan(s), 0.0, s)


def bed_score(free: np.ndarray, age_min: np.ndarray, stale_after_min: float, k: float = 2.0,
              stale_factor: float = 0.5) -> np.ndarray:
    """f / (f + k) · φ: f = available beds (≥ 0), k = beds at which the score is one half,
    φ = 1 when the figure's age a (minutes) ≤ stale_after_min, else stale_factor; no figure → 0.
    Strictly increasing in f, and a stale figure counts less than a fresh one."""
    f = np.maximum(np.asarray(free, dtype=np.float64), 0.0)
    a = np.asarray(age_min, dtype=np.float64)
    fresh = np.where(a <= stale_after_min, 1.0, stale_factor)  # NaN (no time): stale
    return f / (f + k) * fresh


def coverage_score(found: np.ndarray, wanted: int) -> np.ndarray:
    """n / m: n = desired aptitudes the unit has, m = desired aptitudes asked (m = 0 → 1)."""
    if wanted <= 0:
        return np.ones(len(found))
    return np.asarray(found, dtype=np.float64) / wanted


def opening_score(open_now: np.ndarray, wait_min: np.ndarray, horizon_min: float) -> np.ndarray:
    """1 if open now; else max(0, 1 - w / H) / 2: w = minutes until it opens (NaN = not within the
    horizon), H = horizon in minutes. Open now always beats opening soon."""
    w = np.asarray(wait_min, dtype=np.float64)
    soon = np.clip(1.0 - w / horizon_min, 0.0, 1.0)
    soon = np.where(np.isnan(soon), 0.0, soon) / 2.0
    return np.where(np.asarray(open_now, dtype=bool), 1.0, soon)


def patientele_score(declared: np.ndarray, asked: int) -> np.ndarray:
    """n / m: m = patientèle criteria asked (age, publics), n = those the unit states explicitly
    (an age range that is not open-ended, a public it lists) rather than by default (m = 0 → 1)."""
    if asked <= 0:
        return np.ones(len(declared))
    return np.asarray(declared, dtype=np.float64) / asked


def combine(components: dict[str, np.ndarray], weights: Weights) -> tuple[np.ndarray, dict[str, float]]:
    """Σ wᵢ·sᵢ / Σ wᵢ over the components present: wᵢ = weight, sᵢ ∈ [0, 1] = component score.
    Returns the totals and the normalised weight of each component (for the breakdown)."""
    n = len(next(iter(components.values()))) if components else 0
    shares = _norm(weights, tuple(components))
    if not shares:
        return np.ones(n), {}
    out = np.zeros(n)
    for k, v in shares:
        out += v * components[k]
    norm = dict(shares)
    np.maximum(out, 0.0, out=out)  # in place: np.clip's wrapper costs more
    return np.minimum(out, 1.0, out=out), norm


@lru_cache(maxsize=256)
def _norm(weights: Weights, names: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """`combine`'s normalised weights of the components present, in their order, once per
    (profile weights, components): empty when none weighs."""
    w = weights.as_dict()
    active = {k: w.get(k, 0.0) for k in names if w.get(k, 0.0) > 0}
    total_w = sum(active.values())
    if total_w <= 0:
        return ()
    return tuple((k, v / total_w) for k, v in active.items())


def relevance_factor(relevance: np.ndarray, power: float = 2.0) -> np.ndarray:
    """fᵣ = rᵖ: r ∈ [0, 1] = how well a unit meets the text (best concept confidence of its
    weakest required group), p = sharpness. Multiplies the whole score, so among units found by
    text the better match leads, and distance, beds and opening order units that match as well."""
    return np.asarray(np.clip(relevance, 0.0, 1.0) ** power, dtype=np.float64)


def reading_tiers(lecture: np.ndarray, ratio: float) -> np.ndarray:
    """Tier of each unit's reading ℓ (0 = best): the distinct values of ℓ > 0 in decreasing
    order, a new tier starting at the first value below ratio × the first value of the current
    tier (so readings within a few percent of each other, ties included, share a tier)."""
    lu = np.asarray(lecture, dtype=np.float64)
    values = np.unique(lu)[::-1]
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    tier_of = np.zeros(len(values), dtype=np.int64)
    tier, head = 0, float(values[0])
    for j, v in enumerate(values.tolist()):
        if v < ratio * head:
            tier, head = tier + 1, v
        tier_of[j] = tier
    return np.asarray(tier_of[len(values) - 1 - np.searchsorted(values[::-1], lu)], dtype=np.int64)


def tiered(total: np.ndarray, tiers: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """s' = (T − 1 − t + s·(1 − ε)) / T: s ∈ [0, 1] = score, t = tier (0 = best), T = tiers, so
    every unit of a better tier scores above every unit of a worse one and, inside a tier, the
    order of s is kept. Returns s' and the offset (T − 1 − t) / T (None when T = 1: s unchanged)."""
    if not len(tiers) or int(tiers.max()) == 0:
        return total, None
    n = 1.0 + float(tiers.max())
    offset = (n - 1.0 - tiers) / n
    return offset + np.asarray(total, dtype=np.float64) * (1.0 - 1e-9) / n, offset


def reading_senses(relevance: np.ndarray, ratio: float) -> np.ndarray | None:
    """The sense of each unit's reading r: the rank of r among the distinct values ≥ ratio × the
    best one (0 = the best), −1 below them; None when those units all read the same (one sense).
    Two units holding concepts the text reads differently are two senses of the text."""
    lu = np.asarray(relevance, dtype=np.float64)
    if not len(lu):
        return None
    top = float(lu.max())
    close = lu >= ratio * top
    near = lu[close]
    if float(near.min()) == top:  # checked first: a common word's 150,000 equal readings
        return None
    values = np.unique(near)
    senses = np.full(len(lu), -1, dtype=np.int16)
    senses[close] = len(values) - 1 - np.searchsorted(values, near)
    return senses


def head(score: np.ndarray, ranks: np.ndarray, senses: np.ndarray, depth: int) -> list[int]:
    """The head of an answer, as indices into s: its first unit (highest score s, then lowest
    rank, the answer's own order), then the first unit of each other sense ≥ 0 in increasing
    order of sense, at most `depth` of them."""
    s = np.asarray(score, dtype=np.float64)
    if not len(s):
        return []

    def first_of(idx: np.ndarray) -> int:
        best = idx[s[idx] == s[idx].max()]
        return int(best[np.argmin(ranks[best])])

    out = [first_of(np.arange(len(s)))]
    known = senses[senses >= 0]
    for sense in np.flatnonzero(np.bincount(known)).tolist() if len(known) else ():
        if len(out) > depth:
            break
        if sense != senses[out[0]]:
            out.append(first_of(np.flatnonzero(senses == sense)))
    return out


def with_head(tiers: np.ndarray, head_rows: list[int]) -> np.ndarray:
    """Tiers where each unit of the head is a tier of its own, in the head's order, above every
    other unit (whose tiers keep their order below it)."""
    if len(head_rows) < 2:
        return tiers
    out = np.asarray(tiers, dtype=np.int64) + len(head_rows)
    out[np.asarray(head_rows)] = np.arange(len(head_rows))
    return out
