"""The synonym and abbreviation table: every entry leads to real, current nomenclature codes."""

from __future__ import annotations

import pytest

from ror_orientation.index import CONCEPT_TABLES, SYNONYMES, default_concept_index
from ror_orientation.index.analyse import Termes
from ror_orientation.index.synonymes import Entree, Synonymes
from ror_orientation.nomenclatures import default_nomenclatures


@pytest.fixture(scope="module")
def index():
    return default_concept_index()


def test_table_has_at_least_sixty_entries_with_unique_ids():
    assert len(SYNONYMES) >= 60
    assert len({e.id for e in SYNONYMES}) == len(SYNONYMES)


@pytest.mark.parametrize("entree", SYNONYMES, ids=lambda e: e.id)
def test_direct_concepts_exist_and_are_active_in_their_table(entree: Entree):
    nom = default_nomenclatures()
    for cid in entree.concepts:
        espace, code = cid.split(":", 1)
        table = nom.table(CONCEPT_TABLES[espace])
        assert code in table.codes, f"{entree.id}: {cid} not in {table.id}"
        assert table.codes[code].actif, f"{entree.id}: {cid} is deprecated"


@pytest.mark.parametrize("entree", SYNONYMES, ids=lambda e: e.id)
def test_every_phrase_matches_at_least_one_label(index, entree: Entree):
    for phrase in entree.phrases:
        assert index._phrase_docs(phrase), f"{entree.id}: phrase {phrase!r} matches no label"


@pytest.mark.parametrize("entree", SYNONYMES, ids=lambda e: e.id)
def test_every_key_resolves_to_the_entry_concepts(index, entree: Entree):
    expected = {index.concepts[d].id for d in index.entry_docs[entree.id]}
    assert expected
    for key in entree.cles:
        found = set(index.resolve(key).concepts)
        assert expected & found, f"{entree.id}: {key!r} resolves to none of its concepts"


def test_no_entry_names_a_missing_code(index):
    assert index.manquants == {}


def test_longest_key_phrase_wins():
    syn = Synonymes([Entree("usi", ("soins intensifs",)), Entree("usic", ("soins intensifs cardiologiques",))],
                    Termes())
    terms = Termes().termes("soins intensifs cardiologiques adultes")
    assert syn.match(terms, 0) == (3, ("usic",))
    assert syn.match(terms, 3) == (0, ())


def test_a_key_shared_by_two_entries_leads_to_both():
    syn = Synonymes([Entree("a", ("réa",)), Entree("b", ("réa", "autre"))], Termes())
    assert syn.match(Termes().termes("réa"), 0) == (1, ("a", "b"))


def test_duplicate_entry_ids_are_refused():
    with pytest.raises(ValueError):
        Synonymes([Entree("x", ("a",)), Entree("x", ("b",))], Termes())


@pytest.mark.parametrize(("text", "technique", "autre"), [
    ("IVG instrumentale", "R210:0267", "R210:0268"),  # instrumental: by aspiration, the surgical act
    ("IVG médicamenteuse", "R210:0268", "R210:0267"),
])
def test_the_technique_typed_with_a_procedure_is_the_act_asked(index, text, technique, autre):
    found = index.resolve(text, None, "mobile").concepts
    assert technique in found and autre not in found


@pytest.mark.parametrize(("text", "expected"), [
    ("transfert vers une maternité de type III", "R211:128"),  # a neonatal intensive care on site
    ("maternité de niveau 2b", "R211:094"),  # a neonatology unit on site
    ("accouchement prématuré, maternité de type 3", "R211:128"),
])
def test_a_maternity_type_of_the_perinatal_decrees_reads_the_newborns_care_it_offers(index, text, expected):
    # "niveau 3" read the obesity pathway's level 3 and "type" the diabetes of "type 1"
    it = index.resolve(text, None, "samu")
    assert expected in it.concepts
    assert not {"R210:1492", "R211:039"} & set(it.concepts)


@pytest.mark.parametrize("text", ["STEMI antérieur", "IDM ST+ latéral", "sus-décalage du ST en postérieur"])
def test_an_st_elevation_reads_the_cath_lab_before_the_cardiac_intensive_care(index, text):
    # the acute coronary entry gave the USIC the angioplasty's weight: the beds of the USIC won
    g = next(g for g in index.resolve(text, None, "samu").groupes if not g.souple)
    score = {m.concept: m.score for m in g.matches}
    assert score["R211:014"] > score.get("R211:354", 0.0)
    assert score["R210:0597"] > score.get("R244:262", 0.0)
