"""What a text excludes ("hors …", "(sauf …)") is read as the labels read it: no need of its own."""

from ror_orientation.index import default_concept_index


def test_a_label_naming_what_it_excludes_reads_its_own_concept_typed_whole():
    # the labels leave "hors site" out; the text kept "site" and read "Scolarisation sur site"
    index = default_concept_index()
    it = index.resolve("Accompagnement à la scolarisation hors site, maternelle")
    assert it.concepts[0] == "R210:0669", it.concepts[:4]
    assert "R210:0644" not in it.concepts


def test_the_excluded_words_name_no_need():
    index = default_concept_index()
    it = index.resolve("Embolisation d'artères et d'anévrismes hors neuro-vasculaire")
    assert it.concepts == ("R210:1122",)
    assert len(it.groupes) == 1 and {"neuro", "vasculaire"} <= set(it.ignores)
