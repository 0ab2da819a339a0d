"""The bounded memo (`memo.remember`): it never holds more than its bound, is cleared whole when
full, and a remembered value is read back as a dict entry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ror_orientation.memo import remember


def test_remember_keeps_the_value_and_returns_it():
    memo: dict[str, list[int]] = {}
    value = [1]
    assert remember(memo, "a", value, 4) is value
    assert memo.get("a") is value


def test_remember_below_the_bound_keeps_every_entry_and_overwrites_a_key():
    memo: dict[str, int] = {}
    for i, k in enumerate("abc"):
        remember(memo, k, i, 4)
    remember(memo, "a", 9, 4)
    assert memo == {"a": 9, "b": 1, "c": 2}


def test_a_full_memo_is_cleared_whole_before_the_new_entry():
    memo: dict[str, int] = {}
    for i, k in enumerate("abc"):
        remember(memo, k, i, 3)
    assert len(memo) == 3
    remember(memo, "d", 3, 3)
    assert memo == {"d": 3}


def test_a_full_memo_is_cleared_even_for_a_key_it_holds():
    """The policy is a count, not a lookup: a write to a full memo always starts it over."""
    memo = {"a": 0, "b": 1}
    remember(memo, "a", 5, 2)
    assert memo == {"a": 5}


def test_a_memo_bound_to_one_entry_holds_the_last_one():
    memo: dict[int, int] = {}
    for i in range(5):
        remember(memo, i, i * i, 1)
        assert memo == {i: i * i}


@given(st.integers(1, 8), st.lists(st.integers(0, 20), max_size=60))
def test_a_memo_holds_what_was_remembered_since_its_last_clear(bound, keys):
    """Against a model: the entries written since the memo last started over, never more than
    `bound` of them, the newest value of each key, the key just written always there."""
    memo: dict[int, int] = {}
    model: dict[int, int] = {}
    for step, k in enumerate(keys):
        if len(model) >= bound:
            model = {}
        model[k] = step
        assert remember(memo, k, step, bound) == step
        assert memo == model
        assert len(memo) <= bound
        assert memo[k] == step
