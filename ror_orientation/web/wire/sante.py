"""Health of a worker (`/healthz`)."""

from __future__ import annotations

from pydantic import Field

from .base import Sortie


class HealthOut(Sortie):
    status: str
    uo: int = Field(description="Units in this worker's engine (in the store when it has none).")
    engine: bool = Field(description="Whether this worker's search engine is built.")
    version: str
