"""The lay words and SAMU call reasons of the clinical vocabulary bind in their own sense only
when their own words are typed (issue 10): a word shared with part of a lay phrase, or met among
the examples of a call reason, reads as an ordinary label would."""

from __future__ import annotations

from ror_orientation.index import default_concept_index


def test_part_of_a_lay_phrase_does_not_read_the_phrase():
    # "fausse" of "fausse route" (ENT), "hémorragique" in the label appended to "attaque"
    it = default_concept_index().resolve("fausse couche hémorragique")
    assert not {"R211:016", "R211:156"} & set(it.concepts[:3])
    assert {"R211:053", "R211:100", "R211:260"} & set(it.concepts[:3])


def test_a_word_among_a_call_reasons_examples_is_no_call_reason_of_its_own():
    # "Saignements  Ex : Epistaxis …, hémoptysie" is not what "épistaxis" means: ENT first
    it = default_concept_index().resolve("épistaxis")
    assert it.concepts[0] in {"R211:016", "R211:156"}
    assert it.concepts.index("R211:114") > 2 if "R211:114" in it.concepts else True


def test_words_the_reader_never_passes_do_not_unbind_a_lay_phrase():
    # "se fait vomir": "fait" is never passed to the vocabulary, the phrase is still typed whole
    voc = default_concept_index().vocabulaire
    assert voc is not None
    assert {"fait"} <= voc.neutres


def test_family_descriptions_of_a_childs_need_read_the_need():
    ci = default_concept_index()
    assert "R211:200" in ci.resolve("mon fils a du mal à lire").concepts  # speech therapy
    assert "R245:02" in ci.resolve("ne répond pas à son prénom").concepts  # autism
    assert "R211:001" in ci.resolve("jeux vidéo toute la nuit").concepts  # behavioural addiction


def test_a_weak_everyday_word_beside_a_sure_reading_only_ranks():
    it = default_concept_index().resolve("mon fils a du mal à lire à l'école")
    ecole = [g for g in it.groupes if g.texte == "école"]
    assert all(g.souple for g in ecole)
    # an abbreviation in capitals is no everyday word
    tcc = [g for g in default_concept_index().resolve("TCC troubles anxieux").groupes if g.texte == "TCC"]
    assert tcc and not tcc[0].souple


def test_a_short_stem_reads_a_one_word_synonym_only_as_spelt():
    # "repas" and "répit" share the stem "rep": meals are no respite
    it = default_concept_index().resolve("repas")
    assert not any(g.via == "synonyme" for g in it.groupes)
    assert default_concept_index().resolve("répit").groupes[0].via == "synonyme"


def test_a_lay_word_naming_a_newborns_diagnosis_too_means_it_only_for_a_newborn(index):
    # "jaunisse" is P59 (neonatal jaundice) and R17: an adult's jaundice is the liver's
    (g,) = [g for g in index.resolve("il a la jaunisse").groupes if not g.souple]
    premiers = [m.concept for m in g.matches[:3]]
    assert premiers[0] == "R211:062" and "R211:094" not in premiers, premiers  # hepatology, no neonatology
    found = {m.concept for g in index.resolve("bébé qui a la jaunisse").groupes for m in g.matches}
    assert "R211:094" in found


def test_angor_is_the_angina_of_cim10():
    # CIM-10 writes "Angine de poitrine" (I20) only; "angor" was left for the name search
    it = default_concept_index().resolve("angor stable", profil="samu")
    assert not it.inexpliques
    assert it.concepts[0] in ("R211:354", "R211:014", "R211:013")


def test_a_hanging_is_an_asphyxia_before_a_mood_disorder():
    # "pendaison" was a word of the mood row (corps.csv): psychiatric emergencies first; CIM-10
    # index: pendaison → T71 asphyxie, the vital emergency
    it = default_concept_index().resolve("tentative de pendaison", profil="samu")
    assert it.concepts[0] in ("R211:160", "R211:127", "R211:126", "R211:157")


def test_the_prefix_of_post_partum_names_no_birth():
    # "post-traumatique" made a query name a birth: the newborn's obstetrical traumas
    # (P10.0 "Hémorragie sous-durale due à un traumatisme obstétrical") read beside the adult's
    voc = default_concept_index().vocabulaire
    assert voc is not None
    post, partum = (voc.analyseur.terme(w) for w in ("post", "partum"))
    assert post not in voc.mots_population
    assert partum in voc.mots_population


def test_an_acute_lung_oedema_is_the_cardiac_one(index):
    # CIM-10 writes "œdème du poumon" only in J68.1 (chemical: pneumology); the inclusion terms of
    # I50.1 "Insuffisance ventriculaire gauche" name the acute lung oedema of heart failure
    for texte in ("oedème aigu du poumon", "OAP"):
        it = index.resolve(texte, profil="samu")
        assert it.concepts[0] in ("R211:354", "R211:013"), it.concepts[:4]
        assert "R211:114" not in it.concepts[:3]
