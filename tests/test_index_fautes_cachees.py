"""Typos the reader used to miss (issue 10): a misspelt word the stemmer folds onto another
word's stem ("thoraxique" → "thorax", "pensement" → "pens" of "pensée") looked like a real word
and was never corrected; a respelling by ear needing one more edit ("ritmologue": y heard as i,
h dropped) was tried only exactly; a misspelt speciality read with the next word through one long
label ("neurolgue epilepsie" → nothing) lost the speciality."""

from __future__ import annotations

from ror_orientation.index.concepts import ConceptIndex


def _concepts(index: ConceptIndex, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text).groupes if not g.souple for m in g.matches]


def test_a_typo_folded_onto_another_stem_is_corrected(index):
    assert _concepts(index, "chirurgie thoraxique programmée")[0] == "R211:030"  # thoracique
    assert "R211:013" != _concepts(index, "chirurgie thoraxique programmée")[0]  # not the thorax
    assert _concepts(index, "pensement du pied")[0] in ("R211:287", "R210:0724", "R210:0362")


def test_a_typo_said_beside_a_word_reads_the_word_meant(index):
    lus = _concepts(index, "douleur thoraxique")
    assert lus[0] in ("R211:013", "R211:014", "R211:354")  # a chest pain: cardiology


def test_a_real_word_is_not_a_hidden_typo(index):
    mot = index.termes.mots("thoracique")[0]
    assert index._faute_cachee(mot) is None
    assert _concepts(index, "chirurgie thoracique")[0] == "R211:030"


def test_a_respelling_by_ear_may_need_one_more_edit(index):
    assert _concepts(index, "ritmologue")[0] in ("R211:132", "R211:133")
    assert "ritmologue" not in index.resolve("ritmologue").inexpliques


def test_a_misspelt_speciality_is_not_lost_in_a_long_label(index):
    lus = _concepts(index, "neurolgue epilepsie")
    assert lus and lus[0] == "R211:097"
