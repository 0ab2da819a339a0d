"""The acts of the whole TRE_R210 table each kind of unit performs in France, beyond the catalogue's own
(`actes`, `actes_options`, `actes_courants.py`), and the acts no kind of the catalogue performs.

Both are data with their reasons, in `fixtures/generateur/`: `actes_par_type.csv` gives, per act,
the kinds that carry it and the share of their units that declare it (common acts in most units of
the kind, heavy or national-reference ones in a few); `actes_sans_type.csv` lists the acts left to
city practice or to no French unit. A unit draws its table acts from a random stream of its own,
after every other draw, so the rest of the offer is generated exactly as without the table.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import ValidationError
from ..nomenclatures import Nomenclatures, Table
from ..paths import fixtures_dir

TABLE = "actes_par_type.csv"
SANS_TYPE = "actes_sans_type.csv"

Parts = tuple[tuple[str, float], ...]  # (TRE_R210 code, share of the kind's units), in file order


def rows(path: Path) -> list[dict[str, str]]:
    """The CSV rows of `path`; lines starting with '#' are comments (batch headings, sources)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def porteurs(code: str, cell: str, table: str = TABLE) -> list[tuple[str, float]]:
    """The (kind, share) pairs of a `porteurs` cell of `table` (space-separated kind=share)."""
    out = []
    for item in cell.split():
        kind, sep, share = item.partition("=")
        try:
            value = float(share)
        except ValueError:
            value = float("nan")
        if not sep or not kind or not 0.0 < value <= 1.0:
            raise ValidationError(f"{table}: {code}: {item!r} is not kind=share with share in (0, 1]",
                                  field=f"{table}.porteurs")
        out.append((kind, value))
    return out


def par_type(path: Path) -> dict[str, Parts]:
    """Kind key → the codes a per-kind table (`code`, `porteurs` columns) gives that kind, with
    their shares, in the file's order."""
    per: dict[str, list[tuple[str, float]]] = {}
    for row in rows(path):
        code = row["code"]
        for kind, share in porteurs(code, row["porteurs"], path.name):
            per.setdefault(kind, []).append((code, share))
    return {kind: tuple(parts) for kind, parts in per.items()}


def codes_checked(table: dict[str, Parts], name: str, ref: Table, what: str,
                  kinds: Iterable[str]) -> Iterator[str]:
    """The codes of a per-kind table `name`, each once per kind carrying it, after refusing a kind
    the catalogue does not know or a code unknown or deprecated in `ref`."""
    known = set(kinds)
    for kind, parts in table.items():
        if kind not in known:
            raise ValidationError(f"{name}: unknown kind {kind!r}", field=f"{name}.porteurs")
        for code, _ in parts:
            entry = ref.codes.get(code)
            if entry is None or not entry.actif:
                state = "unknown" if entry is None else "deprecated"
                raise ValidationError(f"{name}: {what} {code!r} is {state} in {ref.id}",
                                      field=f"{name}.code")
            yield code


@lru_cache(maxsize=4)
def actes_par_type(root: Path | None = None) -> dict[str, Parts]:
    """Kind key → the table's acts for that kind with their shares, in the file's order."""
    return par_type((root or fixtures_dir()) / "generateur" / TABLE)


@lru_cache(maxsize=4)
def actes_sans_type(root: Path | None = None) -> dict[str, str]:
    """TRE_R210 code → why no kind of the catalogue carries it."""
    return {row["code"]: row["raison"] for row in rows((root or fixtures_dir()) / "generateur" / SANS_TYPE)}


def actes_du_type(kind: str, graine: str, deja: tuple[str, ...]) -> tuple[str, ...]:
    """The table acts one unit of `kind` declares besides `deja`, drawn from the stream `graine`
    (the unit's own: one draw per act of its kind, so adding an act changes no other draw)."""
    parts = actes_par_type().get(kind)
    if not parts:
        return ()
    rng = random.Random(f"{graine}:r210")
    return tuple(code for code, share in parts if rng.random() < share and code not in deja)


def check_actes_par_type(nom: Nomenclatures, kinds: Iterable[str], root: Path | None = None) -> int:
    """Refuse an act that is unknown or deprecated in TRE_R210, a kind the catalogue does not know,
    an act both carried and listed as carried by none; return how many (act, kind) pairs were read."""
    r210 = nom.table("TRE_R210")
    sans = actes_sans_type(root)
    n = 0
    for code in codes_checked(actes_par_type(root), TABLE, r210, "act", kinds):
        if code in sans:
            raise ValidationError(f"{TABLE}: act {code!r} is also in {SANS_TYPE}", field=f"{TABLE}.code")
        n += 1
    for code in sans:
        entry = r210.codes.get(code)
        if entry is None or not entry.actif:
            raise ValidationError(f"{SANS_TYPE}: act {code!r} is not active in TRE_R210", field=f"{SANS_TYPE}.code")
    return n


__all__ = ["Parts", "actes_du_type", "actes_par_type", "actes_sans_type", "check_actes_par_type", "codes_checked",
           "par_type", "porteurs", "rows"]
