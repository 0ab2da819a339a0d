"""Model ↔ plain JSON values, losslessly: the one codec used by the store, JSON lines and the API.

Dataclasses become dicts, tuples lists, dates and datetimes ISO strings, enums their value; reading
back uses the type hints, so `from_plain(cls, to_plain(x)) == x` for every model object.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any, TypeVar

import orjson

T = TypeVar("T")


def to_plain(obj: Any) -> Any:
    """A JSON-ready copy of a model object (None fields are dropped to keep lines small)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or value == () or value is False and f.default is False:
                continue
            out[f.name] = to_plain(value)
        return out
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (tuple, list)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (datetime, date, time)):
        return obj.isoformat()
    return obj


def dumps(obj: Any) -> bytes:
    return orjson.dumps(to_plain(obj))


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any, path: str) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(args[0], value, path) if len(args) == 1 else value
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"{path}: expected a list, got {type(value).__name__}")
        return tuple(_convert(inner, v, f"{path}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        _k, inner = typing.get_args(tp)
        return {k: _convert(inner, v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return from_plain(tp, value, path)
        if issubclass(tp, enum.Enum):
            return tp(value)
        if tp is datetime:
            return value if isinstance(value, datetime) else datetime.fromisoformat(value)
        if tp is date:
            return value if isinstance(value, date) else date.fromisoformat(value)
        if tp is time:
            return value if isinstance(value, time) else time.fromisoformat(value)
        if tp is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{path}: expected a number, got {value!r}")
            return float(value)
        if tp is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{path}: expected an integer, got {value!r}")
            return value
        if tp is bool:
            if not isinstance(value, bool):
                raise TypeError(f"{path}: expected true or false, got {value!r}")
            return value
        if tp is str:
            if not isinstance(value, str):
                raise TypeError(f"{path}: expected text, got {value!r}")
            return value
    return value


def _optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


def from_plain(cls: type[T], data: Any, path: str = "") -> T:
    """Rebuild a model object; a TypeError names the dotted path of the field at fault."""
    if not isinstance(data, dict):
        raise TypeError(f"{path or cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise TypeError(f"{path or cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    kwargs = {}
    for name, value in data.items():
        where = f"{path}.{name}" if path else name
        try:
            kwargs[name] = _convert(hints[name], value, where)
        except ValueError as exc:
            raise TypeError(f"{where}: {exc}") from exc
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        # to_plain drops None values, including those of required Optional fields (EG.ej_id...)
        if (f.name not in kwargs and f.default is dataclasses.MISSING
                and f.default_factory is dataclasses.MISSING and _optional(hints[f.name])):
            kwargs[f.name] = None
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a missing required field
        raise TypeError(f"{path or cls.__name__}: {exc}") from exc
