"""The base of every wire model: what the API sends is a closed shape.

Answers forbid unknown keys so that a docs example or a test holding a field the API does not send
fails, instead of drifting silently; their instants are UTC whatever zone the library computed them
in (schedules are computed in Europe/Paris).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


class Sortie(BaseModel):
    """An answer shape (or part of one): built by a route, encoded as is, documented by OpenAPI."""

    model_config = ConfigDict(extra="forbid")


class Entree(BaseModel):
    """A request body: unknown keys are refused (a 400 naming the key), never ignored."""

    model_config = ConfigDict(extra="forbid")


def _utc(v: datetime) -> datetime:
    return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)


# An instant of an answer: ISO 8601 in UTC ("2026-11-26T09:50:00Z").
Instant = Annotated[datetime, AfterValidator(_utc)]
