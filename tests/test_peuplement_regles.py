"""Population rules of the spec, case by case (§1 perimeter, §2 criteria, §3 status, §4 table,
§5 legend, quarters), each a tiny hand-built fixture with its expected rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ror_orientation.errors import ValidationError
from ror_orientation.horaires import Fermeture, Horaires
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import (
    Adresse,
    Autorisation,
    Canal,
    Confidentialite,
    Contact,
    Statut,
    Telecom,
)
from ror_orientation.peuplement.criteres import (
    Referentiels,
    StatutPeuplement,
    evaluer_uo,
    uo_compte,
)
from ror_orientation.peuplement.legende import (
    AUCUN,
    AVANCE,
    FAIBLE,
    MOYEN,
    TRES_AVANCE,
    classe,
    classe_pct,
)
from ror_orientation.peuplement.perimetre import CHAMP_UO, lignes_cible, motif_hors_perimetre
from ror_orientation.peuplement.statut import statut_eg
from ror_orientation.peuplement.tableau import (
    NON_DISPONIBLE,
    Compte,
    Tableau,
    format_pct,
    to_dict,
)
from ror_orientation.peuplement.trimestre import Trimestre, fin_de_trimestre

from .factories import make_eg, make_uo

F = StatutPeuplement.FINALISE
E = StatutPeuplement.EN_COURS
A = StatutPeuplement.A_FAIRE
REF = date(2026, 11, 26)


def eg(**kw):
    base = dict(date_ouverture=date(2000, 1, 1), autorisations=())
    base.update(kw)
    return make_eg(**base)


def aut(activite: str, fin: date | None = date(2030, 1, 1), forme: str | None = "01") -> Autorisation:
    return Autorisation(activite=activite, forme=forme, date_fin=fin)


def rows(e, **kw):
    return [(r.eg_id, r.champ) for r in lignes_cible(e, reference=REF, **kw)]


REFS = Referentiels.from_nomenclatures(default_nomenclatures())

# --- §1 perimeter -------------------------------------------------------------------------------

PERIMETRE_CASES = [
    ("hospital with MCO and SSR authorisations gives two rows",
     eg(categorie="355", autorisations=(aut("01"), aut("50"))), ["MCO", "SSR"]),
    ("HAD form gives MCO", eg(categorie="109", autorisations=(aut("50", forme="05"),)), ["MCO"]),
    ("HAD form of psychiatry stays PSY", eg(categorie="355", autorisations=(aut("04", forme="05"),)),
     ["PSY"]),
    ("authorisation ending 2021-04-30 is ignored",
     eg(categorie="355", autorisations=(aut("01", fin=date(2021, 4, 30)),)), []),
    ("authorisation ending 2021-05-01 counts",
     eg(categorie="355", autorisations=(aut("01", fin=date(2021, 5, 1)),)), ["MCO"]),
    ("authorisation without end date counts", eg(categorie="355", autorisations=(aut("02", fin=None),)),
     ["MCO"]),
    ("activities 09-19 and 80-88 are MCO", eg(categorie="355", autorisations=(aut("16"), aut("84"))),
     ["MCO"]),
    ("activity 04 gives PSY", eg(categorie="355", autorisations=(aut("04"),)), ["PSY"]),
    ("psychiatric category is PSY without authorisation", eg(categorie="292"), ["PSY"]),
    ("CeGIDD 638 is MCO without authorisation", eg(categorie="638"), ["MCO"]),
    ("sanitaire EG without a champ is out", eg(categorie="355", autorisations=(aut("06"),)), []),
    ("closed EG is out", eg(categorie="355", autorisations=(aut("01"),), date_fermeture=date(2020, 1, 1)),
     []),
    ("lapsed EG is out", eg(categorie="355", autorisations=(aut("01"),), date_caducite=date(2022, 1, 1)),
     []),
    ("caducité announced for later does not lapse it yet",
     eg(categorie="355", autorisations=(aut("01"),), date_caducite=date(2030, 1, 1)), ["MCO"]),
    ("EG without opening date is out", eg(categorie="355", autorisations=(aut("01"),),
                                          date_ouverture=None), []),
    ("département 975 is out", eg(categorie="500", departement="975"), []),
    ("cat 500 is ESMS PA", eg(categorie="500"), ["ESMS PA"]),
    ("cat 255 is ESMS PH", eg(categorie="255"), ["ESMS PH"]),
    ("cat 354 is ESMS domicile", eg(categorie="354"), ["ESMS domicile"]),
    ("cat 606 is coordination", eg(categorie="606"), ["coordination"]),
    ("cat 603 is ville", eg(categorie="603"), ["ville"]),
    ("medico-social category ignores authorisations", eg(categorie="500", autorisations=(aut("01"),)),
     ["ESMS PA"]),
]


@pytest.mark.parametrize("case,entity,expected", PERIMETRE_CASES, ids=[c[0] for c in PERIMETRE_CASES])
def test_perimetre_rows(case, entity, expected):
    assert rows(entity) == [(entity.id, c) for c in expected]


def test_other_ror_category_is_autres_ms_and_unknown_category_is_out():
    assert rows(eg(categorie="462"), categories_ror=frozenset({"462"})) == [("350005179", "autres MS")]
    assert rows(eg(categorie="620"), categories_ror=frozenset({"462"})) == []


def test_opening_date_rules():
    no_date = eg(categorie="355", autorisations=(aut("01"),), date_ouverture=None)
    assert rows(no_date) == []  # the national rule needs an opening date
    assert rows(no_date, date_ouverture_requise=False) == [(no_date.id, "MCO")]
    finess = replace(no_date, source="finess:etalab_cs1100507")
    eurostat = replace(no_date, source="eurostat:healthcare_FR_2020")
    assert rows(finess) == []  # auto: a FINESS record always has one, so its absence counts
    assert rows(eurostat) == [(no_date.id, "MCO")]  # auto: Eurostat carries no opening date
    assert rows(eurostat, date_ouverture_requise=True) == []
    later = eg(categorie="500", date_ouverture=date(2027, 1, 1))
    assert rows(later) == [] and rows(later, date_ouverture_requise=False) == []  # not opened yet
    closed = eg(categorie="500", date_ouverture=None, date_fermeture=date(2020, 1, 1))
    assert rows(closed, date_ouverture_requise=False) == []


@pytest.mark.parametrize("entity,motif", [
    (eg(categorie="500", date_caducite=date(2022, 1, 1)), "caduque depuis le 2022-01-01"),
    (eg(categorie="500", date_ouverture=None), "sans date d'ouverture dans FINESS"),
    (eg(categorie="500", departement="975"), "département 975 exclu du programme"),
    (eg(categorie="355", autorisations=(aut("01", fin=date(2021, 4, 30)),)),
     "établissement sanitaire sans autorisation MCO, PSY ou SSR valide au 2021-05-01 ou après"),
    (eg(categorie="500"), None),
])
def test_why_an_eg_is_outside_the_perimeter(entity, motif):
    assert motif_hors_perimetre(entity, reference=REF) == motif


def test_date_min_is_a_parameter():
    e = eg(categorie="355", autorisations=(aut("01", fin=date(2021, 4, 30)),))
    assert [r.champ for r in lignes_cible(e, date_min=date(2021, 1, 1), reference=REF)] == ["MCO"]


def test_sanitaire_champ_maps_to_unit_champ():
    assert CHAMP_UO == {"MCO": "01", "SSR": "02", "PSY": "03"}


# --- §2 unit criteria -------------------------------------------------------------------------

COMPLETE_CONTACT = (Contact(fonction="Cadre", telecoms=(Telecom(Canal.TELEPHONE, "0299000000",
                                                               Confidentialite.RESTREINT),)),)


def uo(**kw):
    base = dict(adresse=Adresse(voie="RUE A", code_postal="35000", localite="RENNES"),
                contacts=COMPLETE_CONTACT)
    base.update(kw)
    return make_uo(**base)


def ev(u, categorie="355", adresse_eg=None):
    return evaluer_uo(u, REFS, categorie_eg=categorie, adresse_eg=adresse_eg)


UO_CASES = [
    ("complete unit is finalisé", uo(), "355", F, ()),
    ("unit missing age max is en cours", uo(age_max=None), "355", E, (4,)),
    ("unit missing age min is en cours", uo(age_min=None), "355", E, (4,)),
    ("unknown activity fails criterion 2", uo(activite="zzz"), "355", E, (2,)),
    ("unknown mode fails criterion 3", uo(mode_prise_en_charge="zz"), "355", E, (3,)),
    ("no mode fails criterion 3", uo(mode_prise_en_charge=None), "355", E, (3,)),
    ("address without street nor lieu-dit fails 5",
     uo(adresse=Adresse(code_postal="35000", localite="RENNES")), "355", E, (5,)),
    ("lieu-dit stands for the street", uo(adresse=Adresse(lieu_dit="LE BOURG", code_postal="35000",
                                                          localite="RENNES")), "355", F, ()),
    ("address without postcode fails 5", uo(adresse=Adresse(voie="RUE A", localite="RENNES")), "355",
     E, (5,)),
    ("contact without function nor nature fails 6",
     uo(contacts=(Contact(nom="X", telecoms=COMPLETE_CONTACT[0].telecoms),)), "355", E, (6,)),
    ("contact without telecom fails 6", uo(contacts=(Contact(fonction="Cadre"),)), "355", E, (6,)),
    ("telecom without value fails 6",
     uo(contacts=(Contact(nature="soignant", telecoms=(Telecom(Canal.EMAIL, ""),)),)), "355", E, (6,)),
    ("domicile unit without catégorie d'organisation is en cours", uo(champ="04"), "354", E, (7,)),
    ("domicile unit with catégorie d'organisation is finalisé",
     uo(champ="04", categorie_organisation="01"), "209", F, ()),
    ("criterion 7 does not apply outside domicile categories", uo(champ="04"), "500", F, ()),
    ("unit meeting no criterion is à faire",
     uo(champ="99", activite="zzz", mode_prise_en_charge=None, age_min=None, age_max=None,
        adresse=Adresse(), contacts=()), "355", A, (1, 2, 3, 4, 5, 6)),
]


@pytest.mark.parametrize("case,unit,categorie,statut,echecs", UO_CASES, ids=[c[0] for c in UO_CASES])
def test_unit_criteria(case, unit, categorie, statut, echecs):
    result = ev(unit, categorie)
    assert (result.statut, result.echecs) == (statut, echecs)


def test_unit_without_address_uses_its_eg_address():
    u = uo(adresse=None)
    assert ev(u, adresse_eg=Adresse(voie="RUE B", code_postal="35000", localite="RENNES")).statut is F
    assert ev(u, adresse_eg=None).echecs == (5,)


def test_draft_and_definitively_closed_units_do_not_count_provisional_closure_does():
    assert not uo_compte(uo(statut=Statut.BROUILLON), REF)
    closed = Horaires(fermetures=(Fermeture(debut=date(2025, 1, 1), definitive=True),))
    assert not uo_compte(uo(horaires=closed), REF)
    later = Horaires(fermetures=(Fermeture(debut=date(2027, 1, 1), definitive=True),))
    assert uo_compte(uo(horaires=later), REF)
    provisional = Horaires(fermetures=(Fermeture(debut=date(2026, 11, 1),
                                                 reouverture_prevue=date(2026, 12, 1)),))
    assert uo_compte(uo(horaires=provisional), REF)
    assert uo_compte(uo(), REF)


# --- §3 establishment status ----------------------------------------------------------------

STATUT_CASES = [
    ("EG with zero unit is à faire", (0, 0, 0), True, A),
    ("all units finalisé is finalisé", (3, 0, 0), True, F),
    ("one unit en cours makes it en cours", (2, 1, 0), True, E),
    ("en cours and à faire is en cours", (0, 1, 2), True, E),
    ("only à faire units is à faire", (0, 0, 2), True, A),
    ("mixed finalisé and à faire is à faire (national quirk)", (2, 0, 1), True, A),
    ("mixed finalisé and à faire is en cours (corrected reading)", (2, 0, 1), False, E),
    ("only à faire stays à faire in the corrected reading", (0, 0, 1), False, A),
]


@pytest.mark.parametrize("case,counts,quirk,expected", STATUT_CASES, ids=[c[0] for c in STATUT_CASES])
def test_establishment_status(case, counts, quirk, expected):
    assert statut_eg(*counts, quirk_mixte=quirk) is expected


# --- §4 table ----------------------------------------------------------------------------------

def test_region_totals_10_cible_6_finalise_2_en_cours():
    t = Tableau({("53", "MCO"): Compte(10, 6, 2, 2)})
    line = next(li for li in to_dict(t)["lignes"] if li["region"] == "53")["champs"]["MCO"]
    assert (line["pct_peuples"], line["pct_qualite"]) == ("80,00%", "60,00%")


def test_percentages_are_printed_the_programmes_way():
    assert format_pct(8199, 10000) == "81,99%"
    assert format_pct(1, 3) == "33,33%"
    assert format_pct(2, 3) == "66,67%"
    assert format_pct(163970, 200000) == "81,99%"  # 81.985 rounds half-up
    assert format_pct(0, 5) == "0,00%"
    assert format_pct(5, 5) == "100,00%"
    assert format_pct(0, 0) == NON_DISPONIBLE


def test_region_without_target_shows_donnee_non_disponible_never_zero():
    data = to_dict(Tableau({("53", "MCO"): Compte(1, 1, 0, 0)}))
    guadeloupe = data["lignes"][0]
    assert guadeloupe["region"] == "01"
    assert guadeloupe["champs"]["MCO"]["pct_peuples"] == NON_DISPONIBLE


def test_total_row_sums_counts_then_takes_the_ratio():
    t = Tableau({("53", "PSY"): Compte(4, 4, 0, 0), ("11", "PSY"): Compte(1, 0, 0, 1)})
    data = to_dict(t, champs=["PSY"])
    total = data["lignes"][-1]
    assert total["region"] == "TOTAL"
    assert total["champs"]["PSY"]["cible"] == 5
    assert total["champs"]["PSY"]["pct_qualite"] == "80,00%"  # not the mean of 100 % and 0 %
    assert [li["region"] for li in data["lignes"]][:6] == ["01", "02", "03", "04", "06", "11"]


# --- §5 legend ---------------------------------------------------------------------------------

LEGENDE_CASES = [
    ("75.0 is Avancé", 750, 1000, AVANCE),
    ("75.5 is Très avancé", 755, 1000, TRES_AVANCE),
    ("0/10 is Aucun", 0, 10, AUCUN),
    ("0/0 is Donnée non disponible", 0, 0, NON_DISPONIBLE),
    ("0.4 % with num > 0 is Faible", 1, 250, FAIBLE),
    ("25 % is Faible", 1, 4, FAIBLE),
    ("25.5 % rounds to 26: Moyen", 51, 200, MOYEN),
    ("50 % is Moyen", 1, 2, MOYEN),
    ("50.5 % rounds to 51: Avancé", 101, 200, AVANCE),
    ("100 % is Très avancé", 3, 3, TRES_AVANCE),
]


@pytest.mark.parametrize("case,num,den,expected", LEGENDE_CASES, ids=[c[0] for c in LEGENDE_CASES])
def test_legend_class(case, num, den, expected):
    assert classe(num, den) == expected


def test_legend_of_a_percentage_rounds_half_up():
    assert classe_pct(75.0) == AVANCE
    assert classe_pct(75.5) == TRES_AVANCE
    assert classe_pct(None) == NON_DISPONIBLE


# --- quarters ------------------------------------------------------------------------------------

@pytest.mark.parametrize("day,end", [(date(2024, 2, 21), date(2024, 3, 31)),
                                     (date(2024, 4, 1), date(2024, 6, 30)),
                                     (date(2023, 9, 30), date(2023, 9, 30)),
                                     (date(2023, 12, 1), date(2023, 12, 31))])
def test_quarter_end_of_a_date(day, end):
    assert fin_de_trimestre(day) == end


def test_quarter_parsing_labels_and_order():
    t = Trimestre.parse("2019T2")
    assert (t.annee, t.numero, str(t), t.libelle) == (2019, 2, "2019T2", "T2 2019")
    assert t.precedent() == Trimestre(2019, 1)
    assert Trimestre(2019, 1).precedent() == Trimestre(2018, 4)
    assert Trimestre.parse("2019t4").suivant() == Trimestre(2020, 1)
    assert sorted([Trimestre(2020, 1), Trimestre(2019, 4)])[0] == Trimestre(2019, 4)


@pytest.mark.parametrize("bad", ["2019T5", "2019Q2", "19T2", "", "2019-T2", "T2 2019"])
def test_malformed_quarter_is_a_validation_error_naming_the_field(bad):
    with pytest.raises(ValidationError) as exc:
        Trimestre.parse(bad)
    assert exc.value.field == "trimestre"



def test_population_library_loads_no_web_framework():
    import subprocess
    import sys

    code = ("import sys, ror_orientation.peuplement.publication, ror_orientation.peuplement.qualite;"
            "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
