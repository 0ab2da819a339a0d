"""An import landing while a working copy is pending: the copy is rebased onto the file (the
person's fields keep the person's value and are reported as conflicts, the others take the file's),
so its later publication does not silently put back what the file replaced."""

from __future__ import annotations

from dataclasses import replace

from ror_orientation.edition import Saisie
from ror_orientation.importers import import_file
from ror_orientation.importers.jsonl import line_of
from tests.api_support import build_offre, make_store
from tests.test_edition import EDITEUR


def _importer(store, tmp_path, **changes):
    fichier = tmp_path / "offre.jsonl"
    fichier.write_bytes(line_of("uo", replace(build_offre().uo["uo-unv"], **changes)))
    return import_file(store, "jsonl", fichier)


def test_a_pending_copy_keeps_the_persons_fields_and_takes_the_files_others(tmp_path):
    store = make_store(tmp_path / "s.sqlite")
    saisie = Saisie(store)
    f = saisie.fiche("uo", "uo-unv")
    saisie.enregistrer(EDITEUR, "uo", "uo-unv", {**f.data, "nom": "UNV Pontchaillou",
                                                 "commentaire": "Thrombectomie 24 h/24"}, f.etag)
    saisie.soumettre(EDITEUR, "uo", "uo-unv")
    avant = saisie.fiche("uo", "uo-unv")
    report = _importer(store, tmp_path, nom="UNV (FINESS)", age_min=16, age_max=99)
    assert store.get_uo("uo-unv").age_min == 16  # the import itself is stored
    apres = saisie.fiche("uo", "uo-unv")
    assert apres.version == avant.version + 1
    assert apres.data["nom"] == "UNV Pontchaillou"  # changed by the person: kept
    assert apres.data["commentaire"] == "Thrombectomie 24 h/24"  # the file says nothing: kept
    assert (apres.data["age_min"], apres.data["age_max"]) == (16, 99)  # the file's values
    assert apres.etat == "brouillon" and "nom" in (apres.retour or "")  # back for a look
    assert report["copies_rebasees"] == 1 and report["conflits_saisie"] == 1
    assert "kept the hand value of nom" in report["rebase_examples"][0]
    lignes = {(x.action, x.champ) for x in saisie.sql.journal("uo", "uo-unv")}
    assert {("conflit_import", "nom"), ("import", "age_min"), ("import", "age_max")} <= lignes
    # published later: the file's values are not put back by the older copy
    saisie.soumettre(EDITEUR, "uo", "uo-unv")
    saisie.valider(EDITEUR, "uo", "uo-unv", "Dr Martin")
    saisie.publier(EDITEUR, "uo", "uo-unv")
    pub = store.get_uo("uo-unv")
    assert (pub.nom, pub.age_min, pub.age_max) == ("UNV Pontchaillou", 16, 99)
    store.close()


def test_a_validated_copy_without_conflict_stays_validated_with_the_files_values(tmp_path):
    store = make_store(tmp_path / "s.sqlite")
    saisie = Saisie(store)
    f = saisie.fiche("uo", "uo-unv")
    saisie.enregistrer(EDITEUR, "uo", "uo-unv", {**f.data, "commentaire": "Filière AVC"}, f.etag)
    saisie.soumettre(EDITEUR, "uo", "uo-unv")
    saisie.valider(EDITEUR, "uo", "uo-unv", "Dr Martin")
    report = _importer(store, tmp_path, age_min=16)
    apres = saisie.fiche("uo", "uo-unv")
    assert apres.etat == "valide" and apres.data["age_min"] == 16
    assert apres.data["commentaire"] == "Filière AVC"
    assert report["copies_rebasees"] == 1 and report["conflits_saisie"] == 0
    saisie.publier(EDITEUR, "uo", "uo-unv")
    assert store.get_uo("uo-unv").age_min == 16
    store.close()


def test_an_import_that_changes_nothing_the_copy_holds_leaves_it_alone(tmp_path):
    store = make_store(tmp_path / "s.sqlite")
    saisie = Saisie(store)
    f = saisie.fiche("uo", "uo-unv")
    saisie.enregistrer(EDITEUR, "uo", "uo-unv", {**f.data, "commentaire": "Filière AVC"}, f.etag)
    report = _importer(store, tmp_path)
    assert saisie.fiche("uo", "uo-unv").version == 1 and report["copies_rebasees"] == 0
    store.close()
