"""Everyday verbs read as the noun the labels use, typos corrected beside read words, and label
words the nomenclature itself misspells (issue 10)."""

from __future__ import annotations

import csv

from ror_orientation.index import default_concept_index
from ror_orientation.index.verbes import charger_verbes, formes, noms
from ror_orientation.paths import fixtures_dir


def lecture(text: str) -> dict[str, tuple[bool, list[str]]]:
    it = default_concept_index().resolve(text)
    return {g.texte: (g.souple, [m.concept for m in g.matches]) for g in it.groupes}


def besoins(text: str) -> list[str]:
    """Concepts of the required groups, best first."""
    return [c for souple, cs in lecture(text).values() if not souple for c in cs]


def test_first_group_verbs_get_their_conjugated_forms_by_rule():
    assert {"louche", "louchent", "louché", "louchait"} <= set(formes("loucher"))
    assert {"mangeons", "mangeait", "mange"} <= set(formes("manger"))  # e kept before a and o
    # an irregular verb lists its forms: no rule applies
    assert set(formes("dormir", "dort|dorment")) == {"dormir", "dort", "dorment"}


def test_every_verb_of_the_table_reaches_a_noun_the_labels_hold():
    voc = default_concept_index().vocabulaire
    assert voc is not None
    with (fixtures_dir() / "terminologie" / "verbes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["justification"] for r in rows)
    for r in rows:
        for n in noms(r["nom"]):
            assert voc.analyseur.terme(n) in voc.postings, n
    assert len(charger_verbes()) > 3 * len(rows)


def test_a_conjugated_verb_reads_as_its_noun():
    # "dort" was a generic word: a sleep problem said with the verb went to general paediatrics
    assert besoins("mon fils ne dort plus la nuit")[:2] == besoins("troubles du sommeil")[:2] \
        or "R211:451" in besoins("mon fils ne dort plus la nuit")[:3]
    assert "R211:103" in besoins("ma fille louche")[:2]  # strabisme → ophtalmologie
    assert "R211:451" in besoins("il dort mal")[:3]
    # F98.0 énurésie: child psychiatry first, not "mouille" left unread
    assert "R211:227" in besoins("ma fille mouille son lit")[:3]


def test_a_verb_whose_noun_would_misread_a_lay_phrase_is_not_in_the_table():
    # "ne grossit pas" is a child's growth (corps.csv), not obesity
    assert not any(n == "obésité" for _f, n in charger_verbes())


def test_a_misspelt_word_beside_read_words_is_corrected_not_absorbed():
    # the correction makes the labels whole: child psychiatry, not general medicine
    assert besoins("psychiatrie enfnat")[0] == besoins("psychiatrie enfant")[0] == "R211:227"
    # a misspelt child word the synonyms know once corrected stays the child word (soft)
    read = lecture("eczéma du nourison")
    assert any(souple for souple, _cs in read.values()), read
    assert "R211:037" in besoins("eczéma du nourison")[:2]


def test_a_label_word_the_nomenclature_misspells_also_reads_the_word_meant():
    ix = default_concept_index()
    # R210:0309 "Mort inattendue du nourisson" (one r): the user's same misspelling is the child
    assert ix._graphies.get("nourisson") == "nourrisson"
    assert ix._graphies.get("scinigraphie") == ix.termes.terme("scintigraphie")
    # a relative is not a misspelling ("traumatisé" / "traumatisme")
    assert "traumatise" not in ix._graphies
    read = lecture("pneumologie pour un nourisson")
    assert "R210:0309" not in besoins("pneumologie pour un nourisson")
    assert any(souple for souple, _cs in read.values()), read
    # typed with the whole label, the misspelt label still reads
    assert besoins("mort inattendue du nourisson")[0] == "R210:0309"


def test_every_everyday_word_of_the_equivalents_reaches_a_label_word_with_its_source():
    voc = default_concept_index().vocabulaire
    assert voc is not None
    with (fixtures_dir() / "terminologie" / "equivalents.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["justification"] and "CIM-10" in r["justification"] for r in rows)
    for r in rows:
        for n in noms(r["nom"]):
            assert voc.analyseur.terme(n) in voc.postings, n


def test_a_corrosive_agent_in_the_eye_is_an_eye_emergency():
    # T26 corrosion of the eye: the labels say "corrosion" and "oeil", people name the product
    # and say "yeux" (the acid went to ophthalmology at best, the soda nowhere)
    for text in ("projection de soude dans les yeux", "de l'acide dans l'oeil",
                 "du déboucheur dans les yeux"):
        assert besoins(text)[0] == "R211:154", text


def test_berries_mushrooms_or_plants_eaten_are_a_poisoning():
    # T62 (champignons, baies, plantes ingérés) → poison centre, not an eating disorder
    for text in ("il a mangé des champignons ramassés en forêt", "elle a avalé une plante"):
        got = besoins(text)[:3]
        assert "R211:015" in got and not {"R245:01", "R211:229"} & set(got), (text, got)
    # eating said alone keeps its lay meaning
    assert "R245:01" in besoins("ne mange plus")[:3] or "R211:229" in besoins("ne mange plus")[:3]


def test_a_meningeal_haemorrhage_is_the_subarachnoid_one(index):
    # "hémorragie méningée" is the clinical name of I60 (labels: "sous-arachnoïdienne"): it read the
    # stroke unit through the lay words of a stroke ("non précisé comme étant hémorragique"), and
    # with "rupture d'anévrisme" an aneurysm of the retina
    for text in ("hemoragie meningee", "hémorragie méningée sur rupture d'anévrisme"):
        g = [g for g in index.resolve(text, None, "samu").groupes if not g.souple]
        assert len(g) == 1 and g[0].matches[0].concept == "R211:096", (text, g)
