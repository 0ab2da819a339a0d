"""The `ror-orientation` command: a thin adapter from arguments to library calls.

Each command parses its arguments, makes one library call and formats the answer; a `RorError`
becomes a one-line message on stderr and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import RorError

Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Handler, str]] = {}


def command(name: str, help_: str) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable]:
    """Register a sub-command: decorate its argument-adding function; `handler` does the work."""

    def register(add_args: Callable[[argparse.ArgumentParser], None]) -> Callable:
        def bind(handler: Handler) -> Handler:
            _COMMANDS[name] = (add_args, handler, help_)
            return handler

        add_args.handler = bind  # type: ignore[attr-defined]
        return add_args

    return register


def open_store(args: argparse.Namespace):  # noqa: ANN201 - avoids importing SQLAlchemy for --help
    from ..store import Store

    return Store(args.db)


def build_parser() -> argparse.ArgumentParser:
    from ..paths import default_db_path

    parser = argparse.ArgumentParser(prog="ror-orientation",
                                     description="Search engine over the French healthcare offer (ROR).")
    sub = parser.add_subparsers(dest="command", required=True)
    _load_commands()
    for name, (add_args, _handler, help_) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--db", type=str, default=str(default_db_path()),
                       help="store: SQLite file or SQLAlchemy URL (default: %(default)s)")
        add_args(p)
    return parser


def _load_commands() -> None:
    """Import the modules that declare commands (each registers itself)."""
    from . import commandes  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _add, handler, _help = _COMMANDS[args.command]
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


