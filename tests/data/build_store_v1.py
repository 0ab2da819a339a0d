"""How tests/data/store-v1.sqlite was built: a small store written by the first release (schema 1,
before the Alembic migrations), run once at commit 3617a5c. Kept for provenance, not run by tests.

    .venv/bin/python tests/data/build_store_v1.py tests/data/store-v1.sqlite
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from ror_orientation import applications
from ror_orientation.generateur import generate
from ror_orientation.offre import Capacite, Offre
from ror_orientation.peuplement.publication import prendre_snapshot
from ror_orientation.peuplement.statut import Parametres
from ror_orientation.store import Store


def main(target: Path) -> None:
    corse = generate("demo", regions=("94",))
    egs = sorted(corse.eg)[:3]
    offre = Offre()
    for eg_id in egs:
        eg = corse.eg[eg_id]
        offre.add(eg)
        if eg.ej_id:
            offre.add(corse.ej[eg.ej_id])
    units = [u for u in corse.uo.values() if u.eg_id in egs][:8]
    for u in units:
        offre.add(u)
        if u.oi_id:
            oi = corse.oi[u.oi_id]
            while oi is not None:
                offre.add(oi)
                oi = corse.oi.get(oi.parent_id) if oi.parent_id else None
    ids = {u.id for u in units}
    for p in corse.professionnels.values():
        if any(x.uo_id in ids for x in p.exercices):
            offre.add(replace(p, exercices=tuple(x for x in p.exercices if x.uo_id in ids)))
    # the optional fields the first codec dropped when None, and a site without legal entity
    first = units[0]
    offre.add(replace(first, id=first.id + "-sans-mode", mode_prise_en_charge=None,
                      id_externe_synchro=None))
    offre.add(replace(corse.eg[egs[0]], id="2A0000000", ej_id=None, nom="Site sans EJ"))
    target.unlink(missing_ok=True)
    store = Store(target)
    store.import_offre(offre, source="store-v1")
    when = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    store.set_capacites(units[0].id, [Capacite("01", "02", "01", "04", 3)], auteur="SAMU 2A#1",
                        recu_le=when)
    store.set_capacites(units[0].id, [Capacite("01", "02", "01", "04", 1)], auteur="SAMU 2A#1",
                        recu_le=when.replace(minute=45))
    applications.create(store, nom="SAMU 2A", region="94", proprietaire="CH Ajaccio",
                        droits=["lecture_regulation"])
    editor, _key = applications.create(store, nom="GHT", region=None, proprietaire="GHT Corse",
                                       droits=["editeur"], eg_ids=[egs[0]])
    applications.revoke(store, editor.id)
    prendre_snapshot(store, "2026T3", Parametres(reference=when.date()))
    store.close()
    print(offre.counts(), target.stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
