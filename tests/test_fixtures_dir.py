"""One setting decides where the library reads reference data; by default the copy inside the
package, which is the checkout's `fixtures/` (the wheel carries it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import ror_orientation
from ror_orientation.nomenclatures import Nomenclatures
from ror_orientation.paths import fixtures_dir
from ror_orientation.settings import Settings
from ror_orientation.territoire import Territoire

CHECKOUT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_default_is_the_package_copy_of_the_checkout_fixtures(monkeypatch):
    monkeypatch.delenv("ROR_FIXTURES_DIR", raising=False)
    assert fixtures_dir() == Settings().fixtures_dir
    assert fixtures_dir() == Path(ror_orientation.__file__).resolve().parent / "fixtures"
    assert fixtures_dir().resolve() == CHECKOUT_FIXTURES.resolve()
    assert (fixtures_dir() / "MANIFEST.md").is_file()


def relabelled_copy(copy: Path, *folders: str) -> Path:
    """The reference `folders` copied to `copy`, the champ MCO (TRE_R227 01) relabelled there, so a
    reader of the copy is told from a reader of the shipped tables."""
    for folder in folders:
        shutil.copytree(CHECKOUT_FIXTURES / folder, copy / folder)
    table = next((copy / "nomenclatures").glob("*R227*.csv"))
    table.write_text(table.read_text(encoding="utf-8").replace(
        "01,Médecine Chirurgie Obstétrique (MCO)", "01,MCO relu ailleurs"), encoding="utf-8")
    return copy


def test_the_setting_moves_every_reader(tmp_path, monkeypatch):
    copy = relabelled_copy(tmp_path / "ref", "nomenclatures", "rpps", "communes")
    monkeypatch.setenv("ROR_FIXTURES_DIR", str(copy))
    assert Settings().fixtures_dir == fixtures_dir() == copy
    assert Nomenclatures.load().label("TRE_R227", "01") == "MCO relu ailleurs"
    assert Territoire.load().commune("35238").nom.upper() == "RENNES"


def test_the_default_tables_follow_a_setting_changed_after_their_first_load(tmp_path,
                                                                            monkeypatch):
    from ror_orientation.nomenclatures import default_nomenclatures

    monkeypatch.delenv("ROR_FIXTURES_DIR", raising=False)
    shipped = default_nomenclatures()  # loaded (and cached) from the default folder first
    copy = relabelled_copy(tmp_path / "ref", "nomenclatures", "rpps")
    monkeypatch.setenv("ROR_FIXTURES_DIR", str(copy))
    assert default_nomenclatures().label("TRE_R227", "01") == "MCO relu ailleurs"
    monkeypatch.delenv("ROR_FIXTURES_DIR")
    assert default_nomenclatures() is shipped  # still loaded once per folder


def test_the_relationship_words_follow_the_setting(tmp_path, monkeypatch):
    from ror_orientation.index.proches import proches_mots

    (tmp_path / "terminologie").mkdir()
    (tmp_path / "terminologie" / "proches.csv").write_text(
        "formes,sexe,age,justification\nzazou,F,adulte,un lien relu ailleurs\n", encoding="utf-8")
    monkeypatch.setenv("ROR_FIXTURES_DIR", str(tmp_path))
    assert proches_mots() == {"zazou"}
    monkeypatch.delenv("ROR_FIXTURES_DIR")
    assert "zazou" not in proches_mots() and "niece" in proches_mots()


def test_importing_the_library_reads_no_reference_file():
    # a reader runs when its table is first needed, from the folder the setting names then
    code = ("import io, sys\n"
            "opened = []\n"
            "real = io.open\n"
            "def spy(f, *a, **k):\n"
            "    opened.append(str(f))\n"
            "    return real(f, *a, **k)\n"
            "io.open = spy\n"
            "import ror_orientation.index, ror_orientation.engine, ror_orientation.service\n"
            "print([f for f in opened if 'fixtures' in f])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(CHECKOUT_FIXTURES.parent)})
    assert out.stdout.strip() == "[]", out.stdout
