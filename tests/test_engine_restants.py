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
    offre = make_offre(
        make_uo(id="rea-rennes", nom="Réanimation", activite="127", categorie_organisation="121"),
        make_uo(id="rea-paris", eg_id=peupliers.id, nom="Réanimation", activite="127",
                categorie_organisation="121"))
    offre.add(peupliers)
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
