"""Where the shipped reference data lives: `fixtures/` beside the package (overridable by settings)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def fixtures_dir() -> Path:
    """The reference data folder; ROR_FIXTURES_DIR overrides it (for an installed, relocated copy)."""
    return Path(os.environ.get("ROR_FIXTURES_DIR", PROJECT_ROOT / "fixtures"))


def default_db_path() -> Path:
    """The embedded default store; ROR_DB overrides it."""
    return Path(os.environ.get("ROR_DB", PROJECT_ROOT / "var" / "ror.sqlite"))
