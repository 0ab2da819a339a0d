"""Words the reading leaves: a name plainly typed narrows the answer, any other word is said and
never shrinks the answer of the words understood (issue 10, items 2 and 4)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ror_orientation.engine import Engine
from ror_orientation.requete import Profil, Reponse, Requete

from .factories import NOW, make_eg, make_offre, make_uo


@pytest.fixture(scope="module")
def engine() -> Engine:
    base = make_eg()
    peupliers = make_eg(id="750000011", nom="CENTRE DES EAUX LES PEUPLIERS", departement="75",
                        adresse=replace(base.adresse, code_postal="75013", localite="PARIS"))
    # a river's name in a town's ("Saint-Aubin-sur-Scie") that is also a tool
    scie = make_eg(id="760000012", nom="CLINIQUE DU VAL", departement="76",
                   adresse=replace(base.adresse, code_postal="76550", localite="ST AUBIN SUR SCIE"))
    offre = make_offre(
        make_uo(id="rea-rennes", nom="Réanimation", activite="127", categorie_organisation="121"),
        make_uo(id="rea-paris", eg_id=peupliers.id, nom="Réanimation", activite="127",
                categorie_organisation="121"),
        make_uo(id="main-rennes", nom="Urgences de la main", activite="258"),
        make_uo(id="main-scie", eg_id=scie.id, nom="Urgences de la main", activite="258"))
    offre.add(peupliers)
    offre.add(scie)
    return Engine.build(offre)


def search(engine: Engine, texte: str) -> Reponse:
    return engine.search(Requete(texte=texte, profil=Profil.AVAL, ouvert_maintenant=False), now=NOW)


def test_a_common_word_left_unread_is_said_and_never_narrows_by_a_name_it_only_begins(engine):
    both = {r.uo_id for r in search(engine, "réanimation").resultats}
    assert both == {"rea-rennes", "rea-paris"}
    # "eau" is a word of the language and "peu" only begins "PEUPLIERS": neither is a name typed
    # ("peu", an adverb of degree, is understood as naming no need; "eau" is said)
    rep = search(engine, "noyade en eau peu profonde")
    assert {r.uo_id for r in rep.resultats} == both
    assert rep.non_compris == ("eau",) and rep.vouliez_vous_dire


def test_a_word_after_an_article_or_a_possessive_is_a_thing_not_a_name(engine):
    # "une scie" is the tool: the answer was narrowed to the one clinic of Saint-Aubin-sur-Scie
    rep = search(engine, "je me suis coupé le doigt avec une scie")
    assert {r.uo_id for r in rep.resultats} == {"main-rennes", "main-scie"}
    # the same word typed bare is the town's name
    assert [r.uo_id for r in search(engine, "urgences de la main scie").resultats] == ["main-scie"]


def test_a_name_plainly_typed_still_narrows_and_is_understood(engine):
    for texte, uo in (("réanimation Pontchaillou", "rea-rennes"),
                      ("réanimation peupliers", "rea-paris"),
                      ("réanimation Rennes", "rea-rennes")):
        rep = search(engine, texte)
        assert [r.uo_id for r in rep.resultats] == [uo], texte
        assert rep.non_compris == (), texte


@pytest.mark.parametrize("texte,mot", [
    ("réanimation pontchailou", "pontchailou"),  # a typo of a name is not a name typed
    ("réanimation peuplier", "peuplier"),  # nor another word of its stem ("talons" ≠ "TALON")
])
def test_a_word_only_near_a_name_left_unread_does_not_narrow(engine, texte, mot):
    rep = search(engine, texte)
    assert {r.uo_id for r in rep.resultats} == {"rea-rennes", "rea-paris"}
    assert rep.non_compris == (mot,)
