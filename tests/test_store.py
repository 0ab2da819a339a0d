"""The embedded store: atomic imports, capacity history, schema version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ror_orientation.errors import NotFoundError, UnknownCodeError, ValidationError
from ror_orientation.offre import Capacite, Offre
from ror_orientation.store import SCHEMA_VERSION, Store, database

from .factories import make_offre, make_uo


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "ror.sqlite")


def test_store_uses_wal_and_records_its_schema_version(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert store.schema_version() == SCHEMA_VERSION


def test_import_then_read_back_gives_equal_entities(store: Store) -> None:
    offre = make_offre(make_uo(id="a"), make_uo(id="b", nom="Réanimation"))
    store.import_offre(offre)
    assert store.load_offre().uo == offre.uo


def test_bad_record_in_the_middle_leaves_the_store_unchanged(store: Store) -> None:
    store.import_offre(make_offre(make_uo(id="a")))
    before = list(store.iter_entities())
    bad = make_offre(make_uo(id="a", nom="renamed"), make_uo(id="z", champ="99"))
    with pytest.raises(UnknownCodeError, match="TRE_R227"):
        store.import_offre(bad)
    assert list(store.iter_entities()) == before


def test_dangling_unit_is_refused_naming_the_link(store: Store) -> None:
    offre = Offre()
    offre.add(make_uo(eg_id="999999999"))
    with pytest.raises(ValidationError) as err:
        store.import_offre(offre)
    assert err.value.field == "uo.eg_id"
    assert store.counts()["uo"] == 0


def test_capacity_update_replaces_same_key_and_keeps_history(store: Store) -> None:
    store.import_offre(make_offre(make_uo(id="a")))
    store.set_capacites("a", [Capacite("01", "02", "01", "04", 7)], auteur="bed-manager")
    store.set_capacites("a", [Capacite("01", "02", "01", "04", 5)], auteur="bed-manager")
    uo = store.get_uo("a")
    dispo = [c for c in uo.capacites if c.statut == "02"]
    assert [c.nombre for c in dispo] == [5]
    history = store.capacite_history("a")
    assert [h["capacite"].nombre for h in history] == [5, 7]
    assert {h["auteur"] for h in history} == {"bed-manager"}


def test_invalid_capacity_update_changes_nothing(store: Store) -> None:
    store.import_offre(make_offre(make_uo(id="a")))
    before = store.get_uo("a")
    with pytest.raises(ValidationError):
        store.set_capacites("a", [Capacite("01", "02", "01", "04", 1),
                                  Capacite("01", "02", "01", "04", -4)], auteur="x")
    assert store.get_uo("a") == before
    assert store.capacite_history("a") == []


def test_capacity_update_of_unknown_unit_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.set_capacites("nope", [Capacite("01", "02", "01", "04", 1)], auteur="x")


def test_only_the_store_package_speaks_sql() -> None:
    """SQLAlchemy is imported by the store package alone (the peuplement, the registry, the stats
    read through its repositories)."""
    import re

    root = Path(__file__).resolve().parent.parent / "ror_orientation"
    speaking = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                      if "store" not in p.relative_to(root).parts[:1]
                      and re.search(r"^\s*(import sqlalchemy|from sqlalchemy)", p.read_text(), re.M))
    assert speaking == []


def test_a_refused_import_leaves_the_file_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    store = Store(db)
    store.import_offre(make_offre(make_uo(id="a")))
    store.close()
    before = db.read_bytes()
    store = Store(db)
    with pytest.raises(UnknownCodeError):
        store.import_offre(make_offre(make_uo(id="b"), make_uo(id="z", champ="99")))
    store.close()
    assert db.read_bytes() == before


def test_the_change_feed_sees_each_commit_and_reads_nothing_in_between(store: Store) -> None:
    """Per-request reads are kept while no other connection commits (SQLite's data_version):
    a later update is still in the very next read, from this process or another one."""
    store.import_offre(make_offre(make_uo(id="a"), make_uo(id="b")))
    start = store.capacite_last_id()
    assert store.capacite_changes(start) == (start, [])
    kept = store._held.__dict__["kept"]
    assert kept  # the empty answer is kept
    assert store.capacite_changes(start) == (start, [])
    store.set_capacites("a", [Capacite("01", "02", "01", "04", 7)], auteur="t")
    last, ids = store.capacite_changes(start)
    assert ids == ["a"] and last > start
    other = Store(store.url.removeprefix("sqlite:///"))  # another worker's connection
    other.set_capacites("b", [Capacite("01", "02", "01", "04", 3)], auteur="t")
    assert store.capacite_changes(last)[1] == ["b"]
    other.close()


def test_one_request_reads_the_change_counter_once(store: Store) -> None:
    """Inside `une_lecture` the held reads see the store as of the first one (one pragma per
    search); the next request sees a commit made in between."""
    store.import_offre(make_offre(make_uo(id="a")))
    start = store.capacite_last_id()
    other = Store(store.url.removeprefix("sqlite:///"))
    with store.une_lecture():
        assert store.capacite_changes(start) == (start, [])
        other.set_capacites("a", [Capacite("01", "02", "01", "04", 3)], auteur="t")
        assert store.capacite_changes(start) == (start, [])  # as of the request's first read
    assert store.capacite_changes(start)[1] == ["a"]
    other.close()


def test_held_reads_ask_no_pragma_until_something_commits(store: Store, monkeypatch) -> None:
    """While SQLite's WAL index header is unchanged nothing was committed, so the held reads of a
    worker's searches skip the change-counter pragma; a commit by another process (another
    worker) changes the header and is in the very next read."""
    store.import_offre(make_offre(make_uo(id="a"), make_uo(id="b")))
    start = store.capacite_last_id()
    pragmas: list[object] = []
    real = database._data_version

    def counted(conn: object) -> object:
        pragmas.append(conn)
        return real(conn)  # type: ignore[arg-type]

    monkeypatch.setattr(database, "_data_version", counted)
    for _ in range(20):
        assert store.capacite_changes(start) == (start, [])
    assert len(pragmas) <= 2  # the first reads map the WAL index; then none
    path = store.url.removeprefix("sqlite:///")
    subprocess.run([sys.executable, "-c", (
        "from ror_orientation.offre import Capacite; from ror_orientation.store import Store; "
        f"s = Store({path!r}); "
        "s.set_capacites('b', [Capacite('01', '02', '01', '04', 3)], auteur='t'); s.close()")],
        check=True)
    last, ids = store.capacite_changes(start)
    assert ids == ["b"] and last > start
    seen = len(pragmas)
    assert store.capacite_changes(start) == (last, ["b"])
    assert len(pragmas) <= seen + 1
