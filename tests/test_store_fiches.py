"""The offer read from the store on demand (store/fiches.py), and a service whose engine maps the
store's image: records read when asked, a small LRU, a publication moving a unit's postings even
though the store already holds its new record."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ror_orientation.engine import image
from ror_orientation.offre import Capacite
from ror_orientation.requete import Requete
from ror_orientation.service import Service, image_key, image_path, write_image
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from ror_orientation.store.fiches import Fiches, OffreStockee

from .api_support import EG_RENNES, EG_VANNES, build_offre, make_store


def test_records_are_read_when_asked_and_the_lru_stays_bounded(tmp_path: Path) -> None:
    store = make_store(tmp_path / "f.sqlite")
    offre = OffreStockee(store)
    held = build_offre()
    uo = offre.uo
    assert isinstance(uo, Fiches)
    uo.cache = 2
    assert sorted(uo) == sorted(held.uo) and len(uo) == len(held.uo)
    for i in sorted(held.uo):
        assert uo[i] == store.get_uo(i) and i in uo
    assert len(uo._lru) == 2
    assert "nope" not in uo and uo.get("nope") is None
    with pytest.raises(KeyError):
        uo["nope"]
    uos, egs = offre.unites(["uo-vannes", "uo-unv", "nope"])
    assert list(uos) == ["uo-vannes", "uo-unv"] and set(egs) == {EG_RENNES, EG_VANNES}
    assert sorted(u.id for u in offre.uo.values()) == sorted(held.uo)
    assert offre.entiere().uo == store.load_offre().uo
    store.close()


def test_a_service_over_the_image_follows_publications_and_capacities(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    make_store(db).close()
    svc = Service.open(Settings(db=db))
    try:
        eng = svc.moteur()
        assert eng.image is not None and isinstance(eng.offre, OffreStockee)
        path = image_path(svc.store)
        assert path == tmp_path / "s.sqlite.image" and image.valid(path, image_key(svc.store))
        req = Requete(aptitudes=("R210:0460",), voir_sensibles=True, elargir=False)
        assert [r.uo_id for r in eng.search(req).resultats] == ["uo-unv"]
        # another worker publishes uo-vannes with that act: the store holds the new record first
        vannes = svc.store.get_uo("uo-vannes")
        svc.store.put(replace(vannes, actes=("0460",)))
        eng.update_uo(svc.store.get_uo("uo-vannes"))
        assert sorted(r.uo_id for r in eng.search(req).resultats) == ["uo-unv", "uo-vannes"]
        unv = svc.store.get_uo("uo-unv")
        svc.store.put(replace(unv, actes=()))
        eng.update_uo(svc.store.get_uo("uo-unv"))  # its old act leaves its postings
        assert [r.uo_id for r in eng.search(req).resultats] == ["uo-vannes"]
        # the image is now stale: the next worker to open compiles it again
        assert not image.valid(path, image_key(svc.store))
    finally:
        svc.store.close()


def test_an_image_is_never_served_over_another_store_regenerated_in_its_place(tmp_path: Path) -> None:
    # the same offer written as many times: the write counters agree, the stores do not
    db = tmp_path / "r.sqlite"
    first = make_store(db)
    path = image_path(first)
    assert path is not None
    write_image(first, path)
    assert image.valid(path, image_key(first))
    version = first.structure_version()
    first.close()
    db.unlink()
    second = make_store(db)
    try:
        assert second.structure_version() == version
        assert not image.valid(path, image_key(second))
    finally:
        second.close()


def test_a_page_of_records_is_read_on_the_thread_s_held_connection_and_sees_every_commit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's records (every search) are one held statement on a file store, no pooled
    checkout: the same records, in the same order, as the pooled read, absent ids left out, the
    re-dating offset added, and a record another connection commits in between seen at once."""
    import sqlalchemy as sa

    store = make_store(tmp_path / "h.sqlite")
    store.decaler_capacites(timedelta(days=7))
    db = store.offre.db
    assert db.reads_held
    store.get_many("uo", ["uo-unv"])  # opens the thread's held connection, once
    checkouts: list[object] = []
    sa.event.listen(store.engine, "checkout", lambda *a: checkouts.append(a))
    ids = ["uo-vannes", "nope", "uo-unv"]
    uos = store.get_many("uo", ids)
    egs = store.get_many("eg", [EG_VANNES, EG_RENNES])
    assert checkouts == []
    assert list(uos) == ["uo-unv", "uo-vannes"] and set(egs) == {EG_RENNES, EG_VANNES}
    with monkeypatch.context() as m:  # the pooled read, as any other store reads
        m.setattr(type(db), "reads_held", property(lambda self: False))
        assert store.get_many("uo", ids) == uos
        assert store.get_many("eg", [EG_RENNES]) == {EG_RENNES: egs[EG_RENNES]}
        assert checkouts
    writer = Store(tmp_path / "h.sqlite")  # another connection, as another worker's
    put = writer.set_capacites("uo-unv", [Capacite("01", "02", "01", "04", 5, maj=datetime.now(UTC))],
                               auteur="t")
    writer.close()
    again = store.get_many("uo", ["uo-unv"])["uo-unv"]
    assert again.capacites == put.capacites != uos["uo-unv"].capacites
    store.close()
