"""The base of every wire model: what the API sends is a closed shape.

Answers forbid unknown keys so that a docs example or a test holding a field the API does not send
fails, instead of drifting silently; their instants are UTC whatever zone the library computed them
in (schedules are computed in Europe/Paris).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, TypeVar, cast, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict

S = TypeVar("S", bound="Sortie")


class Sortie(BaseModel):
    """An answer shape (or part of one): built by a route, encoded as is, documented by OpenAPI."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def construit(cls: type[S], **values: Any) -> S:
        """The model from values the library already typed, without a validation pass (for the
        lines of a search answer, where it cost more than the encoding): the instants are brought
        to UTC as `Instant` does, defaults filled; a value of the wrong shape makes the encoder
        warn (an error under the tests)."""
        for name in _instants(cls):
            v = values.get(name)
            if v is not None:
                values[name] = _utc(v)
        return cast(S, cls.model_construct(**values))  # the plugin types it as the base class


class Entree(BaseModel):
    """A request body: unknown keys are refused (a 400 naming the key), never ignored."""

    model_config = ConfigDict(extra="forbid")


def _utc(v: datetime) -> datetime:
    return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)


# An instant of an answer: ISO 8601 in UTC ("2026-11-26T09:50:00Z").
_INSTANT_CHECK = AfterValidator(_utc)
Instant = Annotated[datetime, _INSTANT_CHECK]


def _is_instant(annotation: Any) -> bool:
    return bool(annotation == Instant or any(_is_instant(a) for a in get_args(annotation)))


@cache
def _instants(model: type[Sortie]) -> tuple[str, ...]:
    """The fields of `model` holding an `Instant` (alone or optional)."""
    return tuple(name for name, f in model.model_fields.items()
                 if _is_instant(f.annotation) or _INSTANT_CHECK in f.metadata)
