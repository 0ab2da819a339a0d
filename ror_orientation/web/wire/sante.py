"""Health of a worker (`/healthz`)."""

from __future__ import annotations

from .base import Sortie


class HealthOut(Sortie):
    status: str
    uo: int
    moteur: bool
    version: str
