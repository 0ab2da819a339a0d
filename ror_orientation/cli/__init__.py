"""The `ror-orientation` command: a thin adapter from arguments to library calls.

Each command parses its arguments, makes one library call and formats the answer; a `RorError`
becomes a one-line message on stderr and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RorError

if TYPE_CHECKING:
    from ..store import Store

Handler = Callable[[argparse.Namespace], int]
Arguments = Callable[[argparse.ArgumentParser], None]


@dataclass(slots=True)
class Commande:
    """One sub-command: the function adding its arguments, its help, and the handler doing the work."""

    add_args: Arguments
    help: str
    run: Handler | None = None

    def handler(self, fn: Handler) -> Handler:
        self.run = fn
        return fn


_COMMANDS: dict[str, Commande] = {}


def command(name: str, help_: str) -> Callable[[Arguments], Commande]:
    """Register a sub-command: decorate its argument-adding function; `.handler` does the work."""

    def register(add_args: Arguments) -> Commande:
        _COMMANDS[name] = Commande(add_args, help_)
        return _COMMANDS[name]

    return register


def open_store(args: argparse.Namespace) -> Store:
    """The store named by --db (SQLAlchemy is imported here, so --help stays fast)."""
    from ..store import Store

    return Store(args.db)


def build_parser() -> argparse.ArgumentParser:
    from ..paths import default_db_path

    parser = argparse.ArgumentParser(prog="ror-orientation",
                                     description="Search engine over the French healthcare offer (ROR).")
    sub = parser.add_subparsers(dest="command", required=True)
    _load_commands()
    for name, cmd in _COMMANDS.items():
        p = sub.add_parser(name, help=cmd.help, description=cmd.help)
        p.add_argument("--db", type=str, default=str(default_db_path()),
                       help="store: SQLite file or SQLAlchemy URL (default: %(default)s)")
        cmd.add_args(p)
    return parser


def _load_commands() -> None:
    """Import the modules that declare commands (each registers itself)."""
    from . import commandes  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = _COMMANDS[args.command].run
    assert handler is not None, f"command {args.command} has no handler"
    try:
        return handler(args)
    except RorError as exc:
        print(f"ror-orientation {args.command}: error: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1
    except FileNotFoundError as exc:
        print(f"ror-orientation {args.command}: error: file not found: {exc.filename}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def existing_file(value: str) -> Path:
    p = Path(value)
    if not p.is_file():
        raise argparse.ArgumentTypeError(f"no such file: {value}")
    return p


