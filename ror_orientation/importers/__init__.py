"""Readers that turn public files into an `Offre`, one module per source format.

Every reader returns an `ImportResult` (the offer read, plus the records skipped with their reason) and
never touches the store: `Store.import_offre` then writes the whole result in one transaction. A record
that cannot be read raises `ImportFormatError` naming the file, the line or record, and the field;
a record that is readable but outside the ROR perimeter (a category outside JDV_J55...) is skipped and
counted instead.

Library entry points (all take a path and return an `ImportResult`):
- `eurostat.read_eurostat(path, *, sae_id=..., base=None)`
- `sae.read_sae(path_or_folder, base=None, *, commune_centroid=False)`
- `finess_csv.read_finess_csv(path, base=None)`
- `finess_json.read_finess_json(structures, activites=None, base=None)`
- `fhir.read_fhir(path)`
- `jsonl.read_jsonl(path)`
`read(fmt, path, base)` dispatches on the CLI's format names (`FORMATS`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from ..errors import ImportFormatError, NotFoundError
from ..offre import EntiteGeographique, EntiteJuridique, Offre
from ..store import Store


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record left out on purpose: where it was, a short reason (grouped in reports), a detail."""

    location: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Pending:
    """A reference to a resource neither in the file nor in the store (FHIR): who refers (`source`,
    e.g. "HealthcareService/12"), through which field, to what. `blocking`: the record cannot stand
    without it, so it is not imported; otherwise the record is imported without that link. Either
    way its resources wait whole (`ressources`) for a later import that brings the target."""

    source: str
    field: str
    cible: str
    blocking: bool
    ressources: tuple[dict[str, Any], ...] = ()

    def texte(self) -> str:
        what = "waits for" if self.blocking else "imported without its link to"
        return f"{self.source}: {what} {self.cible} ({self.field})"


@dataclass(slots=True)
class ImportResult:
    """What a reader produced: the offer, how many records it read, the records it skipped, the links
    left pending and the warnings (deprecated codes, defaults applied)."""

    source: str
    offre: Offre = field(default_factory=Offre)
    read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # FHIR reference of each resource read → the record it became (kind, id)
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    def skip(self, location: str, reason: str, detail: str = "") -> None:
        self.skipped.append(Skipped(location, reason, detail))

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(s.reason for s in self.skipped).most_common())

    def summary(self) -> dict[str, Any]:
        return {"source": self.source, "read": self.read, "counts": self.offre.counts(),
                "skipped": len(self.skipped), "skipped_by_reason": self.skipped_by_reason(),
                "pending": len(self.pending),
                "pending_examples": [p.texte() for p in self.pending[:20]],
                "read_warnings": len(self.warnings), "read_warning_examples": self.warnings[:10]}


class Known(Protocol):
    """What a reader may consult to merge into data already held (an `Offre` or a `Store`)."""

    def get_eg(self, id_: str) -> EntiteGeographique: ...

    def get_ej(self, id_: str) -> EntiteJuridique: ...

    def get_many(self, kind: str, ids: Iterable[str]) -> Mapping[str, object]: ...

    def eg_ids_of_ej(self, ej_id: str) -> list[str]: ...


class OffreLookup:
    """`Known` over an in-memory offer."""

    def __init__(self, offre: Offre) -> None:
        self.offre = offre

    def get_eg(self, id_: str) -> EntiteGeographique:
        try:
            return self.offre.eg[id_]
        except KeyError:
            raise NotFoundError(f"eg {id_!r} not found") from None

    def get_ej(self, id_: str) -> EntiteJuridique:
        try:
            return self.offre.ej[id_]
        except KeyError:
            raise NotFoundError(f"ej {id_!r} not found") from None

    def get_many(self, kind: str, ids: Iterable[str]) -> Mapping[str, object]:
        held: Mapping[str, object] = self.offre.eg if kind == "eg" else self.offre.ej
        return {i: held[i] for i in ids if i in held}

    def eg_ids_of_ej(self, ej_id: str) -> list[str]:
        return sorted(eg.id for eg in self.offre.eg.values() if eg.ej_id == ej_id)


class Lookup:
    """`find.eg(id)` / `find.ej(id)` → the held entity or None, whatever the base is. `prefetch`
    reads many ids at once from a store (one query per 500 ids instead of one per record)."""

    def __init__(self, base: Offre | Known | None) -> None:
        self.known: Known | None = OffreLookup(base) if isinstance(base, Offre) else base
        self._eg: dict[str, EntiteGeographique | None] = {}
        self._ej: dict[str, EntiteJuridique | None] = {}

    def prefetch(self, kind: str, ids: Iterable[str]) -> None:
        if self.known is None:
            return
        if kind == "eg":
            wanted = {i for i in ids if i not in self._eg}
            found = self.known.get_many(kind, wanted)
            self._eg.update({i: e if isinstance(e := found.get(i), EntiteGeographique) else None
                             for i in wanted})
        else:
            wanted = {i for i in ids if i not in self._ej}
            found = self.known.get_many(kind, wanted)
            self._ej.update({i: e if isinstance(e := found.get(i), EntiteJuridique) else None
                             for i in wanted})

    def eg(self, id_: str) -> EntiteGeographique | None:
        if self.known is not None and id_ not in self._eg:
            try:
                self._eg[id_] = self.known.get_eg(id_)
            except NotFoundError:
                self._eg[id_] = None
        return self._eg.get(id_)

    def ej(self, id_: str) -> EntiteJuridique | None:
        if self.known is not None and id_ not in self._ej:
            try:
                self._ej[id_] = self.known.get_ej(id_)
            except NotFoundError:
                self._ej[id_] = None
        return self._ej.get(id_)


def as_known(base: Offre | Known | None) -> Lookup:
    return Lookup(base)


def keep_held_figures(new: EntiteGeographique, held: EntiteGeographique | None) -> EntiteGeographique:
    """A descriptive source (FINESS, Eurostat) does not carry SAE figures or authorisations: keep the
    ones already held instead of wiping them, and keep a known EJ link."""
    if held is None:
        return new
    return replace(new, sae={**held.sae, **new.sae},
                   autorisations=new.autorisations or held.autorisations,
                   ej_id=new.ej_id or held.ej_id,
                   coordonnees=new.coordonnees or held.coordonnees)


def read_text(path: Path) -> str:
    """File text in UTF-8 (BOM tolerated), else latin-1: public extracts come in both."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def csv_rows(path: Path, delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV file with a header, values stripped."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""), delimiter=delimiter)
    for row in reader:
        if None in row:
            raise ImportFormatError(path.name, reader.line_num, "more fields than the header has")
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def int_or_none(value: str, source: str, line: int, name: str) -> int | None:
    if value == "":
        return None
    try:
        f = float(value.replace(",", "."))
    except ValueError:
        raise ImportFormatError(source, line, f"not a number: {value!r}", field=name) from None
    if not f.is_integer():
        raise ImportFormatError(source, line, f"not a whole number: {value!r}", field=name)
    return int(f)


def float_field(value: str, source: str, line: int, name: str) -> float:
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise ImportFormatError(source, line, f"not a number: {value!r}", field=name) from None


def phone(value: str) -> str | None:
    """French numbers lose their leading zero in spreadsheets: 474454647 → 0474454647."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if not digits:
        return None
    return digits.zfill(10) if len(digits) == 9 else digits


FORMATS = ("finess-csv", "finess-json", "eurostat", "sae", "fhir", "jsonl")


def read(fmt: str, path: Path, base: Offre | Known | None = None) -> ImportResult:
    """Dispatch on the CLI's format name."""
    if fmt == "eurostat":
        from .eurostat import read_eurostat
        return read_eurostat(path, base=base)
    if fmt == "sae":
        from .sae import read_sae
        return read_sae(path, base)
    if fmt == "finess-csv":
        from .finess_csv import read_finess_csv
        return read_finess_csv(path, base)
    if fmt == "finess-json":
        from .finess_json import read_finess_json
        return read_finess_json(path, base=base)
    if fmt == "fhir":
        from .fhir import read_fhir
        return read_fhir(path, base=base if isinstance(base, Store) else None)
    if fmt == "jsonl":
        from .jsonl import read_jsonl
        return read_jsonl(path)
    raise ImportFormatError(str(path), None, f"unknown format {fmt!r}: one of {', '.join(FORMATS)}",
                            field="format")


def import_file(store: Store, fmt: str, path: Path, *, activites: Path | None = None) -> dict[str, Any]:
    """Read a file and write it into `store` in one transaction (nothing written if anything fails);
    returns what was read, skipped and stored. Readers that merge consult the store itself."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(2, "no such file", str(path))
    if fmt == "finess-json" and activites is not None:
        from .finess_json import read_finess_json
        result = read_finess_json(path, activites, base=store)
    else:
        result = read(fmt, path, base=store)
    from ..edition.rapprochement import (
        copies_en_attente,
        noter_import,
        proteger_saisies,
        rebaser_copies,
    )

    conflits = proteger_saisies(store, result.offre)  # hand edits since the last import are kept
    en_attente = copies_en_attente(store, result.offre)
    report = store.import_offre(result.offre, source=f"{fmt}:{path.name}")
    if fmt == "fhir":  # what each resource became, and the links still waiting
        store.fhir.enregistrer(result.references,
                               [(p.source, p.field, p.cible, p.blocking, p.ressources)
                                for p in result.pending], source=f"{fmt}:{path.name}")
    noter_import(store, result.offre, f"{fmt}:{path.name}")
    rebases = rebaser_copies(store, en_attente, f"{fmt}:{path.name}")  # pending copies follow
    conflits += [c for r in rebases for c in r.conflits]
    return {"format": fmt, "file": str(path), **result.summary(), "stored": report.counts,
            "conflits_saisie": len(conflits),
            "conflit_examples": [c.texte() for c in conflits[:20]],
            "copies_rebasees": len(rebases),
            "rebase_examples": [r.texte() for r in rebases[:20]],
            "warnings": len(report.warnings), "warning_examples": report.warnings[:5],
            "skipped_examples": [f"{s.location}: {s.reason} {s.detail}".strip()
                                 for s in result.skipped[:5]]}
