"""The rows holding a concept of a text's group (`Holders`): a common word's group kept as one
level per row reads the same rows and confidences as the sorted merge of a rare one's."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ror_orientation.engine.texte import Holders

N_ROWS = 200

postings = st.lists(st.tuples(st.lists(st.integers(0, N_ROWS - 1), max_size=60),
                              st.sampled_from([1.0, 0.9, 0.5, 0.36, 0.18, 1e-6])),
                    max_size=8)


@settings(max_examples=200, deadline=None)
@given(groupe=postings, rows=st.lists(st.integers(0, N_ROWS - 1), max_size=80))
def test_levels_and_sorted_rows_read_each_row_best_concept(groupe, rows):
    posts = [np.unique(np.asarray(p, dtype=np.int32)) for p, _ in groupe]
    confs = [c for _, c in groupe]
    best: dict[int, float] = {}
    for p, c in zip(posts, confs, strict=True):
        for r in p.tolist():
            best[r] = max(best.get(r, 0.0), c)
    asked = np.asarray(rows, dtype=np.int32)
    expected = [best.get(r, 0.0) for r in rows]
    for held in (Holders.merge(posts, confs, N_ROWS, 0), Holders.merge(posts, confs, N_ROWS, 10**9)):
        assert held.rows.tolist() == sorted(best)
        assert held.count == len(best)
        assert held.best(asked).tolist() == expected
        mask = np.zeros(N_ROWS, dtype=bool)
        held.mark(mask)
        assert np.flatnonzero(mask).tolist() == sorted(best)
    assert Holders.merge(posts, confs, N_ROWS, 0).levels is not None  # both kinds were read
