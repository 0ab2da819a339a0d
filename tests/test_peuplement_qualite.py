"""Quality requirements (spec §6): each named check has a conforme and an écart case, and the
aggregation per region and département lists the items in écart."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ror_orientation.horaires import Fermeture, Horaires
from ror_orientation.offre import Adresse, Autorisation, EntiteJuridique, Offre, Statut
from ror_orientation.peuplement import qualite
from ror_orientation.peuplement.qualite import Resultat
from ror_orientation.peuplement.statut import Parametres
from ror_orientation.store import Store

from .factories import make_eg, make_uo

REF = date(2026, 11, 26)
RECENT = datetime(2026, 6, 1, tzinfo=UTC)
OLD = datetime(2024, 1, 1, tzinfo=UTC)
ADR = Adresse(voie="RUE A", code_postal="35000", localite="RENNES")
FIN = date(2030, 1, 1)


def aut(activite: str, modalite: str = "00", forme: str = "01") -> Autorisation:
    return Autorisation(activite, modalite, forme, date_fin=FIN)


def eg(id_: str, categorie: str = "355", auts: tuple[Autorisation, ...] = (aut("01"),),
       region: str = "53", departement: str = "35", **kw):
    kw.setdefault("date_ouverture", date(2000, 1, 1))
    return make_eg(id=id_, categorie=categorie, region=region, departement=departement,
                   autorisations=auts, **kw)


def uo(id_: str, eg_id: str, **kw):
    kw.setdefault("adresse", ADR)
    kw.setdefault("maj", RECENT)
    return make_uo(id=id_, eg_id=eg_id, **kw)


def build() -> Offre:
    o = Offre()
    o.add(EntiteJuridique(id="350000741", nom="EJ"))
    add = o.add
    # EX1.2 / CP4 / EX2
    add(eg("350000010"))
    add(uo("u10", "350000010", activite="088"))  # finalisé, present, open
    add(eg("350000011"))  # target, nothing in the offer
    add(eg("350000012"))
    add(uo("u12", "350000012", activite="088", age_max=None))  # en cours
    add(eg("350000013", date_fermeture=date(2024, 1, 1)))
    add(uo("u13", "350000013", activite="088"))  # closed in FINESS, open unit
    closed = Horaires(fermetures=(Fermeture(debut=date(2025, 1, 1), definitive=True),))
    add(eg("350000014"))
    add(uo("u14", "350000014", activite="088", horaires=closed))  # all units closed
    add(eg("350000016", date_ouverture=None))  # a source without opening dates: not "closed"
    add(uo("u16", "350000016", activite="088"))
    add(eg("350000015"))
    add(uo("u15", "350000015", activite="088", statut=Statut.BROUILLON))  # draft only
    # CO4
    add(eg("350000020", "500"))
    add(uo("u20", "350000020", champ="04", activite="088"))
    add(eg("350000021", "500"))
    add(uo("u21", "350000021", champ="01", activite="088"))
    # ST3: a shared SIRET in one region, the same SIRET in another region is fine
    add(eg("350000030", siret="26350000000011"))
    add(eg("350000031", siret="26350000000011"))
    add(eg("750000032", siret="26350000000011", region="11", departement="75"))
    # RE1.2
    add(eg("350000040"))
    add(uo("u40a", "350000040", activite="088", maj=OLD))
    add(uo("u40b", "350000040", activite="088", maj=RECENT))
    add(eg("350000041"))
    add(uo("u41a", "350000041", activite="088", maj=OLD))
    add(uo("u41b", "350000041", activite="088", maj=None))
    add(eg("350000042"))
    for i in range(8):
        add(uo(f"u42-{i}", "350000042", activite="088", maj=RECENT if i < 2 else OLD))
    add(eg("350000043"))
    for i in range(8):
        add(uo(f"u43-{i}", "350000043", activite="088", maj=RECENT if i < 1 else OLD))
    # CO1
    add(eg("350000050", auts=(aut("01"), aut("14", "30", "00"), aut("14", "31", "00"))))
    add(uo("u50", "350000050", nom="Urgences adultes", activite="157"))
    add(uo("u50p", "350000050", nom="URGENCES PÉDIATRIQUES", activite="249"))
    add(eg("350000051", auts=(aut("01"), aut("14", "30", "00"))))
    add(uo("u51", "350000051", nom="Accueil adultes", activite="157"))
    add(uo("u51p", "350000051", nom="Urgences pédiatriques", activite="249"))
    # EX3 / EX4 / EX5
    add(eg("350000060", auts=(aut("01"), aut("15", "06"), aut("15", "07"), aut("03", "19"))))
    add(uo("u60", "350000060", nom="Réanimation polyvalente", activite="127"))
    add(uo("u60p", "350000060", nom="Réanimation pédiatrique", activite="130"))
    add(uo("u60n", "350000060", nom="Réanimation néonatale", activite="128"))
    add(eg("350000061", auts=(aut("01"), aut("15", "06"), aut("15", "07"), aut("03", "19"))))
    add(uo("u61", "350000061", nom="Médecine", activite="088"))
    return o


@pytest.fixture(scope="module")
def donnees(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("qualite") / "q.sqlite")
    store.import_offre(build(), source="test")
    return qualite.collecter(store, Parametres(reference=REF))


def results(items, key=lambda i: i.eg_id):
    return {key(i): i.resultat for i in items}


C, X, NA = Resultat.CONFORME, Resultat.ECART, Resultat.NON_APPLICABLE


def test_ex1_2_target_eg_must_exist_in_the_offer(donnees):
    r = results(qualite.ex1_2(donnees))
    assert r["350000010"] is C and r["350000011"] is X


def test_ex2_open_state_agrees_with_finess(donnees):
    r = results(qualite.ex2(donnees))
    assert r["350000010"] is C
    assert r["350000013"] is X  # closed in FINESS, unit still open
    assert r["350000014"] is X  # open in FINESS, every unit closed
    assert r["350000015"] is NA  # nothing published
    assert r["350000016"] is C  # no opening date is not a closure


def test_cp4_row_must_be_finalise(donnees):
    r = results(qualite.cp4(donnees))
    assert r["350000010"] is C and r["350000012"] is X and r["350000011"] is X


def test_co4_category_fits_the_units(donnees):
    items = qualite.co4(donnees)
    r = results(items)
    assert r["350000020"] is C and r["350000021"] is X
    assert next(i for i in items if i.eg_id == "350000021").uo_id == "u21"


def test_st3_no_shared_national_id_in_a_region(donnees):
    items = qualite.st3(donnees)
    r = results(items)
    assert r["350000030"] is X and r["350000031"] is X
    assert r["750000032"] is C and r["350000010"] is C
    assert "350000031" in next(i for i in items if i.eg_id == "350000030").motif


def test_re1_2_freshness(donnees):
    r = results(qualite.re1_2(donnees))
    assert r["350000040"] is C  # < 8 units, one recent
    assert r["350000041"] is X  # < 8 units, none recent
    assert r["350000042"] is C  # 8 units, 25 % recent
    assert r["350000043"] is X  # 8 units, 12.5 % recent
    assert r["350000011"] is C  # no unit


def test_co1_emergency_units_named_and_authorised(donnees):
    items = qualite.co1(donnees)
    r = results(items, key=lambda i: i.uo_id)
    assert r["u50"] is C and r["u50p"] is C  # name check is case and accent insensitive
    assert r["u51"] is X and "urgence" in next(i for i in items if i.uo_id == "u51").motif
    assert r["u51p"] is X and "pédiatriques" in next(i for i in items if i.uo_id == "u51p").motif


@pytest.mark.parametrize("check", [qualite.ex3, qualite.ex4, qualite.ex5])
def test_ex3_ex4_ex5_authorised_intensive_care_has_its_unit(donnees, check):
    r = results(check(donnees))
    assert r["350000060"] is C
    assert r["350000061"] is X
    assert r["350000010"] is NA  # not authorised


def test_aggregation_per_region_and_departement_lists_the_ecarts(donnees):
    agg = qualite.agreger("ST3", qualite.st3(donnees))
    assert agg["ecart"] == 2
    assert {i["eg_id"] for i in agg["ecarts"]} == {"350000030", "350000031"}
    assert agg["par_region"]["53"]["ecart"] == 2 and agg["par_region"]["11"]["ecart"] == 0
    assert agg["par_departement"]["35"]["ecart"] == 2
    only_11 = qualite.agreger("ST3", qualite.st3(donnees), region="11")
    assert (only_11["conforme"], only_11["ecart"]) == (1, 0)
    capped = qualite.agreger("ST3", qualite.st3(donnees), max_ecarts=1)
    assert len(capped["ecarts"]) == 1 and capped["ecarts_tronques"] is True


def test_every_published_check_is_named(donnees):
    assert list(qualite.EXIGENCES) == ["EX1.2", "EX2", "CP4", "CO4", "ST3", "RE1.2", "CO1", "EX3",
                                       "EX4", "EX5"]
    for code, (_label, check) in qualite.EXIGENCES.items():
        assert all(i.exigence == code for i in check(donnees))
