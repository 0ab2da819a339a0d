"""Contact confidentiality at both levels (the contact's own TRE_R283 level and each telecom's), per
level × right, through every door that serves a phone: the unit sheet (JSON), the site sheet (JSON,
its contacts and its phone), the unit's page and PDF, the search results and the extractions (CSV and
JSON lines). A phone reaches a caller only when both levels are within the caller's rights: level 1
for everyone, 2 and 3 for regulators, administrators and the editors of that site. (The unit page is
drawn by its script from the JSON sheet: the page itself carries no phone.)"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace

import pypdf
import pytest
from fastapi.testclient import TestClient

from ror_orientation.offre import Canal, Confidentialite, Contact, Offre, Telecom
from tests.api_support import EG_RENNES, EG_VANNES, auth, build_offre, key
from tests.factories import make_uo
from tests.test_securite_fuites import _client

LEVELS = tuple(Confidentialite)
CALLERS = ("anonyme", "public", "regulation", "editeur", "editeur_autre", "admin")
FULL = {"regulation", "editeur", "admin"}  # read EG_RENNES in full


def phone(c: Confidentialite, t: Confidentialite) -> str:
    return f"02990{c.value}{t.value}000"


def site_phone(c: Confidentialite, t: Confidentialite) -> str:
    return f"02980{c.value}{t.value}000"


def visible(caller: str, c: Confidentialite, t: Confidentialite) -> bool:
    return caller in FULL or (c == t == Confidentialite.PUBLIC)


def offre_matrice() -> Offre:
    """One unit per (contact level, telecom level), whose only phone is that cell's; the site holds
    the nine cells as its own contacts, the confidential ones first."""
    offre = build_offre()
    for c in LEVELS:
        for t in LEVELS:
            offre.add(make_uo(id=f"uo-c{c.value}t{t.value}", nom=f"Unité matrice {c.value}{t.value}",
                              contacts=(Contact(fonction="Ligne directe régulation", confidentialite=c,
                                                telecoms=(Telecom(Canal.TELEPHONE, phone(c, t), t),)),)))
    cells = sorted(((c, t) for c in LEVELS for t in LEVELS), key=lambda ct: (-int(ct[0]), -int(ct[1])))
    eg = offre.eg[EG_RENNES]
    offre.eg[EG_RENNES] = replace(eg, telephone=site_phone(*cells[-1]), contacts=tuple(
        Contact(nature="Standard", confidentialite=c,
                telecoms=(Telecom(Canal.TELEPHONE, site_phone(c, t), t),)) for c, t in cells))
    return offre


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    for c in _client(tmp_path_factory.mktemp("matrice") / "api.sqlite", offre_matrice()):
        store = c.store  # type: ignore[attr-defined]
        c.headers_of = {  # type: ignore[attr-defined]
            "anonyme": {},
            "public": auth(key(store, ["lecture_publique"])),
            "regulation": auth(key(store, ["lecture_regulation"])),
            "editeur": auth(key(store, ["editeur"], (EG_RENNES,))),
            "editeur_autre": auth(key(store, ["editeur"], (EG_VANNES,))),
            "admin": auth(key(store, ["admin"])),
        }
        yield c


def _get(api: TestClient, caller: str, path: str, **params: str | int) -> str:
    r = api.get(path, params=params, headers=api.headers_of[caller])  # type: ignore[attr-defined]
    assert r.status_code == 200, (caller, path, r.text)
    if path.endswith(".pdf"):  # the PDF's text, spaces and line breaks out (phones are printed "02 99 ...")
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(r.content)).pages)
        return "".join(text.split())
    return r.text


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("door", ["sheet", "page", "pdf"])
def test_unit_doors_per_level_and_right(api: TestClient, caller: str, door: str) -> None:
    for c in LEVELS:
        for t in LEVELS:
            uo = f"uo-c{c.value}t{t.value}"
            path = {"sheet": f"/api/v1/unites/{uo}", "page": f"/uo/{uo}", "pdf": f"/uo/{uo}/fiche.pdf"}[door]
            body = _get(api, caller, path)
            if door == "page":  # the page is drawn from the sheet above: no phone in the HTML itself
                assert phone(c, t) not in body
                continue
            assert (phone(c, t) in body) == visible(caller, c, t), (caller, door, c, t)
            if door == "sheet":
                shown = [x["valeur"] for k in json.loads(body)["contacts"] for x in k["telecoms"]]
                assert shown == ([phone(c, t)] if visible(caller, c, t) else [])


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_extractions_and_search_per_level_and_right(api: TestClient, caller: str, fmt: str) -> None:
    """The number to call of each unit is its only phone, or nothing when the caller may not see it
    (the contact's level counts even when the telecom itself is public)."""
    extraction = _get(api, caller, "/api/v1/extraction", format=fmt, limit=200, ouvert_maintenant="false")
    results = json.loads(_get(api, caller, "/api/v1/recherche", limit=100, ouvert_maintenant="false"))
    assert any(r["uo_id"] == "uo-c1t1" for r in results["resultats"])  # the units are found
    flat = "".join(extraction.split())  # numbers are printed "02 99 01 10 00"
    found = "".join(json.dumps(results).split())
    for c in LEVELS:
        for t in LEVELS:
            assert (phone(c, t) in flat) == visible(caller, c, t), (caller, fmt, c, t)
            assert (phone(c, t) in found) == visible(caller, c, t), (caller, c, t)


@pytest.mark.parametrize("caller", CALLERS)
def test_site_sheet_per_level_and_right(api: TestClient, caller: str) -> None:
    fiche = json.loads(_get(api, caller, f"/api/v1/etablissements/{EG_RENNES}"))
    shown = {x["valeur"] for k in fiche["contacts"] for x in k["telecoms"]}
    assert shown == {site_phone(c, t) for c in LEVELS for t in LEVELS if visible(caller, c, t)}
    # the site's phone: the first the caller may see (a confidential one first for full readers)
    expected = site_phone(Confidentialite.CONFIDENTIEL, Confidentialite.CONFIDENTIEL) if caller in FULL \
        else site_phone(Confidentialite.PUBLIC, Confidentialite.PUBLIC)
    assert fiche["telephone"] == expected
    body = json.dumps(fiche)
    for c in LEVELS:
        for t in LEVELS:
            assert (site_phone(c, t) in body) == visible(caller, c, t), (caller, c, t)
