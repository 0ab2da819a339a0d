"""The glue between the HTTP API and the library: one Store, one in-memory Engine per worker process.

Writes go to the store first (the truth), then to this worker's engine. Each uvicorn worker holds its
own engine, so before answering a search a worker reads the capacity change feed (history ids above the
last one it applied: one indexed range read) and applies what the other workers stored.
"""

from __future__ import annotations

import bisect
import importlib.metadata
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .applications import authenticate
from .disponibilite import Demande, Disponibilite, Fraicheur, disponibilite, vieillie
from .droits import Appelant, exiger_visible, introuvable, restreindre, voit_lits
from .engine import Engine, image
from .engine.distance import geodesic_km_geopy
from .engine.profils import PROFILS
from .errors import NotFoundError, RorError, UnknownCodeError, ValidationError
from .graphe.alternatives import alternatives
from .graphe.parcours import concepts_de
from .index import ConceptIndex, ConceptMatch, Suggestion
from .memo import remember
from .nomenclatures import Nomenclatures
from .offre import Capacite, EntiteGeographique, UniteOperationnelle
from .paths import fixtures_dir
from .requete import Profil, Reponse, Requete
from .settings import Settings
from .store import DECALAGE, Store
from .store.capacites import Decalage
from .store.decalage import decaler_unite
from .store.fiches import CACHE as FICHES_GARDEES
from .store.fiches import Fiches, OffreStockee
from .territoire import Commune, Territoire, default_territoire, fold, suggestion_rank
from .validation import validate_capacite

log = logging.getLogger("ror_orientation.service")
FIGURES_KEPT = FICHES_GARDEES  # bed figures kept, as many as unit records (cleared when full)


@dataclass(frozen=True, slots=True)
class ResultatLot:
    """The outcome of one item of a capacity batch."""

    index: int
    uo_id: str | None
    id_externe_synchro: str | None
    status: int
    error: RorError | None = None


@dataclass(frozen=True, slots=True)
class UniteProche:
    """A unit of a unit's neighbourhood, as the caller may see it."""

    uo: UniteOperationnelle
    eg: EntiteGeographique | None
    communs: int  # concepts shared with the unit
    distance_km: float | None  # geodesic between the two units' places (geopy)
    lits_disponibles: int | None  # None when the caller may not see this site's beds


@dataclass(frozen=True, slots=True)
class Voisinage:
    """What the offer graph answers about a unit (see `graphe.alternatives`)."""

    uo: UniteOperationnelle
    meme_site: list[UniteProche]
    autres_sites: list[UniteProche]  # free beds first, then nearest
    semblables: list[UniteProche]
    declares_par_semblables: list[tuple[str, str, int]]  # (concept, label, similar units)


def build_engine(store: Store, settings: Settings | None = None) -> tuple[Engine, ConceptIndex]:
    """Load the offer from the store and build the search engine and its concept index over it.
    The SAMU and mobile profiles' stale threshold is the deployment's (`stale_after_minutes`), so
    search results, sheets and PDFs call the same live figure stale."""
    profils = dict(PROFILS)
    if settings is not None:
        profils[Profil.SAMU] = replace(
            profils[Profil.SAMU], stale_after=timedelta(minutes=settings.stale_after_minutes),
            rayons_km=tuple(settings.samu_rayons_km), rayon_defaut_km=settings.samu_rayons_km[0])
        profils[Profil.MOBILE] = replace(
            profils[Profil.MOBILE], stale_after=timedelta(minutes=settings.stale_after_minutes))
    path = image_path(store)
    if path is None:  # a server database: nowhere to keep the image, each worker builds
        index = ConceptIndex.build(store.nomenclatures)
        offset = store.capacite_decalage()  # after the caller's feed position: replays agree
        engine = Engine.build(store.load_offre(offset=offset), index,
                              nomenclatures=store.nomenclatures, profils=profils)
        engine.decalage_capacites = offset
        return engine, index
    got = open_image(store, path)
    index = got.state["concepts"]
    engine = Engine.from_image(got.state["engine"], OffreStockee(store), index,
                               territoire=got.state["territoire"],
                               nomenclatures=store.nomenclatures, profils=profils)
    engine.image = got.meta
    engine.decalage_capacites = int(got.meta.get("decalage", 0))
    return engine, index


# Set by `prepare_image` for the workers it precedes: the signature of the image it checked.
IMAGE_VERIFIEE = "ROR_IMAGE_VERIFIEE"


def image_path(store: Store) -> Path | None:
    """Where the offer image of a file store lives: beside it (None for a server database)."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    db = Path(url.database)
    return db.with_name(db.name + ".image")


def image_key(store: Store) -> dict[str, Any]:
    """What an image must have been compiled from to be served: this code, this schema, these
    reference files, this version of the holidays package and the offer's description as it is
    now (the store's counter of writes to it, and the name of its last write: a store
    regenerated in place of another has the same count)."""
    return {"structure_version": store.structure_version(), "structure_id": store.structure_id(),
            "schema": store.schema_version(),
            "code": image.code_digest(), "fixtures": image.files_digest(fixtures_dir()),
            # the public holidays it carries come from this package (read without importing it)
            "holidays": importlib.metadata.version("holidays")}


def open_image(store: Store, path: Path) -> image.Image:
    """The store's offer image, (re)compiled first when missing, stale or damaged — by one process
    at a time: workers starting together compile it once and all map the same file. The one the
    serve process read before forking this worker is taken when still current (`heritee`)."""
    with image.lock(path):
        key = image_key(store)
        got = _heritee(path, key) or image.read(path, key, verified=os.environ.get(IMAGE_VERIFIEE))
        if got is None:
            write_image(store, path, key)
            got = image.read(path, key)
        if got is None:
            raise RorError(f"offer image {path}: written but not readable", status=500)
        return got


# The offer image the serve process read before forking its workers (`precharger_image`), with
# the signature of its file: a worker inherits its objects in pages it shares with that process.
_HERITEE: tuple[str, image.Image] | None = None


def precharger_image(settings: Settings) -> bool:
    """Read the store's offer image in the serve process, before it forks its workers: each then
    takes these objects (`open_image`) instead of unpickling its own copy (~65 MiB of private
    memory per worker at national scale, measured). The store is closed again: no database
    connection crosses the fork. Whether an image was read (none for a server database, an
    empty store, or an image not current: each worker then opens or compiles its own)."""
    global _HERITEE
    store = Store(settings.db)
    try:
        path = image_path(store)
        if path is None or store.is_empty():
            return False
        with image.lock(path):
            got = image.read(path, image_key(store), verified=os.environ.get(IMAGE_VERIFIEE))
            if got is None:
                return False
            _HERITEE = (image.signature(path), got)
            return True
    finally:
        store.close()


def _heritee(path: Path, key: dict[str, Any]) -> image.Image | None:
    """The inherited image when it is the file now at `path`, compiled from `key`; taken once (an
    engine patches its arrays in place: a second engine of this process reads the file again)."""
    global _HERITEE
    if _HERITEE is None:
        return None
    signature, got = _HERITEE
    _HERITEE = None
    try:
        same = image.signature(path) == signature
    except OSError:
        return None
    if same and got.path == path and all(got.meta.get(k) == v for k, v in key.items()):
        return got
    return None


def prepare_image(settings: Settings) -> None:
    """Compile the offer image (when missing or stale) in a short-lived process before the
    workers start: they then all map it, and none keeps the compile's memory (the decoded offer,
    the build's arrays) in its heap. A worker still compiles it itself when it finds it stale.
    A valid image is recognised here, without starting that process (~1.5 s of imports).
    The signature of the file checked here is left in the environment (IMAGE_VERIFIEE) for the
    workers this process starts: they do not read the whole file again for its CRC."""
    import multiprocessing

    verifiee = _image_valid(str(settings.db))
    if verifiee is None:
        p = multiprocessing.get_context("spawn").Process(target=_prepare_image,
                                                          args=(str(settings.db),), name="ror-image")
        p.start()
        p.join()
        verifiee = _image_valid(str(settings.db))
    if verifiee:
        os.environ[IMAGE_VERIFIEE] = verifiee
    else:
        os.environ.pop(IMAGE_VERIFIEE, None)


def _image_valid(db: str) -> str | None:
    """The signature of the store's image when it is whole and current (header, size, CRC;
    nothing unpickled), "" when the store needs none; None when it is to be (re)compiled."""
    store = Store(db)
    try:
        path = image_path(store)
        if path is None or store.is_empty():
            return ""
        with image.lock(path):
            if not image.valid(path, image_key(store)):
                return None
            return image.signature(path)
    finally:
        store.close()


def _prepare_image(db: str) -> None:
    store = Store(db)
    try:
        path = image_path(store)
        if path is not None and not store.is_empty():
            with image.lock(path):
                key = image_key(store)
                if not image.valid(path, key):
                    write_image(store, path, key)
    finally:
        store.close()


def write_image(store: Store, path: Path, key: dict[str, Any] | None = None) -> dict[str, Any]:
    """Compile the store's offer into the image at `path`. The capacity feed position is read
    before the offer, so a worker mapping the image replays every update it may lack."""
    key = key or image_key(store)
    feed_id = store.capacite_last_id()
    offset = store.capacite_decalage()  # the figures' re-dating offset, kept with them
    t0 = time.perf_counter()
    engine = Engine.build(store.load_offre(offset=offset), nomenclatures=store.nomenclatures)
    # the text's concept index (from the reference tables, keyed by the fixtures) goes along
    concepts = ConceptIndex.build(store.nomenclatures)
    meta = {**key, "feed_id": feed_id, "decalage": offset, "units": len(engine.ids),
            "build_s": round(time.perf_counter() - t0, 2)}
    # and the territory (from the reference files too): a worker does not parse its CSV files
    state = {"engine": engine.image_state(), "concepts": concepts, "territoire": engine.territoire}
    meta["bytes"] = image.write(path, state, meta)
    log.info("offer image %s written: %s", path, meta)
    return meta


class Service:
    """What the routes call. Holds the store, this worker's engine and the reference tables."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        engine: Engine | None,
        nomenclatures: Nomenclatures,
        territoire: Territoire,
    ) -> None:
        self.settings = settings
        self.store = store
        self.engine = engine
        self.nomenclatures = nomenclatures
        self.territoire = territoire
        self.index: ConceptIndex | None = engine.index if engine is not None else None
        self._feed_id = store.capacite_last_id()
        self._communes: list[tuple[str, Commune]] | None = None
        self.started = time.time()
        self._saisie: Any | None = None
        self._publication_id = 0  # replaying a publication is harmless: it re-reads the store
        # unit id() → (the unit, what was asked, its bed figure): see `disponibilite`
        self._figures: dict[int, tuple[UniteOperationnelle, tuple[Demande, Fraicheur, bool],
                                       Disponibilite]] = {}
        self._fraicheurs: dict[Profil | None, Fraicheur] = {}

    @classmethod
    def open(
        cls, settings: Settings, store: Store | None = None, engine: Engine | None = None
    ) -> Service:
        store = store or Store(settings.db)
        feed_id = (
            store.capacite_last_id()
        )  # read before loading: replaying later updates is harmless
        from .store.edition import EditionStore

        publication_id = EditionStore(store).dernier_publication()
        index = None
        if engine is None and not store.is_empty():
            engine, index = build_engine(store, settings)
            if engine.image is not None:  # replay the capacity updates stored since its compile
                feed_id = min(feed_id, int(engine.image["feed_id"]))
        territoire = engine.territoire if engine is not None else default_territoire()
        service = cls(settings, store, engine, store.nomenclatures, territoire)
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
    def moteur(self) -> Engine:
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
        def ids(kind: str) -> list[str]:
            return [i for k, i in items if k == kind]

        if ids("ej"):
            offre.ej.update(self.store.get_many("ej", ids("ej")))
        if ids("eg"):
            offre.eg.update(self.store.get_many("eg", ids("eg")))
        if ids("oi"):
            offre.oi.update(self.store.get_many("oi", ids("oi")))
        uo_ids = {i for k, i in items if k == "uo"}
        for eg_id in {i for k, i in items if k == "eg"}:
            uo_ids.update(self.store.uo_ids_of_eg(eg_id))
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
        if DECALAGE in uo_ids:  # first, so the units read below are at the new offset
            for decalage in self.store.capacite_decalages(self._feed_id, last):
                self._decaler(decalage)
            uo_ids = [u for u in uo_ids if u != DECALAGE]
        for uo_id, uo in self.store.get_many("uo", uo_ids).items():
            self.engine.update_capacites(uo_id, uo.capacites, uo.lieux)
        self._feed_id = last
        return len(uo_ids)

    def _decaler(self, decalage: Decalage) -> None:
        """Every figure time of this worker's engine brought to the store's re-dating offset (a
        re-dated demo): the bed arrays by one offset, the units held in memory read again or
        moved."""
        engine = self.moteur()
        if decalage.decalage is None:  # a record of a release that rewrote the units
            secondes = decalage.secondes
            engine.decaler_capacites(secondes)
        else:
            secondes = engine.recaler_capacites(decalage.decalage)
        unites = engine.offre.uo
        if isinstance(unites, Fiches):
            unites.oublier()
            return
        if secondes:
            for uo in [u for u in unites.values() if u.capacites]:
                unites[uo.id] = decaler_unite(uo, secondes)

    def rechercher(self, requete: Requete, appelant: Appelant, now: datetime | None = None
                   ) -> Reponse:
        """A search narrowed to what `appelant` may see (counts, scores and cursor included)."""
        moteur = self.moteur()
        self.synchroniser()
        return moteur.search(restreindre(requete, appelant), now)

    def parcourir(self, requete: Requete, appelant: Appelant, page: int = 2000,
                  now: datetime | None = None
                  ) -> Iterator[Reponse]:
        """Every page of a search, in order (extractions): follows the engine's cursor."""
        moteur = self.moteur()
        self.synchroniser()
        requete = replace(restreindre(requete, appelant), limite=page, curseur=None,
                          expliquer=False)
        while True:
            reponse = moteur.search(requete, now)
            yield reponse
            if not reponse.curseur_suivant or not reponse.resultats:
                return
            requete = replace(requete, curseur=reponse.curseur_suivant)

    def classer(self, requete: Requete, appelant: Appelant, now: datetime | None = None
                ) -> tuple[list[tuple[str, float | None]], bool]:
        """Every unit a search matches for `appelant`, in order, with distances (no record read)."""
        moteur = self.moteur()
        self.synchroniser()
        return moteur.ordre(restreindre(requete, appelant), now)

    def unites(
        self, uo_ids: list[str]
    ) -> tuple[dict[str, UniteOperationnelle], dict[str, EntiteGeographique]]:
        """A page's units and their EGs in one batched lookup each (never one read per result)."""
        if self.engine is not None:
            return self.engine.offre.unites(uo_ids)
        uos = self.store.get_many("uo", uo_ids)
        egs = self.store.get_many("eg", {u.eg_id for u in uos.values()})
        return uos, egs

    def position(self, uo: UniteOperationnelle | None, eg: EntiteGeographique | None
                 ) -> tuple[float, float] | None:
        """Where the engine places a unit (what its distance is computed to): the coordinates to
        show beside that distance."""
        from .engine.distance import position

        if uo is None:
            return (eg.coordonnees.lat, eg.coordonnees.lon) if eg and eg.coordonnees else None
        territoire = self.engine.territoire if self.engine is not None else self.territoire
        lat, lon = position(uo, eg, territoire)
        return None if lat != lat or lon != lon else (lat, lon)  # NaN: nowhere known

    def suggerer(self, q: str, limit: int) -> list[Suggestion]:
        """Concepts for the search box, from the in-memory concept index (labels and synonyms)."""
        if self.index is None:
            raise RorError(
                "suggestions are not available: the store is empty", status=503, code="unavailable"
            )
        return list(self.index.suggest(q, limit))

    def voisinage(self, appelant: Appelant, uo_id: str, limit: int = 10) -> Voisinage:
        """A unit's alternatives from the offer graph, with the beds and distances the caller may
        see; units the caller may not see are left out, as everywhere else."""
        moteur = self.moteur()
        self.synchroniser()
        uo = moteur.offre.uo.get(uo_id)
        if uo is None or not appelant.voit_uo(uo):
            raise NotFoundError(f"uo: unknown unit {uo_id!r}", field="uo_id")
        graphe = alternatives(moteur.graph, uo_id, limit=limit)
        similar = tuple(s.uo_id for s in graphe.semblables)
        lits = moteur.lits_disponibles(list({*graphe.meme_site, *graphe.autres_sites, *similar}))
        here = moteur.position(uo_id)
        own = set(concepts_de(moteur.graph, uo_id))

        def proche(other_id: str) -> UniteProche | None:
            other = moteur.offre.uo.get(other_id)
            if other is None or not appelant.voit_uo(other):
                return None
            there = moteur.position(other_id)
            km = geodesic_km_geopy(*here, *there) if here and there else None
            shared = len(own.intersection(concepts_de(moteur.graph, other_id)))
            beds = lits.get(other_id) if voit_lits(appelant, other.eg_id) else None
            return UniteProche(other, moteur.offre.eg.get(other.eg_id), shared, km, beds)

        def seen(ids: tuple[str, ...]) -> list[UniteProche]:
            return [p for p in map(proche, ids) if p is not None]

        autres = sorted(seen(graphe.autres_sites), key=lambda p: (
            not p.lits_disponibles, p.distance_km if p.distance_km is not None else float("inf")))
        hints = [(c, moteur.libelle(c), k) for c, k in graphe.declares_par_semblables]
        return Voisinage(uo, seen(graphe.meme_site), autres,
                         seen(similar), hints)

    def chercher_libelles(self, q: str, limit: int) -> list[ConceptMatch]:
        """Nomenclature labels and synonyms holding the words anywhere, ranked by whoosh (BM25F,
        the one analyzer chain): what a prefix suggestion cannot find ("continue" in "Unité de
        surveillance continue"). The whoosh index is built on the first call (~1 s)."""
        if self.index is None:
            raise RorError(
                "label search is not available: the store is empty", status=503, code="unavailable"
            )
        return self.index.search(q, limit)

    def communes(self, q: str, limit: int) -> list[Commune]:
        """Communes whose folded name or postcode starts with `q` (a bisect over a sorted list), the
        one a person means first: an INSEE code or exact name, then the most populated."""
        if self._communes is None:
            keys = {(fold(n), c.insee): c for c in self.territoire.communes.values()
                    for n in {c.nom, c.libelle or c.nom}}
            keys |= {(code, c.insee): c for code, cs in self.territoire.by_postcode.items()
                     for c in cs}
            self._communes = sorted(((k, c) for (k, _), c in keys.items()),
                                    key=lambda k: (k[0], k[1].insee))
        needle = fold(q)
        if not needle:
            return []
        found: dict[str, Commune] = {}
        exact = self.territoire.communes.get(q.strip().upper())
        if exact is not None:  # an INSEE code, as a URL or a shared link keeps it
            found[exact.insee] = exact
        start = bisect.bisect_left(self._communes, needle, key=lambda k: k[0])
        for key, c in self._communes[start:]:
            if not key.startswith(needle):
                break
            found.setdefault(c.insee, c)
        return sorted(found.values(), key=lambda c: suggestion_rank(c, needle))[:limit]

    # -- what can take a patient now ------------------------------------------------------------
    def fraicheur(self, profil: Profil | None = None) -> Fraicheur:
        """Staleness horizons: the deployment's, or a search profile's for its result cards."""
        kept = self._fraicheurs.get(profil)
        if kept is not None:
            return kept
        libres = timedelta(minutes=self.settings.stale_after_minutes)
        if profil is not None and self.engine is not None:
            libres = self.engine.profils[Profil(profil)].stale_after
        f = Fraicheur(libres=libres,
                      installes=timedelta(days=self.settings.installed_stale_after_days))
        self._fraicheurs[profil] = f  # settings and profiles are fixed for the service's life
        return f

    def disponibilite(self, appelant: Appelant, uo: UniteOperationnelle, now: datetime,
                      demande: Demande | None = None, profil: Profil | None = None
                      ) -> Disponibilite:
        """The one bed figure, for this caller (free figures for full readers only).

        Kept per unit record (the same object while unchanged: a capacity update or a
        publication is a new one) and what is asked; a later call only ages the kept figure again
        (`vieillie`), every result line of every search asking. Not kept with a maximum age: which
        records count then depends on the clock."""
        demande = demande or Demande()
        fraicheur = self.fraicheur(profil)
        voit = voit_lits(appelant, uo.eg_id)
        if demande.age_max is not None:
            return disponibilite(uo, now, demande, fraicheur, voit)
        cle = (demande, fraicheur, voit)
        hit = self._figures.get(id(uo))
        if hit is not None and hit[0] is uo and hit[1] == cle:
            return vieillie(hit[2], now, fraicheur)
        d = disponibilite(uo, now, demande, fraicheur, voit)
        remember(self._figures, id(uo), (uo, cle, d), FIGURES_KEPT)
        return d

    def unite_visible(self, appelant: Appelant, uo_id: str, field: str = "uo_id"
                      ) -> UniteOperationnelle:
        """A unit the caller may see; one that does not exist or that it may not see raise the
        same 404 (same message, same field, after the same one read)."""
        try:
            uo = self.store.get_uo(uo_id)
        except NotFoundError:
            raise introuvable(uo_id, field) from None
        exiger_visible(appelant, uo, field)
        return uo

    def masquer_unites(self, appelant: Appelant, data: dict[str, Any]) -> dict[str, Any]:
        """A population answer (an EG's detail, the quality checks) without the units the caller
        may not see: their rows are dropped from the lists, the indicators still count them."""
        if appelant.regulation:
            return data
        lists: list[list[dict[str, Any]]] = [data.get("uo_non_comptees") or []]
        lists += [ligne.get("unites") or [] for ligne in data.get("lignes") or []]
        lists += [ex.get("ecarts") or [] for ex in data.get("exigences") or []]
        ids = {item["uo_id"] for items in lists for item in items if item.get("uo_id")}
        uos = self.store.get_many("uo", ids)
        hidden = {i for i in ids if i not in uos or not appelant.voit_uo(uos[i])}
        if not hidden:
            return data
        for items in lists:
            items[:] = [item for item in items if item.get("uo_id") not in hidden]
        return data

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
        self,
        appelant: Appelant,
        uo_id: str,
        caps: list[Capacite],
        prefix: str = "",
        verifier: Callable[[UniteOperationnelle], None] | None = None,
        lieu: int | str | None = None,
    ) -> UniteOperationnelle:
        """Store a unit's records (merged by key, kept in the history) then update this engine;
        `verifier` runs on the stored unit inside the store's write transaction (If-Match); `lieu`
        (rank or place id) writes one place of a unit with several — required then — and the
        unit's records become their sums."""
        self._valider(caps, prefix)
        field = f"{prefix}uo_id" if prefix else "uo_id"
        uo = self.unite_visible(appelant, uo_id, field)
        appelant.exiger_ecriture_capacites(uo.eg_id, field=field)
        try:
            uo = self.store.set_capacites(
                uo_id, caps, auteur=f"{appelant.nom}#{appelant.application_id}",
                verifier=verifier, lieu=lieu,
            )
        except RorError as exc:  # the place named (or not) in the caller's terms
            if prefix and exc.field == "lieu":
                exc.field = f"{prefix}lieu"
                exc.message = f"{prefix}{exc.message}"
                exc.args = (exc.message,)
            raise
        if self.engine is not None:
            self.engine.update_capacites(uo_id, uo.capacites, uo.lieux)
        return uo

    def set_capacites_lot(
        self,
        appelant: Appelant,
        items: list[tuple[str | None, str | None, list[Capacite]]],
        indexes: list[int] | None = None,
        lieux: list[str | None] | None = None,
    ) -> list[ResultatLot]:
        """A batch: each item in its own transaction, so one refused item leaves the others stored.
        `indexes` are the items' positions in the caller's batch (when some were refused before);
        `lieux` the place each item names (a unit with several places needs one)."""
        synchro = self.store.uo_ids_by_synchro([s for _u, s, _c in items if s is not None])
        if synchro:  # a synchronisation id of a unit the caller may not see resolves to nothing
            uos = self.store.get_many("uo", set(synchro.values()))
            synchro = {s: u for s, u in synchro.items()
                       if u in uos and appelant.voit_uo(uos[u])}
        out = []
        positions = indexes if indexes is not None else list(range(len(items)))
        places = lieux if lieux is not None else [None] * len(items)
        for i, (uo_id, sync_id, caps), lieu in zip(positions, items, places, strict=True):
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
                self.set_capacites(appelant, target, caps, prefix, lieu=lieu)
            except RorError as exc:
                out.append(ResultatLot(i, target, sync_id, exc.status, exc))
                continue
            out.append(ResultatLot(i, target, sync_id, 200))
        return out
