"""A teenager who stops eating or makes themself vomit reads an eating disorder (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index.besoins_profanes import besoins_profanes

from .lecture import groupes

TCA = frozenset(besoins_profanes()["conduites_alimentaires_jeune"])


@pytest.mark.parametrize("text, enfant", [("mon ado refuse de manger et a perdu 8 kilos", None),
                                          ("ma fille de 16 ans se fait vomir après chaque repas", None),
                                          ("notre fils ne mange plus rien depuis la rentrée, il est tout maigre", True),
                                          ("mon adolescente saute tous les repas et a beaucoup maigri", None)])
def test_a_teenager_who_restricts_food_reads_an_eating_disorder(index, text, enfant):
    lu = groupes(index, text, enfant)
    assert [g[0] for g in lu] == ["R245:01"], lu
    # ...never undernutrition, geriatrics or adult psychiatry
    assert not {"R211:546", "R211:050", "R211:229"} & {c for g in lu for c in g}, lu


@pytest.mark.parametrize("text, enfant", [("ma grand-mère ne mange plus et a beaucoup maigri", None),
                                          ("mon bébé ne mange plus depuis hier et a de la fièvre", True),
                                          ("mon fils de 6 ans ne mange plus rien", None),
                                          ("ma fille de 40 ans ne mange plus", None)])
def test_an_old_person_a_baby_or_an_adult_who_no_longer_eats_is_no_eating_disorder_of_youth(index, text, enfant):
    lu = groupes(index, text, enfant)
    assert not any(g[0] in TCA for g in lu), lu
