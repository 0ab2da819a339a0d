"""After an acute event, downstream care asks for its aftercare (issue 10): "il ne peut pas sortir
après son infarctus" is the cardiac SMR, not the cardiac ICU treating the infarction now."""

from __future__ import annotations

import pytest

SMR_CARDIO, USIC = "R211:235", "R211:354"
SMR_NEURO, USINV = "R211:234", "R211:356"


def _aval(index, text):
    return [c for g in index.resolve(text, None, "aval").groupes if not g.souple for c in g.concepts]


@pytest.mark.parametrize(("text", "suite", "aigu"), [
    ("il ne peut pas sortir de l'hôpital après son infarctus", SMR_CARDIO, USIC),
    ("après son AVC", SMR_NEURO, USINV),
])
def test_the_event_a_cause_marker_names_reads_its_aftercare_downstream(index, text, suite, aigu):
    lu = _aval(index, text)
    assert lu[:1] == [suite] and aigu not in lu
    # the regulator's reading is unchanged
    assert aigu in [c for g in index.resolve(text, None, "samu").groupes for c in g.concepts]


def test_a_complaint_of_its_own_after_the_event_stays_acute(index):
    assert not {SMR_CARDIO, SMR_NEURO, "R211:233"} & set(_aval(index, "après une chute il a mal au poignet"))
