"""Schema migrations: a store of the first release is upgraded in place with nothing lost, a new
store is created at the head, a store of a newer release is refused naming both versions."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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


def _alembic(conn: sa.Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = conn
    return config


def _rows(engine: sa.Engine, table: str) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        return {r[0]: json.loads(r[1]) for r in conn.execute(sa.text(f"SELECT id, data FROM {table}"))}


@pytest.fixture()
def v5_multi(v1: Path) -> sa.Engine:
    """The first release's store brought to revision 0005, where a unit carries two activities
    (with a working copy, a person's draft and a practice of the second), and one carries none."""
    from alembic import command

    engine = sa.create_engine(f"sqlite:///{v1}")
    with engine.begin() as conn:
        config = _alembic(conn)
        command.stamp(config, "0001")
        command.upgrade(config, "0005")
        uos = {r[0]: json.loads(r[1]) for r in conn.execute(sa.text("SELECT id, data FROM uo"))}
        memoire = {**uos["UO-2A0000022-001"], "activites": ["597", "050"]}
        douleur = {**uos["UO-2A0000022-003"], "activites": []}
        for data in (memoire, douleur):
            conn.execute(sa.text("UPDATE uo SET data = :d WHERE id = :i"),
                         {"d": json.dumps(data).encode(), "i": data["id"]})
        pro = json.loads(conn.execute(sa.text(
            "SELECT data FROM professionnel WHERE id = '86452664029'")).scalar_one())
        pro["exercices"][0]["activite"] = "050"
        conn.execute(sa.text("UPDATE professionnel SET data = :d WHERE id = '86452664029'"),
                     {"d": json.dumps(pro).encode()})
        now = datetime(2026, 12, 1, tzinfo=UTC)
        brouillon = json.dumps({**memoire, "nom": "Consultation mémoire (brouillon)"}).encode()
        conn.execute(sa.text(
            "INSERT INTO edition_fiche (kind, id, eg_id, data, version, etat, nouveau, modifie_par, "
            "modifie_le) VALUES ('uo', 'UO-2A0000022-001', '2A0000022', :d, 3, 'brouillon', 0, "
            "'GHT', :t)"), {"d": json.dumps(memoire).encode(), "t": now})
        conn.execute(sa.text(
            "INSERT INTO edition_brouillon (application_id, personne, kind, id, data, base_version, "
            "enregistre_le) VALUES (2, 'a@ght.fr', 'uo', 'UO-2A0000022-001', :d, 3, :t)"),
            {"d": brouillon, "t": now})
    return engine


def test_revision_0006_splits_a_unit_of_two_activities_and_what_refers_to_it(
        v5_multi: sa.Engine) -> None:
    from ror_orientation.store.migrations import migrate

    capacites_avant = _rows(v5_multi, "uo")["UO-2A0000022-001"]["capacites"]
    assert migrate(v5_multi) == ("0005", SCHEMA_VERSION)
    uos = _rows(v5_multi, "uo")
    memoire, geriatrie = uos["UO-2A0000022-001"], uos["UO-2A0000022-001-050"]
    assert (memoire["activite"], geriatrie["activite"]) == ("597", "050")
    assert "activites" not in memoire and "activites" not in geriatrie
    assert geriatrie["nom"] == "Consultation mémoire - Gériatrie, Gérontologie"
    assert memoire["capacites"] == capacites_avant and geriatrie["capacites"] == []
    assert (geriatrie["eg_id"], geriatrie["mode_prise_en_charge"]) == ("2A0000022", "32")
    assert "UO-2A0000022-003" not in uos  # no activity at all: quarantined, not invented
    with v5_multi.connect() as conn:
        motif = conn.execute(sa.text("SELECT motif FROM quarantaine WHERE ligne_id = "
                                     "'UO-2A0000022-003'")).scalar_one()
        assert "no activité opérationnelle" in motif
        assert conn.execute(sa.text("SELECT origine, activite FROM uo_scission")).all() == [
            ("UO-2A0000022-001", "050")]
        journal = conn.execute(sa.text("SELECT id, nouveau, commentaire FROM edition_journal "
                                       "WHERE action = 'scission' ORDER BY id")).all()
        assert [(i, n) for i, n, _c in journal] == [("UO-2A0000022-001", '"597"'),
                                                    ("UO-2A0000022-001-050", '"050"')]
        assert "UO-2A0000022-001: 2 activités opérationnelles (597, 050)" in journal[0][2]
        brouillons = {r[0]: json.loads(r[1]) for r in conn.execute(sa.text(
            "SELECT id, data FROM edition_brouillon WHERE personne = 'a@ght.fr'"))}
        fiches = {r[0]: json.loads(r[1]) for r in conn.execute(sa.text(
            "SELECT id, data FROM edition_fiche"))}
    assert {i: d["activite"] for i, d in brouillons.items()} == {
        "UO-2A0000022-001": "597", "UO-2A0000022-001-050": "050"}
    assert brouillons["UO-2A0000022-001-050"]["nom"] == "Consultation mémoire (brouillon)"
    assert {i: d["activite"] for i, d in fiches.items()} == {
        "UO-2A0000022-001": "597", "UO-2A0000022-001-050": "050"}
    pros = _rows(v5_multi, "professionnel")
    assert pros["86452664029"]["exercices"][0]["uo_id"] == "UO-2A0000022-001-050"
    assert pros["88082996961"]["exercices"][0]["uo_id"] == "UO-2A0000022-001"
    store = Store(Path(v5_multi.url.database or ""))  # the model reads every row
    offre = store.load_offre()
    assert offre.uo["UO-2A0000022-001-050"].activite == "050"
    assert [c.nombre for c in offre.uo["UO-2A0000022-001"].capacites if c.statut == "02"] == [1]
    assert len(store.capacite_history("UO-2A0000022-001")) == 2
    store.close()


def test_revision_0006_downgrade_merges_the_split_units_back(v5_multi: sa.Engine) -> None:
    from alembic import command

    from ror_orientation.store.migrations import migrate

    avant = _rows(v5_multi, "uo")
    pros_avant = _rows(v5_multi, "professionnel")
    migrate(v5_multi)
    with v5_multi.begin() as conn:
        command.downgrade(_alembic(conn), "0005")
    apres = _rows(v5_multi, "uo")
    assert set(apres) == set(avant)
    assert apres["UO-2A0000022-001"]["activites"] == ["597", "050"]
    assert apres["UO-2A0000022-003"] == avant["UO-2A0000022-003"]  # back from quarantine
    assert apres["UO-2A0000022-002"]["activites"] == avant["UO-2A0000022-002"]["activites"]
    assert _rows(v5_multi, "professionnel") == pros_avant
    with v5_multi.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        assert "uo_scission" not in tables
        assert conn.execute(sa.text("SELECT count(*) FROM quarantaine")).scalar() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM edition_journal WHERE action = "
                                    "'scission'")).scalar() == 0
        brouillons = conn.execute(sa.text("SELECT id, data FROM edition_brouillon")).all()
    assert [(i, json.loads(d)["activites"]) for i, d in brouillons] == [
        ("UO-2A0000022-001", ["597"])]
