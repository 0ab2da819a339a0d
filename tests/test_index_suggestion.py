"""Autocompletion on every keystroke: labels and synonyms by prefix, ranked for regulators."""

from __future__ import annotations

import pytest

from ror_orientation.index.suggestion import MAX_LIMIT


def labels(sugg) -> list[str]:
    return [s.label for s in sugg]


def test_coro_offers_coronary_concepts(index):
    sugg = index.suggest("coro")
    assert "Coronaroscanner" in labels(sugg)
    assert {"R211:014", "R210:0597"} <= {s.concept for s in sugg}
    assert all(s.synonyme is None or s.synonyme.lower().startswith("coro") for s in sugg)


def test_thromb_offers_thrombolysis_and_thrombectomy_first(index):
    first = labels(index.suggest("thromb", limit=4))
    assert {"Thrombectomie", "Thrombolyse artérielle"} <= set(first)


def test_dialy_offers_dialysis_and_haemodialysis(index):
    got = labels(index.suggest("dialy", limit=10))
    assert any(lab.startswith("Dialyse") for lab in got)
    assert any(lab.startswith("Hémodialyse") for lab in got)


def test_ssr_offers_smr_concepts_through_the_synonym(index):
    sugg = index.suggest("ssr", limit=10)
    smr = [s for s in sugg if "(SMR)" in s.label]
    assert smr and all(s.synonyme == "SSR" for s in smr)


def test_multi_word_prefixes_narrow_the_list(index):
    sugg = index.suggest("cardio interv")
    assert sugg[0].concept == "R211:014"
    assert all("interv" in s.texte.lower() for s in sugg)


def test_stop_words_inside_a_prefix_are_ignored(index):
    assert index.suggest("soins de suite")[0].concept == index.suggest("soins suite")[0].concept


def test_label_start_ranks_before_a_match_inside_the_label(index):
    sugg = index.suggest("neuro", limit=30)
    starts = [s.texte.lower().startswith("neuro") for s in sugg if s.actif]
    assert starts == sorted(starts, reverse=True)


def test_active_codes_rank_before_deprecated_ones(index):
    sugg = index.suggest("coronarographie", limit=20)
    flags = [s.actif for s in sugg]
    assert False in flags and flags == sorted(flags, reverse=True)


def test_each_concept_is_suggested_once(index):
    sugg = index.suggest("c", limit=MAX_LIMIT)
    ids = [s.concept for s in sugg]
    assert len(ids) == len(set(ids)) == MAX_LIMIT


def test_tables_restrict_the_suggestions(index):
    sugg = index.suggest("scan", tables=["R212"])
    assert sugg and all(s.table == "TRE_R212" for s in sugg)
    assert all(s.table == "TRE_R210" for s in index.suggest("i", tables=["TRE_R210"]))


def test_short_prefix_with_rare_table_still_fills_the_limit(index):
    sugg = index.suggest("s", limit=5, tables=["R227"])  # no R227 label among the first "s..."
    assert len(sugg) >= 3 and all(s.table == "TRE_R227" for s in sugg)
    assert "R227:02" in {s.concept for s in sugg}


def test_infix_matches_come_after_prefix_matches(index):
    sugg = index.suggest("dialyse p", limit=5)
    assert sugg[0].label.startswith("Dialyse péritonéale")


@pytest.mark.parametrize("junk", ["", "   ", "!!!", None, 3.5, "x" * 10_000, "é" * 300, "\x00"])
def test_junk_input_never_raises(index, junk):
    assert isinstance(index.suggest(junk), list)


def test_limit_is_honoured(index):
    assert index.suggest("c", limit=0) == []
    assert len(index.suggest("c", limit=3)) == 3
    assert len(index.suggest("c", limit=10_000)) == MAX_LIMIT


def test_a_single_table_may_be_given_as_a_string(index):
    sugg = index.suggest("coro", tables="R211")
    assert sugg and all(s.table == "TRE_R211" for s in sugg)


def test_a_non_integer_limit_is_a_validation_error(index):
    from ror_orientation.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        index.suggest("coro", limit="beaucoup")
    assert err.value.field == "limit"


def test_an_abbreviation_typed_in_full_comes_first(index):
    assert [s.label for s in index.suggest("réa", limit=2)] == ["Réanimation médicale",
                                                               "Réanimation polyvalente"]
    assert index.suggest("usi", limit=1)[0].synonyme == "USI"


def test_concepts_a_synonym_names_come_before_those_its_phrases_reach(index):
    top = [s.concept for s in index.suggest("irm", limit=3)]
    assert "R211:068" in top
