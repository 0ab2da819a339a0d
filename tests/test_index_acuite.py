"""Who reads a text as an acute need (`index/acuite.py`), and the app's reading of places."""

from __future__ import annotations

from ror_orientation.index.acuite import besoin_aigu, lecture_aigue


def premiers(index, text: str, profil: str) -> list[str]:
    it = index.resolve(text, profil=profil)
    return [m.concept for m in next(g for g in it.groupes if not g.souple).matches[:3]]


def test_words_of_a_threat_to_life_read_the_acute_units_first_in_the_app_as_for_the_regulator(index):
    for text in ("coma hypoglycémique", "fasciite nécrosante"):
        assert index.urgent(premiers(index, text, "mobile")[0]), text
        assert premiers(index, text, "mobile") == premiers(index, text, "samu")
        assert not index.urgent(premiers(index, text, "aval")[0]), text
    assert lecture_aigue("samu") and lecture_aigue("mobile") and not lecture_aigue("aval")


def test_a_familys_description_keeps_its_routes_order_in_the_app(index):
    # a call to the 15 is about now; typed in the app, it may ask where to consult
    text = "mon fils de 16 ans boit beaucoup et fume du cannabis"
    assert not index.urgent(premiers(index, text, "mobile")[0])
    assert index.urgent(premiers(index, text, "samu")[0])


def test_an_acronym_a_kind_of_place_writes_in_its_label_means_the_place_first_in_the_app(index):
    # "ORL": the ENT hospital unit, not the embolisation of the ENT sphere read first
    assert premiers(index, "ORL pédiatrique", "mobile")[0] == "R244:173"
    assert premiers(index, "ORL pédiatrique", "samu")[0] != "R244:173"
    # "EMG": the geriatric mobile team as for a coordinator (its retired category TRE_R244 266 read
    # as the care it brings today, geriatrics), not the électromyogramme
    assert premiers(index, "EMG", "mobile")[0] == premiers(index, "EMG", "aval")[0] == "R211:050"


def urgent(concept: str) -> bool:
    return concept in {"R211:157", "R211:356", "R211:249"}


def test_the_app_searches_a_need_as_acute_when_acute_care_is_among_its_first_concepts():
    avc = (("R210:0459", 0.9), ("R211:098", 0.9), ("R211:356", 0.9), ("R211:234", 0.3))
    assert besoin_aigu("mobile", (avc,), (False,), urgent)
    # a child's complaint: the paediatric emergencies added below the best concept
    enfant = (("R211:404", 0.9), ("R211:249", 0.8))
    assert not besoin_aigu("mobile", (enfant,), (False,), urgent)
    # a word saying who the patient is never makes the need acute
    assert not besoin_aigu("mobile", ((("R211:013", 0.9),), (("R211:249", 1.0),)), (False, True), urgent)
    # the regulator's every need is acute, the coordinator's none
    assert besoin_aigu("samu", (enfant,), (False,), urgent)
    assert not besoin_aigu("aval", (avc,), (False,), urgent)


def test_an_event_after_a_cause_marker_reads_its_aftercare_in_the_app_as_for_the_coordinator(index):
    text = "il ne peut pas rentrer chez lui après son attaque cérébrale"
    assert premiers(index, text, "mobile") == premiers(index, text, "aval")
    assert "R211:234" in premiers(index, text, "mobile")  # rehabilitation of the nervous system
    assert "R211:234" not in premiers(index, text, "samu")
