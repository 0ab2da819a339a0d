"""Model ↔ plain JSON values, losslessly: the one codec used by the store, JSON lines and the API.

Dataclasses become dicts, tuples lists, dates and datetimes ISO strings, enums their value; reading
back uses the type hints, so `from_plain(cls, to_plain(x)) == x` for every model object. Reading goes
through a decoder compiled per class (fast, for well-formed data) and falls back to the careful
field-by-field reader, whose errors name the dotted path of the field at fault.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime, time
from functools import cache
from typing import Any, TypeVar

import orjson

T = TypeVar("T")


_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _plain_fields(cls: type) -> tuple[tuple[str, bool], ...] | None:
    """(name, default is False) of a dataclass's fields, None for anything else: read once per class."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple((f.name, f.default is False) for f in dataclasses.fields(cls))


def to_plain(obj: Any) -> Any:
    """A JSON-ready copy of a model object (None fields are dropped to keep lines small)."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    fields = _plain_fields(cls)  # type: ignore[arg-type]
    if fields is not None:
        out = {}
        for name, false_default in fields:
            value = getattr(obj, name)
            if value is None or value == () or value is False and false_default:
                continue
            out[name] = value if type(value) in _SCALARS else to_plain(value)
        return out
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (tuple, list)):
        return [v if type(v) in _SCALARS else to_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (datetime, date, time)):
        return obj.isoformat()
    return obj


def dumps(obj: Any) -> bytes:
    return orjson.dumps(to_plain(obj))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


Converter = typing.Callable[[Any, str], Any]


def _convert(tp: Any, value: Any, path: str) -> Any:
    return _converter(tp)(value, path)


def _scalar(tp: type) -> Converter:
    """The check or parse of one leaf type (None passes through, as for every converter)."""
    if dataclasses.is_dataclass(tp):
        return lambda v, path: None if v is None else from_plain(tp, v, path)
    if issubclass(tp, enum.Enum):
        return lambda v, path: None if v is None else tp(v)
    for temporal in (datetime, date, time):
        if tp is temporal:
            parse = temporal.fromisoformat
            return lambda v, path: v if v is None or isinstance(v, temporal) else parse(v)

    def check(ok: typing.Callable[[Any], bool], what: str, cast: typing.Callable[[Any], Any]
              ) -> Converter:
        def conv(v: Any, path: str) -> Any:
            if v is None:
                return None
            if not ok(v):
                raise TypeError(f"{path}: expected {what}, got {v!r}")
            return cast(v)
        return conv

    if tp is float:
        return check(lambda v: not isinstance(v, bool) and isinstance(v, (int, float)), "a number",
                     float)
    if tp is int:
        return check(lambda v: not isinstance(v, bool) and isinstance(v, int), "an integer",
                     lambda v: v)
    if tp is bool:
        return check(lambda v: isinstance(v, bool), "true or false", lambda v: v)
    if tp is str:
        return check(lambda v: isinstance(v, str), "text", lambda v: v)
    return lambda v, path: v


@cache
def _converter(tp: Any) -> Converter:
    """A converter for type hint `tp`, built once: the type hints are read per type, not per value."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0]) if len(args) == 1 else (lambda v, path: v)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        inner = _converter(item)

        def conv_tuple(v: Any, path: str) -> Any:
            if v is None:
                return None
            if not isinstance(v, (list, tuple)):
                raise TypeError(f"{path}: expected a list, got {type(v).__name__}")
            if item is str and all(type(x) is str for x in v):  # codes: the common case, checked
                return tuple(v)
            return tuple(inner(x, f"{path}[{i}]") for i, x in enumerate(v))
        return conv_tuple
    if origin is dict:
        inner_d = _converter(typing.get_args(tp)[1])
        return lambda v, path: None if v is None else {k: inner_d(x, f"{path}.{k}")
                                                       for k, x in v.items()}
    if isinstance(tp, type):
        return _scalar(tp)
    return lambda v, path: v


def _optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


@cache
def _plan(cls: type) -> tuple[frozenset[str], dict[str, Converter], tuple[str, ...]]:
    """Per dataclass: its field names, a converter per field, and the required Optional fields."""
    hints = _hints(cls)
    fields = dataclasses.fields(cls)
    names = frozenset(f.name for f in fields)
    required_optional = tuple(
        f.name for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        and _optional(hints[f.name]))
    return names, {f.name: _converter(hints[f.name]) for f in fields}, required_optional


def from_plain(cls: type[T], data: Any, path: str = "") -> T:
    """Rebuild a model object; a TypeError names the dotted path of the field at fault.

    The class's compiled decoder (see `_decoder`) reads well-formed data; anything it does not accept
    goes through the field-by-field reader below, which decides and names the field at fault.
    """
    try:
        return _decoder(cls)(data)  # type: ignore[no-any-return, arg-type]
    except Exception:  # noqa: BLE001 - the careful reader below gives the verdict and the message
        return _from_plain_checked(cls, data, path)


@cache
def reader(cls: type[T]) -> typing.Callable[[Any], T]:
    """`from_plain(cls, ·)` for many values of one class (a store load): no per-value lookups."""
    decode = _decoder(cls)  # type: ignore[arg-type]

    def read(data: Any) -> T:
        try:
            return decode(data)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - as in from_plain
            return _from_plain_checked(cls, data)
    return read


def _from_plain_checked(cls: type[T], data: Any, path: str = "") -> T:
    """The careful reader: one converter per field, errors naming the dotted path."""
    if not isinstance(data, dict):
        raise TypeError(f"{path or cls.__name__}: expected an object, got {type(data).__name__}")
    names, converters, required_optional = _plan(cls)  # type: ignore[arg-type]
    if not names.issuperset(data):
        unknown = set(data) - names
        raise TypeError(f"{path or cls.__name__}: unknown field(s) {', '.join(sorted(unknown))}")
    kwargs = {}
    for name, value in data.items():
        where = f"{path}.{name}" if path else name
        try:
            kwargs[name] = converters[name](value, where)
        except ValueError as exc:
            raise TypeError(f"{where}: {exc}") from exc
    # to_plain drops None values, including those of required Optional fields (EG.ej_id...)
    for name in required_optional:
        if name not in kwargs:
            kwargs[name] = None
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a missing required field
        raise TypeError(f"{path or cls.__name__}: {exc}") from exc


# --- Compiled decoders -----------------------------------------------------------------------------
# Loading the national offer decodes millions of nested objects: a generic walk over the type hints
# costs most of the load. Each dataclass gets, once, the source of a function that knows its fields:
# exact type checks for str/int/float/bool, ISO parsing for temporal fields, a dict lookup for enums,
# the nested classes' own decoders, and the dataclass defaults for absent fields. It accepts a subset
# of what `_from_plain_checked` accepts and builds the same objects; on anything else it raises and
# `from_plain` hands the data to the careful reader, so error messages are unchanged.


class _Refused(Exception):
    """Raised by a compiled decoder for data it leaves to the careful reader."""


_ABSENT = object()
_CHECKS = {str: "type(v) is not str", int: "type(v) is not int", bool: "type(v) is not bool"}


def _is_scalar(tp: Any) -> bool:
    return tp in _CHECKS or tp in (float, datetime, date, time)


def _field_source(i: int, f: dataclasses.Field[Any], tp: Any, env: dict[str, Any]) -> list[str]:
    """Statements that leave the decoded value of field `f` (hint `tp`) in local `f{i}`."""
    optional = _optional(tp)
    inner = next(a for a in typing.get_args(tp) if a is not type(None)) if optional else tp
    if optional and len([a for a in typing.get_args(tp) if a is not type(None)]) != 1:
        inner = Any
    body: list[str]
    origin = typing.get_origin(inner)
    if inner in _CHECKS:
        body = [f"if {_CHECKS[inner]}: raise _Refused", f"f{i} = v"]
    elif inner is float:
        body = ["if type(v) is not float and type(v) is not int: raise _Refused", f"f{i} = float(v)"]
    elif inner in (datetime, date, time):
        env[f"P{i}"] = inner.fromisoformat
        body = ["if type(v) is not str: raise _Refused", f"f{i} = P{i}(v)"]
    elif isinstance(inner, type) and issubclass(inner, enum.Enum):
        env[f"E{i}"] = inner._value2member_map_
        body = [f"f{i} = E{i}[v]"]
    elif isinstance(inner, type) and dataclasses.is_dataclass(inner):
        env[f"D{i}"] = _shared(inner) if inner.__name__ in SHARED else _decoder(inner)
        body = [f"f{i} = D{i}(v)"]
    elif origin is tuple and typing.get_args(inner)[0] is str:
        body = ["if type(v) is not list: raise _Refused", "for s in v:",
                "    if type(s) is not str: raise _Refused", f"f{i} = tuple(v)"]
    elif origin is tuple and dataclasses.is_dataclass(typing.get_args(inner)[0]):
        item = typing.get_args(inner)[0]
        env[f"D{i}"] = _shared(item) if item.__name__ in SHARED else _decoder(item)
        body = ["if type(v) is not list: raise _Refused", f"f{i} = tuple([D{i}(e) for e in v])"]
    else:  # rare shapes (dict of SAE figures...): the careful converter, path added on refusal
        env[f"C{i}"] = _converter(tp)
        body = [f"f{i} = C{i}(v, {f.name!r})"]
    if optional:
        body = ["if v is None:", f"    f{i} = None", "else:"] + ["    " + line for line in body]
    required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    if isinstance(inner, type) and issubclass(inner, enum.Enum) and not optional:
        if required:
            return [f"f{i} = E{i}[d[{f.name!r}]]"]
        if isinstance(f.default, inner):  # absent: the default member, found by its value
            env[f"W{i}"] = f.default.value
            return [f"f{i} = E{i}[get({f.name!r}, W{i})]"]
    if _is_scalar(inner):  # shorter forms for the most frequent fields
        if required and not optional:
            return [f"v = d[{f.name!r}]"] + body  # KeyError: the careful reader names it
        if optional and (required or f.default is None):
            return [f"v = get({f.name!r})"] + body
        if not optional and type(f.default) is inner:  # the default passes its own check
            env[f"V{i}"] = f.default
            return [f"v = get({f.name!r}, V{i})"] + body
    if f.default is not dataclasses.MISSING:
        env[f"V{i}"] = f.default
        absent = f"f{i} = V{i}"
    elif f.default_factory is not dataclasses.MISSING:
        env[f"F{i}"] = f.default_factory
        absent = f"f{i} = F{i}()"
    else:
        absent = f"f{i} = None" if optional else "raise _Refused"
    return ([f"v = get({f.name!r}, _ABSENT)", "if v is _ABSENT:", f"    {absent}", "else:"]
            + ["    " + line for line in body])


# Values that repeat across units (a schedule pattern, the site's address, a capacity record copied
# from a template) are decoded once and shared: invisible (they are frozen), and the offer holds far
# fewer objects and strings (national scale: peak 1,160 MiB instead of 1,450 MiB sharing schedules
# only), for ~9 % more decoding time (key building costs about what decoding does). The cache is keyed
# by the value's items (flat objects) or JSON, bounded, and released after a bulk load.
SHARED = frozenset({"Horaires", "Adresse", "Capacite"})
SHARED_MAX = 100_000


_SEEN: dict[type, dict[Any, Any]] = {}


def release_shared() -> None:
    """Forget the shared values (after a bulk load): the objects stay, the keys go."""
    for seen in _SEEN.values():
        seen.clear()


@cache
def _shared(cls: type) -> typing.Callable[[Any], Any]:
    """`_decoder(cls)` with identical values decoded once (see SHARED)."""
    decode = _decoder(cls)
    seen = _SEEN.setdefault(cls, {})
    dumps = orjson.dumps

    def shared(d: Any) -> Any:
        key = dumps(d)
        obj = seen.get(key)
        if obj is None:
            if len(seen) >= SHARED_MAX:
                seen.clear()
            obj = seen[key] = decode(d)
        return obj

    def shared_flat(d: Any) -> Any:
        key = tuple(d.items())
        obj = seen.get(key)
        if obj is None:
            if len(seen) >= SHARED_MAX:
                seen.clear()
            obj = seen[key] = decode(d)
        return obj

    # A flat object's items are hashable: a smaller key than its JSON (orjson's bytes keep a
    # larger buffer: keying 100,000 capacities by JSON cost ~200 MiB more at national scale).
    flat = all(_is_scalar(next((a for a in typing.get_args(tp) if a is not type(None)), tp))
               for tp in _hints(cls).values())
    return shared_flat if flat else shared


@cache
def _decoder(cls: type) -> typing.Callable[[Any], Any]:
    """The compiled decoder of dataclass `cls` (see above), built from its type hints once."""
    fields = dataclasses.fields(cls)
    if any(not f.init or f.kw_only for f in fields):
        return lambda data: _from_plain_checked(cls, data)
    hints = _hints(cls)
    env: dict[str, Any] = {"_Refused": _Refused, "_ABSENT": _ABSENT, "cls": cls,
                           "NAMES": frozenset(f.name for f in fields)}
    lines = ["def decode(d):", "    if type(d) is not dict or not NAMES.issuperset(d): raise _Refused",
             "    get = d.get"]
    for i, f in enumerate(fields):
        lines += ["    " + line for line in _field_source(i, f, hints[f.name], env)]
    lines.append(f"    return cls({', '.join(f'f{i}' for i in range(len(fields)))})")
    source = "\n".join(lines)
    exec(compile(source, f"<decode {cls.__name__}>", "exec"), env)  # noqa: S102 - built above
    decode = env["decode"]
    decode.__qualname__ = f"decode_{cls.__name__}"
    decode.__doc__ = source  # the generated source, for whoever debugs it
    return decode  # type: ignore[no-any-return]
