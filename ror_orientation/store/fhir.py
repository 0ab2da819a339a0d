"""What FHIR imports leave behind (revision 0005): the record each national resource became, so a
later file's reference to it resolves, and the links still waiting for their target with the
resources that wait for it, read again by the next FHIR import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import orjson
import sqlalchemy as sa

from .database import Database
from .schema import fhir_attente_t, fhir_reference_t

CHUNK = 500

# (who refers, field, target, blocking, the resources that wait)
Attente = tuple[str, str, str, bool, tuple[dict[str, Any], ...]]


class FhirRepository:
    """The FHIR reference map and the pending links."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def enregistrer(self, references: Mapping[str, tuple[str, str]], attente: Iterable[Attente], *,
                    source: str) -> None:
        """After an import: map each resource read to its record; replace the pending links of every
        resource this import read (it read the earlier pending ones again) by the new ones."""
        attente = list(attente)
        now = datetime.now(UTC)
        lues = set(references) | {a[0] for a in attente}
        with self.db.transaction() as conn:
            refs = sorted(references)
            for k in range(0, len(refs), CHUNK):
                part = refs[k:k + CHUNK]
                conn.execute(fhir_reference_t.delete().where(fhir_reference_t.c.reference.in_(part)))
                conn.execute(fhir_reference_t.insert(), [
                    {"reference": ref, "kind": references[ref][0], "id": references[ref][1],
                     "source": source, "le": now} for ref in part])
            ordered = sorted(lues)
            for k in range(0, len(ordered), CHUNK):
                conn.execute(fhir_attente_t.delete().where(
                    fhir_attente_t.c.source_ref.in_(ordered[k:k + CHUNK])))
            if attente:
                conn.execute(fhir_attente_t.insert(), [
                    {"source_ref": who, "champ": field, "cible": cible, "bloquant": bloquant,
                     "ressources": orjson.dumps(list(ressources)), "source": source, "le": now}
                    for who, field, cible, bloquant, ressources in attente])

    def references(self, refs: Iterable[str]) -> dict[str, tuple[str, str]]:
        """FHIR reference ("Organization/12") → (kind, record id), for those an import stored."""
        wanted = sorted(set(refs))
        out: dict[str, tuple[str, str]] = {}
        with self.db.connect() as conn:
            for k in range(0, len(wanted), CHUNK):
                q = sa.select(fhir_reference_t.c.reference, fhir_reference_t.c.kind,
                              fhir_reference_t.c.id).where(
                    fhir_reference_t.c.reference.in_(wanted[k:k + CHUNK]))
                out.update({str(r): (str(kind), str(i)) for r, kind, i in conn.execute(q)})
        return out

    def en_attente(self) -> list[dict[str, Any]]:
        """The resources waiting for a target (each once, the latest copy)."""
        held: dict[str, dict[str, Any]] = {}
        with self.db.connect() as conn:
            rows = conn.execute(sa.select(fhir_attente_t.c.ressources).order_by(fhir_attente_t.c.n))
            for (raw,) in rows:
                for res in orjson.loads(raw):
                    held[f"{res.get('resourceType')}/{res.get('id')}"] = res
        return list(held.values())

    def liens(self) -> list[dict[str, object]]:
        """The pending links, for reports: who, field, target, blocking, since when."""
        with self.db.connect() as conn:
            rows = conn.execute(sa.select(
                fhir_attente_t.c.source_ref, fhir_attente_t.c.champ, fhir_attente_t.c.cible,
                fhir_attente_t.c.bloquant, fhir_attente_t.c.le).order_by(fhir_attente_t.c.n))
            return [{"source": s, "champ": c, "cible": t, "bloquant": bool(b), "le": le}
                    for s, c, t, b, le in rows]
