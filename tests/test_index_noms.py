"""Name search over units and establishments: AND of words, prefixes, typos, numpy row ids."""

from __future__ import annotations

import numpy as np
import pytest

from ror_orientation.index import NameIndex

ROWS = [
    ("uo1", "uo", "Cardiologie interventionnelle", "CHU de Rennes Pontchaillou"),
    ("uo2", "uo", "Réanimation polyvalente", "CHU de Rennes"),
    ("uo3", "uo", "Réanimation pédiatrique", "CHU de Brest"),
    ("eg1", "eg", "Centre hospitalier de Saint-Malo", None),
    ("uo4", "uo", "Hémodialyse chronique", "Clinique Saint-Laurent Rennes"),
    ("uo5", "uo", "USINV", "Hôpital de la Cavale Blanche Brest"),
    ("eg2", "eg", "EHPAD Les Tilleuls", "Vannes"),
]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.build(ROWS)


def ids(index: NameIndex, text: str) -> list[str]:
    return [index.ids[r] for r in index.search(text)]


def test_all_words_must_match(index):
    assert ids(index, "réanimation rennes") == ["uo2"]
    assert ids(index, "réanimation") == ["uo2", "uo3"]


def test_extra_text_is_searchable(index):
    assert ids(index, "pontchaillou") == ["uo1"]


def test_case_accents_and_plurals_do_not_matter(index):
    assert ids(index, "REANIMATIONS Brest") == ["uo3"]
    assert ids(index, "hemodialyse") == ["uo4"]


def test_last_word_is_also_a_prefix(index):
    assert ids(index, "cardiologie ren") == ["uo1"]
    assert ids(index, "saint-ma") == ["eg1"]
    assert ids(index, "tilleul") == ["eg2"]


def test_unknown_words_are_read_as_prefixes_then_typos(index):
    assert ids(index, "cardio rennes") == ["uo1"]
    assert ids(index, "reanimatoin brset") == ["uo3"]
    rows, how = index.explain("hemodialise renes")
    assert [index.ids[r] for r in rows] == ["uo4"]
    assert how[0].via == "faute" and how[0].termes == ("hemodialys",)


def test_a_word_matching_nothing_empties_the_result(index):
    assert ids(index, "réanimation zzzzzz") == []


def test_result_is_a_sorted_int32_array(index):
    rows = index.search("chu")
    assert rows.dtype == np.int32
    assert list(rows) == sorted(rows) == [0, 1, 2]


@pytest.mark.parametrize("junk", ["", "  ", "de la", None, 7, "\x00", "x" * 5000, "!!!"])
def test_junk_input_gives_an_empty_array(index, junk):
    rows = index.search(junk)
    assert isinstance(rows, np.ndarray) and rows.dtype == np.int32


def test_row_lookup_and_kinds(index):
    assert index.row("eg1") == 3
    assert index.kinds[index.row("eg1")] == "eg"
    assert index.row("nope") is None
    assert len(index) == len(ROWS)


def test_empty_index_answers_nothing():
    empty = NameIndex.build([])
    assert len(empty.search("rennes")) == 0


def test_matches_agree_with_a_brute_force_scan_on_generated_names():
    import random

    rng = random.Random(7)
    towns = ["Rennes", "Brest", "Quimper", "Lorient", "Vannes", "Saint-Brieuc", "Saint-Malo"]
    kinds = ["CHU", "CH", "Clinique", "EHPAD"]
    specs = ["Cardiologie", "Réanimation", "Pédiatrie", "Urgences", "Gériatrie"]
    rows = [(f"u{i}", "uo", f"{rng.choice(specs)} {rng.choice(kinds)} {rng.choice(towns)}", None)
            for i in range(2000)]
    ix = NameIndex.build(rows)
    for spec in specs:
        for town in towns:
            expected = [i for i, r in enumerate(rows) if spec in r[2] and r[2].endswith(town)]
            assert list(ix.search(f"{spec} {town}")) == expected


def test_sorted_intersection_matches_numpy():
    from ror_orientation.index.noms import intersect_sorted

    rng = np.random.default_rng(3)
    for _ in range(50):
        a = np.unique(rng.integers(0, 500, rng.integers(0, 80))).astype(np.int32)
        b = np.unique(rng.integers(0, 500, rng.integers(0, 300))).astype(np.int32)
        assert list(intersect_sorted(a, b)) == list(np.intersect1d(a, b))


def test_union_of_a_word_forms_rows_matches_numpy():
    """A word's forms' rows united (a common form and rare ones, several of a size, many rows):
    sorted, each row once."""
    rng = np.random.default_rng(5)
    ix = NameIndex.build([(f"u{i}", "uo", "Centre", None) for i in range(4000)])
    for _ in range(60):
        sizes = rng.choice([0, 3, 40, 900, 3000], rng.integers(1, 5))
        arrays = [np.unique(rng.integers(0, 4000, int(k))).astype(np.int32) for k in sizes]
        got = ix._union(arrays)
        want = np.unique(np.concatenate(arrays)) if arrays else np.zeros(0)
        assert got.tolist() == want.tolist()
        assert got.dtype == np.int32


def test_repeated_queries_give_the_same_rows(index):
    first = index.search("réanimation renn")
    assert list(index.search("réanimation renn")) == list(first) == [1]


ABBREVIATED = [
    ("a", "uo", "Réanimation", "Centre Hospitalier Universitaire de Rennes"),
    ("b", "uo", "Réanimation", "CHU de Brest"),
    ("c", "eg", "Clinique St-Malo", None),
    ("d", "eg", "SSR Les Embruns", "Saint-Malo"),
    ("e", "eg", "Établissement d'hébergement pour personnes âgées dépendantes Les Lilas", None),
]


def test_abbreviations_in_names_are_found_both_ways():
    ix = NameIndex.build(ABBREVIATED)
    assert [ix.ids[r] for r in ix.search("CHU Rennes")] == ["a"]
    assert [ix.ids[r] for r in ix.search("centre hospitalier universitaire brest")] == ["b"]
    assert [ix.ids[r] for r in ix.search("saint malo")] == ["c", "d"]
    assert [ix.ids[r] for r in ix.search("st-malo smr")] == ["d"]
    assert [ix.ids[r] for r in ix.search("ehpad lilas")] == ["e"]


def test_expansion_does_not_leak_across_rows():
    ix = NameIndex.build(ABBREVIATED)
    assert [ix.ids[r] for r in ix.search("chu")] == ["a", "b"]
    assert [ix.ids[r] for r in ix.search("universitaire")] == ["a", "b"]
