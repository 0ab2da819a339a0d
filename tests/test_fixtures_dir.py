"""One setting decides where the library reads reference data; by default the copy inside the
package, which is the checkout's `fixtures/` (the wheel carries it)."""

from __future__ import annotations

import shutil
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


def test_the_setting_moves_every_reader(tmp_path, monkeypatch):
    copy = tmp_path / "ref"
    shutil.copytree(CHECKOUT_FIXTURES / "nomenclatures", copy / "nomenclatures")
    shutil.copytree(CHECKOUT_FIXTURES / "rpps", copy / "rpps")
    shutil.copytree(CHECKOUT_FIXTURES / "communes", copy / "communes")
    table = next((copy / "nomenclatures").glob("*R227*.csv"))
    table.write_text(table.read_text(encoding="utf-8").replace(
        "01,Médecine Chirurgie Obstétrique (MCO)", "01,MCO relu ailleurs"), encoding="utf-8")
    monkeypatch.setenv("ROR_FIXTURES_DIR", str(copy))
    assert Settings().fixtures_dir == fixtures_dir() == copy
    assert Nomenclatures.load().label("TRE_R227", "01") == "MCO relu ailleurs"
    assert Territoire.load().commune("35238").nom.upper() == "RENNES"
