"""The patient's age ranks the units whose age range is built for it: a bound counts when it keeps
someone out, so "from 0" or "up to 130" says nothing about who the unit is for."""

from __future__ import annotations

import numpy as np
import pytest

from ror_orientation.engine import Engine
from ror_orientation.engine.engine import patient_du_texte
from ror_orientation.engine.patientele import Patientele
from ror_orientation.offre import Capacite
from ror_orientation.requete import Profil, Requete, Sexe

from .factories import NOW, make_offre, make_uo


def _lits(n: int) -> tuple[Capacite, ...]:
    return (Capacite("01", "01", "01", "04", n, maj=NOW),)


@pytest.mark.parametrize(("age", "ouvert", "borne"), [
    (30, (0, None), (18, 60)),  # an adult: a service "from 0" (children's, no maximum given)
    (82, (0, 130), (60, 130)),  # an old person: a unit taking everyone vs one from 60 on
    (9, (0, 130), (3, 16)),  # a child: a unit taking everyone vs one for 3-16 year olds
])
def test_a_unit_whose_age_range_keeps_someone_out_ranks_above_one_open_to_all(age, ouvert, borne):
    """Same need, same place: the unit open to every age has more free beds, yet the one built
    for the patient's age comes first."""
    offre = make_offre(
        make_uo(id="a-ouvert", nom="Hémodialyse A", activite="059", age_min=ouvert[0],
                age_max=ouvert[1], capacites=_lits(30)),
        make_uo(id="b-borne", nom="Hémodialyse B", activite="059", age_min=borne[0],
                age_max=borne[1], capacites=_lits(2)))
    engine = Engine.build(offre)
    rep = engine.search(Requete(texte="hémodialyse", profil=Profil.AVAL, age=age, limite=5,
                                voir_lits=True),
                        now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["b-borne", "a-ouvert"]


def test_declared_age_counts_half_a_point_per_bound_that_keeps_someone_out():
    pat = Patientele(5)
    for row, (lo, hi) in enumerate([(0, None), (18, None), (18, 130), (18, 62), (None, 17)]):
        pat.set(row, make_uo(age_min=lo, age_max=hi))
    assert pat.declares_age(np.arange(5)).tolist() == [0.0, 0.5, 0.5, 1.0, 0.5]


def test_the_age_and_sex_the_text_states_select_when_the_query_gives_none():
    """"ma fille de 3 ans": a family types the age in the text; the adults' unit is left out as
    if the age had been given, and a given age stays the one used."""
    offre = make_offre(
        make_uo(id="adultes", nom="Hémodialyse adultes", activite="059", age_min=18, age_max=130),
        make_uo(id="enfants", nom="Hémodialyse pédiatrique", activite="059", age_min=0, age_max=17))
    engine = Engine.build(offre)

    def ids(**kw: object) -> list[str]:
        rep = engine.search(Requete(texte="ma fille de 3 ans est en hémodialyse", profil=Profil.AVAL,
                                    limite=5, **kw), now=NOW)  # type: ignore[arg-type]
        return sorted(r.uo_id for r in rep.resultats)

    assert ids() == ["enfants"]
    assert ids(age=30) == ["adultes"]
    req = patient_du_texte(Requete(texte="ma femme a mal au ventre"), "ma femme a mal au ventre")
    assert req.sexe == Sexe.FEMME and req.age is None
    assert patient_du_texte(Requete(sexe=Sexe.HOMME), "ma femme a mal").sexe == Sexe.HOMME
