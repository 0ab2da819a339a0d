"""Crash test: imports and capacity bursts killed with SIGKILL at random moments, 20 times; each time
the store passes `PRAGMA integrity_check` and `ror-orientation check`, is exactly as before or after
the import, and holds every acknowledged capacity write (the 100-loop run is bench/bench_crash.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.bench_crash import boucle

pytestmark = pytest.mark.e2e


def test_sigkill_at_random_moments_leaves_a_whole_store(tmp_path: Path) -> None:
    bilan = boucle(20, tmp_path, region="04", seed=20261204, duree_max=2.5)
    print(json.dumps(bilan.to_dict()))
    assert bilan.loops == 20 and bilan.imports >= 5 and bilan.bursts >= 5
    assert bilan.acked > 0
    assert bilan.failures == []
    assert (bilan.corrupt, bilan.neither_before_nor_after, bilan.check_failed,
            bilan.lost_acked) == (0, 0, 0, 0)
