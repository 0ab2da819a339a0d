"""Capacity (bed) updates: one unit's records, a batch of units, and a unit's history.

`CapaciteIn` is what an establishment sends; `CapaciteOut` (in `unites`) what a sheet shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field, field_validator, model_validator

from ...errors import ValidationError
from ...validation import check_recorded_instant
from .base import Entree, Instant, Sortie
from .erreurs import ErreurDetail
from .unites import CapaciteOut

Code = Field(min_length=1, max_length=16, pattern=r"^[0-9A-Za-z_.-]+$")


class CapaciteIn(Entree):
    """One capacity record as sent by an establishment (codes from TRE_R329..R336)."""

    nature: str = Code
    statut: str = Code
    temporalite: str = Code
    genre: str = Code
    nombre: int = Field(ge=0, le=100_000)
    source: str = Field("01", min_length=1, max_length=16)
    maj: datetime | None = Field(None, description="When the figure was true; default: received.")
    crise: str | None = Field(None, max_length=16)
    type_lit_supplementaire: str | None = Field(None, max_length=16)

    @field_validator("maj")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        try:
            check_recorded_instant(v, "maj")
        except ValidationError as exc:
            raise ValueError(exc.message) from exc
        return v


LIEU = Field(None, min_length=1, max_length=64,
             description="The place (`lieux[].id` of the unit) the records are for: required when "
                         "the unit has several places (400 naming `lieu` otherwise); the unit's "
                         "records are then the sums over its places.")


class CapacitesIn(Entree):
    capacites: list[CapaciteIn] = Field(min_length=1, max_length=200)
    lieu: str | None = LIEU


class MiseAJourIn(Entree):
    """One unit's records in a batch, addressed by unit id or by the establishment's synchro id."""

    uo_id: str | None = Field(None, min_length=1, max_length=64)
    id_externe_synchro: str | None = Field(None, min_length=1, max_length=128)
    capacites: list[CapaciteIn] = Field(min_length=1, max_length=200)
    lieu: str | None = LIEU

    @model_validator(mode="after")
    def _one_address(self) -> MiseAJourIn:
        if (self.uo_id is None) == (self.id_externe_synchro is None):
            raise ValueError("give exactly one of uo_id and id_externe_synchro")
        return self


class LotCapacitesBrutIn(Entree):
    """A batch as received: a list of items, each then checked on its own as a `MiseAJourIn`, so
    one bad item is refused in its place and the others are stored."""

    mises_a_jour: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=1000,
        description="Items shaped as MiseAJourIn: uo_id or id_externe_synchro, and capacites.",
    )


class CapaciteMajOut(Sortie):
    uo_id: str
    recu_le: Instant
    capacites: list[CapaciteOut] = Field(description="The unit's records after the merge.")


class ResultatLotOut(Sortie):
    """One item of a batch, in order: 200 stored, or the error that refused it alone."""

    index: int
    uo_id: str | None = None
    id_externe_synchro: str | None = None
    status: int
    error: ErreurDetail | None = None


class LotCapacitesOut(Sortie):
    stockes: int
    refuses: int
    resultats: list[ResultatLotOut]


class CapaciteEnregistreeOut(Sortie):
    """A capacity record as it was received (bare codes, no labels)."""

    nature: str
    statut: str
    temporalite: str
    genre: str
    nombre: int
    source: str
    maj: Instant | None
    crise: str | None
    type_lit_supplementaire: str | None


class HistoriqueLigneOut(Sortie):
    id: int
    recu_le: Instant
    auteur: str = Field(description="The name of the application that sent it.")
    capacite: CapaciteEnregistreeOut


class HistoriqueOut(Sortie):
    uo_id: str
    historique: list[HistoriqueLigneOut] = Field(description="Newest first.")
