"""The symmetric-deletion typo index agrees with a brute-force edit distance."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from ror_orientation.index.fautes import VocabulaireFlou, distance_permise, vraisemblable

WORDS = ["coronarographie", "thrombolyse", "thrombectomie", "hemodialyse", "dialyse", "reanimation",
         "readaptation", "pediatrique", "neonatalogie", "cardiologie", "interventionnelle", "irm",
         "rennes", "brest", "quimper", "lorient", "vannes", "saint", "malo"]


def brute(vocab: list[str], word: str) -> set[str]:
    limit = distance_permise(len(word))
    return {w for w in vocab if len(w) >= 4 and OSA.distance(word, w) <= min(limit, distance_permise(len(w)))}


def test_known_regulator_typos_are_corrected():
    v = VocabulaireFlou(WORDS)
    assert v.chercher("coronarografie")[0] == ("coronarographie", 2)
    assert v.chercher("thrombolise")[0] == ("thrombolyse", 1)
    assert v.chercher("hemodialise")[0] == ("hemodialyse", 1)
    assert v.chercher("raenimation")[0] == ("reanimation", 1)  # a swap counts one edit


def test_short_words_are_never_corrected():
    v = VocabulaireFlou(WORDS)
    assert v.chercher("irn") == []
    assert v.chercher("mal") == []


def test_candidates_come_closest_first_then_most_frequent():
    v = VocabulaireFlou(["vannes", "vanne", "rennes"], poids={"vanne": 1, "vannes": 50})
    assert [w for w, _ in v.chercher("vannez")] == ["vannes", "vanne"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(WORDS), st.integers(0, 2), st.randoms(use_true_random=False))
def test_index_finds_exactly_what_brute_force_finds(word: str, edits: int, rnd: random.Random):
    letters = "abcdefghijklmnopqrstuvwxyz"
    typo = list(word)
    for _ in range(edits):
        op = rnd.choice("sid")
        pos = rnd.randrange(len(typo) + (op == "i"))
        if op == "s" and pos < len(typo):
            typo[pos] = rnd.choice(letters)
        elif op == "i":
            typo.insert(pos, rnd.choice(letters))
        elif len(typo) > 1 and pos < len(typo):
            del typo[pos]
    query = "".join(typo)
    v = VocabulaireFlou(WORDS)
    assert {w for w, _ in v.chercher(query)} == brute(WORDS, query)


def test_reduced_index_still_finds_every_single_edit():
    v = VocabulaireFlou(WORDS, index_distance=1)
    for w in WORDS:
        if len(w) < 4:
            continue
        for i in range(len(w)):
            assert w in {c for c, _ in v.chercher(w[:i] + w[i + 1:], max_distance=1)} or len(w) - 1 < 4
            assert w in {c for c, _ in v.chercher(w[:i] + "x" + w[i + 1:], max_distance=1)}


def test_the_index_reads_the_same_after_a_pickle_round_trip():
    import pickle

    v = VocabulaireFlou(WORDS, poids={"vanne": 1, "vannes": 50}, index_distance=1)
    back = pickle.loads(pickle.dumps(v, protocol=5))
    for q in ("coronarografie", "vannez", "thrombolise", "renens", "zzzzzzzz", "irn"):
        assert back.chercher(q) == v.chercher(q)
        assert back.chercher(q, max_distance=2) == v.chercher(q, max_distance=2)
    assert list(back.words) == sorted(set(WORDS)) and len(back) == len(WORDS)


def test_a_correction_through_a_respelling_stays_near_the_word_typed():
    # "urgnces" respelled "urgnches" is two edits from "branches": five from what was typed
    assert not vraisemblable("urgnces", "branches")
    assert vraisemblable("hemautorax", "hemothorax")  # a sound respelled: one edit beyond two
