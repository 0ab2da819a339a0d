"""The category of a unit's EG (JDV_J55, FINESS) as a concept: "centre de santé" names the EGs of
category 124, whose units are found, explained by it, and kept by the compiled image."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from ror_orientation.engine import Engine
from ror_orientation.engine import image as img
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_eg, make_offre, make_uo

CDS, CHU, MSP = "750000124", "350005179", "750000603"


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        make_uo(id="chu-mg", nom="Consultations de médecine générale", activite="437", champ="01"),
        make_uo(id="cds-mg", eg_id=CDS, nom="Médecine générale", activite="437", champ="01"),
        make_uo(id="cds-dent", eg_id=CDS, nom="Soins dentaires", activite="437", champ="01"),
        make_uo(id="msp-mg", eg_id=MSP, nom="Médecine générale", activite="437", champ="01"),
    )
    offre.add(make_eg(id=CDS, ej_id=None, nom="POLE JEAN MOULIN", categorie="124", departement="75",
                      region="11"))
    offre.add(make_eg(id=MSP, ej_id=None, nom="POLE DES LILAS", categorie="603", departement="75",
                      region="11"))
    return Engine.build(offre)


def _search(e: Engine, texte: str) -> list[str]:
    rep = e.search(Requete(texte=texte, profil=Profil.AVAL, ouvert_maintenant=False, limite=20),
                   now=NOW)
    return [r.uo_id for r in rep.resultats]


def test_a_centre_de_sante_query_returns_the_units_of_centre_de_sante_egs(engine: Engine) -> None:
    assert sorted(_search(engine, "centre de santé")) == ["cds-dent", "cds-mg"]


def test_the_explanation_names_the_eg_category(engine: Engine) -> None:
    rep = engine.search(Requete(texte="centre de santé", profil=Profil.AVAL, ouvert_maintenant=False),
                        now=NOW)
    assert rep.resultats
    for r in rep.resultats:
        assert r.explication is not None
        assert any(c.startswith("Centre de santé (catégorie d'établissement)")
                   for c in r.explication.criteres), r.explication.criteres


def test_a_category_no_eg_has_matches_no_unit_without_error(engine: Engine) -> None:
    rows = np.arange(len(engine.ids))
    assert len(engine._concept_rows("J55:355")) == 0  # Centre hospitalier (CH): no EG of it here
    assert not engine._concept_mask("J55:355", rows).any()
    assert not engine._concept_mask("J55:nope", rows).any()
    assert sorted(engine.ids[int(r)] for r in engine._concept_rows("J55:603")) == ["msp-mg"]


def test_a_unit_moved_to_a_centre_de_sante_is_found_by_its_category() -> None:
    e = Engine.build(make_offre(make_uo(id="a", nom="Médecine générale", activite="437")))
    e.offre.add(make_eg(id=CDS, ej_id=None, nom="POLE JEAN MOULIN", categorie="124"))
    req = Requete(texte="centre de santé", profil=Profil.AVAL, ouvert_maintenant=False)
    # no unit of a centre de santé: what the words call for stands in for it, and says so
    assert e.search(req, now=NOW).relachements
    e.update_uo(replace(e.offre.uo["a"], eg_id=CDS))
    rep = e.search(req, now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["a"] and not rep.relachements


def test_the_image_keeps_the_eg_category_column(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "offre.image"
    img.write(path, engine.image_state(), {"code": "t"})
    got = img.read(path, {"code": "t"})
    assert got is not None
    mapped = Engine.from_image(got.state, engine.offre)
    assert np.array_equal(mapped.attrs.categorie_eg.values, engine.attrs.categorie_eg.values)
    assert mapped.attrs.categorie_eg.ids == engine.attrs.categorie_eg.ids
    assert sorted(_search(mapped, "centre de santé")) == ["cds-dent", "cds-mg"]


def test_the_reading_names_the_category_and_suggests_it_after_the_unit_types() -> None:
    from ror_orientation.index import default_concept_index

    ix = default_concept_index()
    (g,) = ix.resolve("centre de santé").groupes
    assert g.matches[0].concept == "J55:124"  # not the type "Centre de santé sexuelle"
    ehpad = [s.concept for s in ix.suggest("EHPAD", 10)]
    assert "J55:500" in ehpad
    assert all(ehpad.index(c) < ehpad.index("J55:500") for c in ehpad if c.startswith("R244:"))
    assert {s.concept.split(":")[0] for s in ix.suggest("centre de santé", 5, tables=["JDV_J55"])} \
        == {"J55"}


def test_a_category_is_read_when_named_not_from_one_word_of_its_label() -> None:
    from ror_orientation.index import default_concept_index

    ix = default_concept_index()
    # "Village d'enfants", "Centre de jour pour personnes âgées": words of the label, not its name
    for text in ("enfant", "personne âgée", "hébergement", "consultation"):
        read = [m.concept for g in ix.resolve(text).groupes for m in g.matches]
        assert read and not [c for c in read if c.startswith("J55:")], (text, read)
    named = [m.concept for g in ix.resolve("maison d'accueil hospitalière").groupes for m in g.matches]
    assert named == ["J55:271"]
