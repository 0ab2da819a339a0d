"""`Store`: the offer's persistent home, one object over the repositories (offre, capacites,
applications, snapshots, meta) sharing one database. The methods below are the store's long-standing
API; each is one call into its repository.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal, overload

from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import (
    Capacite,
    EntiteGeographique,
    EntiteJuridique,
    Offre,
    OrganisationInterne,
    Professionnel,
    UniteOperationnelle,
)
from ..serialisation import Entite
from . import meta
from .applications import ApplicationRepository
from .capacites import CapaciteRepository, Datation, Decalage, EntreeHistorique
from .database import Database
from .fhir import FhirRepository
from .offre import KINDS, OffreRepository
from .quarantaine import Reparation, reparer
from .rapport import ImportReport
from .snapshots import SnapshotRepository


class Store(Database):
    """Open with a path (SQLite, WAL) or a SQLAlchemy URL; the schema is brought to this release's
    revision on opening (`upgrade=False`: refuse an older one instead)."""

    def __init__(self, target: str | Path, nomenclatures: Nomenclatures | None = None, *,
                 upgrade: bool = True) -> None:
        super().__init__(target, upgrade=upgrade)
        self.nomenclatures = nomenclatures or default_nomenclatures()
        self.offre = OffreRepository(self, self.nomenclatures)
        self.capacites = CapaciteRepository(self, self.nomenclatures)
        self.applications = ApplicationRepository(self)
        self.snapshots = SnapshotRepository(self)
        self.fhir = FhirRepository(self)

    # -- schema -----------------------------------------------------------------------------
    def schema_version(self) -> str:
        """The schema revision (Alembic) the store is at."""
        return meta.schema_revision(self)

    def structure_version(self) -> int:
        """Writes to the offer's description so far (not capacity updates): derived results are
        cached until the next one, across worker processes."""
        return meta.structure_version(self)

    def structure_id(self) -> str:
        """The name of this state of the offer's description, new at each write: unlike the
        counter, it tells this store from another written as many times."""
        return meta.structure_id(self)

    # -- writes -----------------------------------------------------------------------------
    def import_offre(self, offre: Offre, source: str = "import", *, check: bool = True,
                     replace_all: bool = False) -> ImportReport:
        """Validate then upsert a whole offer in one transaction (all or nothing)."""
        return self.offre.import_offre(offre, source, check=check, replace_all=replace_all)

    def put(self, entity: Entite) -> None:
        """Validate and store one entity (insert or replace), atomically."""
        offre = Offre()
        offre.add(entity)
        self.import_offre(offre, source="put")

    def delete_uo(self, uo_id: str) -> None:
        self.offre.delete_uo(uo_id)

    def set_capacites(self, uo_id: str, capacites: Iterable[Capacite], auteur: str,
                      recu_le: datetime | None = None,
                      verifier: Callable[[UniteOperationnelle], None] | None = None,
                      lieu: int | str | None = None) -> UniteOperationnelle:
        """Merge capacity records into a unit (same key → replaced), keeping each in the history;
        `verifier` checks the stored unit inside the write transaction (If-Match); `lieu` (rank or
        place id): into that place of a unit with several — required then (the unit's records
        become their sums)."""
        return self.capacites.set_capacites(uo_id, capacites, auteur, recu_le, verifier, lieu)

    def decaler_capacites(self, delta: timedelta) -> int:
        """Move every capacity time by `delta` (a served demo re-dated): the store's offset moves
        (no unit is rewritten), told to every worker by the change feed, leaving the offer's
        description and its image as they are. Returns the offset after it (seconds)."""
        return self.capacites.decaler(delta)

    # -- reads ------------------------------------------------------------------------------
    def get_ej(self, id_: str) -> EntiteJuridique:
        return self.offre.get(EntiteJuridique, id_)

    def get_eg(self, id_: str) -> EntiteGeographique:
        return self.offre.get(EntiteGeographique, id_)

    def get_oi(self, id_: str) -> OrganisationInterne:
        return self.offre.get(OrganisationInterne, id_)

    def get_uo(self, id_: str) -> UniteOperationnelle:
        return self.offre.get(UniteOperationnelle, id_)

    def get_professionnel(self, id_: str) -> Professionnel:
        return self.offre.get(Professionnel, id_)

    @overload
    def get_many(self, kind: Literal["ej"], ids: Iterable[str]) -> dict[str, EntiteJuridique]: ...
    @overload
    def get_many(self, kind: Literal["eg"], ids: Iterable[str]) -> dict[str, EntiteGeographique]: ...
    @overload
    def get_many(self, kind: Literal["oi"], ids: Iterable[str]) -> dict[str, OrganisationInterne]: ...
    @overload
    def get_many(self, kind: Literal["uo"], ids: Iterable[str]) -> dict[str, UniteOperationnelle]: ...
    @overload
    def get_many(self, kind: Literal["professionnel"], ids: Iterable[str]
                 ) -> dict[str, Professionnel]: ...
    @overload
    def get_many(self, kind: str, ids: Iterable[str]) -> dict[str, Entite]: ...

    def get_many(self, kind: str, ids: Iterable[str]) -> dict[str, Any]:  # typed by the overloads
        """Several entities of one kind ("eg", "uo", "oi", "ej", "professionnel") in one query per
        500 ids: what an API page needs without one read per result."""
        cls: type[Entite] = KINDS[kind][0]
        return self.offre.get_many(cls, ids)

    def fhir_references(self, refs: Iterable[str]) -> dict[str, tuple[str, str]]:
        """The records earlier FHIR imports made of these national references."""
        return self.fhir.references(refs)

    def fhir_en_attente(self) -> list[dict[str, Any]]:
        """The FHIR resources waiting for a reference's target (read again by the next import)."""
        return self.fhir.en_attente()

    def uo_ids_by_synchro(self, ids: Iterable[str]) -> dict[str, str]:
        """Map establishments' synchronisation ids (idExterneSynchro) to unit ids."""
        return self.offre.uo_ids_by_synchro(ids)

    def uo_ids_of_eg(self, eg_id: str) -> list[str]:
        return self.offre.uo_ids_of_eg(eg_id)

    def eg_ids_of_ej(self, ej_id: str) -> list[str]:
        return self.offre.eg_ids_of_ej(ej_id)

    def professionnels_of_uo(self, uo_id: str) -> list[Professionnel]:
        return self.offre.professionnels_of_uo(uo_id)

    def capacite_history(self, uo_id: str, limit: int = 500) -> list[EntreeHistorique]:
        return self.capacites.history(uo_id, limit)

    def capacite_changes(self, after_id: int) -> tuple[int, list[str]]:
        """The change feed of capacity: units updated since history id `after_id`, and the last id;
        `DECALAGE` among them when every figure time moved (`capacite_decalages` says how far).

        Each API worker polls this before every search to bring its in-memory engine up to date
        with updates stored by the other workers.
        """
        return self.capacites.changes(after_id)

    def capacite_decalages(self, after_id: int, upto_id: int) -> list[Decalage]:
        """The re-datings between two feed positions (`DECALAGE` records), in order."""
        return self.capacites.decalages(after_id, upto_id)

    def capacite_decalage(self) -> int:
        """The re-dating offset: seconds every read adds to the stored capacity times (an engine
        building from `load_offre(offset=...)` keeps the one it read)."""
        return self.capacites.decalage()

    def capacite_last_id(self) -> int:
        return self.capacites.last_id()

    def datation(self) -> Datation:
        """Whether every unit is generated and the newest capacity update time: what serve's start
        reads to decide whether a demo is re-dated, without decoding the offer."""
        return self.capacites.datation()

    def unreadable(self) -> Iterator[tuple[str, str, str]]:
        """(table, id, why) of every stored entity row that cannot be decoded (every read skips
        them with a logged warning; `check` reports them)."""
        return self.offre.unreadable()

    def reparer(self) -> Reparation:
        """`check --repair`: move what the program cannot use into the quarantine table."""
        return reparer(self, self.offre)

    def iter_entities(self) -> Iterator[tuple[str, Entite]]:
        """Every entity, in a stable order (kind, id): what `export` writes."""
        return self.offre.iter_entities()

    def load_offre(self, *, share: bool = True, offset: int | None = None) -> Offre:
        """The whole offer in memory (what the engine builds from); `offset`: the re-dating
        offset to apply (by default the store's, as the read finds it)."""
        return self.offre.load_offre(share=share, offset=offset)

    def counts(self) -> dict[str, int]:
        return self.offre.counts()

    def is_empty(self) -> bool:
        return self.offre.is_empty()
