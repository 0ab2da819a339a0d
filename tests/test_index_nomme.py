"""What the words name comes first: among the concepts the clinical vocabulary reads for a need,
the one whose ROR label holds the need's head word is the need itself; what a diagnosis's mapping
adds without naming it (the organ's speciality, geriatrics) follows a tier below."""

from __future__ import annotations

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo


def premier(text: str) -> str:
    (groupe,) = [g for g in default_concept_index().resolve(text).groupes if not g.souple]
    return groupe.matches[0].concept


@pytest.mark.parametrize(("text", "concept"), [
    ("hémoptysie abondante", "R210:1190"),  # embolisation (hémoptysie…), not pneumology
    ("ictère du nouveau-né", "R210:1532"),  # surveillance d'ictère néonatal, not neonatology
    ("hyperactif", "R245:03"),  # attention deficit with hyperactivity, not child psychiatry
    ("audition", "R211:476"),  # exploration fonctionnelle de l'audition, not ENT surgery
    ("diabète déséquilibré", "R211:039"),  # diabétologie names "diabète", endocrinology does not
])
def test_the_concept_whose_label_names_the_head_word_is_read_first(text, concept):
    assert premier(text) == concept


@pytest.mark.parametrize(("text", "concept"), [
    # "troubles" is a word dozens of labels hold: it names a family of needs, not one
    ("troubles envahissants du développement", "R245:02"),
    # a label naming the word that the vocabulary barely reads stays where it is ("diabète" in a
    # programme's label does not outrank diabetology)
    ("diabète déséquilibré", "R211:039"),
])
def test_a_family_word_or_a_weak_reading_does_not_name_the_need(text, concept):
    assert premier(text) == concept


def test_the_units_of_the_named_need_rank_above_the_mappings_speciality():
    """The unit of the need named comes first though the speciality's unit is nearer its best
    reading by beds: they are no longer in the same tier."""
    offre = make_offre(
        make_uo(id="a-pedopsy", nom="Pédopsychiatrie", activite="227", age_min=0, age_max=17),
        make_uo(id="b-tdah", nom="Centre TDAH", activite="227", specialisations=("03",),
                age_min=0, age_max=17, capacites=()),
        make_uo(id="c-pneumo", nom="Pneumologie", activite="114"),
        make_uo(id="d-embol", nom="Radiologie interventionnelle", activite="069", actes=("1190",),
                capacites=()))
    engine = Engine.build(offre)

    def ordre(text: str) -> list[str]:
        rep = engine.search(Requete(texte=text, profil=Profil.AVAL, limite=5,
                                    ouvert_maintenant=False), now=NOW)
        return [r.uo_id for r in rep.resultats]

    assert ordre("enfant hyperactif")[0] == "b-tdah"
    assert ordre("hémoptysie abondante")[0] == "d-embol"
