"""Our own JSON-lines format: one entity per line, `{"kind": "eg", "data": {...}}`, what `export` writes.

    read_jsonl(path, *, nomenclatures=None, check_codes=True) -> ImportResult
    write_jsonl(entities, out) -> int           # (kind, entity) pairs, e.g. Store.iter_entities()

`data` is `serialisation.to_plain` of the model object and is read back with `from_plain`, so export →
import → export is byte-identical (keys sorted, one `\n` per line). Kinds are `offre.ENTITY_KINDS`.
A bad line (not JSON, unknown kind, a field of the wrong type, an unknown code) is an
ImportFormatError naming the file, the line and the field.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ..errors import ImportFormatError, ValidationError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import ENTITY_KINDS
from ..serialisation import from_plain, to_plain
from ..validation import validate
from . import ImportResult

SOURCE = "jsonl"
KIND_OF = {cls: kind for kind, cls in ENTITY_KINDS.items()}


def line_of(kind: str, entity: Any) -> bytes:
    return orjson.dumps({"kind": kind, "data": to_plain(entity)}, option=orjson.OPT_SORT_KEYS) + b"\n"


def write_jsonl(entities: Iterable[tuple[str, Any]], out: BinaryIO) -> int:
    """Write (kind, entity) pairs, one per line; returns how many."""
    n = 0
    for kind, entity in entities:
        out.write(line_of(kind, entity))
        n += 1
    return n


def read_jsonl(path: Path, *, nomenclatures: Nomenclatures | None = None,
               check_codes: bool = True) -> ImportResult:
    path = Path(path)
    name = path.name
    nom = nomenclatures or default_nomenclatures()
    result = ImportResult(source=SOURCE)
    with path.open("rb") as fh, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated codes: the store reports them
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            result.read += 1
            try:
                record = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise ImportFormatError(name, number, f"not JSON ({exc})", field="json") from None
            if not isinstance(record, dict) or set(record) != {"kind", "data"}:
                raise ImportFormatError(name, number, 'expected {"kind": ..., "data": {...}}',
                                        field="record")
            cls = ENTITY_KINDS.get(record["kind"]) if isinstance(record["kind"], str) else None
            if cls is None:
                raise ImportFormatError(name, number, f"unknown kind {record['kind']!r} (one of "
                                        f"{', '.join(ENTITY_KINDS)})", field="kind")
            try:
                entity: Any = from_plain(cls, record["data"])
            except (TypeError, ValueError) as exc:
                text = str(exc)
                where, _, message = text.partition(": ")
                field = f"{record['kind']}.{where}" if message and " " not in where else record["kind"]
                raise ImportFormatError(name, number, message or text, field=field) from None
            if check_codes:
                try:
                    validate(entity, nom)
                except ValidationError as exc:
                    message = exc.message
                    if exc.field and message.startswith(f"{exc.field}: "):
                        message = message[len(exc.field) + 2:]
                    raise ImportFormatError(name, number, message, field=exc.field) from None
            bucket = getattr(result.offre, "professionnels" if record["kind"] == "professionnel"
                             else record["kind"])
            if entity.id in bucket:
                raise ImportFormatError(name, number, f"{record['kind']} {entity.id!r} given twice",
                                        field="id")
            result.offre.add(entity)
    return result
