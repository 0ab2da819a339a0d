"""Editing the offer over HTTP: tree, working copies, drafts, If-Match, rights, circuit, journal,
publication reaching search (in this worker and another), closures, moves, the validation PDF."""

from __future__ import annotations

import csv
import io

import pypdf
import pytest
from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.settings import Settings
from ror_orientation.store import Store
from tests.api_support import EG_RENNES, EG_VANNES, assert_error, auth, client, key, make_engine

UO_BASE = {"eg_id": EG_RENNES, "champ": "01", "activite": "121",
           "mode_prise_en_charge": "28", "age_min": 18, "age_max": 130,
           "horaires": {"permanent": True},
           "contacts": [{"fonction": "Cadre de santé", "nature": "soignant",
                         "telecoms": [{"canal": "telephone", "valeur": "0299000001",
                                       "confidentialite": "1"}]}]}


@pytest.fixture
def api(tmp_path):
    with client(tmp_path) as c:
        c.ed = key(c.store, ["editeur"], (EG_RENNES,), nom="CHU Rennes référents")  # type: ignore[attr-defined]
        c.val = key(c.store, ["validateur"], (EG_RENNES,), nom="CME Rennes")  # type: ignore[attr-defined]
        c.autre = key(c.store, ["editeur"], (EG_VANNES,), nom="CH Vannes")  # type: ignore[attr-defined]
        c.reg = key(c.store, ["lecture_regulation"], nom="SAMU 35")  # type: ignore[attr-defined]
        yield c


def creer(c: TestClient, kind: str, data: dict, k: str) -> dict:
    r = c.post(f"/api/v1/edition/{kind}", json={"data": data}, headers=auth(k))
    assert r.status_code == 201, r.text
    assert r.headers["ETag"] == r.json()["etag"]
    return r.json()


def sauver(c: TestClient, kind: str, fiche: dict, k: str, **changes) -> dict:
    r = c.put(f"/api/v1/edition/{kind}/{fiche['id']}", json={"data": fiche["data"] | changes},
              headers=auth(k) | {"If-Match": fiche["etag"]})
    assert r.status_code == 200, r.text
    return r.json()


def pole_et_unite(c: TestClient) -> tuple[dict, dict]:
    ed = c.ed  # type: ignore[attr-defined]
    pole = creer(c, "oi", {"eg_id": EG_RENNES, "nom": "Pôle brûlés", "type": "1"}, ed)
    uo = creer(c, "uo", UO_BASE | {"nom": "Réanimation des brûlés", "oi_id": pole["id"]}, ed)
    return pole, uo


def search_ids(c: TestClient, k: str, texte: str) -> list[str]:
    r = c.get("/api/v1/recherche", params={"texte": texte, "limit": 50}, headers=auth(k))
    assert r.status_code == 200, r.text
    return [x["uo_id"] for x in r.json()["resultats"]]


def test_created_unit_is_a_brouillon_under_its_pole_and_invisible_to_search(api):
    pole, uo = pole_et_unite(api)
    assert uo["etat"] == "brouillon" and uo["version"] == 1 and uo["publie"] is False
    arbre = api.get(f"/api/v1/edition/arbre/{EG_RENNES}", headers=auth(api.ed)).json()
    noeuds = {n["id"]: n for n in arbre["noeuds"]}
    assert noeuds[uo["id"]]["parent_id"] == pole["id"] and noeuds[uo["id"]]["etat"] == "brouillon"
    assert noeuds["uo-unv"]["etat"] == "publie"  # the published tree is there too
    assert uo["id"] not in search_ids(api, api.reg, "Réanimation spécialisée brûlés")
    assert_error(api.get(f"/api/v1/unites/{uo['id']}", headers=auth(api.reg)), 404)


def test_save_needs_if_match_and_a_stale_one_is_409_with_both_versions(api):
    _pole, uo = pole_et_unite(api)
    url = f"/api/v1/edition/uo/{uo['id']}"
    assert_error(api.put(url, json={"data": uo["data"]}, headers=auth(api.ed)), 428, "If-Match")
    v2 = sauver(api, "uo", uo, api.ed, age_min=16)
    assert v2["version"] == 2
    r = api.put(url, json={"data": uo["data"] | {"age_max": 99}},
                headers=auth(api.ed) | {"If-Match": uo["etag"]})
    assert r.status_code == 409, r.text
    body = r.json()
    assert body["error"]["code"] == "conflit_version" and body["error"]["field"] == "If-Match"
    assert body["actuelle"]["data"]["age_min"] == 16 and body["actuelle"]["version"] == 2
    assert body["proposee"]["age_max"] == 99
    stored = api.get(url, headers=auth(api.ed)).json()
    assert stored["data"]["age_max"] == 130  # nothing lost, nothing half-written


def test_a_published_record_has_a_version_zero_tag_and_two_first_editors_conflict(api):
    f = api.get("/api/v1/edition/uo/uo-unv", headers=auth(api.ed)).json()
    assert f["version"] == 0 and f["etat"] == "publie"
    sauver(api, "uo", f, api.ed, commentaire="Accueil direct des AVC < 4 h 30")
    r = api.put("/api/v1/edition/uo/uo-unv", json={"data": f["data"]},
                headers=auth(api.ed) | {"If-Match": f["etag"]})
    assert r.status_code == 409


@pytest.mark.parametrize(("change", "field"), [
    ({"activite": "999999"}, "uo.activite"),
    ({"age_min": 140}, "uo.age_min"),
    ({"age_min": "dix"}, "uo.age_min"),
    ({"horaires": {"plages": [{"jour": 1, "debut": "25:00", "fin": "10:00"}]}},
     "uo.horaires.plages[0].debut"),
    ({"oi_id": "pas-une-oi"}, "uo.oi_id"),
    ({"nom": "   "}, "uo.nom"),
])
def test_an_invalid_field_is_400_naming_it_and_nothing_is_stored(api, change, field):
    _pole, uo = pole_et_unite(api)
    r = api.put(f"/api/v1/edition/uo/{uo['id']}", json={"data": uo["data"] | change},
                headers=auth(api.ed) | {"If-Match": uo["etag"]})
    assert_error(r, 400, field)
    assert api.get(f"/api/v1/edition/uo/{uo['id']}", headers=auth(api.ed)).json()["version"] == 1


def test_an_editor_works_only_in_its_own_egs_and_each_refusal_says_why(api):
    _pole, uo = pole_et_unite(api)
    publie = api.get("/api/v1/edition/uo/uo-unv", headers=auth(api.ed)).json()
    err = assert_error(api.put("/api/v1/edition/uo/uo-unv", json={"data": publie["data"]},
                               headers=auth(api.autre) | {"If-Match": publie["etag"]}), 403)
    assert EG_VANNES in err["message"] and EG_RENNES in err["message"]
    # a unit never published is not seen outside its EG: it answers like no unit at all
    for uo_id in (uo["id"], "uo-nexistepas"):
        err = assert_error(api.put(f"/api/v1/edition/uo/{uo_id}", json={"data": uo["data"]},
                                   headers=auth(api.autre) | {"If-Match": uo["etag"]}), 404)
        assert err["message"] == f"uo {uo_id!r} not found"
    err = assert_error(api.post("/api/v1/edition/uo", json={"data": UO_BASE | {"nom": "X unité"}},
                                headers=auth(api.autre)), 403)
    assert "EG" in err["message"]
    err = assert_error(api.post(f"/api/v1/edition/uo/{uo['id']}/valider",
                                headers=auth(api.ed)), 403)
    assert "validateur" in err["message"]
    err = assert_error(api.post("/api/v1/edition/eg", json={"data": {
        "id": "350099999", "ej_id": None, "nom": "Nouveau site", "categorie": "101"}},
        headers=auth(api.ed)), 403)
    assert "admin" in err["message"]
    assert_error(api.post("/api/v1/edition/uo", json={"data": UO_BASE | {"nom": "Y"}},
                          headers=auth(api.reg)), 403)


def test_drafts_are_kept_per_key_and_per_record_until_saved(api, tmp_path):
    _pole, uo = pole_et_unite(api)
    url = f"/api/v1/edition/uo/{uo['id']}"
    typed = uo["data"] | {"nom": "Réanimation des grands brûlés", "age_min": "1"}  # mid-typing
    r = api.put(url + "/brouillon", json={"data": typed, "base_version": 1}, headers=auth(api.ed))
    assert r.status_code == 200 and r.json()["enregistre_le"]
    assert r.json()["aide"]["erreur"]["field"] == "uo.age_min"  # help, not refusal, on a draft
    # another key sees no draft; the same key finds it again (as after a closed tab)
    other = key(api.store, ["editeur"], (EG_RENNES,), nom="Autre référent")
    assert api.get(url, headers=auth(other)).json()["brouillon"] is None
    back = api.get(url, headers=auth(api.ed)).json()
    assert back["brouillon"]["data"]["nom"] == "Réanimation des grands brûlés"
    assert back["data"]["nom"] == "Réanimation des brûlés"  # the working copy is untouched
    listed = api.get("/api/v1/edition/brouillons", headers=auth(api.ed)).json()["brouillons"]
    assert [b["id"] for b in listed] == [uo["id"]]
    # a server restart: a new app over the same file still has it
    store2 = Store(tmp_path / "api.sqlite")
    with TestClient(create_app(Settings(db=tmp_path / "api.sqlite"), engine=None,
                               store=store2)) as again:
        assert again.get(url, headers=auth(api.ed)).json()["brouillon"]["data"]["age_min"] == "1"
    store2.close()
    sauver(api, "uo", uo, api.ed, nom="Réanimation des grands brûlés")
    assert api.get(url, headers=auth(api.ed)).json()["brouillon"] is None


def test_journal_lists_each_field_old_to_new_with_author_and_exports_csv(api):
    _pole, uo = pole_et_unite(api)
    sauver(api, "uo", uo, api.ed, age_min=16, commentaire="Brûlés de plus de 30 % de surface")
    lignes = api.get(f"/api/v1/edition/uo/{uo['id']}/journal",
                     headers=auth(api.ed)).json()["lignes"]
    modif = {x["champ"]: x for x in lignes if x["action"] == "modification" and x["version"] == 2}
    assert set(modif) == {"age_min", "commentaire"}
    assert (modif["age_min"]["ancien"], modif["age_min"]["nouveau"]) == (18, 16)
    assert modif["age_min"]["auteur"].startswith("CHU Rennes référents#")
    assert any(x["action"] == "creation" for x in lignes)
    r = api.get(f"/api/v1/edition/uo/{uo['id']}/journal", params={"format": "csv"},
                headers=auth(api.ed))
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {"age_min", "commentaire"} <= {row["champ"] for row in rows}
    assert_error(api.get(f"/api/v1/edition/uo/{uo['id']}/journal", headers=auth(api.autre)), 404)
    assert_error(api.get("/api/v1/edition/uo/uo-unv/journal", headers=auth(api.autre)), 403)


def test_circuit_submit_validate_publish_a_pole_reaches_search_at_once(api):
    pole, uo = pole_et_unite(api)
    uf = creer(api, "oi", {"eg_id": EG_RENNES, "nom": "UF brûlés", "type": "3",
                           "parent_id": pole["id"]}, api.ed)
    uo2 = creer(api, "uo", UO_BASE | {"nom": "Soins continus des brûlés", "oi_id": uf["id"]}, api.ed)
    ids = [("oi", pole["id"]), ("oi", uf["id"]), ("uo", uo["id"]), ("uo", uo2["id"])]
    err = assert_error(api.post(f"/api/v1/edition/uo/{uo['id']}/valider",
                                headers=auth(api.val)), 409)
    assert "submit" in err["message"]
    for kind, i in ids:
        assert api.post(f"/api/v1/edition/{kind}/{i}/soumettre",
                        headers=auth(api.ed)).json()["etat"] == "a_valider"
    for kind, i in ids[:-1]:
        v = api.post(f"/api/v1/edition/{kind}/{i}/valider", json={"signataire": "Dr Anne Martin"},
                     headers=auth(api.val)).json()
        assert v["etat"] == "valide" and v["valide_par"] == "Dr Anne Martin (CME Rennes)"
        assert v["valide_le"]
    pub = api.post(f"/api/v1/edition/oi/{pole['id']}/publier", headers=auth(api.ed)).json()
    assert {(p["kind"], p["id"]) for p in pub["publies"]} == set(ids[:-1])
    assert pub["ecartes"] == [{"kind": "uo", "id": uo2["id"], "etat": "a_valider",
                               "motif": "état à valider: it must be validated first"}]
    assert uo["id"] in search_ids(api, api.reg, "Réanimation spécialisée brûlés")
    assert uo2["id"] not in search_ids(api, api.reg, "Réanimation spécialisée brûlés")
    sheet = api.get(f"/api/v1/unites/{uo['id']}", headers=auth(api.reg)).json()
    assert sheet["nom"] == "Réanimation des brûlés"
    assert api.get(f"/api/v1/edition/uo/{uo['id']}", headers=auth(api.ed)).json()["etat"] == "publie"


def test_return_for_correction_carries_its_comment_and_a_save_goes_back_to_brouillon(api):
    _pole, uo = pole_et_unite(api)
    base = f"/api/v1/edition/uo/{uo['id']}"
    api.post(base + "/soumettre", headers=auth(api.ed))
    assert_error(api.post(base + "/retourner", json={"commentaire": " "}, headers=auth(api.val)),
                 400, "commentaire")
    r = api.post(base + "/retourner", json={"commentaire": "Âge minimum : 15 ans chez nous"},
                 headers=auth(api.val)).json()
    assert r["etat"] == "brouillon" and r["retour"] == "Âge minimum : 15 ans chez nous"
    lignes = api.get(base + "/journal", headers=auth(api.ed)).json()["lignes"]
    assert lignes[0]["action"] == "retourner" and lignes[0]["commentaire"].startswith("Âge")


def test_publishing_a_unit_whose_new_pole_is_unpublished_says_so(api):
    _pole, uo = pole_et_unite(api)
    base = f"/api/v1/edition/uo/{uo['id']}"
    api.post(base + "/soumettre", headers=auth(api.ed))
    api.post(base + "/valider", headers=auth(api.val))
    err = assert_error(api.post(base + "/publier", headers=auth(api.ed)), 409, "parent_id")
    assert "not published" in err["message"]


def test_close_provisionally_then_reopen_and_close_definitively(api):
    f = api.get("/api/v1/edition/uo/uo-unv", headers=auth(api.ed)).json()
    url = "/api/v1/edition/uo/uo-unv"
    assert_error(api.post(url + "/fermer", json={"debut": "2026-12-01", "definitive": False},
                          headers=auth(api.ed) | {"If-Match": f["etag"]}), 400, "reouverture_prevue")
    r = api.post(url + "/fermer", json={"debut": "2026-12-01", "reouverture_prevue": "2027-01-05",
                                        "motif": "travaux"},
                 headers=auth(api.ed) | {"If-Match": f["etag"]})
    assert r.status_code == 200, r.text
    closed = r.json()["fiches"][0]
    assert closed["data"]["horaires"]["fermetures"] == [
        {"debut": "2026-12-01", "reouverture_prevue": "2027-01-05", "definitive": False,
         "motif": "travaux"}]
    r = api.post(url + "/rouvrir", json={"le": "2026-12-20"},
                 headers=auth(api.ed) | {"If-Match": closed["etag"]})
    reopened = r.json()["fiches"][0]
    assert reopened["data"]["horaires"]["fermetures"][0]["reouverture_prevue"] == "2026-12-20"
    r = api.post(url + "/fermer", json={"debut": "2027-02-01", "definitive": True},
                 headers=auth(api.ed) | {"If-Match": reopened["etag"]})
    assert r.json()["fiches"][0]["data"]["horaires"]["fermetures"][-1]["definitive"] is True
    actions = [x["action"] for x in api.get(url + "/journal", headers=auth(api.ed)).json()["lignes"]]
    assert {"fermeture", "reouverture"} <= set(actions)


def test_move_a_unit_and_refuse_a_cycle_or_another_egs_organisation(api):
    pole, uo = pole_et_unite(api)
    uf = creer(api, "oi", {"eg_id": EG_RENNES, "nom": "UF brûlés", "type": "3",
                           "parent_id": pole["id"]}, api.ed)
    r = api.post(f"/api/v1/edition/uo/{uo['id']}/deplacer", json={"parent_id": uf["id"]},
                 headers=auth(api.ed) | {"If-Match": uo["etag"]})
    assert r.status_code == 200 and r.json()["data"]["oi_id"] == uf["id"]
    pole_now = api.get(f"/api/v1/edition/oi/{pole['id']}", headers=auth(api.ed)).json()
    assert_error(api.post(f"/api/v1/edition/oi/{pole['id']}/deplacer", json={"parent_id": uf["id"]},
                          headers=auth(api.ed) | {"If-Match": pole_now["etag"]}),
                 400, "oi.parent_id")
    vannes = creer(api, "oi", {"eg_id": EG_VANNES, "nom": "Pôle Vannes", "type": "1"},
                   key(api.store, ["admin"]))
    moved = api.get(f"/api/v1/edition/uo/{uo['id']}", headers=auth(api.ed)).json()
    err = assert_error(api.post(f"/api/v1/edition/uo/{uo['id']}/deplacer",
                                json={"parent_id": vannes["id"]},
                                headers=auth(api.ed) | {"If-Match": moved["etag"]}), 400, "uo.oi_id")
    assert EG_VANNES in err["message"]


def test_live_help_names_missing_criteria_charter_and_proposes_peer_aptitudes(api):
    data = {"eg_id": EG_RENNES, "nom": "REA BRULES", "champ": "01", "activite": "157",
            "mode_prise_en_charge": "28"}
    aide = api.post("/api/v1/edition/aide", json={"data": data}, headers=auth(api.ed)).json()
    failed = {c["critere"]: c["a_faire"] for c in aide["criteres"] if not c["ok"]}
    assert set(failed) == {4, 6} and "âge" in failed[4]
    assert aide["statut_peuplement"] == "en_cours"
    assert aide["charte"][0]["code"] == "majuscules"
    # uo-unv, uo-sensible and uo-vannes all do 157 in mode 28, the first with thrombolysis
    apt = aide["aptitudes"]
    assert apt["pairs"] == 3
    assert [p["code"] for p in apt["propositions"]] == ["R210:0460"]
    assert apt["propositions"][0]["part"] == pytest.approx(1 / 3, abs=1e-3)


def test_copy_a_unit_as_a_template_keeps_attributes_not_ids_or_beds(api):
    r = api.post("/api/v1/edition/uo/uo-unv/copie", json={"nom": "UNV site nord"},
                 headers=auth(api.ed))
    assert r.status_code == 201, r.text
    copie = r.json()["data"]
    assert copie["nom"] == "UNV site nord" and copie["actes"] == ["0460"]
    assert copie["capacites"] == [] and copie["id_externe_synchro"] is None
    assert copie["id"] != "uo-unv" and r.json()["etat"] == "brouillon"


def test_validation_sheet_pdf_per_unit_and_per_pole_one_unit_a_page(api):
    pole, uo = pole_et_unite(api)
    creer(api, "uo", UO_BASE | {"nom": "Soins continus des brûlés", "oi_id": pole["id"]}, api.ed)
    r = api.get(f"/edition/uo/{uo['id']}/validation.pdf", headers=auth(api.ed))
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(r.content)).pages)
    assert f"Réf. UO {uo['id']} · version 1" in text
    for expected in ("Réanimation spécialisée brûlés", "Hospitalisation complète", "Conforme",
                     "À corriger", "Signature", "Pôle brûlés", "de 18 à 130 ans"):
        assert expected in text, expected
    r = api.get(f"/edition/oi/{pole['id']}/validation.pdf", headers=auth(api.ed))
    reader = pypdf.PdfReader(io.BytesIO(r.content))
    starts = [i for i, p in enumerate(reader.pages) if "Fiche de validation" in p.extract_text()]
    assert len(starts) == 2
    assert_error(api.get(f"/edition/uo/{uo['id']}/validation.pdf",
                         headers=auth(api.autre)), 404)  # never published: not seen outside
    assert_error(api.get("/edition/uo/uo-unv/validation.pdf", headers=auth(api.autre)), 403)


def test_publication_in_one_worker_is_seen_by_search_in_another(tmp_path):
    with client(tmp_path) as one:
        ed = key(one.store, ["editeur", "validateur"], (EG_RENNES,))
        reg = key(one.store, ["lecture_regulation"])
        store2 = Store(tmp_path / "api.sqlite")
        app2 = create_app(Settings(db=tmp_path / "api.sqlite"), engine=make_engine(store2),
                          store=store2)
        with TestClient(app2) as two:
            assert "uo-unv" in search_ids(two, reg, "Urgences polyvalentes hospitalières")
            uo = creer(one, "uo", UO_BASE | {"nom": "Centre des brûlés"}, ed)
            base = f"/api/v1/edition/uo/{uo['id']}"
            one.post(base + "/soumettre", headers=auth(ed))
            one.post(base + "/valider", headers=auth(ed))
            assert uo["id"] not in search_ids(two, reg, "Réanimation spécialisée brûlés")
            assert one.post(base + "/publier", headers=auth(ed)).status_code == 200
            assert uo["id"] in search_ids(two, reg, "Réanimation spécialisée brûlés")
        store2.close()


def test_a_whole_pole_is_submitted_then_validated_in_one_call_each(api):
    pole, uo = pole_et_unite(api)
    uo2 = creer(api, "uo", UO_BASE | {"nom": "Soins continus des brûlés", "oi_id": pole["id"]}, api.ed)
    api.post(f"/api/v1/edition/uo/{uo2['id']}/soumettre", headers=auth(api.ed))
    r = api.post(f"/api/v1/edition/oi/{pole['id']}/pole/soumettre", headers=auth(api.ed)).json()
    assert {f["id"] for f in r["fiches"]} == {pole["id"], uo["id"]}
    assert r["ecartes"] == [{"kind": "uo", "id": uo2["id"], "etat": "a_valider",
                             "motif": "état à valider"}]
    assert_error(api.post(f"/api/v1/edition/oi/{pole['id']}/pole/valider", headers=auth(api.ed)),
                 403)
    r = api.post(f"/api/v1/edition/oi/{pole['id']}/pole/valider",
                 json={"signataire": "Dr Anne Martin"}, headers=auth(api.val)).json()
    assert len(r["fiches"]) == 3 and r["ecartes"] == []
    assert {f["valide_par"] for f in r["fiches"]} == {"Dr Anne Martin (CME Rennes)"}
    pub = api.post(f"/api/v1/edition/oi/{pole['id']}/publier", headers=auth(api.ed)).json()
    assert len(pub["publies"]) == 3


def test_a_new_unit_is_drafted_without_its_activity_but_not_submitted_without_it(api):
    """One activité opérationnelle per unit: the form may save a unit before it is chosen, the
    circuit refuses to submit it (400 naming `uo.activite`), a list is refused on save."""
    ed = api.ed
    base = {k: v for k, v in UO_BASE.items() if k != "activite"}
    uo = creer(api, "uo", base | {"nom": "Brûlés - consultation"}, ed)
    assert uo["data"]["activite"] == ""
    err = assert_error(api.post(f"/api/v1/edition/uo/{uo['id']}/soumettre", headers=auth(ed)),
                       400, field="uo.activite")
    assert "one activité opérationnelle" in err["message"]
    r = api.put(f"/api/v1/edition/uo/{uo['id']}", json={"data": uo["data"] | {
        "activite": ["121", "359"]}}, headers=auth(ed) | {"If-Match": uo["etag"]})
    assert_error(r, 400, field="uo.activite")
    uo = sauver(api, "uo", uo, ed, activite="359")
    r = api.post(f"/api/v1/edition/uo/{uo['id']}/soumettre", headers=auth(ed))
    assert r.status_code == 200, r.text
