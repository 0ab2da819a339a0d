"""Lay symptom expressions (issue 10): "du sang dans les selles", "ça brûle quand je fais pipi" read
as the complaint they describe, only when their words are typed together."""

from __future__ import annotations

import csv

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.index.analyse import Termes, plier
from ror_orientation.index.concepts import CONTEXTE, GENERIQUES
from ror_orientation.index.symptomes import charger_symptomes, ensemble, mots_pleins, variantes
from ror_orientation.index.terminologie import Prefixes, charger
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.paths import fixtures_dir
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo

TABLES = {"R211": "TRE_R211", "R210": "TRE_R210", "R245": "TRE_R245", "R244": "TRE_R244"}


@pytest.fixture(scope="module")
def voc():
    return charger()


def _cim10() -> dict[str, str]:
    with (fixtures_dir() / "terminologie" / "cim10_libelles.csv").open(encoding="utf-8") as fh:
        return {r["code"]: r["libelle"] for r in csv.DictReader(fh)}


# -- the table ---------------------------------------------------------------------------------

def test_every_row_names_existing_cim10_codes_and_active_ror_concepts_and_says_why():
    cim = _cim10()
    nom = default_nomenclatures()
    rows = charger_symptomes()
    assert len(rows) >= 150
    for r in rows:
        assert r.expressions and r.cim10, r
        assert all(c in cim for c in r.cim10), r.cim10
        for concept in r.concepts:
            kind, code = concept.split(":", 1)
            entry = nom.table(TABLES[kind]).codes.get(code)
            assert entry is not None and entry.actif, concept
        # the justification names the CIM-10 label or call reason the row rests on
        assert any(c[:3] in r.justification.replace(".", "") for c in r.cim10), r.justification


def test_every_row_reaches_a_ror_destination_through_the_cim10_routes():
    with (fixtures_dir() / "terminologie" / "cim10_vers_ror.csv").open(encoding="utf-8") as fh:
        prefixes = Prefixes((r["prefixe"], tuple(r["concepts"].split())) for r in csv.DictReader(fh))
    for r in charger_symptomes():
        routes = [c for code in r.cim10 for c in prefixes.concepts(code)] + list(r.concepts)
        assert routes, r.expressions[0]


def test_every_expression_binds_on_words_the_reading_keeps_and_no_lay_word_alone():
    # an expression of one full word would read like a lay word of its own: only a word no lay
    # entry holds ("halète", "orgelet"); a word the reading drops before the vocabulary
    # (GENERIQUES, CONTEXTE) could never be met
    analyseur = Termes()
    dossier = fixtures_dir() / "terminologie"
    with (dossier / "lexique.csv").open(encoding="utf-8") as fh:
        lay = {s for r in csv.DictReader(fh) for s in analyseur.termes(r["terme"])}
    with (dossier / "corps.csv").open(encoding="utf-8") as fh:
        lay |= {s for r in csv.DictReader(fh) for t in r["termes"].split("|") for s in analyseur.termes(t)}
    for r in charger_symptomes():
        for e in r.expressions:
            slots = mots_pleins(e, analyseur.analyser)
            assert slots, e
            if len(slots) == 1:
                assert not slots[0] & lay and max(map(len, slots[0])) >= 5, e
            pleins = [plier(w) for w in e.replace("'", " ").split()]
            assert not {w for w in pleins if any(analyseur.terme(w) in s for s in slots)} \
                & (GENERIQUES | CONTEXTE), e


def test_feminine_and_plural_forms_meet_the_same_word():
    assert {"fatigue", "fatiguee", "fatigues", "fatiguees"} <= set(variantes("fatiguees"))
    analyseur = Termes()
    slots = mots_pleins("fatigué tout le temps", analyseur.analyser)
    typed = analyseur.termes("fatiguées tout le temps")
    assert ensemble(slots, typed, range(len(typed)), frozenset(typed) - {typed[0]}) is not None


# -- the reading -------------------------------------------------------------------------------

def test_an_expression_reads_only_when_its_words_are_typed_together(voc):
    a = voc.analyseur
    lu = voc.lire(a.termes("du sang dans les selles"))
    assert lu is not None and {"R211:046", "R211:117"} & {c for c, _ in lu.concepts[:3]}
    # one shared word does not read the expression
    for text in ("prise de sang", "selles"):
        lu = voc.lire(a.termes(text))
        assert lu is None or not any("(symptome)" in x for x in lu.libelles), text
    # a full word between them breaks the expression: "arrêt cardio-respiratoire" is no
    # "arrêts respiratoires la nuit" (apnoea)
    lu = voc.lire(a.termes("arrêt cardio-respiratoire"))
    assert lu is None or not any("(symptome)" in x for x in lu.libelles)
    # the words far apart in a long sentence are not one expression
    far = "sang " + " ".join(["vaccin", "grippe", "rappel", "tetanos", "voyage"]) + " selles"
    lu = voc.lire(a.termes(far))
    assert lu is None or not any("(symptome)" in x for x in lu.libelles)


@pytest.mark.parametrize("text,concept", [
    ("il ronfle trop fort et s'arrête de respirer", "R211:480"),  # apnoea, not a cardiac arrest
    ("je ronfle très fort et je m'arrête de respirer", "R211:480"),
    ("ma mère a les chevilles toutes gonflées", "R211:354"),  # oedema of heart failure
])
def test_words_of_degree_typed_inside_do_not_break_an_expression(index, text, concept):
    # "fort", "trop", "toutes" say how much; they broke the expression, and its words were read
    # apart ("s'arrête de respirer": the resuscitation room; "chevilles": an act on the ankle)
    (g,) = [g for g in index.resolve(text, None, "samu").groupes if not g.souple]
    assert concept in [m.concept for m in g.matches[:2]], g.matches[:3]


def test_word_order_accents_and_gender_do_not_matter(voc):
    a = voc.analyseur
    for text in ("ça brûle quand je fais pipi", "ca brule quand je fais pipi", "pipi qui brûle"):
        lu = voc.lire(a.termes(text))
        assert lu is not None and lu.concepts[0][0] == "R211:031", text
    lu = voc.lire(a.termes("fatiguées tout le temps"))
    assert lu is not None and any("(symptome)" in x for x in lu.libelles)


def test_a_verb_meets_its_other_forms_and_its_noun(voc):
    # verbes.csv: vomir → vomissement; the expression "vomit du sang" reads every form
    a = voc.analyseur
    for text in ("il vomit du sang", "elle vomissait du sang", "vomissements de sang"):
        lu = voc.lire(a.termes(text))
        assert lu is not None and any("(symptome)" in x for x in lu.libelles), text
        assert lu.concepts[0][0] == "R211:046", text


def test_lay_descriptions_reach_the_speciality_across_organs():
    idx = default_concept_index()
    cases = {
        "le cœur qui s'emballe": "R211:013",
        "bourdonnements dans les oreilles": "R211:016",
        "des pertes qui sentent mauvais": "R211:053",
        "il voit double": "R211:103",
        "saigne des gencives": "R211:137",
        "ça gratte partout": "R211:037",
    }
    for text, concept in cases.items():
        found = {m.concept for g in idx.resolve(text).groupes if not g.souple for m in g.matches[:4]}
        assert concept in found, (text, found)


def test_sexually_transmitted_infections_and_exposure_go_to_sexual_health():
    # A50-A63 and Z20.2 were routed to infectiology only (chapter I): screening and care of STIs
    # is the CeGIDD / centre de santé sexuelle activity (R211:162)
    idx = default_concept_index()
    for text in ("syphilis secondaire", "herpès génital", "rapport non protégé hier soir"):
        it = idx.resolve(text)
        assert it.concepts[0] == "R211:162", (text, it.concepts[:4])


def test_bleeding_after_the_birth_is_a_post_partum_haemorrhage():
    # "après l'accouchement" names the post-partum, not a cause whose words only rank: the
    # bleeding is read in it (O72), a maternity first, not the stroke or general medicine
    idx = default_concept_index()
    for text in ("hémorragie importante après l'accouchement", "elle saigne beaucoup après son accouchement"):
        it = idx.resolve(text)
        needed = [m.concept for g in it.groupes if not g.souple for m in g.matches[:2]]
        assert needed[:1] == ["R211:100"], (text, needed)
    # a cause stays a cause: rehabilitation after a stroke asks for the SMR
    assert idx.resolve("SMR après AVC").groupes[0].matches[0].concept.startswith(("R244", "R227"))


def test_a_diagnosis_typed_as_such_keeps_its_reading():
    # the table adds readings for lay words typed together, never changes a diagnosis's
    idx = default_concept_index()
    for text, concept in (("hémoptysie massive", "R211:114"), ("colique néphrétique", "R211:031"),
                          ("fibrillation auriculaire", "R211:013")):
        found = {m.concept for g in idx.resolve(text).groupes if not g.souple for m in g.matches[:4]}
        assert concept in found, (text, found)


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        make_uo(id="gastro", nom="Gastro-entérologie", activite="046"),
        make_uo(id="pneumo", nom="Pneumologie", activite="114"),
        make_uo(id="uro", nom="Urologie", activite="031"),
        make_uo(id="gyneco", nom="Gynécologie médicale", activite="053"),
        make_uo(id="orl", nom="ORL", activite="016"),
    )
    return Engine.build(offre)


def ids(engine: Engine, text: str) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=Profil.AVAL, limite=10, ouvert_maintenant=False),
                        now=NOW)
    return [r.uo_id for r in rep.resultats]


def test_the_destination_follows_the_expression(engine):
    assert ids(engine, "du sang dans les selles")[:1] == ["gastro"]
    assert ids(engine, "ça brûle quand je fais pipi")[:1] == ["uro"]
    assert ids(engine, "des pertes qui sentent mauvais")[:1] == ["gyneco"]
    assert ids(engine, "bourdonnements dans les oreilles")[:1] == ["orl"]


def test_no_expression_repeats_a_lay_word_of_the_lexicon_or_the_body_layer():
    # one list per phrase: the same words in two lists would vote twice
    dossier = fixtures_dir() / "terminologie"
    with (dossier / "lexique.csv").open(encoding="utf-8") as fh:
        lay = {plier(r["terme"]) for r in csv.DictReader(fh)}
    with (dossier / "corps.csv").open(encoding="utf-8") as fh:
        lay |= {plier(t) for r in csv.DictReader(fh) for t in r["termes"].split("|")}
    assert not [e for r in charger_symptomes() for e in r.expressions if plier(e) in lay]


@pytest.mark.parametrize("text", ["douleur neuropathique", "douleur chronique irréductible"])
def test_a_chronic_pain_reads_the_pain_structures_not_the_emergency_department(index, text):
    # CIM-10 R52.1 / R52.2 fell to chapter XVIII's default, the emergency department
    (g,) = [g for g in index.resolve(text).groupes if not g.souple]
    premiers = [m.concept for m in g.matches[:3]]
    assert {"R211:004", "R244:126"} & set(premiers), premiers
    assert "R211:157" not in premiers, premiers
