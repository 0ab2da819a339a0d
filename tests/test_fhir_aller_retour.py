"""The IG's example instances round-trip: each is imported as published (with the resources it names,
linked by fullUrl), then read back through /fhir; every element issue 15 lists comes back with the
IG's profiles and extensions (ordering aside), and every answer is valid FHIR (fhir.resources)."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.fhir import profils as P
from ror_orientation.importers.fhir import read_fhir
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.api_support import auth, key, make_engine
from tests.test_fhir import valide

IG = Path(__file__).parent.parent / "fixtures" / "fhir-ig"
SD = f"{P.SD}/"
NOS = "https://mos.esante.gouv.fr/NOS/"
HS_EXAMPLES = ["HealthcareService-1234564.json", "HealthcareService-ror-healthcareservice-exemple.json",
               "HealthcareService-ror-healthcareservice-exemple-ville.json"]
Json = dict[str, Any]


def _res(name: str) -> Json:
    data: Json = json.loads((IG / name).read_text(encoding="utf-8"))
    return data


def _enrichi(hs: Json) -> tuple[Json, Json, Json]:
    """The unit with the elements the IG's examples leave out (psychiatric sector, intervention
    zone), its two places: the richer IG Location with an equipment limit and a closed capacity
    (closing type), and the IG's other Location as a second place."""
    hs = copy.deepcopy(hs)
    hs.setdefault("extension", []).extend([
        {"url": SD + "ror-healthcareservice-psychiatric-sector", "valueString": "75G01"},
        {"url": SD + "ror-healthcareservice-intervention-zone", "extension": [
            {"url": "type", "valueCodeableConcept": {"coding": [{"code": "3"}]}},
            {"url": "code", "valueCodeableConcept": {"coding": [{"code": "45"}]}}]}])
    hs["location"] = [{"reference": "Location/888888"}, {"reference": "Location/777"}]
    loc = _res("Location-ror-location-exemple-1.json")
    loc["extension"].append({"url": SD + "ror-location-equipment", "extension": [
        {"url": "equipmentType", "valueCodeableConcept": {"coding": [
            {"system": NOS + "TRE_R212-Equipement/FHIR/TRE-R212-Equipement", "code": "001"}]}},
        {"url": "nbInService", "valueInteger": 2},
        {"url": SD + "ror-location-equipment-limit", "extension": [
            {"url": "equipmentFeature", "valueCodeableConcept": {"coding": [
                {"system": NOS + "TRE_R340-TypeCaracteristiqueEquipement/FHIR/x", "code": "001"}]}},
            {"url": "limitValue", "valueQuantity": {"value": 250}}]}]})
    closed = copy.deepcopy(loc["extension"][1])
    closed["extension"] = [e for e in closed["extension"]
                           if e["url"] not in ("additionalBedType", "crisisType")]
    for e in closed["extension"]:
        if e["url"] == "capacityStatus":
            e["valueCodeableConcept"]["coding"][0]["code"] = "05"  # fermé
    closed["extension"].append({"url": "closingType", "valueCodeableConcept": {"coding": [
        {"system": NOS + "TRE_R333-TypeFermetureCapacite/FHIR/x", "code": "01"}]}})
    loc["extension"].append(closed)
    return hs, loc, _res("Location-ror-location-exemple.json")


def _bundle(path: Path, entries: Sequence[tuple[str | None, Json]]) -> Path:
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
        {**({"fullUrl": f"https://ror.example/fhir/{url}"} if url else {}), "resource": res}
        for url, res in entries]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=HS_EXAMPLES)
def aller(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One HS example with every resource it names, imported into an empty store, served."""
    tmp = tmp_path_factory.mktemp("rt")
    hs, loc, loc2 = _enrichi(_res(request.param))
    pole = _res("supplementary-Organization-doc-pole.json")
    pole["partOf"] = {"reference": "Organization/999999"}  # the pôle's site is the bundle's EG
    sources = {"ej": _res("Organization-ror-organization-exemple-ej.json"),
               "eg": _res("Organization-ror-organisation-exemple-eg.json"), "oi": pole,
               "hs": hs, "loc": loc, "loc2": loc2,
               "pr": _res("Practitioner-ror-practitioner-exemple.json"),
               "role": _res("PractitionerRole-ror-practitionerrole-exemple.json")}
    hs["providedBy"] = {"reference": "Organization/999999"}
    path = _bundle(tmp / "ig.json", [
        ("Organization/1111", sources["ej"]), ("Organization/999999", sources["eg"]),
        (None, pole), ("HealthcareService/9597", hs), ("Location/888888", loc),
        ("Location/777", loc2), ("Practitioner/2524", sources["pr"]), (None, sources["role"])])
    lu = read_fhir(path)
    assert lu.pending == []
    store = Store(tmp / "s.sqlite")
    store.import_offre(lu.offre, source="fhir")
    app = create_app(Settings(db=tmp / "s.sqlite"), engine=make_engine(store), store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        h = auth(key(store, ["lecture_regulation"]))
        uo = next(iter(lu.offre.uo.values()))

        def lire(rtype: str, fid: str) -> Json:
            r = c.get(f"/fhir/{rtype}/{fid}", headers=h)
            assert r.status_code == 200, r.text
            return valide(r.json())

        def chercher(query: str) -> list[str]:
            r = c.get(f"/fhir/{query}", headers=h)
            assert r.status_code == 200, r.text
            return sorted(e["resource"]["id"] for e in valide(r.json()).get("entry", [])
                          if e["search"]["mode"] == "match")
        lire.chercher = chercher  # type: ignore[attr-defined]
        yield sources, uo, lire


# -- reading what was served ----------------------------------------------------------------------
def _table(system: str | None) -> str | None:
    return P.table_du_systeme(system or "")


def codes(concepts: Any) -> set[tuple[str | None, str]]:
    """(table, code) of every coding: the table from the system's MOS name, so the IG's two
    spellings of one system (TRE_R200 under the extension's URL...) compare by code only."""
    items = concepts if isinstance(concepts, list) else [concepts]
    return {(_table(c.get("system")), str(c["code"])) for cc in items for c in (cc or {}).get("coding", [])}


def ext(element: Json, name: str) -> list[Json]:
    return [e for e in element.get("extension", []) if e["url"].rstrip("/").rsplit("/", 1)[-1] == name]


def un(element: Json, name: str) -> Json:
    (e,) = ext(element, name)
    return e


def identifiants(res: Json) -> set[tuple[str, str | None]]:
    return {(i["value"], next(iter(codes(i["type"])), (None, None))[1] if "type" in i else None)
            for i in res.get("identifier", []) if i.get("value")}


def tags(res: Json) -> set[tuple[str | None, str]]:
    """The région tags (TRE_R30) of a resource's meta."""
    return {(t, c) for t, c in codes({"coding": res.get("meta", {}).get("tag", [])}) if t == "TRE_R30"}


def natures(res: Json) -> list[set[tuple[str | None, str]]]:
    """The TRE_R287 nature code of each contact, HealthcareService extension or Organization.contact."""
    out = [codes(p["valueCodeableConcept"]) for c in ext(res, "ror-healthcareservice-contact")
           for p in ext(c, "purposeContact")]
    out += [codes(c["purpose"]) for c in res.get("contact", []) if "purpose" in c]
    return sorted(out, key=sorted)


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


def capacite(rec: Json) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for x in rec["extension"]:
        if "valueCodeableConcept" in x:
            out[x["url"]] = next(iter(codes(x["valueCodeableConcept"])))[1]
        elif x["url"] == "capacityUpdateDate":
            out[x["url"]] = instant(x["valueDateTime"])
        else:
            out[x["url"]] = x["valueInteger"]
    return out


def plages(hs: Json) -> set[tuple[Any, ...]]:
    out = set()
    for slot in hs.get("availableTime", []):
        jour = un(slot, "ror-available-time-number-days-of-week")["valueInteger"]
        kind = next(iter(codes(un(slot, "ror-available-time-type-of-time")["valueCodeableConcept"])))[1]
        debut = [e["valuePeriod"].get("start") for e in ext(slot, "ror-available-time-effective-opening-closing-date")]
        out.add((jour, slot.get("availableStartTime"), slot.get("availableEndTime"), kind, tuple(debut)))
    return out


def contacts(hs: Json) -> list[tuple[Any, ...]]:
    out = []
    for c in ext(hs, "ror-healthcareservice-contact"):
        level = codes(un(c, "ror-confidentiality-level")["valueCodeableConcept"])
        tel = sorted((un(t, "telecomAddress")["valueString"],
                      next(iter(codes(un(t, "ror-telecom-confidentiality-level")["valueCodeableConcept"])))[1],
                      next(iter(codes(un(t, "ror-telecom-communication-channel")["valueCodeableConcept"])))[1])
                     for t in ext(c, "ror-healthcareservice-contact-telecom"))
        out.append((next(iter(level))[1], tuple(tel)))
    return sorted(out)


# -- the round trip, element by element ---------------------------------------------------------------
def test_healthcare_service_gives_back_every_element(aller: Any) -> None:
    src, uo, lire = aller
    hs_src = src["hs"]
    hs = lire("HealthcareService", P.fhir_id(uo.id))
    assert hs["meta"]["profile"] == [P.PROFILS["HealthcareService"]]
    assert identifiants(hs_src) <= identifiants(hs)  # R355 type kept (+ this deployment's id)
    for champ in ("type", "category", "specialty", "characteristic"):  # R253, R238, R213, R210...
        assert codes(hs_src.get(champ, [])) <= codes(hs.get(champ, [])), champ
    acts = [c for c in hs["characteristic"] if ext(c, "ror-act-type")]
    assert codes([c for c in hs_src.get("characteristic", []) if ext(c, "ror-act-type")]) == codes(acts)
    assert hs["name"] == hs_src["name"]
    assert un(hs, "ror-healthcareservice-sensitive-unit")["valueBoolean"] is False
    age_src = un(un(hs_src, "ror-healthcareservice-patient-type"), "ageRange")["valueRange"]
    age = un(un(hs, "ror-healthcareservice-patient-type"), "ageRange")["valueRange"]
    for bound in ("low", "high"):
        assert age[bound]["value"] == age_src[bound]["value"]
        assert age[bound]["code"] == age_src[bound].get("code", "a")  # unit kept (TRE_R247 UCUM)
    assert contacts(hs) == contacts(hs_src)  # both confidentiality levels, channel, number
    assert natures(hs) == natures(hs_src) and natures(hs)  # TRE_R287 nature de contact
    assert tags(hs) == tags(hs_src)  # the TRE_R30 région tag (HealthcareService/1234564: 06)
    assert plages(hs) == plages(hs_src)  # day number, hours, R252 type, validity
    assert un(hs, "ror-healthcareservice-psychiatric-sector")["valueString"] == "75G01"
    zone = un(hs, "ror-healthcareservice-intervention-zone")
    assert [next(iter(codes(un(zone, k)["valueCodeableConcept"])))[1] for k in ("type", "code")] == ["3", "45"]
    assert [r["reference"] for r in hs["location"]] == [
        f"Location/{P.fhir_id(uo.id)}", f"Location/{P.lieu_id(uo.id, 2)}"]
    assert hs["providedBy"]["reference"] == "Organization/eg-458174839"


def test_each_place_is_a_location_with_every_element(aller: Any) -> None:
    src, uo, lire = aller
    for fid, loc_src in ((P.fhir_id(uo.id), src["loc"]), (P.lieu_id(uo.id, 2), src["loc2"])):
        loc = lire("Location", fid)
        assert loc["meta"]["profile"] == [P.PROFILS["Location"]]
        assert identifiants(loc_src) <= identifiants(loc)  # R354 25 / 26
        for champ in ("status", "name"):
            if champ in loc_src:
                assert loc[champ] == loc_src[champ], champ
        assert codes(loc_src.get("type", [])) <= codes(loc.get("type", []))  # R343
        assert tags(loc) == tags(loc_src)  # TRE_R30 région (the first place: 24)
        for cog in ext(loc_src, "ror-commune-cog"):
            assert codes(cog["valueCodeableConcept"]) \
                == codes(un(loc, "ror-commune-cog")["valueCodeableConcept"])
        if "position" in loc_src:
            assert (loc["position"]["latitude"], loc["position"]["longitude"]) == (
                loc_src["position"]["latitude"], loc_src["position"]["longitude"])
        if "address" in loc_src:
            assert (loc["address"]["postalCode"], loc["address"]["city"]) == (
                loc_src["address"]["postalCode"], loc_src["address"]["city"])
        # every capacity record, each sub-extension as published (R333 closing type, R337
        # temporary assignment...); what the source left out is the ROR default, and said so
        served = [capacite(c) for c in ext(loc, "ror-location-supported-capacity")]
        published = [capacite(c) for c in ext(loc_src, "ror-location-supported-capacity")]
        assert len(served) == len(published)
        for rec in published:
            assert any(rec.items() <= s.items() for s in served), rec
        assert any("closingType" in s for s in served) == any("closingType" in p for p in published)
        eq_src = ext(loc_src, "ror-location-equipment")
        eq = ext(loc, "ror-location-equipment")
        assert len(eq) == len(eq_src)
        for e_src, e in zip(eq_src, eq, strict=True):
            assert codes(un(e, "equipmentType")["valueCodeableConcept"]) \
                == codes(un(e_src, "equipmentType")["valueCodeableConcept"])
            assert un(e, "nbInService")["valueInteger"] == un(e_src, "nbInService")["valueInteger"]
            lim, lim_src = un(e, "ror-location-equipment-limit"), un(e_src, "ror-location-equipment-limit")
            assert codes(un(lim, "equipmentFeature")["valueCodeableConcept"]) \
                == codes(un(lim_src, "equipmentFeature")["valueCodeableConcept"])
            assert un(lim, "limitValue")["valueQuantity"]["value"] \
                == un(lim_src, "limitValue")["valueQuantity"]["value"]


def test_organizations_give_back_identifiers_legal_status_dates_and_contacts(aller: Any) -> None:
    src, _uo, lire = aller
    ej = lire("Organization", "ej-2921317258")  # known by its idNatSt: the IG's EJ has no FINESS
    assert identifiants(src["ej"]) <= identifiants(ej)  # idNatSt (G07 40), SIREN (G07 2)
    assert codes(src["ej"]["type"]) <= codes(ej["type"])  # R72 legal status, R69 aggregate
    assert ej["name"] == src["ej"]["name"]
    eg = lire("Organization", "eg-458174839")
    assert identifiants(src["eg"]) <= identifiants(eg)  # idNatSt, FINESS (the SIRET has no value)
    assert codes(src["eg"]["type"]) <= codes(eg["type"])
    assert eg["partOf"]["reference"] == "Organization/ej-2921317258"
    assert codes(un(eg, "ror-organization-financial-help-type")["valueCodeableConcept"]) \
        == codes(un(src["eg"], "ror-organization-financial-help-type")["valueCodeableConcept"])
    assert un(eg, "ror-organization-accomodation-family")["valueBoolean"] is False
    (contact,) = eg["contact"]
    (contact_src,) = src["eg"]["contact"]
    for level in ("ror-contact-confidentiality-level",):
        assert codes(un(contact, level)["valueCodeableConcept"]) \
            == codes(un(contact_src, level)["valueCodeableConcept"])
    assert [(t["value"], codes(un(t, "ror-telecom-confidentiality-level")["valueCodeableConcept"]))
            for t in contact["telecom"]] == [
        (t["value"], codes(un(t, "ror-telecom-confidentiality-level")["valueCodeableConcept"]))
        for t in contact_src["telecom"]]
    assert natures(eg) == natures(src["eg"]) == [{("TRE_R287", "06")}]
    pole = lire("Organization", "oi-ZZZ")
    assert identifiants(src["oi"]) <= identifiants(pole)  # R345 42
    assert codes(src["oi"]["type"]) <= codes(pole["type"])
    assert pole["partOf"]["reference"] == "Organization/eg-458174839"


def test_site_dates_come_back_as_organization_period(tmp_path: Path) -> None:
    eg = _res("Organization-ror-organisation-exemple-eg.json")
    eg["extension"].append({"url": "http://hl7.org/fhir/StructureDefinition/organization-period",
                            "valuePeriod": {"start": "2019-05-02", "end": "2031-12-31"}})
    lu = read_fhir(_bundle(tmp_path / "eg.json", [(None, eg)]))
    store = Store(tmp_path / "s.sqlite")
    store.import_offre(lu.offre, source="fhir")
    app = create_app(Settings(db=tmp_path / "s.sqlite"), engine=make_engine(store), store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        served = valide(c.get("/fhir/Organization/eg-458174839").json())
    assert un(served, "organization-period")["valuePeriod"] == {"start": "2019-05-02", "end": "2031-12-31"}
    assert served["active"] is True


def test_practitioner_role_gives_back_exercise_mode_savoir_faire_and_name(aller: Any) -> None:
    src, uo, lire = aller
    pr = lire("Practitioner", "11111573474")
    assert identifiants(src["pr"]) <= identifiants(pr)
    assert (pr["name"][0]["family"], pr["name"][0]["given"]) == ("CHANMET", ["Cyndi"])
    role = lire("PractitionerRole", P.role_id("11111573474", uo.id))
    assert codes(src["role"]["code"]) <= codes(role["code"])  # G15
    assert codes(src["role"]["specialty"]) <= codes(role["specialty"])  # JDV_J209 savoir-faire
    assert codes(un(role, "ror-practitionerrole-unit-exercise-mode")["valueCodeableConcept"]) \
        == codes(un(src["role"], "ror-practitionerrole-unit-exercise-mode")["valueCodeableConcept"])
    name, name_src = un(role, "RORPractitionerRoleName"), un(src["role"], "RORPractitionerRoleName")
    assert {(e["url"], e["valueString"]) for e in name["extension"]} \
        == {(e["url"], e["valueString"]) for e in name_src["extension"]}
    assert role["healthcareService"] == [{"reference": f"HealthcareService/{P.fhir_id(uo.id)}"}]


@pytest.mark.parametrize("system,r200,value,use,canal", [
    (None, "2", "06 12 34 56 78", None, "telephone"),  # a fixed line the source says is fixed
    ("phone", None, "0612345678", None, "telephone"),  # ContactPoint.system phone, no R200
    ("phone", None, "0212345678", "mobile", "mobile"),
    (None, "1", "0212345678", None, "mobile"),
    (None, "6", "0299999999", None, "fax"),
    (None, "4", "https://chu.example", None, "url"),
    ("email", "3", "service@chu.mssante.fr", None, "mssante"),
    ("pager", None, "1234", None, "bip"),
    (None, None, "0612345678", None, "mobile"),  # nothing said: the value's shape decides
])
def test_a_telecom_channel_is_the_sources_own(system, r200, value, use, canal) -> None:
    from ror_orientation.importers.fhir import _canal

    assert _canal(system, r200, value, use).value == canal


def test_channel_and_zone_type_codes_are_checked_against_their_tables(tmp_path: Path) -> None:
    from ror_orientation.errors import UnknownCodeError

    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    eg = _res("Organization-ror-organisation-exemple-eg.json")
    entries = [("Organization/999999", eg), ("HealthcareService/1", hs), ("Location/888888", loc),
               ("Location/777", loc2)]
    assert read_fhir(_bundle(tmp_path / "ok.json", entries)).offre.uo  # as published: read
    contact = next(e for e in hs["extension"] if e["url"].endswith("ror-healthcareservice-contact"))
    telecom = next(e for e in contact["extension"] if e["url"].endswith("contact-telecom"))
    telecom["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] = "12"  # not in TRE_R200
    with pytest.raises(UnknownCodeError, match="telecom.canal: unknown code '12' in table TRE_R200"):
        read_fhir(_bundle(tmp_path / "canal.json", entries))
    telecom["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] = "2"
    zone = next(e for e in hs["extension"] if e["url"].endswith("intervention-zone"))
    zone["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] = "9"
    with pytest.raises(UnknownCodeError, match="uo.zones_intervention.type: unknown code '9' in table TRE_R201"):
        read_fhir(_bundle(tmp_path / "zone.json", entries))


def test_stored_elements_are_searchable_by_the_igs_parameters(aller: Any) -> None:
    """The IG's parameters read the served elements: published identifiers (R354 place id, the
    EJ's idNatSt, the OI's R345 id), the place's COG, the equipment limit, ages in years."""
    _src, uo, lire = aller
    chercher = lire.chercher
    unit, place2 = P.fhir_id(uo.id), P.lieu_id(uo.id, 2)
    assert chercher("Location?identifier=24/1073") == [unit]
    assert chercher("Location?commune-cog=45234") == [unit]
    assert chercher("Location?equipment-feature=001&equipment-limit-value=ge250") == [unit]
    assert chercher("Location?equipment-limit-value=gt250") == []
    assert chercher("Organization?identifier=2921317258") == ["ej-2921317258"]  # idNatSt
    assert chercher("Organization?identifier=921317258") == ["ej-2921317258"]  # SIREN
    assert chercher("Organization?identifier=ZZZ") == ["oi-ZZZ"]  # R345 42
    assert chercher(f"HealthcareService?identifier={uo.id}") == [unit]
    low = uo.age_min
    assert chercher(f"HealthcareService?age-range-low=le{low}") == [unit]
    assert chercher(f"HealthcareService?age-range-low=gt{low}") == []
    assert place2 in chercher("Location?_count=500")  # a search answers every place
    assert chercher("Organization?type=72") == ["ej-2921317258"]  # TRE_R72 legal status
    assert chercher("PractitionerRole?specialty=CEX") == [P.role_id("11111573474", uo.id)]  # J209
    if uo.type_maternite:  # TRE_R253 as a characteristic
        r253 = P.systeme("TRE_R253")
        assert chercher(f"HealthcareService?characteristic={r253}|{uo.type_maternite}") == [unit]


def _avec_eg(hs: Json, loc: Json, loc2: Json) -> list[tuple[str | None, Json]]:
    eg = _res("Organization-ror-organisation-exemple-eg.json")
    return [("Organization/999999", eg), ("HealthcareService/1", hs), ("Location/888888", loc),
            ("Location/777", loc2)]


def _servi(tmp: Path, entries: list[tuple[str | None, Json]]) -> tuple[Any, Store, Any]:
    """The entries read as one Bundle into a new store, and the app serving that store."""
    lu = read_fhir(_bundle(tmp / "b.json", entries))
    store = Store(tmp / "s.sqlite")
    store.import_offre(lu.offre, source="fhir")
    return lu, store, create_app(Settings(db=tmp / "s.sqlite"), engine=make_engine(store),
                                 store=store)


def test_ages_in_months_are_searched_in_years(tmp_path: Path) -> None:
    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    age = hs["extension"][1]["extension"][0]["valueRange"]
    age["low"].update(value=6, code="mo")
    age["high"].update(value=30, code="mo")
    lu, store, app = _servi(tmp_path, _avec_eg(hs, loc, loc2))
    with TestClient(app, raise_server_exceptions=False) as c:
        h = auth(key(store, ["lecture_regulation"]))
        served = valide(c.get("/fhir/HealthcareService/06.2F0099999", headers=h).json())
        age = un(un(served, "ror-healthcareservice-patient-type"), "ageRange")["valueRange"]
        assert (age["low"]["value"], age["low"]["code"], age["high"]["value"]) == (6, "mo", 30)

        def total(q: str) -> int:
            return int(c.get(f"/fhir/HealthcareService?{q}", headers=h).json()["total"])
        assert total("age-range-high=eq2") == 1  # 30 months: 2 whole years
        assert total("age-range-high=ge3") == 0
        assert total("age-range-low=eq0") == 1


def test_a_place_of_a_unit_with_several_is_written_on_its_own(tmp_path: Path) -> None:
    """PUT on a place's Location changes that place's records; the unit's become their sums (what
    the engine searches); the other place is untouched; If-Match is the place's own version."""
    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    lu, store, app = _servi(tmp_path, _avec_eg(hs, loc, loc2))
    uo = lu.offre.uo["06/0099999"]
    first, second = P.fhir_id(uo.id), P.lieu_id(uo.id, 2)
    with TestClient(app, raise_server_exceptions=False) as c:
        h = auth(key(store, ["editeur"], eg_ids=("458174839",)))
        avant_1 = valide(c.get(f"/fhir/Location/{first}", headers=h).json())
        r = c.get(f"/fhir/Location/{second}", headers=h)
        tag, place = r.headers["etag"], valide(r.json())
        assert ext(place, "ror-location-supported-capacity") == []  # the IG's place has none
        installe = copy.deepcopy(next(e for e in ext(avant_1, "ror-location-supported-capacity")
                                      if capacite(e)["capacityStatus"] == "01"))
        un(installe, "nbCapacity")["valueInteger"] = 40
        place["extension"].append(installe)
        w = c.put(f"/fhir/Location/{second}", json=place, headers={**h, "If-Match": tag})
        assert w.status_code == 200, w.text
        apres = valide(w.json())
        assert [capacite(e)["nbCapacity"] for e in ext(apres, "ror-location-supported-capacity")
                if capacite(e)["capacityStatus"] == "01"] == [40]
        assert valide(c.get(f"/fhir/Location/{first}", headers=h).json())["extension"] \
            == avant_1["extension"]  # the other place is untouched
        relu = valide(c.get(f"/fhir/Location/{second}", headers=h).json())  # the engine's copy
        assert relu["extension"] == apres["extension"]
        held = store.get_uo(uo.id)
        assert next(x for x in held.capacites if x.statut == "01").nombre == 15 + 40  # the sums
        assert c.put(f"/fhir/Location/{second}", json=place,
                     headers={**h, "If-Match": tag}).status_code == 412  # the place moved


def test_region_nature_and_age_unit_are_checked_against_the_igs_tables(tmp_path: Path) -> None:
    """TRE_R30 région tags, TRE_R287 / JDV_J221 contact natures, JDV_J37 age units: as published
    read, an unknown code refused naming the field, a deprecated one read with a warning."""
    from ror_orientation.errors import UnknownCodeError

    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    entries = _avec_eg(hs, loc, loc2)
    lu = read_fhir(_bundle(tmp_path / "ok.json", entries))
    uo = lu.offre.uo["06/0099999"]
    assert (uo.region, uo.lieux[0].region, uo.lieux[1].region) == ("06", "24", None)
    assert [c.nature_code for c in uo.contacts if c.nature_code] == ["06"]
    assert [c.nature_code for c in lu.offre.eg["458174839"].contacts] == ["06"]
    assert not [w for w in lu.warnings if "region" in w or "nature" in w]

    hs["meta"]["tag"][0]["code"] = "99"
    with pytest.raises(UnknownCodeError, match="uo.region: unknown code '99' in table TRE_R30"):
        read_fhir(_bundle(tmp_path / "r.json", entries))
    loc["meta"]["tag"][0]["code"] = "21"  # Champagne-Ardenne, deprecated since 2016
    hs["meta"]["tag"][0]["code"] = "06"
    lu = read_fhir(_bundle(tmp_path / "r2.json", entries))
    assert lu.offre.uo["06/0099999"].lieux[0].region == "21"
    assert any("lieu.region: code '21' is deprecated in TRE_R30" in w for w in lu.warnings)
    loc["meta"]["tag"][0]["code"] = "24"

    contact = next(e for e in hs["extension"] if e["url"].endswith("ror-healthcareservice-contact"))
    purpose = next(e for e in contact["extension"] if e["url"] == "purposeContact")
    purpose["valueCodeableConcept"]["coding"][0]["code"] = "18"
    with pytest.raises(UnknownCodeError, match="contact.nature: unknown code '18' in table TRE_R287"):
        read_fhir(_bundle(tmp_path / "n.json", entries))
    purpose["valueCodeableConcept"]["coding"][0]["code"] = "16"  # Bed Management: in J221 too
    assert [c.nature_code for c in read_fhir(_bundle(tmp_path / "n2.json", entries))
            .offre.uo["06/0099999"].contacts if c.nature_code] == ["16"]
    purpose["valueCodeableConcept"]["coding"][0]["code"] = "06"

    age = hs["extension"][1]["extension"][0]["valueRange"]
    for bound in ("low", "high"):
        age[bound]["code"] = "cm"  # a UCUM unit, but not a time unit of JDV_J37
    with pytest.raises(UnknownCodeError, match="uo.tranche_age.unite: unknown code 'cm' in table JDV_J37"):
        read_fhir(_bundle(tmp_path / "a.json", entries))
    age["low"].update(value=2, code="wk")
    age["high"].update(value=8760, code="h")
    with pytest.raises(Exception, match="different units"):
        read_fhir(_bundle(tmp_path / "a2.json", entries))
    age["low"].update(value=0, code="h")
    uo = read_fhir(_bundle(tmp_path / "a3.json", entries)).offre.uo["06/0099999"]
    assert (uo.tranche_age.unite, uo.age_min, uo.age_max) == ("h", 0, 0)  # 8760 h < 365.25 d
    age["high"]["value"] = 8766
    assert read_fhir(_bundle(tmp_path / "a4.json", entries)).offre.uo["06/0099999"].age_max == 1


VERSAILLES = (48.8049, 2.1204)  # the second IG Location's town, given a position here
ORLEANS = (47.9029, 1.9093)


def test_a_location_search_answers_every_place_each_on_its_own(tmp_path: Path) -> None:
    """Places 2..n are search answers too; `near` measures each place from its own position,
    `commune-cog`, `identifier` and the capacity parameters read each place's own elements."""
    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    loc2["position"] = {"latitude": VERSAILLES[0], "longitude": VERSAILLES[1]}
    lu, store, app = _servi(tmp_path, _avec_eg(hs, loc, loc2))
    uo = lu.offre.uo["06/0099999"]
    first, second = P.fhir_id(uo.id), P.lieu_id(uo.id, 2)
    with TestClient(app, raise_server_exceptions=False) as c:
        h = auth(key(store, ["lecture_regulation"]))

        def chercher(q: str) -> list[tuple[str, float | None]]:
            r = c.get(f"/fhir/Location?{q}", headers=h)
            assert r.status_code == 200, r.text
            b = valide(r.json())
            assert b["total"] == len(b.get("entry", []))
            return [(e["resource"]["id"],
                     next((x["valueDistance"]["value"] for x in e["search"].get("extension", [])), None))
                    for e in b.get("entry", []) if e["search"]["mode"] == "match"]

        assert sorted(i for i, _ in chercher("_count=500")) == sorted([first, second])
        assert [i for i, _ in chercher("commune-cog=78646")] == [second]
        assert [i for i, _ in chercher("commune-cog=45234")] == [first]
        assert [i for i, _ in chercher("identifier=24/1073")] == [first]
        # capacities: the first place has the IG's records, the second none
        assert [i for i, _ in chercher("capacity-status=01")] == [first]
        assert [i for i, _ in chercher("capacity=01$$$ge1")] == [first]
        assert [i for i, _ in chercher("nb-capacity=ge1")] == [first]
        # near: each place from its own position, within the asked radius
        near_o = chercher(f"near={ORLEANS[0]}|{ORLEANS[1]}|20|km")
        assert [i for i, _ in near_o] == [first]
        near_v = chercher(f"near={VERSAILLES[0]}|{VERSAILLES[1]}|5|km")
        assert [i for i, _ in near_v] == [second]  # its unit is ~100 km away, in Orléans
        assert near_v[0][1] is not None and near_v[0][1] < 1.0
        both = chercher(f"near={VERSAILLES[0]}|{VERSAILLES[1]}|200|km&_sort=distance")
        assert [i for i, _ in both] == [second, first]
        distances = [d for _, d in both if d is not None]
        assert len(distances) == 2 and distances == sorted(distances)
        # the HealthcareService search still answers the unit once
        r = valide(c.get("/fhir/HealthcareService?_count=500", headers=h).json())
        assert [e["resource"]["id"] for e in r["entry"]] == [first]


def test_the_engine_keeps_the_units_with_several_places_in_step(tmp_path: Path) -> None:
    """What a Location search reads instead of every unit: which units have several places and how
    far their places lie from them, walked once then kept by the engine's updates."""
    from dataclasses import replace

    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    loc2["position"] = {"latitude": VERSAILLES[0], "longitude": VERSAILLES[1]}
    lu = read_fhir(_bundle(tmp_path / "b.json", _avec_eg(hs, loc, loc2)))
    store = Store(tmp_path / "s.sqlite")
    store.import_offre(lu.offre, source="fhir")
    engine = make_engine(store)
    uo = store.get_uo("06/0099999")
    assert engine.lieux_multiples() == {uo.id: 2}
    assert 90 < engine.ecart_lieux_km() < 120  # Orléans – Versailles
    engine.update_uo(replace(uo, lieux=uo.lieux[:1]))
    assert engine.lieux_multiples() == {} and engine.ecart_lieux_km() == 0.0
    engine.update_capacites(uo.id, uo.capacites, uo.lieux)
    assert engine.lieux_multiples() == {uo.id: 2}


def test_the_json_sheet_shows_region_and_contact_nature_codes(tmp_path: Path) -> None:
    hs, loc, loc2 = _enrichi(_res("HealthcareService-1234564.json"))
    lu, store, app = _servi(tmp_path, _avec_eg(hs, loc, loc2))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/unites/06%2F0099999", headers=auth(key(store, ["lecture_regulation"])))
        assert r.status_code == 200, r.text
        fiche = r.json()
    assert fiche["region"] == "06"
    assert [x["region"] for x in fiche["lieux"]] == ["24", None]
    assert ("Standard", "06") in {(x["nature"], x["nature_code"]) for x in fiche["contacts"]}
