"""The search box through HTTP: words not understood are said, with the closest concepts."""

from __future__ import annotations

from pathlib import Path

from tests.api_support import auth, client, key


def test_words_not_understood_are_listed_with_closest_concepts(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        body = c.get("/api/v1/recherche", params={"texte": "thrombolyse zorglubine"},
                     headers=reg).json()
        assert body["non_compris"] == ["zorglubine"]
        # the understood part still selects: the thrombolysis unit is found, not dropped
        assert "uo-unv" in {r["uo_id"] for r in body["resultats"]}


def test_nothing_found_offers_the_closest_concepts_and_keeps_the_text(tmp_path: Path) -> None:
    """No dialysis unit in this offer: nothing is returned (the text criterion is never dropped to
    fill the list) and the closest concepts are offered, each with its kind."""
    with client(tmp_path) as c:
        reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        body = c.get("/api/v1/recherche", params={"texte": "dialyse zorglubine"},
                     headers=reg).json()
        assert body["total"] == 0 and body["non_compris"] == ["zorglubine"]
        assert any(s.startswith("Hémodialyse") for s in body["vouliez_vous_dire"]), body
        assert all(s.endswith(")") and " (" in s for s in body["vouliez_vous_dire"])
        assert "texte" not in {r["critere"] for r in body["relachements"]}


def test_understood_text_says_nothing_more(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        reg = auth(key(c.store, ["lecture_regulation"]))  # type: ignore[attr-defined]
        body = c.get("/api/v1/recherche", params={"texte": "thrombolyse"}, headers=reg).json()
        assert body["non_compris"] == [] and body["vouliez_vous_dire"] == []
        assert body["resultats"]
