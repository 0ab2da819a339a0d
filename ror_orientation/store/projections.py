"""Typed projections of stored entities: the few fields the population indicators read, decoded
straight from a row's JSON (the other fields are skipped, so the national scale reads in seconds).

Each projection names the model class it projects; `check_projection` runs at import and refuses a
field the model does not have or types differently, so renaming a model field breaks loudly here
instead of silently emptying an indicator.
"""

from __future__ import annotations

import typing
from dataclasses import fields, is_dataclass
from datetime import date, datetime

import msgspec

from ..horaires import Fermeture, Horaires
from ..offre import (
    Adresse,
    Autorisation,
    Capacite,
    Contact,
    EntiteGeographique,
    Statut,
    UniteOperationnelle,
)


class FermeturesProjection(msgspec.Struct, frozen=True):
    """A unit's closures (of its schedule)."""

    fermetures: tuple[Fermeture, ...] = ()


class EGProjection(msgspec.Struct, frozen=True):
    """What the perimeter, the statuses and the quality checks read of an EG."""

    id: str
    nom: str
    categorie: str
    adresse: Adresse = Adresse()
    region: str | None = None
    departement: str | None = None
    date_ouverture: date | None = None
    date_fermeture: date | None = None
    date_caducite: date | None = None
    autorisations: tuple[Autorisation, ...] = ()
    siret: str | None = None
    source: str | None = None


class UOProjection(msgspec.Struct, frozen=True):
    """What the unit criteria, the statuses and the quality checks read of a unit."""

    id: str
    eg_id: str
    nom: str
    champ: str
    activite: str
    mode_prise_en_charge: str | None = None
    categorie_organisation: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    horaires: FermeturesProjection = FermeturesProjection()
    contacts: tuple[Contact, ...] = ()
    adresse: Adresse | None = None
    statut: Statut = Statut.PUBLIE
    maj: datetime | None = None


class MajProjection(msgspec.Struct, frozen=True):
    """When a capacity record was updated."""

    maj: datetime | None = None


class DatationProjection(msgspec.Struct, frozen=True):
    """What tells whether a served demo's figures are to be re-dated: generated or not, and the
    update times of its capacity records (serve's start reads this, not the whole unit)."""

    genere: bool = False
    capacites: tuple[MajProjection, ...] = ()


# projection → the model class it projects (nested projections included)
PROJECTED: dict[type, type] = {EGProjection: EntiteGeographique, UOProjection: UniteOperationnelle,
                               FermeturesProjection: Horaires, DatationProjection: UniteOperationnelle,
                               MajProjection: Capacite}


def _model_hints(model: type) -> dict[str, object]:
    if not is_dataclass(model):
        raise TypeError(f"{model.__name__} is not a model dataclass")
    hints = typing.get_type_hints(model)
    return {f.name: hints[f.name] for f in fields(model)}


def check_projection(projection: type, model: type) -> None:
    """Refuse a projection field that is not a model field of the same type (or its projection)."""
    hints = _model_hints(model)
    for name, hint in typing.get_type_hints(projection).items():
        if name not in hints:
            raise TypeError(f"{projection.__name__}.{name}: {model.__name__} has no field {name!r}")
        nested = PROJECTED.get(hint) if isinstance(hint, type) else None
        args = typing.get_args(hint)
        if nested is None and typing.get_origin(hint) is tuple and len(args) == 2 \
                and args[1] is Ellipsis and args[0] in PROJECTED:  # tuple[Projection, ...]
            model_hint = hints[name]
            if typing.get_origin(model_hint) is not tuple \
                    or typing.get_args(model_hint) != (PROJECTED[args[0]], Ellipsis):
                raise TypeError(f"{projection.__name__}.{name}: projects a tuple of "
                                f"{PROJECTED[args[0]].__name__}, {model.__name__}.{name} is "
                                f"{hints[name]}")
            check_projection(args[0], PROJECTED[args[0]])
        elif nested is not None:
            if hints[name] is not nested:
                raise TypeError(f"{projection.__name__}.{name}: projects {nested.__name__}, "
                                f"{model.__name__}.{name} is {hints[name]}")
            check_projection(hint, nested)
        elif hint != hints[name]:
            raise TypeError(f"{projection.__name__}.{name}: typed {hint}, "
                            f"{model.__name__}.{name} is {hints[name]}")


for _projection, _model in PROJECTED.items():
    check_projection(_projection, _model)
