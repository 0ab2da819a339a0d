"""The head of an answer covers the senses of the text (issue 10): when the words read as several
concepts of close confidence, or as needs met only together on one site, the first units are the
best one of each — a reading a little off still puts a right unit in the first three — and every
other unit keeps its order below them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ror_orientation.engine import Engine, scoring
from ror_orientation.engine.engine import HEAD_RATIO
from ror_orientation.index import default_concept_index
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_eg, make_offre, make_uo


def reading(text: str) -> list[dict[str, float]]:
    return [{m.concept: m.score for m in g.matches} for g in default_concept_index().resolve(text).groupes]


# ------------------------------------------------------------------------------ pure functions
def test_reading_senses_rank_the_distinct_readings_close_to_the_best():
    lu = np.array([0.85, 0.77, 0.85, 0.5, 0.70, 0.77])
    assert scoring.reading_senses(lu, 0.8).tolist() == [0, 1, 0, -1, 2, 1]
    assert scoring.reading_senses(np.full(5, 0.6), 0.8) is None  # one reading: one sense
    assert scoring.reading_senses(np.array([0.9, 0.3]), 0.8) is None  # the other is far below
    assert scoring.reading_senses(np.zeros(0), 0.8) is None


def test_the_head_is_the_first_unit_then_the_best_of_each_other_sense():
    score = np.array([0.9, 0.95, 0.4, 0.3, 0.5, 0.5])
    ranks = np.array([0, 1, 2, 3, 5, 4])
    senses = np.array([0, 0, 1, 2, 2, 2], dtype=np.int16)
    # the first by score; sense 1's only unit; sense 2's best score, the lower rank of the tie
    assert scoring.head(score, ranks, senses, 2) == [1, 2, 5]
    assert scoring.head(score, ranks, senses, 1) == [1, 2]
    assert scoring.head(score, ranks, senses, 0) == [1]
    # units of no sense (−1) never join the head
    assert scoring.head(score, ranks, np.array([0, 0, -1, -1, -1, -1], dtype=np.int16), 2) == [1]


def test_with_head_lifts_the_head_in_its_order_and_keeps_the_others_below():
    tiers = np.array([0, 1, 0, 2, 1])
    assert scoring.with_head(tiers, [2, 3]).tolist() == [2, 3, 0, 1, 3]
    assert scoring.with_head(tiers, [2]) is tiers  # a head of one changes nothing


@settings(max_examples=200, deadline=None)
@given(data=st.data(), n=st.integers(1, 40), depth=st.integers(0, 3))
def test_a_diverse_head_keeps_the_first_unit_and_the_order_of_the_others(data, n, depth):
    rel = np.array(data.draw(st.lists(st.sampled_from([0.9, 0.85, 0.8, 0.7, 0.5, 0.3]),
                                      min_size=n, max_size=n)))
    # scores a tier's offset cannot swallow (no two closer than 1/64: ties stay ties)
    total = np.array(data.draw(st.lists(st.integers(0, 64), min_size=n, max_size=n))) / 64
    ranks = np.array(data.draw(st.permutations(range(n))))

    def order(tiers: np.ndarray) -> list[int]:
        s, _ = scoring.tiered(total, tiers)
        return sorted(range(n), key=lambda i: (-s[i], ranks[i]))

    tiers = scoring.reading_tiers(rel, 0.95)
    before = order(tiers)
    senses = scoring.reading_senses(rel, 0.8)
    if senses is None:
        return
    s0, _ = scoring.tiered(total, tiers)
    head = scoring.head(s0, ranks, senses, depth)
    after = order(scoring.with_head(tiers, head))
    assert after[: len(head)] == head and after[0] == before[0]
    assert [i for i in after if i not in head] == [i for i in before if i not in head]
    assert len({int(senses[i]) for i in head}) == len(head)  # one unit per sense
    for i in head[1:]:  # each the first of its sense in the former order
        assert i == next(j for j in before if senses[j] == senses[i])
    assert len(head) == min(depth + 1, 1 + len(set(senses[senses >= 0].tolist()) - {senses[before[0]]}))
    s, _ = scoring.tiered(total, scoring.with_head(tiers, head))
    assert ((s >= 0) & (s <= 1)).all()


# ------------------------------------------------------------------------- concepts of one need
@pytest.fixture(scope="module")
def reins() -> Engine:
    offre = make_offre(
        # urology, read first from "colique néphrétique": many units, beds
        *(make_uo(id=f"uro{i}", nom=f"Urologie {i}", activite="031") for i in range(6)),
        # nephrology, read a close second: one unit, no bed figure
        make_uo(id="nephro", nom="Néphrologie", activite="095", capacites=()),
        make_uo(id="cardio", nom="Cardiologie", activite="013"),
    )
    return Engine.build(offre)


def test_the_reading_names_urology_then_nephrology_close_behind():
    """The precondition of the next tests: one group, nephrology within HEAD_RATIO of urology."""
    (g,) = reading("colique néphrétique")
    assert g["R211:031"] > g["R211:095"] >= HEAD_RATIO * g["R211:031"]


@pytest.mark.parametrize("profil", list(Profil))
def test_a_close_second_reading_has_its_best_unit_second(reins, profil):
    rep = reins.search(Requete(texte="colique néphrétique", profil=profil, limite=10), now=NOW)
    got = [r.uo_id for r in rep.resultats]
    assert got[0].startswith("uro") and got[1] == "nephro"
    assert got[2:] == sorted(got[2:], key=lambda u: int(u[3:]))  # the other urology units follow
    assert "cardio" not in got


def test_the_head_pages_like_the_rest(reins):
    req = Requete(texte="colique néphrétique", profil=Profil.AVAL, limite=3)
    first = reins.search(req, now=NOW)
    second = reins.search(Requete(texte=req.texte, profil=req.profil, limite=3,
                                  curseur=first.curseur_suivant), now=NOW)
    whole = reins.search(Requete(texte=req.texte, profil=req.profil, limite=10), now=NOW)
    assert [r.uo_id for r in first.resultats + second.resultats] == \
        [r.uo_id for r in whole.resultats][:6]


# --------------------------------------------------------------------- needs met on one site
@pytest.fixture(scope="module")
def site() -> Engine:
    chu, ch = make_eg(id="440000097", nom="CHU DES NEEDS", departement="44"), \
        make_eg(id="350000097", nom="CH SEUL", departement="35")
    offre = make_offre()
    offre.uo.clear()
    for eg in (chu, ch):
        offre.add(eg)
    for i in range(5):  # hemodialysis on both sites, with beds
        offre.add(make_uo(id=f"dia{i}", eg_id=chu.id, nom=f"Hémodialyse {i}", activite="059"))
    offre.add(make_uo(id="dia-seul", eg_id=ch.id, nom="Hémodialyse du CH", activite="059"))
    # addictology only on the CHU, no bed figure
    offre.add(make_uo(id="addicto", eg_id=chu.id, nom="Consultations d'addictologie",
                      activite="404", capacites=()))
    return Engine.build(offre)


def test_the_reading_gives_two_needs():
    """The precondition: two required needs, each read well."""
    dia, addicto = reading("hémodialyse addictologie")
    assert max(dia.values()) > 0.8 and addicto.get("R211:404", 0) > 0.8


@pytest.mark.parametrize("profil", list(Profil))
def test_each_need_met_on_the_site_has_a_unit_in_the_first_places(site, profil):
    rep = site.search(Requete(texte="hémodialyse addictologie", profil=profil, limite=10), now=NOW)
    got = [r.uo_id for r in rep.resultats]
    assert "dia-seul" not in got  # the CH has no addictology
    assert got[0].startswith("dia") and got[1] == "addicto"  # not after every dialysis unit
    assert len(got) == 6


def test_a_site_unit_is_told_only_the_needs_others_meet(site):
    rep = site.search(Requete(texte="hémodialyse addictologie", profil=Profil.AVAL, limite=10), now=NOW)
    by_id = {r.uo_id: " | ".join(r.explication.criteres) for r in rep.resultats if r.explication}
    assert "« addictologie » par l'unité Consultations d'addictologie" in by_id["dia0"]
    assert "« hémodialyse » par" not in by_id["dia0"]  # it dialyses itself
    assert "« hémodialyse » par l'unité Hémodialyse" in by_id["addicto"]
    assert "« addictologie » par" not in by_id["addicto"]

