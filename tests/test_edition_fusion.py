"""Conflicts down to the nested element: a stale save answers 409 with the differences per element
(`contacts[1].telecoms[0].valeur`, `horaires.plages[0].fin`), and the merge takes, element by element,
the side the person chose."""

from __future__ import annotations

import pytest

from ror_orientation.edition.fusion import ecarts, fusionner
from tests.api_support import EG_RENNES, assert_error, auth, client, key
from tests.test_api_edition import UO_BASE, creer

TEL = {"canal": "telephone", "valeur": "0299000001", "confidentialite": "1"}
CONTACTS = [{"fonction": "Cadre de santé", "nature": "soignant", "telecoms": [TEL]},
            {"fonction": "Secrétariat", "nature": "administratif",
             "telecoms": [TEL | {"valeur": "0299000002"}]}]


def _chemins(a, b):
    return [e.texte for e in ecarts(a, b)]


def test_differences_name_the_nested_element():
    a = {"nom": "Cardio", "contacts": CONTACTS, "actes": ["0460", "0459"],
         "horaires": {"plages": [{"jour": 1, "debut": "08:00", "fin": "18:00"}]}}
    b = {"nom": "Cardio", "actes": ["0460"],
         "contacts": [CONTACTS[0], CONTACTS[1] | {"telecoms": [TEL | {"valeur": "0299999999"}]}],
         "horaires": {"plages": [{"jour": 1, "debut": "08:00", "fin": "19:00"},
                                 {"jour": 2, "debut": "08:00", "fin": "12:00"}]}}
    assert _chemins(a, b) == ["actes", "contacts[1].telecoms[0].valeur",
                              "horaires.plages[0].fin", "horaires.plages[1]"]
    assert _chemins(a, a) == []
    assert _chemins({"sensible": False, "commentaire": ""}, {}) == []  # empty reads as absent


def test_merge_takes_each_chosen_element_and_keeps_the_others():
    a = {"nom": "A", "contacts": CONTACTS, "horaires": {"plages": [{"jour": 1, "fin": "18:00"},
                                                                   {"jour": 2, "fin": "12:00"}]}}
    b = {"nom": "B", "contacts": [CONTACTS[0] | {"fonction": "Cadre"},
                                  CONTACTS[1] | {"fonction": "Accueil"}],
         "horaires": {"plages": [{"jour": 1, "fin": "18:00"}]}}
    m = fusionner(a, b, {("contacts", 1, "fonction"), ("horaires", "plages", 1)})
    assert m["nom"] == "A"
    assert [c["fonction"] for c in m["contacts"]] == ["Cadre de santé", "Accueil"]
    assert m["horaires"]["plages"] == [{"jour": 1, "fin": "18:00"}]  # the removed slot is gone
    assert a["contacts"][1]["fonction"] == "Secrétariat"  # the inputs are left alone
    ajout = fusionner(b, a, {("horaires", "plages", 1)})
    assert ajout["horaires"]["plages"] == a["horaires"]["plages"]


@pytest.fixture
def api(tmp_path):
    with client(tmp_path) as c:
        c.ed = key(c.store, ["editeur"], (EG_RENNES,), nom="CHU Rennes")  # type: ignore[attr-defined]
        yield c


def test_a_stale_save_answers_409_per_nested_element_and_the_chosen_merge_saves(api):
    uo = creer(api, "uo", UO_BASE | {"nom": "Cardiologie", "contacts": CONTACTS}, api.ed)
    url = f"/api/v1/edition/uo/{uo['id']}"
    h = auth(api.ed)
    autre = uo["data"] | {"contacts": [CONTACTS[0], CONTACTS[1] | {
        "telecoms": [TEL | {"valeur": "0299111111"}]}]}
    r = api.put(url, json={"data": autre}, headers=h | {"If-Match": uo["etag"]})
    assert r.status_code == 200, r.text
    v2 = r.json()
    mienne = uo["data"] | {"age_min": 16, "contacts": [CONTACTS[0] | {"fonction": "Cadre"},
                                                       CONTACTS[1]]}
    r = api.put(url, json={"data": mienne}, headers=h | {"If-Match": uo["etag"]})
    assert r.status_code == 409
    diffs = {d["chemin"]: d for d in r.json()["differences"]}
    assert set(diffs) == {"age_min", "contacts[0].fonction", "contacts[1].telecoms[0].valeur"}
    assert diffs["contacts[1].telecoms[0].valeur"]["actuelle"] == "0299111111"
    assert diffs["contacts[1].telecoms[0].valeur"]["proposee"] == "0299000002"
    assert diffs["contacts[1].telecoms[0].valeur"]["segments"] == ["contacts", 1, "telecoms", 0,
                                                                   "valeur"]
    # keep mine for the age and the first contact, theirs for the second contact's phone
    r = api.post(f"{url}/ecarts", json={"data": mienne, "miennes": ["age_min",
                                                                    "contacts[0].fonction"]},
                 headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["etag"] == v2["etag"]
    r = api.put(url, json={"data": r.json()["fusion"]}, headers=h | {"If-Match": v2["etag"]})
    assert r.status_code == 200, r.text
    d = r.json()["data"]
    assert d["age_min"] == 16 and d["contacts"][0]["fonction"] == "Cadre"
    assert d["contacts"][1]["telecoms"][0]["valeur"] == "0299111111"
    assert_error(api.post(f"{url}/ecarts", json={"data": mienne, "miennes": ["nom"]}, headers=h),
                 400, "miennes")
