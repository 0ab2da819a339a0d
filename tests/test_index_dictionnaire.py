"""A common French word typed right is no typo: it is never corrected into a medical term."""

from __future__ import annotations

from ror_orientation.index.dictionnaire import Dictionnaire, flexions, mots_francais, racine

from .lecture import besoins

DEMENCE = {"R211:597", "R245:28", "R245:27"}  # memory assessment, Alzheimer, dementias


def test_the_shipped_dictionary_holds_common_words_folded():
    mots = mots_francais()
    assert {"depense", "defense", "vison", "randonneur"} <= mots
    assert "demence" in mots and "dialise" not in mots


def test_the_index_knows_the_words_by_fingerprint_alone():
    mots = mots_francais()
    dico = Dictionnaire.charger()
    assert len(dico) == len(mots)
    assert all(w in dico for w in sorted(mots)[::997])
    assert not any(w in dico for w in ("dialise", "alzeimer", "vomissemnts", "thrombolise"))
    assert "vie" not in dico  # shorter than any word a correction touches


def test_a_word_of_the_dictionary_is_not_read_as_dementia(index):
    # "dépense" and "défense" are one letter from "démence": read so before
    for texte in ("dépense de santé personne âgée", "défense du consommateur", "association de défense"):
        assert not DEMENCE & set(besoins(index, texte, profil="aval")), texte
    assert index.resolve("dépense").concepts == ()


def test_a_dictionary_word_is_corrected_where_the_words_before_read_a_label(index):
    # "sensuelle" alone stays a word; after "centre de santé" it is the "Centre de santé sexuelle"
    assert index.resolve("sensuelle").concepts == ()
    assert besoins(index, "centre de santé sensuelle")[0] == "R244:89"


def test_another_form_or_spelling_of_the_same_word_is_still_read(index):
    assert racine("certifier") == racine("certifiee") == racine("certifie") == "certifi"
    assert flexions("encastre", [("encastree", 1), ("encastrer", 1)]) == [("encastree", 1), ("encastrer", 1)]
    assert flexions("melena", [("melaena", 1)]) == [("melaena", 1)]  # the vowels only
    assert flexions("defense", [("demence", 1)]) == []
    assert besoins(index, "méléna")[0] == "R211:046"  # the dictionary's spelling of "mélaena"
