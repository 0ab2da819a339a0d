"""The national FINESS extract etalab_cs1100507, on a real-record extract (tests/data)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from geopy.distance import geodesic

from ror_orientation.errors import ImportFormatError
from ror_orientation.importers.finess_csv import read_finess_csv
from ror_orientation.paths import fixtures_dir
from ror_orientation.store import Store

DATA = Path(__file__).parent / "data" / "etalab_cs1100507_extrait.csv"


@pytest.fixture(scope="module")
def extrait():
    return read_finess_csv(DATA)


@pytest.fixture(scope="module")
def eurostat_positions() -> dict[str, tuple[float, float]]:
    with (fixtures_dir() / "etablissements" / "eurostat_healthcare_FR_2020.csv").open(encoding="utf-8") as fh:
        return {r["id"].zfill(9): (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}


def test_extract_rows_are_counted_and_out_of_perimeter_category_skipped(extrait):
    assert extrait.read == 45
    assert len(extrait.offre.eg) == 44
    assert extrait.skipped_by_reason() == {"category 321 outside JDV_J55": 1}
    assert extrait.skipped[0].detail == "010787190"
    assert sum(1 for eg in extrait.offre.eg.values() if eg.coordonnees) == 35


def test_known_establishments_land_within_50_m_of_the_source_position(extrait, eurostat_positions):
    checked = 0
    for eg in extrait.offre.eg.values():  # positions the extract took from Eurostat
        if eg.coordonnees and eg.id in eurostat_positions and eg.id != "010780195":
            d = geodesic((eg.coordonnees.lat, eg.coordonnees.lon), eurostat_positions[eg.id]).meters
            assert d < 50, (eg.id, d)
            checked += 1
    assert checked == 34
    convert = extrait.offre.eg["010780195"]  # real FINESS Lambert-93, against the flux's own WGS84
    assert geodesic((convert.coordonnees.lat, convert.coordonnees.lon), (46.211257, 5.254203)).meters < 50


def test_overseas_sites_are_projected_from_their_utm_zone(extrait, eurostat_positions):
    for finess, dep, region in [("970100012", "971", "01"), ("970200028", "972", "02"),
                                ("970300026", "973", "03"), ("970400024", "974", "04"),
                                ("980500011", "976", "06")]:
        eg = extrait.offre.eg[finess]
        assert (eg.departement, eg.region) == (dep, region)
        assert eg.adresse.commune_insee.startswith(dep)
        assert geodesic((eg.coordonnees.lat, eg.coordonnees.lon), eurostat_positions[finess]).meters < 50


def test_site_fields_are_read(extrait):
    eg = extrait.offre.eg["010000024"]
    assert eg.nom == "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT"
    assert (eg.ej_id, eg.categorie, eg.telephone) == ("010780054", "355", "0474454647")
    assert (eg.adresse.commune_insee, eg.adresse.code_postal, eg.adresse.localite) == ("01451", "01440", "VIRIAT")
    assert eg.adresse.voie == "DE PARIS" and eg.adresse.type_voie == "RTE"
    assert eg.source == "finess:etalab_cs1100507"
    corse = extrait.offre.eg["2B0000079"]
    assert (corse.departement, corse.region, corse.adresse.commune_insee) == ("2B", "94", "2B033")
    assert extrait.offre.eg["010005239"].date_ouverture.isoformat() == "2007-04-20"
    assert "010780054" in extrait.offre.ej


def test_utf8_copy_reads_the_same(tmp_path, extrait):
    utf8 = tmp_path / "etalab_utf8.csv"
    utf8.write_text(DATA.read_bytes().decode("latin-1"), encoding="utf-8")
    again = read_finess_csv(utf8)
    assert again.offre.eg == extrait.offre.eg


def _broken(tmp_path: Path, finess: str, field_index: int, value: str) -> Path:
    lines = DATA.read_bytes().decode("latin-1").splitlines()
    for i, line in enumerate(lines):
        parts = line.split(";")
        if parts[0] == "structureet" and parts[1] == finess:
            parts[field_index] = value
            lines[i] = ";".join(parts)
            break
    out = tmp_path / "broken.csv"
    out.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    return out


def test_bad_finess_number_names_file_line_and_field(tmp_path):
    with pytest.raises(ImportFormatError, match=r"broken.csv:13: nofinesset: '01000002X'") as exc:
        read_finess_csv(_broken(tmp_path, "010000024", 1, "01000002X"))
    assert exc.value.field == "nofinesset"


def test_missing_mandatory_field_names_file_line_and_field(tmp_path):
    with pytest.raises(ImportFormatError, match=r"broken.csv:13: categetab: mandatory value missing"):
        read_finess_csv(_broken(tmp_path, "010000024", 18, ""))


def test_a_file_of_another_format_is_refused(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("id;name\n1;x\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="other.csv:1: header: not an etalab_cs1100507"):
        read_finess_csv(other)


def test_swapped_coordinates_are_an_error_on_the_geolocalisation_line(tmp_path):
    lines = DATA.read_bytes().decode("latin-1").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("geolocalisation;010000024;"))
    parts = lines[n].split(";")
    parts[2], parts[3] = parts[3], parts[2]
    lines[n] = ";".join(parts)
    bad = tmp_path / "swapped.csv"
    bad.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    with pytest.raises(ImportFormatError, match=rf"swapped.csv:{n + 1}: coordxet: .*outside the area"):
        read_finess_csv(bad)


def test_extract_loads_into_the_store(tmp_path, extrait):
    store = Store(tmp_path / "s.sqlite")
    report = store.import_offre(extrait.offre, "finess-csv")
    assert report.counts["eg"] == 44
    assert store.get_eg("970400024").coordonnees == extrait.offre.eg["970400024"].coordonnees
