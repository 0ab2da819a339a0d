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


def test_comprendre_reads_the_text_as_the_search_of_its_profile_does(capsys, index):
    # the reading ranks a hip prosthesis's activities by the profile (a regulator's acute
    # orthopaedics first): the printer shows the search's reading, not a profile-less one
    text = "kiné après une prothèse de hanche"
    assert str(index.resolve(text, profil="samu")) != str(index.resolve(text))
    for profil in ("samu", "aval"):
        assert main(["comprendre", text, "--profil", profil]) == 0
        assert capsys.readouterr().out.splitlines()[0] == str(index.resolve(text, profil=profil))
    assert main(["comprendre", text]) == 0  # the search's default profile
    assert capsys.readouterr().out.splitlines()[0] == str(index.resolve(text, profil="samu"))
