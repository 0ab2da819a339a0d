"""The population pass is reused until the offer's description changes, never after."""

from __future__ import annotations

from pathlib import Path

from ror_orientation.offre import Capacite
from ror_orientation.peuplement.statut import calculer_en_cache
from ror_orientation.store import Store

from .factories import make_offre, make_uo


def test_same_store_state_reuses_the_pass_and_an_import_invalidates_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.sqlite")
    store.import_offre(make_offre(make_uo(id="a")))
    first = calculer_en_cache(store)
    assert calculer_en_cache(store) is first
    store.set_capacites("a", [Capacite("01", "02", "01", "04", 1)], auteur="x")
    assert calculer_en_cache(store) is first  # beds do not change a population status
    store.import_offre(make_offre(make_uo(id="b", nom="Autre")))
    second = calculer_en_cache(store)
    assert second is not first and second.n_uo == first.n_uo + 1
    store.delete_uo("b")
    assert calculer_en_cache(store).n_uo == first.n_uo


def test_a_store_regenerated_in_place_of_another_gets_its_own_pass(tmp_path: Path) -> None:
    # written as many times as the one it replaced: the same structure version, another offer
    db = tmp_path / "r.sqlite"
    first = Store(db)
    first.import_offre(make_offre(make_uo(id="a")))
    before = calculer_en_cache(first)
    version = first.structure_version()
    first.close()
    db.unlink()
    second = Store(db)
    second.import_offre(make_offre(make_uo(id="a"), make_uo(id="b", nom="Autre")))
    assert second.structure_version() == version
    assert calculer_en_cache(second).n_uo == before.n_uo + 1
    second.close()
