"""How the word sets of a query make one reading (issue 10): a set agreeing with the best reading
on a concept it ranks low gives it that rank's weight, not a full vote; an intensity word
("beaucoup") does not make a symptom phrase outrank another one."""

from __future__ import annotations

from ror_orientation.index import default_concept_index
from ror_orientation.index.analyse import Termes
from ror_orientation.index.qualificatifs import seulement_qualificatifs
from ror_orientation.index.terminologie import Terme, Terminologie


def _confiance(termes: Termes, second: tuple[str, ...], concept: str) -> float:
    voc = Terminologie([Terme("CIM-10 R040", "épistaxis", ("R211:016", "R211:157"), 10.0),
                        Terme("CIM-10 T455", "Intoxication par anticoagulants", second, 10.0)], termes)
    lecture = voc.lire([m.terme for m in termes.mots("épistaxis anticoagulant")])
    assert lecture is not None
    return dict(lecture.concepts).get(concept, 0.0)


def test_an_agreeing_set_votes_by_the_rank_it_gives_the_shared_concept(termes):
    autres = ("R211:598", "R211:126", "R211:127", "R211:437")
    premier = _confiance(termes, ("R211:157", *autres), "R211:016")
    dernier = _confiance(termes, (*autres, "R211:157"), "R211:016")
    # the emergency named last by the second set gains less on the ENT reading than named first
    assert dernier > premier


def test_an_agreeing_set_adds_no_concept_of_its_own(termes):
    voc = Terminologie([Terme("CIM-10 R040", "épistaxis", ("R211:016", "R211:157"), 10.0),
                        Terme("CIM-10 T455", "Intoxication par anticoagulants", ("R211:598", "R211:157"), 10.0)], termes)
    lecture = voc.lire([m.terme for m in termes.mots("épistaxis anticoagulant")])
    assert lecture is not None
    assert "R211:598" not in dict(lecture.concepts)


def test_an_intensity_word_is_a_qualifier():
    assert seulement_qualificatifs(["beaucoup"])
    assert seulement_qualificatifs(["enormement"])


def test_shipped_vocabulary_reads_chest_tightness_before_sweating():
    # "transpire beaucoup" (hyperhidrosis → internal medicine) no longer outranks "serre la
    # poitrine" (chest pain) by the rarity of "beaucoup"
    besoin = [g for g in default_concept_index().resolve("il serre la poitrine et transpire beaucoup").groupes
              if not g.souple]
    assert besoin
    assert besoin[0].concepts[0] in ("R211:013", "R211:014", "R211:157", "R211:354")
    assert besoin[0].concepts[0] != "R211:085"


def test_the_national_extensions_of_one_cim10_code_vote_once(termes):
    # ATIH splits F02.4 into 20 five- and six-character codes (mild, moderate, severe…): one WHO
    # diagnosis, which must not outvote another code of equal weight by its number of labels
    extensions = [Terme(f"CIM-10 F024{s}", "démence due au virus", ("R211:050",), 3.0)
                  for s in ("", "0", "00", "01", "02", "1", "10", "11")]
    voc = Terminologie([*extensions, Terme("CIM-10 Z21", "infection par le virus", ("R211:077",), 4.0)],
                       termes)
    lecture = voc.lire([m.terme for m in termes.mots("virus")])
    assert lecture is not None
    assert lecture.concepts[0][0] == "R211:077"
