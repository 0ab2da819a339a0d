"""The access matrix, generated from the OpenAPI document: every operation × every kind of caller,
over an offer holding a sensitive unit, an unpublished one and a confidential contact.

For each pair: the status is the one the rights model allows (docs/security.md); nothing hidden
(sensitive or unpublished unit, confidential or restricted phone) reaches a caller without the right;
and wherever a caller may not see a unit, every answer about it (status, body, headers) is the answer
about a unit that does not exist. A route added later is covered by the generic checks (no 5xx, no
leak, bad keys refused, hidden = missing) until its row is added to EXPECTED.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ror_orientation import applications
from tests.api_support import (
    CONFIDENTIAL_PHONE,
    EG_RENNES,
    EG_VANNES,
    RESTRICTED_PHONE,
    SECRET_PHONE,
    auth,
    key,
)
from tests.test_securite_fuites import DIRECTION_PHONE, LITS, _client, offre_probe

CALLERS = ("anonyme", "public", "regulation", "editeur", "editeur_autre", "admin", "revoque",
           "malforme")
HIDDEN_UNITS = ("uo-sensible", "uo-valide")  # both of EG_RENNES
MISSING = "uo-nexistepas"
SECRETS = (SECRET_PHONE, CONFIDENTIAL_PHONE, DIRECTION_PHONE, RESTRICTED_PHONE, *HIDDEN_UNITS,
           "Unité de soins protégée", "Unité validée non publiée")
READ, KEYED = "read", "keyed"
OK = {200, 201, 204, 304}

# (method, path) → caller → allowed statuses (the unit in a path is the visible "uo-unv")
_READERS = {"anonyme": OK, "public": OK, "regulation": OK, "editeur": OK, "editeur_autre": OK,
            "admin": OK, "revoque": {401}, "malforme": {401}}
_ADMIN = {"anonyme": {401}, "public": {403}, "regulation": {403}, "editeur": {403},
          "editeur_autre": {403}, "admin": OK | {404}, "revoque": {401}, "malforme": {401}}
EXPECTED: dict[tuple[str, str], dict[str, set[int]]] = {
    ("GET", "/healthz"): {c: OK for c in CALLERS},
    ("GET", "/api/v1/unites/{uo_id}/capacites/historique"): {
        "anonyme": {401}, "public": {403}, "regulation": OK, "editeur": OK,
        "editeur_autre": {403}, "admin": OK, "revoque": {401}, "malforme": {401}},
    ("PUT", "/api/v1/unites/{uo_id}/capacites"): {
        "anonyme": {401}, "public": {403}, "regulation": {403}, "editeur": OK,
        "editeur_autre": {403}, "admin": OK, "revoque": {401}, "malforme": {401}},
    ("POST", "/api/v1/capacites"): {**_READERS, "anonyme": {401}},
    ("GET", "/api/v1/applications"): _ADMIN,
    ("POST", "/api/v1/applications"): _ADMIN,
    ("GET", "/api/v1/applications/par-region"): _ADMIN,
    ("DELETE", "/api/v1/applications/{app_id}"): _ADMIN,
}
for _path in ("/api/v1/recherche", "/api/v1/unites/{uo_id}", "/api/v1/etablissements/{eg_id}",
              "/api/v1/nomenclatures", "/api/v1/nomenclatures/{table}", "/api/v1/suggest",
              "/api/v1/communes/suggest", "/api/v1/extraction", "/api/v1/peuplement",
              "/api/v1/peuplement/series/{region}", "/api/v1/peuplement/qualite",
              "/api/v1/peuplement/etablissements", "/api/v1/peuplement/eg/{eg_id}",
              "/api/v1/peuplement/carte"):
    EXPECTED[("GET", _path)] = _READERS
for _path in ("/api/v1/recherche", "/api/v1/extraction"):
    EXPECTED[("POST", _path)] = _READERS
# the PDF sheet is a page (not in the API document) but serves the same unit data
EXTRA_OPERATIONS = [("GET", "/uo/{uo_id}/fiche.pdf")]
EXPECTED[("GET", "/uo/{uo_id}/fiche.pdf")] = _READERS

PARAMS = {"kind": "uo", "table": "TRE_R227", "region": "53", "eg_id": EG_RENNES, "app_id": "987654",
          "email": "personne@exemple.fr", "job": "inconnu", "fichier": "HealthcareService.ndjson",
          "resource_type": "HealthcareService"}
QUERIES = {"/api/v1/suggest": {"q": "neuro"}, "/api/v1/communes/suggest": {"q": "ren"},
           "/api/v1/recherche": {"limit": 50, "expliquer": "true"},
           "/api/v1/extraction": {"format": "jsonl"},
           "/api/v1/peuplement/eg/{eg_id}": {"date_ouverture": "facultative"},
           "/api/v1/peuplement/qualite": {"date_ouverture": "facultative"}}


def _body(method: str, path: str, uo_id: str) -> Any:
    if method not in ("POST", "PUT"):
        return None
    if path == "/api/v1/capacites":
        return {"mises_a_jour": [{"uo_id": uo_id, **LITS}]}
    if path.endswith("/capacites"):
        return LITS
    if path == "/api/v1/applications":
        return {"nom": "matrice", "proprietaire": "ARS", "droits": ["lecture_publique"]}
    return {}


def operations(app: Any) -> list[tuple[str, str]]:
    ops = [(m.upper(), p) for p, item in app.openapi()["paths"].items() for m in item
           if m in ("get", "post", "put", "delete", "patch")]
    return ops + EXTRA_OPERATIONS


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("matrice") / "api.sqlite"
    for c in _client(path, offre_probe()):
        store = c.store  # type: ignore[attr-defined]
        revoked = key(store, ["lecture_regulation"], nom="ancien SAMU")
        app_id = applications.authenticate(store, revoked).id
        applications.revoke(store, app_id)
        c.headers_of = {  # type: ignore[attr-defined]
            "anonyme": {},
            "public": auth(key(store, ["lecture_publique"], nom="grand public")),
            "regulation": auth(key(store, ["lecture_regulation"], nom="SAMU 35")),
            "editeur": auth(key(store, ["editeur"], (EG_RENNES,), nom="GHT Rennes")),
            "editeur_autre": auth(key(store, ["editeur"], (EG_VANNES,), nom="GHT Vannes")),
            "admin": auth(key(store, ["admin"], nom="ARS")),
            "revoque": auth(revoked),
            "malforme": {"Authorization": "Bearer"},
        }
        yield c


def _call(c: TestClient, caller: str, method: str, path: str, uo_id: str) -> Any:
    url = path.format(**{**PARAMS, "uo_id": uo_id, "record_id": uo_id, "fhir_id": uo_id})
    body = _body(method, path, uo_id)
    return c.request(method, url, params=QUERIES.get(path),  # type: ignore[arg-type]
                     headers=c.headers_of[caller],  # type: ignore[attr-defined]
                     **({"json": body} if body is not None else {}))


def _sees_hidden(caller: str) -> bool:
    return caller in ("regulation", "editeur", "admin")


def _comparable(resp: Any, uo_id: str) -> tuple[int, str, dict[str, str]]:
    headers = {k: v for k, v in resp.headers.items() if k not in ("content-length", "date")}
    return resp.status_code, resp.text.replace(uo_id, "<uo>"), headers


def test_access_matrix(api: TestClient) -> None:
    pairs, failures = 0, []
    ops = operations(api.app)
    assert len(ops) >= 24
    for method, path in ops:
        for caller in CALLERS:
            pairs += 1
            r = _call(api, caller, method, path, "uo-unv")
            where = f"{method} {path} as {caller}: {r.status_code} {r.text[:200]}"
            if r.status_code >= 500:
                failures.append(f"5xx: {where}")
                continue
            allowed = EXPECTED.get((method, path), {}).get(caller)
            if allowed is not None and r.status_code not in allowed:
                failures.append(f"status not in {sorted(allowed)}: {where}")
            if caller in ("revoque", "malforme") and r.status_code != 401 and path != "/healthz":
                failures.append(f"bad key not refused: {where}")
            if r.status_code >= 400 and path.startswith("/fhir"):  # FHIR's own error resource
                if r.json().get("resourceType") != "OperationOutcome":
                    failures.append(f"not an OperationOutcome: {where}")
            elif r.status_code >= 400:
                err = r.json().get("error", {})
                if set(err) != {"status", "code", "message", "field"}:
                    failures.append(f"not the one error shape: {where}")
            if not _sees_hidden(caller) and method == "GET":
                text = r.text if "pdf" not in path else r.content.decode("latin-1")
                leaked = [s for s in SECRETS if s in text
                          and not (s == RESTRICTED_PHONE and caller == "editeur")]
                if leaked:
                    failures.append(f"leak {leaked}: {where}")
            if ("{uo_id}" in path or "{record_id}" in path or "{fhir_id}" in path) \
                    and not _sees_hidden(caller):
                missing = _comparable(_call(api, caller, method, path, MISSING), MISSING)
                for hidden in HIDDEN_UNITS:
                    got = _comparable(_call(api, caller, method, path, hidden), hidden)
                    if got != missing:
                        failures.append(f"hidden != missing ({hidden}): {method} {path} as "
                                        f"{caller}: {got[:2]} vs {missing[:2]}")
    print(json.dumps({"route_x_right_pairs": pairs, "operations": len(ops),
                      "callers": len(CALLERS)}))
    assert not failures, "\n".join(failures)


def test_batch_items_follow_the_same_rights(api: TestClient) -> None:
    expected = {"public": 403, "regulation": 403, "editeur": 200, "editeur_autre": 403,
                "admin": 200}
    for caller, status in expected.items():
        r = _call(api, caller, "POST", "/api/v1/capacites", "uo-unv")
        assert r.json()["resultats"][0]["status"] == status, (caller, r.text)
        if caller in ("public", "editeur_autre"):  # they may not see the hidden units
            missing = _call(api, caller, "POST", "/api/v1/capacites", MISSING).json()
            want = json.dumps(missing["resultats"][0]).replace(MISSING, "<uo>")
            for hidden in HIDDEN_UNITS:
                got = _call(api, caller, "POST", "/api/v1/capacites", hidden).json()
                assert got["resultats"][0]["status"] == 404
                assert json.dumps(got["resultats"][0]).replace(hidden, "<uo>") == want
