"""A variant of an activity no unit declares is met by the units of its general kind, read from the
labels ("Hébergement temporaire d'urgence" for "… en sortie d'hospitalisation")."""

from __future__ import annotations

from ror_orientation.engine import Engine
from ror_orientation.index.generaux import generaux
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo


def test_a_variant_label_has_the_label_it_goes_on_from_as_general_kind(index):
    kinds = generaux(index.concepts)
    # the type of offer "… (dont HT-SH)", then the activity "Hébergement temporaire d'urgence"
    # (also that of the social shelters)
    assert kinds["R211:393"] == ("R244:258", "R211:392")
    assert "R211:392" not in kinds  # the general kind itself has none


def test_an_activity_no_unit_declares_is_met_by_its_general_kind():
    offre = make_offre(
        make_uo(id="a-smr", nom="SMR polyvalent", champ="02", activite="283", mode_prise_en_charge="46"),
        # a social shelter of the general activity, sorting first by id: the type of offer ranks
        make_uo(id="a-abri", nom="Hébergement d'urgence", champ="06", activite="392",
                mode_prise_en_charge="46"),
        make_uo(id="b-ht-urgence", nom="Hébergement temporaire d'urgence", champ="04", activite="392",
                categorie_organisation="258", mode_prise_en_charge="46", age_min=60))
    rep = Engine.build(offre).search(Requete(
        texte="hébergement temporaire d'urgence en sortie d'hospitalisation", profil=Profil.AVAL,
        limite=10, ouvert_maintenant=False), now=NOW)
    assert [r.uo_id for r in rep.resultats][:1] == ["b-ht-urgence"]
