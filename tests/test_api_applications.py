"""Connected applications (registry, admin routes, CLI), the rate limit, and the OpenAPI contract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ror_orientation import applications as registry
from ror_orientation.api import create_app
from ror_orientation.cli import main
from ror_orientation.errors import AuthenticationError, RateLimitedError, ValidationError
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from ror_orientation.web.ratelimit import RateLimiter
from tests.api_support import EG_RENNES, assert_error, auth, client, key, make_store

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def test_create_authenticate_revoke(tmp_path):
    store = make_store(tmp_path / "a.sqlite")
    app, k = registry.create(store, nom="SAMU 35", region="53", proprietaire="CHU Rennes",
                             droits=["lecture_regulation"])
    assert registry.authenticate(store, k).id == app.id
    assert registry.authenticate(store, k).appelant().regulation
    registry.revoke(store, app.id)
    with pytest.raises(AuthenticationError):
        registry.authenticate(store, k)
    assert registry.revoke(store, app.id).revoque_le is not None  # idempotent


def test_create_refuses_bad_rights_region_and_editor_without_eg(tmp_path):
    store = make_store(tmp_path / "a.sqlite")
    for kw, field in ((dict(droits=["superuser"]), "droits"), (dict(region="99"), "region"),
                      (dict(droits=["editeur"]), "eg_ids"),
                      (dict(droits=["editeur"], eg_ids=["123456789"]), "eg_ids")):
        args = dict(nom="x", region="53", proprietaire="y", droits=["lecture_publique"]) | kw
        with pytest.raises(ValidationError) as exc:
            registry.create(store, **args)
        assert exc.value.field == field
    assert registry.list_(store) == []


def test_count_per_region_counts_active_applications(tmp_path):
    store = make_store(tmp_path / "a.sqlite")
    a, _ = registry.create(store, nom="a", region="53", proprietaire="o", droits=["lecture_publique"])
    registry.create(store, nom="b", region="53", proprietaire="o", droits=["lecture_publique"])
    registry.create(store, nom="c", region="11", proprietaire="o", droits=["lecture_publique"])
    registry.create(store, nom="d", region=None, proprietaire="o", droits=["admin"])
    registry.revoke(store, a.id)
    assert registry.count_per_region(store) == {"53": 1, "11": 1, "national": 1}


def test_admin_routes(tmp_path):
    with client(tmp_path) as c:
        admin = auth(key(c.store, ["admin"], nom="ARS"))
        r = c.post("/api/v1/applications", headers=admin, json={
            "nom": "GHT", "region": "53", "proprietaire": "GHT Haute Bretagne",
            "droits": ["editeur"], "eg_ids": [EG_RENNES]})
        assert r.status_code == 201
        k = r.json()["cle"]
        stored = registry.authenticate(c.store, k)  # the key works: the application is stored
        assert (stored.nom, stored.region, stored.eg_ids) == ("GHT", "53", (EG_RENNES,))
        listing = c.get("/api/v1/applications", headers=admin).json()["applications"]
        assert [a["nom"] for a in listing] == ["ARS", "GHT"] and k not in str(listing)
        assert c.get("/api/v1/applications/par-region", headers=admin).json() == {
            "par_region": {"53": 2}}
        assert_error(c.delete("/api/v1/applications/999", headers=admin), 404)
        assert_error(c.post("/api/v1/applications", headers=admin, json={
            "nom": "x", "proprietaire": "y", "droits": ["root"]}), 400, field="droits")


def test_cli_applications_create_list_revoke(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite")
    make_store(Path(db)).close()
    assert main(["applications", "--db", db, "create", "--nom", "SAMU 29", "--region", "53",
                 "--proprietaire", "CHU Brest", "--droits", "lecture_regulation"]) == 0
    out = capsys.readouterr().out
    k = re.search(r"ror_[A-Za-z0-9_-]+", out).group(0)
    assert registry.authenticate(Store(db), k).nom == "SAMU 29"
    assert main(["applications", "--db", db, "list"]) == 0
    listing = capsys.readouterr().out
    assert "SAMU 29" in listing and k not in listing
    assert main(["applications", "--db", db, "revoke", "1"]) == 0
    with pytest.raises(AuthenticationError):
        registry.authenticate(Store(db), k)
    assert main(["applications", "--db", db, "create", "--nom", "x", "--proprietaire", "y",
                 "--droits", "editeur"]) == 2
    assert "eg_ids" in capsys.readouterr().err


def test_token_bucket_refuses_then_refills():
    now = [0.0]
    rl = RateLimiter(60, burst=2, clock=lambda: now[0])
    rl.take("a")
    rl.take("a")
    with pytest.raises(RateLimitedError) as exc:
        rl.take("a")
    assert exc.value.retry_after == 1
    rl.take("b")  # per caller
    now[0] += 1.0
    rl.take("a")


def test_rate_limit_is_429_with_retry_after(tmp_path):
    with client(tmp_path, rate_limit_per_minute=3) as c:
        k = key(c.store, ["lecture_publique"])
        statuses = [c.get("/api/v1/nomenclatures", headers=auth(k)).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        r = c.get("/api/v1/nomenclatures", headers=auth(k))
        assert_error(r, 429, code="rate_limited")
        assert int(r.headers["retry-after"]) >= 1
        other = key(c.store, ["lecture_publique"])
        assert c.get("/api/v1/nomenclatures", headers=auth(other)).status_code == 200


def test_openapi_lists_every_route_with_a_response_model():
    doc = create_app(Settings()).openapi()
    for path, ops in doc["paths"].items():
        if not path.startswith("/api/v1/") or "peuplement" in path:
            continue
        for method, op in ops.items():
            ok = op["responses"].get("200") or op["responses"].get("201")
            assert ok, (method, path)
            content = ok.get("content", {})
            schema = content.get("application/json", {}).get("schema")
            assert schema or "text/csv" in content, (method, path)
            assert op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
                "ErreurOut")
    assert "ErreurOut" in doc["components"]["schemas"]
    for path in ("/api/v1/recherche", "/api/v1/extraction"):
        names = {p["name"] for p in doc["paths"][path]["get"]["parameters"]}
        assert {"texte", "aptitudes", "lat", "lon", "rayon_km", "limit", "curseur", "fields"} <= names


def test_docs_describe_every_api_route():
    text = DOC.read_text(encoding="utf-8")
    doc = create_app(Settings()).openapi()
    for path, ops in doc["paths"].items():
        if path.startswith("/api/v1/peuplement") or not path.startswith(("/api/v1", "/healthz")):
            continue
        for method in ops:
            pattern = path.replace("{uo_id}", "{uo_id}").replace("{app_id}", "{id}")
            assert f"{method.upper()} {pattern}" in text or (
                f"{method.upper()}" in text and pattern in text), (method, path)


def test_search_criteria_in_docs_cover_the_wire_model():
    from ror_orientation.web.wire import RechercheIn

    text = DOC.read_text(encoding="utf-8")
    missing = [f for f in RechercheIn.model_fields if f"`{f}`" not in text]
    assert missing == []
