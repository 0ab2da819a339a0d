"""Read routes: search (GET = POST, fields=, cursor, explanation), sheets with ETag/304 and gzip,
nomenclatures, suggestions, extractions, health."""

from __future__ import annotations

import csv
import io
import re

import orjson
import pytest

from ror_orientation.web.wire import (
    CommunesOut,
    EtablissementOut,
    ReponseOut,
    SuggestionsOut,
    TableOut,
    UniteOut,
)
from tests.api_support import EG_RENNES, assert_error, auth, client, key

_CLOCK_KEYS = {"duree_ms", "age_minutes", "lits_age_min"}
_OPEN_AT = re.compile(r"^ouvert le \d\d/\d\d/\d{4} à \d\d:\d\d$")


def without_clock(x):
    """An answer without what follows the clock between two requests (how long it took, the age of
    a figure, the minute of "ouvert le … à HH:MM"): the rest must be the same."""
    if isinstance(x, dict):
        return {k: without_clock(v) for k, v in x.items() if k not in _CLOCK_KEYS}
    if isinstance(x, list):
        return [without_clock(v) for v in x]
    if isinstance(x, str) and _OPEN_AT.match(x):
        return "ouvert le …"
    return x


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("lecture")) as c:
        c.reg = key(c.store, ["lecture_regulation"])  # type: ignore[attr-defined]
        yield c


def test_get_and_post_search_give_the_same_answer(api):
    g = api.get("/api/v1/recherche", params={"texte": "thrombolyse", "lat": 48.35, "lon": -1.2,
                                             "champs": "01", "age": 67, "sexe": "H"})
    p = api.post("/api/v1/recherche", json={"texte": "thrombolyse", "lat": 48.35, "lon": -1.2,
                                            "champs": ["01"], "age": 67, "sexe": "H"})
    assert g.status_code == p.status_code == 200
    a, b = g.json(), p.json()
    ReponseOut.model_validate(a)
    assert without_clock(a) == without_clock(b)
    assert a["resultats"][0]["uo_id"] == "uo-unv"
    assert "texte" in a["resultats"][0]["explication"]["detail_score"]


def test_results_are_nearest_first_with_distance(api):
    near_vannes = api.get("/api/v1/recherche", params={"lat": 47.66, "lon": -2.76, "champs": "01",
                                                       "national": "true",
                                                       "ouvert_maintenant": "false"},
                          headers=auth(api.reg)).json()["resultats"]
    assert near_vannes[0]["uo_id"] == "uo-vannes"
    assert near_vannes[0]["distance_km"] < near_vannes[-1]["distance_km"]


def test_sparse_fields_keep_only_what_is_asked(api):
    r = api.get("/api/v1/recherche?champs=01&fields=nom,distance_km,telephone,lits_disponibles"
                "&lat=48.1&lon=-1.7", headers=auth(api.reg))
    first = next(x for x in r.json()["resultats"] if x["uo_id"] == "uo-unv")
    assert set(first) == {"uo_id", "nom", "distance_km", "telephone", "lits_disponibles"}
    # a regulator's card gives the care line (the on-call doctor) before the reception desk
    assert first["telephone"] == "06 99 99 99 99" and first["lits_disponibles"] == 2


def test_cursor_pages_never_lose_or_repeat(api):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"champs": "01", "limit": 1, "ouvert_maintenant": "false"}
        if cursor:
            params["curseur"] = cursor
        body = api.get("/api/v1/recherche", params=params, headers=auth(api.reg)).json()
        seen += [r["uo_id"] for r in body["resultats"]]
        cursor, pages = body["curseur_suivant"], pages + 1
        if not cursor or pages > 10:
            break
    assert sorted(seen) == ["uo-sensible", "uo-unv", "uo-vannes"]


def test_unit_sheet_has_hierarchy_labels_schedule_and_professionals(api):
    r = api.get("/api/v1/unites/uo-unv", headers=auth(api.reg))
    sheet = UniteOut.model_validate(r.json())
    assert [o.nom for o in sheet.hierarchie.organisations] == ["Pôle neurosciences",
                                                               "UF neuro-vasculaire"]
    assert sheet.hierarchie.ej is not None and sheet.hierarchie.ej.id == "350000741"
    assert sheet.actes[0].libelle == "Thrombolyse par voie veineuse"
    assert sheet.horaires.permanent and sheet.ouvert_maintenant
    assert sheet.professionnels[0].nom == "MARTIN"
    assert all(c.age_minutes is not None and not c.perime for c in sheet.capacites)


def test_sheet_etag_gives_304_until_the_data_changes(api):
    first = api.get("/api/v1/unites/uo-vannes")
    etag = first.headers["etag"]
    again = api.get("/api/v1/unites/uo-vannes", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    ed = key(api.store, ["editeur"], ("560000010",))
    api.put("/api/v1/unites/uo-vannes/capacites", headers=auth(ed), json={"capacites": [
        {"nature": "01", "statut": "01", "temporalite": "01", "genre": "04", "nombre": 30}]})
    changed = api.get("/api/v1/unites/uo-vannes", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_answers_are_gzipped_when_asked(api):
    r = api.get("/api/v1/nomenclatures/TRE_R211", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    TableOut.model_validate(r.json())
    assert int(r.headers["content-length"]) < len(r.content) / 3


def test_nomenclature_table_with_etag(api):
    r = api.get("/api/v1/nomenclatures/TRE_R330")
    codes = {c["code"]: c for c in r.json()["codes"]}
    assert codes["02"]["libelle"] == "Disponible" and codes["07"]["actif"] is False
    assert api.get("/api/v1/nomenclatures/TRE_R330",
                   headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    tables = api.get("/api/v1/nomenclatures").json()["tables"]
    assert any(t["id"] == "TRE_R211" and t["codes"] > 100 for t in tables)


def test_establishment_sheet_lists_its_visible_units(api):
    pub = EtablissementOut.model_validate(api.get(f"/api/v1/etablissements/{EG_RENNES}").json())
    assert [u.id for u in pub.unites] == ["uo-unv"]
    full = api.get(f"/api/v1/etablissements/{EG_RENNES}", headers=auth(api.reg)).json()
    assert {u["id"] for u in full["unites"]} == {"uo-unv", "uo-sensible"}


def test_suggest_completes_a_prefix(api):
    body = SuggestionsOut.model_validate(api.get("/api/v1/suggest?q=dialy&limit=5").json())
    assert body.suggestions and all("ialys" in s.libelle.lower() or s.synonyme
                                    for s in body.suggestions)
    assert all(s.concept == f"{s.table.removeprefix('TRE_')}:{s.code}" for s in body.suggestions)
    assert_error(api.get("/api/v1/suggest?q="), 400, field="q")
    assert_error(api.get("/api/v1/suggest?q=a&limit=500"), 400, field="limit")


def test_a_suggestion_says_what_it_is_in_words(api):
    """The search box shows each suggestion's kind; a site category must not show as "JDV_J55"."""
    found = api.get("/api/v1/suggest?q=ehpad&limit=20").json()["suggestions"]
    genres = {s["table"]: s["genre"] for s in found}
    assert genres["JDV_J55"] == "catégorie d'établissement"
    assert genres["TRE_R244"] == "type d'offre"


def test_commune_suggest_by_name_and_postcode(api):
    by_name = CommunesOut.model_validate(api.get("/api/v1/communes/suggest?q=fougeres").json())
    assert by_name.communes[0].insee == "35115"
    by_code = api.get("/api/v1/communes/suggest?q=3530").json()["communes"]
    assert by_code and all(c["code_postal"].startswith("3530") for c in by_code)


def test_commune_suggest_puts_the_town_meant_first_with_its_accented_name(api):
    found = api.get("/api/v1/communes/suggest?q=Fouger&limit=5").json()["communes"]
    # Fougères (35, 20,000 inhabitants) before Fougeré (85, 1,200): larger first after exact names
    assert [c["insee"] for c in found[:1]] == ["35115"]
    assert "85093" in [c["insee"] for c in found]
    assert found[0]["nom"] == "Fougères" and found[0]["departement_nom"] == "Ille-et-Vilaine"
    assert found[0]["population"] > 10_000
    exact = api.get("/api/v1/communes/suggest?q=fougere").json()["communes"]
    assert exact[0]["insee"] == "85093"  # the exact name typed wins over population


def test_commune_suggest_and_search_accept_an_insee_code_or_a_postcode(api):
    by_insee = api.get("/api/v1/communes/suggest?q=35115").json()["communes"]
    assert [c["insee"] for c in by_insee] == ["35115"]
    # 35300: Fougères' postcode and Saint-M'Hervé's INSEE code — both offered, postcode first
    both = [c["insee"] for c in api.get("/api/v1/communes/suggest?q=35300").json()["communes"]]
    assert both[:2] == ["35115", "35300"]
    by_code = api.get("/api/v1/recherche?commune=35000&rayon_km=30&ouvert_maintenant=false")
    by_insee = api.get("/api/v1/recherche?commune=35238&rayon_km=30&ouvert_maintenant=false")
    assert by_code.status_code == 200, by_code.text
    assert [r["uo_id"] for r in by_code.json()["resultats"]] == [
        r["uo_id"] for r in by_insee.json()["resultats"]]
    assert_error(api.get("/api/v1/recherche?commune=00000"), 400, field="commune")


def test_extraction_streams_csv_and_jsonl_with_the_same_units(api):
    h = auth(api.reg)
    c = api.get("/api/v1/extraction?format=csv&champs=01", headers=h)
    assert c.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(c.text)))
    j = api.post("/api/v1/extraction?format=jsonl", json={"champs": ["01"]}, headers=h)
    lines = [orjson.loads(x) for x in j.text.splitlines()]
    assert {r["uo_id"] for r in rows} == {x["uo_id"] for x in lines} == {
        "uo-unv", "uo-sensible", "uo-vannes"}
    unv = next(x for x in lines if x["uo_id"] == "uo-unv")
    assert unv["lits_installes"] == 12 and unv["finess"] == EG_RENNES
    assert_error(api.get("/api/v1/extraction?format=xml"), 400, field="format")


def test_health(api):
    body = api.get("/healthz").json()
    assert body["status"] == "ok" and body["uo"] == 3 and body["engine"] is True


def test_search_without_engine_is_503_in_the_error_shape(tmp_path):
    with client(tmp_path, engine=False) as c:
        c.app.state.service.engine = None
        assert_error(c.get("/api/v1/recherche"), 503, code="unavailable")
