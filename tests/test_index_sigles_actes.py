"""An abbreviation's long form may name an act: the CCAM act labels read it, as they read the
words no ROR label explains."""

from __future__ import annotations

import pytest


def _concepts(index, query):
    return next(g for g in index.resolve(query, profil="samu").groupes if not g.souple).concepts


@pytest.mark.parametrize("query", [
    "DVE",          # dérivation ventriculaire externe: a CSF drain, not the cannabis "dérivés"
    "DVP",          # dérivation ventriculo-péritonéale: not cardiac surgery by "ventriculo"
    "DVE bouchée",
])
def test_a_drain_s_abbreviation_reads_its_act_neurosurgery(index, query):
    assert _concepts(index, query)[0] == "R211:096", _concepts(index, query)[:4]


@pytest.mark.parametrize("query", ["PTH", "PTG"])
def test_a_joint_replacement_is_orthopaedic_surgery_not_an_arthroscopy(index, query):
    # the lower limb's joint acts are arthroscopies only by the endoscopic route (CCAM N__C)
    concepts = _concepts(index, query)
    assert concepts[0] == "R211:025", concepts[:4]
    assert "R210:0026" not in concepts


def test_a_meniscectomy_by_arthroscopy_still_reads_the_arthroscopy(index):
    assert _concepts(index, "méniscectomie")[0] == "R210:0026"
