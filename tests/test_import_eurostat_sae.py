"""Eurostat hospitals CSV and SAE 2023 files, read from the real shipped extracts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ror_orientation.errors import ImportFormatError
from ror_orientation.importers.eurostat import read_eurostat
from ror_orientation.importers.sae import read_sae
from ror_orientation.paths import fixtures_dir
from ror_orientation.store import Store

ETAB = fixtures_dir() / "etablissements"
EUROSTAT = ETAB / "eurostat_healthcare_FR_2020.csv"


@pytest.fixture(scope="module")
def eurostat():
    return read_eurostat(EUROSTAT)


@pytest.fixture(scope="module")
def sae():
    return read_sae(ETAB)


def test_eurostat_reads_every_hospital_of_the_file(eurostat):
    assert eurostat.read == 5368
    assert len(eurostat.offre.eg) == 5368
    assert eurostat.skipped == []


def test_eurostat_pads_finess_numbers_that_lost_their_leading_zero(eurostat):
    eg = eurostat.offre.eg["010000024"]
    assert eg.nom == "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT"
    assert (eg.coordonnees.lat, eg.coordonnees.lon) == (46.2222, 5.20879)
    assert eg.telephone == "0474454647"
    assert (eg.departement, eg.region, eg.adresse.commune_insee) == ("01", "84", "01451")


def test_eurostat_category_comes_from_sae_when_known_else_from_the_label(eurostat):
    assert eurostat.offre.eg["010000024"].categorie == "355"  # SAE cat
    labels_only = read_eurostat(EUROSTAT, sae_id=None)
    cats = {eg.categorie for eg in labels_only.offre.eg.values()}
    assert cats == {"101", "106", "109", "122", "128", "129", "131", "292", "355", "362", "365"}
    assert labels_only.offre.ej == {}


def test_eurostat_places_corsica_and_overseas_in_their_departement(eurostat):
    deps = {eg.departement for eg in eurostat.offre.eg.values()}
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= deps
    for eg in eurostat.offre.eg.values():
        if eg.departement == "974":
            assert eg.region == "04"
            assert -21.5 < eg.coordonnees.lat < -20.8
        if eg.departement in {"2A", "2B"}:
            assert eg.region == "94"


def test_eurostat_links_known_establishments_to_their_ej(eurostat):
    eg = eurostat.offre.eg["010000024"]
    assert eg.ej_id == "010780054"
    assert eg.ej_id in eurostat.offre.ej


def test_eurostat_bad_coordinate_is_an_error_naming_file_line_and_field(tmp_path):
    lines = EUROSTAT.read_text(encoding="utf-8").splitlines()[:4]
    lines[2] = lines[2].replace("45.76121", "quarante")
    bad = tmp_path / "eurostat.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"eurostat.csv:3: lat: not a number") as exc:
        read_eurostat(bad, sae_id=None)
    assert exc.value.field == "lat"


def test_sae_builds_establishments_from_the_id_file_with_their_beds(sae):
    assert sae.read == 3975
    assert len(sae.offre.eg) == 3969
    assert sae.skipped_by_reason() == {"category 999 outside JDV_J55": 6}
    eg = sae.offre.eg["010000024"]
    assert eg.categorie == "355" and eg.ej_id == "010780054"
    assert eg.sae["LIT_MED"] == 246 and eg.sae["PLA_MED"] == 22
    assert eg.sae["URG_PASSU"] == 38394 and eg.sae["LIT_UHCD"] == 10
    assert eg.coordonnees is None


def test_sae_sums_general_and_paediatric_emergency_rows(sae):
    both = [eg for eg in sae.offre.eg.values() if "URG_PED_PASSU" in eg.sae and "URG_GEN_PASSU" in eg.sae]
    assert both
    for eg in both:
        assert eg.sae["URG_PASSU"] == eg.sae["URG_GEN_PASSU"] + eg.sae["URG_PED_PASSU"]


def test_sae_commune_centroid_option_places_establishments(tmp_path):
    r = read_sae(ETAB / "sae2023_ID_2023r.latin1.csv", commune_centroid=True)
    eg = r.offre.eg["010000024"]
    assert eg.coordonnees is not None and abs(eg.coordonnees.lat - 46.25) < 0.1


def test_sae_merges_figures_into_a_stored_eg_without_touching_its_other_fields(tmp_path, eurostat):
    store = Store(tmp_path / "s.sqlite")
    store.import_offre(eurostat.offre, "eurostat")
    before = store.get_eg("010000024")
    merged = read_sae(ETAB, store)
    store.import_offre(merged.offre, "sae")
    after = store.get_eg("010000024")
    assert after.sae["LIT_MED"] == 246
    assert replace(after, sae={}) == replace(before, sae={})
    # re-importing the same figures replaces, never adds up
    store.import_offre(read_sae(ETAB, store).offre, "sae")
    assert store.get_eg("010000024").sae == after.sae


def test_eurostat_reimport_keeps_held_sae_figures(tmp_path, eurostat, sae):
    store = Store(tmp_path / "s.sqlite")
    store.import_offre(sae.offre, "sae")
    store.import_offre(read_eurostat(EUROSTAT, base=store).offre, "eurostat")
    eg = store.get_eg("010000024")
    assert eg.sae["LIT_MED"] == 246 and eg.coordonnees is not None


def test_sae_bad_figure_is_an_error_naming_file_line_and_field(tmp_path):
    for name in ("sae2023_ID_2023r.latin1.csv", "sae2023_URGENCES2_2023r.latin1.csv"):
        (tmp_path / name).write_bytes((ETAB / name).read_bytes())
    mco = (ETAB / "sae2023_MCO_2023r.latin1.csv").read_text(encoding="latin-1").splitlines()[:3]
    mco[2] = mco[2].replace(";56;", ";cinquante;", 1)
    (tmp_path / "sae2023_MCO_2023r.latin1.csv").write_text("\n".join(mco) + "\n", encoding="latin-1")
    with pytest.raises(ImportFormatError, match=r"sae2023_MCO_2023r.latin1.csv:3: LIT_MED"):
        read_sae(tmp_path)


def test_sae_without_id_file_is_an_error(tmp_path: Path):
    with pytest.raises(ImportFormatError, match="no SAE ID file"):
        read_sae(tmp_path)


def test_sae_overseas_commune_codes_become_insee_codes(sae):
    guadeloupe = sae.offre.eg["970100012"]
    assert (guadeloupe.adresse.commune_insee, guadeloupe.departement, guadeloupe.region) == ("97101", "971", "01")
    mayotte = sae.offre.eg["980500011"]
    assert (mayotte.adresse.commune_insee, mayotte.departement, mayotte.region) == ("97611", "976", "06")
    assert sae.offre.eg["2A0000139"].adresse.commune_insee == "2A004"
