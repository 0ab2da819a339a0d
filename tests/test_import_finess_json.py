"""The FINESS JSON fluxes (structures, activités), on the real ANS sample files."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from geopy.distance import geodesic

from ror_orientation.errors import ImportFormatError
from ror_orientation.importers.finess_json import read_finess_json
from ror_orientation.paths import fixtures_dir
from ror_orientation.store import Store

D = fixtures_dir() / "finess" / "ansforge-finess"
STRUCTURES = D / "exemple-finess-structures-journalier-20260309.SUBSET.json"
ACTIVITES = D / "exemple-finess-activites-journalier-20260401.SUBSET.json"


@pytest.fixture(scope="module")
def sample():
    return read_finess_json(STRUCTURES, ACTIVITES)


def test_structures_sample_counts_sites_and_skips_out_of_perimeter(sample):
    assert sample.offre.counts()["eg"] == 1 and sample.offre.counts()["ej"] == 1
    assert sample.skipped_by_reason() == {"EJ without a site in the perimeter": 2,
                                          "category 321 outside JDV_J55": 1,
                                          "authorisation not active": 1}


def test_known_site_fields_are_read(sample):
    eg = sample.offre.eg["010780195"]
    assert (eg.nom, eg.ej_id, eg.categorie) == ("CLINIQUE DOCTEUR CONVERT", "010000156", "365")
    assert (eg.adresse.numero, eg.adresse.type_voie, eg.adresse.voie) == ("62", "AV", "DE JASSERON")
    assert (eg.adresse.commune_insee, eg.departement, eg.region) == ("01053", "01", "84")
    assert eg.telephone == "0428631234" and eg.siret == "77220148900022"
    assert eg.date_ouverture.isoformat() == "1956-11-16"
    assert sample.offre.ej["010000156"].nom == "CLINIQUE CONVERT"


def test_lambert93_with_x_as_northing_lands_on_the_ban_position_in_the_ain(sample):
    c = sample.offre.eg["010780195"].coordonnees
    assert geodesic((c.lat, c.lon), (46.211257, 5.254203)).meters < 50
    assert 45.6 < c.lat < 46.6 and 4.7 < c.lon < 6.2  # département 01


def test_active_authorisations_go_to_the_only_site_of_the_ej(sample):
    auts = sample.offre.eg["010780195"].autorisations
    assert len(auts) == 5
    amf = [a for a in auts if a.nature == "AMF"]
    assert {(a.activite, a.modalite, a.forme) for a in amf} == {("18", "69", "15"), ("01", "00", "01"),
                                                                 ("11", "83", "00")}
    assert next(a for a in auts if a.nature == "ASR").activite == "R4"
    assert all(a.date_debut is not None for a in auts)


def test_activities_flux_alone_merges_into_a_stored_site(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    structures_only = read_finess_json(STRUCTURES)
    held = replace(structures_only.offre.eg["010780195"], sae={"LIT_MED": 40})
    structures_only.offre.eg[held.id] = held
    store.import_offre(structures_only.offre, "finess-json")
    result = read_finess_json(ACTIVITES, base=store)
    store.import_offre(result.offre, "finess-json")
    after = store.get_eg("010780195")
    assert len(after.autorisations) == 5
    assert replace(after, autorisations=()) == held


def test_schema_shaped_codes_are_read_too(tmp_path, sample):
    data = json.loads(STRUCTURES.read_text(encoding="utf-8"))
    for pm in data["pmej"]:
        pm["informationsGeneralesPmej"] = pm.pop("informationsGeneralesPMEJ")
        for ege in pm["ege"]:
            cat = ege.pop("categorieentiteGeographiqueExercice")
            ege["categorieEntiteGeographiqueExercice"] = {"code": cat, "system": "https://mos.esante.gouv.fr/NOS/tre_r397"}
    path = tmp_path / "structures.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    again = read_finess_json(path)
    assert again.offre.eg["010780195"] == replace(sample.offre.eg["010780195"], autorisations=())


def test_bad_site_number_names_file_record_and_field(tmp_path):
    data = json.loads(STRUCTURES.read_text(encoding="utf-8"))
    data["pmej"][1]["ege"][0]["informationsGeneralesEGE"]["numFinessEge"] = "01078019"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"bad.json:pmej\[1\].ege\[0\]: numFinessEge: not a FINESS"):
        read_finess_json(path)


def test_broken_json_is_an_import_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"pmej": [', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="broken.json: json: not JSON"):
        read_finess_json(path)
