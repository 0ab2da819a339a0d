"""Full-text label search over HTTP: words anywhere in a label, ranked by whoosh."""

from __future__ import annotations

import pytest

from tests.api_support import assert_error, client


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with client(tmp_path_factory.mktemp("libelles")) as c:
        yield c


def test_words_inside_labels_are_found_best_first(api):
    r = api.get("/api/v1/libelles", params={"q": "surveillance continue", "limit": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["q"] == "surveillance continue"
    found = body["libelles"]
    assert len(found) == 5
    assert all("surveillance continue" in f["libelle"].lower() for f in found[:4])
    assert {"R211:373", "R211:374", "R211:375"} <= {f["concept"] for f in found}
    scores = [f["score"] for f in found]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_nothing_matches_gives_an_empty_list_and_bad_input_is_400(api):
    assert api.get("/api/v1/libelles", params={"q": "zzkwx"}).json()["libelles"] == []
    assert_error(api.get("/api/v1/libelles", params={"q": "x" * 101}), 400, field="q")
    assert_error(api.get("/api/v1/libelles", params={"q": "avc", "limit": 0}), 400, field="limit")
