"""How the text is understood when it says more than one thing (issue 10): context words qualify
a clinical need, an empty conjunction keeps the most specific need, labels are read by their most
significant words."""

from __future__ import annotations

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_eg, make_offre, make_uo


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        make_uo(id="coro", nom="Salle de coronarographie", activite="014", actes=("0597",)),
        make_uo(id="adu", nom="Accueil adultes", activite="157"),
        make_uo(id="rea", nom="Réanimation", activite="127", categorie_organisation="121"),
        make_uo(id="psy", nom="Psychiatrie", activite="229"),
        make_uo(id="cardio", nom="Cardiologie", activite="013"),
        make_uo(id="dia", nom="Dialyse", activite="583"),
    )
    return Engine.build(offre)


def ids(engine: Engine, text: str, profil: Profil = Profil.SAMU) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=profil, limite=20, ouvert_maintenant=False),
                        now=NOW)
    return [r.uo_id for r in rep.resultats]


def test_time_and_urgency_words_beside_a_need_only_rank():
    it = default_concept_index().resolve("thrombectomie de garde la nuit")
    souple = {g.texte: g.souple for g in it.groupes}
    assert souple["thrombectomie"] is False
    assert all(s for t, s in souple.items() if t != "thrombectomie")


def test_who_the_patient_is_never_outvotes_the_clinical_need():
    it = default_concept_index().resolve("réanimation adulte")
    hard = [g for g in it.groupes if not g.souple]
    assert [g.texte for g in hard] == ["réanimation"]
    assert "R211:229" not in {m.concept for g in hard for m in g.matches}  # adult psychiatry


def test_context_words_are_not_read_through_the_clinical_vocabulary():
    # "droit" of "bloc de branche droit" is not the patient's rights
    it = default_concept_index().resolve("sans droits ouverts")
    assert not any(g.via == "terminologie" for g in it.groupes)
    assert "R211:013" not in it.concepts


def test_an_urgency_word_does_not_put_the_emergency_department_above_the_asked_act(engine):
    found = ids(engine, "coronarographie en urgence")
    assert found and found[0] == "coro"
    assert "adu" not in found[:1]
    # alone, the word still means what it says
    assert ids(engine, "urgences")[:1] == ["adu"]
    assert ids(engine, "réanimation adulte")[:1] == ["rea"]


def relaxed(engine: Engine, text: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    rep = engine.search(Requete(texte=text, profil=Profil.SAMU, limite=20, ouvert_maintenant=False),
                        now=NOW)
    return [r.uo_id for r in rep.resultats], [(x.critere, x.avant, x.apres) for x in rep.relachements]


def test_an_empty_conjunction_drops_the_least_informative_needs_and_says_which():
    # three needs, no unit (nor site) meets them together: the act is kept, the others dropped
    offre = make_offre(make_uo(id="coro", nom="Coronarographie", activite="014", actes=("0597",)))
    for k, (uid, act) in enumerate((("dia", "583"), ("psy", "229"))):
        eg = make_eg(id=f"35000999{k}", nom=f"Site {uid}")
        offre.add(eg)
        offre.add(make_uo(id=uid, eg_id=eg.id, nom=uid, activite=act))
    engine = Engine.build(offre)
    it = default_concept_index().resolve("coronarographie dialyse psychiatrie")
    assert len([g for g in it.groupes if not g.souple]) == 3
    found, steps = relaxed(engine, "coronarographie dialyse psychiatrie")
    assert found[:1] == ["coro"]
    dropped = [apres for critere, _, apres in steps if critere == "texte"]
    assert dropped and "psychiatrie" in dropped[0] and "dialyse" in dropped[0]
    assert "coronarographie" not in dropped[0]


def test_a_need_no_unit_meets_is_dropped_before_one_units_meet(engine):
    # "femme enceinte" reads as acts none of these units declare
    found, steps = relaxed(engine, "angioplastie coronaire femme enceinte")
    assert found[:1] == ["coro"]
    assert any("femme enceinte" in apres for critere, _, apres in steps if critere == "texte")


def test_an_act_no_unit_declares_is_met_by_the_activities_that_perform_it():
    index = default_concept_index()
    # the link comes from the mappings (synonym entry "IRM" names "Imagerie par IRM")
    assert "R211:068" in index.activites_liees("R210:1135")  # Angio IRM cérébrale
    offre = make_offre(make_uo(id="irm", nom="Imagerie", activite="068"),
                       make_uo(id="psy", nom="Psychiatrie", activite="229"))
    eng = Engine.build(offre)
    found, steps = relaxed(eng, "IRM cérébrale")
    assert found == ["irm"]
    said = [f"{avant} {apres}" for critere, avant, apres in steps if critere == "texte"]
    assert said and "IRM cérébrale" in said[0] and "Imagerie par IRM" in said[0]
    # a unit declaring the act still comes first when there is one
    eng2 = Engine.build(make_offre(make_uo(id="irm", nom="Imagerie", activite="068"),
                                   make_uo(id="acte", nom="Neuroradiologie", activite="492",
                                           actes=("1135",))))
    assert relaxed(eng2, "IRM cérébrale")[0][:1] == ["acte"]


def test_a_vocabulary_sense_inside_a_label_reading_is_an_alternative_not_a_second_need():
    # "chirurgie de la main" is read by the vocabulary inside the act "Chirurgie SOS main (…
    # urgence…)" the labels read weakly: one need, the act first, the lay sense below it
    it = default_concept_index().resolve("chirurgie de la main en urgence")
    hard = [g for g in it.groupes if not g.souple]
    assert len(hard) == 1
    scores = {m.concept: m.score for m in hard[0].matches}
    assert "R210:0068" in scores and "R211:467" in scores
    assert scores["R211:467"] < scores["R210:0068"]
    assert "R211:013" not in scores  # never cardiology


def test_a_lay_word_typed_whole_reads_before_a_label_sharing_another_word():
    voc = default_concept_index().vocabulaire
    assert voc is not None
    lecture = voc.lire(["chirurg", "main"])
    assert lecture is not None
    assert lecture.concepts[0][0] != "R211:013"  # not cardiology ("après chirurgie cardiaque")
    assert "R211:467" in [c for c, _ in lecture.concepts[:3]]  # chirurgie de la main


def test_the_paediatric_activity_doing_what_an_adult_one_does_is_derived_from_the_labels():
    index = default_concept_index()
    assert index.equivalent_pediatrique("R211:033") == "R211:605"  # visceral surgery
    assert index.equivalent_pediatrique("R211:127") == "R211:130"  # ICU
    assert index.equivalent_pediatrique("R211:157") == "R211:249"  # emergencies
    # another head word is another thing: an ICU of visceral surgery is not paediatric surgery
    assert index.equivalent_pediatrique("R211:125") != "R211:605"


def test_a_psychiatric_unit_s_child_equivalent_is_child_psychiatry_whatever_its_type():
    # the psychiatric emergencies share their type with the paediatric emergencies, but a child
    # hearing voices is taken by child psychiatry, as the adult psychiatric ward's equivalent is
    index = default_concept_index()
    assert index.equivalent_pediatrique("R211:158") == index.equivalent_pediatrique("R211:229") == "R211:228"
    for text in ("mon fils de 12 ans entend des voix", "ma fille voit des choses qui n'existent pas"):
        lu = [m.concept for g in index.resolve(text, profil="samu").groupes if not g.souple for m in g.matches]
        assert "R211:249" not in lu[:3] and "R211:228" in lu[:3], (text, lu)


def test_a_childs_surgical_need_prefers_the_paediatric_surgery_to_the_paediatric_emergencies():
    offre = make_offre(
        make_uo(id="ped_urg", nom="Accueil enfants", activite="249", age_min=0, age_max=17),
        make_uo(id="ped_chir", nom="Bloc enfants", activite="605", age_min=0, age_max=17),
        make_uo(id="chir", nom="Bloc adultes", activite="033"))
    eng = Engine.build(offre)
    rep = eng.search(Requete(texte="appendicite", profil=Profil.SAMU, age=8, limite=10,
                             ouvert_maintenant=False), now=NOW)
    found = [r.uo_id for r in rep.resultats]
    assert found[:1] == ["ped_chir"]
    assert "chir" not in found  # an adult unit does not take an 8-year-old


def test_emergency_departments_rank_below_a_specific_concept_of_the_same_reading():
    index = default_concept_index()
    g = index.resolve("pneumothorax").groupes[0]
    order = [m.concept for m in g.matches]
    assert "R211:157" in order
    specific = [c for c in order if c not in ("R211:157", "R211:249")]
    assert order.index(specific[0]) < order.index("R211:157")
    # "urgences" alone still means the emergency department
    assert index.resolve("urgences").groupes[0].matches[0].concept == "R211:157"


def test_an_organ_adjective_reads_as_the_combining_form_of_the_labels():
    index = default_concept_index()
    # "Fibroscopie oeso-gastro-duodénale": one need, not two groups no label holds together
    it = index.resolve("fibroscopie gastrique")
    assert len(it.groupes) == 1 and it.groupes[0].via == "exact"
    assert index._formes_combinantes("cardiaque") and not index._formes_combinantes("fibroscopie")


def test_two_label_words_typed_as_one_are_read_as_both():
    index = default_concept_index()
    # (a word the jargon table also spells whole, like "électroconvulsivothérapie", reads as its
    # synonym first: this one is only in the label, hyphenated)
    glued = index.resolve("chimioembolisation")
    hyphen = index.resolve("chimio-embolisation")
    assert glued.groupes and glued.groupes[0].via == "exact"
    assert glued.concepts[:1] == hyphen.concepts[:1]
    assert not index.resolve("therapie cognitivocomportementale").inexpliques


def test_a_label_starting_with_the_words_typed_reads_them_before_the_vocabulary():
    # "Chirurgie cardiaque et gros vaisseaux": not cardiology through "après chirurgie cardiaque"
    it = default_concept_index().resolve("chirurgie cardiaque")
    assert it.groupes[0].via == "exact"
    assert it.concepts[0] == "R211:018"


def test_a_qualifier_does_not_choose_the_diagnosis_label():
    voc = default_concept_index().vocabulaire
    assert voc is not None
    lecture = voc.lire(["ischem", "aigu", "jamb"])
    assert lecture is not None
    assert all("ischémi" in lib for lib in lecture.libelles)  # not "ostéomyélite aiguë - jambe"


def test_a_severity_word_the_labels_read_alone_only_qualifies_the_need():
    it = default_concept_index().resolve("brûlure grave du visage")
    souple = {g.texte: g.souple for g in it.groupes}
    assert souple.get("brûlure") is False
    # the labels' "… grave" (Déficience auditive grave...) is no need beside the burn, not even
    # a ranking one (`qualificatifs.py`)
    assert "grave" not in souple
    assert "R245:18" not in it.concepts


def test_the_need_explaining_more_words_well_is_kept_before_a_rare_weak_one():
    # "médicalisée" alone reads weakly as a rare type (dialysis unit); the two-word structure
    # type read by its synonym is the need
    offre = make_offre(make_uo(id="ehpad", nom="Hébergement", champ="04", activite="300",
                               categorie_organisation="23"))
    eg = make_eg(id="350009991", nom="Autre site")
    offre.add(eg)
    offre.add(make_uo(id="dial", eg_id=eg.id, nom="Dialyse", activite="059",
                      categorie_organisation="275"))
    eng = Engine.build(offre)
    rep = eng.search(Requete(texte="maison de retraite médicalisée", profil=Profil.AVAL, limite=10),
                     now=NOW)
    assert [r.uo_id for r in rep.resultats][:1] == ["ehpad"]
    # the weak reading only ranks (`ConceptIndex._accessoires`): nothing to relax for it
    weak = [g for g in default_concept_index().resolve("maison de retraite médicalisée").groupes
            if g.texte == "médicalisée"]
    assert all(g.souple for g in weak)


def test_a_context_word_nothing_reads_is_understood_not_reported_nor_searched_as_a_name():
    it = default_concept_index().resolve("coronarographie H24")
    assert "H24" not in it.inexpliques and "H24" in it.ignores
    # alone, nothing understood it
    assert "H24" in default_concept_index().resolve("H24").inexpliques


@pytest.mark.parametrize("text", ["lits halte soins santé sans abri", "kiné respiratoire bronchiolite"])
def test_a_word_belongs_to_one_need_only(text):
    # words a label reading explains with its neighbours are not read again by the vocabulary
    groupes = default_concept_index().resolve(text).groupes
    for a in groupes:
        for b in groupes:
            if a is not b:
                assert a.end <= b.start or b.end <= a.start, (a.texte, b.texte)


def test_a_word_saying_how_an_act_is_done_ranks_beside_the_act_named():
    it = default_concept_index().resolve("pose de stent coronaire")
    souple = {g.texte: g.souple for g in it.groupes}
    assert souple["pose"] is True and souple["stent coronaire"] is False
    assert not default_concept_index().resolve("pose").groupes[0].souple  # alone: the acts "Pose de …"


def test_a_soft_group_no_unit_meets_is_not_replaced_nor_reported():
    offre = make_offre(make_uo(id="psy", nom="Psychiatrie", activite="229"),
                       make_uo(id="ped", nom="Pédiatrie", activite="088", age_min=0, age_max=17))
    eng = Engine.build(offre)
    rep = eng.search(Requete(texte="jeune avec idées suicidaires", profil=Profil.SAMU, limite=10,
                             ouvert_maintenant=False), now=NOW)
    assert not any("jeune" in x.avant for x in rep.relachements)
    assert [r.uo_id for r in rep.resultats][:1] == ["psy"]


def _lu(text: str) -> list[str]:
    """The concepts of the text's required groups, best first."""
    it = default_concept_index().resolve(text)
    found = sorted((m for g in it.groupes if not g.souple for m in g.matches), key=lambda m: -m.score)
    return [m.concept for m in found]


def _premiere_activite(text: str) -> str | None:
    return next((c for c in _lu(text) if c.startswith("R211:")), None)


def test_a_site_name_reached_only_through_a_typo_never_stands_beside_the_act_the_word_names():
    # "résine" is the act (plaster or resin casts), not the clinic "Reine Blanche" one edit away;
    # typed right, the name still finds the clinic
    offre = make_offre(
        make_uo(id="ortho", nom="Chirurgie orthopédique", activite="025", actes=("1247",)),
        make_uo(id="cardio", eg_id="350000001", nom="Cardiologie", activite="013"),
    )
    offre.add(make_eg(id="350000001", nom="Clinique de la Reine Blanche"))
    e = Engine.build(offre)
    assert ids(e, "résine", Profil.AVAL) == ["ortho"]
    assert ids(e, "Reine Blanche", Profil.AVAL) == ["cardio"]


def test_a_stop_word_typed_in_capitals_that_names_an_abbreviation_reads_as_it():
    assert _premiere_activite("AIT") in {"R211:356", "R211:098", "R211:097"}
    assert _premiere_activite("AIT il y a deux heures") in {"R211:356", "R211:098", "R211:097"}
    assert _lu("il a mal") == []  # the pronoun stays a stop word


def test_an_abbreviation_long_form_is_read_as_the_labels_write_its_words():
    ix = default_concept_index()
    voc = ix.vocabulaire
    assert voc is not None
    # a split prefix is glued back ("intra cranienne" → "intracrânienne")
    assert ix.termes.terme("intracrânienne") in ix._forme_longue("hypertension intra cranienne")
    # the inventory's own typo is corrected, a word no label holds is left out behind the head noun
    assert ix.termes.terme("fibrillation") in ix._forme_longue("fibrilation ventriculaire")
    assert ix._forme_longue("pneumopathie franc lobaire aigue")[0] == ix.termes.terme("pneumopathie")
    assert ix.termes.terme("franc") not in ix._forme_longue("pneumopathie franc lobaire aigue")
    # not the newborn's intracranial bleed, nor G93.2 "bénigne" (neurology): the clinical term
    # (cliniques.csv), neurosurgery
    assert _premiere_activite("HTIC") == "R211:096"
    assert _premiere_activite("PFLA") == "R211:114"


def test_a_capitalised_abbreviation_means_its_long_form_before_a_village_or_letters_a_label_spells():
    assert _premiere_activite("GEU") == "R211:100"  # grossesse extra-utérine, not Geu (65)
    assert _premiere_activite("PNP") == "R211:114"  # pneumopathie, not "[PNP]" in D81.5
    assert _premiere_activite("HELLP") in {"R211:100", "R211:366", "R211:385"}  # the label's own word


def test_perinatal_labels_read_a_need_only_when_a_newborn_is_named():
    neonatal = {"R211:094", "R211:369", "R211:128"}
    assert _premiere_activite("occlusion intestinale") not in neonatal
    assert _premiere_activite("oclusion intestinale") not in neonatal  # misspelt diagnosis word
    assert _premiere_activite("occlusion intestinale du nouveau-né") in neonatal
    assert _premiere_activite("détresse respiratoire") not in neonatal


def test_an_act_shaped_word_is_read_by_the_acts_not_by_a_syndrome_after_the_act():
    # "cholécystectomie" is the operation (digestive surgery), not K91.5 "syndrome
    # post-cholécystectomie" (gastro-enterology)
    assert _premiere_activite("cholécystectomie") == "R211:033"


def test_ccam_casts_and_sutures_read_as_the_ror_acts():
    assert _lu("immobilisation plâtrée")[0] == "R210:1247"
    assert _lu("attelle")[0] == "R210:1247"


def test_recourse_services_are_named_by_their_jargon():
    assert {"R211:472", "R244:87"} <= set(_lu("recontact"))
    assert {"R211:015", "R244:285"} <= set(_lu("CAPTV"))
    assert {"R244:309", "R211:089"} <= set(_lu("prison"))
    assert _lu("UHSA détenu")[0] == "R244:17"
    # a prisoner is who the patient is: the hand wound is the need, the prison unit only ranks
    it = default_concept_index().resolve("détenu plaie de la main")
    assert {g.texte: g.souple for g in it.groupes}["détenu"] is True
    assert not all(g.souple for g in it.groupes)


def test_a_misspelt_diagnosis_word_only_the_cim10_spells_is_corrected_by_ear_too():
    # "erisypèle": two letters swapped that sound alike (i/y), beyond one edit of the index; the
    # diagnosis (A46 érysipèle) is read, not left unexplained
    it = default_concept_index().resolve("erisypèle")
    assert not it.inexpliques
    assert any("A46" in s for g in it.groupes for s in g.sources)


def test_a_need_no_unit_declares_and_no_mapping_links_is_met_where_its_diagnosis_is_cared_for():
    # the specialisation "Endométriose" (R245:64) exists in the ROR but no unit declares it: the
    # CIM-10 reading of the word (N80 → gynaecology) stands for it, said as a relaxation
    offre = make_offre(
        make_uo(id="gyn", nom="Gynécologie", activite="053"),
        make_uo(id="cardio", nom="Cardiologie", activite="013"),
    )
    e = Engine.build(offre)
    rep = e.search(Requete(texte="endométriose", profil=Profil.AVAL, limite=20,
                           ouvert_maintenant=False), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["gyn"]
    assert any("endométriose" in r.avant for r in rep.relachements)


def test_a_site_whose_name_holds_the_words_never_pushes_the_units_meeting_the_need_out():
    # "orl pediatrique": an ORL ward taking children meets the need; a consultation at a hospital
    # named "pédiatrique" holds both words in its name, which ranks it no higher than the need
    offre = make_offre(
        make_uo(id="orl", nom="ORL et chirurgie cervico-faciale", activite="016", age_min=0),
        make_uo(id="lenval", eg_id="060000001", nom="Consultations d'ORL", activite="016",
                age_min=0),
    )
    offre.add(make_eg(id="060000001", nom="Hôpitaux pédiatriques de Nice"))
    e = Engine.build(offre)
    assert set(ids(e, "orl pediatrique", Profil.AVAL)) == {"orl", "lenval"}


def test_a_prisoner_alone_asks_for_the_prison_unit_and_beside_a_need_only_ranks():
    offre = make_offre(
        make_uo(id="usmp", nom="Unité sanitaire", activite="089", categorie_organisation="309"),
        make_uo(id="main", nom="Chirurgie de la main", activite="467"),
    )
    e = Engine.build(offre)
    assert ids(e, "détenu", Profil.AVAL) == ["usmp"]
    assert ids(e, "détenu plaie de la main", Profil.AVAL)[:1] == ["main"]


def test_what_a_label_excludes_never_makes_it_match():
    # R210:0527 "Soins et traitement à domicile (hors HAD)": HAD is what the act is not
    it = default_concept_index().resolve("HAD soins palliatifs")
    lus = {m.concept for g in it.groupes for m in g.matches}
    assert "R210:0527" not in lus and "R213:31" in lus and "R211:170" in lus
    # the label's own words still read it
    soins = default_concept_index().resolve("soins à domicile")
    assert "R210:0527" in {m.concept for g in soins.groupes for m in g.matches}


def test_what_a_label_leaves_out_or_denies_does_not_read_it():
    """"Syncope et collapsus (sauf choc)", "Anévrisme cérébral, (non rompu)", "…, sans mention de
    rupture": the excluded or denied words are not what the label means."""
    index = default_concept_index()
    sources = " ".join(g for gr in index.resolve("choc").groupes for g in gr.sources)
    assert "Syncope" not in sources and "Choc" in sources
    cerebral = index.resolve("rupture d'anévrisme cérébral").concepts
    assert "R211:018" not in cerebral[:3] and "R211:032" not in cerebral[:3]
    assert {"R211:097", "R211:356"} & set(cerebral[:3])


def test_a_failing_vital_function_beside_a_need_is_no_second_need():
    """"… avec état de choc", "ACR récupéré": the units taking vital distress also meet the need
    and rank first; the words are not read through a psychiatric label ("état de choc émotionnel")."""
    index = default_concept_index()
    for text in ("sepsis avec état de choc", "polytraumatisé en état de choc", "ACR récupéré"):
        it = index.resolve(text)
        hard = [g for g in it.groupes if not g.souple]
        soft = [g for g in it.groupes if g.souple]
        assert len(hard) == 1, text
        hard_ids = {m.concept for m in hard[0].matches}
        assert {"R211:126", "R211:127", "R211:160"} <= hard_ids, text
        assert "R211:229" not in hard_ids and "R211:097" not in hard_ids, text  # psychiatry, neurology
        assert soft and {m.concept for m in soft[0].matches} >= {"R211:127", "R211:160"}, text
    # alone, the words are read as they are (no need beside them to qualify); "choc" without
    # "état" is a blow, and with the word after it a diagnosis of its own
    assert all(not g.souple for g in index.resolve("coma").groupes)
    for text in ("choc à la tête", "état de choc émotionnel après une agression"):
        assert not any(m.concept == "R244:121" for g in index.resolve(text).groupes if g.souple
                       for m in g.matches), text


def test_words_typed_together_read_one_label_before_words_apart():
    """"anévrisme cérébral rompu": the site typed beside the disease word decides, not a label
    sharing the disease word and a word further on ("Anévrisme aortique, rompu")."""
    top = default_concept_index().resolve("anévrisme cérébral rompu").concepts[:3]
    assert "R211:018" not in top and "R211:032" not in top
    assert {"R211:097", "R211:356"} & set(top)


@pytest.mark.parametrize(("text", "urgence"), [
    ("brûlure de l'œil", "R211:154"),  # eye emergencies, not a burns centre
    ("brûlure de la cornée par de la soude", "R211:154"),
    ("plaie de la paupière", "R211:154"),
    ("plaie à l'oreille", "R211:156"),  # ENT emergencies, not neurosurgery
    ("plaie de la lèvre", "R211:261"),
])
def test_the_organ_named_beside_a_general_injury_decides_when_it_has_its_own_emergencies(text, urgence):
    it = default_concept_index().resolve(text)
    assert it.concepts[0] == urgence
    assert not {"R211:121", "R211:359", "R211:096"} & set(it.concepts[:3])
