"""Free text through the index: synonyms, abbreviations, typos, prefixes and names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ror_orientation.engine import Engine
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_eg, make_offre, make_uo


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        make_uo(id="unv", nom="Unité neuro-vasculaire", activite="356",
                actes=("0460", "0459")),
        make_uo(id="coro", nom="Salle de cathétérisme", activite="014"),
        make_uo(id="dial", nom="Centre d'hémodialyse", activite="059"),
        make_uo(id="smr", nom="SMR de l'appareil locomoteur", champ="02", activite="233",
                categorie_organisation="102"),
        make_uo(id="other", nom="Consultation douleur", activite="004"))
    vannes = make_eg(id="560000010", nom="CH BRETAGNE ATLANTIQUE", departement="56")
    offre.add(vannes)
    offre.add(make_uo(id="vannes-coro", eg_id=vannes.id, nom="Cardiologie", activite="014"))
    return Engine.build(offre)


def found(engine: Engine, text: str) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=Profil.AVAL, limite=50), now=NOW)
    return sorted(r.uo_id for r in rep.resultats)


@pytest.mark.parametrize("text", ["AVC", "accident vasculaire cérébral", "thrombolyse",
                                  "thrombolise", "USINV"])
def test_stroke_synonyms_and_typos_find_the_stroke_unit(engine, text):
    assert "unv" in found(engine, text)
    assert "other" not in found(engine, text)


def test_typo_and_prefix_find_coronarography_and_dialysis(engine):
    assert found(engine, "coronarografie") == ["coro", "vannes-coro"]
    assert found(engine, "dialy") == ["dial"]


def test_abbreviation_ssr_means_smr(engine):
    assert "smr" in found(engine, "SSR locomoteur")


def test_units_are_found_by_their_or_their_establishment_name(engine):
    assert found(engine, "pontchaillou") == ["coro", "dial", "other", "smr", "unv"]
    assert found(engine, "bretagne atlantique") == ["vannes-coro"]


def test_unexplained_words_narrow_concepts_by_name(engine):
    assert found(engine, "coronarographie bretagne atlantique") == ["vannes-coro"]


def test_understood_concepts_are_reported(engine):
    rep = engine.search(Requete(texte="AVC", profil=Profil.AVAL), now=NOW)
    assert "R210:0460" in rep.concepts and rep.etapes["text"] >= 1


def test_renamed_unit_is_found_by_its_new_name_at_once():
    e = Engine.build(make_offre(make_uo(id="a", nom="Réanimation")))
    e.update_uo(replace(e.offre.uo["a"], nom="Zanzibar"))
    assert [r.uo_id for r in e.search(Requete(texte="zanzibar", profil=Profil.AVAL),
                                      now=NOW).resultats] == ["a"]


def test_a_name_match_is_explained_with_the_words_typed() -> None:
    from ror_orientation.engine import Engine
    from ror_orientation.requete import Requete

    from .factories import make_offre, make_uo

    engine = Engine.build(make_offre(make_uo(id="a", nom="Unité Kerbernez")))
    (res,) = engine.search(Requete(texte="kerbernez", ouvert_maintenant=False)).resultats
    assert "nom correspondant à « kerbernez »" in res.explication.criteres


def test_a_text_read_before_an_update_is_read_again_after_it():
    """The engine keeps each text's reading and its concepts' rows: an update drops them."""
    e = Engine.build(make_offre(make_uo(id="a", nom="Réanimation", activite="004")))
    aval = Requete(texte="zanzibar", profil=Profil.AVAL)
    assert e.search(aval, now=NOW).resultats == ()
    e.update_uo(replace(e.offre.uo["a"], nom="Zanzibar"))
    assert [r.uo_id for r in e.search(aval, now=NOW).resultats] == ["a"]
    dialyse = Requete(texte="hémodialyse", profil=Profil.AVAL)
    assert [r.uo_id for r in e.search(dialyse, now=NOW).resultats] == []
    e.update_uo(replace(e.offre.uo["a"], activite="059"))
    assert [r.uo_id for r in e.search(dialyse, now=NOW).resultats] == ["a"]


def test_needs_met_on_one_site_name_its_units_again_after_an_update():
    offre = make_offre(make_uo(id="seule", nom="Cardiologie interventionnelle", activite="014"))
    site = make_eg(id="350000020", nom="CH SITE", departement="35")
    offre.add(site)
    offre.add(make_uo(id="c", eg_id=site.id, nom="Cathé", activite="014"))
    offre.add(make_uo(id="d", eg_id=site.id, nom="Hémodialyse", activite="059"))
    e = Engine.build(offre)
    req = Requete(texte="coronarographie hémodialyse", profil=Profil.AVAL)
    for _ in range(2):  # the second time from what the first one kept
        rep = e.search(req, now=NOW)
        assert sorted(r.uo_id for r in rep.resultats) == ["c", "d"]
        assert "sur le même site : « hémodialyse » par l'unité Hémodialyse" \
            in rep.resultats[0].explication.criteres
    e.update_uo(replace(e.offre.uo["d"], activite="004"))  # the site no longer dialyses
    assert [r.uo_id for r in e.search(req, now=NOW).resultats] != ["c", "d"]
    e.update_uo(replace(e.offre.uo["seule"], eg_id=site.id, nom="Dialyse", activite="059"))
    rep = e.search(req, now=NOW)
    assert sorted(r.uo_id for r in rep.resultats) == ["c", "seule"]
    assert "sur le même site : « hémodialyse » par l'unité Dialyse" \
        in rep.resultats[0].explication.criteres


def test_the_units_around_a_rare_text_are_counted_again_after_an_update():
    """A text only a few units can match is searched on those rows, the units around being
    counted per grid cell: an update that hides or moves a unit changes that count at once."""
    from ror_orientation.offre import Coordonnees
    from ror_orientation.requete import Lieu

    offre = make_offre(*(make_uo(id=f"u{i:03d}", nom="Cardiologie") for i in range(150)),
                       make_uo(id="z", nom="Zanzibar"))
    loin = make_eg(id="130000010", nom="CH LOIN", departement="13", coordonnees=Coordonnees(43.3, 5.4))
    offre.add(loin)
    e = Engine.build(offre)
    req = Requete(texte="zanzibar", profil=Profil.AVAL, lieu=Lieu(lat=48.12, lon=-1.69), rayon_km=60)
    assert e.search(req, now=NOW).etapes["candidates"] == 151
    e.update_uo(replace(e.offre.uo["u000"], sensible=True))
    e.update_uo(replace(e.offre.uo["u001"], eg_id=loin.id))
    rep = e.search(req, now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["z"]
    assert rep.etapes["candidates"] == 149
    assert e.search(replace(req, voir_sensibles=True), now=NOW).etapes["candidates"] == 150
