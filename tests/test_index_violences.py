"""Violence suffered, said in the family's words (issue 10): "il me frappe", "elle a été violée"
read nothing (the verbs were no label word), and the CIM-10 codes of ill-treatment (T74) and of the
examination after an alleged rape (Z04.4) fell to no route or to general practice. The victim goes
to the forensic unit and the services receiving victims of violence; being struck by lightning
stays an emergency."""

from __future__ import annotations

import pytest

from .lecture import besoins

UMJ = "R211:152"  # Evaluation Médico-Judiciaire
VICTIMES = "R211:512"  # Accueil et orientation des victimes de violences sexuelles
MEDECINE_GENERALE = "R211:437"




@pytest.mark.parametrize("text", ["mon conjoint m'a frappée", "son père le frappe tous les soirs",
                                  "elle a été violée", "maltraitance"])
def test_violence_suffered_reads_the_victims_services(index, text):
    lus = besoins(index, text)
    assert lus[:2] == [UMJ, VICTIMES]
    assert MEDECINE_GENERALE not in lus


def test_struck_by_lightning_is_no_violence(index):
    lus = besoins(index, "il a été frappé par la foudre")
    assert UMJ not in lus
    assert lus[0] in ("R211:127", "R211:126", "R211:157")  # intensive care, emergencies


def test_a_violent_patient_is_still_psychiatry(index):
    assert besoins(index, "il devient violent")[0] == "R211:158"
