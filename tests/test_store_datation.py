"""serve's start decides whether a demo is re-dated from the store's figures (`Store.datation`),
remembered until the store changes, without decoding the offer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from ror_orientation.offre import Capacite, EntiteGeographique, Offre, UniteOperationnelle
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from ror_orientation.store.projections import MajProjection, check_projection
from tests.factories import make_eg, make_ej, make_uo

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


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
    again = store.datation()  # the import changed the store: scanned again, fresh
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
