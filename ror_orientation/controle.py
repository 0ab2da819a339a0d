"""Consistency check of a stored offer (the `check` command): what would mislead a search or a count.

Dangling links (uo→eg, uo→oi, oi→eg, oi→parent, eg→ej, exercice→uo), codes absent from their
nomenclature, capacity figures dated outside the sane range (before 2000, in the future), and sites or units without coordinates (a unit is placed at its site). Streams the store
once, so it runs on the national scale without loading the offer.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import UnknownCodeError, ValidationError
from .nomenclatures import FIELD_TABLES, Nomenclatures
from .offre import (
    Capacite,
    EntiteGeographique,
    Exercice,
    OrganisationInterne,
    Professionnel,
    UniteOperationnelle,
)
from .store import Store
from .validation import check_recorded_instant

# Nested records and the FIELD_TABLES prefix of their fields.
_NESTED = {"capacites": ("capacite", Capacite), "exercices": ("exercice", Exercice)}
MAX_EXAMPLES = 1000


@dataclass(frozen=True, slots=True)
class Probleme:
    categorie: str  # "lien" | "code" | "coordonnees" | "instant"
    kind: str
    id: str
    field: str
    message: str


@dataclass(slots=True)
class Controle:
    """Every problem found (the first MAX_EXAMPLES kept in full), counts per category, warnings."""

    problemes: list[Probleme] = field(default_factory=list)
    par_categorie: Counter[str] = field(default_factory=Counter)
    par_champ: Counter[str] = field(default_factory=Counter)
    avertissements: int = 0
    entites: int = 0

    @property
    def ok(self) -> bool:
        return not self.par_categorie

    def add(self, p: Probleme) -> None:
        self.par_categorie[p.categorie] += 1
        self.par_champ[p.field] += 1
        if len(self.problemes) < MAX_EXAMPLES:
            self.problemes.append(p)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entites": self.entites, "problemes": sum(self.par_categorie.values()),
                "par_categorie": dict(sorted(self.par_categorie.items())),
                "par_champ": dict(sorted(self.par_champ.items())),
                "avertissements": self.avertissements,
                "exemples": [asdict(p) for p in self.problemes]}


def coded_values(kind: str, entity: Any) -> Iterator[tuple[str, str]]:
    """(FIELD_TABLES field, code) for every coded value of an entity, nested records included."""
    prefix = f"{kind}."
    for fieldname in FIELD_TABLES:
        if fieldname.startswith(prefix):
            yield from ((fieldname, v) for v in _values(entity, fieldname[len(prefix):].split(".")))
    for attr, (nested_prefix, _cls) in _NESTED.items():
        for item in getattr(entity, attr, ()) or ():
            for fieldname in FIELD_TABLES:
                if fieldname.startswith(nested_prefix + "."):
                    yield from ((fieldname, v) for v in
                                _values(item, fieldname[len(nested_prefix) + 1:].split(".")))


def _values(obj: Any, path: list[str]) -> Iterator[str]:
    value = getattr(obj, path[0], None)
    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        if item is None:
            continue
        if len(path) > 1:
            yield from _values(item, path[1:])
        elif isinstance(item, str):
            yield item


def controle(store: Store, nomenclatures: Nomenclatures | None = None) -> Controle:
    """Check the whole stored offer, streaming its entities once."""
    nom = nomenclatures or store.nomenclatures
    out = Controle()
    ids: dict[str, set[str]] = {k: set() for k in ("ej", "eg", "oi", "uo")}
    placed: set[str] = set()
    refs: list[tuple[str, str, str, str, str]] = []  # (kind, id, field, target kind, target id)
    uo_sites: list[tuple[str, str]] = []
    for table, id_, why in store.unreadable():  # skipped by every read; `--repair` moves them
        out.add(Probleme("illisible", table, id_, table, f"{table} {id_}: unreadable row ({why})"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for kind, e in store.iter_entities():
            out.entites += 1
            if kind in ids:
                ids[kind].add(e.id)
            for fieldname, code in coded_values(kind, e):
                try:
                    nom.check(fieldname, code)
                except UnknownCodeError as exc:
                    out.add(Probleme("code", kind, e.id, fieldname, exc.message))
            if isinstance(e, EntiteGeographique):
                if e.ej_id:
                    refs.append((kind, e.id, "eg.ej_id", "ej", e.ej_id))
                if e.coordonnees is not None:
                    placed.add(e.id)
                else:
                    out.add(Probleme("coordonnees", kind, e.id, "eg.coordonnees",
                                     f"eg {e.id}: no coordinates"))
            elif isinstance(e, OrganisationInterne):
                refs.append((kind, e.id, "oi.eg_id", "eg", e.eg_id))
                if e.parent_id:
                    refs.append((kind, e.id, "oi.parent_id", "oi", e.parent_id))
            elif isinstance(e, UniteOperationnelle):
                refs.append((kind, e.id, "uo.eg_id", "eg", e.eg_id))
                if e.oi_id:
                    refs.append((kind, e.id, "uo.oi_id", "oi", e.oi_id))
                uo_sites.append((e.id, e.eg_id))
                for i, c in enumerate(e.capacites):
                    try:
                        check_recorded_instant(c.maj, f"uo.capacites[{i}].maj")
                    except ValidationError as exc:
                        out.add(Probleme("instant", kind, e.id, "uo.capacites.maj",
                                         f"uo {e.id}: {exc.message}"))
            elif isinstance(e, Professionnel):
                for x in e.exercices:
                    refs.append((kind, e.id, "exercice.uo_id", "uo", x.uo_id))
    out.avertissements = len(caught)
    for kind, id_, fieldname, target, target_id in refs:
        if target_id not in ids[target]:
            out.add(Probleme("lien", kind, id_, fieldname,
                             f"{kind} {id_}: {fieldname} refers to {target} {target_id!r}, absent"))
    for uo_id, eg_id in uo_sites:
        if eg_id in ids["eg"] and eg_id not in placed:
            out.add(Probleme("coordonnees", "uo", uo_id, "uo.eg_id",
                             f"uo {uo_id}: its site {eg_id} has no coordinates"))
    return out
