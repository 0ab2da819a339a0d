"""What families and coordinators describe (issue 10): a child's specific need goes to the
paediatric unit fit for it, not to the paediatric emergencies; a kind of place named beside a
disease decides the type; rehabilitation beside a speciality or an event reads the SMR mention."""

from __future__ import annotations

import csv

import pytest

from ror_orientation.engine import Engine
from ror_orientation.index import default_concept_index
from ror_orientation.index.readaptation import charger_readaptation
from ror_orientation.nomenclatures import default_nomenclatures
from ror_orientation.paths import fixtures_dir
from ror_orientation.requete import Profil, Requete

from .factories import NOW, make_offre, make_uo


@pytest.fixture(scope="module")
def engine() -> Engine:
    offre = make_offre(
        make_uo(id="urgped", nom="Urgences pédiatriques", activite="249", age_min=0, age_max=17),
        make_uo(id="neuroped", nom="Neuropédiatrie", activite="610", age_min=0, age_max=17),
        make_uo(id="neuro", nom="Neurologie", activite="097"),
        make_uo(id="ehpad", nom="EHPAD Les Tilleuls", activite="313", categorie_organisation="21"),
        make_uo(id="smr_loco", nom="SMR locomoteur", activite="233", categorie_organisation="102"),
        make_uo(id="smr_neuro", nom="SMR neurologique", activite="234", categorie_organisation="103"),
        make_uo(id="smr_cardio", nom="SMR cardiologique", activite="235", categorie_organisation="104"),
        make_uo(id="ortho", nom="Orthopédie", activite="025"),
        make_uo(id="cardio", nom="Cardiologie", activite="013"),
    )
    return Engine.build(offre)


def ids(engine: Engine, text: str, profil: Profil = Profil.AVAL, age: int | None = None) -> list[str]:
    rep = engine.search(Requete(texte=text, profil=profil, age=age, limite=20, ouvert_maintenant=False),
                        now=NOW)
    return [r.uo_id for r in rep.resultats]


def groupes(text: str, enfant: bool | None = None) -> dict[str, tuple[bool, list[str]]]:
    it = default_concept_index().resolve(text, enfant)
    return {g.texte: (g.souple, [m.concept for m in g.matches]) for g in it.groupes}


def scores(text: str, enfant: bool | None = None) -> dict[str, float]:
    """Concept → best score over the required groups."""
    out: dict[str, float] = {}
    for g in default_concept_index().resolve(text, enfant).groupes:
        if not g.souple:
            for m in g.matches:
                out[m.concept] = max(out.get(m.concept, 0.0), m.score)
    return out


# -- a child's specific need -----------------------------------------------------------------

def test_a_childs_specific_need_goes_to_the_paediatric_unit_fit_for_it_not_the_emergencies(engine):
    # the child word ranks every paediatric unit alike: the ED no longer wins by it alone
    assert ids(engine, "migraines chez mon fils")[0] == "neuroped"
    assert ids(engine, "migraines", age=7)[0] == "neuroped"
    soft = [c for s, cs in groupes("migraines chez mon fils").values() if s for c in cs]
    assert "R211:610" in soft


def test_a_need_no_emergency_department_takes_goes_to_the_paediatric_ward_before_the_ed():
    # "dyslexique": its reading names no emergency department, so a child's is not sent there
    adulte = scores("dyslexique")
    assert not any(c == "R211:249" for c in adulte)
    enfant = scores("dyslexique", enfant=True)
    assert enfant.get("R211:249", 0.0) < enfant["R211:227"]
    # an acute need keeps the paediatric emergencies just below its best concept
    aigu = scores("épiglottite", enfant=True)
    assert aigu["R211:249"] >= 0.85 * max(aigu.values())


def test_a_specialised_emergency_in_the_reading_counts_as_an_emergency():
    # "Urgences spécialisées ORL" is an emergency department: the child's ED stands in for it
    index = default_concept_index()
    assert index._urgent("R211:156") and index._urgent("R211:130") and not index._urgent("R211:097")


def test_a_child_word_beside_an_old_persons_need_names_someone_else():
    g = groupes("ma tante ne reconnaît plus ses enfants")
    assert not any("R211:249" in cs for _, cs in g.values())
    assert any("R211:597" in cs for s, cs in g.values() if not s)
    # with an age given, the patient is a child whatever the words
    assert any("R211:249" in cs or "R211:088" in cs
               for _, cs in groupes("ne reconnaît plus ses parents", enfant=True).values())


def test_adult_psychiatry_has_a_paediatric_equivalent_derived_from_the_labels():
    index = default_concept_index()
    assert index.equivalent_pediatrique("R211:229") in ("R211:227", "R211:228")
    assert index.equivalent_pediatrique("R211:097") == "R211:610"


# -- a kind of place named beside a disease ----------------------------------------------------

def test_a_disease_beside_a_structure_named_ranks_never_turns_into_a_hospital_speciality(engine):
    g = groupes("EHPAD pour une personne atteinte de Parkinson")
    assert g["EHPAD"][0] is False
    assert all(s for t, (s, cs) in g.items() if "Parkinson" in t)
    found = ids(engine, "EHPAD pour une personne atteinte de Parkinson", Profil.AVAL)
    assert found[:1] == ["ehpad"] and "neuro" not in found


def test_a_weakly_read_label_word_names_no_structure():
    # "jeune" reads "Espace Santé Jeune" weakly: the diagnosis beside it keeps its need
    g = groupes("jeune avec idées suicidaires")
    assert any(not s and "R211:229" in cs for s, cs in g.values())


# -- rehabilitation beside a speciality or an event ------------------------------------------------

def test_rehabilitation_beside_a_speciality_reads_the_smr_mention(engine):
    g = groupes("rééducation neurologique")
    # read whole as the mention (the mention's adjectives, `smr_mentions.csv`)
    assert set(g["rééducation neurologique"][1][:2]) == {"R211:234", "R244:103"}
    assert ids(engine, "rééducation neurologique", Profil.AVAL)[0] == "smr_neuro"


def test_the_event_after_a_rehabilitation_word_reads_the_smr_mention_not_the_acute_unit(engine):
    found = ids(engine, "SMR suite à un infarctus", Profil.AVAL)
    assert found[0] == "smr_cardio" and "cardio" not in found
    found = ids(engine, "rééducation après une fracture", Profil.AVAL)
    assert found[0] == "smr_loco" and "ortho" not in found


@pytest.mark.parametrize("text", ["SMR pour insuffisance cardiaque", "rééducation après une insuffisance cardiaque"])
def test_a_disease_a_rare_acts_label_reads_beside_rehabilitation_still_reads_its_smr_mention(engine, text):
    # "insuffisance cardiaque" is read exactly as a telemonitoring act's label, an act no
    # activity performs: the disease the vocabulary reads in the same words picks the mention
    assert ids(engine, text, Profil.AVAL)[0] == "smr_cardio"


def test_the_cause_markers_own_words_are_no_need():
    g = groupes("SMR cardiologique suite à un infarctus")
    assert not any(t.strip().lower() == "suite" for t in g)
    assert not any("R211:050" in cs for _, cs in g.values())  # "suite" is not "soins de suite" geriatrics


def test_smr_mentions_are_derived_from_the_cim10_routes():
    rea = default_concept_index().readaptation
    assert rea is not None
    nom = {c: m.nom for c, m in rea.aigus.items()}
    assert nom["R211:097"] == "système nerveux"
    assert nom["R211:013"] == "cardio-vasculaire"
    assert nom["R211:114"] == "pneumologie"
    assert nom["R211:025"] == "locomoteur"
    assert nom["R211:050"] == "gériatrie"
    # emergencies and ICUs take every organ: no mention claims them; children go by age
    for c in ("R211:157", "R211:127", "R211:249", "R211:130", "R244:311"):
        assert c not in nom


def test_every_concept_of_the_smr_mentions_exists_and_is_active():
    nomenclatures = default_nomenclatures()
    tables = {"R211": "TRE_R211", "R244": "TRE_R244"}
    with (fixtures_dir() / "terminologie" / "smr_mentions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["justification"] for r in rows)
    for r in rows:
        for c in (r["concepts"] + " " + r["activites"]).split():
            kind, code = c.split(":")
            entry = nomenclatures.table(tables[kind]).codes.get(code)
            assert entry is not None and entry.actif, c
    # the loader keeps them all
    assert sum(len(m.concepts) for m in charger_readaptation().mentions) == \
        sum(len(r["concepts"].split()) for r in rows)


# -- labels of a population of its own ------------------------------------------------------------

def test_a_pregnancy_or_newborn_label_yields_to_a_general_one_unless_the_query_names_it():
    # "occlusion intestinale" is in P76 (du nouveau-né) and K56: an adult's reads visceral surgery
    first = {t: cs[:3] for t, (s, cs) in groupes("occlusion intestinale").items()}
    assert "R211:094" not in next(iter(first.values()))
    assert any("R211:033" in cs for cs in first.values())
    # named, the newborn's label reads it
    assert any("R211:094" in cs[:3] for _, cs in groupes("occlusion intestinale du nouveau-né").values())
    # "infection urinaire" is not the pregnancy's (O23) unless she is pregnant
    assert not any("R211:100" in cs[:3] for _, cs in groupes("infection urinaire fébrile").values())
    assert any("R211:100" in cs[:3] for _, cs in groupes("femme enceinte infection urinaire").values())


def test_a_childs_planned_need_goes_to_the_paediatric_ward_before_the_emergencies():
    # "épilepsie" reads the ED too (a seizure); said as a follow-up, a child's goes to paediatrics
    urgent = scores("épilepsie", enfant=True)
    assert urgent["R211:249"] > urgent.get("R211:088", 0.0)
    suivi = scores("épilepsie suivi", enfant=True)
    assert suivi["R211:088"] > suivi.get("R211:249", 0.0)


def test_a_child_word_with_planned_need_words_only_is_no_need_of_its_own():
    g = groupes("asthme de l'enfant consultation", enfant=True)
    assert g["enfant consultation"][0] is True and g["asthme"][0] is False


def test_a_childs_act_read_only_by_adult_labels_keeps_the_paediatric_ward_as_a_fallback():
    # adult act units are age-filtered for a child: without it "scoliose" (age 12) found nothing
    enfant = scores("scoliose", enfant=True)
    assert 0.0 < enfant["R211:088"] < enfant["R210:1005"]
    assert "R211:088" not in scores("scoliose")
    # who/when words beside it do not make it one need among others
    assert "R211:088" in scores("diabète de l'enfant suivi", enfant=True)


@pytest.mark.parametrize("text, mention", [
    ("rééducation orthopédique", "R244:102"), ("réadaptation locomotrice", "R244:102"),
    ("rééducation respiratoire", "R244:105"), ("soins de suite pulmonaire", "R244:105"),
    ("rééducation cardiaque", "R244:104"), ("soins de suite cardiaque", "R244:104"),
    ("réadaptation nutritionnelle", "R244:106"), ("rééducation des brûlés", "R244:107"),
    ("réadaptation addictologique", "R244:108"), ("soins de suite gériatriques", "R244:101"),
])
def test_a_rehabilitation_word_and_a_mention_adjective_read_the_mention(text, mention):
    # the clinical vocabulary read "rééducation orthopédique" as one span (general medicine)
    it = default_concept_index().resolve(text, profil="aval")
    assert mention in [m.concept for g in it.groupes for m in g.matches[:2]], (text, str(it))


def test_every_mention_names_its_adjectives():
    with (fixtures_dir() / "terminologie" / "smr_mentions.csv").open(encoding="utf-8") as fh:
        assert all(r["adjectifs"].split("|") for r in csv.DictReader(fh))


def test_every_smr_activity_row_is_an_active_rehabilitation_activity_with_its_source():
    table = default_nomenclatures().table("TRE_R211")
    with (fixtures_dir() / "terminologie" / "smr_activites.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for r in rows:
        entry = table.codes.get(r["activite"].split(":")[1])
        assert entry is not None and entry.actif and entry.libelle.startswith("Réadaptation"), r
        assert r["adjectifs"] and entry.libelle in r["source"], r


@pytest.mark.parametrize("text, activity", [
    ("SMR néphrologie", "R211:243"), ("rééducation des blessés médullaires", "R211:519"),
    ("SMR des amputés", "R211:513"), ("SSR neuro-orthopédique", "R211:516"),
])
def test_a_rehabilitation_word_and_an_smr_activity_word_read_the_activity(text, activity):
    # "SMR néphro" read the SMR field AND an act of nephrology
    it = default_concept_index().resolve(text, profil="aval")
    assert it.groupes[0].matches[0].concept == activity, (text, str(it))
