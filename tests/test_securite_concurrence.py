"""No lost update: several worker processes writing one unit's capacity at once all land.

Each process plays an API worker (its own Store and Service with its own engine) and writes its own
record of one unit (one bed gender per process) with increasing figures; every acknowledged write
must be in the history, the stored unit must hold each process's last figure, and every worker's
engine, once it has read the change feed, must agree with the store.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from ror_orientation.droits import Appelant, Droit
from ror_orientation.offre import Capacite
from ror_orientation.service import Service
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.api_support import make_engine, make_store

GENRES = ("01", "02", "04")  # 03 is deprecated in TRE_R332
WRITES = 40
ADMIN = Appelant(1, "bench", frozenset({Droit.ADMIN}))


def _worker(db: str, genre: str, engine: Any, barrier: multiprocessing.synchronize.Barrier,
            out: multiprocessing.Queue) -> None:
    service = Service.open(Settings(db=db), engine=engine)  # a forked copy: its own engine
    acked = []
    for n in range(1, WRITES + 1):
        service.set_capacites(ADMIN, "uo-vannes", [Capacite("01", "02", "01", genre, n)])
        acked.append(n)  # acknowledged: set_capacites returned
    barrier.wait(timeout=60)  # every worker has written: now read the feed
    service.synchroniser()
    view = {c.genre: c.nombre for c in service.engine.offre.uo["uo-vannes"].capacites
            if c.statut == "02"}
    out.put((genre, acked, view))
    service.store.close()


def test_concurrent_capacity_writes_from_several_processes_all_land(tmp_path: Path) -> None:
    db = tmp_path / "concurrence.sqlite"
    store = make_store(db)
    engine = make_engine(store)
    store.close()  # nothing of the parent's store crosses the fork
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(len(GENRES)), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(db), g, engine, barrier, out)) for g in GENRES]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    store = Store(db)
    try:
        final = {c.genre: c.nombre for c in store.get_uo("uo-vannes").capacites if c.statut == "02"}
        history = store.capacite_history("uo-vannes", limit=10_000)
    finally:
        store.close()
    for genre, acked, _view in results:
        assert final[genre] == acked[-1] == WRITES  # the last acknowledged figure is current
        sent = sorted(r["capacite"].nombre for r in history if r["capacite"].genre == genre
                      and r["capacite"].statut == "02")
        assert sent == acked  # every acknowledged write is in the history, once
    for _genre, _acked, view in results:  # each worker's engine applied every write
        assert {g: view.get(g) for g in GENRES} == {g: final[g] for g in GENRES}
