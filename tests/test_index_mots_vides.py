"""Function words name no need (issue 10): "de moins en moins", "très", "quand" are how a family
says a need gets worse or when it happens; read as label words they sent a failing sight to the
burns centre ("infarctus de 24 heures ou moins") and matched acts such as "Téléexpertise en moins
de 24h". The first part of a compound the tokenizer splits ("sous-dural") still reads."""

from __future__ import annotations

from ror_orientation.index.concepts import ConceptIndex

OPHTALMOLOGIE = "R211:103"



def _concepts(index: ConceptIndex, text: str) -> list[str]:
    return [m.concept for g in index.resolve(text).groupes for m in g.matches]


def test_a_failing_sense_said_with_function_words_reads_its_organ(index):
    lus = _concepts(index, "il voit de moins en moins bien")
    assert lus[0] == OPHTALMOLOGIE
    assert not any(c in lus for c in ("R211:121", "R211:014", "R210:1271"))  # burns, cardiology, téléexpertise


def test_function_words_alone_read_no_label(index):
    it = index.resolve("elle marche de moins en moins")
    assert "moins" in it.ignores
    assert not any(m.concept in ("R211:121", "R211:014", "R210:1271")
                   for g in it.groupes for m in g.matches)


def test_the_first_part_of_a_split_compound_still_reads(index):
    for text, mot in (("hématome sous-dural", "sous-dural"), ("fracture de l'avant-bras", "avant-bras")):
        g = next(g for g in index.resolve(text).groupes if g.via == "terminologie")
        assert any(mot in s for s in g.sources)


def test_a_quantifier_or_an_adverb_of_time_names_no_need(index):
    # "quelques jours" was an AND group of its own: the act "Relayage courte durée (quelques heures)"
    it = index.resolve("il a mal au ventre depuis quelques jours")
    assert not any(m.concept == "R210:1580" for g in it.groupes for m in g.matches)
    assert "quelques" in it.ignores


def test_a_lay_expression_still_binds_on_its_adverb(index):
    # (the symptom expression "angoisses toutes les nuits" and the lay word "oublie tout" keep
    # their word)
    g = next(g for g in index.resolve("angoisses toutes les nuits").groupes if g.via == "terminologie")
    assert any("(symptome)" in s for s in g.sources)
    g = next(g for g in index.resolve("il oublie tout").groupes if g.via == "terminologie")
    assert any(s.startswith("oublie tout") for s in g.sources)
