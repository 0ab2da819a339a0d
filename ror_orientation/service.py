"""The glue between the HTTP API and the library: one Store, one in-memory Engine per worker process.

Writes go to the store first (the truth), then to this worker's engine. Each uvicorn worker holds its
own engine, so before answering a search a worker reads the capacity change feed (history ids above the
last one it applied: one indexed range read) and applies what the other workers stored.
"""

from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .applications import authenticate
from .droits import Appelant
from .errors import RorError, UnknownCodeError, ValidationError
from .nomenclatures import Nomenclatures
from .offre import Capacite, EntiteGeographique, UniteOperationnelle
from .requete import Reponse, Requete
from .settings import Settings
from .store import Store
from .territoire import Commune, Territoire, fold
from .validation import validate_capacite

log = logging.getLogger("ror_orientation.service")


@dataclass(frozen=True, slots=True)
class ResultatLot:
    """The outcome of one item of a capacity batch."""

    index: int
    uo_id: str | None
    id_externe_synchro: str | None
    status: int
    error: RorError | None = None


def build_engine(store: Store, settings: Settings | None = None) -> tuple[Any, Any]:
    """Load the offer from the store and build the search engine and its concept index over it.
    The SAMU profile's stale threshold is the deployment's (`stale_after_minutes`), so search
    results, sheets and PDFs call the same figure stale."""
    from datetime import timedelta

    from .engine import Engine
    from .engine.profils import PROFILS
    from .index import ConceptIndex
    from .requete import Profil

    profils = dict(PROFILS)
    if settings is not None:
        profils[Profil.SAMU] = replace(
            profils[Profil.SAMU], stale_after=timedelta(minutes=settings.stale_after_minutes))
    offre = store.load_offre()
    index = ConceptIndex.build(store.nomenclatures)
    return Engine.build(offre, index, nomenclatures=store.nomenclatures, profils=profils), index


class Service:
    """What the routes call. Holds the store, this worker's engine and the reference tables."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        engine: Any | None,
        nomenclatures: Nomenclatures,
        territoire: Territoire,
    ) -> None:
        self.settings = settings
        self.store = store
        self.engine = engine
        self.nomenclatures = nomenclatures
        self.territoire = territoire
        self.index = getattr(engine, "index", None)
        self._feed_id = store.capacite_last_id()
        self._communes: list[tuple[str, Commune]] | None = None
        self.started = time.time()
        self._saisie: Any | None = None
        self._publication_id = 0  # replaying a publication is harmless: it re-reads the store

    @classmethod
    def open(
        cls, settings: Settings, store: Store | None = None, engine: Any | None = None
    ) -> Service:
        from .territoire import default_territoire

        store = store or Store(settings.db)
        feed_id = (
            store.capacite_last_id()
        )  # read before loading: replaying later updates is harmless
        from .store_edition import EditionStore

        publication_id = EditionStore(store).dernier_publication()
        index = None
        if engine is None and not store.is_empty():
            engine, index = build_engine(store, settings)
        service = cls(settings, store, engine, store.nomenclatures, default_territoire())
        service.index = index or service.index
        service._feed_id = feed_id
        service._publication_id = publication_id
        return service

    # -- callers ------------------------------------------------------------------------------
    def appelant(self, key: str | None) -> Appelant | None:
        """The caller behind a key; None without a key (the route decides if that is enough)."""
        if key is None:
            return None
        return authenticate(self.store, key).appelant()

    # -- engine, kept in step with the store ----------------------------------------------------
    def moteur(self) -> Any:
        if self.engine is None:
            raise RorError(
                "the search engine is not available: the store is empty",
                status=503,
                code="unavailable",
            )
        return self.engine

    # -- editing (edition/): publications reach this worker's engine through their feed ----------
    @property
    def saisie(self) -> Any:
        """The editing entry point (built on first use: its tables are created then)."""
        if self._saisie is None:
            from .edition import Saisie

            self._saisie = Saisie(self.store, self.nomenclatures)
        return self._saisie

    @property
    def publication_position(self) -> int:
        """The last publication this worker's engine applied (a cache key for derived answers)."""
        return self._publication_id

    def synchroniser_publications(self) -> int:
        """Apply records published by any worker since the last call (edition/saisie.py)."""
        if self.engine is None:
            return 0
        last, items = self.saisie.sql.publications(self._publication_id)
        if not items:
            return 0
        offre = self.engine.offre
        rank = {"ej": 0, "eg": 1, "oi": 2, "uo": 3}
        items = sorted(items, key=lambda kv: rank[kv[0]])
        for kind, entities in (("ej", offre.ej), ("eg", offre.eg), ("oi", offre.oi)):
            ids = [i for k, i in items if k == kind]
            if ids:
                entities.update(self.store.get_many(kind, ids))
        uo_ids = {i for k, i in items if k == "uo"}
        for eg_id in {i for k, i in items if k == "eg"}:
            uo_ids.update(u.id for u in offre.uo.values() if u.eg_id == eg_id)
        for uo in self.store.get_many("uo", uo_ids).values():
            self.engine.update_uo(uo)
        self._publication_id = last
        return len(items)

    def synchroniser(self) -> int:
        """Apply capacity updates stored by any worker since the last call; returns units updated."""
        if self.engine is None:
            return 0
        self.synchroniser_publications()
        last, uo_ids = self.store.capacite_changes(self._feed_id)
        if not uo_ids:
            return 0
        for uo_id, uo in self.store.get_many("uo", uo_ids).items():
            self.engine.update_capacites(uo_id, uo.capacites)
        self._feed_id = last
        return len(uo_ids)

    def rechercher(self, requete: Requete) -> Reponse:
        moteur = self.moteur()
        self.synchroniser()
        return moteur.search(requete)

    def parcourir(self, requete: Requete, page: int = 2000) -> Iterator[Reponse]:
        """Every page of a search, in order (extractions): follows the engine's cursor."""
        moteur = self.moteur()
        self.synchroniser()
        requete = replace(requete, limite=page, curseur=None, expliquer=False)
        while True:
            reponse = moteur.search(requete)
            yield reponse
            if not reponse.curseur_suivant or not reponse.resultats:
                return
            requete = replace(requete, curseur=reponse.curseur_suivant)

    def unites(
        self, uo_ids: list[str]
    ) -> tuple[dict[str, UniteOperationnelle], dict[str, EntiteGeographique]]:
        """A page's units and their EGs in one batched lookup each (never one read per result)."""
        offre = getattr(self.engine, "offre", None)
        if offre is not None:
            uos = {i: offre.uo[i] for i in uo_ids if i in offre.uo}
            egs = {u.eg_id: offre.eg[u.eg_id] for u in uos.values() if u.eg_id in offre.eg}
            return uos, egs
        uos = self.store.get_many("uo", uo_ids)
        egs = self.store.get_many("eg", {u.eg_id for u in uos.values()})
        return uos, egs

    def suggerer(self, q: str, limit: int) -> list[Any]:
        """Concepts for the search box, from the in-memory concept index (labels and synonyms)."""
        if self.index is None:
            raise RorError(
                "suggestions are not available: the store is empty", status=503, code="unavailable"
            )
        return list(self.index.suggest(q, limit))

    def communes(self, q: str, limit: int) -> list[Commune]:
        """Communes whose folded name or postcode starts with `q`: a bisect over a sorted list."""
        if self._communes is None:
            keys = [(fold(c.nom), c) for c in self.territoire.communes.values()]
            keys += [(code, c) for code, cs in self.territoire.by_postcode.items() for c in cs]
            self._communes = sorted(keys, key=lambda k: (k[0], len(k[1].nom), k[1].insee))
        needle = fold(q)
        if not needle:
            return []
        start = bisect.bisect_left(self._communes, needle, key=lambda k: k[0])
        out: list[Commune] = []
        seen: set[str] = set()
        for key, c in self._communes[start:]:
            if not key.startswith(needle) or len(out) >= limit:
                break
            if c.insee not in seen:
                seen.add(c.insee)
                out.append(c)
        return out

    # -- capacity -----------------------------------------------------------------------------
    def _valider(self, caps: list[Capacite], prefix: str) -> None:
        for i, c in enumerate(caps):
            where = f"{prefix}capacites[{i}]"
            try:
                validate_capacite(c, self.nomenclatures, where)
            except UnknownCodeError as exc:
                name = exc.field.rsplit(".", 1)[-1] if exc.field else None
                field = f"{where}.{name}" if name else where
                raise ValidationError(
                    f"{field}: unknown code {exc.value!r} in table {exc.table}",
                    field=field,
                    code="unknown_code",
                ) from None

    def set_capacites(
        self, appelant: Appelant, uo_id: str, caps: list[Capacite], prefix: str = ""
    ) -> UniteOperationnelle:
        """Store a unit's records (merged by key, kept in the history) then update this engine."""
        self._valider(caps, prefix)
        uo = self.store.get_uo(uo_id)
        appelant.exiger_ecriture_capacites(uo.eg_id, field=f"{prefix}uo_id" if prefix else "uo_id")
        uo = self.store.set_capacites(
            uo_id, caps, auteur=f"{appelant.nom}#{appelant.application_id}"
        )
        if self.engine is not None:
            self.engine.update_capacites(uo_id, uo.capacites)
        return uo

    def set_capacites_lot(
        self, appelant: Appelant, items: list[tuple[str | None, str | None, list[Capacite]]]
    ) -> list[ResultatLot]:
        """A batch: each item in its own transaction, so one refused item leaves the others stored."""
        synchro = self.store.uo_ids_by_synchro([s for _u, s, _c in items if s is not None])
        out = []
        for i, (uo_id, sync_id, caps) in enumerate(items):
            prefix = f"mises_a_jour[{i}]."
            target = uo_id if uo_id is not None else synchro.get(sync_id or "")
            try:
                if target is None:
                    raise RorError(
                        f"id_externe_synchro {sync_id!r}: no unit has this synchronisation id",
                        field=f"{prefix}id_externe_synchro",
                        status=404,
                        code="not_found",
                    )
                try:
                    self.set_capacites(appelant, target, caps, prefix)
                except RorError as exc:
                    if exc.status == 404 and exc.field == "uo_id":
                        exc.field = f"{prefix}uo_id"
                    raise
            except RorError as exc:
                out.append(ResultatLot(i, target, sync_id, exc.status, exc))
                continue
            out.append(ResultatLot(i, target, sync_id, 200))
        return out
