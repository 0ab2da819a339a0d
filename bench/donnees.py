"""The benches' cached data sets: reused only while the generator that made them is unchanged.

A store generated once is worth reusing (the national scale takes minutes to build), but a cache that
outlives a change of the generator measures yesterday's data: the key is a digest of the generator's
source and of its data tables (`fixtures/generateur/`), the scale and the seed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_key(scale: str, seed: int | None = None) -> str:
    h = hashlib.sha256()
    sources = sorted((ROOT / "ror_orientation" / "generateur").glob("*.py"))
    tables = sorted((ROOT / "fixtures" / "generateur").glob("*.csv"))
    for path in sources + tables:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return f"generateur {scale} seed={seed} src={h.hexdigest()[:16]}"


def _key_file(db: Path) -> Path:
    return db.parent / (db.name + ".key")


def is_current(db: Path, key: str) -> bool:
    """True when `db` exists and was built from the same generator, scale and seed."""
    kf = _key_file(db)
    return db.exists() and kf.exists() and kf.read_text() == key


def mark(db: Path, key: str) -> None:
    _key_file(db).write_text(key)
