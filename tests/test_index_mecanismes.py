"""Mechanisms of injury (`index/mecanismes.py`): a fall is geriatrics only for an elderly patient,
and beside its consequence the mechanism is no need: the consequence decides (issue 10)."""

from __future__ import annotations

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index, mecanismes
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo

GERIATRIE = {"R211:050", "R211:491", "R244:156"}


def test_every_code_a_mechanism_reads_exists_and_is_active():
    table = default_nomenclatures().table("TRE_R211").codes
    for concept in mecanismes.TRAUMA + mecanismes.RACHIS:
        entry = table.get(concept.split(":", 1)[1])
        assert entry is not None and entry.actif, concept


def test_a_fall_is_an_old_persons_need_only_for_an_elderly_patient():
    ci = default_concept_index()
    assert GERIATRIE & set(ci.resolve("papi est tombé").concepts)
    assert GERIATRIE & set(ci.resolve("patiente de 87 ans tombée").concepts)
    adulte = ci.resolve("tombé d'une échelle")
    assert not GERIATRIE & set(adulte.concepts)
    assert adulte.concepts[0] in mecanismes.TRAUMA
    # a child: trauma care (the paediatric form of it), not geriatrics
    enfant = ci.resolve("enfant tombé par la fenêtre du deuxième étage")
    assert not GERIATRIE & set(enfant.concepts)
    assert "R210:1383" not in enfant.concepts  # "deuxième" of the floor is not "Deuxième niveau"


def test_family_words_of_an_elderly_patient_are_read_not_corrected():
    it = default_concept_index().resolve("papi")
    assert it.groupes and it.groupes[0].souple
    assert "R239:01" in it.concepts


@pytest.mark.parametrize("text", ["tombé d'une échelle ne sent plus ses jambes",
                                  "plongeon en eau peu profonde tétraplégie",
                                  "chute de cheval paraplégie"])
def test_a_lost_function_after_a_mechanism_of_injury_is_a_spinal_injury(text):
    it = default_concept_index().resolve(text)
    hard = [g for g in it.groupes if not g.souple]
    assert len(hard) == 1, it
    assert hard[0].concepts[0] in mecanismes.RACHIS
    assert not GERIATRIE & set(it.concepts)
    assert "R211:084" not in it.concepts  # a dive into a pool is no diving disease


def test_a_mechanism_word_making_a_diagnosis_is_read_as_that_diagnosis():
    ci = default_concept_index()
    assert ci.resolve("accident de décompression en plongée").concepts[0] == "R211:084"
    # without a mechanism, a paralysis keeps its own reading (rehabilitation, neurology)
    assert ci.resolve("paraplégie").concepts[0] not in mecanismes.RACHIS


def test_the_spinal_unit_comes_before_geriatrics_for_a_worker_fallen_from_a_ladder():
    offre = make_offre(
        make_uo(id="geri", nom="Gériatrie aiguë", activite="491"),
        make_uo(id="rachis", nom="Chirurgie du rachis", activite="436"),
        make_uo(id="ortho", nom="Orthopédie", activite="025"),
    )
    engine = Engine.build(offre)
    rep = engine.search(Requete(texte="tombé d'un échafaudage ne sent plus ses jambes", profil=Profil.SAMU,
                                limite=10, ouvert_maintenant=False), now=NOW)
    found = [r.uo_id for r in rep.resultats]
    assert found and found[0] == "rachis"
    assert "geri" not in found


AVC = {"R211:356", "R211:098", "R244:263", "R210:0460"}


@pytest.mark.parametrize("text", ["accident de voiture", "AVP", "accidentée de la route",
                                  "renversé par un tracteur", "accident de scooter à haute cinétique"])
def test_an_accident_alone_asks_for_trauma_care_not_a_stroke_unit(index, text):
    it = index.resolve(text, None, "samu")
    hard = [g for g in it.groupes if not g.souple]
    assert hard and all(g.concepts[0] in mecanismes.TRAUMA for g in hard), it
    assert not AVC & set(it.concepts)
    assert "R211:316" not in it.concepts  # the vehicle is no driving lesson


def test_beside_its_consequence_an_accident_is_no_need(index):
    it = index.resolve("soutien psychologique CUMP après un accident de car", None, "samu")
    assert not AVC & set(it.concepts)
    assert "R211:147" in [g.concepts[0] for g in it.groupes if not g.souple]
    # a diagnosis the word makes with the next one keeps its reading
    assert index.resolve("accident vasculaire cérébral", None, "samu").concepts[0] in AVC | {"R210:0459"}
