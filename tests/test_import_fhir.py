"""The national ROR FHIR R4 exposition: a Bundle of Organization / HealthcareService / Location /
PractitionerRole / Practitioner mapped onto the offer model (tests/data/ror_fhir_bundle.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from ror_orientation.errors import ImportFormatError, UnknownCodeError
from ror_orientation.horaires import PARIS, is_open
from ror_orientation.importers.fhir import read_fhir
from ror_orientation.offre import Canal, Confidentialite
from ror_orientation.store import Store

BUNDLE = Path(__file__).parent / "data" / "ror_fhir_bundle.json"


@pytest.fixture(scope="module")
def lu():
    return read_fhir(BUNDLE)


def _edited(tmp_path: Path, change) -> Path:
    data = json.loads(BUNDLE.read_text(encoding="utf-8"))
    resources = {f"{e['resource']['resourceType']}/{e['resource']['id']}": e["resource"] for e in data["entry"]}
    change(resources, data)
    out = tmp_path / "bundle.json"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_bundle_counts_per_entity(lu):
    assert lu.offre.counts() == {"ej": 1, "eg": 1, "oi": 2, "uo": 3, "professionnels": 2}


def test_organizations_become_ej_eg_and_internal_organisations(lu):
    eg = lu.offre.eg["350000741"]
    assert (eg.ej_id, eg.categorie, eg.region, eg.departement) == ("350005179", "101", "53", "35")
    assert (eg.adresse.numero, eg.adresse.voie, eg.adresse.commune_insee) == ("2", "HENRI LE GUILLOUX", "35238")
    assert (eg.coordonnees.lat, eg.coordonnees.lon) == (48.11852, -1.69263)  # from a unit's Location
    service = lu.offre.oi["OI-35-000741-NEURO-SRV"]
    assert (service.eg_id, service.parent_id, service.type) == ("350000741", "OI-35-000741-NEURO", "2")


def test_healthcareservice_codes_and_patientele(lu):
    uo = lu.offre.uo["OFFRE-35-0001"]
    assert (uo.eg_id, uo.oi_id, uo.champ, uo.mode_prise_en_charge) == ("350000741", "OI-35-000741-NEURO-SRV", "01", "28")
    assert uo.activite == "098" and uo.actes == ("0460", "0459")
    assert (uo.age_min, uo.age_max, uo.sensible) == (18, 120, False)
    consult = lu.offre.uo["OFFRE-35-0002"]
    assert consult.publics == ("02",) and consult.competences == ("01",)
    assert lu.offre.uo["OFFRE-35-0003"].sensible is True


def test_location_capacity_extension_gives_keyed_capacities(lu):
    caps = {c.key: c for c in lu.offre.uo["OFFRE-35-0001"].capacites}
    assert caps[("01", "01", "01", "04", None, None)].nombre == 14  # installed, no gender → indéterminé
    assert caps[("01", "02", "01", "01", None, None)].nombre == 2  # free beds, women
    assert caps[("01", "02", "01", "02", None, None)].source == "02"
    assert caps[("01", "02", "01", "02", None, None)].maj.isoformat() == "2026-11-20T08:00:00+01:00"
    uo = lu.offre.uo["OFFRE-35-0001"]
    assert uo.equipements[0].code == "054" and uo.equipements[0].quantite == 2
    assert uo.id_externe_synchro == "PONT-NEURO-USINV"


def test_available_time_becomes_a_schedule(lu):
    assert lu.offre.uo["OFFRE-35-0001"].horaires.permanent
    urgences = lu.offre.uo["OFFRE-35-0003"].horaires
    assert is_open(urgences, datetime(2026, 11, 28, 23, 0, tzinfo=PARIS))  # Saturday night
    assert not is_open(urgences, datetime(2026, 11, 28, 12, 0, tzinfo=PARIS))  # Saturday noon
    consult = lu.offre.uo["OFFRE-35-0002"].horaires
    assert is_open(consult, datetime(2026, 11, 27, 10, 0, tzinfo=PARIS))  # Friday morning
    assert not is_open(consult, datetime(2026, 11, 27, 14, 0, tzinfo=PARIS))
    assert not is_open(consult, datetime(2026, 8, 10, 10, 0, tzinfo=PARIS))  # summer closure
    assert consult.fermetures[0].reouverture_prevue.isoformat() == "2026-08-24"


def test_contacts_keep_channel_and_confidentiality(lu):
    garde, mss = lu.offre.uo["OFFRE-35-0001"].contacts
    assert (garde.fonction, garde.nature) == ("Médecin de garde", "Médical")
    assert garde.telecoms[0].canal == Canal.TELEPHONE
    assert garde.telecoms[0].confidentialite == Confidentialite.CONFIDENTIEL
    assert mss.telecoms[0].canal == Canal.MSSANTE and mss.telecoms[0].confidentialite == Confidentialite.RESTREINT


def test_practitioner_roles_become_one_professional_with_exercices(lu):
    p = lu.offre.professionnels["10101010101"]
    assert (p.nom, p.prenom, p.profession, p.specialite) == ("LE GALL", "Yann", "10", "SM32")
    assert [(x.uo_id, x.activite) for x in p.exercices] == [("OFFRE-35-0001", "098"), ("OFFRE-35-0002", None)]
    assert lu.offre.professionnels["10202020202"].profession == "60"


def test_bundle_loads_into_the_store(tmp_path, lu):
    store = Store(tmp_path / "s.sqlite")
    report = store.import_offre(lu.offre, "fhir")
    assert report.counts == {"ej": 1, "eg": 1, "oi": 2, "uo": 3, "professionnel": 2}
    assert store.get_uo("OFFRE-35-0001") == lu.offre.uo["OFFRE-35-0001"]


def test_unknown_code_names_field_code_table_and_resource(tmp_path):
    def change(res, _data):
        res["HealthcareService/hs-consult"]["specialty"][0]["coding"][0]["code"] = "999"
    with pytest.raises(UnknownCodeError) as exc:
        read_fhir(_edited(tmp_path, change))
    assert exc.value.field == "uo.activite" and exc.value.table == "TRE_R211" and exc.value.value == "999"
    assert "bundle.json: HealthcareService/hs-consult: uo.activite: unknown code '999' in table TRE_R211" in str(exc.value)


R211 = "https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle"
R213 = "https://mos.esante.gouv.fr/NOS/TRE_R213-ModePriseEnCharge/FHIR/TRE-R213-ModePriseEnCharge"


def test_two_operational_activities_violate_the_ig_cardinality_and_are_refused(tmp_path):
    """`specialty[operationalActivity]` is 1..1 in the IG: a HealthcareService with two is refused
    whole, naming the resource, the slice and both codes (nothing of the file is kept)."""
    def change(res, _data):
        res["HealthcareService/hs-usinv"]["specialty"].append(
            {"coding": [{"system": R211, "code": "097"}]})
    with pytest.raises(ImportFormatError) as exc:
        read_fhir(_edited(tmp_path, change))
    assert exc.value.field == "specialty[operationalActivity]"
    assert ("bundle.json:HealthcareService/hs-usinv: specialty[operationalActivity]: 2 activités "
            "opérationnelles (TRE_R211: 098, 097)") in str(exc.value)
    assert "exactly one per HealthcareService (1..1)" in str(exc.value)


def test_a_healthcareservice_without_operational_activity_is_refused(tmp_path):
    def change(res, _data):
        del res["HealthcareService/hs-consult"]["specialty"]
    with pytest.raises(ImportFormatError, match=r"HealthcareService/hs-consult: "
                       r"specialty\[operationalActivity\]: 0 activités opérationnelles"):
        read_fhir(_edited(tmp_path, change))


def test_two_modes_are_refused_naming_the_resource(tmp_path):
    def change(res, _data):
        res["HealthcareService/hs-consult"]["characteristic"].append(
            {"coding": [{"system": R213, "code": "28"}]})
    with pytest.raises(ImportFormatError) as exc:
        read_fhir(_edited(tmp_path, change))
    assert exc.value.field == "characteristic[careMode]"
    assert "HealthcareService/hs-consult: characteristic[careMode]: 2 modes de prise en charge " \
           "(TRE_R213: 32, 28)" in str(exc.value)


def test_unknown_capacity_code_is_refused(tmp_path):
    def change(res, _data):
        cap = res["Location/loc-usinv"]["extension"][2]["extension"][1]
        cap["valueCodeableConcept"]["coding"][0]["code"] = "77"
    with pytest.raises(UnknownCodeError, match="capacite.statut: unknown code '77' in table TRE_R330"):
        read_fhir(_edited(tmp_path, change))


def test_reference_outside_the_bundle_is_a_pending_link_not_an_error(tmp_path):
    """The national ROR's files point at resources they do not carry (`Organization/1111` in every IG
    example): the unit is imported without that place and the link is reported."""
    def change(res, _data):
        res["HealthcareService/hs-usinv"]["location"] = [{"reference": "Location/absente"}]
    lu = read_fhir(_edited(tmp_path, change))
    uo = lu.offre.uo["OFFRE-35-0001"]
    assert uo.lieux == () and uo.capacites == ()
    assert [(p.source, p.field, p.cible, p.blocking) for p in lu.pending] == [
        ("HealthcareService/hs-usinv", "location", "Location/absente", False),
        # and the place the unit no longer names waits for a unit that does
        ("Location/loc-usinv", "HealthcareService.location", "a HealthcareService naming it", True)]
    assert lu.summary()["pending_examples"][0] == (
        "HealthcareService/hs-usinv: imported without its link to Location/absente (location)")


def test_unit_provided_by_something_that_is_not_a_site_is_refused(tmp_path):
    def change(res, _data):
        res["HealthcareService/hs-urgences"]["providedBy"] = {"reference": "Organization/ej-350005179"}
    with pytest.raises(ImportFormatError, match=r"HealthcareService/hs-urgences: providedBy: .*not a site"):
        read_fhir(_edited(tmp_path, change))


def test_a_bundle_of_another_type_is_refused(tmp_path):
    def change(_res, data):
        data["type"] = "history"
    with pytest.raises(ImportFormatError, match="Bundle type 'history'"):
        read_fhir(_edited(tmp_path, change))


R283 = "https://mos.esante.gouv.fr/NOS/TRE_R283-NiveauConfidentialite/FHIR/TRE-R283-NiveauConfidentialite"
IG = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/"


def _niveau(ext: str, code: str) -> dict:
    return {"url": IG + ext, "valueCodeableConcept": {"coding": [{"system": R283, "code": code}]}}


def test_site_phone_is_the_first_one_anybody_may_see(tmp_path):
    """A confidential contact hides its phones even when a telecom says public; a confidential
    telecom is skipped too: the EG phone is the first public one at both levels."""
    def change(res, _data):
        res["Organization/eg-350000741"]["contact"] = [
            {"extension": [_niveau("ror-contact-confidentiality-level", "3")],
             "telecom": [{"system": "phone", "value": "0600000001",
                          "extension": [_niveau("ror-telecom-confidentiality-level", "1")]}]},
            {"telecom": [{"system": "phone", "value": "0600000002",
                          "extension": [_niveau("ror-telecom-confidentiality-level", "3")]},
                         {"system": "phone", "value": "0299284321"}]}]
    eg = read_fhir(_edited(tmp_path, change)).offre.eg["350000741"]
    assert eg.telephone == "0299284321"


def test_contact_level_confidentiality_is_kept_on_units(tmp_path):
    def change(res, _data):
        hs = res["HealthcareService/hs-usinv"]
        hs.setdefault("extension", []).append({
            "url": IG + "ror-healthcareservice-contact",
            "extension": [_niveau("ror-confidentiality-level", "3"),
                          {"url": IG + "ror-healthcareservice-contact-telecom", "extension": [
                              {"url": "telecomAddress", "valueString": "0611111199"},
                              _niveau("ror-telecom-confidentiality-level", "1")]}]})
    uo = read_fhir(_edited(tmp_path, change)).offre.uo["OFFRE-35-0001"]
    [contact] = [c for c in uo.contacts if any(t.valeur == "0611111199" for t in c.telecoms)]
    assert contact.confidentialite == Confidentialite.CONFIDENTIEL
