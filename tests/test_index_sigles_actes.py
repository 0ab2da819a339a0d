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


@pytest.mark.parametrize("acte", ["remplacement de l'articulation du genou par prothèse",
                                  "remplacement de l'articulation coxofémorale par prothèse totale"])
def test_a_joint_replacement_act_is_orthopaedic_surgery_not_an_arthroscopy(index, acte):
    # the lower limb's joint acts are arthroscopies only by the endoscopic route (CCAM N__C)
    lecture = index.vocabulaire.lire(index.termes.termes(acte))
    concepts = [c for c, _ in lecture.concepts]
    assert concepts[0] == "R211:025", concepts[:4]
    assert "R210:0026" not in concepts


def test_a_joint_replacement_s_abbreviation_is_orthopaedic_surgery(index):
    concepts = _concepts(index, "PTH")
    assert concepts[0] == "R211:025" and "R210:0026" not in concepts, concepts[:4]


def test_a_meniscectomy_by_arthroscopy_still_reads_the_arthroscopy(index):
    assert _concepts(index, "méniscectomie")[0] == "R210:0026"


def test_a_long_form_the_diagnoses_read_as_a_phrase_is_not_read_by_the_acts(index):
    # "pression positive continue": a CCAM ventilation act, but "pression positive" is a
    # pneumothorax's phrase; beside its reason the machine stays a rank, the sleep apnoea the need
    interp = index.resolve("PPC pour apnées du sommeil", profil="samu")
    besoins = [g for g in interp.groupes if not g.souple]
    assert [g.texte for g in besoins] == ["apnées du sommeil"]


@pytest.mark.parametrize("query", ["HIA", "GVM"])
def test_acts_each_holding_one_word_of_a_long_form_do_not_read_it(index, query):
    # "hémorragie intra-alvéolaire", "grande valve mitrale": no act's label holds the long form,
    # acts holding one of its words (an obstetric haemorrhage, a digestive valve) are no reading
    concepts = [c for g in index.resolve(query, profil="samu").groupes for c in g.concepts[:3]]
    assert not {"R211:100", "R244:290", "R211:033", "R244:153"} & set(concepts), concepts


def test_the_acts_do_not_choose_among_an_abbreviation_s_senses_beside_other_words(index):
    # "MAE": méat acoustique externe (an ear act) or médicament anti-épileptique: beside a head
    # trauma, no ear surgery
    assert _concepts(index, "TC sur MAE")[0] == "R211:096"
    assert "R211:016" not in [c for g in index.resolve("TC sur MAE", profil="samu").groupes for c in g.concepts[:5]]


@pytest.mark.parametrize(("query", "premier"), [
    ("dissection Ao type B", "R211:018"),     # the aorta's dissection, not any artery's by "type"
    ("rupture Ao abdominale", "R211:032"),    # an aortic rupture, not an abdominal trauma
])
def test_an_abbreviation_no_label_spells_reads_its_long_form_whatever_its_case(index, query, premier):
    interp = index.resolve(query, profil="samu")
    assert "Ao" not in interp.inexpliques
    assert _concepts(index, query)[0] == premier, _concepts(index, query)[:4]


def test_an_acronym_a_label_names_in_passing_means_the_thing_itself(index):
    # "Bilan échographique pré fistule artérioveineuse (FAV)" names the fistula in passing: "FAV"
    # typed is the fistula (its creation, ablation, unblocking), that assessment after
    concepts = _concepts(index, "FAV")
    assert concepts[0] in ("R210:0593", "R210:0594", "R210:0595", "R210:0409"), concepts[:4]
    assert "R210:1359" in concepts


@pytest.mark.parametrize(("query", "premier"), [
    ("IVT", "R210:0264"),     # "Injection intravitréenne (IVT)": the label's own name
    ("CAI", "R210:1220"),     # "IRM Conduit Auditif Interne (CAI)": no inventory sense it spells
])
def test_an_acronym_a_label_names_as_its_own_stays_that_label(index, query, premier):
    assert _concepts(index, query)[0] == premier


@pytest.mark.parametrize("profil", ["aval", "samu"])
def test_an_acronym_of_a_retired_kind_of_offer_reads_the_care_it_brings_today(index, profil):
    # "EMSP": the précarité teams in force, and the palliative care teams whose category
    # (TRE_R244 252) no unit holds any more: palliative care, never the retired code
    g = next(g for g in index.resolve("EMSP", profil=profil).groupes if not g.souple)
    assert g.concepts[0] == "R244:142"
    assert "R211:170" in g.concepts[:3]
    assert all(m.actif for m in g.matches), g.concepts


def test_a_long_form_an_ror_label_names_keeps_that_label(index):
    # "SCP": stimulation cérébrale profonde, an ROR act of its own, not the CCAM acts' speciality
    assert _concepts(index, "SCP")[0] == "R210:0446"
