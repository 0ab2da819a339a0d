"""The mobile app's profile through HTTP: taken by name, pages of 10 unless the app asks another
size, and a wrong profile refused naming the field and the profiles there are."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from ror_orientation.api import create_app
from ror_orientation.settings import Settings
from tests.api_support import assert_error, build_offre, make_engine, make_store
from tests.factories import make_uo


def test_the_mobile_profile_answers_pages_of_ten(tmp_path: Path) -> None:
    offre = build_offre()
    for i in range(12):
        offre.add(make_uo(id=f"uo-thr-{i:02d}", nom=f"Neurologie {i}", actes=("0460",)))
    store = make_store(tmp_path / "api.sqlite", offre)
    app = create_app(Settings(db=tmp_path / "api.sqlite"), engine=make_engine(store), store=store)
    with TestClient(app, raise_server_exceptions=False) as c:
        body = c.get("/api/v1/recherche", params={"texte": "thrombolyse", "profil": "mobile"}).json()
        assert len(body["resultats"]) == 10 and body["total"] >= 13 and body["curseur_suivant"]
        suite = c.get("/api/v1/recherche", params={"texte": "thrombolyse", "profil": "mobile",
                                                   "curseur": body["curseur_suivant"]}).json()
        assert len(body["resultats"]) + len(suite["resultats"]) == body["total"]
        assert len(c.get("/api/v1/recherche", params={"texte": "thrombolyse", "profil": "aval"})
                   .json()["resultats"]) == body["total"]
        posted = c.post("/api/v1/recherche", json={"texte": "thrombolyse", "profil": "mobile",
                                                   "limit": 4}).json()
        assert len(posted["resultats"]) == 4
        err = assert_error(c.get("/api/v1/recherche", params={"profil": "appli"}), 400, field="profil")
        assert "mobile" in err["message"]
