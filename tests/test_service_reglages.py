"""The deployment's stale threshold reaches the SAMU search, so pages, sheets and search agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from ror_orientation.offre import Capacite
from ror_orientation.requete import Requete
from ror_orientation.service import build_engine
from ror_orientation.settings import Settings
from ror_orientation.store import Store

from .factories import make_offre, make_uo


def _stale_flag(tmp_path: Path, minutes: float) -> bool:
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    uo = make_uo(capacites=(Capacite("01", "02", "01", "04", 3, maj=two_hours_ago),))
    store = Store(tmp_path / f"s{minutes}.sqlite")
    store.import_offre(make_offre(uo))
    engine, _index = build_engine(store, Settings(db=store.url, stale_after_minutes=minutes))
    (res,) = engine.search(Requete(ouvert_maintenant=False)).resultats
    return res.explication.lits_perimes


def test_two_hour_old_beds_are_stale_only_when_the_threshold_is_shorter(tmp_path: Path) -> None:
    assert _stale_flag(tmp_path, 60.0) is True
    assert _stale_flag(tmp_path, 240.0) is False
