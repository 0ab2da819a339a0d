"""The downstream places coordinators name are read with the way of receiving beside them (day
care, full board, temporary stay), and such a place ranks first for a coordinator."""

from __future__ import annotations

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.offre import UniteOperationnelle
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo


def test_a_label_reading_stops_where_a_synonym_phrase_would_be_cut_in_two():
    # "EHPAD accueil" is in an EHPAD label; "accueil de jour" is the day care beside it
    it = default_concept_index().resolve("EHPAD accueil de jour", profil="aval")
    assert [g.texte for g in it.groupes] == ["EHPAD", "accueil de jour"]
    assert it.groupes[1].matches[0].concept == "R213:47"
    # a label reading a synonym phrase whole is unchanged
    assert [g.texte for g in default_concept_index().resolve("accueil de jour").groupes] == ["accueil de jour"]


def _ids(engine: Engine, text: str) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=Profil.AVAL, limite=10, ouvert_maintenant=False), now=NOW)
    return [r.uo_id for r in rep.resultats]


@pytest.fixture(scope="module")
def engine() -> Engine:
    def ehpad(uid: str, mode: str, temporalite: str = "02") -> UniteOperationnelle:
        return make_uo(id=uid, nom="EHPAD Les Tilleuls", champ="04", activite="050",
                       categorie_organisation="21", mode_prise_en_charge=mode, age_min=60,
                       publics=("01",), temporalites_accueil=(temporalite,))
    uos = [
        ehpad("a-ehpad-hebergement", "46"),  # sorts first by id: only the reading ranks the others
        ehpad("m-ehpad-temporaire", "46", "01"),
        ehpad("z-ehpad-jour", "47"),
        make_uo(id="b-geriatrie", nom="Médecine gériatrique aiguë, hébergement", activite="491",
                categorie_organisation="156", mode_prise_en_charge="28", age_min=65),
        make_uo(id="c-ime-externat", nom="IME Les Glycines", champ="05", activite="511",
                categorie_organisation="48", mode_prise_en_charge="47", age_min=3, age_max=20),
        make_uo(id="d-ime-internat", nom="IME Les Glycines internat", champ="05", activite="511",
                categorie_organisation="48", mode_prise_en_charge="46", age_min=3, age_max=20),
    ]
    return Engine.build(make_offre(*uos))


def test_a_way_of_receiving_beside_a_place_ranks_the_places_receiving_so_first(engine):
    assert _ids(engine, "EHPAD accueil de jour")[:1] == ["z-ehpad-jour"]
    assert _ids(engine, "IME semi-internat")[:1] == ["c-ime-externat"]
    assert _ids(engine, "IME internat")[:1] == ["d-ime-internat"]


def test_a_named_place_outranks_an_acute_ward_that_only_shares_a_word(engine):
    found = _ids(engine, "maison de retraite hébergement temporaire")
    assert found[:1] == ["m-ehpad-temporaire"]
    assert "b-geriatrie" not in found[:3]
