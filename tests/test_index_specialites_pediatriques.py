"""A unit specialised in a speciality ("Soins intensifs spécialisés brûlés") has no child's
equivalent in the unit specialised in children ("… spécialisés pédiatrie"): they are siblings, and
a burnt child is taken by the burn unit (issue 10)."""

from __future__ import annotations

from ror_orientation.index.concepts import specialite_nommee

BRULES_USI, BRULES_SC, PEDIATRIE_USI, PEDIATRIE_SC = "R211:359", "R211:379", "R211:370", "R211:391"


def test_a_specialised_unit_has_no_child_equivalent_in_a_sibling_speciality(index):
    assert index.equivalent_pediatrique(BRULES_USI) != PEDIATRIE_USI
    assert index.equivalent_pediatrique(BRULES_SC) != PEDIATRIE_SC
    # a unit of no speciality keeps its child's one
    assert index.equivalent_pediatrique("R211:351") == PEDIATRIE_USI  # soins intensifs polyvalents
    assert index.equivalent_pediatrique("R211:127") == "R211:130"  # réanimation polyvalente


def test_a_burnt_child_s_need_is_met_by_the_burn_units_not_the_paediatric_icu(index):
    lu = index.resolve("grand brûlé enfant", None, "samu")
    besoin = [g for g in lu.groupes if not g.souple]
    assert [m.concept for m in besoin[0].matches][:2] == ["R211:121", BRULES_USI]
    assert PEDIATRIE_USI not in {m.concept for m in besoin[0].matches}  # (the child word still ranks it)


def test_the_speciality_is_what_the_label_writes_after_specialise(index):
    termes = index.termes
    marques = termes.termes("spécialisé spécialisée spécialisés spécialisées")
    assert specialite_nommee(termes.termes("Soins intensifs spécialisés brûlés"), marques) == {termes.terme("brûlés")}
    assert specialite_nommee(termes.termes("Soins intensifs polyvalents"), marques) == set()
