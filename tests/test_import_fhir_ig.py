"""The national ROR IG's own example instances (fixtures/fhir-ig/, copied from the ANS IG 0.7.0) read as
published: only what is genuinely invalid is refused, references outside the file wait as pending
links, and every element the issue lists is stored in the model and read back from a store."""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from ror_orientation.errors import ImportFormatError, UnknownCodeError
from ror_orientation.importers import import_file
from ror_orientation.importers.fhir import read_fhir
from ror_orientation.nomenclatures import Code, DeprecatedCodeWarning, Nomenclatures, Table
from ror_orientation.offre import Identifiant, TrancheAge, ZoneIntervention
from ror_orientation.store import SCHEMA_VERSION, Store

IG = Path(__file__).parent.parent / "fixtures" / "fhir-ig"
EXAMPLES = sorted(p.name for p in IG.glob("*.json"))


def _res(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((IG / name).read_text(encoding="utf-8"))
    return data


def _bundle(tmp_path: Path, entries: list[tuple[str | None, dict[str, Any]]], name: str = "b.json") -> Path:
    """A collection Bundle of resources as published; a fullUrl ties an entry to the reference the
    IG's examples make to it (`Organization/999999` ...), without touching the resource."""
    out = tmp_path / name
    out.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
        {**({"fullUrl": f"https://ror.example/fhir/{url}"} if url else {}), "resource": res}
        for url, res in entries]}), encoding="utf-8")
    return out


def _linked(tmp_path: Path, hs: dict[str, Any] | None = None, **changes: dict[str, Any]) -> Path:
    """The IG's EJ, EG, unit, place, practitioner and role in one Bundle, linked by fullUrl."""
    return _bundle(tmp_path, [
        ("Organization/1111", changes.get("ej", _res("Organization-ror-organization-exemple-ej.json"))),
        ("Organization/999999", changes.get("eg", _res("Organization-ror-organisation-exemple-eg.json"))),
        ("HealthcareService/9597", hs or _res("HealthcareService-1234564.json")),
        ("Location/888888", changes.get("loc", _res("Location-ror-location-exemple-1.json"))),
        ("Practitioner/2524", _res("Practitioner-ror-practitioner-exemple.json")),
        (None, _res("PractitionerRole-ror-practitionerrole-exemple.json")),
    ])


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_ig_example_reads_as_published(name: str) -> None:
    lu = read_fhir(IG / name)
    res = _res(name)
    where = f"{res['resourceType']}/{res['id']}"
    # every example names resources the IG does not ship: reported, never fatal
    assert [p.source for p in lu.pending] in ([], [where])
    if res["resourceType"] == "Organization" and res["id"] != "doc-pole-chirurgical-b":
        assert sum(lu.offre.counts().values()) == 1
    else:
        assert [p.blocking for p in lu.pending] == [True], lu.pending


def test_pending_links_are_named(tmp_path: Path) -> None:
    texts = [p.texte() for name in EXAMPLES for p in read_fhir(IG / name).pending]
    assert "HealthcareService/1234564: waits for Organization/999999 (providedBy)" in texts
    assert ("Organization/ror-organisation-exemple-eg: imported without its link to Organization/1111 "
            "(partOf)") in texts
    assert "PractitionerRole/ror-practitionerrole-exemple: waits for Practitioner/2524 (practitioner)" in texts


def test_ej_without_finess_is_known_by_its_national_id_with_its_legal_status() -> None:
    ej = read_fhir(IG / "Organization-ror-organization-exemple-ej.json").offre.ej["2921317258"]
    assert (ej.statut_juridique, ej.agregat_statut_juridique, ej.siren) == ("72", "2200", "921317258")
    assert ej.identifiants == (Identifiant("2921317258", "40", "urn:oid:1.2.250.1.71.4.2.2"),
                               Identifiant("921317258", "2", "http://sirene.fr"))


def test_eg_keeps_identifiers_habilitations_and_its_contacts_with_levels() -> None:
    eg = read_fhir(IG / "Organization-ror-organisation-exemple-eg.json").offre.eg["458174839"]
    assert eg.categorie == "460" and eg.ej_id is None  # Organization/1111 is not shipped
    assert [i.type for i in eg.identifiants] == ["40", "1"]  # the SIRET identifier has no value
    assert (eg.aides_financieres, eg.accueil_famille) == (("02",), False)
    assert eg.telephone == "01.01.01.01.01"
    assert [(c.confidentialite.value, [t.confidentialite.value for t in c.telecoms]) for c in eg.contacts] \
        == [("1", ["1"])]


def test_eg_of_a_cabinet_is_categorised_with_tre_r02_and_known_by_idnatst(tmp_path: Path) -> None:
    eg = _res("Organization-ror-organisation-exemple-eg.json")
    eg["type"] = [{"coding": [{"system": "https://mos.esante.gouv.fr/NOS/TRE_R02-SecteurActivite/FHIR/"
                               "TRE-R02-SecteurActivite", "code": "SA07"}]}]
    eg["identifier"] = [i for i in eg["identifier"] if i["type"]["coding"][0]["code"] != "1"]  # no FINESS
    eg["identifier"].append({"type": {"coding": [{"system": "https://mos.esante.gouv.fr/NOS/TRE_G07-"
                             "TypeIdentifiantStructure/FHIR/TRE-G07-TypeIdentifiantStructure", "code": "3"}]},
                             "value": "12345687900034"})
    eg["extension"].append({"url": "http://hl7.org/fhir/StructureDefinition/organization-period",
                            "valuePeriod": {"start": "2019-05-02", "end": "2031-12-31"}})
    lu = read_fhir(_bundle(tmp_path, [(None, eg)]))
    site = lu.offre.eg["12345687900034"]  # idNatSt (the IG's example value) before SIRET
    assert (site.categorie, site.siret) == ("SA07", "12345687900034")
    assert (str(site.date_ouverture), str(site.date_fermeture)) == ("2019-05-02", "2031-12-31")


def test_linked_examples_keep_every_element_through_a_store(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # deprecated codes are reported in the result, not raised
        lu = read_fhir(_linked(tmp_path))
    assert lu.pending == [] and lu.offre.counts() == {"ej": 1, "eg": 1, "oi": 0, "uo": 1, "professionnels": 1}
    uo = lu.offre.uo["06/0099999"]  # the functional id (TRE_R355 35)
    assert uo.eg_id == "458174839" and lu.offre.eg["458174839"].ej_id == "2921317258"
    assert uo.identifiants == (Identifiant("06/0099999", "35", None),)
    assert (uo.age_min, uo.age_max, uo.tranche_age) == (15, 150, TrancheAge(15.0, 150.0, "a"))
    assert (uo.type_maternite, uo.ouverture_annuelle) == ("04", "02")
    assert {p.type_horaire for p in uo.horaires.plages} == {"01"} and not uo.horaires.permanent
    (lieu,) = uo.lieux
    assert (lieu.id, lieu.nom, lieu.statut, lieu.fonctions, lieu.commune_cog) == (
        "24/1073", "UNITE DE SURVEILLANCE CONTINUE CHIR", "active", ("001",), "45234")
    assert lieu.identifiants == (Identifiant("24/1073", "25", None),)
    assert (lieu.coordonnees.lat, lieu.coordonnees.lon) == (47.834781, 1.92204)
    assert len(lieu.capacites) == 5 and {c.affectation_temporaire for c in lieu.capacites} == {"01"}
    assert uo.capacites == lieu.capacites  # one place: the unit's totals are its figures
    supp = next(c for c in uo.capacites if c.statut == "06")
    assert (supp.crise, supp.type_lit_supplementaire) == ("02", "03")
    # the IG's gender 03 left JDV_J190 when TRE_R332 deprecated it: accepted, with a warning that says so
    assert any("'03' is deprecated in TRE_R332" in w and "JDV_J190" in w for w in lu.warnings)
    # a capacity without gender or source is read with the ROR's default, and said so
    assert any("capacity [0] without genderCapacityAvailable: read as 04" in w for w in lu.warnings)
    (ex,) = lu.offre.professionnels["11111573474"].exercices
    assert (ex.uo_id, ex.mode_exercice, ex.savoir_faire, ex.nom_exercice) == (
        "06/0099999", "L", ("CEX",), "Mylène Tenor")
    store = Store(tmp_path / "s.sqlite")
    store.import_offre(lu.offre)
    back = store.load_offre(share=False)
    for kind in ("ej", "eg", "uo", "professionnels"):
        assert getattr(back, kind) == getattr(lu.offre, kind), kind


def test_ages_in_months_are_kept_and_searched_in_whole_years(tmp_path: Path) -> None:
    hs = _res("HealthcareService-1234564.json")
    age = hs["extension"][1]["extension"][0]["valueRange"]
    age["low"].update(value=6, code="mo")
    age["high"].update(value=30, code="mo")
    uo = read_fhir(_linked(tmp_path, hs)).offre.uo["06/0099999"]
    assert (uo.tranche_age, uo.age_min, uo.age_max) == (TrancheAge(6.0, 30.0, "mo"), 0, 2)
    age["high"].update(value=30, code="a")
    with pytest.raises(ImportFormatError, match=r"low and high in different units \['a', 'mo'\]"):
        read_fhir(_linked(tmp_path, hs))
    age["low"].update(code="h")  # hours are in the ROR's time units (JDV_J37): read
    age["high"].update(code="h")
    uo = read_fhir(_linked(tmp_path, hs)).offre.uo["06/0099999"]
    assert (uo.tranche_age, uo.age_min, uo.age_max) == (TrancheAge(6.0, 30.0, "h"), 0, 0)
    age["low"].update(code="cm")  # UCUM, but not a time unit
    age["high"].update(code="cm")
    with pytest.raises(UnknownCodeError, match="unknown code 'cm' in table JDV_J37") as exc:
        read_fhir(_linked(tmp_path, hs))
    assert exc.value.field == "uo.tranche_age.unite"


def test_several_locations_are_all_kept_and_capacities_summed(tmp_path: Path) -> None:
    hs = _res("HealthcareService-1234564.json")
    hs["location"].append({"reference": "Location/777"})
    other = copy.deepcopy(_res("Location-ror-location-exemple-1.json"))
    other["id"] = "autre"
    other["identifier"][0]["value"] = "24/2000"
    path = _bundle(tmp_path, [
        ("Organization/999999", _res("Organization-ror-organisation-exemple-eg.json")),
        ("HealthcareService/1", hs),
        ("Location/888888", _res("Location-ror-location-exemple-1.json")),
        ("Location/777", other)])
    uo = read_fhir(path).offre.uo["06/0099999"]
    assert [lieu.id for lieu in uo.lieux] == ["24/1073", "24/2000"]
    installed = next(c for c in uo.capacites if c.statut == "01")
    assert installed.nombre == 30  # 15 + 15


def test_equipment_limits_sector_zone_and_closing_type_are_read(tmp_path: Path) -> None:
    sd = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/"
    nos = "https://mos.esante.gouv.fr/NOS/"
    hs = _res("HealthcareService-1234564.json")
    hs["extension"] += [
        {"url": sd + "ror-healthcareservice-psychiatric-sector", "valueString": "75G01"},
        {"url": sd + "ror-healthcareservice-intervention-zone", "extension": [
            {"url": "type", "valueCodeableConcept": {"coding": [{"code": "3"}]}},
            {"url": "code", "valueCodeableConcept": {"coding": [{"code": "45"}]}}]}]
    loc = _res("Location-ror-location-exemple-1.json")
    loc["extension"].append({"url": sd + "ror-location-equipment", "extension": [
        {"url": "equipmentType", "valueCodeableConcept": {"coding": [
            {"system": nos + "TRE_R212-Equipement/FHIR/TRE-R212-Equipement", "code": "001"}]}},
        {"url": "nbInService", "valueInteger": 2},
        {"url": sd + "ror-location-equipment-limit", "extension": [
            {"url": "equipmentFeature", "valueCodeableConcept": {"coding": [
                {"system": nos + "TRE_R340-TypeCaracteristiqueEquipement/FHIR/x", "code": "001"}]}},
            {"url": "limitValue", "valueQuantity": {"value": 250, "unit": "kg"}}]}]})
    closed = copy.deepcopy(loc["extension"][1])
    closed["extension"] = [e for e in closed["extension"] if e["url"] not in ("additionalBedType", "crisisType")]
    for e in closed["extension"]:
        if e["url"] == "capacityStatus":
            e["valueCodeableConcept"]["coding"][0]["code"] = "05"  # fermé
    closed["extension"].append({"url": "closingType", "valueCodeableConcept": {"coding": [
        {"system": nos + "TRE_R333-TypeFermetureCapacite/FHIR/x", "code": "01"}]}})
    loc["extension"].append(closed)
    uo = read_fhir(_linked(tmp_path, hs, loc=loc)).offre.uo["06/0099999"]
    assert uo.secteur_psychiatrique == "75G01"
    assert uo.zones_intervention == (ZoneIntervention("3", "45"),)
    (eq,) = uo.lieux[0].equipements
    assert (eq.code, eq.quantite, eq.caracteristique, eq.valeur) == ("001", 2, "001", 250.0)
    assert uo.equipements == (eq,)
    assert next(c for c in uo.capacites if c.statut == "05").type_fermeture == "01"


def test_duplicate_identifiers_are_refused_naming_both_resources(tmp_path: Path) -> None:
    """The IG's two HealthcareService examples share the identifier "ZZZ": never one merged record."""
    eg = _res("Organization-ror-organisation-exemple-eg.json")
    path = _bundle(tmp_path, [
        ("Organization/5958", eg),
        (None, _res("HealthcareService-ror-healthcareservice-exemple.json")),
        (None, {**_res("HealthcareService-ror-healthcareservice-exemple-ville.json"),
                "providedBy": {"reference": "Organization/5958"}})])
    with pytest.raises(ImportFormatError) as exc:
        read_fhir(path)
    assert "HealthcareService/ror-healthcareservice-exemple-ville" in str(exc.value)
    assert "also the one of HealthcareService/ror-healthcareservice-exemple" in str(exc.value)
    assert exc.value.field == "identifier"


def test_unknown_code_of_an_ig_table_is_refused_naming_the_field(tmp_path: Path) -> None:
    hs = _res("HealthcareService-1234564.json")
    hs["characteristic"][0]["coding"][0]["code"] = "09"  # TRE_R253 has 01-04
    with pytest.raises(UnknownCodeError, match="uo.type_maternite: unknown code '09' in table TRE_R253"):
        read_fhir(_linked(tmp_path, hs))
    # a unit that waits for its site is checked all the same
    with pytest.raises(UnknownCodeError, match="uo.type_maternite"):
        read_fhir(_bundle(tmp_path, [(None, hs)]))


def test_value_set_narrower_than_its_table() -> None:
    def table(tid: str, codes: dict[str, bool]) -> Table:
        return Table(tid, tid, {c: Code(c, c, None, actif, None, None) for c, actif in codes.items()})

    nom = Nomenclatures({"TRE_R332": table("TRE_R332", {"01": True, "03": False, "05": True}),
                         "JDV_J190": table("JDV_J190", {"01": True})})
    nom.check("capacite.genre", "01")
    with pytest.raises(UnknownCodeError, match="not in the ROR value set JDV_J190") as exc:
        nom.check("capacite.genre", "05")  # active in the table, outside the value set
    assert exc.value.field == "capacite.genre"
    with pytest.warns(DeprecatedCodeWarning, match="no longer in the ROR value set JDV_J190"):
        nom.check("capacite.genre", "03")


def test_pending_resources_wait_in_the_store_and_complete_later(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    unit = _bundle(tmp_path, [(None, _res("HealthcareService-1234564.json")),
                              (None, _res("PractitionerRole-ror-practitionerrole-exemple.json"))], "unit.json")
    first = import_file(store, "fhir", unit)
    assert first["pending"] == 2 and store.counts()["uo"] == 0
    assert [(x["source"], x["cible"], x["bloquant"]) for x in store.fhir.liens()] == [
        ("HealthcareService/1234564", "Organization/999999", True),
        ("PractitionerRole/ror-practitionerrole-exemple", "Practitioner/2524", True)]
    # the site comes (with its national reference): the waiting unit is imported, whole
    site = _bundle(tmp_path, [("Organization/999999", _res("Organization-ror-organisation-exemple-eg.json"))],
                   "site.json")
    second = import_file(store, "fhir", site)
    assert second["counts"]["uo"] == 1
    assert store.get_uo("06/0099999").type_maternite == "04"
    assert sorted((x["source"], x["cible"], x["bloquant"]) for x in store.fhir.liens()) == [
        ("HealthcareService/1234564", "Location/888888", False),  # imported, its place still to come
        ("Organization/ror-organisation-exemple-eg", "Organization/1111", False),
        ("PractitionerRole/ror-practitionerrole-exemple", "Practitioner/2524", True)]
    # a later file refers to the unit by its national reference: resolved through the store
    role = _bundle(tmp_path, [("Practitioner/2524", _res("Practitioner-ror-practitioner-exemple.json")),
                              (None, {**_res("PractitionerRole-ror-practitionerrole-exemple.json"),
                                      "healthcareService": [{"reference": "HealthcareService/1234564"}]})],
                   "role.json")
    third = import_file(store, "fhir", role)
    assert third["pending_examples"] == [  # the site's EJ and the unit's place never came
        "Organization/ror-organisation-exemple-eg: imported without its link to Organization/1111 (partOf)",
        "HealthcareService/1234564: imported without its link to Location/888888 (location)"]
    assert "PractitionerRole/ror-practitionerrole-exemple" not in {x["source"] for x in store.fhir.liens()}
    assert [x.uo_id for x in store.get_professionnel("11111573474").exercices] == ["06/0099999"]


def test_sheets_and_extraction_show_the_national_fields(tmp_path: Path) -> None:
    from tests.api_support import auth, key
    from tests.test_securite_fuites import _client

    offre = read_fhir(_linked(tmp_path)).offre
    for api in _client(tmp_path / "api.sqlite", offre):
        reg = auth(key(api.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        fiche = api.get("/api/v1/unites/06/0099999", headers=reg).json()
        assert fiche["identifiants"] == [{"valeur": "06/0099999", "type": "35", "systeme": None}]
        assert fiche["tranche_age"] == {"min": 15.0, "max": 150.0, "unite": "a"}
        assert (fiche["age_min"], fiche["age_max"]) == (15, 150)
        assert fiche["type_maternite"]["libelle"] == "Maternité de type 3"
        assert fiche["ouverture_annuelle"]["code"] == "02"
        assert fiche["horaires"]["plages"][0]["type_horaire"]["libelle"] == "Horaire d'ouverture"
        (lieu,) = fiche["lieux"]
        assert (lieu["id"], lieu["commune_cog"], lieu["statut"]) == ("24/1073", "45234", "active")
        assert lieu["fonctions"][0]["code"] == "001" and len(lieu["capacites"]) == 5
        assert {c["affectation_temporaire"]["code"] for c in lieu["capacites"]} == {"01"}
        (pro,) = fiche["professionnels"]
        assert (pro["mode_exercice"]["code"], pro["nom_exercice"]) == ("L", "Mylène Tenor")
        assert [s["code"] for s in pro["savoir_faire"]] == ["CEX"]
        public = api.get("/api/v1/unites/06/0099999").json()
        assert {c["statut"]["code"] for c in public["lieux"][0]["capacites"]} == {"01"}  # installed only
        site = api.get("/api/v1/etablissements/458174839").json()
        assert [i["type"] for i in site["identifiants"]] == ["40", "1"]
        assert site["aides_financieres"][0]["libelle"] == "Habilité Aide Sociale"
        assert site["ej_statut_juridique"]["code"] == "72" and site["accueil_famille"] is False
        rows = [json.loads(line) for line in api.get(
            "/api/v1/extraction", params={"format": "jsonl", "ouvert_maintenant": "false"},
            headers=reg).text.splitlines()]
        row = next(r for r in rows if r["uo_id"] == "06/0099999")
        assert (row["identifiant_ror"], row["lieux"], row["communes_cog"], row["tranche_age"],
                row["type_maternite"]) == ("06/0099999", "24/1073", "45234", "15-150 a", "04")


def test_a_first_release_store_upgrades_and_takes_fhir_imports(tmp_path: Path) -> None:
    """Revision 0005 adds the FHIR reference and pending tables to an existing store; its rows,
    written without the new model fields, read with their defaults."""
    import shutil

    db = tmp_path / "v1.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "store-v1.sqlite", db)
    store = Store(db)
    assert store.schema_version() == SCHEMA_VERSION
    uo = store.get_uo("UO-2A0000022-001")
    assert (uo.lieux, uo.identifiants, uo.tranche_age) == ((), (), None)
    report = import_file(store, "fhir", IG / "Organization-ror-organisation-exemple-eg.json")
    assert report["stored"]["eg"] == 1 and report["pending"] == 1
    assert [x["cible"] for x in store.fhir.liens()] == ["Organization/1111"]
    assert store.fhir_references(["Organization/ror-organisation-exemple-eg"]) == {
        "Organization/ror-organisation-exemple-eg": ("eg", "458174839")}


def test_internal_organisation_placed_through_the_bundle_or_the_store(tmp_path: Path) -> None:
    pole = _res("supplementary-Organization-doc-pole.json")
    lu = read_fhir(_bundle(tmp_path, [("Organization/3536", _res("Organization-ror-organisation-exemple-eg.json")),
                                      (None, pole)]))
    oi = lu.offre.oi["ZZZ"]  # identifiantOI (TRE_R345 42)
    assert (oi.eg_id, oi.type, oi.parent_id) == ("458174839", "1", None)
    store = Store(tmp_path / "s.sqlite")
    import_file(store, "fhir", IG / "Organization-ror-organisation-exemple-eg.json")
    # a file naming the site by its record id (as our own FHIR ids are): resolved in the store
    alone = _bundle(tmp_path, [(None, {**pole, "partOf": {"reference": "Organization/458174839"}})], "p.json")
    assert import_file(store, "fhir", alone)["stored"]["oi"] == 1
    assert store.get_oi("ZZZ").eg_id == "458174839"


def test_the_import_command_reports_pending_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ror_orientation.cli import main

    assert main(["import", "--db", str(tmp_path / "s.sqlite"), "fhir",
                 str(IG / "HealthcareService-1234564.json")]) == 0
    out = capsys.readouterr().out
    assert "1 pending link(s), kept for the next import:" in out
    assert "HealthcareService/1234564: waits for Organization/999999 (providedBy)" in out


def test_a_commune_code_outside_the_cog_is_kept_with_a_warning_naming_it(tmp_path: Path) -> None:
    """TRE_R13 is published without its codes: a place's commune COG is checked against the shipped
    INSEE COG (current, delegated and associated communes); an unknown one is said, not dropped."""
    assert not any("ror-commune-cog" in w for w in read_fhir(_linked(tmp_path)).warnings)
    loc = copy.deepcopy(_res("Location-ror-location-exemple-1.json"))
    for ext in loc["extension"]:
        if ext["url"].endswith("ror-commune-cog"):
            ext["valueCodeableConcept"]["coding"][0]["code"] = "45999"
    lu = read_fhir(_linked(tmp_path, loc=loc))
    assert any("ror-commune-cog: '45999' is not a commune of the INSEE COG" in w for w in lu.warnings)
    (lieu,) = lu.offre.uo["06/0099999"].lieux
    assert lieu.commune_cog == "45999"


def test_a_delegated_commune_is_a_known_commune_code() -> None:
    from ror_orientation.territoire import default_territoire
    t = default_territoire()
    assert t.connait("45234") and not t.connait("45999")
    # a commune merged into a commune nouvelle keeps its code as a commune déléguée
    assert any(t.connait(c) and c not in t.communes for c in t.codes_cog)
