"""Connected applications (admin): registration, listing, revocation, count per region."""

from __future__ import annotations

from pydantic import Field

from .base import Entree, Instant, Sortie


class ApplicationIn(Entree):
    nom: str = Field(min_length=1, max_length=128)
    region: str | None = Field(None, max_length=4)
    proprietaire: str = Field(min_length=1, max_length=256)
    droits: list[str] = Field(min_length=1, max_length=4)
    eg_ids: list[str] = Field(default_factory=list, max_length=1000)


class ApplicationOut(Sortie):
    """An application as listed: never its key nor the key's hash."""

    id: int
    nom: str
    region: str | None
    proprietaire: str
    droits: list[str]
    eg_ids: list[str]
    cree_le: Instant
    revoque_le: Instant | None
    active: bool


class ApplicationCreeeOut(Sortie):
    application: ApplicationOut
    cle: str = Field(description="The API key, shown this once only.")


class ApplicationsOut(Sortie):
    applications: list[ApplicationOut]


class ParRegionOut(Sortie):
    par_region: dict[str, int] = Field(description="INSEE region code → active applications.")
