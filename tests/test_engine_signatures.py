"""A candidate's own checks (shown to any caller, age bounds, the patient's land) are read as one
signature per row: the same verdicts as the columns they fold, kept in step by every update,
whether the engine was built or mapped from an image."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from ror_orientation.engine import Engine
from ror_orientation.engine import image as img
from ror_orientation.engine.lieu import terre_de_departement
from ror_orientation.offre import Coordonnees, Statut
from ror_orientation.requete import Lieu, Profil, Requete

from .factories import NOW, make_eg, make_offre, make_uo

AGES = (None, 0, 3, 17, 18, 45, 62, 63, 90, 130)
TERRES = (None, "metropole", "corse", "971")


def _offre():
    offre = make_offre(
        make_uo(id="adultes", age_min=18, age_max=130),
        make_uo(id="enfants", age_min=0, age_max=17),
        make_uo(id="ouvert", age_min=None, age_max=None),
        make_uo(id="sensible", age_min=18, age_max=62, sensible=True),
        make_uo(id="brouillon", statut=Statut.BROUILLON),
        make_uo(id="ajaccio", eg_id="2A0000001", age_min=3, age_max=None))
    offre.add(make_eg(id="2A0000001", nom="CH AJACCIO", departement="2A",
                      coordonnees=Coordonnees(41.93, 8.74)))
    return offre


def _by_columns(engine: Engine, public: bool, age: int | None, terre: str | None) -> np.ndarray:
    """What the per-unit columns say of every row, read one by one."""
    a, pat = engine.attrs, engine.pat
    ok = a.public.copy() if public else np.ones(len(engine.ids), dtype=bool)
    if age is not None:
        ok &= (pat.age_min <= age) & (pat.age_max >= age)
    if terre is not None:
        codes = {i: c for c, i in a.departement.ids.items()}
        ok &= np.array([terre_de_departement(codes.get(int(d))) in (terre, None)
                        for d in a.departement.values])
    return ok


def _agree(engine: Engine) -> None:
    for public in (True, False):
        for age in AGES:
            for terre in TERRES:
                got = engine._signature_table(public, age, terre)[engine.sig.of_row]
                assert got.tolist() == _by_columns(engine, public, age, terre).tolist(), \
                    (public, age, terre)


def test_each_row_s_signature_passes_what_its_columns_pass() -> None:
    engine = Engine.build(_offre())
    assert len(engine.sig) == 6  # six distinct combinations
    _agree(engine)


@pytest.mark.parametrize("mapped", [False, True])
def test_an_update_to_a_new_combination_appends_it_and_the_search_reads_it(
        mapped: bool, tmp_path: Path) -> None:
    """A unit's age bounds, then its publication, changed after the engine was made (built, or
    over an image): the next search reads the new combination, never the old one."""
    engine = Engine.build(_offre())
    if mapped:
        path = tmp_path / "offre.image"
        img.write(path, engine.image_state(), {"k": 1})
        got = img.read(path, {"k": 1})
        assert got is not None
        engine = Engine.from_image(got.state, _offre())
    n = len(engine.sig)
    req = Requete(profil=Profil.AVAL, age=10, lieu=Lieu(lat=48.12, lon=-1.69), rayon_km=20.0,
                  elargir=False, limite=20, ouvert_maintenant=False)

    def found(r: Requete = req) -> set[str]:
        return {x.uo_id for x in engine.search(r, now=NOW).resultats}

    assert found() == {"enfants", "ouvert"}
    engine.update_uo(replace(engine.offre.uo["adultes"], age_min=6, age_max=12))
    assert len(engine.sig) == n + 1
    assert found() == {"enfants", "ouvert", "adultes"}
    engine.update_uo(replace(engine.offre.uo["adultes"], sensible=True))
    assert found() == {"enfants", "ouvert"}
    assert "adultes" in found(replace(req, voir_sensibles=True))
    engine.update_uo(replace(engine.offre.uo["adultes"], sensible=False))  # a known combination
    assert len(engine.sig) == n + 2 and found() == {"enfants", "ouvert", "adultes"}
    _agree(engine)
