"""The downstream places coordinators name: a checklist drawn from the nomenclatures
(`structures_aval.csv`: a wording, the codes it must read, its public source) is read right, with a
public or a way of receiving beside the place, and such a place ranks first for a coordinator."""

from __future__ import annotations

import csv

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import CONCEPT_TABLES, default_concept_index
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.offre import UniteOperationnelle
from ror_orientation.paths import fixtures_dir
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo
from .lecture import besoins

PREMIERS = 3  # a wording reads its place among the first concepts of one of its groups


def _rows() -> list[dict[str, str]]:
    with (fixtures_dir() / "terminologie" / "structures_aval.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()


def _sets(row: dict[str, str]) -> list[set[str]]:
    """The expected codes: the place, then what must be read beside it (public, way of receiving)."""
    return [set(part.split()) for part in row["attendus"].split("|")]


def test_the_checklist_covers_the_kinds_of_downstream_place():
    types = {c for row in ROWS for c in _sets(row)[0]}
    # EHPAD, USLD, SSIAD, HAD, SMR, IME, MAS, FAM, foyer de vie, ESAT, CMP, CSAPA, USP, LHSS
    for code in ("R244:21", "R244:249", "R244:28", "R244:128", "R244:100", "R244:48", "R244:40",
                 "R244:39", "R244:97", "R244:43", "R244:10", "R244:80", "R244:175", "R244:93"):
        assert code in types, code
    assert len(ROWS) >= 200


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["formulation"])
def test_every_checklist_code_is_in_its_nomenclature_and_the_row_says_its_source(row):
    tables = default_nomenclatures().tables
    for expected in _sets(row):
        codes = []
        for cid in expected:
            espace, code = cid.split(":", 1)
            table = tables[CONCEPT_TABLES[espace]]
            assert code in table.codes, (row["formulation"], cid)
            codes.append(table.codes[code])
        assert any(c.actif for c in codes), row  # a former code only beside today's
    assert len(row["source"]) > 10


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["formulation"])
def test_every_wording_reads_its_place_first_and_what_is_said_beside_it(row):
    it = default_concept_index().resolve(row["formulation"], profil="aval")
    place, *beside = _sets(row)
    firsts = {m.concept for g in it.groupes for m in g.matches[:PREMIERS]}
    assert place & firsts, (row["formulation"], str(it))
    for expected in beside:
        assert expected & set(it.concepts), (row["formulation"], str(it))


def test_a_label_reading_stops_where_a_synonym_phrase_would_be_cut_in_two():
    # "EHPAD accueil" is in an EHPAD label; "accueil de jour" is the day care beside it
    it = default_concept_index().resolve("EHPAD accueil de jour", profil="aval")
    assert [g.texte for g in it.groupes] == ["EHPAD", "accueil de jour"]
    assert it.groupes[1].matches[0].concept == "R213:47"
    # a label reading a synonym phrase whole is unchanged
    assert [g.texte for g in default_concept_index().resolve("accueil de jour").groupes] == ["accueil de jour"]


def _ids(engine: Engine, text: str) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=Profil.AVAL, limite=10, ouvert_maintenant=False), now=NOW)
    return [r.uo_id for r in rep.resultats]


@pytest.fixture(scope="module")
def engine() -> Engine:
    def ehpad(uid: str, mode: str, temporalite: str = "02") -> UniteOperationnelle:
        return make_uo(id=uid, nom="EHPAD Les Tilleuls", champ="04", activite="050",
                       categorie_organisation="21", mode_prise_en_charge=mode, age_min=60,
                       publics=("01",), temporalites_accueil=(temporalite,))
    uos = [
        ehpad("a-ehpad-hebergement", "46"),  # sorts first by id: only the reading ranks the others
        ehpad("m-ehpad-temporaire", "46", "01"),
        ehpad("z-ehpad-jour", "47"),
        make_uo(id="b-geriatrie", nom="Médecine gériatrique aiguë, hébergement", activite="491",
                categorie_organisation="156", mode_prise_en_charge="28", age_min=65),
        make_uo(id="c-ime-externat", nom="IME Les Glycines", champ="05", activite="511",
                categorie_organisation="48", mode_prise_en_charge="47", age_min=3, age_max=20),
        make_uo(id="d-ime-internat", nom="IME Les Glycines internat", champ="05", activite="511",
                categorie_organisation="48", mode_prise_en_charge="46", age_min=3, age_max=20),
    ]
    return Engine.build(make_offre(*uos))


def test_a_way_of_receiving_beside_a_place_ranks_the_places_receiving_so_first(engine):
    assert _ids(engine, "EHPAD accueil de jour")[:1] == ["z-ehpad-jour"]
    assert _ids(engine, "IME semi-internat")[:1] == ["c-ime-externat"]
    assert _ids(engine, "IME internat")[:1] == ["d-ime-internat"]


def test_a_named_place_outranks_an_acute_ward_that_only_shares_a_word(engine):
    found = _ids(engine, "maison de retraite hébergement temporaire")
    assert found[:1] == ["m-ehpad-temporaire"]
    assert "b-geriatrie" not in found[:3]


@pytest.mark.parametrize(("text", "besoin"), [
    ("internat pour enfant sourd", "R245:18"),
    ("hébergement temporaire pour malade Alzheimer", "R245:28"),
])
def test_a_way_of_receiving_before_pour_leaves_who_it_is_for_a_need(text, besoin):
    # "pour" makes the reason only rank beside a care named before it; a way of receiving
    # (full board, temporary stay) names no care, so the public after it stays required
    groupes = default_concept_index().resolve(text, None, "aval").groupes
    requis = [m.concept for g in groupes if not g.souple for m in g.matches]
    assert besoin in requis, requis


@pytest.mark.parametrize("text", ["foyer pour adulte handicapé moteur",
                                  "hébergement pour adulte handicapé moteur"])
def test_a_home_for_a_disabled_adult_reads_the_disability_not_an_organ(text):
    # (who the place is for may only rank, after "pour": it is read, and nothing else is)
    found = {m.concept for g in default_concept_index().resolve(text, profil="aval").groupes
             for m in g.matches}
    assert "R245:22" in found, found  # Déficience à prédominance motrice
    assert not {"R211:103", "R211:096"} & found, found  # no ophthalmology, no neurosurgery


def test_a_place_word_read_with_the_next_only_as_a_finess_category_is_read_alone():
    # "foyer" + "adulte" together are only "Foyer Hébergement Adultes Handicapés" (J55)
    assert {"R244:39", "R244:41"} <= set(besoins(default_concept_index(), "foyer pour adulte"))


@pytest.mark.parametrize(("text", "place", "retired"), [
    ("foyer d'accueil médicalisé pour adultes handicapés", "R244:39", "J55:437"),
    ("foyer de vie pour adulte handicapé", "R244:97", "J55:382"),
    ("accueil familial pour une personne âgée", "R244:36", "R244:261"),
])
def test_a_place_before_pour_is_not_read_with_its_public_as_a_retired_category(text, place, retired):
    # the words across "pour" spell a former FINESS / offer label: the place in force is required,
    # and who it is for only ranks
    groupes = default_concept_index().resolve(text, profil="aval").groupes
    requis = [m.concept for g in groupes if not g.souple for m in g.matches]
    assert place in requis, requis
    assert retired not in requis[:1], requis
    assert any(g.souple for g in groupes), [str(g) for g in groupes]


def test_a_patient_after_pour_says_who_the_place_is_for_not_a_second_need():
    # "pédiatrique pour un bébé" reads the paediatric ward as "pédiatrique" alone does: the baby
    # only says who the HAD is for
    groupes = default_concept_index().resolve("HAD pédiatrique pour un bébé de 6 mois", profil="aval").groupes
    requis = [g.texte for g in groupes if not g.souple]
    assert requis == ["HAD"], [str(g) for g in groupes]


@pytest.mark.parametrize(("text", "concept"), [
    ("hôpital de jour psychiatrique pour un enfant", "R211:227"),  # the child changes the care
    ("centre d'accueil et d'accompagnement à la réduction des risques pour usagers de drogues", "J55:178"),
])
def test_a_label_read_across_pour_stays_whole_where_it_names_other_care(text, concept):
    groupes = default_concept_index().resolve(text, profil="aval").groupes
    assert any(not g.souple and g.matches[0].concept == concept for g in groupes), [str(g) for g in groupes]


MOBILE = {"R213:11", "R213:52", "R213:53"}  # the mobile teams' ways of receiving (TRE_R213)


@pytest.mark.parametrize(("text", "care"), [
    ("équipe mobile de soins palliatifs", "R211:170"),  # its category TRE_R244 252 retired
    ("équipe mobile de gériatrie", "R211:491"),  # TRE_R244 266 retired
])
def test_a_mobile_team_whose_category_is_retired_reads_its_care_and_a_mobile_way_of_receiving(index, text, care):
    # the teams the offer carries are the service's care brought by a mobile team (mode TRE_R213
    # 52...), not the former category no unit holds: both are required
    groupes = [g for g in index.resolve(text, profil="aval").groupes if not g.souple]
    firsts = [{m.concept for m in g.matches[:PREMIERS]} for g in groupes]
    assert any(MOBILE <= f for f in firsts), [str(g) for g in groupes]
    assert any(care in {m.concept for m in g.matches} for g in groupes), [str(g) for g in groupes]
    assert all(g.matches[0].actif for g in groupes), [str(g) for g in groupes]


@pytest.mark.parametrize(("text", "concept"), [
    ("équipe mobile autisme", "R244:85"),  # a team category in force reads whole
    ("EMSP", "R244:142"),  # the acronym of the category in force (précarité)
])
def test_a_mobile_team_category_in_force_still_reads_whole(index, text, concept):
    groupes = index.resolve(text, profil="aval").groupes
    assert [g.matches[0].concept for g in groupes if not g.souple] == [concept], [str(g) for g in groupes]


@pytest.mark.parametrize("text", ["SMR locomoteur pour un enfant", "SMR neurologique pour un enfant de 8 ans"])
def test_an_adult_smr_mention_for_a_child_is_also_met_by_the_paediatric_smr(index, text):
    # the adult SMR takes no child (its ages): the paediatric SMR does the same for a child
    requis = [m.concept for g in index.resolve(text, profil="aval").groupes if not g.souple for m in g.matches]
    assert "R244:109" in requis, requis


def test_an_adult_smr_mention_said_of_no_child_reads_no_paediatric_smr(index):
    requis = [m.concept for g in index.resolve("SMR locomoteur", profil="aval").groupes for m in g.matches]
    assert "R244:109" not in requis, requis
