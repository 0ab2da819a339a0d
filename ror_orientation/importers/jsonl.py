"""Our own JSON-lines format: one entity per line, `{"data": {...}, "kind": "eg"}`, what `export` writes.

    read_jsonl(path, *, nomenclatures=None, check_codes=True) -> ImportResult
    write_jsonl(entities, out) -> int           # (kind, entity) pairs, e.g. Store.iter_entities()

`data` is the store codec's JSON of the model object (`serialisation`), keys sorted, so export →
import → export is byte-identical (one `\n` per line); lines of the first release, which left out
None and default values, still read; a unit of an export made before one activité opérationnelle
per unit (a list `activites`) is split into one unit per activity (`scission`: the first keeps the id
and the capacities, the others get `<id>-<code>`), each split reported in the warnings. Kinds are `offre.ENTITY_KINDS`. A bad line (not JSON, unknown
kind, an unknown field, a field of the wrong type, an unknown code) is an ImportFormatError naming
the file, the line and the field.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import msgspec

from ..errors import ImportFormatError, ValidationError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import ENTITY_KINDS
from ..scission import cibles, repointer, scinder
from ..serialisation import CodecError, Entite, Plain, decode, encode_sorted, to_plain
from ..validation import validate
from . import ImportResult

SOURCE = "jsonl"
KIND_OF = {cls: kind for kind, cls in ENTITY_KINDS.items()}


class _Ligne(msgspec.Struct, forbid_unknown_fields=True):
    kind: str
    data: msgspec.Raw


def line_of(kind: str, entity: Entite) -> bytes:
    return encode_sorted({"kind": kind, "data": entity}) + b"\n"


def write_jsonl(entities: Iterable[tuple[str, Entite]], out: BinaryIO) -> int:
    """Write (kind, entity) pairs, one per line; returns how many."""
    n = 0
    for kind, entity in entities:
        out.write(line_of(kind, entity))
        n += 1
    return n


def unknown_field(given: Plain, known: Plain, path: str = "") -> str | None:
    """The path of the first key of `given` (a line as read) absent from `known` (the decoded
    entity, every field written): the codec skips unknown keys, a file must not."""
    if isinstance(given, dict) and isinstance(known, dict):
        extra = sorted(set(given) - set(known))
        if extra:
            return f"{path}: unknown field(s) {', '.join(extra)}" if path else \
                f"unknown field(s) {', '.join(extra)}"
        for key, value in given.items():
            found = unknown_field(value, known[key], f"{path}.{key}" if path else key)
            if found:
                return found
    elif isinstance(given, list) and isinstance(known, list):
        for i, (a, b) in enumerate(zip(given, known, strict=False)):
            found = unknown_field(a, b, f"{path}[{i}]")
            if found:
                return found
    return None


def read_jsonl(path: Path, *, nomenclatures: Nomenclatures | None = None,
               check_codes: bool = True) -> ImportResult:
    path = Path(path)
    name = path.name
    nom = nomenclatures or default_nomenclatures()
    result = ImportResult(source=SOURCE)
    vers: dict[tuple[str, str], str] = {}  # (unit, activity) → the unit split off for it
    with path.open("rb") as fh, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated codes: the store reports them
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            result.read += 1
            try:
                ligne = msgspec.json.decode(raw, type=_Ligne)
            except msgspec.DecodeError as exc:
                raise ImportFormatError(name, number, f"not JSON ({exc})", field="json") from None
            except msgspec.ValidationError:
                raise ImportFormatError(name, number, 'expected {"kind": ..., "data": {...}}',
                                        field="record") from None
            kind = ligne.kind
            cls = ENTITY_KINDS.get(kind)
            if cls is None:
                raise ImportFormatError(name, number, f"unknown kind {kind!r} (one of "
                                        f"{', '.join(ENTITY_KINDS)})", field="kind")
            for data in _current(kind, bytes(ligne.data), name, number, nom, result, vers):
                _add(result, cls, kind, data, name, number, nom, check_codes)
    return result


def _current(kind: str, raw: bytes, name: str, number: int, nom: Nomenclatures,
             result: ImportResult, vers: dict[tuple[str, str], str]) -> list[bytes]:
    """The line's record in the current model: a unit of an older export with several activités
    opérationnelles is split into one unit per activity (`scission`, the rule of the store
    migration), reported as a warning naming the unit; a professional's practice follows."""
    if kind not in ("uo", "professionnel") or (b'"activites"' not in raw and not vers):
        return [raw]
    plain = msgspec.json.decode(raw)
    if not isinstance(plain, dict):
        return [raw]
    if kind == "professionnel":
        return [msgspec.json.encode(plain)] if repointer(plain, vers) else [raw]
    units, split = scinder(plain, lambda code: nom.label("TRE_R211", code))
    if split is None:
        return [msgspec.json.encode(u) for u in units]
    result.warnings.append(f"{name}:{number}: {split.texte()}")
    vers.update(cibles(split))
    return [msgspec.json.encode(u) for u in units]


def _add(result: ImportResult, cls: type, kind: str, data: bytes, name: str, number: int,
         nom: Nomenclatures, check_codes: bool) -> None:
    try:
        entity: Entite = decode(cls, data, kind)
    except CodecError as exc:
        field = f"{kind}.{exc.path}" if exc.path else kind
        raise ImportFormatError(name, number, exc.reason, field=field) from None
    extra = unknown_field(msgspec.json.decode(data), to_plain(entity))
    if extra:
        field_path, _, message = extra.rpartition(": ")
        raise ImportFormatError(name, number, message,
                                field=f"{kind}.{field_path}" if field_path else kind)
    if check_codes:
        try:
            validate(entity, nom)
        except ValidationError as exc:
            message = exc.message
            if exc.field and message.startswith(f"{exc.field}: "):
                message = message[len(exc.field) + 2:]
            raise ImportFormatError(name, number, message, field=exc.field) from None
    bucket = getattr(result.offre, "professionnels" if kind == "professionnel" else kind)
    if entity.id in bucket:
        raise ImportFormatError(name, number, f"{kind} {entity.id!r} given twice", field="id")
    result.offre.add(entity)
