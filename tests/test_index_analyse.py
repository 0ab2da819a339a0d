"""The French analyzer chain: one chain for indexing and querying, and its word-by-word fast path."""

from __future__ import annotations

from ror_orientation.index.analyse import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    Termes,
    borner,
    chaine_de_base,
    plier,
)
from ror_orientation.index.synonymes import Entree, Synonymes


def stems(text: str) -> list[str]:
    return [t.text for t in chaine_de_base()(text)]


def test_case_accents_and_plural_fold_to_the_same_stem():
    assert stems("Réanimations") == stems("reanimation") == stems("RÉANIMATION")


def test_french_stop_words_are_dropped_even_with_accents():
    assert stems("soins de suite et de réadaptation à domicile") == stems("soins suite réadaptation domicile")
    assert "a" not in stems("accueil à la journée")


def test_the_plural_article_and_pronouns_are_stop_words_too():
    # the Snowball list lacks them: "les" was a word of the need ("dans les yeux")
    assert stems("ils voient les taches") == stems("voient taches")


def test_the_plural_article_does_not_bind_a_lay_phrase_holding_it():
    from ror_orientation.index import default_concept_index
    # "ne regarde pas dans les yeux" (autism) shared only "les" and "yeux" with these
    for text in ("de la poussière dans les yeux", "du sable dans les yeux de mon fils"):
        it = default_concept_index().resolve(text)
        assert it.concepts[0] == "R211:103" and "R245:02" not in it.concepts[:2], (text, it.concepts[:4])


def test_hyphens_and_apostrophes_split_words():
    assert stems("neuro-vasculaire") == stems("neuro vasculaire")
    assert stems("l'autisme") == stems("autisme")


def test_ligatures_are_folded():
    assert plier("Œdème") == "oedeme"
    assert stems("œdème") == stems("oedeme")


def test_stemming_joins_inflections():
    assert stems("pédiatrique") == stems("pédiatriques")
    assert stems("brûlés") == stems("brulé")


def test_a_plural_the_stemmer_keeps_apart_from_its_singular_joins_it():
    # the stemmer strips the "er" of "foyer", "cancer", "usager" but not of their plurals
    for plural, singular in (("foyers", "foyer"), ("cancers", "cancer"), ("usagers", "usager"),
                             ("déficits", "déficit")):
        assert stems(plural) == stems(singular), plural
    # words ending in "s" that are no such plural keep their own stem
    assert stems("divers") != stems("diver") and stems("sous") != stems("sou")
    assert stems("travers") == Termes().termes("travers")


def test_a_plural_reads_the_labels_of_its_singular():
    from ror_orientation.index import default_concept_index
    it = default_concept_index().resolve("foyers de vie", profil="aval")
    assert it.groupes[0].matches[0].concept == "R244:97" and not it.inexpliques


def test_fast_path_gives_exactly_the_whoosh_chain_output():
    termes = Termes()
    for text in ["Soins intensifs spécialisés neurologie vasculaire (USINV)",
                 "Hôpital De Jour (HDJ) à l'Île-d'Yeu", "IRM cérébrale pédiatrique 3T", "", "de la",
                 "Foyers de vie pour usagers divers"]:
        assert termes.termes(text) == stems(text)


def test_fast_path_keeps_character_spans_of_the_surface_words():
    mots = Termes().mots("Accident vasculaire cérébral")
    assert [(m.surface, m.plie) for m in mots] == [
        ("Accident", "accident"), ("vasculaire", "vasculaire"), ("cérébral", "cerebral")]
    assert "Accident vasculaire cérébral"[mots[2].start:mots[2].end] == "cérébral"


def test_a_new_word_does_not_put_the_memo_back_in_the_youngest_generation():
    # a search's new word must not make the next young collection walk every word memoized
    import gc

    termes = Termes()
    termes.termes(" ".join(f"Commune{i}" for i in range(2000)))
    gc.collect()
    termes.analyser("Deyvillers")
    young = [o for o in gc.get_objects(0) if isinstance(o, dict) and len(o) >= 1000]
    assert young == []
    assert termes.analyser("DEYVILLERS") == termes.analyser("Deyvillers") == ("deyvillers", "deyvill")


def test_synonym_stage_adds_an_entry_token_after_the_phrase():
    termes = Termes()
    syn = Synonymes([Entree("avc", ("AVC", "accident vasculaire cérébral"))], termes)
    tokens = [t.text for t in syn.analyseur()("suspicion d'accident vasculaire cérébral")]
    assert tokens == stems("suspicion accident vasculaire cérébral") + ["~avc"]
    assert [t.text for t in syn.analyseur()("AVC")] == ["avc", "~avc"]


def test_input_is_bounded_and_says_so():
    text, cut = borner("x" * (MAX_QUERY_CHARS + 50))
    assert cut and len(text) == MAX_QUERY_CHARS
    text, cut = borner(" ".join(["mot"] * (MAX_QUERY_WORDS + 10)))
    assert cut and len(text.split()) == MAX_QUERY_WORDS
    assert borner("court")[1] is False


def test_non_text_and_control_characters_are_harmless():
    assert borner(None) == ("", False)
    assert borner(42) == ("", False)
    assert borner("a\x00b\nc")[0] == "a b c"


def test_folding_is_idempotent_so_the_chain_can_run_on_folded_words():
    for code in range(0x20, 0x3000):
        c = chr(code)
        assert plier(plier(c)) == plier(c)
    termes = Termes()
    for word in ["RENNES", "Rennes", "rennes", "RÉANIMATIONS", "Œdèmes"]:
        assert termes.termes(word) == stems(word)
