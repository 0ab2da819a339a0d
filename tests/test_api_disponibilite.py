"""Honest answers through HTTP: one bed figure on cards, sheets, extractions and the PDF; crisis;
per-item batch isolation; ROR ids with a slash on every route; the phone to call; the scenarios 5, 6,
9 and 10 of the use cases, end to end."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pypdf
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ror_orientation.api import create_app
from ror_orientation.horaires import Horaires
from ror_orientation.offre import (
    Canal,
    Capacite,
    Confidentialite,
    Contact,
    Coordonnees,
    Offre,
    Telecom,
)
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.api_support import assert_error, auth, concept_index, key
from tests.factories import make_eg, make_ej, make_uo

RENNES, BREST, LORIENT, SAINT_MALO = "350005179", "290000017", "560008799", "350000022"
ROR_ID = "24/1073"


def ago(minutes: float) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


def cap(nature="01", statut="02", temporalite="01", genre="04", nombre=1, minutes=5.0, **kw):
    return Capacite(nature, statut, temporalite, genre, nombre, maj=ago(minutes), **kw)


def plan_blanc(n: int, minutes: float = 7.0, type_lit: str = "01") -> Capacite:
    return cap(statut="06", nombre=n, minutes=minutes, crise="02", type_lit_supplementaire=type_lit)


REGULATION = "0299000001"
SOIGNANT = "0299000002"
SECRETARIAT = "0299284321"


def contacts() -> tuple[Contact, ...]:
    return (
        Contact(fonction="Secrétariat", nature="administratif",
                telecoms=(Telecom(Canal.TELEPHONE, SECRETARIAT, Confidentialite.PUBLIC),)),
        Contact(fonction="Cadre de santé", nature="soignant",
                telecoms=(Telecom(Canal.TELEPHONE, SOIGNANT, Confidentialite.RESTREINT),)),
        Contact(fonction="Ligne directe régulation", nature="medical",
                telecoms=(Telecom(Canal.TELEPHONE, REGULATION, Confidentialite.CONFIDENTIEL),)),
    )


def build() -> Offre:
    """The issue's three units, and the shapes that used to lie."""
    offre = Offre()
    offre.add(make_ej())
    offre.add(make_eg(nom="CHU RENNES HOPITAL SUD"))
    offre.add(make_eg(id=BREST, nom="CHRU BREST MORVAN", coordonnees=Coordonnees(48.3904, -4.4861),
                      departement="29"))
    offre.add(make_eg(id=LORIENT, nom="EHPAD LORIENT", coordonnees=Coordonnees(47.7500, -3.3700),
                      departement="56"))
    offre.add(make_eg(id=SAINT_MALO, nom="SMR DINARD", coordonnees=Coordonnees(48.6250, -2.0600)))
    always = Horaires(permanent=True)
    offre.add(make_uo(id="usinv-rennes", nom="USINV Rennes Hôpital Sud", actes=("0460",),
                      horaires=always, contacts=contacts(), genere=True,
                      capacites=(cap(statut="01", nombre=12, minutes=60 * 24 * 40), cap(nombre=1),
                                 plan_blanc(6))))
    offre.add(make_uo(id="urg-ped-brest", eg_id=BREST, nom="Urgences pédiatriques Brest",
                      age_min=0, age_max=17, horaires=always,
                      capacites=(cap(nombre=0), cap(statut="03", nombre=5), plan_blanc(7))))
    offre.add(make_uo(id="uvp-lorient", eg_id=LORIENT, nom="UVP EHPAD Lorient", champ="04",
                      mode_prise_en_charge="46", age_min=60, horaires=always,
                      capacites=(cap("03", "01", nombre=14, minutes=60 * 24 * 90), cap("03", nombre=2),
                                 cap("03", temporalite="05", nombre=4))))
    offre.add(make_uo(id="dialyse", nom="Hémodialyse en centre", activite="059", actes=("0657",),
                      mode_prise_en_charge="32", horaires=always,
                      capacites=(cap("02", "01", nombre=12, minutes=60 * 24 * 10), cap("02", nombre=3))))
    offre.add(make_uo(id="smur", nom="SMUR", mode_prise_en_charge="59", horaires=always, capacites=(),
                      contacts=(Contact(fonction="Cadre de santé", nature="soignant",
                                        telecoms=(Telecom(Canal.TELEPHONE, ""),)),)))
    offre.add(make_uo(id="stale-mix", nom="Neurologie mélange", horaires=always,
                      capacites=(cap(nombre=1, minutes=9 * 60), plan_blanc(6, minutes=7))))
    offre.add(make_uo(id="zero-crise", nom="Zéro mobilisable", horaires=always,
                      capacites=(cap(nombre=2), plan_blanc(0), plan_blanc(5, type_lit="02"))))
    offre.add(make_uo(id=ROR_ID, nom="Unité au format ROR", horaires=always, id_externe_synchro="R-1073",
                      capacites=(cap(nombre=4),)))
    offre.add(make_uo(id="smr-dinard", eg_id=SAINT_MALO, nom="SMR locomoteur Dinard", champ="02",
                      activite="233", categorie_organisation="102", age_min=16, horaires=always,
                      capacites=(cap(nombre=0), cap(temporalite="05", nombre=2))))
    for i in range(40):  # a bed manager's 40 units (use case 10)
        offre.add(make_uo(id=f"bm-{i:02d}", nom=f"Unité {i:02d}", id_externe_synchro=f"BM-{i:02d}",
                          horaires=always, capacites=(cap(nombre=1, minutes=600),)))
    return offre


def open_client(path: Path) -> tuple[TestClient, Any]:
    from ror_orientation.engine import Engine

    store = Store(path / "s.sqlite")
    store.import_offre(build(), source="test")
    engine = Engine.build(store.load_offre(), concept_index(), nomenclatures=store.nomenclatures)
    app = create_app(Settings(db=path / "s.sqlite"), engine=engine, store=store)
    return TestClient(app, raise_server_exceptions=False), store


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    c, store = open_client(tmp_path_factory.mktemp("dispo"))
    with c:
        c.store = store  # type: ignore[attr-defined]
        c.reg = key(store, ["lecture_regulation"], nom="SAMU 35")  # type: ignore[attr-defined]
        c.pub = key(store, ["lecture_publique"], nom="public")  # type: ignore[attr-defined]
        c.ed = key(store, ["editeur"], (RENNES,), nom="GHT")  # type: ignore[attr-defined]
        c.ed_brest = key(store, ["editeur"], (BREST,), nom="Brest")  # type: ignore[attr-defined]
        yield c


def callers(api: TestClient) -> dict[str, dict[str, str]]:
    return {"anonyme": {}, "public": auth(api.pub),  # type: ignore[attr-defined]
            "regulation": auth(api.reg),  # type: ignore[attr-defined]
            "editeur": auth(api.ed),  # type: ignore[attr-defined]
            "editeur_autre": auth(api.ed_brest)}  # type: ignore[attr-defined]


def card(api: TestClient, uo_id: str, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    q = {"ouvert_maintenant": "false", "limit": 100, "national": "true", **params}
    rows = api.get("/api/v1/recherche", params=q, headers=headers).json()["resultats"]
    return next(r for r in rows if r["uo_id"] == uo_id)


def csv_row(api: TestClient, uo_id: str, headers: dict[str, str]) -> dict[str, str]:
    text = api.get("/api/v1/extraction", params={"format": "csv", "ouvert_maintenant": "false"},
                   headers=headers).text
    return next(r for r in csv.DictReader(io.StringIO(text)) if r["uo_id"] == uo_id)


def pdf_text(api: TestClient, uo_id: str, headers: dict[str, str]) -> str:
    body = api.get(f"/uo/{quote(uo_id, safe='')}/fiche.pdf", headers=headers).content
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    return re.sub(r"\s+", " ", text)


def same_figure(a: dict[str, Any], b: dict[str, Any]) -> None:
    """Two `disponibilite` objects say the same thing (ages differ by the time between requests)."""
    for k in ("natures", "unite", "sans_objet", "visible", "nombre", "perime", "texte", "crise"):
        assert a[k] == b[k], k
    for part in ("compte", "maintenant", "installe"):
        assert (a[part] or {}).get("maj") == (b[part] or {}).get("maj"), part
    assert [p["nombre"] for p in a["previsions"]] == [p["nombre"] for p in b["previsions"]]


# --- the three units of the issue ------------------------------------------------------------------
def test_the_three_units_show_one_figure_everywhere(api):
    h = auth(api.reg)
    expected = {
        "usinv-rennes": (7, "1 lit disponible + 6 supplémentaires (Plan blanc)", "02"),
        "urg-ped-brest": (7, "0 lit disponible + 7 supplémentaires (Plan blanc)", "02"),
        "uvp-lorient": (2, "2 logements disponibles", None),
    }
    for uo_id, (n, texte, crise) in expected.items():
        c = card(api, uo_id, h)
        sheet = api.get(f"/api/v1/unites/{uo_id}", headers=h).json()
        row = csv_row(api, uo_id, h)
        assert c["lits_disponibles"] == n and c["disponibilite"]["texte"] == texte
        assert c["crise"] == crise
        same_figure(c["disponibilite"], sheet["disponibilite"])
        assert row["lits_disponibles"] == str(n) and row["lits_texte"] == texte
        assert texte in pdf_text(api, uo_id, h)
    lorient = card(api, "uvp-lorient", h)["disponibilite"]
    assert [(p["temporalite"], p["nombre"], p["prevision"]) for p in lorient["previsions"]] == [
        ("05", 4, True)]
    assert "Prévision +7 j (pas une disponibilité actuelle) : 4" in pdf_text(api, "uvp-lorient", h)
    assert "Données générées" in pdf_text(api, "usinv-rennes", h)
    assert card(api, "usinv-rennes", h)["genere"] is True


def test_freshness_is_the_oldest_record_and_no_capacity_is_sans_objet(api):
    h = auth(api.reg)
    mix = card(api, "stale-mix", h)
    assert mix["lits_perimes"] is True and mix["disponibilite"]["compte"]["age_minutes"] >= 9 * 60 - 1
    smur = card(api, "smur", h)
    assert smur["lits_perimes"] is None and smur["disponibilite"]["sans_objet"]
    assert "PÉRIMÉ" not in pdf_text(api, "smur", h)
    sheet = api.get("/api/v1/unites/usinv-rennes", headers=h).json()
    installe = next(c for c in sheet["capacites"] if c["statut"]["code"] == "01")
    assert installe["perime"] is False  # 40 days old: within the months of its own horizon


def test_places_are_counted_where_the_unit_counts_places(api):
    c = card(api, "dialyse", auth(api.reg))
    assert c["lits_disponibles"] == 3 and c["disponibilite"]["unite"] == "places"


def test_sparse_answers_keep_the_figures(api):
    h = auth(api.reg)
    for params in ({"expliquer": "false"},
                   {"fields": "nom,lits_disponibles,lits_maj,lits_perimes,ouvert"}):
        c = card(api, "usinv-rennes", h, **params)
        assert c["lits_disponibles"] == 7 and c["lits_maj"] and c["lits_perimes"] is False
        assert c["ouvert"] is True and c.get("explication") is None


def test_crisis_only_when_beds_are_mobilised_and_regulators_can_filter(api):
    h = auth(api.reg)
    assert card(api, "zero-crise", h)["crise"] is None
    assert "Plan blanc" not in card(api, "zero-crise", h)["disponibilite"]["texte"]
    assert card(api, "zero-crise", h)["lits_disponibles"] == 2
    eg = api.get(f"/api/v1/etablissements/{RENNES}", headers=h).json()
    assert eg["en_crise"] is True and eg["crises"] == ["02"]
    assert api.get(f"/api/v1/etablissements/{LORIENT}", headers=h).json()["en_crise"] is False
    assert api.get(f"/api/v1/etablissements/{RENNES}").json()["en_crise"] is None
    ids = {r["uo_id"] for r in api.get("/api/v1/recherche", params={
        "en_crise": "true", "ouvert_maintenant": "false", "limit": 100}, headers=h).json()["resultats"]}
    assert "urg-ped-brest" in ids and "usinv-rennes" in ids and "uvp-lorient" not in ids
    assert_error(api.get("/api/v1/recherche?en_crise=true"), 403, field="en_crise")
    public = card(api, "usinv-rennes", {})  # public readers: installed capacity only
    assert public["crise"] is None and public["explication"]["crise"] is None
    assert not any("crise" in c for c in public["explication"]["criteres"])
    assert any("crise" in c for c in card(api, "usinv-rennes", h)["explication"]["criteres"])


def test_the_phone_on_a_card_is_the_one_to_call(api):
    assert card(api, "usinv-rennes", auth(api.reg))["telephone"] == "02 99 00 00 01"
    assert card(api, "usinv-rennes", auth(api.reg))["telephone_fonction"] == "Ligne directe régulation"
    assert card(api, "usinv-rennes", {})["telephone"] == "02 99 28 43 21"
    assert card(api, "smur", auth(api.reg))["telephone"] is None  # an empty number is no number


# --- one figure for any unit and any caller --------------------------------------------------------
CAPS = st.lists(st.builds(
    Capacite,
    nature=st.sampled_from(("01", "02")),
    statut=st.sampled_from(("01", "02", "02", "03", "06")),
    temporalite=st.sampled_from(("01", "01", "03", "05")),
    genre=st.sampled_from(("01", "02", "04")),
    nombre=st.integers(0, 9),
    maj=st.integers(1, 3000).map(ago),
    crise=st.sampled_from((None, "02")),
    type_lit_supplementaire=st.sampled_from((None, "01", "02")),
), max_size=5).map(lambda cs: tuple({c.key: c for c in cs
                                     if (c.statut == "06") == (c.type_lit_supplementaire is not None)
                                     and not (c.statut == "01" and c.temporalite != "01")}.values()))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(caps=CAPS, crise=st.booleans(), mode=st.sampled_from(("28", "32")), qui=st.sampled_from(
    ("anonyme", "public", "regulation", "regulation", "editeur", "editeur_autre")))
def test_list_sheet_extraction_and_pdf_agree_for_any_unit_and_caller(api, caps, crise, mode, qui):
    if crise:  # half the units are in a plan blanc, whatever else they declare
        caps = tuple(c for c in caps if c.statut != "06") + (plan_blanc(3, minutes=30),)
    svc = api.app.state.service
    uo = replace(svc.store.get_uo("bm-39"), capacites=caps, mode_prise_en_charge=mode)
    offre = Offre()
    offre.add(uo)
    svc.store.import_offre(offre, source="test", check=False)
    svc.engine.update_uo(uo)
    h = callers(api)[qui]
    c = card(api, "bm-39", h)
    sheet = api.get("/api/v1/unites/bm-39", headers=h).json()
    row = csv_row(api, "bm-39", h)
    d = c["disponibilite"]
    same_figure(d, sheet["disponibilite"])
    assert row["lits_texte"] == d["texte"]
    assert row["lits_disponibles"] == ("" if c["lits_disponibles"] is None else str(c["lits_disponibles"]))
    assert d["texte"].removesuffix(" — PÉRIMÉ") in pdf_text(api, "bm-39", h)
    if qui in ("regulation", "editeur"):
        assert d["visible"]
    else:
        assert c["lits_disponibles"] is None and d["maintenant"] is None


# --- every ROR id reachable --------------------------------------------------------------------------
@pytest.mark.parametrize("form", [ROR_ID, quote(ROR_ID, safe="")])
def test_ror_ids_with_a_slash_reach_every_route(api, form):
    h = auth(api.ed)
    assert api.get(f"/api/v1/unites/{form}", headers=h).json()["id"] == ROR_ID
    page = api.get(f"/uo/{form}")
    assert page.status_code == 200 and "24/1073" in page.text
    pdf = api.get(f"/uo/{form}/fiche.pdf", headers=h)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    put = api.put(f"/api/v1/unites/{form}/capacites", headers=h,
                  json={"capacites": [{"nature": "01", "statut": "02", "temporalite": "01",
                                       "genre": "04", "nombre": 5}]})
    assert put.status_code == 200 and put.json()["uo_id"] == ROR_ID
    hist = api.get(f"/api/v1/unites/{form}/capacites/historique", headers=h)
    assert hist.status_code == 200 and hist.json()["uo_id"] == ROR_ID
    assert csv_row(api, ROR_ID, h)["lits_disponibles"] == "5"
    batch = api.post("/api/v1/capacites", headers=h, json={"mises_a_jour": [
        {"uo_id": ROR_ID, "capacites": [{"nature": "01", "statut": "02", "temporalite": "01",
                                         "genre": "04", "nombre": 4}]}]})
    assert batch.json()["resultats"][0]["status"] == 200
    assert_error(api.get("/api/v1/unites/24/9999"), 404)
    # a route's own suffix is never read as part of an id (nor is a word after a slash)
    assert api.get("/api/v1/unites/usinv-rennes/brouillon").json()["error"]["message"] == "no such route"
    paths = api.get("/openapi.json").json()["paths"]
    assert "/api/v1/unites/{uo_id}" in paths and "/api/v1/unites/{uo_id}/capacites" in paths


# --- scenarios ---------------------------------------------------------------------------------------
def test_scenario_5_plan_blanc_through_http(api):
    """A hospital switches to plan blanc: its mobilised extra beds count, regulators see the crisis."""
    h = auth(api.reg)
    assert card(api, "dialyse", h)["crise"] is None
    r = api.put("/api/v1/unites/stale-mix/capacites", headers=auth(api.ed), json={"capacites": [
        {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 1}]})
    assert r.status_code == 200
    found = api.get("/api/v1/recherche", params={"lits_min": 7, "commune": "35238", "limit": 50},
                    headers=h).json()
    ids = [x["uo_id"] for x in found["resultats"]]
    assert "usinv-rennes" in ids and "stale-mix" in ids
    c = next(x for x in found["resultats"] if x["uo_id"] == "stale-mix")
    assert c["disponibilite"]["texte"] == "1 lit disponible + 6 supplémentaires (Plan blanc)"
    assert c["crise"] == "02" and c["lits_perimes"] is False


def test_scenario_6_smr_places_in_the_next_seven_days(api):
    h = auth(api.reg)
    body = {"profil": "aval", "champs": ["02"], "categories_organisation": ["102"], "age": 81,
            "sexe": "F", "lits_min": 1, "temporalite_lits": "05", "commune": "35288",
            "rayon_km": 30, "elargir": False}
    res = api.post("/api/v1/recherche", json=body, headers=h).json()["resultats"]
    assert [r["uo_id"] for r in res] == ["smr-dinard"]
    d = res[0]["disponibilite"]
    assert res[0]["lits_disponibles"] == 2 and d["compte"]["prevision"] is True
    assert d["texte"].startswith("prévision +7 j : 2") and d["maintenant"]["nombre"] == 0
    now = api.post("/api/v1/recherche", json=body | {"temporalite_lits": "01"}, headers=h).json()
    assert now["resultats"] == []  # a forecast never counts as now


def test_scenario_9_mobile_dialy_shows_free_places(api):
    sugg = api.get("/api/v1/suggest?q=dialy&limit=10").json()["suggestions"]
    hemo = next(s for s in sugg if "Hémodialyse" in s["libelle"])
    h = auth(api.reg)
    res = api.get("/api/v1/recherche", params={
        "aptitudes": hemo["concept"], "lat": 48.11, "lon": -1.68, "limit": 10,
        "fields": "nom,distance_km,telephone,lits_disponibles"}, headers=h).json()["resultats"]
    assert res and res[0]["uo_id"] == "dialyse" and res[0]["lits_disponibles"] == 3
    assert set(res[0]) == {"uo_id", "nom", "distance_km", "telephone", "lits_disponibles"}
    first = api.get("/api/v1/unites/dialyse", headers=h)
    again = api.get("/api/v1/unites/dialyse", headers=h | {"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_scenario_10_bed_feed_isolates_each_item(api):
    h = auth(api.ed)
    good = {"nature": "01", "statut": "02", "temporalite": "01", "genre": "04", "nombre": 2}
    items = [{"id_externe_synchro": f"BM-{i:02d}", "capacites": [good]} for i in range(39)]
    items.append({"id_externe_synchro": "BM-INCONNU", "capacites": [good]})
    r = api.post("/api/v1/capacites", json={"mises_a_jour": items}, headers=h).json()
    assert r["stockes"] == 39 and r["refuses"] == 1
    bad = r["resultats"][39]
    assert bad["status"] == 404 and bad["error"]["field"] == "mises_a_jour[39].id_externe_synchro"
    assert "BM-INCONNU" in bad["error"]["message"]
    assert card(api, "bm-05", auth(api.reg))["lits_disponibles"] == 2
    future = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    problems = [
        ({"uo_id": "bm-01", "capacites": [good | {"nombre": -3}]}, 400, "capacites[0].nombre"),
        ({"uo_id": "bm-01", "capacites": [good | {"statut": "99"}]}, 400, "capacites[0].statut"),
        ({"uo_id": "bm-01", "capacites": [good | {"maj": "2026-11-26T10:00:00"}]}, 400,
         "capacites[0].maj"),
        ({"uo_id": "bm-01", "capacites": [good | {"maj": future}]}, 400, "capacites[0].maj"),
        ({"uo_id": "nope", "capacites": [good]}, 404, "uo_id"),
        ({"uo_id": "urg-ped-brest", "capacites": [good]}, 403, "uo_id"),
    ]
    batch = [{"uo_id": "bm-02", "capacites": [good | {"nombre": 6}]}] + [p for p, _s, _f in problems]
    out = api.post("/api/v1/capacites", json={"mises_a_jour": batch}, headers=h).json()
    assert out["stockes"] == 1 and out["refuses"] == len(problems)
    for i, (_p, status, field) in enumerate(problems, 1):
        got = out["resultats"][i]
        assert got["index"] == i and got["status"] == status, got
        assert got["error"]["field"] == f"mises_a_jour[{i}].{field}", got
    again = api.post("/api/v1/capacites", json={"mises_a_jour": batch}, headers=h).json()
    assert [x["status"] for x in again["resultats"]] == [x["status"] for x in out["resultats"]]
    assert card(api, "bm-02", auth(api.reg))["lits_disponibles"] == 6  # idempotent
    assert card(api, "bm-01", auth(api.reg))["lits_disponibles"] == 2  # untouched by its bad items


def test_a_served_demo_store_is_aged_from_now(tmp_path):
    from ror_orientation.api import ensure_data

    store = Store(tmp_path / "d.sqlite")
    offre = build()
    week = timedelta(days=7)
    for uo in list(offre.uo.values()):
        offre.add(replace(uo, genere=True, capacites=tuple(
            replace(c, maj=c.maj - week) for c in uo.capacites)))
    store.import_offre(offre, source="generate:demo:1")
    assert ensure_data(Settings(db=tmp_path / "d.sqlite")) is None
    newest = max(c.maj for u in store.load_offre().uo.values() for c in u.capacites)
    assert datetime.now(UTC) - newest < timedelta(minutes=5)
