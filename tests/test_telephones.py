"""The number to call: order of lines, rights, formatting, no empty numbers."""

from __future__ import annotations

from ror_orientation.droits import Appelant, Droit
from ror_orientation.offre import Canal, Confidentialite, Contact, Telecom
from ror_orientation.telephones import a_appeler, formate
from tests.factories import make_uo

REGULATEUR = Appelant(1, "SAMU", frozenset({Droit.LECTURE_REGULATION}))


def test_numbers_are_written_the_french_way():
    assert formate("0299284321") == "02 99 28 43 21"
    assert formate("+33 2 99 28 43 21") == "02 99 28 43 21"
    assert formate("0262 12 34 56") == "02 62 12 34 56"
    assert formate("15") == "15"


def test_regulators_get_the_regulation_line_then_care_then_secretariat():
    sec = Contact("Secrétariat", "administratif", telecoms=(Telecom(Canal.TELEPHONE, "0299000003"),))
    soin = Contact("Cadre de santé", "soignant",
                   telecoms=(Telecom(Canal.TELEPHONE, "0299000002", Confidentialite.RESTREINT),))
    reg = Contact("Ligne directe régulation", "medical",
                  telecoms=(Telecom(Canal.TELEPHONE, "0299000001", Confidentialite.CONFIDENTIEL),))
    uo = make_uo(contacts=(sec, soin, reg))
    assert a_appeler(REGULATEUR, uo).numero == "02 99 00 00 01"
    assert a_appeler(REGULATEUR, make_uo(contacts=(sec, soin))).numero == "02 99 00 00 02"
    assert a_appeler(Appelant.anonyme(), uo).numero == "02 99 00 00 03"  # public: public lines only


def test_an_empty_number_is_no_number():
    empty = Contact("Cadre de santé", "soignant", telecoms=(Telecom(Canal.TELEPHONE, " "),))
    assert a_appeler(REGULATEUR, make_uo(contacts=(empty,))) is None
    mail = Contact("Secrétariat", telecoms=(Telecom(Canal.EMAIL, "a@b.fr"),))
    assert a_appeler(REGULATEUR, make_uo(contacts=(mail,))) is None
