"""A common French word typed right is no typo: it is never corrected into a medical term."""

from __future__ import annotations

from ror_orientation.index.dictionnaire import charger, flexions, racine

from .lecture import besoins

DEMENCE = {"R211:597", "R245:28", "R245:27"}  # memory assessment, Alzheimer, dementias


def test_the_shipped_dictionary_holds_common_words_folded():
    mots = charger()
    assert {"depense", "defense", "vison", "randonneur"} <= mots
    assert "demence" in mots and "dialise" not in mots


def test_a_word_of_the_dictionary_is_not_read_as_dementia(index):
    # "dépense" and "défense" are one letter from "démence": read so before
    for texte in ("dépense de santé personne âgée", "défense du consommateur", "association de défense"):
        assert not DEMENCE & set(besoins(index, texte, profil="aval")), texte
    assert index.resolve("dépense").concepts == ()


def test_a_dictionary_word_is_corrected_where_the_words_before_read_a_label(index):
    # "vison" alone stays a word; after "basse" it is the "Basse Vision" of the orthoptics labels
    assert index.resolve("vison").concepts == ()
    assert "R210:0412" in besoins(index, "rééducation basse vison")


def test_another_form_of_the_same_word_is_still_read():
    assert racine("certifier") == racine("certifiee") == racine("certifie") == "certifi"
    assert flexions("encastre", [("encastree", 1), ("encastrer", 1)]) == [("encastree", 1), ("encastrer", 1)]
    assert flexions("defense", [("demence", 1)]) == []
