"""Resolving a regulator's words into nomenclature concepts: exact, synonyms, prefixes, typos."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ror_orientation.index import ConceptIndex, Interpretation
from ror_orientation.index.concepts import NIE
from ror_orientation.index.synonymes import Entree
from ror_orientation.nomenclatures import Code, Nomenclatures, Table


def top(interp: Interpretation, n: int = 5) -> list[str]:
    return list(interp.concepts[:n])


def only_group(interp: Interpretation):
    assert len(interp.groupes) == 1, interp.groupes
    return interp.groupes[0]


@pytest.mark.parametrize(("query", "expected"), [
    ("AVC", {"R210:0459", "R210:0460", "R211:098", "R211:356"}),
    ("accident vasculaire cérébral", {"R210:0459", "R211:356"}),
    ("USINV", {"R211:356"}),
    ("SCA", {"R211:014", "R210:0597", "R211:354"}),
    ("infarctus", {"R211:014", "R211:354"}),
    ("IDM", {"R211:014"}),
    ("NIV", {"R210:1006", "R210:1007"}),
    ("VNI", {"R210:1006"}),
    ("réa", {"R211:127", "R211:126"}),
    ("SSR", {"R244:100", "R227:02"}),
    ("soins de suite et de réadaptation", {"R244:100", "R227:02"}),
    ("EHPAD", {"R244:21", "R244:24"}),
    ("HDJ", {"R244:11", "R213:29"}),
    ("UHCD", {"R244:278", "R213:13"}),
    ("IRM", {"R211:068"}),
    ("TSA", {"R244:85", "R210:1574"}),
    ("troubles du spectre de l'autisme", {"R244:85"}),
    ("hémodialyse", {"R211:059", "R210:0657"}),
    ("dialyse", {"R211:058", "R211:059"}),
])
def test_abbreviations_and_synonyms_lead_to_their_concepts(index, query, expected):
    g = only_group(index.resolve(query))
    assert g.via == "synonyme"
    assert expected <= set(g.concepts[:12]), (query, g.concepts[:12])
    assert all(m.synonyme == query for m in g.matches if m.via == "synonyme")


@pytest.mark.parametrize(("query", "expected"), [
    ("coronarografie", "R211:014"),
    ("thrombolise", "R210:0700"),
    ("hemodialise", "R210:0657"),
    ("reanimatoin polyvalente", "R211:127"),
    ("neonatalogei", "R211:094"),
])
def test_typos_find_the_intended_concept(index, query, expected):
    interp = index.resolve(query)
    assert expected in top(interp, 8), (query, interp.concepts[:8])
    assert interp.groupes[0].via == "faute"


def test_typo_matches_score_below_exact_ones(index):
    exact = {m.concept: m.score for m in index.resolve("thrombolyse").groupes[0].matches}
    typo = {m.concept: m.score for m in index.resolve("thrombolise").groupes[0].matches}
    assert typo["R210:0700"] < exact["R210:0700"]


def test_exact_label_words_rank_the_closest_label_first(index):
    assert top(index.resolve("réanimation pédiatrique"), 1) == ["R211:130"]
    assert top(index.resolve("soins intensifs cardiologie"), 1)[0] in {"R211:354", "R244:262"}


def test_unfinished_last_word_is_read_as_a_prefix(index):
    g = only_group(index.resolve("cardio interv"))
    assert g.concepts[0] == "R211:014"


def test_words_nothing_explains_are_left_for_name_search(index):
    interp = index.resolve("EHPAD Rennes")
    assert interp.inexpliques == ("Rennes",)
    assert "R244:21" in interp.concepts


def test_each_group_says_which_words_it_explains(index):
    interp = index.resolve("IRM brûlés Quimper")
    assert [g.texte for g in interp.groupes] == ["IRM", "brûlés"]
    assert interp.groupes[0].concepts[0] == "R211:068"
    assert "R211:121" in interp.groupes[1].concepts
    assert interp.inexpliques == ("Quimper",)


def test_words_that_narrow_each_other_form_one_group(index):
    interp = index.resolve("AVC thrombectomie")
    g = only_group(interp)
    assert set(g.concepts[:2]) == {"R210:0459", "R210:1274"}


def test_deprecated_codes_rank_below_active_ones(index):
    matches = index.resolve("coronarographie").groupes[0].matches
    flags = [m.actif for m in matches]
    deprecated = [m for m in matches if not m.actif]
    assert deprecated, "the fixtures have deprecated Coronarographie codes"
    assert flags.index(False) > 0
    best_active = max(m.score for m in matches if m.actif)
    assert all(m.score <= best_active for m in deprecated)


def test_scores_stay_in_range_and_decrease(index):
    for q in ["AVC", "coronarografie", "cardio interv", "IRM pédiatrique", "brûlés"]:
        for g in index.resolve(q).groupes:
            scores = [m.score for m in g.matches]
            assert all(0 < s <= 1 for s in scores)
            assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("garbage", ["", "   ", "!!!", "de la", None, 12, "\x00\x01", "zzzzqqqq",
                                     "'; DROP TABLE uo; --", "AND OR NOT * ? : ( )"])
def test_empty_or_garbage_input_gives_no_concept_and_no_exception(index, garbage):
    interp = index.resolve(garbage)
    assert interp.concepts == () or isinstance(garbage, str)
    assert not interp.tronque


def test_very_long_input_is_truncated_and_flagged(index):
    interp = index.resolve("AVC " + "patient " * 5000)
    assert interp.tronque
    assert interp.groupes[0].concepts
    assert len(interp.texte) <= 256


def test_whoosh_full_text_search_uses_the_same_chain(index):
    hits = index.search("accident vasculaire cérébral")
    assert hits and "AVC" in hits[0].label
    assert all(h.actif for h in hits[:2])
    # (a word a label writes after "sans" is compiled marked, and left out of the full text)
    compiled = {t for t in index.postings if not t.startswith(NIE)}
    assert compiled == index.whoosh_terms()


def test_search_on_nothing_returns_nothing(index):
    assert index.search("") == []
    assert index.search("de la") == []


def small_index() -> ConceptIndex:
    def table(tid, rows):
        return Table(tid, tid, {c: Code(c, lib, None, actif, None, None) for c, lib, actif in rows})

    nom = Nomenclatures({
        "TRE_R211": table("TRE_R211", [("001", "Réanimation médicale", True),
                                       ("002", "Réanimation ancienne", False)]),
        "TRE_R210": table("TRE_R210", [("0001", "Thrombolyse par voie veineuse", True)]),
    })
    return ConceptIndex.build(nom, [Entree("avc", ("AVC",), ("thrombolyse",), ("R211:999",))])


def test_a_built_index_reports_synonym_codes_missing_from_its_tables():
    ix = small_index()
    assert ix.manquants == {"avc": ["R211:999"]}
    assert ix.resolve("AVC").concepts == ("R210:0001",)


def test_a_built_index_ranks_the_active_twin_first():
    ix = small_index()
    assert ix.resolve("réanimation").concepts == ("R211:001", "R211:002")


def test_a_typo_inside_a_synonym_phrase_still_reaches_the_synonym(index):
    g = only_group(index.resolve("accidant vasculaire cérébral"))
    assert g.via == "faute"
    assert {"R211:356", "R210:0459"} <= set(g.concepts[:10])
    exact = only_group(index.resolve("accident vasculaire cérébral"))
    assert g.matches[0].score < exact.matches[0].score


def test_a_real_word_of_a_synonym_key_is_not_corrected_away(index):
    assert "R244:278" in index.resolve("lits porte").concepts


def test_an_interpretation_prints_its_reading(index):
    text = str(index.resolve("IRM brûlés Quimper"))
    assert text.startswith("(IRM ~synonyme: R211:068")
    assert " AND (brûlés ~synonyme: " in text
    assert text.endswith("?Quimper")
    assert str(index.resolve("")) == "()"


def test_concept_ids_are_taken_literally(index):
    interp = index.resolve("R211:014 Rennes")
    assert interp.concepts == ("R211:014",)
    assert interp.groupes[0].via == "exact"
    assert interp.inexpliques == ("Rennes",)


def test_unknown_concept_ids_are_not_invented(index):
    assert "R999:1" not in index.resolve("R999:1").concepts


def test_place_names_are_never_corrected_into_concepts(index):
    interp = index.resolve("réa Saint-Malo Paris")
    assert [g.texte for g in interp.groupes] == ["réa"]
    assert interp.inexpliques == ("Saint", "Malo", "Paris")


def test_generic_words_and_numbers_are_set_aside(index):
    interp = index.resolve("une place en EHPAD pour une patiente de 85 ans")
    assert [g.texte for g in interp.groupes] == ["EHPAD"]
    assert interp.ignores == ("place", "patiente", "ans")
    assert interp.nombres == ("85",)
    assert interp.inexpliques == ()


def test_generic_words_do_not_outweigh_a_synonym(index):
    g = index.resolve("enfant de 3 ans").groupes
    assert [x.texte for x in g] == ["enfant"]
    assert "R211:088" in g[0].concepts


def test_numbers_inside_a_label_phrase_still_count(index):
    assert index.resolve("filière obésité niveau 3").concepts[0] in {"R210:1491", "R210:1492"}


def test_place_words_given_to_build_are_protected():
    from ror_orientation.index import ConceptIndex
    from ror_orientation.nomenclatures import default_nomenclatures

    free = ConceptIndex.build(default_nomenclatures(), lieux=())
    guarded = ConceptIndex.build(default_nomenclatures(), lieux=["Pari"])
    assert free.resolve("Pari").groupes  # read as a typo or a prefix of something
    assert not guarded.resolve("Pari").groupes
    assert guarded.resolve("pari réa").inexpliques == ("pari",)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_any_text_resolves_and_suggests_without_error(index, text):
    interp = index.resolve(text)
    for g in interp.groupes:
        assert g.matches and all(0 < m.score <= 1 for m in g.matches)
        assert interp.texte[g.start:g.end] == g.texte
    assert len(index.suggest(text)) <= 10


def test_a_lower_case_last_word_is_completed_even_when_it_is_also_a_town(index):
    assert "coron" in index.lieux  # Coron, Maine-et-Loire
    assert index.resolve("coron").groupes[0].via == "prefixe"
    assert index.resolve("USIC Coron").inexpliques == ("Coron",)


def test_a_town_name_typed_in_lower_case_inside_a_diagnosis_is_a_word_of_it(index):
    # "queue", "cheval", "cordon" are communes: typed in lower case beside a word a label holds
    # them with, they are words of the need (G83.4, N44 torsion du cordon), not names
    assert {"queue", "cheval", "cordon"} <= {w for w in ("queue", "cheval", "cordon") if w in index.lieux}
    it = index.resolve("compression de la queue de cheval")
    assert not it.inexpliques and top(it, 1) == ["R211:096"]
    it = index.resolve("torsion du cordon spermatique")
    assert "cordon" not in it.inexpliques and top(it, 1) == ["R211:031"]
    # capitalised, or beside no such word, a town stays a name
    assert index.resolve("USIC Cheval").inexpliques == ("Cheval",)


def test_a_specialised_emergency_is_also_met_by_the_general_emergencies_below_it(index):
    # no unit may declare "Urgences spécialisées traumatologiques": the answer was empty
    for text in ("urgences traumatologiques", "urgences ophtalmologiques"):
        got = top(index.resolve(text), 6)
        assert "R211:157" in got and got[0] != "R211:157", (text, got)
    # below what the words name: the hand emergency act before the general emergencies
    got = top(index.resolve("urgences main"), 6)
    assert got.index("R210:0492") < got.index("R211:157")


def test_a_polytrauma_is_read_as_the_vital_emergency_it_is(index):
    # the polytrauma act alone: no unit declared it, "polytraumatisé" found nothing
    for text in ("polytraumatisé", "polytrauma sur AVP"):
        assert {"R211:160", "R211:127"} <= set(top(index.resolve(text), 6)), text


@pytest.mark.parametrize(("query", "word", "intended"), [
    ("consultation psychatrique", "psychatrique", "R211:229"),  # not "psycho-comportementaux"
    ("chirurgie cardique", "chirurgie cardique", "R211:018"),  # not a "cardio-" compound
])
def test_a_misspelt_adjective_is_corrected_before_its_root_is_read_as_a_combining_form(
        index, query, word, intended):
    g = next(g for g in index.resolve(query).groupes if g.texte == word)
    assert g.via == "faute", (query, g.via, g.concepts[:4])
    # (read as the word typed right is: "psychiatrique" names the psychiatrist first, then the ward)
    assert intended in g.concepts[:2], g.concepts[:4]


@pytest.mark.parametrize(("query", "acute"), [
    ("coma myxoedémateux", "R211:126"),  # vital: intensive care before endocrinology
    ("crise drépanocytaire", "R211:157"),  # a crisis: the ED before haematology
    ("crise aiguë de porphyrie", "R211:157"),
])
def test_a_regulators_acute_diagnosis_reads_the_acute_units_first(index, query, acute):
    samu = only_group(index.resolve(query, profil="samu"))
    assert samu.via == "terminologie"
    assert acute in samu.concepts[:4], samu.concepts[:6]
    assert samu.concepts[0] in ("R211:126", "R211:127", "R211:157", "R211:160", "R244:121")
    # the coordinator downstream reads the disease's speciality, as before
    aval = only_group(index.resolve(query, profil="aval"))
    assert acute not in aval.concepts[:1]


@pytest.mark.parametrize(("query", "enfant", "acute"), [
    # read only in passing by the act treating its necrosis (R210:0314) and haematology's purpura
    ("purpura fulminans", None, ("R211:126", "R211:127", "R211:157", "R211:160", "R244:121")),
    # a child's: the paediatric intensive care and emergencies, never the adults'
    ("purpura fulminans chez un enfant de 2 ans", True, ("R211:130", "R211:249")),
])
def test_a_vital_diagnosis_a_label_reads_in_passing_reads_the_acute_units_first(index, query, enfant, acute):
    g = next(g for g in index.resolve(query, enfant, profil="samu").groupes if not g.souple)
    assert g.concepts[0] in acute, g.concepts[:6]
    if enfant:
        assert not {"R211:126", "R211:127"} & set(g.concepts), g.concepts[:6]


def test_a_symptom_read_by_a_rehabilitation_acts_label_does_not_turn_the_diagnosis_into_smr(index):
    # "troubles de la déglutition" is read by "Rééducation des troubles de la déglutition": the
    # symptom says how ill the patient is, no rehabilitation word was typed
    interp = index.resolve("myasthénie avec troubles de la déglutition", profil="samu")
    g = next(g for g in interp.groupes if g.texte == "myasthénie")
    assert g.concepts[0] == "R211:097", g.concepts[:4]  # neurology, not SMR système nerveux
    typed = index.resolve("rééducation des troubles de la déglutition après AVC", profil="samu")
    assert "R211:234" in next(g for g in typed.groupes if g.texte == "AVC").concepts[:2]


@pytest.mark.parametrize(("tape", "colle"), [("infection ostéo-médullaire", "infection ostéomédullaire"),
                                             ("broncho-pneumopathie", "bronchopneumopathie")])
def test_a_hyphenated_word_the_labels_write_glued_reads_as_that_word(index, tape, colle):
    # split at the hyphen, "ostéo" read an STI label and "broncho" a newborn's dysplasia
    def premiers(text: str) -> list[str]:
        return [m.concept for g in index.resolve(text).groupes for m in g.matches[:2]]
    assert premiers(tape) == premiers(colle)
    (g,) = index.resolve(tape).groupes
    assert g.texte == tape  # the words as typed
    # (two words the ROR labels write so stay two: "Unité mère-enfant")
    assert index.resolve("unité mère-bébé").groupes[0].matches[0].concept == "R244:119"


def test_the_first_part_of_a_compound_no_vocabulary_holds_is_no_typo(index):
    # "vaso" of "vaso-occlusive" was corrected to "naso" and "vasc…": genetics, coordination
    lu = index.resolve("crise vaso-occlusive drépanocytaire", profil="samu")
    concepts = [c for g in lu.groupes if not g.souple for c in g.concepts]
    assert "R211:055" in concepts[:3], concepts[:6]  # haematology, after the emergencies
    assert "R211:049" not in concepts
    # (the clinical term reads the compound whole now, cliniques.csv: no part of it is left over)
    assert "vaso" not in lu.inexpliques


@pytest.mark.parametrize(("query", "expected"), [
    ("rééducation du périnée", "R210:1341"),  # "Rééducation pelvi-périnéale"
    ("rééducation périnée", "R210:1341"),
])
def test_an_organs_noun_reads_the_label_writing_its_adjective_with_the_words_before(index, query, expected):
    # "périnée" / "périnéale" stem apart ("perine" / "perineal"): the vocabulary read SMR instead
    (g,) = index.resolve(query, profil="aval").groupes
    assert g.concepts[0] == expected, g.concepts[:4]


@pytest.mark.parametrize("query", [
    "SMR suite à une fracture du col du fémur",
    "rééducation après une fracture du col du fémur",
])
def test_a_diagnosis_after_a_cause_marker_is_read_whole(index, query):
    # the words after "après / suite à" were left to the labels word by word: "col" alone read
    # a cervix or, as an abbreviation, a colic (urology, digestive SMR)
    lu = index.resolve(query, profil="aval")
    apres = [g for g in lu.groupes if g.souple and g.matches]
    assert apres and all("R211:233" in g.concepts for g in apres), [(g.texte, g.concepts[:3]) for g in apres]
    assert not any(c in g.concepts for g in lu.groupes for c in ("R211:031", "R211:237"))


def test_a_cause_markers_own_word_reads_no_label_into_the_diagnosis_after_it(index):
    # "après" + "fracture" read "Récupération améliorée après chirurgie (RAAC) orthopédique"
    (g,) = index.resolve("après une fracture du col du fémur", profil="samu").groupes
    assert g.texte == "fracture du col du fémur"
    assert "R210:1422" not in g.concepts
