"""Schema migrations: a store of the first release is upgraded in place with nothing lost, a new
store is created at the head, a store of a newer release is refused naming both versions."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from ror_orientation import __version__, applications
from ror_orientation.cli import main
from ror_orientation.importers.jsonl import read_jsonl
from ror_orientation.peuplement import snapshots
from ror_orientation.peuplement.trimestre import Trimestre
from ror_orientation.store import SCHEMA_VERSION, SchemaError, Store, metadata
from ror_orientation.store.migrations import HERE, open_schema

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def v1(tmp_path: Path) -> Path:
    """A copy of the store written by the first release (tests/data/build_store_v1.py)."""
    db = tmp_path / "v1.sqlite"
    shutil.copy(DATA / "store-v1.sqlite", db)
    return db


def test_head_is_the_last_revision_script() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(HERE))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_VERSION


def test_a_first_release_store_is_upgraded_in_place_with_nothing_lost(v1: Path) -> None:
    expected = read_jsonl(DATA / "store-v1.jsonl").offre  # the first release's own export
    store = Store(v1)
    assert store.migration == ("0001-unstamped", SCHEMA_VERSION)
    assert store.schema_version() == SCHEMA_VERSION
    offre = store.load_offre()
    for kind in ("ej", "eg", "oi", "uo", "professionnels"):
        assert getattr(offre, kind) == getattr(expected, kind), kind
    assert offre.eg["2A0000000"].ej_id is None  # left out by the first codec
    assert offre.uo["UO-2A0000022-001-sans-mode"].mode_prise_en_charge is None
    history = store.capacite_history("UO-2A0000022-001")
    assert [(h["capacite"].nombre, h["recu_le"]) for h in history] == [
        (1, datetime(2026, 11, 26, 9, 45, tzinfo=UTC)), (3, datetime(2026, 11, 26, 9, 30, tzinfo=UTC))]
    assert store.capacite_last_id() == 2
    assert [c.nombre for c in offre.uo["UO-2A0000022-001"].capacites if c.statut == "02"] == [1]
    apps = applications.list_(store)
    assert [(a.nom, a.region, a.active, a.eg_ids) for a in apps] == [
        ("SAMU 2A", "94", True, ()), ("GHT", None, False, ("2A0000022",))]
    tableau = snapshots.exiger(store, Trimestre.parse("2026T3"))
    assert (tableau.compte("94", "MCO").cible, tableau.compte("94", "SSR").cible) == (3, 2)
    lignes = snapshots.lignes_eg(store, Trimestre.parse("2026T3"))
    assert [(r.eg_id, r.champ, r.statut) for r in lignes][:2] == [
        ("2A0000000", "MCO", "a_faire"), ("2A0000022", "MCO", "en_cours")]
    assert store.structure_version() == 1
    store.close()
    again = Store(v1)  # a second opening finds the head: nothing to do
    assert again.migration == (SCHEMA_VERSION, SCHEMA_VERSION)


def test_the_upgraded_store_takes_writes_and_exports(v1: Path, tmp_path: Path) -> None:
    store = Store(v1)
    store.delete_uo("UO-2A0000022-001-sans-mode")
    assert store.counts()["uo"] == 8 and store.structure_version() == 2


def test_migrate_command_reports_what_it_did(v1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--db", str(v1)]) == 0
    assert "upgraded in place from revision 0001 (first release 0.1.0)" in capsys.readouterr().out
    assert main(["migrate", "--db", str(v1)]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_a_store_of_a_newer_release_is_refused_naming_both_versions(
        v1: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store(v1).close()
    engine = sa.create_engine(f"sqlite:///{v1}")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0042'"))
        conn.execute(sa.text("UPDATE meta SET value = '9.0.0' WHERE key = 'ecrit_par'"))
    before = v1.read_bytes()
    with pytest.raises(SchemaError, match=r"revision '0042' was written by a newer release of "
                                          r"ror-orientation \(9\.0\.0\); this release "
                                          rf"\({re.escape(__version__)}\) knows revisions up to "
                                          rf"{SCHEMA_VERSION}"):
        open_schema(engine)
    assert main(["migrate", "--db", str(v1)]) == 1
    assert "newer release" in capsys.readouterr().err
    assert v1.read_bytes() == before


def test_an_older_store_is_refused_when_upgrades_are_off(v1: Path) -> None:
    with pytest.raises(SchemaError, match="run `ror-orientation migrate`"):
        Store(v1, upgrade=False)


def test_the_revisions_build_the_schema_the_code_declares(tmp_path: Path) -> None:
    """Upgrading an empty database through every revision gives the tables of `schema.py` (what
    a new store gets directly)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from ror_orientation.store.migrations import migrate

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    assert migrate(engine) == (None, SCHEMA_VERSION)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    fresh = Store(tmp_path / "new.sqlite")
    assert fresh.migration == (None, SCHEMA_VERSION) and fresh.schema_version() == SCHEMA_VERSION
