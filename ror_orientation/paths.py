"""Where the library reads reference data and keeps its default store: both come from the one
settings object (`Settings.fixtures_dir`, `Settings.db`), so the library and the adapters agree."""

from __future__ import annotations

from pathlib import Path

from .settings import Settings


def fixtures_dir() -> Path:
    """The reference data folder: the `fixtures_dir` setting (ROR_FIXTURES_DIR), by default the copy
    shipped inside the package (`ror_orientation/fixtures`, the checkout's `fixtures/`)."""
    return Path(Settings().fixtures_dir)


def default_db_path() -> Path:
    """The embedded default store: the `db` setting (ROR_DB)."""
    return Path(Settings().db)
