"""Model ↔ JSON, losslessly, through msgspec: the one codec of store rows, JSON lines and the API.

msgspec reads the model's frozen dataclasses from their type hints (no generated code, no second
reader): every field is written, None and defaults included, so a row states its whole object; rows
of the first release, which left out None and default values, still read, because every field it
could leave out has a default. A value the codec cannot read raises `CodecError`, naming the entity
(kind and id) and the path of the field at fault — never a silent slower path.
"""

from __future__ import annotations

from typing import TypeVar, cast

import msgspec

from .offre import (
    EntiteGeographique,
    EntiteJuridique,
    OrganisationInterne,
    Professionnel,
    UniteOperationnelle,
)

T = TypeVar("T")

# The stored entities, one row (or one JSON line) each.
Entite = EntiteJuridique | EntiteGeographique | OrganisationInterne | UniteOperationnelle | Professionnel

# JSON values as the API and the JSON lines see them (what `to_plain` returns).
Plain = None | bool | int | float | str | list["Plain"] | dict[str, "Plain"]

_ENCODER = msgspec.json.Encoder()
_SORTED = msgspec.json.Encoder(order="sorted")


class CodecError(ValueError):
    """A value the codec cannot read: `what` names the entity ("uo UO-1") and `path` the field
    ("capacites[0].nombre"; empty for the whole value)."""

    def __init__(self, what: str, path: str, message: str) -> None:
        self.what, self.path, self.reason = what, path, message
        where = " ".join(p for p in (what, path) if p)
        super().__init__(f"{where}: {message}" if where else message)


def _codec_error(exc: msgspec.ValidationError | msgspec.DecodeError, what: str) -> CodecError:
    """msgspec says "Expected `int`, got `str` - at `$.capacites[0].nombre`": split the path off."""
    text = str(exc)
    message, sep, at = text.rpartition(" - at `")
    if not sep:
        return CodecError(what, "", text)
    path = at.rstrip("`").removeprefix("$").removeprefix(".")
    return CodecError(what, path, message)


def encode(value: object) -> bytes:
    """The JSON of a model object (fields in declaration order): a store row's data."""
    return _ENCODER.encode(value)


def encode_sorted(value: object) -> bytes:
    """The JSON with every object's keys sorted: JSON lines, stable byte for byte."""
    return _SORTED.encode(value)


_DECODERS: dict[type, object] = {}


def decoder(cls: type[T]) -> msgspec.json.Decoder[T]:
    """The typed decoder of one class, built once (msgspec reads the type hints)."""
    found = _DECODERS.get(cls)
    if found is None:
        found = _DECODERS[cls] = msgspec.json.Decoder(cls)
    return cast("msgspec.json.Decoder[T]", found)


def decode(cls: type[T], raw: bytes | str, what: str = "") -> T:
    """One object of `cls` from its JSON; a CodecError names `what` (e.g. "uo UO-1") and the path."""
    try:
        return decoder(cls).decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise _codec_error(exc, what or cls.__name__) from None


def to_plain(value: object) -> Plain:
    """JSON-ready values of a model object (dates as ISO text, enums as their value, tuples as
    lists): the API's. Through the JSON bytes, because `msgspec.to_builtins` keeps tuples, and a
    tuple never equals the list the same record reads back as."""
    plain: Plain = msgspec.json.decode(_ENCODER.encode(value))
    return plain


def from_plain(cls: type[T], data: object, what: str = "") -> T:
    """A model object from JSON-ready values (the inverse of `to_plain`), checked like `decode`."""
    try:
        converted: T = msgspec.convert(data, cls)
        return converted
    except msgspec.ValidationError as exc:
        raise _codec_error(exc, what or cls.__name__) from None
