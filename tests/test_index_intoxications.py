"""A drug taken is a poisoning (emergencies, toxicology, intensive care), the drug's lay word alone
or a lasting use the addiction; a patient said burning hot has a fever, not a burn."""

from __future__ import annotations

import pytest

from ror_orientation.index.intoxications import substances

from .lecture import besoins

TOXICOLOGIE = "R211:598"
ADDICTOLOGIE = "R211:404"
BRULES = frozenset(("R211:121", "R211:359", "R210:1641", "R211:012"))


@pytest.mark.parametrize("text", ["il a fumé du crack", "elle a avalé du GHB cette nuit",
                                  "mon fils a encore pris de la kétamine et ne répond plus"])
def test_a_drug_taken_is_read_as_a_poisoning_not_the_addiction(index, text):
    lu = besoins(index, text, profil="samu")
    assert lu[0] == TOXICOLOGIE or lu.index(TOXICOLOGIE) < 3, lu
    assert ADDICTOLOGIE not in lu, lu


@pytest.mark.parametrize("text", ["crack", "il prend de la cocaïne", "il a pris de la cocaïne depuis des années"])
def test_the_drug_alone_or_its_lasting_use_stays_the_addiction(index, text):
    assert besoins(index, text, profil="samu")[0] == ADDICTOLOGIE


def test_the_drugs_are_the_lay_words_of_a_substance_but_alcohol_and_tobacco():
    assert {"cocaine", "ecstasy", "heroine", "cannabis"} <= substances()
    assert not {"alcool", "ivre", "tabac", "cigarette"} & substances()


@pytest.mark.parametrize("text", ["mon fils est brûlant depuis hier soir", "elle a le front bouillant"])
def test_a_patient_said_burning_hot_has_a_fever_not_a_burn(index, text):
    lu = besoins(index, text, profil="samu")
    assert lu and not BRULES & set(lu), lu
    # a hot liquid that burns the patient is still a burn
    assert BRULES & set(besoins(index, "il s'est renversé de l'eau brûlante sur le bras", profil="samu"))


@pytest.mark.parametrize("text", ["méthadone", "relais de la méthadone à la sortie", "sous buprénorphine",
                                  "renouvellement Subutex"])
def test_an_opioid_substitution_drug_named_alone_is_the_substitution_not_a_poisoning(index, text):
    # "méthadone" read the CIM-10 label "Intoxication par méthadone" (T40.3): intensive care
    lu = besoins(index, text, profil="mobile")
    assert lu and lu[0] in {"R210:0044", "R210:0931", "R211:404"}, lu
    assert "R211:126" not in lu[:3] and "R211:127" not in lu[:3]


def test_a_substitution_drug_taken_by_someone_else_is_still_a_poisoning(index):
    for text in ("intoxication à la méthadone", "a avalé la méthadone de son père"):
        assert set(besoins(index, text, profil="samu")[:3]) & {"R211:598", "R211:126", "R211:127"}, text
