"""The `import`, `export` and `check` commands: one transaction per file, one-line errors, exit codes."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from ror_orientation.cli import main
from ror_orientation.offre import Coordonnees
from ror_orientation.store import Store

from .factories import make_eg, make_uo
from .test_import_jsonl import rich_offre

EXTRAIT = Path(__file__).parent / "data" / "etalab_cs1100507_extrait.csv"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture()
def loaded(tmp_path, capsys):
    """A store holding the FINESS extract plus the rich hand-built offer, and its export."""
    db = str(tmp_path / "s.sqlite")
    rc, out, _ = run(capsys, "import", "--db", db, "finess-csv", str(EXTRAIT))
    assert rc == 0 and "45 records read, 1 skipped" in out and "category 321 outside JDV_J55" in out
    Store(db).import_offre(rich_offre(), "test")
    export = tmp_path / "before.jsonl"
    assert run(capsys, "export", "--db", db, "--output", str(export))[0] == 0
    return db, export


def _export(capsys, db: str) -> str:
    rc, out, _ = run(capsys, "export", "--db", db)
    assert rc == 0
    return out


def test_export_to_stdout_equals_export_to_file(capsys, loaded):
    db, export = loaded
    assert _export(capsys, db) == export.read_text(encoding="utf-8")


def test_bad_record_in_the_middle_of_a_file_leaves_the_store_unchanged(tmp_path, capsys, loaded):
    db, export = loaded
    counts = Store(db).counts()
    lines = export.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    record = orjson.loads(lines[middle])
    record["data"]["nom"] = 42
    changed = [orjson.loads(line) for line in lines]
    for r in changed:  # every other record is a valid change the store would otherwise take
        if r["kind"] == "eg":
            r["data"]["nom"] = r["data"]["nom"] + " (modifié)"
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in changed[:middle]) + orjson.dumps(record)
                    + b"\n" + b"".join(orjson.dumps(r) + b"\n" for r in changed[middle + 1:]))
    rc, out, err = run(capsys, "import", "--db", db, "jsonl", str(bad))
    assert rc != 0 and out == ""
    assert err.count("\n") == 1
    assert f"bad.jsonl:{middle + 1}: {record['kind']}.nom: Expected `str`, got `int`" in err
    assert Store(db).counts() == counts
    assert _export(capsys, db) == export.read_text(encoding="utf-8")


def test_dangling_link_refused_by_the_store_leaves_it_unchanged(tmp_path, capsys, loaded):
    db, export = loaded
    lines = export.read_text(encoding="utf-8").splitlines()
    orphan = orjson.dumps({"kind": "uo", "data": orjson.loads(orjson.dumps(
        {**orjson.loads(lines[-2])["data"], "id": "uo-orpheline", "eg_id": "999999999"}))}).decode()
    bad = tmp_path / "orphan.jsonl"
    bad.write_text("\n".join(lines[:3] + [orphan] + lines[3:]) + "\n", encoding="utf-8")
    rc, _out, err = run(capsys, "import", "--db", db, "jsonl", str(bad))
    assert rc != 0 and err.count("\n") == 1
    assert "uo.eg_id" in err and "999999999" in err
    assert _export(capsys, db) == export.read_text(encoding="utf-8")


def test_malformed_finess_row_is_one_line_naming_file_line_and_field(tmp_path, capsys, loaded):
    db, export = loaded
    lines = EXTRAIT.read_bytes().decode("latin-1").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("structureet;010000024;"))
    parts = lines[n].split(";")
    parts[18] = "35"  # categetab
    lines[n] = ";".join(parts)
    bad = tmp_path / "etalab_bad.csv"
    bad.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    rc, _out, err = run(capsys, "import", "--db", db, "finess-csv", str(bad))
    assert rc == 2
    assert err.startswith(f"ror-orientation import: error: etalab_bad.csv:{n + 1}: categetab: '35'")
    assert _export(capsys, db) == export.read_text(encoding="utf-8")


def test_missing_file_is_a_one_line_error(tmp_path, capsys):
    rc, _out, err = run(capsys, "import", "--db", str(tmp_path / "s.sqlite"), "eurostat",
                        str(tmp_path / "absent.csv"))
    assert rc == 2 and "file not found" in err and err.count("\n") == 1


def test_check_passes_on_a_consistent_store(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    Store(db).import_offre(rich_offre(), "test")
    rc, out, _ = run(capsys, "check", "--db", db)
    assert rc == 0 and "0 problem(s)" in out


def test_check_reports_dangling_links_unknown_codes_and_missing_coordinates(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    store = Store(db)
    offre = rich_offre()
    offre.add(make_eg(id="350000001", nom="Sans coordonnées", coordonnees=None))
    offre.add(make_uo(id="uo-perdue", eg_id="350000001"))
    offre.add(make_uo(id="uo-orpheline", eg_id="999999999", oi_id="oi-absente"))
    offre.add(make_uo(id="uo-code", champ="99", publics=("zz",)))
    store.import_offre(offre, "test", check=False)
    rc, out, _ = run(capsys, "check", "--db", db, "--json")
    report = orjson.loads(out)
    assert rc == 1 and report["ok"] is False
    assert report["par_categorie"] == {"code": 2, "coordonnees": 2, "lien": 2}
    assert report["par_champ"] == {"eg.coordonnees": 1, "uo.champ": 1, "uo.eg_id": 2, "uo.oi_id": 1,
                                   "uo.publics": 1}
    messages = " | ".join(p["message"] for p in report["exemples"])
    assert "uo uo-orpheline: uo.eg_id refers to eg '999999999', absent" in messages
    assert "uo.champ: unknown code '99' in table TRE_R227" in messages
    assert "uo uo-perdue: its site 350000001 has no coordinates" in messages


def test_check_counts_placed_sites_as_fine(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    offre = rich_offre()
    offre.eg["350005179"] = make_eg(coordonnees=Coordonnees(48.1, -1.7))
    Store(db).import_offre(offre, "test")
    assert run(capsys, "check", "--db", db)[0] == 0
