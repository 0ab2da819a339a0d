"""What the patient says they will do is no speech disorder (issue 10)."""

from __future__ import annotations

import pytest

from .lecture import besoins, groupes

# what "parle" read alone: the CMPP, speech therapy, child development, language rehabilitation
PAROLE = frozenset(("R244:62", "R211:200", "R211:557", "R211:290"))


@pytest.mark.parametrize("text", ["mon fils de 16 ans parle d'en finir",
                                  "mon mari parle de se suicider",
                                  "mon frère parlait d'en finir avec la vie"])
def test_a_patient_speaking_of_killing_themself_reads_suicide_not_speech(index, text):
    lu = groupes(index, text)
    assert any(g[0] in {"R245:62", "R211:158"} for g in lu), lu
    assert not PAROLE & set(besoins(index, text)), lu
    # ("en finir avec la vie" is no end-of-life care either)
    assert "R211:170" not in besoins(index, text), lu


def test_a_child_who_does_not_speak_yet_keeps_the_speech_reading(index):
    assert PAROLE & set(besoins(index, "mon fils de 4 ans ne parle pas encore"))
