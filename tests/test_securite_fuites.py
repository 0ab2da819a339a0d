"""Regression tests of the leaks found by probing the served demo (issue "nothing leaks"): nothing
derived from hidden data reaches a caller without the right, a hidden unit answers like a missing one,
confidentiality holds at the contact level, and the small refusals keep the one error shape."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.engine.distance import haversine_km
from ror_orientation.offre import (
    Adresse,
    Canal,
    Confidentialite,
    Contact,
    Offre,
    Statut,
    Telecom,
)
from ror_orientation.settings import Settings
from ror_orientation.web.ratelimit import RateLimiter
from tests.api_support import (
    EG_RENNES,
    EG_VANNES,
    assert_error,
    auth,
    build_offre,
    key,
    make_engine,
    make_store,
)
from tests.factories import make_uo

DIRECTION_PHONE = "0299000003"  # a public telecom of a confidential contact
LITS = {"capacites": [{"nature": "01", "statut": "02", "temporalite": "01", "genre": "04",
                       "nombre": 5}]}


def offre_probe(*, hidden: bool = True) -> Offre:
    """The API offer plus a confidential contact with a public telecom, an unpublished unit; without
    `hidden`, the same offer with neither hidden unit (to compare answers)."""
    offre = build_offre()
    unv = offre.uo["uo-unv"]
    direction = Contact(fonction="Direction", confidentialite=Confidentialite.CONFIDENTIEL,
                        telecoms=(Telecom(Canal.TELEPHONE, DIRECTION_PHONE),))
    offre.uo["uo-unv"] = replace(unv, contacts=(direction, *unv.contacts))
    if hidden:
        offre.add(make_uo(id="uo-valide", nom="Unité validée non publiée", statut=Statut.VALIDE,
                          id_externe_synchro="SYN-VAL"))
    else:
        del offre.uo["uo-sensible"]
    return offre


def _client(path: Path, offre: Offre) -> Iterator[TestClient]:
    store = make_store(path, offre)
    app = create_app(Settings(db=path), engine=make_engine(store), store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        c.store = store  # type: ignore[attr-defined]
        yield c


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("fuites") / "api.sqlite"
    for c in _client(path, offre_probe()):
        store = c.store  # type: ignore[attr-defined]
        c.keys = {  # type: ignore[attr-defined]
            "public": key(store, ["lecture_publique"], nom="grand public"),
            "regulation": key(store, ["lecture_regulation"], nom="SAMU 35"),
            "editeur": key(store, ["editeur"], (EG_RENNES,), nom="GHT Rennes"),
            "editeur_autre": key(store, ["editeur"], (EG_VANNES,), nom="GHT Vannes"),
        }
        yield c


@pytest.fixture(scope="module")
def sans_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The same offer where the hidden units do not exist at all."""
    path = tmp_path_factory.mktemp("fuites-sans") / "api.sqlite"
    yield from _client(path, offre_probe(hidden=False))


def _public(body: dict[str, Any]) -> dict[str, Any]:
    """An answer without what depends on the clock: its duration and the times of the figures
    (the two offers compared are built a moment apart)."""
    def sans_instants(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: sans_instants(x) for k, x in v.items() if k not in ("maj", "age_minutes")}
        if isinstance(v, list):
            return [sans_instants(x) for x in v]
        return v

    return {k: sans_instants(v) for k, v in body.items() if k != "duree_ms"}


def test_public_score_details_have_no_bed_part(api: TestClient) -> None:
    r = api.get("/api/v1/recherche", params={"profil": "samu", "champs": "01", "lat": 48.11,
                                             "lon": -1.68, "ouvert_maintenant": "false"})
    assert r.status_code == 200
    for res in r.json()["resultats"]:
        assert "lits" not in res["explication"]["detail_score"]
        assert res["explication"]["lits_disponibles"] is None


def test_public_scores_do_not_move_with_free_beds(api: TestClient) -> None:
    params: dict[str, Any] = {"profil": "samu", "champs": "01", "lat": 48.11, "lon": -1.68,
                              "ouvert_maintenant": "false"}
    before = {x["uo_id"]: x["score"] for x in api.get("/api/v1/recherche", params=params)
              .json()["resultats"]}
    k = api.keys["editeur"]  # type: ignore[attr-defined]
    assert api.put("/api/v1/unites/uo-unv/capacites", json={"capacites": [
        {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 40}]},
        headers=auth(k)).status_code == 200
    after = {x["uo_id"]: x["score"] for x in api.get("/api/v1/recherche", params=params)
             .json()["resultats"]}
    assert after == before


def test_public_sex_filter_does_not_filter_on_free_beds(tmp_path: Path) -> None:
    from ror_orientation.offre import Capacite
    from tests.api_support import fresh

    offre = build_offre()  # a unit whose only free beds are for men
    offre.add(make_uo(id="uo-hommes", nom="Unité hommes", capacites=(
        Capacite("01", "02", "01", "02", 3, maj=fresh()),)))
    for c in _client(tmp_path / "sexe.sqlite", offre):
        reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]

        def total(headers: dict[str, str] | None = None, c: TestClient = c,
                  **extra: str) -> int:
            r = c.get("/api/v1/recherche", params={"champs": "01", "ouvert_maintenant": "false",
                                                   **extra}, headers=headers)
            return int(r.json()["total"])

        assert total(reg, sexe="F") < total(reg)  # the data exercises the bed filter
        assert total(sexe="F") == total() == total(sexe="H")  # not for a public reader


def test_search_total_and_stage_counts_ignore_hidden_units(api: TestClient,
                                                           sans_cache: TestClient) -> None:
    for params in ({"champs": "01"}, {"texte": "neuro"}, {}):
        a = api.get("/api/v1/recherche", params={**params, "expliquer": "true"}).json()
        b = sans_cache.get("/api/v1/recherche", params={**params, "expliquer": "true"}).json()
        assert _public(a) == _public(b)  # total, etapes, cursor, results: all identical


def test_cursor_never_carries_a_hidden_unit(api: TestClient) -> None:
    cursor, seen = None, []
    for _ in range(10):
        params = {"limit": 1, **({"curseur": cursor} if cursor else {})}
        body = api.get("/api/v1/recherche", params=params).json()
        seen += [x["uo_id"] for x in body["resultats"]]
        cursor = body["curseur_suivant"]
        if not cursor:
            break
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        assert raw["u"] not in ("uo-sensible", "uo-valide")
    assert "uo-sensible" not in seen and "uo-valide" not in seen


def test_editor_finds_its_own_hidden_units(api: TestClient) -> None:
    own = api.get("/api/v1/recherche", params={"limit": 50},
                  headers=auth(api.keys["editeur"])).json()  # type: ignore[attr-defined]
    other = api.get("/api/v1/recherche", params={"limit": 50},
                    headers=auth(api.keys["editeur_autre"])).json()  # type: ignore[attr-defined]
    assert {"uo-sensible", "uo-valide"} <= {x["uo_id"] for x in own["resultats"]}
    assert not {"uo-sensible", "uo-valide"} & {x["uo_id"] for x in other["resultats"]}


def _same_as_missing(api: TestClient, method: str, path: str, k: str, **kw: Any) -> None:
    hidden = api.request(method, path.format("uo-sensible"), headers=auth(k), **kw)
    missing = api.request(method, path.format("uo-nexistepas"), headers=auth(k), **kw)
    assert_error(hidden, 404, field="uo_id", code="not_found")
    assert hidden.json() == json.loads(missing.text.replace("uo-nexistepas", "uo-sensible"))
    assert dict(hidden.headers) == dict(missing.headers) | {
        "content-length": hidden.headers["content-length"]}


def test_capacity_write_and_history_of_a_hidden_unit_answer_like_a_missing_one(
        api: TestClient) -> None:
    before = api.store.get_uo("uo-sensible").capacites  # type: ignore[attr-defined]
    for who in ("public", "editeur_autre"):
        k = api.keys[who]  # type: ignore[attr-defined]
        _same_as_missing(api, "PUT", "/api/v1/unites/{}/capacites", k, json=LITS)
        _same_as_missing(api, "GET", "/api/v1/unites/{}/capacites/historique", k)
        _same_as_missing(api, "GET", "/api/v1/unites/{}", k)
    assert api.store.get_uo("uo-sensible").capacites == before  # type: ignore[attr-defined]


def test_batch_never_resolves_a_hidden_synchro_id(api: TestClient) -> None:
    k = api.keys["public"]  # type: ignore[attr-defined]
    items = [{"id_externe_synchro": s, **LITS} for s in ("SYN-SENS", "SYN-NEXISTEPAS", "SYN-VAL")]
    body = api.post("/api/v1/capacites", json={"mises_a_jour": items}, headers=auth(k)).json()
    r_hidden, r_missing, r_valide = body["resultats"]
    for r in (r_hidden, r_valide):
        assert r["uo_id"] is None and r["status"] == 404
        assert r["error"]["code"] == r_missing["error"]["code"]
        assert r["error"]["field"].split(".")[1:] == r_missing["error"]["field"].split(".")[1:]


def test_population_lists_show_sensitive_units_only_to_those_who_see_them(api: TestClient) -> None:
    from ror_orientation.droits import Appelant, Droit

    svc = api.app.state.service  # type: ignore[attr-defined]

    def detail() -> dict[str, Any]:  # the shape of peuplement's EG detail and quality answers
        unites = [{"uo_id": u, "nom": u} for u in ("uo-unv", "uo-sensible", "uo-valide")]
        return {"lignes": [{"uo": {"finalise": 3}, "unites": list(unites)}],
                "uo_non_comptees": list(unites),
                "exigences": [{"ecart": 3, "ecarts": list(unites)}]}

    anon = svc.masquer_unites(Appelant.anonyme(), detail())
    for items in (anon["lignes"][0]["unites"], anon["uo_non_comptees"],
                  anon["exigences"][0]["ecarts"]):
        assert [x["uo_id"] for x in items] == ["uo-unv"]
    assert anon["lignes"][0]["uo"] == {"finalise": 3} and anon["exigences"][0]["ecart"] == 3
    editor = Appelant(9, "GHT", frozenset({Droit.EDITEUR}), frozenset({EG_RENNES}))
    assert svc.masquer_unites(editor, detail()) == detail()
    reg = Appelant(9, "SAMU", frozenset({Droit.LECTURE_REGULATION}))
    assert svc.masquer_unites(reg, detail()) == detail()
    for path in (f"/api/v1/peuplement/eg/{EG_RENNES}", "/api/v1/peuplement/qualite"):
        r = api.get(path, params={"date_ouverture": "facultative"})
        assert r.status_code == 200 and "uo-sensible" not in r.text


def test_confidential_contact_hides_its_public_telecoms_everywhere(api: TestClient) -> None:
    sheet = api.get("/api/v1/unites/uo-unv")
    assert DIRECTION_PHONE not in sheet.text
    search = api.get("/api/v1/recherche", params={"limit": 50})
    assert DIRECTION_PHONE not in search.text
    for fmt in ("csv", "jsonl"):
        assert DIRECTION_PHONE not in api.get("/api/v1/extraction", params={"format": fmt}).text
    pdf = api.get("/uo/uo-unv/fiche.pdf")
    assert pdf.status_code == 200 and DIRECTION_PHONE.encode() not in pdf.content
    reg = api.get("/api/v1/unites/uo-unv", headers=auth(api.keys["regulation"]))  # type: ignore
    assert DIRECTION_PHONE in reg.text


def test_distance_is_computed_to_the_coordinates_shown(tmp_path: Path) -> None:
    offre = build_offre()
    # a unit with its own address elsewhere than its site: placed at its commune (Saint-Malo)
    offre.add(make_uo(id="uo-malo", nom="Antenne Saint-Malo", adresse=Adresse(
        code_postal="35400", localite="SAINT-MALO", commune_insee="35288")))
    for c in _client(tmp_path / "d.sqlite", offre):
        body = c.get("/api/v1/recherche", params={"lat": 48.11, "lon": -1.68, "limit": 50,
                                                  "rayon_km": 150,
                                                  "ouvert_maintenant": "false"}).json()
        assert any(x["uo_id"] == "uo-malo" for x in body["resultats"])
        for x in body["resultats"]:
            km = haversine_km(48.11, -1.68, x["lat"], x["lon"])
            assert abs(float(km) - x["distance_km"]) < 0.5, x


def test_anonymous_callers_cannot_reset_an_application_limit(tmp_path: Path) -> None:
    now = [100.0]
    shared = tmp_path / "rl.table"
    worker_a = RateLimiter(60, burst=3, clock=lambda: now[0], path=shared, slots=64)
    worker_b = RateLimiter(60, burst=3, clock=lambda: now[0], path=shared, slots=64)
    worker_a.take("app:7")
    worker_b.take("app:7")  # the two workers share the bucket
    for i in range(5_000):  # cycling addresses, far more than the table holds
        try:
            worker_a.take(f"ip:10.0.{i // 256}.{i % 256}")
        except Exception:  # noqa: BLE001 - anonymous callers sharing a slot get limited: fine
            pass
    worker_b.take("app:7")
    with pytest.raises(Exception, match="rate limit"):
        worker_a.take("app:7")  # 3 taken across workers: the 4th is refused, nothing was reset
    assert shared.stat().st_size == 2 * 64 * 24  # bounded, whatever the number of callers


def test_application_name_with_a_control_character_is_400_naming_it(api: TestClient) -> None:
    admin = key(api.store, ["admin"], nom="ARS")  # type: ignore[attr-defined]
    for bad in ("app\x00x", "app\nx", "a\x1b[31m"):
        r = api.post("/api/v1/applications", headers=auth(admin), json={
            "nom": bad, "proprietaire": "ARS", "droits": ["lecture_publique"]})
        assert_error(r, 400, field="nom")


def test_options_and_head(api: TestClient) -> None:
    r = api.options("/api/v1/recherche")
    assert r.status_code == 204
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    r = api.delete("/api/v1/recherche")
    assert_error(r, 405)
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    get, head = api.get("/api/v1/unites/uo-unv"), api.head("/api/v1/unites/uo-unv")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert_error(api.options("/nowhere"), 404)


def test_deeply_nested_json_has_the_one_error_shape(api: TestClient) -> None:
    body = "[" * 100_000 + "]" * 100_000
    r = api.post("/api/v1/recherche", content=body, headers={"Content-Type": "application/json"})
    assert_error(r, 400, field="body")
    r = api.post("/api/v1/recherche", content='{"texte": ' + "[" * 5000 + "]" * 5000 + "}",
                 headers={"Content-Type": "application/json"})
    err = assert_error(r, 400)
    assert err["code"] == "validation_error"


def test_openapi_lists_closed_code_sets(api: TestClient) -> None:
    doc = api.get("/openapi.json").json()
    params = {p["name"]: p["schema"] for p in doc["paths"]["/api/v1/recherche"]["get"]["parameters"]}
    assert "01" in params["champs"]["items"]["enum"]
    assert "53" in params["regions"]["items"]["enum"]
    assert params["statut_lits"]["enum"]
    genre = doc["components"]["schemas"]["CapaciteIn"]["properties"]["genre"]
    assert set(genre["enum"]) >= {"01", "02", "04"}
    statut = {p["name"]: p["schema"] for p in
              doc["paths"]["/api/v1/peuplement/etablissements"]["get"]["parameters"]}["statut"]
    assert "01" not in str(statut)  # a population status, not a bed status


def test_guessing_keys_is_rate_limited_per_address(tmp_path: Path) -> None:
    from tests.api_support import client

    with client(tmp_path, rate_limit_per_minute=3) as c:
        statuses = [c.get("/api/v1/recherche", headers=auth(f"ror_guess{i}")).status_code
                    for i in range(5)]
        assert statuses[:3] == [401, 401, 401] and statuses[3:] == [429, 429]


def test_an_in_memory_store_keeps_its_rate_limits_in_the_process() -> None:
    """":memory:.ratelimit" used to be created in the working directory (and once got committed)."""
    from ror_orientation.web.ratelimit import table_path

    assert table_path(":memory:") is None
    assert table_path("") is None
    assert table_path("postgresql://h/db") is None
    assert table_path("/var/ror/offre.sqlite") == Path("/var/ror/offre.sqlite.ratelimit")


def test_a_query_claiming_rights_is_narrowed_and_a_narrowed_one_kept() -> None:
    """`restreindre` narrows whatever a route put in the query to the caller's rights; a query
    already narrowed for this caller comes back as the very object (no copy per search)."""
    from ror_orientation.droits import Appelant, Droit, restreindre
    from ror_orientation.requete import Requete

    public = Appelant.anonyme()
    editeur = Appelant(2, "lits", frozenset({Droit.LECTURE_PUBLIQUE, Droit.EDITEUR}),
                       frozenset({"eg-b", "eg-a"}))
    regulateur = Appelant(1, "samu", frozenset({Droit.LECTURE_REGULATION}))
    greedy = Requete(voir_sensibles=True, voir_lits=True, eg_visibles=("eg-x",))
    for caller, eg_visibles in ((public, ()), (editeur, ("eg-a", "eg-b")), (regulateur, ())):
        narrowed = restreindre(greedy, caller)
        assert (narrowed.voir_sensibles, narrowed.voir_lits, narrowed.eg_visibles) == (
            caller.regulation, caller.regulation, eg_visibles)
        assert restreindre(narrowed, caller) is narrowed
    for half in (Requete(voir_sensibles=False, voir_lits=True),
                 Requete(voir_sensibles=True, voir_lits=False)):
        assert not restreindre(half, public).voir_lits
        assert not restreindre(half, public).voir_sensibles
