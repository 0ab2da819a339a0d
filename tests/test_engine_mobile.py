"""The mobile app's profile: what the text asks decides — an acute need searched as the regulator's,
a downstream or programmed one as the coordinator's — near the phone, open units first, small pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ror_orientation.engine import Engine
from ror_orientation.offre import Capacite
from ror_orientation.requete import Profil, Requete

from .factories import NOW, WEEKDAYS_8_18, make_offre, make_uo

NIGHT = NOW.replace(hour=1)  # Thursday 02:00 in Paris: the weekday consultations are closed


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(make_offre(
        make_uo(id="unv", nom="UNV", activite="356", actes=("0460",)),
        make_uo(id="smr", nom="SMR neuro", champ="02", activite="234", actes=("0460",)),
        make_uo(id="usld", nom="USLD", activite="234", categorie_organisation="249",
                actes=("0460",)),
        make_uo(id="addicto", nom="Addictologie", activite="404", mode_prise_en_charge="32"),
        make_uo(id="csapa", nom="CSAPA", champ="04", activite="404", categorie_organisation="80",
                mode_prise_en_charge="32"),
        # two cardiology consultations; "cs-a" sorts first by id but closes at night
        make_uo(id="cs-a", nom="Consultation de cardiologie", activite="013",
                mode_prise_en_charge="32", horaires=WEEKDAYS_8_18),
        make_uo(id="cs-b", nom="Consultation de cardiologie", activite="013",
                mode_prise_en_charge="32"),
    ))


def ids(engine: Engine, text: str, profil: Profil, now=NOW) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=profil, limite=20), now=now)
    return [r.uo_id for r in rep.resultats]


def test_an_acute_need_in_the_mobile_profile_leaves_out_rehabilitation_as_the_regulators_does(engine):
    # "AVC" reads the neurovascular emergencies and intensive care among its first concepts: the
    # rehabilitation and long-stay units declaring thrombolysis are no answer, as for the SAMU
    assert ids(engine, "AVC", Profil.MOBILE) == ids(engine, "AVC", Profil.SAMU) == ["unv"]
    assert {"smr", "usld"} <= set(ids(engine, "AVC", Profil.AVAL))


def test_a_need_read_without_acute_care_keeps_the_medico_social_units_as_the_coordinators_does(engine):
    # addiction care: the CSAPA (medico-social) meets the text as well as the hospital unit
    assert set(ids(engine, "addictologie", Profil.MOBILE)) == set(ids(engine, "addictologie", Profil.AVAL)) \
        == {"addicto", "csapa"}
    assert ids(engine, "addictologie", Profil.SAMU) == ["addicto"]


def test_a_deferred_unit_meeting_the_text_less_well_than_the_best_ones_is_left_out(engine):
    # "thrombolyse SMR": the rehabilitation unit is asked by its words and stays
    assert "smr" in ids(engine, "thrombolyse SMR", Profil.MOBILE)
    # "thrombolyse": read as an act, not acute care; every unit declaring it meets it as well
    assert {"unv", "smr", "usld"} <= set(ids(engine, "thrombolyse", Profil.MOBILE))


def test_the_mobile_profile_ranks_open_units_first_but_keeps_the_closed_ones(engine):
    assert ids(engine, "cardiologie", Profil.MOBILE, now=NIGHT) == ["cs-b", "cs-a"]
    assert ids(engine, "cardiologie", Profil.SAMU, now=NIGHT) == ["cs-b"]  # open now required
    assert ids(engine, "cardiologie", Profil.AVAL, now=NIGHT) == ["cs-a", "cs-b"]  # opening not weighed
    rep = engine.search(Requete(texte="cardiologie", profil=Profil.MOBILE), now=NIGHT)
    closed = rep.resultats[1].explication
    assert closed is not None and closed.ouvert is False and closed.ouverture_prochaine is not None


def test_a_free_bed_counts_in_the_mobile_profile_below_opening():
    offre = make_offre(
        make_uo(id="a", activite="013", capacites=(Capacite("01", "02", "01", "04", 0, maj=NOW),)),
        make_uo(id="b", activite="013", capacites=(Capacite("01", "02", "01", "04", 3, maj=NOW),)),
        make_uo(id="c", activite="013", horaires=WEEKDAYS_8_18,
                capacites=(Capacite("01", "02", "01", "04", 9, maj=NOW),)))
    rep = Engine.build(offre).search(Requete(texte="cardiologie", profil=Profil.MOBILE), now=NIGHT)
    assert [r.uo_id for r in rep.resultats] == ["b", "a", "c"]


def test_the_mobile_profile_pages_by_ten_unless_the_caller_asks_another_size():
    offre = make_offre(*(make_uo(id=f"uo-{i:02d}", activite="013") for i in range(14)))
    e = Engine.build(offre)
    rep = e.search(Requete(texte="cardiologie", profil=Profil.MOBILE), now=NOW)
    assert len(rep.resultats) == 10 and rep.total == 14 and rep.curseur_suivant is not None
    suite = e.search(Requete(texte="cardiologie", profil=Profil.MOBILE, curseur=rep.curseur_suivant),
                     now=NOW)
    assert len(suite.resultats) == 4
    assert {r.uo_id for r in rep.resultats + suite.resultats} == set(offre.uo)
    assert len(e.search(Requete(texte="cardiologie", profil=Profil.SAMU), now=NOW).resultats) == 14
    assert len(e.search(Requete(texte="cardiologie", profil=Profil.MOBILE, limite=3), now=NOW).resultats) == 3


def test_the_mobile_profile_flags_a_bed_figure_stale_after_the_regulators_delay():
    offre = make_offre(make_uo(id="a", activite="013", capacites=(
        Capacite("01", "02", "01", "04", 2, maj=NOW - timedelta(hours=5)),)))
    rep = Engine.build(offre).search(Requete(texte="cardiologie", profil=Profil.MOBILE), now=NOW)
    assert rep.resultats[0].explication is not None and rep.resultats[0].explication.lits_perimes
