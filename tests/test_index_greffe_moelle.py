"""A bone marrow graft (CIM-10 FR Z94.80, T86.0) is a haematopoietic stem cell transplant: the
ROR act "Greffe de cellules souches hématopoïétiques" of a haematology transplant centre, not the
solid organ transplantation of the other Z94 codes nor the emergencies of T80-T88 (issue 10)."""

from __future__ import annotations

import pytest

ALLOGREFFE, AUTOGREFFE, TRANSPLANTATION = "R210:0223", "R210:0224", "R211:506"


@pytest.mark.parametrize("text", ["greffe de moelle osseuse pour leucémie", "bilan avant greffe de moelle",
                                  "réaction du greffon contre l'hôte"])
def test_a_bone_marrow_graft_reads_the_stem_cell_transplant_centre(index, text):
    lu = [m.concept for g in index.resolve(text, None, "aval").groupes if not g.souple for m in g.matches]
    assert ALLOGREFFE in lu[:3] and TRANSPLANTATION not in lu[:3], (text, lu)


def test_an_autologous_stem_cell_graft_reads_its_own_act(index):
    voc = index.vocabulaire
    assert voc is not None
    lecture = voc.lire(list(index.termes.termes("autogreffe cellules souches hématopoïétiques")))
    assert lecture is not None and lecture.concepts[0][0] == AUTOGREFFE
