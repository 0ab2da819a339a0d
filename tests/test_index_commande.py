"""The `comprendre` CLI command: a thin printer over ConceptIndex.resolve and suggest."""

from __future__ import annotations

from ror_orientation.cli import main


def test_comprendre_prints_groups_and_leftover_words(capsys):
    assert main(["comprendre", "AVC patient 80 ans Rennes", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("(AVC ~synonyme: ")
    assert "non expliqués: Rennes" in out
    assert "ignorés: patient, ans" in out
    assert "nombres: 80" in out


def test_comprendre_suggest_prints_one_concept_per_line(capsys):
    assert main(["comprendre", "thromb", "--suggest", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].split()[0].startswith("R210:")
