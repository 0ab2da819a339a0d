"""The engine's packed unit ids: row ↔ id both ways, units added after the compile, and a round
trip through pickle protocol 5 with the array out of band (as the offer image stores it)."""

from __future__ import annotations

import pickle

import pytest

from ror_orientation.engine.identifiants import Identifiants
from ror_orientation.index.noms import NameIndex
from ror_orientation.index.textes import Textes


def test_ids_and_rows_both_ways_with_units_added_after_the_compile():
    ids = Identifiants.pack(sorted(["a", "b-2", "b-10", "é1", "z"]))
    assert list(ids) == sorted(["a", "b-2", "b-10", "é1", "z"]) and len(ids) == 5
    rows = ids.rows
    assert [rows[u] for u in ids] == [0, 1, 2, 3, 4] and ids[-1] == "é1"
    assert rows.get("b") is None and "b" not in rows and rows.get("a\0") is None
    assert rows.get("a-very-long-id-wider-than-the-array") is None
    with pytest.raises(KeyError):
        rows["nope"]
    assert ids.append("c") == 5 and rows["c"] == 5 and ids[5] == "c" and ids[1:3] == ["b-10", "b-2"]
    with pytest.raises(ValueError):
        Identifiants.pack(["b", "a"])
    bufs: list[pickle.PickleBuffer] = []
    raw = pickle.dumps(ids, protocol=5, buffer_callback=bufs.append)
    back = pickle.loads(raw, buffers=bufs)
    assert len(bufs) == 1 and list(back) == list(ids) and back.rows["c"] == 5 and back.rows["z"] == 3


def test_name_index_rows_are_packed_and_read_back_the_same():
    ix = NameIndex.build([("u1", "uo", "Cardiologie", "CHU Rennes"), ("u2", "uo", "Pédiatrie", None)])
    assert isinstance(ix.ids, Textes) and list(ix.names) == ["Cardiologie", "Pédiatrie"]
    bufs: list[pickle.PickleBuffer] = []
    back = pickle.loads(pickle.dumps(ix, protocol=5, buffer_callback=bufs.append), buffers=bufs)
    assert [back.ids[r] for r in back.search("rennes")] == ["u1"] and back.row("u2") == 1
    assert back.kinds[0] == "uo" and back.names[-1] == "Pédiatrie"


def test_many_rows_at_once_match_one_by_one():
    ids = Identifiants.pack(sorted(["a", "b-2", "b-10", "é1", "z"]))
    ids.append("c")
    asked = ["z", "nope", "a", "c", "a-very-long-id-wider-than-the-array", "é1", ""]
    assert ids.rows.many(asked).tolist() == [
        -1 if ids.row(u) is None else ids.row(u) for u in asked] == [3, -1, 0, 5, -1, 4, -1]
    assert ids.rows.many([]).tolist() == []
