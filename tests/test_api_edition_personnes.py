"""Editing by named persons under one establishment key: each person has their own drafts, the
journal and the validation name them, an unknown or withdrawn person is refused naming the header,
and drafts written before persons were declared are taken over by the first person who saves."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

import pytest

from ror_orientation.store.edition import EditionStore
from tests.api_support import EG_RENNES, assert_error, auth, client, key
from tests.test_api_edition import UO_BASE, creer

H = "X-ROR-Utilisateur"


@pytest.fixture
def api(tmp_path):
    with client(tmp_path) as c:
        c.ed = key(c.store, ["editeur", "validateur"], (EG_RENNES,), nom="CHU Rennes")  # type: ignore[attr-defined]
        yield c


def declare(c, email: str, nom: str) -> None:
    r = c.put(f"/api/v1/edition/personnes/{email}", json={"nom": nom}, headers=auth(c.ed))
    assert r.status_code == 200, r.text


def comme(c, email: str) -> dict[str, str]:
    return auth(c.ed) | {H: email}


def test_two_persons_of_one_key_keep_their_own_drafts(api):
    uo = creer(api, "uo", UO_BASE | {"nom": "Cardiologie"}, api.ed)
    declare(api, "Anne.Martin@chu-rennes.fr", "Anne Martin")
    declare(api, "paul.leroy@chu-rennes.fr", "Paul Leroy")
    url = f"/api/v1/edition/uo/{uo['id']}"
    for email, nom in (("anne.martin@chu-rennes.fr", "Cardio (Anne)"),
                       ("paul.leroy@chu-rennes.fr", "Cardio (Paul)")):
        r = api.put(f"{url}/brouillon", json={"data": uo["data"] | {"nom": nom}, "base_version": 1},
                    headers=comme(api, email))
        assert r.status_code == 200, r.text
    anne = api.get(url, headers=comme(api, "ANNE.martin@chu-rennes.fr")).json()
    paul = api.get(url, headers=comme(api, "paul.leroy@chu-rennes.fr")).json()
    assert anne["brouillon"]["data"]["nom"] == "Cardio (Anne)"
    assert paul["brouillon"]["data"]["nom"] == "Cardio (Paul)"
    liste = api.get("/api/v1/edition/brouillons", headers=comme(api, "paul.leroy@chu-rennes.fr"))
    assert [b["nom"] for b in liste.json()["brouillons"]] == ["Cardio (Paul)"]
    # Anne saves: her draft goes, Paul's stays, and the journal names her
    r = api.put(url, json={"data": anne["brouillon"]["data"]},
                headers=comme(api, "anne.martin@chu-rennes.fr") | {"If-Match": anne["etag"]})
    assert r.status_code == 200, r.text
    assert r.json()["modifie_par"].startswith("Anne Martin (CHU Rennes#")
    assert api.get(url, headers=comme(api, "anne.martin@chu-rennes.fr")).json()["brouillon"] is None
    assert api.get(url, headers=comme(api, "paul.leroy@chu-rennes.fr")).json()["brouillon"]["data"][
        "nom"] == "Cardio (Paul)"
    lignes = api.get(f"{url}/journal", headers=comme(api, "paul.leroy@chu-rennes.fr")).json()["lignes"]
    nom = next(x for x in lignes if x["champ"] == "nom")
    assert nom["personne"] == "anne.martin@chu-rennes.fr" and nom["auteur"].startswith("Anne Martin")
    export = api.get(f"{url}/journal", params={"format": "csv"},
                     headers=comme(api, "paul.leroy@chu-rennes.fr")).text
    assert "anne.martin@chu-rennes.fr" in export.split("\n", 2)[1]  # who, in the export too


def test_a_key_with_persons_needs_a_declared_one_on_each_editing_request(api):
    uo = creer(api, "uo", UO_BASE | {"nom": "Cardiologie"}, api.ed)  # nobody declared yet: works
    declare(api, "anne.martin@chu-rennes.fr", "Anne Martin")
    url = f"/api/v1/edition/uo/{uo['id']}"
    assert_error(api.get(url, headers=auth(api.ed)), 428, H)
    assert_error(api.get(url, headers=comme(api, "inconnu@chu-rennes.fr")), 403, H)
    assert_error(api.get(url, headers=comme(api, "pas un mail")), 400, H)
    moi = api.get("/api/v1/edition/moi", headers=auth(api.ed)).json()  # never refused: lists them
    assert [p["email"] for p in moi["personnes"]] == ["anne.martin@chu-rennes.fr"]
    assert moi["personne"] is None
    r = api.delete("/api/v1/edition/personnes/anne.martin@chu-rennes.fr", headers=auth(api.ed))
    assert r.status_code == 200 and r.json()["personnes"] == []
    assert_error(api.get(url, headers=comme(api, "anne.martin@chu-rennes.fr")), 403, H)
    assert_error(api.put("/api/v1/edition/personnes/x@y.fr", json={"nom": "  "}, headers=auth(api.ed)),
                 400, "nom")


def test_validation_names_the_person_and_a_paper_signatory(api):
    uo = creer(api, "uo", UO_BASE | {"nom": "Cardiologie"}, api.ed)
    declare(api, "dr.roux@chu-rennes.fr", "Dr Claire Roux")
    url = f"/api/v1/edition/uo/{uo['id']}"
    h = comme(api, "dr.roux@chu-rennes.fr")
    assert api.post(f"{url}/soumettre", headers=h).status_code == 200
    r = api.post(f"{url}/valider", json={}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["valide_par"] == "Dr Claire Roux (CHU Rennes)"
    lignes = api.get(f"{url}/journal", headers=h).json()["lignes"]
    assert lignes[0]["action"] == "valider" and lignes[0]["personne"] == "dr.roux@chu-rennes.fr"
    api.put(url, json={"data": uo["data"] | {"age_min": 16}}, headers=h | {"If-Match": r.json()["etag"]})
    api.post(f"{url}/soumettre", headers=h)
    r = api.post(f"{url}/valider", json={"signataire": "Pr Jean Morel"}, headers=h)
    assert r.json()["valide_par"] == "Pr Jean Morel, saisi par Dr Claire Roux (CHU Rennes)"


def test_a_draft_of_the_key_before_persons_is_taken_over_by_the_first_person_who_saves(api):
    uo = creer(api, "uo", UO_BASE | {"nom": "Cardiologie"}, api.ed)
    url = f"/api/v1/edition/uo/{uo['id']}"
    r = api.put(f"{url}/brouillon", json={"data": uo["data"] | {"nom": "Cardio ancien"},
                                           "base_version": 1}, headers=auth(api.ed))
    assert r.status_code == 200
    declare(api, "anne.martin@chu-rennes.fr", "Anne Martin")
    declare(api, "paul.leroy@chu-rennes.fr", "Paul Leroy")
    anne = api.get(url, headers=comme(api, "anne.martin@chu-rennes.fr")).json()
    assert anne["brouillon"]["herite"] is True and anne["brouillon"]["data"]["nom"] == "Cardio ancien"
    api.put(f"{url}/brouillon", json={"data": uo["data"] | {"nom": "Cardio Anne"}, "base_version": 1},
            headers=comme(api, "anne.martin@chu-rennes.fr"))
    assert api.get(url, headers=comme(api, "paul.leroy@chu-rennes.fr")).json()["brouillon"] is None
    anne = api.get(url, headers=comme(api, "anne.martin@chu-rennes.fr")).json()
    assert anne["brouillon"]["herite"] is False and anne["brouillon"]["data"]["nom"] == "Cardio Anne"


def test_the_store_keeps_drafts_per_person(tmp_path):
    with contextlib.ExitStack() as stack:
        c = stack.enter_context(client(tmp_path))
        sql = EditionStore(c.store)
        now = datetime.now(UTC)
        sql.garder_brouillon(1, "a@x.fr", "uo", "u1", {"nom": "A"}, 1, now)
        sql.garder_brouillon(1, "b@x.fr", "uo", "u1", {"nom": "B"}, 1, now)
        assert sql.brouillon(1, "a@x.fr", "uo", "u1").data == {"nom": "A"}  # type: ignore[union-attr]
        assert sql.brouillon(1, "b@x.fr", "uo", "u1").data == {"nom": "B"}  # type: ignore[union-attr]
        assert sql.brouillon(2, "a@x.fr", "uo", "u1") is None
        sql.oublier_brouillon(1, "a@x.fr", "uo", "u1")
        assert sql.brouillon(1, "a@x.fr", "uo", "u1") is None
        assert sql.brouillon(1, "b@x.fr", "uo", "u1") is not None


def test_revision_0004_keeps_the_drafts_of_0003_under_the_key_and_downgrades_back(tmp_path):
    """A store at 0003 with a key's draft: upgraded, the draft is the key's unnamed person's (what
    any person of the key takes over); downgraded, one draft per key and record again."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from ror_orientation.store.migrations import HERE, revision_of

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")

    def aller(cible: str, sens: str = "upgrade") -> None:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(HERE))
            config.attributes["connection"] = conn
            getattr(command, sens)(config, cible)

    aller("0003")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO edition_brouillon (application_id, kind, id, data, base_version, "
            "enregistre_le) VALUES (3, 'uo', 'uo-unv', :d, 2, '2026-12-01 10:00:00')"),
            {"d": b'{"nom": "UNV"}'})
    aller("0004")
    with engine.connect() as conn:
        assert revision_of(conn) == "0004"
        rows = conn.execute(sa.text("SELECT application_id, personne, kind, id, base_version "
                                    "FROM edition_brouillon")).all()
        assert [tuple(r) for r in rows] == [(3, "", "uo", "uo-unv", 2)]
        conn.execute(sa.text("SELECT personne FROM edition_journal")).all()  # the new column
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO edition_brouillon (application_id, personne, kind, id, data, base_version, "
            "enregistre_le) VALUES (3, 'a@x.fr', 'uo', 'uo-unv', :d, 2, '2026-12-02 10:00:00')"),
            {"d": b'{"nom": "UNV Anne"}'})
    aller("0003", "downgrade")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT application_id, data FROM edition_brouillon")).all()
        assert [(r[0], bytes(r[1])) for r in rows] == [(3, b'{"nom": "UNV Anne"}')]  # the newest
