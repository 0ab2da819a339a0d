"""A served demo is re-dated by moving one offset in the store, not by rewriting its units: every
read adds it (store reads, exports, the sheet, the engine's bed arrays), every write takes it off,
and a worker is told the new offset itself, never a shift to add."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.droits import Appelant, Droit
from ror_orientation.offre import Capacite, Offre
from ror_orientation.requete import Requete
from ror_orientation.settings import Settings
from ror_orientation.store import DECALAGE, Store, uo_t
from tests.api_support import auth, build_offre, key

WEEK = timedelta(days=7)
REGULATION = Appelant(1, "samu", frozenset({Droit.LECTURE_REGULATION}))


def aged_demo(path):  # type: ignore[no-untyped-def]
    """The hand-built offer as a generated demo whose figures are a week old."""
    aged = build_offre()
    for uo in list(aged.uo.values()):
        aged.add(replace(uo, genere=True, capacites=tuple(
            replace(c, maj=c.maj - WEEK) for c in uo.capacites if c.maj is not None)))
    store = Store(path)
    store.import_offre(aged, source="generate:demo:1")
    return store, aged


def rows(store: Store) -> dict[str, bytes]:
    with store.connect() as conn:
        return {str(i): bytes(d) for i, d in conn.execute(sa.select(uo_t.c.id, uo_t.c.data))}


def majs(uo) -> list[datetime]:  # type: ignore[no-untyped-def]
    return [c.maj for c in uo.capacites if c.maj is not None]


def test_a_re_dating_rewrites_no_unit_and_every_read_and_write_goes_through_the_offset(tmp_path):
    store, aged = aged_demo(tmp_path / "d.sqlite")
    before = rows(store)
    total = store.decaler_capacites(WEEK)
    assert rows(store) == before  # nothing rewritten: the re-dating is one row and one record
    assert total == store.capacite_decalage() == int(WEEK.total_seconds())
    last = store.capacite_last_id()
    (record,) = store.capacite_decalages(0, last)
    assert record.decalage == total and store.capacite_changes(last - 1)[1] == [DECALAGE]
    for uo in aged.uo.values():  # reads: one unit, several, the whole offer, the export
        assert majs(store.get_uo(uo.id)) == [m + WEEK for m in majs(uo)]
    loaded = store.load_offre()
    exported = {e.id: e for kind, e in store.iter_entities() if kind == "uo"}
    many = store.get_many("uo", list(aged.uo))
    for uo in aged.uo.values():
        assert majs(loaded.uo[uo.id]) == majs(exported[uo.id]) == majs(many[uo.id]) == majs(
            store.get_uo(uo.id))
    assert majs(store.load_offre(offset=0).uo["uo-unv"]) == majs(aged.uo["uo-unv"])
    # writes: a figure sent now, or a unit imported, reads back at the time it was given
    sent = datetime.now(UTC).replace(microsecond=0)
    put = store.set_capacites("uo-unv", [Capacite("01", "02", "01", "04", 3, maj=sent)], auteur="t")
    assert sent in majs(put) and majs(put) == majs(store.get_uo("uo-unv"))
    offre = Offre()
    offre.add(replace(store.get_uo("uo-vannes"), nom="Vannes relu"))
    store.import_offre(offre, source="test")
    assert majs(store.get_uo("uo-vannes")) == [m + WEEK for m in majs(aged.uo["uo-vannes"])]
    assert store.datation().plus_recente == max(
        m for u in store.load_offre().uo.values() for m in majs(u))
    store.close()


def test_a_re_dating_and_its_feed_record_are_one_transaction(tmp_path, monkeypatch):
    from ror_orientation.store import capacites

    store, _aged = aged_demo(tmp_path / "d.sqlite")

    def refused(*_a: object, **_k: object) -> bytes:
        raise RuntimeError("the feed record could not be written")

    monkeypatch.setattr(capacites, "encode", refused)
    try:
        store.decaler_capacites(WEEK)
    except RuntimeError:
        pass
    assert store.capacite_decalage() == 0 and store.capacite_last_id() == 0
    store.close()


def test_after_a_re_dating_the_list_the_sheet_and_the_exports_show_the_same_time(tmp_path):
    from ror_orientation.web.app import ensure_data

    db = tmp_path / "d.sqlite"
    store, aged = aged_demo(db)
    assert ensure_data(Settings(db=db)) is None  # re-dated: the figures are a week younger
    app = create_app(Settings(db=db), store=store)
    with TestClient(app, raise_server_exceptions=False) as api:
        h = auth(key(store, ["lecture_regulation"]))
        cards = api.get("/api/v1/recherche", params={"ouvert_maintenant": "false", "limit": 100,
                                                     "national": "true", "elargir": "false"},
                        headers=h).json()["resultats"]
        text = api.get("/api/v1/extraction", params={"format": "csv", "ouvert_maintenant": "false",
                                                     "national": "true"}, headers=h).text
        extraction = {r["uo_id"]: r for r in csv.DictReader(io.StringIO(text))}
        exported = {e.id: e for kind, e in store.iter_entities() if kind == "uo"}
        shown = 0
        for c in cards:
            if c["lits_maj"] is None:
                continue
            shown += 1
            sheet = api.get(f"/api/v1/unites/{c['uo_id']}", headers=h).json()
            assert sheet["disponibilite"]["compte"]["maj"] == c["disponibilite"]["compte"]["maj"]
            assert extraction[c["uo_id"]]["lits_maj"] == c["lits_maj"]
            maj = datetime.fromisoformat(c["lits_maj"].replace("Z", "+00:00"))
            assert maj in majs(exported[c["uo_id"]])
            assert datetime.now(UTC) - maj < timedelta(days=1)  # re-dated, not a week old
        assert shown >= 3
    store.close()


def test_a_reader_that_took_its_feed_position_before_a_re_dating_applies_it_once(tmp_path,
                                                                                monkeypatch):
    # the image compiler reads the feed position, then the offer: a re-dating committed between
    # the two is in what it read AND in the feed it replays; the offset said whole is applied once
    from ror_orientation.service import Service, image_path, write_image
    from ror_orientation.web.app import ensure_data

    db = tmp_path / "g.sqlite"
    store, aged = aged_demo(db)
    real_load = Store.load_offre

    def load_after_a_re_dating(self, *a, **k):  # type: ignore[no-untyped-def]
        monkeypatch.setattr(Store, "load_offre", real_load)
        assert ensure_data(Settings(db=db)) is None  # another process re-dates meanwhile
        return real_load(self, *a, **k)

    monkeypatch.setattr(Store, "load_offre", load_after_a_re_dating)
    path = image_path(store)
    assert path is not None
    write_image(store, path)
    worker = Service.open(Settings(db=db))
    try:
        recent = Requete(lits_min=1, age_max_lits=timedelta(hours=1), elargir=False)
        page = worker.rechercher(recent, REGULATION)
        assert sorted(r.uo_id for r in page.resultats) == sorted(
            u.id for u in aged.uo.values() if u.capacites)
        for r in page.resultats:
            e = r.explication
            assert e is not None and e.lits_maj is not None
            stored = min(majs(store.get_uo(r.uo_id)))
            assert timedelta(0) <= stored - e.lits_maj < timedelta(seconds=1)  # not a week ahead
    finally:
        worker.store.close()
        store.close()
