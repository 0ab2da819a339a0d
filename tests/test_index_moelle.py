"""A spinal cord or spine injury below the neck is the spine surgeons' and the neurosurgeons', as
the cervical one is: the CIM-10 blocks of the thorax and the abdomen had read thoracic and
digestive surgery, and "médullaire" (the labels write "moelle") read nothing of it (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.index import mecanismes

from .lecture import besoins

RACHIS = set(mecanismes.RACHIS) | {"R210:0637", "R210:1615"}
THORAX_VENTRE = {"R211:030", "R211:033", "R211:264"}


@pytest.mark.parametrize("text", ["contusion de la moelle lombaire", "lésion traumatique de la moelle dorsale",
                                  "traumatisme médullaire", "atteinte médullaire traumatique au niveau dorsal",
                                  "fracture d'une vertèbre dorsale"])
def test_a_spinal_injury_below_the_neck_reads_spine_surgery(index, text):
    lu = besoins(index, text, profil="samu")
    assert lu and lu[0] in RACHIS, lu
    assert not THORAX_VENTRE & set(lu[:3])


def test_the_marrow_of_the_bones_keeps_its_own_reading(index):
    # the labels writing the adjective themselves read as before
    assert besoins(index, "aplasie médullaire", profil="samu")[0] == "R210:0845"
    assert besoins(index, "compression médullaire", profil="samu")[0] in RACHIS

