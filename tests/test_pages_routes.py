"""The page routes without a browser: HTML shells, static files, outlines, and the PDF sheet."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdf
import pytest

from ror_orientation.paths import fixtures_dir
from ror_orientation.web.fiche_pdf import age_text, capacite_perimee, fiche_pdf, plages_text
from ror_orientation.web.routes.pages import STATIC_DIR, TEMPLATES_DIR
from tests.api_support import CONFIDENTIAL_PHONE, PUBLIC_PHONE, RESTRICTED_PHONE, auth, client, key

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def pdf_text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("path", ["/", "/uo/uo-unv", "/peuplement"])
def test_pages_are_french_html_with_their_configuration(tmp_path: Path, path: str) -> None:
    with client(tmp_path) as c:
        r = c.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in r.text
    config = json.loads(re.search(r'<script type="application/json" id="config">(.*?)</script>',
                                  r.text, re.S).group(1))
    assert config["api"] == "/api/v1" and config["tile_url"] is None
    assert not EXTERNAL.search(r.text)


def test_tile_layer_is_only_configured_by_the_setting(tmp_path: Path) -> None:
    with client(tmp_path, tile_url="/tuiles/{z}/{x}/{y}.png") as c:
        assert '"tile_url":"/tuiles/{z}/{x}/{y}.png"' in c.get("/").text


def test_unit_page_escapes_the_id_it_echoes(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        r = c.get('/uo/"><script>alert(1)<%2Fscript>')
    assert "<script>alert(1)" not in r.text


def test_own_assets_reference_no_external_site() -> None:
    own = [p for p in (*STATIC_DIR.rglob("*.js"), *STATIC_DIR.rglob("*.css"), *TEMPLATES_DIR.glob("*"))
           if "vendor" not in p.parts]
    assert own
    for p in own:
        assert not EXTERNAL.search(p.read_text(encoding="utf-8")), p
        assert "cdn" not in p.read_text(encoding="utf-8").lower(), p


def test_vendored_leaflet_is_recorded_with_its_licence() -> None:
    vendor = STATIC_DIR / "vendor"
    assert (vendor / "leaflet-1.9.4" / "leaflet.js").is_file()
    assert "BSD" in (vendor / "leaflet-1.9.4" / "LICENSE").read_text()
    record = (vendor / "VENDORED.md").read_text()
    assert "1.9.4" in record and "npm" in record and "BSD-2-Clause" in record


def test_static_files_are_served_and_nothing_outside_them(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        js = c.get("/static/js/recherche.js")
        assert js.status_code == 200 and "javascript" in js.headers["content-type"]
        assert c.get("/static/vendor/leaflet-1.9.4/images/marker-icon.png").status_code == 200
        assert c.get("/static/%2e%2e/settings.py").status_code == 404
        assert c.get("/static/..%2F..%2Fpyproject.toml").status_code == 404
        assert c.get("/static/js/absent.js").json()["error"]["code"] == "not_found"


def test_outlines_of_the_18_regions_and_101_departements_are_served(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        regions = c.get("/static/geo/regions.geojson").json()
        depts = c.get("/static/geo/departements.geojson").json()
        assert c.get("/static/geo/communes.geojson").status_code == 404
    assert len(regions["features"]) == 18
    assert {"01", "02", "03", "04", "06", "53"} <= {f["properties"]["code"] for f in regions["features"]}
    assert len(depts["features"]) == 101


def test_commune_outlines_are_served_per_departement_and_town_labels_for_the_map(
        tmp_path: Path) -> None:
    with client(tmp_path) as c:
        depts = c.get("/static/geo/departements.geojson").json()
        r = c.get("/static/geo/communes/35.geojson")
        assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
        communes = r.json()  # the client decompresses, as a browser does
        assert {f["properties"]["code"] for f in communes["features"]} >= {"35238", "35115"}
        assert c.get("/static/geo/communes/99.geojson").status_code == 404
        assert c.get("/static/geo/communes/..%2Fregions.geojson").status_code == 404
        shipped = {p.name.removesuffix(".geojson.gz")
                   for p in (fixtures_dir() / "geo" / "communes").glob("*.geojson.gz")}
        assert {f["properties"]["code"] for f in depts["features"]} <= shipped  # every département
        villes = c.get("/static/geo/villes.geojson").json()["features"]
    assert {"Rennes", "Fougères", "Paris"} <= {f["properties"]["nom"] for f in villes}
    assert min(f["properties"]["population"] for f in villes) >= 10_000


def test_pdf_sheet_names_the_unit_and_shows_only_public_contacts_without_a_key(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        r = c.get("/uo/uo-unv/fiche.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = pdf_text(r.content)
    assert "Unité neuro-vasculaire" in text
    assert "CHU PONTCHAILLOU" in text and "Pôle neurosciences" in text and "UF neuro-vasculaire" in text
    assert PUBLIC_PHONE in text
    assert RESTRICTED_PHONE not in text and CONFIDENTIAL_PHONE not in text


def test_pdf_sheet_of_a_regulator_has_every_contact(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        k = key(c.store, ["lecture_regulation"])  # type: ignore[attr-defined]
        text = pdf_text(c.get("/uo/uo-unv/fiche.pdf", headers=auth(k)).content)
    assert RESTRICTED_PHONE in text and CONFIDENTIAL_PHONE in text
    assert "Disponible" in text  # regulators see free beds, not only installed ones


def test_pdf_sheet_of_a_sensitive_unit_is_not_found_for_the_public(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        assert c.get("/uo/uo-sensible/fiche.pdf").status_code == 404


def test_pdf_marks_an_old_bed_figure_stale(tmp_path: Path) -> None:
    old = (datetime.now(UTC) - timedelta(hours=9)).isoformat()
    with client(tmp_path) as c:
        k = key(c.store, ["admin"])  # type: ignore[attr-defined]
        r = c.put("/api/v1/unites/uo-unv/capacites", headers=auth(k), json={"capacites": [
            {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 3,
             "maj": old}]})
        assert r.status_code == 200, r.text
        text = pdf_text(c.get("/uo/uo-unv/fiche.pdf", headers=auth(k)).content)
    assert "PÉRIMÉ" in text and "il y a 9 h" in text


def test_pdf_renders_accents_and_an_empty_sheet() -> None:
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    body = fiche_pdf({"id": "x", "nom": "Réanimation médico-chirurgicale — Hôpital Nord"},
                     genere_le=now, compress=False)
    text = pdf_text(body)
    assert "Réanimation médico-chirurgicale — Hôpital Nord" in text
    assert "Aucune capacité publiée." in text and "Aucun contact visible" in text


def test_age_text_reads_like_a_regulator_speaks() -> None:
    assert age_text(None) == "âge inconnu"
    assert age_text(0.2) == "à l'instant"
    assert age_text(12) == "il y a 12 min"
    assert age_text(9 * 60 + 5) == "il y a 9 h 05"
    assert age_text(72 * 60) == "il y a 3 j"


def test_staleness_follows_the_answer_or_the_threshold() -> None:
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    recent = {"maj": (now - timedelta(minutes=30)).isoformat()}
    old = {"maj": (now - timedelta(minutes=300)).isoformat()}
    assert not capacite_perimee(recent, now, 240)
    assert capacite_perimee(old, now, 240)
    assert not capacite_perimee({**old, "perime": False}, now, 240)  # the API's verdict wins


def test_schedule_lines_group_ranges_by_day() -> None:
    lines = plages_text({"permanent": False, "ferme_jours_feries": True, "fermetures": [],
                         "plages": [{"jour": 0, "debut": "08:00:00", "fin": "12:00:00"},
                                    {"jour": 0, "debut": "14:00:00", "fin": "18:00:00"},
                                    {"jour": 7, "debut": "09:00:00", "fin": "12:00:00"}]})
    assert lines == ["Lundi : 08:00–12:00, 14:00–18:00", "Jours fériés : 09:00–12:00",
                     "Fermé les jours fériés"]
    assert plages_text({"permanent": True}) == ["Ouvert 24 h/24, 7 j/7"]
