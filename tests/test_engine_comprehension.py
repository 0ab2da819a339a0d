"""How the text is understood when it says more than one thing (issue 10): context words qualify
a clinical need, an empty conjunction keeps the most specific need, labels are read by their most
significant words."""

from __future__ import annotations

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        make_uo(id="coro", nom="Salle de coronarographie", activite="014", actes=("0597",)),
        make_uo(id="adu", nom="Accueil adultes", activite="157"),
        make_uo(id="rea", nom="Réanimation", activite="127", categorie_organisation="121"),
        make_uo(id="psy", nom="Psychiatrie", activite="229"),
        make_uo(id="cardio", nom="Cardiologie", activite="013"),
    )
    return Engine.build(offre)


def ids(engine: Engine, text: str, profil: Profil = Profil.SAMU) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=profil, limite=20, ouvert_maintenant=False),
                        now=NOW)
    return [r.uo_id for r in rep.resultats]


def test_time_and_urgency_words_beside_a_need_only_rank():
    it = default_concept_index().resolve("thrombectomie de garde la nuit")
    souple = {g.texte: g.souple for g in it.groupes}
    assert souple["thrombectomie"] is False
    assert all(s for t, s in souple.items() if t != "thrombectomie")


def test_who_the_patient_is_never_outvotes_the_clinical_need():
    it = default_concept_index().resolve("réanimation adulte")
    hard = [g for g in it.groupes if not g.souple]
    assert [g.texte for g in hard] == ["réanimation"]
    assert "R211:229" not in {m.concept for g in hard for m in g.matches}  # adult psychiatry


def test_context_words_are_not_read_through_the_clinical_vocabulary():
    # "droit" of "bloc de branche droit" is not the patient's rights
    it = default_concept_index().resolve("sans droits ouverts")
    assert not any(g.via == "terminologie" for g in it.groupes)
    assert "R211:013" not in it.concepts


def test_an_urgency_word_does_not_put_the_emergency_department_above_the_asked_act(engine):
    found = ids(engine, "coronarographie en urgence")
    assert found and found[0] == "coro"
    assert "adu" not in found[:1]
    # alone, the word still means what it says
    assert ids(engine, "urgences")[:1] == ["adu"]
    assert ids(engine, "réanimation adulte")[:1] == ["rea"]
