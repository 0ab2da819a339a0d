"""Long commands draw their progress on a terminal and nothing when stderr is piped."""

from __future__ import annotations

import io
import sys

from ror_orientation.cli import main
from ror_orientation.cli.progress import step, track
from tests.api_support import make_store


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_steps_and_bars_are_drawn_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    with step("generate the demo offer"):
        pass
    assert list(track(range(3), "export", total=3)) == [0, 1, 2]
    drawn = sys.stderr.getvalue()
    assert "✓" in drawn and "generate the demo offer" in drawn
    assert "export" in drawn and "3/3" in drawn


def test_nothing_is_drawn_when_stderr_is_piped(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    make_store(db).close()
    assert main(["export", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # no spinner, no bar, no escape code
    assert captured.out.count("\n") == 10 and "\x1b" not in captured.out
