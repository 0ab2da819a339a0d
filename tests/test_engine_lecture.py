"""Several concepts read from one text (issue 10): the units meeting the text as best read come
first; the beds, distance and opening of units read less well never push them out, and they still
order the units of the same reading."""

from __future__ import annotations

import numpy as np
import pytest

from ror_orientation.engine import Engine, scoring
from ror_orientation.index import default_concept_index
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        # emergency medicine, read less well from "pneumothorax": beds, open, the same site
        *(make_uo(id=f"urg{i}", nom=f"Urgences {i}", activite="157") for i in range(6)),
        # thoracic surgery, read first: one without any bed figure, one with beds
        make_uo(id="thorax_sans_lits", nom="Chirurgie thoracique A", activite="030", capacites=()),
        make_uo(id="thorax", nom="Chirurgie thoracique B", activite="030"),
    )
    return Engine.build(offre)


def test_the_reading_names_thoracic_surgery_before_emergency_medicine():
    """The precondition of the next tests: one group, thoracic surgery read best."""
    (g,) = default_concept_index().resolve("pneumothorax").groupes
    conf = {m.concept: m.score for m in g.matches}
    assert conf["R211:030"] > conf["R211:157"] / 0.95


def test_units_of_the_best_read_concept_come_first_whatever_the_beds(engine):
    rep = engine.search(Requete(texte="pneumothorax", profil=Profil.SAMU, limite=10), now=NOW)
    got = [r.uo_id for r in rep.resultats]
    assert set(got[:2]) == {"thorax", "thorax_sans_lits"}
    assert len(got) == 8  # the emergency units are still there, after


def test_beds_still_order_the_units_of_the_same_reading(engine):
    rep = engine.search(Requete(texte="pneumothorax", profil=Profil.SAMU, limite=10), now=NOW)
    got = [r.uo_id for r in rep.resultats]
    assert got[:2] == ["thorax", "thorax_sans_lits"]


def test_the_breakdown_still_sums_to_the_score(engine):
    rep = engine.search(Requete(texte="pneumothorax", profil=Profil.SAMU, limite=10), now=NOW)
    for r in rep.resultats:
        assert r.explication is not None
        assert sum(r.explication.detail_score.values()) == pytest.approx(r.score, abs=1e-6)
        assert 0.0 <= r.score <= 1.0


def test_reading_tiers_group_close_readings_and_split_distant_ones():
    lu = np.array([0.85, 0.77, 0.85, 0.81, 0.5, 0.77, 0.2])
    assert scoring.reading_tiers(lu, 0.95).tolist() == [0, 1, 0, 0, 2, 1, 3]
    assert scoring.reading_tiers(np.zeros(0), 0.95).tolist() == []


def test_tiered_puts_every_unit_of_a_better_tier_first_and_keeps_the_order_inside():
    total = np.array([0.0, 1.0, 0.2, 0.9])
    tiers = np.array([0, 1, 0, 1])
    s, offset = scoring.tiered(total, tiers)
    assert offset is not None
    assert min(s[tiers == 0]) > max(s[tiers == 1])
    assert s[2] > s[0] and s[1] > s[3]
    same, none = scoring.tiered(total, np.zeros(4, dtype=np.int64))
    assert none is None and same is total
