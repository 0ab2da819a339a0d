"""Where the library reads reference data and keeps its default store: both come from the one
settings object (`Settings.fixtures_dir`, `Settings.db`), so the library and the adapters agree.
Settings are imported on first use: importing the engine loads no settings or CLI machinery."""

from __future__ import annotations

from pathlib import Path


def fixtures_dir() -> Path:
    """The reference data folder: the `fixtures_dir` setting (ROR_FIXTURES_DIR), by default the copy
    shipped inside the package (`ror_orientation/fixtures`, the checkout's `fixtures/`)."""
    from .settings import Settings

    return Path(Settings().fixtures_dir)


def default_db_path() -> Path:
    """The embedded default store: the `db` setting (ROR_DB)."""
    from .settings import Settings

    return Path(Settings().db)
