"""The one error shape of every route: {"error": {status, code, message, field}}."""

from __future__ import annotations

from pydantic import Field

from .base import Sortie


class ErreurDetail(Sortie):
    status: int = Field(description="The HTTP status, repeated in the body.")
    code: str = Field(description="Stable machine code: validation_error, not_found, forbidden...")
    message: str = Field(description="For a person: what is wrong, naming the field.")
    field: str | None = Field(None, description="Dotted path of the input at fault, or null.")


class ErreurOut(Sortie):
    """Every error, whatever its origin (ours, validation, routing, an unexpected fault)."""

    error: ErreurDetail


def erreur(status: int, code: str, message: str, field: str | None = None) -> ErreurOut:
    return ErreurOut(error=ErreurDetail(status=status, code=code, message=message, field=field))
