"""The HTTP benches serve a store given with --db as it is: a national store given without
`--scale national` was deleted and generated again at demo scale."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import pytest

from .api_support import make_store

BENCH = Path(__file__).resolve().parent.parent / "bench"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_store_given_is_used_as_is_or_refused_never_regenerated(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    bench_http = importlib.import_module("bench_http")
    donnees = importlib.import_module("donnees")
    db = tmp_path / "national.sqlite"
    counts = make_store(db).counts()
    donnees.mark(db, donnees.data_key("national", 7))
    before = digest(db)
    with pytest.raises(SystemExit, match="national seed=7"):
        bench_http.prepare(db, "demo", 7, given=True)
    assert digest(db) == before
    assert bench_http.prepare(db, "national", 7, given=True) == (0.0, counts)
    (tmp_path / "national.sqlite.key").write_text("generateur national seed=7 src=older")
    assert bench_http.prepare(db, "national", 7, given=True) == (0.0, counts)  # not regenerated
