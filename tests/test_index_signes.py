"""A sign or symptom typed after the disease it comes with is its companion, not the need."""

from __future__ import annotations

from ror_orientation.index.analyse import Termes
from ror_orientation.index.terminologie import Terme, Terminologie

from .lecture import besoins


def test_a_sign_typed_after_a_disease_yields_to_it():
    termes = Termes()
    # "fièvre" a lay word routed to R50 only (a sign), typed whole
    voc = Terminologie([Terme("CIM-10 K573", "sigmoïdite", ("R211:046",), 5.0),
                        Terme("lexique", "fièvre  Fièvre, sans précision", ("R211:157",), 3.0)], termes,
                       signes=[1])
    lecture = voc.lire([m.terme for m in termes.mots("sigmoïdite fièvre")])
    assert lecture is not None and lecture.concepts[0][0] == "R211:046"
    # (typed first, the sign is the need itself: "épistaxis sous anticoagulant", test_index_groupes)


def test_fever_after_an_infection_reads_the_infected_organ(index):
    # before: general emergencies, paediatrics and general practice, the fever's routes
    assert besoins(index, "sigmoïdite fièvre", profil="samu")[0] in ("R211:046", "R211:033")
    assert besoins(index, "pyélonéphrite aiguë fièvre", profil="samu")[0] == "R211:095"
    assert besoins(index, "cholangite fièvre", profil="samu")[0] in ("R211:046", "R211:033")
