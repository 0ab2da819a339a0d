"""`serve` builds the default data into an empty store once, and never touches a store with data."""

from __future__ import annotations

from ror_orientation import generateur
from ror_orientation.api import app_from_env, ensure_data
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.api_support import build_offre, make_store


def test_empty_store_is_filled_once(tmp_path, monkeypatch):
    calls = []

    def fake_generate(scale, seed, reference):  # a hand-built offer stands for the demo
        calls.append((scale, seed, reference.tzinfo is not None))
        return build_offre()

    monkeypatch.setattr(generateur, "generate", fake_generate)
    settings = Settings(db=tmp_path / "s.sqlite", seed=7)
    assert ensure_data(settings, "demo") == build_offre().counts()
    assert ensure_data(settings, "demo") is None
    assert calls == [("demo", 7, True)]
    assert Store(settings.db).counts()["uo"] == 3


def test_store_with_data_is_left_alone(tmp_path, monkeypatch):
    make_store(tmp_path / "s.sqlite").close()
    monkeypatch.setattr(generateur, "generate", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    assert ensure_data(Settings(db=tmp_path / "s.sqlite")) is None


def test_worker_factory_reads_settings_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ROR_DB", str(tmp_path / "w.sqlite"))
    monkeypatch.setenv("ROR_MAX_LIMIT", "33")
    app = app_from_env()
    assert app.state.settings.max_limit == 33 and app.state.settings.db == tmp_path / "w.sqlite"
