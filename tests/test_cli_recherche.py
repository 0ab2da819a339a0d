"""The `recherche` verb (one search over the stored offer) and `comprendre --plein-texte` (whoosh's
ranked full-text search of the labels), from the command line."""

from __future__ import annotations

import orjson

from ror_orientation.cli import main
from tests.api_support import make_store


def test_recherche_ranks_the_stored_units_for_a_patient(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    make_store(db).close()
    assert main(["recherche", "neuro", "--commune", "56260", "--profil", "aval", "--json",
                 "--db", str(db)]) == 0
    out = orjson.loads(capsys.readouterr().out)
    ids = [r["uo_id"] for r in out["resultats"]]
    assert ids[0] == "uo-vannes"  # in Vannes: the nearest comes first
    assert "uo-sensible" not in ids  # the command reads as the public does
    assert out["resultats"][0]["distance_km"] < out["resultats"][1]["distance_km"]


def test_recherche_refuses_an_empty_store_and_half_a_point(tmp_path, capsys):
    db = tmp_path / "vide.sqlite"
    make_store(db).close()
    assert main(["recherche", "--lat", "48.1", "--db", str(db)]) == 2
    assert "--lat and --lon go together" in capsys.readouterr().err
    empty = tmp_path / "empty.sqlite"
    assert main(["recherche", "AVC", "--db", str(empty)]) == 2
    assert "is empty" in capsys.readouterr().err


def test_plein_texte_finds_words_inside_labels_best_first(capsys):
    assert main(["comprendre", "--plein-texte", "surveillance continue", "--limit", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all("urveillance continue" in line for line in lines)
    scores = [float(line.split()[0]) for line in lines]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
