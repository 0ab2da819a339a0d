"""The base of every wire model: what the API sends is a closed shape.

Answers forbid unknown keys so that a docs example or a test holding a field the API does not send
fails, instead of drifting silently.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Sortie(BaseModel):
    """An answer shape (or part of one): built by a route, encoded as is, documented by OpenAPI."""

    model_config = ConfigDict(extra="forbid")


class Entree(BaseModel):
    """A request body: unknown keys are refused (a 400 naming the key), never ignored."""

    model_config = ConfigDict(extra="forbid")
