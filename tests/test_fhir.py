"""The FHIR door (/fhir): CapabilityStatement, read, search per parameter, _include/_revinclude,
paging, OperationOutcome errors, rights; every answer validated as FHIR by fhir.resources (its R4B
models: R4's structure for the five ROR types, Bundle, CapabilityStatement and OperationOutcome)."""

from __future__ import annotations

import importlib

import pytest

from ror_orientation.fhir import profils as P
from tests.api_support import (
    CONFIDENTIAL_PHONE,
    EG_RENNES,
    EG_VANNES,
    PUBLIC_PHONE,
    RESTRICTED_PHONE,
    SECRET_PHONE,
    auth,
    client,
    key,
)

FHIR = "application/fhir+json"


def valide(body: dict) -> dict:
    """Validate a FHIR resource (and each entry of a Bundle) with fhir.resources."""
    rtype = body["resourceType"]
    module = importlib.import_module(f"fhir.resources.R4B.{rtype.lower()}")
    getattr(module, rtype).model_validate(body)
    for e in body.get("entry", []):
        valide(e["resource"])
    return body


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("fhir")) as c:
        c.reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        c.adm = auth(key(c.store, ["admin"], nom="admin"))  # type: ignore[attr-defined]
        yield c


def get(api, url, status=200, **kw) -> dict:
    r = api.get(url, **kw)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(FHIR)
    return valide(r.json())


def ids(bundle: dict, mode: str = "match") -> list[str]:
    return [e["resource"]["id"] for e in bundle["entry"] if e["search"]["mode"] == mode]


def test_capability_statement_lists_the_types_params_and_includes_served(api):
    cs = get(api, "/fhir/metadata")
    assert cs["fhirVersion"] == "4.0.1" and cs["format"] == [FHIR]
    res = {r["type"]: r for r in cs["rest"][0]["resource"]}
    assert set(res) == set(P.TYPES)
    hs = {p["name"] for p in res["HealthcareService"]["searchParam"]}
    assert {"specialty", "characteristic", "service-category", "service-type", "patient-type",
            "age-range-low", "age-range-high", "near", "near-insee-code", "identifier", "name",
            "_lastUpdated", "_id"} <= hs
    loc = {p["name"] for p in res["Location"]["searchParam"]}
    assert {"capacity-status", "nb-capacity", "capacity", "commune-cog", "address-postalcode",
            "equipment-type"} <= loc
    assert "Organization:partof" in res["Organization"]["searchInclude"]
    assert res["HealthcareService"]["searchRevInclude"] == ["PractitionerRole:service"]
    for r in res.values():
        assert r["profile"] == P.PROFILS[r["type"]]
        # every declared parameter is accepted by the search (nothing listed that is refused)
        for p in r["searchParam"]:
            if p["type"] not in ("special", "composite"):
                assert api.get(f"/fhir/{r['type']}", params={p["name"]: "0"}).status_code in (
                    200, 400), p  # 400 only for a malformed value, never "not supported"
                body = api.get(f"/fhir/{r['type']}", params={p["name"]: "0"}).json()
                if body["resourceType"] == "OperationOutcome":
                    assert body["issue"][0]["code"] != "not-supported", p


def test_every_resource_read_is_valid_and_carries_its_profile(api):
    for rtype in P.TYPES:
        bundle = get(api, f"/fhir/{rtype}", headers=api.reg)
        assert bundle["total"] >= 1, rtype
        for rid in ids(bundle):
            res = get(api, f"/fhir/{rtype}/{rid}", headers=api.reg)
            assert res["meta"]["profile"] == [P.PROFILS[rtype]]


def test_ids_with_a_slash_are_reversible():
    for mid in ("24/1073", "uo-unv", "a.b", "é_x"):
        assert P.model_id(P.fhir_id(mid)) == mid
        assert P.role_de(P.role_id(mid, "x--y")) == (mid, "x--y")


def test_search_by_specialty_type_category_and_characteristic(api):
    assert ids(get(api, "/fhir/HealthcareService?specialty=157")) == ["uo-unv", "uo-vannes"]
    assert ids(get(api, "/fhir/HealthcareService?specialty=999999")) == []
    assert ids(get(api, "/fhir/HealthcareService?service-type=02")) == []
    assert len(ids(get(api, "/fhir/HealthcareService?service-type=01"))) == 2
    sys = P.systeme("TRE_R213")
    assert len(ids(get(api, f"/fhir/HealthcareService?characteristic={sys}|28"))) == 2
    assert ids(get(api, "/fhir/HealthcareService?characteristic=0460")) == ["uo-unv"]
    assert ids(get(api, "/fhir/HealthcareService?characteristic=TRE_R210|0460")) == ["uo-unv"]


def test_search_by_age_range_with_comparators(api):
    assert len(ids(get(api, "/fhir/HealthcareService?age-range-low=le18"))) == 2
    assert ids(get(api, "/fhir/HealthcareService?age-range-low=gt18")) == []
    assert len(ids(get(api, "/fhir/HealthcareService?age-range-high=ge130"))) == 2
    assert ids(get(api, "/fhir/HealthcareService?age-range-high=lt100")) == []


def test_search_by_identifier_name_and_id(api):
    assert ids(get(api, f"/fhir/HealthcareService?identifier={P.OFFRE}|uo-unv")) == ["uo-unv"]
    assert ids(get(api, "/fhir/HealthcareService?name=neurologie")) == ["uo-vannes"]
    assert ids(get(api, "/fhir/HealthcareService?name:contains=vasculaire")) == ["uo-unv"]
    assert ids(get(api, "/fhir/HealthcareService?_id=uo-vannes")) == ["uo-vannes"]
    assert ids(get(api, f"/fhir/Organization?identifier={EG_VANNES}")) == [f"eg-{EG_VANNES}"]
    assert ids(get(api, "/fhir/Practitioner?name=martin")) == ["10000000001"]


def test_search_by_last_updated(api):
    assert len(ids(get(api, "/fhir/Location?_lastUpdated=gt2020-01-01", headers=api.reg))) == 3
    assert ids(get(api, "/fhir/Location?_lastUpdated=lt2020-01-01", headers=api.reg)) == []


def test_near_puts_the_distance_on_each_entry_and_sorts_by_it(api):
    b = get(api, "/fhir/Location?near=48.12|-1.69|300|km")
    assert ids(b) == ["uo-unv", "uo-vannes"]
    d = [e["search"]["extension"][0] for e in b["entry"]]
    assert all(x["url"] == P.EXT_DISTANCE for x in d)
    assert d[0]["valueDistance"]["value"] < d[1]["valueDistance"]["value"]
    assert ids(get(api, "/fhir/Location?near=48.12|-1.69|20|km")) == ["uo-unv"]
    assert ids(get(api, "/fhir/HealthcareService?near-insee-code=35238|20|km")) == ["uo-unv"]


def test_search_by_commune_and_postcode(api):
    assert "uo-unv" in ids(get(api, "/fhir/Location?commune-cog=35238"))
    assert "uo-unv" in ids(get(api, "/fhir/Location?address-postalcode=350"))
    assert ids(get(api, "/fhir/Location?address-postalcode=99")) == []


def test_capacity_parameters_and_the_composite_one(api):
    reg = api.reg
    assert len(ids(get(api, "/fhir/Location?capacity-status=02", headers=reg))) == 3
    assert len(ids(get(api, "/fhir/Location?nb-capacity=ge12", headers=reg))) == 3
    assert ids(get(api, "/fhir/Location?nb-capacity=gt12", headers=reg)) == []
    # separate parameters may match different records: installed (12) and available (2)
    assert len(ids(get(api, "/fhir/Location?capacity-status=02&nb-capacity=ge12",
                       headers=reg))) == 3
    # (the regulator also sees the sensitive unit: 3 units)
    # the composite ties them to one record: no available record reaches 12
    assert ids(get(api, "/fhir/Location?capacity=02$01$04$ge12", headers=reg)) == []
    assert len(ids(get(api, "/fhir/Location?capacity=02$01$$ge2", headers=reg))) == 3
    assert len(ids(get(api, "/fhir/Location?capacity=01$$$12", headers=reg))) == 3


def test_public_readers_neither_see_nor_search_free_beds(api):
    loc = get(api, "/fhir/Location/uo-unv")
    statuts = {x["valueCodeableConcept"]["coding"][0]["code"]
               for e in loc["extension"] if e["url"] == P.EXT_CAPACITE
               for x in e["extension"] if x["url"] == "capacityStatus"}
    assert statuts == {"01"}
    assert ids(get(api, "/fhir/Location?capacity-status=02")) == []
    assert ids(get(api, "/fhir/Location?capacity=02$$$ge0")) == []


def test_sensitive_units_are_missing_for_public_readers(api):
    for url in ("/fhir/HealthcareService/uo-sensible", "/fhir/Location/uo-sensible"):
        oo = get(api, url, status=404)
        assert oo["issue"][0]["code"] == "not-found"
        absent = get(api, url.replace("uo-sensible", "nope"), status=404)
        assert oo["issue"][0]["diagnostics"].replace("uo-sensible", "nope") == \
            absent["issue"][0]["diagnostics"]
    assert "uo-sensible" not in ids(get(api, "/fhir/HealthcareService"))
    assert "uo-sensible" in ids(get(api, "/fhir/HealthcareService", headers=api.reg))
    get(api, "/fhir/HealthcareService/uo-sensible", headers=api.reg)


def test_contacts_follow_confidentiality(api):
    public = str(get(api, "/fhir/HealthcareService/uo-unv"))
    assert PUBLIC_PHONE in public
    assert RESTRICTED_PHONE not in public and CONFIDENTIAL_PHONE not in public
    full = str(get(api, "/fhir/HealthcareService/uo-unv", headers=api.reg))
    assert {PUBLIC_PHONE, RESTRICTED_PHONE, CONFIDENTIAL_PHONE} <= {
        p for p in (PUBLIC_PHONE, RESTRICTED_PHONE, CONFIDENTIAL_PHONE) if p in full}
    assert SECRET_PHONE not in str(get(api, "/fhir/HealthcareService?_count=50"))


def test_include_iterate_walks_up_partof_and_revinclude_brings_roles(api):
    b = get(api, "/fhir/HealthcareService?_id=uo-unv&_include=HealthcareService:organization"
                 "&_include:iterate=Organization:partof&_revinclude=PractitionerRole:service")
    inc = ids(b, "include")
    assert inc[:1] == ["oi-uf-unv"]
    assert {"oi-pole-neuro", f"eg-{EG_RENNES}", "ej-350000741"} <= set(inc)
    assert any(i.startswith("10000000001--") for i in inc)
    plain = get(api, "/fhir/HealthcareService?_id=uo-unv&_include=HealthcareService:organization")
    assert ids(plain, "include") == ["oi-uf-unv"]
    loc = get(api, "/fhir/HealthcareService?_id=uo-unv&_include=HealthcareService:location")
    assert ids(loc, "include") == ["uo-unv"]
    roles = get(api, "/fhir/PractitionerRole?_include=PractitionerRole:practitioner")
    assert ids(roles, "include") == ["10000000001"]


def test_paging_links_never_lose_or_repeat(api):
    seen, url = [], "/fhir/Organization?_count=2&_sort=_id"
    total = None
    while url:
        b = get(api, url.replace("http://testserver", ""))
        total = b["total"]
        seen += ids(b)
        nxt = [x["url"] for x in b["link"] if x["relation"] == "next"]
        url = nxt[0] if nxt else None
    assert len(seen) == total == len(set(seen)) >= 6
    assert seen == sorted(seen)
    desc = ids(get(api, "/fhir/Organization?_sort=-_id"))
    assert desc == sorted(seen, reverse=True)


def test_count_is_capped(api):
    b = get(api, "/fhir/Organization?_count=100000")
    assert "_count=500" in b["link"][0]["url"]


@pytest.mark.parametrize("url,status,code", [
    ("/fhir/HealthcareService?unknown=1", 400, "not-supported"),
    ("/fhir/HealthcareService?specialty:below=1", 400, "not-supported"),
    ("/fhir/HealthcareService?age-range-low=abc", 400, "invalid"),
    ("/fhir/Location?_lastUpdated=yesterday", 400, "invalid"),
    ("/fhir/Location?near=48", 400, "invalid"),
    ("/fhir/Location?capacity=02$01", 400, "invalid"),
    ("/fhir/HealthcareService?_sort=score", 400, "not-supported"),
    ("/fhir/HealthcareService?_include=Patient:x", 400, "not-supported"),
    ("/fhir/HealthcareService?_count=-1", 400, "invalid"),
    ("/fhir/Patient", 404, "not-supported"),
    ("/fhir/Patient/1", 404, "not-supported"),
    ("/fhir/Organization/zz-1", 404, "not-found"),
    ("/fhir/a/b/c", 404, "not-found"),
])
def test_errors_are_operation_outcomes_naming_the_parameter(api, url, status, code):
    oo = get(api, url, status=status)
    assert oo["resourceType"] == "OperationOutcome"
    assert oo["issue"][0]["code"] == code


def test_a_bad_key_is_an_operation_outcome(api):
    oo = get(api, "/fhir/HealthcareService", status=401,
             headers={"Authorization": "Bearer nope"})
    assert oo["issue"][0]["code"] == "login"


# -- capacity writes (item 2) -----------------------------------------------------------------------
@pytest.fixture()
def ecriture(tmp_path):
    with client(tmp_path) as c:
        c.edit = auth(key(c.store, ["editeur"], eg_ids=(EG_RENNES,), nom="edit"))  # type: ignore[attr-defined]
        c.reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        yield c


def capacite_ext(statut="02", nombre=5, **codes) -> dict:
    from ror_orientation.fhir.ressources import capacite_extension
    from ror_orientation.nomenclatures import default_nomenclatures
    from ror_orientation.offre import Capacite

    c = Capacite("01", statut, "01", codes.get("genre", "04"), nombre)
    return capacite_extension(default_nomenclatures(), c)


def test_put_location_updates_capacity_through_the_json_api_function(ecriture):
    api = ecriture
    r = api.get("/fhir/Location/uo-unv", headers=api.edit)
    tag = r.headers["etag"]
    loc = r.json()
    loc["extension"] = [e for e in loc["extension"] if e["url"] != P.EXT_CAPACITE] + [
        capacite_ext("02", 7)]
    w = api.put("/fhir/Location/uo-unv", json=loc, headers={**api.edit, "If-Match": tag})
    assert w.status_code == 200, w.text
    valide(w.json())
    assert w.headers["etag"] != tag
    # the JSON API sees the same record, and its history has the write
    sheet = api.get("/api/v1/unites/uo-unv", headers=api.reg).json()
    dispo = [c for c in sheet["capacites"] if c["statut"]["code"] == "02"]
    assert [c["nombre"] for c in dispo] == [7]
    hist = api.get("/api/v1/unites/uo-unv/capacites/historique", headers=api.edit).json()
    assert hist["historique"][0]["auteur"].startswith("edit")
    assert hist["historique"][0]["capacite"]["nombre"] == 7
    # the old ETag is now stale: 412, nothing stored
    again = api.put("/fhir/Location/uo-unv", json=loc, headers={**api.edit, "If-Match": tag})
    assert again.status_code == 412
    assert valide(again.json())["issue"][0]["code"] == "conflict"


def test_patch_adds_a_capacity_record(ecriture):
    api = ecriture
    ops = [{"op": "add", "path": "/extension/-", "value": capacite_ext("02", 1, genre="01")}]
    r = api.patch("/fhir/Location/uo-unv", json=ops, headers=api.edit)
    assert r.status_code == 200, r.text
    assert len(api.get("/fhir/Location?capacity=02$01$01$1", headers=api.reg).json()["entry"]) == 1


@pytest.mark.parametrize("body,status,field", [
    ({"resourceType": "Location", "id": "other"}, 400, "id"),
    ({"resourceType": "Patient", "id": "uo-unv"}, 400, "resourceType"),
    ({"resourceType": "Location", "id": "uo-unv", "extension": [
        {"url": P.EXT_CAPACITE, "extension": [{"url": "nbCapacity", "valueInteger": -1}]}]},
     400, "extension[0].capacityType"),
])
def test_bad_writes_are_400_naming_the_field(ecriture, body, status, field):
    r = ecriture.put("/fhir/Location/uo-unv", json=body, headers=ecriture.edit)
    assert r.status_code == status
    assert valide(r.json())["issue"][0]["expression"] == [field]


def test_writes_need_the_right_and_hidden_units_are_missing(ecriture):
    api = ecriture
    body = {"resourceType": "Location", "id": "uo-vannes", "extension": [capacite_ext()]}
    assert api.put("/fhir/Location/uo-vannes", json=body).status_code == 401
    assert api.put("/fhir/Location/uo-vannes", json=body, headers=api.edit).status_code == 403
    body["id"] = "absent"
    assert api.put("/fhir/Location/absent", json=body, headers=api.edit).status_code == 404
    unknown = {"resourceType": "Location", "id": "uo-unv", "extension": [capacite_ext("99")]}
    r = api.put("/fhir/Location/uo-unv", json=unknown, headers=api.edit)
    assert r.status_code == 400 and "TRE_R330" in r.json()["issue"][0]["diagnostics"]
    assert "etag" not in api.get("/fhir/Location/uo-unv").headers  # public view: no version


# -- parameters the hand-built API offer does not exercise, on resources built directly ----------
def served_location(**kw):
    from ror_orientation.droits import Appelant, Droit
    from ror_orientation.fhir.ressources import location
    from ror_orientation.nomenclatures import default_nomenclatures
    from ror_orientation.offre import Capacite, Equipement
    from tests.factories import NOW, make_eg, make_uo

    uo = make_uo(equipements=(Equipement("01", "001", 180.0),), capacites=(
        Capacite("01", "06", "01", "02", 3, maj=NOW, crise="02", type_lit_supplementaire="03"),
        Capacite("01", "02", "01", "01", 1, maj=NOW)), **kw)
    reg = Appelant(1, "reg", frozenset({Droit.LECTURE_REGULATION}))
    return valide(location(default_nomenclatures(), reg, uo, make_eg(), (48.1, -1.7)))


@pytest.mark.parametrize("param,value,hit", [
    ("equipment-type", "01", True), ("equipment-type", "02", False),
    ("equipment-feature", "001", True), ("equipment-limit-value", "ge150", True),
    ("equipment-limit-value", "gt180", False),
    ("crisis-type", "02", True), ("crisis-type", "01", False),
    ("additional-bed-type", "03", True),
    ("gender-capacity-available", "02", True), ("gender-capacity-available", "04", False),
    ("capacity-update-date", "eq2026-11-26", True), ("capacity-update-date", "gt2026-11-26", False),
    ("capacity-type", "01", True), ("temporality-capacity", "05", False),
    ("capacity", "06$01$02$3", True), ("capacity", "02$01$02$", False),  # homme only on 06
    ("organization", "eg-350005179", True), ("organization", "Organization/eg-1", False),
])
def test_location_parameters_read_the_served_resource(param, value, hit):
    from ror_orientation.fhir.recherche import Critere, _filtre

    assert _filtre("Location", Critere(param, None, value))(served_location()) is hit


def test_healthcare_service_token_parameters_on_a_built_resource():
    from ror_orientation.droits import Appelant
    from ror_orientation.fhir.recherche import Critere, _filtre
    from ror_orientation.fhir.ressources import healthcare_service
    from ror_orientation.nomenclatures import default_nomenclatures
    from tests.factories import make_uo

    uo = make_uo(publics=("1",), categorie_organisation="01", specialisations=("01",))
    hs = valide(healthcare_service(default_nomenclatures(), Appelant.anonyme(), uo))
    for param, value, hit in (("patient-type", "1", True), ("patient-type", "2", False),
                              ("service-category", "01", True), ("characteristic", "01", True),
                              ("specialty", f"{P.systeme('TRE_R211')}|157", True),
                              ("specialty", "http://other|157", False),
                              ("location", "uo-1", True)):
        assert _filtre("HealthcareService", Critere(param, None, value))(hs) is hit, param


def test_two_writers_with_the_same_version_one_wins_one_gets_412(ecriture, monkeypatch):
    """The If-Match check and the write are one store transaction: both writers pass the early
    check with the same ETag, then meet before the store; exactly one is stored."""
    import threading

    from ror_orientation.service import Service

    api = ecriture
    tag = api.get("/fhir/Location/uo-unv", headers=api.edit).headers["etag"]
    barriere = threading.Barrier(2, timeout=10)
    original = Service.set_capacites

    def ensemble(self, *args, **kwargs):
        barriere.wait()  # both requests are past the early check, neither has written
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Service, "set_capacites", ensemble)
    statuts: dict[int, int] = {}

    def ecrire(nombre: int) -> None:
        ops = [{"op": "replace", "path": "/extension/0", "value": capacite_ext("02", nombre)}]
        r = api.patch("/fhir/Location/uo-unv", json=ops, headers={**api.edit, "If-Match": tag})
        statuts[nombre] = r.status_code

    threads = [threading.Thread(target=ecrire, args=(n,)) for n in (11, 12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(statuts.values()) == [200, 412], statuts
    gagnant = next(n for n, s in statuts.items() if s == 200)
    sheet = api.get("/api/v1/unites/uo-unv", headers=api.reg).json()
    assert [c["nombre"] for c in sheet["capacites"] if c["statut"]["code"] == "02"] == [gagnant]
    hist = api.get("/api/v1/unites/uo-unv/capacites/historique", headers=api.edit).json()
    assert [h["capacite"]["nombre"] for h in hist["historique"]].count(11 if gagnant == 12 else 12) == 0


@pytest.mark.parametrize("valeur", [
    "02$01$$ge2", "02$01$$gt2", "02$01$$ge3", "01$$$12", "01$$$le11", "02$$01$", "02$01$04$lt3",
    "06$$$", "$01$$ge1", "01$01$$ge12,02$01$$ge2", "02$02$$", "01$01$x$", "02|x$01$$ge1",
])
def test_composite_capacity_answers_what_the_served_records_say(api, valeur):
    """The capacity arrays only narrow the candidates and the exact test reads the model's records:
    the answer is the one the served Locations' records give, for regulators and public readers."""
    from ror_orientation.fhir import recherche

    for headers in (api.reg, {}):
        every = get(api, "/fhir/Location?_count=500", headers=headers)
        test = recherche._filtre("Location", recherche.Critere("capacity", None, valeur))
        attendu = sorted(e["resource"]["id"] for e in every["entry"] if test(e["resource"]))
        assert sorted(ids(get(api, f"/fhir/Location?capacity={valeur}&_count=500",
                              headers=headers))) == attendu, (valeur, headers)


@pytest.mark.parametrize("valeur", ["ge12", "gt12", "ge2", "gt1.5", "ge0", "le3", "ge12,le1", "eq2"])
def test_nb_capacity_answers_what_the_served_records_say(api, valeur):
    from ror_orientation.fhir import recherche

    for headers in (api.reg, {}):
        every = get(api, "/fhir/Location?_count=500", headers=headers)
        test = recherche._filtre("Location", recherche.Critere("nb-capacity", None, valeur))
        attendu = sorted(e["resource"]["id"] for e in every["entry"] if test(e["resource"]))
        assert sorted(ids(get(api, f"/fhir/Location?nb-capacity={valeur}&_count=500",
                              headers=headers))) == attendu, (valeur, headers)
