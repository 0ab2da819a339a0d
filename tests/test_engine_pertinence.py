"""Relevance rules of issue 10: clinical vocabulary, precision before recall, profile, soft words."""

from __future__ import annotations

import csv

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.index.terminologie import Hierarchie, Prefixes, abreviations, charger
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.paths import fixtures_dir
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_eg, make_offre, make_uo

TABLES = {"R211": "TRE_R211", "R210": "TRE_R210", "R245": "TRE_R245", "R244": "TRE_R244",
          "R213": "TRE_R213", "R212": "TRE_R212", "R239": "TRE_R239", "R227": "TRE_R227",
          "R240": "TRE_R240"}


def _concepts_of_mapping_files() -> list[tuple[str, str]]:
    dossier = fixtures_dir() / "terminologie"
    out = []
    for name, col in (("cim10_vers_ror.csv", "concepts"), ("lexique.csv", "concepts"),
                      ("ccam_vers_ror.csv", "concepts"), ("samu_motifs.csv", "concepts"),
                      ("corps.csv", "concepts"), ("besoins_profanes.csv", "concepts"),
                      ("cliniques.csv", "concepts")):
        with (dossier / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out += [(name, c) for c in row[col].split()]
    return out


def test_every_mapped_code_exists_and_is_active_in_the_shipped_nomenclatures():
    nom = default_nomenclatures()
    bad = []
    for where, concept in _concepts_of_mapping_files():
        kind, code = concept.split(":", 1)
        entry = nom.table(TABLES[kind]).codes.get(code)
        if entry is None or not entry.actif:
            bad.append((where, concept))
    assert not bad


def test_every_cim10_code_of_the_lexicon_and_the_samu_call_reasons_exists():
    dossier = fixtures_dir() / "terminologie"
    with (dossier / "cim10_libelles.csv").open(encoding="utf-8") as fh:
        codes = {r["code"] for r in csv.DictReader(fh)}
    for name in ("lexique.csv", "samu_motifs.csv", "corps.csv", "cliniques.csv"):
        with (dossier / name).open(encoding="utf-8") as fh:
            missing = [c for r in csv.DictReader(fh) for c in r["cim10"].split()
                       if not any(k.startswith(c) for k in codes) and c[0] not in "VWXY"]
        assert not missing, name


def test_every_ccam_mapping_key_names_a_ccam_level_or_code_pattern_that_exists():
    dossier = fixtures_dir() / "terminologie"
    with (dossier / "ccam_libelles.csv").open(encoding="utf-8") as fh:
        actes = list(csv.DictReader(fh))
    niveaux = {".".join(a["hierarchie"].split(".")[:n]) for a in actes for n in range(1, 5)}
    with (dossier / "ccam_vers_ror.csv").open(encoding="utf-8") as fh:
        keys = [r["hierarchie"] for r in csv.DictReader(fh)]
    for key in keys:
        if key[:1].isalpha():  # a code pattern: some act must match it
            assert any(all(m in ("_", c) for m, c in zip(key, a["code"], strict=False)) for a in actes), key
        else:
            assert key in niveaux, key


def test_a_ccam_act_means_its_ror_act_first_through_code_pattern_and_hierarchy():
    h = Hierarchie([("08", ("R211:031",)), ("08.01.06.01", ("R210:0890", "R211:031")),
                    ("JD_E", ("R210:0890",))])
    assert h.concepts("JDQE003", "08.01.06.01") == ("R210:0890", "R211:031")
    assert h.concepts("JDFA001", "08.02.03.01") == ("R211:031",)
    assert h.concepts("JDLE332", "08.02.03.12") == ("R210:0890", "R211:031")


@pytest.mark.parametrize("text,concept", [
    ("cystoscopie", "R210:0890"), ("hystéroscopie", "R210:0189"), ("bronchoscopie", "R210:0559"),
])
def test_procedures_read_through_ccam_labels_and_compound_words(text, concept):
    """"cystoscopie" is in no label but "urétrocystoscopie" (CCAM JDQE003) is."""
    assert concept in default_concept_index().resolve(text).concepts


def test_ccam_acts_never_outvote_a_diagnosis_nor_an_act_the_ror_names():
    ix = default_concept_index()
    mandibule = ix.resolve("fracture de la mandibule").concepts
    assert "R211:261" in mandibule or "R211:023" in mandibule  # the diagnosis' routing
    arthro = ix.resolve("arthroscopie du genou")
    assert "R210:0026" in arthro.concepts[:3]


def test_samu_call_reasons_read_a_callers_words_as_a_family_of_needs():
    """CISU "Détresse respiratoire: difficulté pour parler, s'étouffe..." routes by CIM-10 R06/J96."""
    reading = default_concept_index().resolve("il s'étouffe")
    assert {"R211:160", "R211:114"} & set(reading.concepts)


def test_cim10_prefix_mapping_takes_the_longest_prefix():
    p = Prefixes([("K", ("R211:046",)), ("K65", ("R211:033",))])
    assert p.concepts("K650") == ("R211:033",)
    assert p.concepts("K25") == ("R211:046",)
    assert p.concepts("Z99") == ()


def test_vocabulary_generalises_over_cim10_labels_not_a_phrase_list():
    voc = charger()
    assert len(voc) > 10_000  # every active CIM-10 label is a document
    assert abreviations()["avc"]


@pytest.mark.parametrize("text,concept", [
    ("appendicite", "R211:033"), ("apendicite", "R211:033"), ("péritonite", "R211:033"),
    ("pyélonéphrite", "R211:095"), ("fracture du col du fémur", "R211:025"),
    ("intoxication au monoxyde de carbone", "R211:084"), ("otite", "R211:016"),
])
def test_diagnoses_and_typos_read_as_ror_concepts(text, concept):
    assert concept in default_concept_index().resolve(text).concepts


def test_stemi_is_never_corrected_into_semi_internat():
    reading = default_concept_index().resolve("STEMI")
    assert "R211:014" in reading.concepts
    assert not any("internat" in m.label.lower() for g in reading.groupes for m in g.matches)


@pytest.fixture(scope="module")
def engine() -> Engine:
    nazaire = make_eg(id="440000011", nom="CH ST NAZAIRE", departement="44")
    offre = make_offre(
        make_uo(id="usic", nom="USIC", activite="354", categorie_organisation="262"),
        make_uo(id="coro", nom="Cardiologie interventionnelle", activite="014",
                actes=("0597",)),
        make_uo(id="ime", nom="IME - semi-internat", champ="04", activite="300",
                categorie_organisation="48"),
        make_uo(id="unv", nom="UNV", activite="356", actes=("0460",)),
        make_uo(id="smr", nom="SMR neuro", champ="02", activite="234", actes=("0460",)),
        make_uo(id="rea", nom="Réanimation", activite="127", categorie_organisation="121"),
        make_uo(id="smur", nom="SMUR", activite="136", mode_prise_en_charge="59"),
        make_uo(id="ped", nom="Urgences pédiatriques", activite="249", age_min=0,
                age_max=17),
        make_uo(id="adu", nom="Urgences", activite="157"),
        make_uo(id="unv_ped", nom="Neurologie", activite="088", actes=("0460",), age_min=0,
                age_max=17),
    )
    offre.add(nazaire)
    offre.add(make_uo(id="naz", eg_id=nazaire.id, nom="Médecine polyvalente", activite="083"))
    return Engine.build(offre)


def ids(engine: Engine, text: str, profil: Profil = Profil.SAMU) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=profil, limite=20, ouvert_maintenant=False),
                        now=NOW)
    return [r.uo_id for r in rep.resultats]


def test_stemi_finds_cardiology_not_children_disability_homes(engine):
    found = ids(engine, "STEMI")
    assert "ime" not in found and {"usic", "coro"} & set(found)


def test_a_commune_inside_an_establishment_name_never_stands_for_a_concept(engine):
    found = ids(engine, "SCA ST+")
    assert "naz" not in found and {"usic", "coro"} & set(found)


def test_acute_need_in_samu_profile_leaves_out_rehabilitation(engine):
    assert "smr" not in ids(engine, "AVC")
    assert "unv" in ids(engine, "AVC")
    assert "smr" in ids(engine, "AVC", Profil.AVAL)


def test_reanimation_means_intensive_care_not_mobile_teams(engine):
    found = ids(engine, "réanimation")
    assert found[:1] == ["rea"] and "smur" not in found


def test_a_word_saying_who_the_patient_is_ranks_but_never_excludes(engine):
    found = ids(engine, "thrombolyse enfant")
    assert found[0] == "unv_ped" and "unv" in found


def test_unknown_words_never_empty_an_answer_the_concepts_fill(engine):
    assert "unv" in ids(engine, "AVC zorglub")


def test_explanation_names_the_concept_in_words_and_the_typed_word(engine):
    rep = engine.search(Requete(texte="thrombolise", profil=Profil.AVAL), now=NOW)
    crit = rep.resultats[0].explication.criteres
    assert any("Thrombolyse" in c and "« thrombolise »" in c and "R210" not in c for c in crit)


def test_needs_no_single_unit_meets_are_met_on_one_site_and_said_so():
    nantes = make_eg(id="440000099", nom="CHU TEST", departement="44")
    other = make_eg(id="350000099", nom="CH AUTRE", departement="35")
    offre = make_offre()
    for eg in (nantes, other):
        offre.add(eg)
    offre.add(make_uo(id="n-coro", eg_id=nantes.id, nom="Salle de coronarographie",
                      activite="014", actes=("0597",)))
    offre.add(make_uo(id="n-usic", eg_id=nantes.id, nom="USIC Nord", activite="354",
                      categorie_organisation="262"))
    offre.add(make_uo(id="o-coro", eg_id=other.id, nom="Coronarographie", activite="014",
                      actes=("0597",)))
    e = Engine.build(offre)
    rep = e.search(Requete(texte="coronarographie USIC", profil=Profil.AVAL), now=NOW)
    assert {r.uo_id for r in rep.resultats} == {"n-coro", "n-usic"}
    crit = " ".join(c for r in rep.resultats for c in r.explication.criteres)
    assert "USIC Nord" in crit and "Salle de coronarographie" in crit


def test_words_not_understood_are_listed_with_the_closest_concepts(engine):
    rep = engine.search(Requete(texte="AVC zorglub", profil=Profil.AVAL), now=NOW)
    assert rep.resultats and rep.non_compris == ("zorglub",)
    nothing = engine.search(Requete(texte="apendicite", profil=Profil.AVAL), now=NOW)
    assert not nothing.resultats  # no digestive surgery in this offer: said, not hidden
    assert any("(activité)" in s or "(acte)" in s for s in nothing.vouliez_vous_dire)
    assert any("digestive" in s for s in nothing.vouliez_vous_dire)


def test_the_fallback_never_drops_the_text_criterion(engine):
    rep = engine.search(Requete(texte="apendicite", profil=Profil.SAMU, lits_min=5), now=NOW)
    assert not rep.resultats and all(r.critere != "texte" for r in rep.relachements)


@pytest.mark.parametrize("prefix,concept", [
    ("autisme", "R245:02"), ("trouble du spectre", "R245:02"), ("apendicite", "R211:033"),
    ("alzeimer", "R244:29"), ("thrombolise", "R210:0460"),
])
def test_suggestions_cover_specialisations_and_tolerate_typos(prefix, concept):
    found = default_concept_index().suggest(prefix, limit=10)
    assert concept in [s.concept for s in found]
    assert all(s.table.startswith("TRE_") for s in found)


def test_a_need_no_unit_meets_with_the_others_is_dropped_out_loud():
    a, b = make_eg(id="440000098", nom="CH A"), make_eg(id="350000098", nom="CH B")
    offre = make_offre()
    for eg in (a, b):
        offre.add(eg)
    offre.add(make_uo(id="usic", eg_id=a.id, nom="USIC", activite="354"))
    offre.add(make_uo(id="unv", eg_id=b.id, nom="UNV", activite="356", actes=("0460",)))
    rep = Engine.build(offre).search(Requete(texte="USIC thrombolyse", profil=Profil.AVAL), now=NOW)
    assert rep.resultats
    assert rep.relachements[0].critere == "texte" and "sans" in rep.relachements[0].apres


def test_a_word_only_names_hold_never_empties_the_concept_matches():
    """"marge" (abcès de la marge anale) is in no label but in a unit's name: the units meeting
    the diagnosis still answer when none of them bears that name."""
    offre = make_offre(
        make_uo(id="visc", nom="Chirurgie digestive", activite="033", categorie_organisation="153"),
        make_uo(id="ehpad", nom="EHPAD La Marge", champ="04", activite="293",
                categorie_organisation="21"),
    )
    rep = Engine.build(offre).search(Requete(texte="abcès de la marge anale", profil=Profil.AVAL), now=NOW)
    assert [r.uo_id for r in rep.resultats][:1] == ["visc"]


def test_cystoscopy_finds_the_unit_doing_urological_endoscopy():
    offre = make_offre(
        make_uo(id="uro", nom="Urologie", activite="031", actes=("0890",)),
        make_uo(id="gen", nom="Médecine générale", activite="437"),
    )
    rep = Engine.build(offre).search(Requete(texte="cystoscopie", profil=Profil.AVAL), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["uro"]


def test_a_childs_symptom_is_also_met_by_paediatric_emergencies():
    ix = default_concept_index()

    def score(text: str) -> float:
        need = next(g for g in ix.resolve(text).groupes if not g.souple)
        return max((m.score for m in need.matches if m.concept == "R211:249"), default=0.0)

    best = next(g for g in ix.resolve("diarrhée").groupes).matches[0].score
    assert score("diarrhée enfant") >= 0.8 * best
    assert score("diarrhée enfant") > score("diarrhée")


def _corps_rows() -> list[dict[str, str]]:
    with (fixtures_dir() / "terminologie" / "corps.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_body_layer_covers_every_organ_system_once():
    rows = _corps_rows()
    words = [t.strip() for r in rows for t in r["termes"].split("|")]
    assert len(rows) >= 20 and all(r["justification"] and (r["cim10"] or r["concepts"]) for r in rows)
    assert len(words) == len(set(words))
    with (fixtures_dir() / "terminologie" / "lexique.csv").open(encoding="utf-8") as fh:
        lexique = {r["terme"] for r in csv.DictReader(fh)}
    assert not lexique & set(words)  # one list per word, no double vote


@pytest.mark.parametrize("row", _corps_rows(), ids=lambda r: r["systeme"])
def test_everyday_words_of_a_body_system_read_as_that_system(row):
    index = default_concept_index()
    prefixes = Prefixes((r["prefixe"], tuple(r["concepts"].split()))
                        for r in csv.DictReader((fixtures_dir() / "terminologie" / "cim10_vers_ror.csv")
                                                .open(encoding="utf-8")))
    routes = set(row["concepts"].split()) | {c for code in row["cim10"].split() for c in prefixes.concepts(code)}
    read = 0
    for word in row["termes"].split("|"):
        for g in index.resolve(word).groupes:
            if g.via == "terminologie":  # an exact ROR label keeps its own reading
                read += 1
                assert {m.concept for m in g.matches[:3]} & routes, word
    assert read


def test_a_lay_word_typed_whole_is_not_outvoted_by_labels_sharing_it():
    # "dents" is in dozens of coded labels (antecedents, fractures...): the lay word leads
    voc = default_concept_index().vocabulaire
    assert voc is not None
    lecture = voc.lire(["dent"])
    assert lecture is not None and lecture.courant
    assert lecture.concepts[0][0] == "R211:137"
    g = default_concept_index().resolve("abcès dentaire").groupes
    assert g and g[0].matches[0].concept == "R211:137"


def test_a_generic_word_is_never_expanded_as_an_abbreviation():
    # "mal" is an abbreviation of "maladie" in clinical notes, but a caller's "mal au/aux" is pain
    index = default_concept_index()
    for text in ("mal aux gencives", "très mal au genou"):
        it = index.resolve(text)
        assert not any("maladie" in s.lower() for g in it.groupes for s in g.sources), text


def test_relatives_say_who_calls_about_whom_never_a_need():
    it = default_concept_index().resolve("mon père a des vertiges")
    assert [g.texte for g in it.groupes] == ["vertiges"]
    assert "père" in it.ignores


def test_a_severity_word_qualifies_a_need_never_reads_one_alone():
    voc = default_concept_index().vocabulaire
    assert voc is not None
    for stems in (["pneumopath", "grav"], ["pneumopath", "sever"], ["cholecystit", "aigu"]):
        seule = voc.lire(stems[:1])
        avec = voc.lire(stems)
        assert seule is not None and avec is not None
        assert {c for c, _ in avec.concepts} <= {c for c, _ in seule.concepts} | {
            c for c, _ in (voc.lire([stems[0], None]) or seule).concepts}, stems


def test_a_lay_word_the_labels_read_as_who_the_patient_is_also_says_where_to_go():
    # "suicider" stems like the specialisation "Suicidant": kept, and the lay meaning is added
    g = default_concept_index().resolve("se suicider").groupes
    concepts = [m.concept for x in g for m in x.matches]
    assert "R245:62" in concepts and "R211:158" in concepts


def test_words_after_a_cause_marker_rank_the_need_named_before_it():
    # "X après Y": Y happened, X is the care asked; Y never requires an acute service
    it = default_concept_index().resolve("rééducation après une chimiothérapie")
    by_text = {g.texte: g for g in it.groupes}
    assert not by_text["rééducation"].souple
    assert by_text["chimiothérapie"].souple
    # without a need before it, the marker changes nothing
    assert not any(g.souple for g in default_concept_index().resolve("vomissements après le repas").groupes
                   if g.texte.startswith("vomissements"))


def test_a_childs_age_reads_the_diagnosis_as_a_childs():
    index = default_concept_index()
    adult = {m.concept for g in index.resolve("cystite").groupes for m in g.matches}
    child = {m.concept for g in index.resolve("cystite", enfant=True).groupes for m in g.matches}
    assert "R211:249" not in adult and "R211:249" in child


def test_an_abbreviation_whose_long_form_has_a_qualifier_is_read_without_it():
    # "oedème aigu du poumon": no label holds "aigu" with the other words; the qualifier may go
    g = default_concept_index().resolve("OAP").groupes
    assert g and g[0].via == "terminologie"


@pytest.mark.parametrize("text, expected", [
    ("SSR loco", {"R244:102", "R211:233"}),
    ("SMR cardio", {"R244:104", "R211:235"}),
    ("SMR géria", {"R244:101", "R211:241"}),
    ("postcure alcool", {"R244:108", "R211:240"}),
    ("SMR pédia", {"R244:109", "R211:283"}),
    ("SRPR", {"R211:244", "R210:1310"}),
    ("ERCP", {"R210:0191"}),
    ("électrochocs", {"R210:0183"}),
    ("PET scan", {"R210:0549"}),
    ("gamma knife", {"R210:0959", "R210:0405"}),
    ("hypothermie induite", {"R210:0243"}),
    ("IMV", {"R211:598", "R245:62"}),
    ("SPDT", {"R211:229"}),
    ("lits halte soins santé", {"R244:93"}),
    ("foyer occupationnel", {"R244:97"}),
    ("sans-abri", {"R239:06"}),
    ("handicapé moteur", {"R245:22"}),
    ("malvoyant", {"R245:19"}),
    ("baluchonnage", {"R244:38", "R211:394"}),
    ("UHR", {"R244:23"}),
    ("UMD", {"R244:18"}),
    ("anorexie mentale", {"R245:01", "R244:120"}),
    ("séjour temporaire", {"R240:01"}),
])
def test_regulators_and_coordinators_jargon_reads_the_structure_or_act_it_names(text, expected):
    found = set(default_concept_index().resolve(text).concepts)
    assert expected <= found, (text, found)


@pytest.mark.parametrize("text, other_sense", [
    ("IMC", "R245:22"),  # indice de masse corporelle, not cerebral palsy
])
def test_an_abbreviation_whose_usual_clinical_sense_differs_is_not_taken_for_jargon(text, other_sense):
    assert other_sense not in default_concept_index().resolve(text).concepts


def test_an_acronym_naming_beds_and_a_leukaemia_reads_by_who_asks():
    # "LAM": leucémie aiguë myéloïde for a regulator, the medicalised beds for a coordinator
    assert "R244:95" not in default_concept_index().resolve("LAM", profil="samu").concepts
    assert "R244:95" not in default_concept_index().resolve("LAM fébrile en aplasie").concepts
    assert "R244:95" in default_concept_index().resolve("LAM", profil="aval").concepts


def test_a_medico_social_request_combines_structure_person_and_stay():
    # structure type → R244, who the person is → R245/R239, how long → R240, each its criterion
    index = default_concept_index()
    foyer = set(index.resolve("foyer de vie handicap mental").concepts)
    assert {"R244:97", "R245:14"} <= foyer
    stay = set(index.resolve("EHPAD séjour temporaire").concepts)
    assert "R240:01" in stay and stay & {"R244:21", "R244:26"}
    assert "R239:06" in set(index.resolve("LHSS pour SDF").concepts)


def _routes() -> Prefixes:
    with (fixtures_dir() / "terminologie" / "cim10_vers_ror.csv").open(encoding="utf-8") as fh:
        return Prefixes((r["prefixe"], tuple(r["concepts"].split())) for r in csv.DictReader(fh))


@pytest.mark.parametrize("code, wanted, unwanted", [
    ("I743", "R211:032", "R211:037"),  # acute limb ischaemia: vascular surgery, not dermatology
    ("G419", "R211:127", None),  # status epilepticus: intensive care
    ("H251", "R211:103", None),  # senile cataract: ophthalmology (H1-H5 had no route)
    ("H330", "R211:154", None),  # retinal detachment: ophthalmic emergencies
    ("K859", "R211:126", None),  # acute pancreatitis: intensive care for severe forms
    ("K859", "R211:046", None),
    ("C786", "R211:102", "R211:097"),  # secondary tumours: oncology, not neurology (C7 = brain)
    ("C56", "R211:022", None),  # ovary: gynaecological surgery (C51 covered the vulva only)
    ("C189", "R211:033", None),  # colon: digestive surgery (C15 covered the oesophagus only)
    ("C73", "R211:041", "R211:097"),  # thyroid: endocrinology, not neurology
    ("R33", "R211:031", None),  # urinary retention: urology
    ("A390", "R211:127", None),  # meningococcal infection: intensive care
    ("U071", "R211:114", None),  # COVID-19 had no route
    ("D469", "R211:055", None),  # myelodysplasia: haematology
    ("I270", "R211:114", "R211:014"),  # pulmonary hypertension is no coronary cath
    ("T840", "R211:025", None),  # joint prosthesis complication: orthopaedics
    ("S241", "R211:436", "R211:030"),  # dorsal spinal cord: spine surgery, not thoracic surgery
    ("S341", "R211:096", "R211:033"),  # lumbar spinal cord: neurosurgery, not digestive surgery
    ("S343", "R211:436", "R211:264"),  # cauda equina injury: as its syndrome G83.4
    ("S2200", "R211:436", "R211:030"),  # dorsal vertebra: spine surgery, as the lumbar one (S32)
    ("H720", "R211:016", "R211:033"),  # perforated eardrum: ENT, not a digestive perforation
    ("D70", "R211:055", None),  # agranulocytosis (neutropenia): haematology
])
def test_a_diagnosis_routes_to_the_specialities_that_treat_its_block(code, wanted, unwanted):
    routes = _routes().concepts(code)
    assert wanted in routes, (code, routes)
    assert unwanted is None or unwanted not in routes, (code, routes)


def test_every_common_diagnosis_has_a_route():
    # a row's scope may say more than its prefix covers ("D5: D50-D89" covered D50-D59 only):
    # a diagnosis of chapters A-T coded in 500 stays or more a year reads no concept without one
    routes = _routes()
    with (fixtures_dir() / "terminologie" / "cim10_libelles.csv").open(encoding="utf-8") as fh:
        sans = [r["code"] for r in csv.DictReader(fh) if r["code"][0] <= "T"
                and int(r["denombrement"] or 0) >= 500 and not routes.concepts(r["code"])]
    assert not sans, sans


def test_every_route_says_its_scope():
    with (fixtures_dir() / "terminologie" / "cim10_vers_ror.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["portee"].strip() for r in rows)
    assert len({r["prefixe"] for r in rows}) == len(rows)


@pytest.mark.parametrize("typo, correct, wanted", [
    ("hémoptisie", "hémoptysie", "R211:114"),  # one ROR act label names it: still the diagnosis
    ("pneumopatie", "pneumopathie", "R211:114"),
])
def test_a_misspelt_diagnosis_reads_like_the_diagnosis(typo, correct, wanted):
    index = default_concept_index()
    right = set(index.resolve(correct).concepts)
    wrong = set(index.resolve(typo).concepts)
    assert wanted in right and wanted in wrong, (right, wrong)


def test_acute_limb_ischaemia_in_everyday_words_reads_vascular_surgery():
    found = default_concept_index().resolve("ischémie aiguë du membre inférieur").concepts
    assert "R211:032" in found[:3] and "R211:037" not in found


def test_tonsil_surgery_reads_ent_not_the_haematology_of_its_ccam_chapter():
    # CCAM files tonsils and adenoids (FA) under the immune system (chapter 05)
    found = default_concept_index().resolve("amygdalectomie").concepts
    assert found[0] == "R211:016"


@pytest.mark.parametrize("text", ["ma fille a été violée", "mon fils a été victime d'un viol"])
@pytest.mark.parametrize("age", [None, 15])
def test_a_child_word_never_ranks_a_paediatric_ward_before_the_units_meeting_the_need(text, age):
    # the reading of a rape holds the paediatric ward below the forensic units: the child word
    # says who the patient is, and the forensic units taking children meet it as the ward does
    offre = make_offre(
        make_uo(id="umj", nom="UMJ", activite="152", age_min=0),
        make_uo(id="victimes", nom="Accueil des victimes", activite="512", age_min=0),
        make_uo(id="ped", nom="Pédiatrie", activite="088", age_min=0, age_max=17),
        make_uo(id="ped2", nom="Pédiatrie générale", activite="088", age_min=0, age_max=17),
    )
    rep = Engine.build(offre).search(Requete(texte=text, profil=Profil.AVAL, age=age, limite=10,
                                             ouvert_maintenant=False), now=NOW)
    found = [r.uo_id for r in rep.resultats]
    assert found[0] in {"umj", "victimes"} and {"ped", "ped2"} <= set(found)
