"""serve's start decides whether a demo is re-dated from the store's figures (`Store.datation`),
remembered until the store changes, without decoding the offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from ror_orientation.droits import Appelant, Droit
from ror_orientation.offre import Capacite, EntiteGeographique, Offre, UniteOperationnelle
from ror_orientation.requete import Requete
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from ror_orientation.store.projections import MajProjection, check_projection
from tests.factories import make_eg, make_ej, make_uo

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REGULATION = Appelant(1, "samu", frozenset({Droit.LECTURE_REGULATION}))


def cap(nombre: int, hours: float, statut: str = "02") -> Capacite:
    return Capacite("01", statut, "01", "04", nombre, maj=NOW - timedelta(hours=hours))


def offre(*unites: UniteOperationnelle) -> Offre:
    o = Offre()
    o.add(make_ej())
    o.add(make_eg())
    for u in unites:
        o.add(u)
    return o


def demo(tmp_path: Path, *extra: UniteOperationnelle) -> Store:
    store = Store(tmp_path / "d.sqlite")
    store.import_offre(offre(make_uo(id="a", genere=True, capacites=(cap(1, 30), cap(2, 50, statut="01"))),
                             make_uo(id="b", genere=True, capacites=()), *extra), source="generate:demo:1")
    return store


def test_datation_reads_the_newest_figure_and_remembers_it_until_the_store_changes(tmp_path, monkeypatch):
    store = demo(tmp_path)
    first = store.datation()
    assert first.tous_generes and first.plus_recente == NOW - timedelta(hours=30)
    scans: list[int] = []
    real_scan = store.capacites._scan_datation

    def counted():  # type: ignore[no-untyped-def]
        scans.append(1)
        return real_scan()

    monkeypatch.setattr(store.capacites, "_scan_datation", counted)
    assert store.datation() == first and scans == []  # nothing changed: no scan
    store.set_capacites("b", [cap(3, 1)], auteur="t")  # read from the history, no scan
    assert store.datation().plus_recente == NOW - timedelta(hours=1) and scans == []
    store.set_capacites("a", [cap(4, 20)], auteur="t")  # older than the newest: newest kept
    assert store.datation().plus_recente == NOW - timedelta(hours=1) and scans == []
    store.put(make_uo(id="c"))  # a real unit: a structure write, scanned again
    assert store.datation().tous_generes is False and len(scans) == 1
    store.set_capacites("c", [cap(5, 0)], auteur="t")  # real data stays real: no scan
    assert store.datation().tous_generes is False and len(scans) == 1
    store.close()


def test_a_store_of_real_units_starts_without_decoding_the_offer(tmp_path, monkeypatch):
    from ror_orientation.web.app import ensure_data

    store = demo(tmp_path, make_uo(id="real", capacites=(cap(1, 24 * 9),)))

    def refused(*_a: object, **_k: object) -> Offre:
        raise AssertionError("the whole offer was decoded")

    monkeypatch.setattr(Store, "load_offre", refused)
    assert ensure_data(Settings(db=tmp_path / "d.sqlite")) is None  # not re-dated, not decoded
    assert store.get_uo("a").capacites[0].maj == NOW - timedelta(hours=30)
    store.close()


def test_a_generated_demo_still_re_dated_through_the_store_check(tmp_path):
    from ror_orientation.web.app import ensure_data

    store = demo(tmp_path)
    assert ensure_data(Settings(db=tmp_path / "d.sqlite")) is None
    newest = max(c.maj for c in store.get_uo("a").capacites if c.maj is not None)
    assert datetime.now(UTC) - newest < timedelta(minutes=5)
    again = store.datation()  # read from the re-dating's feed record: fresh
    assert again.tous_generes and again.plus_recente == newest
    store.close()


def test_a_tuple_of_projections_is_checked_against_the_model():
    class Right(msgspec.Struct, frozen=True):
        capacites: tuple[MajProjection, ...] = ()

    class Wrong(msgspec.Struct, frozen=True):
        autorisations: tuple[MajProjection, ...] = ()  # an EG's are Autorisation, not Capacite

    check_projection(Right, UniteOperationnelle)
    with pytest.raises(TypeError, match="autorisations"):
        check_projection(Wrong, EntiteGeographique)


def test_a_re_dated_demo_keeps_its_offer_image_and_every_worker_sees_fresh_figures(tmp_path, monkeypatch):
    # re-dating is a capacity write: the image (minutes to compile at national scale) stays valid
    from ror_orientation import service as service_module
    from ror_orientation.engine import image
    from ror_orientation.service import Service, image_key, image_path, write_image
    from ror_orientation.web.app import ensure_data
    from tests.api_support import build_offre

    week = timedelta(days=7)
    aged = build_offre()
    for uo in list(aged.uo.values()):
        aged.add(replace(uo, genere=True, capacites=tuple(
            replace(c, maj=c.maj - week) for c in uo.capacites if c.maj is not None)))
    db = tmp_path / "g.sqlite"
    store = Store(db)
    store.import_offre(aged, source="generate:demo:1")
    path = image_path(store)
    assert path is not None
    write_image(store, path)
    key = image_key(store)
    before = Service.open(Settings(db=db))  # a worker already serving
    recent = Requete(lits_min=1, age_max_lits=timedelta(hours=1), elargir=False)
    assert not before.rechercher(recent, REGULATION).resultats  # a week old
    assert ensure_data(Settings(db=db)) is None
    assert store.structure_version() == key["structure_version"] and image_key(store) == key
    assert image.valid(path, key)

    def compiled(*_a: object, **_k: object) -> None:
        raise AssertionError("the offer image was compiled again")

    monkeypatch.setattr(service_module, "write_image", compiled)
    after = Service.open(Settings(db=db))  # a worker starting now: maps the same image
    try:
        for svc in (before, after):
            page = svc.rechercher(recent, REGULATION)
            assert sorted(r.uo_id for r in page.resultats) == sorted(
                u.id for u in aged.uo.values() if u.capacites)
            for r in page.resultats:
                e = r.explication
                assert e is not None and not e.lits_perimes and e.lits_maj is not None
                assert e.lits_age_min is not None and e.lits_age_min < 5
                stored = min(c.maj for c in svc.store.get_uo(r.uo_id).capacites if c.maj is not None)
                assert timedelta(0) <= stored - e.lits_maj < timedelta(seconds=1)  # whole seconds
        assert datetime.now(UTC) - max(c.maj for c in store.get_uo("uo-unv").capacites
                                       if c.maj is not None) < timedelta(minutes=5)
        # a figure sent after the re-dating is read at its own time (not moved again)
        sent = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
        store.set_capacites("uo-vannes", [Capacite("01", "02", "01", "04", 5, maj=sent)], auteur="t")
        younger = replace(recent, age_max_lits=timedelta(minutes=20))
        for svc in (before, after):
            page = svc.rechercher(recent, REGULATION)
            vannes = next(r.explication for r in page.resultats if r.uo_id == "uo-vannes")
            assert vannes is not None and vannes.lits_maj == sent
            assert vannes.lits_age_min is not None and 29 < vannes.lits_age_min < 35
            assert "uo-vannes" not in {r.uo_id for r in svc.rechercher(younger, REGULATION).resultats}
    finally:
        before.store.close()
        after.store.close()
        store.close()
