"""The orientation engine: a pipeline of named stages over arrays compiled from the offer graph.

parse → candidates (concept postings; the unit's own criteria on precomputed columns, then one
distance on the units they leave, cut by the radius) → text (concepts and names) → filters (beds,
opening: what the fallback relaxes) → scoring (pure functions, profile weights) → page (stable
cursor) — with the fallback around it and an explanation on every result shown. With free text the
radius comes first and the unit's own criteria join the filters (the text weighs each match
against the best ones around).
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import NotFoundError, ValidationError
from ..graphe import construction as gc
from ..graphe.compilation import Adjacence, contains_all
from ..horaires import PARIS, french_holidays, is_public_holiday, know_holidays
from ..index.acuite import besoin_aigu
from ..index.espaces import TABLE_KIND
from ..index.patient import patient_dit
from ..memo import remember
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import Capacite, Lieu, Offre, UniteOperationnelle
from ..requete import (
    Profil,
    Relachement,
    Reponse,
    Requete,
    Sexe,
    enfant_de,
)
from ..territoire import Territoire, default_territoire, fold
from . import lieu as lieux
from . import pagination, scoring
from .distance import BANDE_MIN, Bande, Comptes, Positions, geodesic_km, haversine_km, position
from .explication import Explications, Libelles, unit_concepts
from .filtres import Attributs, Codes
from .identifiants import Identifiants, Rows
from .lits import Dispo, Lits, age_minutes, from_ts, to_ts
from .ouverture import Ouverture
from .page import Page
from .patientele import Patientele
from .profils import PROFILS, Reglages
from .repli import Contraintes, etapes
from .signatures import Signatures
from .texte import Comprehension, Holders, Noms, actes_absents, comprendre, default_concept_index

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx

    from ..index import ConceptIndex

POSTING_KINDS = gc.CONCEPT_KINDS
# What an acute query (`index/acuite.py`) leaves out unless asked: champs SMR and médico-social,
# long stay (TRE_R244 249), mobile teams, téléexpertise and telephone regulation (TRE_R213).
AVAL_CHAMPS = ("02", "04")
AVAL_TYPES = ("249",)
DIFFERES_MODES = ("11", "35", "36", "37", "52", "53", "59")
RELATIVE_FLOOR = 0.5  # a text match below this share of the best relevance is dropped
SITE_RELEVANCE = 0.7  # a unit whose site, not the unit itself, meets every need of the text
SOFT_FLOOR = 0.6  # relevance kept by a unit that meets none of the soft groups ("enfant")
# Units meeting the text this much less well than the best ones rank after all of them: a
# concept the words name less specifically ("pneumothorax": thoracic surgery read first, emergency
# medicine after) never pushes the first one's units out by its beds, distance or opening.
READING_TIER = 0.95
# The head of an answer covers the senses the text may have: after the first unit, the best unit
# of each of the next HEAD_DEPTH readings within HEAD_RATIO of the best one ("choc septique":
# SAUV read first, intensive care a close second) — or of each other need met on the same site —
# so a reading a little off still puts a right unit in the first three.
HEAD_RATIO = 0.8
HEAD_DEPTH = 2
# What a need's kind of concept says about where to go, when some need of the text must be dropped.
KIND_INFORMATION: dict[str, float] = {"R210": 1.5, "R212": 1.5, "R245": 1.3, "R244": 1.2, "R243": 1.2,
                                      "R211": 1.0, "R213": 0.6, "R239": 0.6, "R240": 0.6, "R227": 0.4,
                                      "J55": 0.8}
MAX_GROUP_CONCEPTS = 12  # concepts of a need counted for its rarity (the best ones)
NAME_RELEVANCE = 0.3  # a unit found by its name only, when the text also names concepts
MODE, TYPE_OFFRE, TYPE_OFFRE_JDV, CHAMP = "R213", "R244", "J238", "R227"
CATEGORIE_EG = "J55"  # the FINESS category of a unit's EG (JDV_J55)
# What the offer image holds (engine/image.py): every array a search reads, with the objects
# around them; the rest (reference tables, concept index, profiles) is the deployment's.
IMAGE_PARTS = ("ids", "id_rank", "adj", "attrs", "pos", "pat", "sig", "lits", "ouv", "noms",
               "_code_rows")
ETAPES_KEPT = 256  # fallback step lists kept per engine (`Engine._etapes`)
N_VISIBLES_KEPT = 256  # visible-unit counts kept per engine (`Engine._n_visibles`), by rights
FERIES_ANS = 6  # years of public holidays an image carries from its compile's year on
SIGNATURE_TABLES_KEPT = 512  # per-query tables over the signatures (`Engine._signature_table`)


def patient_du_texte(req: Requete, texte: str) -> Requete:
    """`req` with the patient's age and sex its text states ("ma fille de 3 ans"), where it gives
    none: the patientèle and the bed figures by sex then select as for the fields."""
    if req.age is not None and req.sexe is not None:
        return req
    dit = patient_dit(texte)
    age = req.age if req.age is not None else dit.age
    sexe = req.sexe if req.sexe is not None else (Sexe(dit.sexe) if dit.sexe else None)
    return req if (age, sexe) == (req.age, req.sexe) else replace(req, age=age, sexe=sexe)


@dataclass(slots=True)
class _Plan:
    """A parsed query: everything the stages need, resolved once."""

    req: Requete
    reg: Reglages
    now: datetime  # aware UTC: bed ages, default opening instant
    instant: datetime  # aware Paris: the opening instant
    point: tuple[float, float] | None
    terre: str | None  # the patient's land (mainland, Corsica, an overseas département): no sea crossing
    natures: tuple[str, ...] | None  # None: each unit's own natures
    texte: Comprehension | None
    contraintes: Contraintes
    criteres: dict[tuple[Contraintes, bool], tuple[str, ...]] = field(default_factory=dict)
    # postings rows, once per query, and the concept when they are one concept's posting
    base: tuple[np.ndarray | None, str | None] | None = None
    base_latlon: tuple[np.ndarray, np.ndarray] | None = None
    # the rows free text alone can match and their coordinates, once per query ((None,) * 3:
    # too many for that to pay), or a mask over every row of those it can match (many of them)
    texte_base: tuple[np.ndarray, np.ndarray, np.ndarray] | tuple[None, None, None] | None = None
    texte_masque: np.ndarray | None = None
    # radius → survivors of the filters no fallback step relaxes: (rows, columns, counts)
    prefiltres: dict[float | None, tuple[np.ndarray, dict[str, np.ndarray], dict[str, int]]] = \
        field(default_factory=dict)
    dispos: dict[tuple[float | None, float | None], Dispo] = field(default_factory=dict)
    ouverts: dict[float | None, tuple[np.ndarray, bool]] = field(default_factory=dict)
    # constraints → their selection, and the radius whose one pass serves every rung of the
    # radius ladder (`Engine._one_pass_km`; 0.0: not decided yet, None: each radius its own)
    selections: dict[Contraintes, _Selection] = field(default_factory=dict)
    one_pass_km: float | None = 0.0
    # the posting band's latitude slice at that radius, found when deciding it: (km, i, j)
    tranche: tuple[float, int, int] | None = None
    texte_ignore: str | None = None  # a need of the text no unit meets with the others
    sites: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)  # EG → `unites_du_site`
    actes_absents: list[Relachement] = field(default_factory=list)  # acts met by their activities


@dataclass(slots=True)
class _Selection:
    rows: np.ndarray
    dist: np.ndarray  # haversine km (NaN without a point)
    relevance: np.ndarray | None  # text relevance (None without text)
    free: np.ndarray | None  # available beds for the patient (None: to compute for the score)
    ts: np.ndarray | None  # time of that figure's oldest record
    present: np.ndarray | None  # the unit has a figure at all
    etapes: dict[str, int]
    complete: bool
    # needs met on one site: per row, the first need (typed order) the unit meets itself
    sens: np.ndarray | None = None
    # open at the query's instant, when a step at this radius asked (the score reads it back)
    open: np.ndarray | None = None

    def subset(self, mask: np.ndarray) -> _Selection:
        """The rows of a wider selection that meet a narrower radius (counts say so)."""
        rows = self.rows[mask]
        et = {**self.etapes, "filters": len(rows)}
        # inline, not a helper per column: a SAMU query's fallback cuts two or three times
        return _Selection(rows, self.dist[mask],
                          None if self.relevance is None else self.relevance[mask],
                          None if self.free is None else self.free[mask],
                          None if self.ts is None else self.ts[mask],
                          None if self.present is None else self.present[mask], et,
                          self.complete, None if self.sens is None else self.sens[mask],
                          None if self.open is None else self.open[mask])

    def copy(self) -> _Selection:
        """The same rows with stage counts of its own (the scoring stage adds to them)."""
        return _Selection(self.rows, self.dist, self.relevance, self.free, self.ts, self.present,
                          dict(self.etapes), self.complete, self.sens, self.open)


EMPTY_ROWS = np.zeros(0, dtype=np.int32)
# Free text whose possible matches are at most 1/TEXT_ROWS_SHARE of the offer gets the radius on
# those rows only (the units around are counted, not listed): the fallback's widest step reads
# ~100,000 rows of the grid around a point nationally, "thrombolyse" can match 155 in all.
TEXT_ROWS_SHARE = 64
# More of them, up to 1/TEXT_MASK_SHARE of the offer: the grid cells around, narrowed to those
# rows by a mask before any distance ("EHPAD" can match 144,000 units, a third of the offer, but
# a quarter of the ~50,000 units within 50 km: the other three quarters need no haversine, no
# text nor per-unit check). Beyond, the mask would keep most rows: the cells are read whole.
TEXT_MASK_SHARE = 2
TEXT_CACHE_MIB = 32  # per engine: texts read, their concept groups' merged rows, their sites
# A query whose postings hold at most this many rows within the radius ladder's widest rung (their
# latitude slice) is read once at that rung, each narrower radius a threshold on its distances
# (`Engine._one_pass_km`): below it, a pass costs its ~50 numpy calls whatever its rows.
ONE_PASS_ROWS = 2048


class _Cache(dict[Any, Any]):
    """A dict bounded by the bytes of the arrays it holds, oldest entries out first."""

    def __init__(self, mib: float) -> None:
        super().__init__()
        self.budget = int(mib * 2**20)
        self.nbytes = 0

    def keep(self, key: Any, value: Any, nbytes: int) -> None:
        while self and self.nbytes + nbytes > self.budget:
            try:  # another thread may be trimming too
                _, (_, size) = self.popitem_oldest()
            except (RuntimeError, StopIteration, KeyError):
                self.clear()
                break
            self.nbytes -= size
        self[key] = (value, nbytes)
        self.nbytes += nbytes

    def popitem_oldest(self) -> tuple[Any, Any]:
        key = next(iter(self))
        return key, self.pop(key)

    def clear(self) -> None:
        super().clear()
        self.nbytes = 0

    def value(self, key: Any) -> Any:
        hit = self.get(key)
        return None if hit is None else hit[0]


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique` by a sort: numpy 2's hashing unique is ~15× slower on 150,000 mostly
    distinct rows (it wins on values that repeat, such as a group's EGs)."""
    if not len(values):
        return values
    values = np.sort(values)
    first = np.empty(len(values), dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def _flag_unique(codes: np.ndarray, n_codes: int) -> np.ndarray:
    """`np.unique` of small ints in [−1, n_codes) (a code column's values): one flag per code,
    where numpy 2's hashing unique costs milliseconds on 100,000 values."""
    flags = np.zeros(n_codes + 1, dtype=bool)
    flags[codes + 1] = True
    return (np.flatnonzero(flags) - 1).astype(codes.dtype)


def _warm() -> None:
    """One-time loads (pyproj, the holidays package and this year's and next year's French
    holidays) when the engine is made, not in the first query's time budget."""
    geodesic_km(0.0, 0.0, np.zeros(1), np.zeros(1))
    today = datetime.now(PARIS).date()
    is_public_holiday(today)
    is_public_holiday(today.replace(year=today.year + 1, day=1))


def _postings(offre: Offre, ids: Sequence[str]) -> Adjacence:
    """Concept → sorted unit rows: the offer graph's unit ↔ concept edges (`uo_concepts`, what
    `build_graph` links each unit to), collected from the units without building the graph."""
    lists: dict[str, list[int]] = {}
    for row, uo_id in enumerate(ids):
        for c in dict.fromkeys(gc.uo_concepts(offre.uo[uo_id])):  # a code may repeat (equipment)
            lists.setdefault(c, []).append(row)
    return Adjacence({c: np.asarray(rows, dtype=np.int32) for c, rows in lists.items()})


class Engine:
    """Build once from an `Offre`; search many times; patch one unit without a rebuild."""

    def __init__(self, offre: Offre, graph: nx.Graph | None, territoire: Territoire,
                 nomenclatures: Nomenclatures, index: ConceptIndex | None,
                 clock: Callable[[], float] = time.perf_counter,
                 profils: Mapping[Profil, Reglages] | None = None) -> None:
        self.offre = offre
        self.profils = dict(PROFILS if profils is None else profils)
        self._graph = graph
        self.territoire = territoire
        self.nomenclatures = nomenclatures
        self.index = index
        self.clock = clock
        self.ids = Identifiants.pack([])
        self.row_of: Rows = self.ids.rows
        # the rank of each row's id among all ids is its row until a unit is added after the
        # compile (ids are packed sorted): the page then orders by the rows, no gather needed
        self.rank_is_row = True
        self.build_s: dict[str, float] = {}
        self.image: dict[str, Any] | None = None  # the meta of the offer image it maps, if any
        # the store's re-dating offset its bed figures are at (the one its units were read with):
        # a re-dating says the store's new offset, so one already read is never applied twice
        self.decalage_capacites = 0
        # units with several places: id → number of places, and how far (km) the farthest located
        # one lies from the unit's position; computed on first use (`lieux_multiples`), then kept
        # in step by the updates
        self._multiples: dict[str, int] | None = None
        self._ecarts: dict[str, float] = {}
        self.libelle = Libelles(nomenclatures)
        # the texts every result of a query shares (its criteria, its aptitudes' labels), made
        # once for the queries that say the same (`explication.criteres_requete`), bounded
        self._criteres: dict[Any, tuple[str, ...]] = {}
        self._terres: lieux.Terres | None = None
        # per-query constants of the whole offer, dropped when a unit changes (not its beds)
        self._n_visibles: dict[tuple[bool, tuple[str, ...]], int] = {}
        # which units of the count grid a caller without an EG of their own may see (full read or not):
        # counted when the engine is made, again on first use after a unit changes
        self._cell_visibles: dict[bool, Comptes] = {}
        self._terre_luts: dict[tuple[str, int], np.ndarray] = {}
        self.sig = Signatures()
        # (public, age, land, combinations) → which signatures pass: the same few for most queries
        self._sig_tables: dict[tuple[bool, int | None, str | None, int], np.ndarray] = {}
        self._sig_declares: np.ndarray | None = None
        # the fallback's steps of each (constraints, radius ladder, placed or not): the same few
        # for most queries of a profile (~4 µs a step to build: a named tuple, a `Relachement`,
        # its texts), and immutable, so every query that falls back reads them
        self._etapes: dict[tuple[Contraintes, tuple[float, ...], bool],
                           tuple[tuple[tuple[Contraintes, Relachement], ...], ...]] = {}
        # the text's per-query constants: a function of the words (and the offer), not of the
        # place or the time, so the same text typed again (or read again by the fallback, the
        # explanations of each result) costs lookups; dropped when a unit changes
        self._textes = _Cache(TEXT_CACHE_MIB)  # ("texte"|"groupe"|"sites", key) → value
        self._sites: tuple[np.ndarray, np.ndarray] | None = None  # rows by EG, and their EGs

    # ----------------------------------------------------------------------------------- build
    @classmethod
    def build(cls, offre: Offre, index: ConceptIndex | None = None, *, territoire: Territoire | None = None,
              nomenclatures: Nomenclatures | None = None,
              profils: Mapping[Profil, Reglages] | None = None) -> Engine:
        """Arrays compiled from the units (the concept postings are the graph's unit ↔ concept
        edges, read from each unit), then the name index. The networkx graph is not built here:
        only the features that walk it (a unit's alternatives) build it, on first use. `index` is
        the text's ConceptIndex (None: the one over the shipped nomenclatures, built once);
        `profils` overrides the profiles' defaults (the deployment's stale threshold, say)."""
        t0 = time.perf_counter()
        territoire = territoire or default_territoire()
        t1 = time.perf_counter()
        eng = cls(offre, None, territoire, nomenclatures or default_nomenclatures(), index,
                  profils=profils)
        eng._compile()
        eng._count_cells()
        _warm()
        t2 = time.perf_counter()
        eng.build_s = {"graphe": t1 - t0, "tableaux": t2 - t1}
        return eng

    def image_state(self) -> dict[str, object]:
        """What the offer image stores (engine/image.py): the compiled arrays and the objects
        around them, with the SAMU bed columns (each sex, available now) computed first so every
        worker reads them from the image instead of computing its own."""
        req = Requete()
        for sexe in (None, *Sexe):
            self.lits.colonne(req.statut_lits, req.temporalite_lits, sexe, req.lits_supplementaires)
        year = datetime.now(PARIS).year
        # the public holidays around the compile: a worker reading them does not import `holidays`
        feries = french_holidays(range(year - 1, year + FERIES_ANS))
        return {**{k: getattr(self, k) for k in IMAGE_PARTS}, "feries": feries}

    @classmethod
    def from_image(cls, state: Mapping[str, object], offre: Offre, index: ConceptIndex | None = None,
                   *, territoire: Territoire | None = None,
                   nomenclatures: Nomenclatures | None = None,
                   profils: Mapping[Profil, Reglages] | None = None) -> Engine:
        """An engine over a loaded image's state (its arrays stay over the file's mapping) and
        `offre`, which must be the offer the image was compiled from."""
        t0 = time.perf_counter()
        eng = cls(offre, None, territoire or default_territoire(),
                  nomenclatures or default_nomenclatures(), index, profils=profils)
        missing = [k for k in IMAGE_PARTS if k not in state]
        if missing:
            raise ValueError(f"offer image: missing {', '.join(missing)}")
        for k in IMAGE_PARTS:
            setattr(eng, k, state[k])
        feries = state.get("feries")
        if isinstance(feries, dict):
            know_holidays(feries)
        eng.row_of = eng.ids.rows  # over the mapped ids: no dict per worker
        eng.rank_is_row = bool(np.array_equal(eng.id_rank, np.arange(len(eng.ids))))
        eng._count_cells()
        # the land a located search's point stands on is found from every commune, which an
        # image's territory makes from its columns when asked (~0.1 s): at open, not in the
        # first located search's budget
        eng._terres = lieux.Terres(eng.territoire)
        _warm()
        eng.build_s = {"image": time.perf_counter() - t0}
        return eng

    def _compile(self) -> None:
        self.ids = Identifiants.pack(sorted(self.offre.uo))
        self.row_of = self.ids.rows
        n = len(self.ids)
        self.id_rank = np.arange(n, dtype=np.int64)  # ids are sorted: rank == row
        self.rank_is_row = True
        self.adj = _postings(self.offre, self.ids)
        self.attrs = Attributs(n)
        self.pos = Positions(n)
        self.pat = Patientele(n)
        self.sig = Signatures(n)
        self.lits = Lits(n)
        self.ouv = Ouverture(n)
        units = [(self.offre.uo[u], self.offre.eg.get(self.offre.uo[u].eg_id)) for u in self.ids]
        self.attrs.fill(units, self.territoire)
        self.lits.fill([(u.capacites, u.mode_prise_en_charge) for u, _ in units])
        for row, (uo, eg) in enumerate(units):
            self.pos.lat[row], self.pos.lon[row] = position(uo, eg, self.territoire)
            self.pat.set(row, uo)
            self.ouv.set(row, uo.horaires)
        self.pos.index()
        self.sig.fill(self.attrs.public, self.pat.age_min, self.pat.age_max,
                      self.attrs.departement.values)
        for concept, rows in self.adj.postings.items():
            if len(rows) >= BANDE_MIN:
                self.pos.bandes[concept] = self.pos.bande(rows)
        self._code_rows: dict[str, np.ndarray] = {}
        self._index_code_rows()
        self.noms = Noms.build(self.offre, self.ids)
        if n:
            self._site_rows(0)  # the EG column sorted now, not in the first search that needs it

    @property
    def graph(self) -> nx.Graph:
        """The whole offer graph, built on first use (by the walks of a unit's alternatives),
        then kept in step by `update_uo`; searches never need it."""
        if self._graph is None:
            self._graph = gc.build_graph(self.offre.entiere(), self.territoire)
        return self._graph

    def _set_row(self, row: int, uo: UniteOperationnelle) -> None:
        eg = self.offre.eg.get(uo.eg_id)
        self.attrs.set(row, uo, eg, self.territoire)
        self.pos.set(row, position(uo, eg, self.territoire))
        self.pat.set(row, uo)
        self.sig.set(row, bool(self.attrs.public[row]), int(self.pat.age_min[row]),
                     int(self.pat.age_max[row]), int(self.attrs.departement.values[row]))
        self.lits.set(row, uo.capacites, uo.mode_prise_en_charge)
        self.ouv.set(row, uo.horaires)

    # ---------------------------------------------------------------------------------- update
    def update_uo(self, uo: UniteOperationnelle) -> None:
        """Replace (or add) one unit: postings, every array row and the graph's edges (when it
        was built), in place."""
        row = self.row_of.get(uo.id)
        # the unit's concepts as compiled (not its record: a store-backed offer may already hold
        # the new one)
        old = self.adj.concepts_of(row) if row is not None else set()
        self.offre.uo[uo.id] = uo
        if self._graph is not None:
            gc.update_uo(self._graph, uo, self.offre)
        if row is None:
            row = self._add_row(uo.id)
        new = set(gc.uo_concepts(uo))
        self.adj.set_unit(row, old, new)
        self._set_row(row, uo)
        bandes = self.pos.bandes
        for concept in {*old, *new}:  # its row moved in or out of them, or its position changed
            if concept in bandes:
                bandes[concept] = self.pos.patch_bande(bandes[concept], row, concept in new)
        self._code_rows.clear()
        self._n_visibles.clear()
        self._cell_visibles.clear()
        self._textes.clear()
        self._sites = None
        eg = self.offre.eg.get(uo.eg_id)
        self.noms.set(row, (uo.nom, eg.nom, eg.adresse.localite or "") if eg else (uo.nom,))
        self._set_ecart(uo)

    def lieux_multiples(self) -> dict[str, int]:
        """The units with several places (id → how many): a search for places lists the others
        without reading every unit. The first call walks the offer once; updates keep it."""
        if self._multiples is None:
            self._multiples = {}
            for uo in self.offre.uo.values():
                self._set_ecart(uo)
        return self._multiples

    def ecart_lieux_km(self) -> float:
        """How far the farthest place of a unit with several lies from that unit's position (what
        a radius search measures): a search for places widens its radius by it."""
        self.lieux_multiples()
        return max(self._ecarts.values(), default=0.0)

    def _set_ecart(self, uo: UniteOperationnelle) -> None:
        if self._multiples is None:
            return
        self._ecarts.pop(uo.id, None)
        self._multiples.pop(uo.id, None)
        if len(uo.lieux) <= 1:
            return
        self._multiples[uo.id] = len(uo.lieux)
        centre = self.position(uo.id)
        coords = [(x.coordonnees.lat, x.coordonnees.lon) for x in uo.lieux if x.coordonnees]
        if centre is None or not coords:
            return
        d = haversine_km(centre[0], centre[1], np.asarray([c[0] for c in coords]),
                         np.asarray([c[1] for c in coords]))
        self._ecarts[uo.id] = float(d.max())

    def update_capacites(self, uo_id: str, capacites: tuple[Capacite, ...] | list[Capacite],
                         places: tuple[Lieu, ...] | None = None) -> None:
        """New bed figures for one unit (and, given, its places' own): only its row of the bed
        arrays changes."""
        row = self.row_of.get(uo_id)
        if row is None:
            raise NotFoundError(f"uo: unknown unit {uo_id!r}", field="uo_id")
        uo = replace(self.offre.uo[uo_id], capacites=tuple(capacites))
        if places is not None:
            uo = replace(uo, lieux=places)
        self.offre.uo[uo_id] = uo
        self.lits.set(row, uo.capacites, uo.mode_prise_en_charge)
        if places is not None:
            self._set_ecart(uo)

    def decaler_capacites(self, secondes: int) -> None:
        """Every bed figure's time moved `secondes` forward (a store of an earlier release
        re-dated by rewriting its units): one offset on the bed arrays; the units' records are
        the caller's to read again."""
        self.lits.decaler(secondes)

    def recaler_capacites(self, decalage: int) -> int:
        """Bring the bed figures to the store's re-dating offset `decalage` (absolute), by one
        offset on the bed arrays. Returns the seconds they moved (0: already there); the units'
        records are the caller's to read again."""
        delta = decalage - self.decalage_capacites
        if delta:
            self.lits.decaler(delta)
        self.decalage_capacites = decalage
        return delta

    def _add_row(self, uo_id: str) -> int:
        row = self.ids.append(uo_id)
        n = row + 1
        for table in (self.attrs, self.pos, self.pat, self.sig, self.lits, self.ouv):
            table.grow(n)
        order = np.argsort(np.asarray(self.ids, dtype=object), kind="stable")
        self.id_rank = np.empty(n, dtype=np.int64)
        self.id_rank[order] = np.arange(n)
        self.rank_is_row = bool(np.array_equal(self.id_rank, np.arange(n)))
        return row

    # ------------------------------------------------------------------------------ per unit
    def position(self, uo_id: str) -> tuple[float, float] | None:
        """Where the engine places a unit (its site, else its commune), None when unknown."""
        row = self.row_of.get(uo_id)
        if row is None or np.isnan(self.pos.lat[row]) or np.isnan(self.pos.lon[row]):
            return None
        return float(self.pos.lat[row]), float(self.pos.lon[row])

    def lits_disponibles(self, uo_ids: list[str], now: datetime | None = None) -> dict[str, int]:
        """Beds available now for an adult of either sex, as a SAMU search counts them, per unit."""
        known = [u for u in uo_ids if u in self.row_of]
        rows = np.asarray([self.row_of[u] for u in known], dtype=np.int64)
        # each unit's own natures, available now (plus crisis extra beds), any sex: `disponibilite`
        dispo = self.lits.disponibles(rows, None, "02", "01", None,
                                      to_ts(now or datetime.now(UTC)), None)
        return {u: int(f) for u, f in zip(known, dispo.free.tolist(), strict=True)}

    # ---------------------------------------------------------------------------------- search
    def search(self, req: Requete, now: datetime | None = None) -> Reponse:
        t0 = self.clock()
        deadline = t0 + req.budget_ms / 1000.0
        limite = self.profils[Profil(req.profil)].page if req.limite is None else req.limite
        if limite < 1:
            raise ValidationError("limite: must be at least 1", field="limite")
        cursor = pagination.decode(req.curseur, req) if req.curseur else None
        plan, sel, relachements, tronque, scores, parts, extra = self._rank(
            req, now, cursor, deadline)
        ranks = sel.rows if self.rank_is_row else self.id_rank[sel.rows]
        after: np.ndarray | None = None
        if cursor is not None:
            after = np.flatnonzero(pagination.after(scores, ranks, cursor.score,
                                                    self._rank_of(cursor.uo_id)))
        # the page only: the rows after the cursor are counted, not all sorted
        page = pagination.first(scores, ranks, limite, after)
        more = (len(scores) if after is None else len(after)) > limite
        over = self.clock() > deadline
        shown = sel.dist[page]
        if plan.point is not None and len(page):  # the geodesic, over budget too: a figure shown
            rows = sel.rows[page]                 # never depends on the machine's load (~20 µs)
            shown = geodesic_km(plan.point[0], plan.point[1], self.pos.lat[rows], self.pos.lon[rows])
        lignes = self._page(plan, sel, scores, parts, extra, page, shown)
        sel.etapes["page"] = len(lignes)
        nxt = None
        if more and len(lignes):
            nxt = pagination.encode(pagination.Curseur(float(scores[page[-1]]), lignes.uo_ids[-1],
                                                       plan.now, pagination.query_hash(req)))
        non_compris, proches = self._non_compris(plan, bool(len(lignes)))
        return Reponse(page=lignes, total=len(sel.rows), curseur_suivant=nxt,
                       relachements=tuple(relachements), tronque=tronque or over,
                       etapes=sel.etapes, duree_ms=(self.clock() - t0) * 1000.0,
                       concepts=plan.texte.concepts if plan.texte else (),
                       non_compris=non_compris, vouliez_vous_dire=proches)

    def _rank(self, req: Requete, now: datetime | None, cursor: pagination.Curseur | None,
              deadline: float) -> tuple[_Plan, _Selection, list[Relachement], bool, np.ndarray,
                                        dict[str, tuple[float, np.ndarray]],
                                        dict[str, np.ndarray]]:
        """Selection, fallback and scoring: every matching row and its score."""
        plan = self._parse(req, now, cursor)
        sel = self._select(plan, deadline)
        relachements: list[Relachement] = []
        tronque = not sel.complete
        if not len(sel.rows) and req.elargir:
            sel, tronque = self._repli(plan, sel, relachements, deadline, tronque)
        if plan.texte_ignore is not None:
            relachements.insert(0, Relachement("texte", f"« {plan.req.texte} »",
                                               f"sans « {plan.texte_ignore} »"))
        relachements[:0] = plan.actes_absents
        scores, parts, extra = self._score(plan, sel)
        sel.etapes["scoring"] = len(sel.rows)
        return plan, sel, relachements, tronque, scores, parts, extra

    def ordre(self, req: Requete, now: datetime | None = None
              ) -> tuple[list[tuple[str, float | None]], bool]:
        """Every unit a search matches, in its answer's order, with its distance, and whether the
        engine ran out of time — without reading any unit's record (walks such as FHIR searches
        read only the page they serve)."""
        deadline = self.clock() + req.budget_ms / 1000.0
        plan, sel, _rel, tronque, scores, _p, _e = self._rank(
            replace(req, curseur=None, expliquer=False), now, None, deadline)
        order = pagination.order(scores, self.id_rank[sel.rows])
        rows = sel.rows[order]
        km: list[float | None] = [None] * len(rows)
        if plan.point is not None and len(rows):
            km = [float(d) for d in geodesic_km(plan.point[0], plan.point[1],
                                                self.pos.lat[rows], self.pos.lon[rows])]
        ids = self.ids
        return ([(ids[int(r)], None if d is None or np.isnan(d) else d)
                 for r, d in zip(rows, km, strict=True)],
                tronque or self.clock() > deadline)

    def _non_compris(self, plan: _Plan, found: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Honest "nothing": the words nothing explained, and when some were not understood or
        nothing was found, the closest concepts in words with their kind."""
        t = plan.texte
        if t is None or (found and not t.non_compris):
            return (), ()
        index = self._concept_index()
        if index is None:
            return t.non_compris, ()
        words = list(t.non_compris) or [w for w in (plan.req.texte or "").split() if len(w) > 2]
        proches = index.proches(words)
        if not proches and not found:
            proches = [m for g in index.resolve(plan.req.texte).groupes for m in g.matches[:2]]
        return t.non_compris, tuple(
            f"{m.label} ({TABLE_KIND.get(m.concept.split(':', 1)[0], 'critère')})" for m in proches[:5])

    def _repli(self, plan: _Plan, sel: _Selection, relachements: list[Relachement],
               deadline: float, tronque: bool) -> tuple[_Selection, bool]:
        """The fallback. Every other filter is independent of the radius, so the radius ladder
        is run once at its widest step, then each step is a cut of those distances; the other
        relaxations, in order until something matches, are thresholds on the bed and opening
        figures that pass read (`_filter`): only the step that finds units is selected."""
        key = (plan.contraintes, plan.reg.rayons_km, plan.point is not None)
        hit = self._etapes.get(key)
        if hit is None:
            steps = tuple(etapes(*key))
            n = sum(st[1].critere == "rayon_km" for st in steps)
            hit = remember(self._etapes, key, (steps[:n], steps[n:]), ETAPES_KEPT)
        ladder, others = hit
        if ladder:
            plan.contraintes = ladder[-1][0]
            wide = self._select(plan, deadline)
            tronque = tronque or not wide.complete
            sel = wide
            for contraintes, rel in ladder:
                relachements.append(rel)
                mask = wide.dist <= contraintes.rayon_km
                if mask.any():
                    plan.contraintes = contraintes
                    sel = wide.subset(mask)
                    return sel, tronque
        last = len(others) - 1
        for i, (contraintes, rel) in enumerate(others):
            if self.clock() > deadline:
                return sel, True
            relachements.append(rel)
            plan.contraintes = contraintes
            if i < last:  # a step that finds nothing costs its mask, not a selection
                found, complete = self._trouve(plan, contraintes, deadline)
                tronque = tronque or not complete
                if not found:
                    continue
            sel = self._select(plan, deadline)
            tronque = tronque or not sel.complete
            if len(sel.rows):
                break
        return sel, tronque

    def _rank_of(self, uo_id: str) -> float:
        row = self.row_of.get(uo_id)
        if row is not None:
            return float(self.id_rank[row])
        ordered = sorted(self.ids)
        return bisect.bisect_left(ordered, uo_id) - 0.5

    # ----------------------------------------------------------------------------------- parse
    def _parse(self, req: Requete, now: datetime | None, cursor: pagination.Curseur | None) -> _Plan:
        reg = self.profils[Profil(req.profil)]
        if cursor is not None:
            now = cursor.instant
        now = now or datetime.now(UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=PARIS)
        now = now.astimezone(UTC)
        instant = req.ouvert_a or now
        instant = (instant.replace(tzinfo=PARIS) if instant.tzinfo is None else instant).astimezone(PARIS)
        ouvert = req.ouvert_a is not None or (
            reg.ouvert_maintenant if req.ouvert_maintenant is None else req.ouvert_maintenant)
        point = lieux.resolve(req.lieu, self.territoire) if req.lieu is not None else None
        if req.rayon_km is not None and req.rayon_km <= 0:
            raise ValidationError("rayon_km: must be positive", field="rayon_km")
        natures = (req.nature_lits,) if req.nature_lits else None
        rayon = req.rayon_km if point else None
        terre = None
        if point is not None and not req.national and req.lieu is not None:
            if rayon is None:
                rayon = reg.rayon_defaut_km
            if self._terres is None:
                self._terres = lieux.Terres(self.territoire)
            terre = lieux.terre(req.lieu, self.territoire, self._terres)
        texte = None
        if req.texte and req.texte.strip():
            ecrit = req.texte
            req = patient_du_texte(req, ecrit)
            texte = self._comprendre(ecrit, enfant_de(req.age), str(req.profil))
            texte, absents = actes_absents(texte, lambda c: len(self._concept_rows(c)),
                                           self._concept_index().activites_liees,
                                           self._concept_index().lecture,
                                           self._concept_index().generaux)
        plan = _Plan(req, reg, now, instant, point, terre, natures, texte,
                     Contraintes(rayon, req.age_max_lits, req.lits_min, ouvert))
        if texte is not None:
            plan.actes_absents = [Relachement(
                "texte", f"« {mots} » : aucune unité ne le déclare",
                "unités de " + ", ".join(self.libelle(a) for a in activites[:3]))
                for mots, activites in absents]
        return plan

    def _comprendre(self, texte: str, enfant: bool | None, profil: str | None = None) -> Comprehension:
        """`comprendre`, once per (text, child, profile) until a unit changes: the reading depends
        on the words, who asks (an acronym's sense), the concept index and the names only."""
        key = ("texte", texte, enfant, profil)
        hit: Comprehension | None = self._textes.value(key)
        if hit is None:
            hit = comprendre(texte, self._concept_index(), self.noms, enfant=enfant, profil=profil)
            size = len(texte) + 256 + hit.noms.nbytes + (0 if hit.restants is None else hit.restants.nbytes)
            self._textes.keep(key, hit, size)
        return hit

    def _concept_index(self) -> ConceptIndex:
        """The text's concept index: the one given at build, else the shipped one (built once)."""
        if self.index is None:
            self.index = default_concept_index()
        return self.index

    # ------------------------------------------------------------------------------ candidates
    def _select(self, plan: _Plan, deadline: float) -> _Selection:
        """Candidates and filters for the current constraints, once per constraints. When one
        pass at the radius ladder's widest rung costs about what a pass at the query's radius
        does (`_one_pass_km`), a narrower radius is a threshold on that pass's distances: a
        query the fallback widens reads the candidates once, not once per radius."""
        c = plan.contraintes
        hit = plan.selections.get(c)
        if hit is None:
            wide = self._one_pass_km(plan)
            if wide is not None and c.rayon_km is not None and c.rayon_km < wide:
                whole = self._select_at(plan, Contraintes(wide, c.age_max_lits, c.lits_min,
                                                          c.ouvert_requis), deadline)
                pre = plan.prefiltres[wide][1]["dist"] <= c.rayon_km
                n = int(np.count_nonzero(pre))  # the stage counts of a pass at this radius
                hit = plan.selections[c] = whole.subset(whole.dist <= c.rayon_km)
                hit.etapes.update(candidates=n, text=n)
            else:
                hit = self._select_at(plan, c, deadline)  # kept there
        return hit.copy()

    def _select_at(self, plan: _Plan, c: Contraintes, deadline: float) -> _Selection:
        """`_select` by a pass at `c`'s own radius. Everything up to the bed and opening filters
        depends on the radius only, so fallback steps at the same radius reuse it."""
        hit = plan.selections.get(c)
        if hit is not None:
            return hit
        rows, cols, counts = self._prefiltre(plan, c.rayon_km)
        et: dict[str, int] = {"parse": self._n_visible(plan.req), **counts}
        rows, cols, complete = self._filter(plan, c, rows, dict(cols), deadline)
        et["filters"] = len(rows)
        hit = plan.selections[c] = _Selection(
            rows, cols["dist"], cols.get("rel"), cols.get("free"), cols.get("ts"),
            cols.get("present"), et, complete, cols.get("sens"), cols.get("open"))
        return hit

    def _prefiltre(self, plan: _Plan, rayon_km: float | None
                   ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, int]]:
        """`_prefilter` at a radius, once per query."""
        pre = plan.prefiltres.get(rayon_km)
        if pre is None:
            pre = plan.prefiltres[rayon_km] = self._prefilter(plan, rayon_km)
        return pre

    def _trouve(self, plan: _Plan, c: Contraintes, deadline: float) -> tuple[bool, bool]:
        """Whether a pass at `c` finds a unit, and whether it read every opening, without
        making its selection (a fallback step that finds nothing)."""
        hit = plan.selections.get(c)
        if hit is not None:
            return bool(len(hit.rows)), hit.complete
        rows = self._prefiltre(plan, c.rayon_km)[0]
        mask, _, complete = self._masque(plan, c, rows, deadline)
        return bool(mask.any()), complete

    def _one_pass_km(self, plan: _Plan) -> float | None:
        """The radius ladder's widest rung when one pass there serves every rung: a query with a
        point, a radius and a fallback, without free text (its relative floor compares a unit
        with the matches around, so each radius reads its own), whose candidates within that
        rung are few (the rows of its postings' latitude slice: the cost of a pass is then its
        numpy calls, not its rows). None: each radius gets its own pass."""
        if plan.one_pass_km != 0.0:
            return plan.one_pass_km
        plan.one_pass_km = None
        c, req = plan.contraintes, plan.req
        widest = max(plan.reg.rayons_km, default=0.0)
        if plan.texte is not None or plan.point is None or c.rayon_km is None \
                or not req.elargir or widest <= c.rayon_km:
            return None
        if plan.base is None:
            plan.base = (self._postings_rows(req), self._seul_concept(req))
        rows, concept = plan.base
        if rows is None:  # the grid cells around: tens of thousands of rows at the widest rung
            return None
        bande = self._bande(concept) if concept is not None else None
        if bande is None:
            n = len(rows)
        else:
            i, j = self.pos.slice_of(bande, plan.point[0], widest)
            plan.tranche, n = (widest, i, j), j - i
        if n <= ONE_PASS_ROWS:
            plan.one_pass_km = widest
        return plan.one_pass_km

    def _n_visible(self, req: Requete) -> int:
        """Units the caller may see at all (the first stage count): never one it may not. The
        same for every query of the same rights, so counted once until a unit changes."""
        if req.voir_sensibles:
            return len(self.ids)
        key = (False, tuple(req.eg_visibles))
        hit = self._n_visibles.get(key)
        if hit is None:
            n = int(self.attrs.visible(np.arange(len(self.ids)), False, req.eg_visibles).sum())
            hit = remember(self._n_visibles, key, n, N_VISIBLES_KEPT)
        return hit

    def _prefilter(self, plan: _Plan, rayon_km: float | None
                   ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, int]]:
        """Postings, radius, text and the filters no fallback step relaxes; the rows and their
        columns (haversine distance, text relevance) aligned with them, and the stage counts."""
        req = plan.req
        a = self.attrs
        if plan.base is None:  # concept postings: the same for every fallback step
            plan.base = (self._postings_rows(req), self._seul_concept(req))
        rows: np.ndarray | None = plan.base[0]
        if plan.texte is None:
            return self._prefilter_units(plan, rows, rayon_km)
        dist = None
        n_candidates: int | None = None
        if plan.point is not None and rayon_km is not None:
            # free text: the radius first (the text's relative floor compares a unit with the
            # best matches around, whatever the other criteria), on the text's own rows when
            # they are few, else on the postings' rows or the grid cells it touches; the
            # distances of many rows are left for the few the text keeps
            lat, lon = plan.point
            bande = self._bande(plan.base[1]) if plan.base[1] is not None else None
            if rows is None:
                rows, dist, n_candidates = self._text_within(plan, lat, lon, rayon_km)
                if rows is None:  # every visible unit around is counted: all are placed
                    rows = self.pos.near(lat, lon, rayon_km)
                    rows = rows[self.pos.inside(rows, lat, lon, rayon_km)]
            elif bande is not None:  # one posting: a latitude slice, no gather
                rows, dist = self.pos.within_bande(bande, lat, lon, rayon_km)
            else:
                if plan.base_latlon is None:
                    plan.base_latlon = (self.pos.lat[rows], self.pos.lon[rows])
                idx, dist = self.pos.within_index(*plan.base_latlon, lat, lon, rayon_km)
                rows = rows[idx]
        if rows is None:
            rows = np.arange(len(self.ids), dtype=np.int32)
        # what the caller may not see goes first, so no stage count includes it
        shown = a.visible(rows, req.voir_sensibles, req.eg_visibles)
        kept: np.ndarray = rows[shown]
        if dist is not None:
            dist = dist[shown]
        counts = {"candidates": len(kept) if n_candidates is None else n_candidates}
        cols: dict[str, np.ndarray] = {} if dist is None else {"dist": dist}
        keep, cols["rel"], sens = self._text_or_less(plan, kept)
        if sens is not None:
            cols["sens"] = sens
        kept = kept[keep]
        if dist is not None:
            cols["dist"] = dist[keep]
        counts["text"] = len(kept)

        def keep_rows(mask: np.ndarray) -> None:
            nonlocal kept
            kept = kept[mask]
            for k in cols:
                cols[k] = cols[k][mask]

        if plan.texte.groupes and not (req.champs or req.modes or req.categories_organisation):
            ecartes = self._differes(plan, kept, cols["rel"])
            if ecartes is not None:
                keep_rows(~ecartes)
        keep_rows(self._per_unit(plan, kept, visible=False))
        if "dist" not in cols:
            cols["dist"] = (np.full(len(kept), np.nan) if plan.point is None
                            else self.pos.distances(kept, *plan.point))
        return kept, cols, counts

    def _differes(self, plan: _Plan, rows: np.ndarray, rel: np.ndarray) -> np.ndarray | None:
        """The deferred care a text search leaves out of `rows` (`rel`: their text relevance):
        rehabilitation, long stay, the medico-social sector, remote or mobile teams. For an acute
        need (`acuite.besoin_aigu`: the regulator's every need, the app's when the text reads
        acute care first), all of them unless that is all the text matches ("SMR", "SMUR": then
        the text asks for it). For the app's other needs, those that meet the text less well than
        its best units: "AVC" keeps no SMR whose thrombolysis reading comes second, "EHPAD" or a
        CSAPA read first stay. None: none left out."""
        req, a = plan.req, self.attrs
        if req.profil not in (Profil.SAMU, Profil.MOBILE) or not len(rows):
            return None
        differe: np.ndarray = (a.champ.isin(rows, AVAL_CHAMPS) | a.categorie.isin(rows, AVAL_TYPES)
                               | a.mode.isin(rows, DIFFERES_MODES))
        if differe.all() or not differe.any():
            return None
        t = plan.texte
        assert t is not None
        if besoin_aigu(req.profil, t.groupes, t.souples, self._concept_index().urgent):
            return differe
        return differe & (rel < READING_TIER * float(rel.max()))

    def _prefilter_units(self, plan: _Plan, rows: np.ndarray | None, rayon_km: float | None
                         ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, int]]:
        """Without free text, the cheap order: the per-unit checks (`_per_unit`: gathers of
        precomputed columns) on the rows of the radius' box (a posting's latitude slice, the
        postings' coordinates, or the grid cells), then one haversine on the units they left,
        which the radius cuts. The stage count `candidates` is what is left after both."""
        def keep(r: np.ndarray) -> np.ndarray:
            return self._per_unit(plan, r)

        dist: np.ndarray
        if plan.point is not None and rayon_km is not None:
            lat, lon = plan.point
            bande = self._bande(plan.base[1]) if plan.base and plan.base[1] is not None else None
            if rows is None:
                rows, dist = self.pos.within(self.pos.near(lat, lon, rayon_km), lat, lon,
                                             rayon_km, keep)
            elif bande is not None:  # one posting: a latitude slice, no gather
                t = plan.tranche
                rows, dist = self.pos.within_bande(
                    bande, lat, lon, rayon_km, keep,
                    (t[1], t[2]) if t is not None and t[0] == rayon_km else None)
            else:  # the postings' coordinates, gathered once per query
                if plan.base_latlon is None:
                    plan.base_latlon = (self.pos.lat[rows], self.pos.lon[rows])
                base = rows
                idx, dist = self.pos.within_index(*plan.base_latlon, lat, lon, rayon_km,
                                                  lambda i: keep(base[i]))
                rows = rows[idx]
        else:
            if rows is None:
                rows = np.arange(len(self.ids), dtype=np.int32)
            rows = rows[keep(rows)]
            dist = (np.full(len(rows), np.nan) if plan.point is None
                    else self.pos.distances(rows, *plan.point))
        return rows, {"dist": dist}, {"candidates": len(rows), "text": len(rows)}

    def _per_unit(self, plan: _Plan, rows: np.ndarray, visible: bool = True) -> np.ndarray:
        """Which of `rows` meet the criteria of the unit itself that no fallback step relaxes:
        visible to the caller (when `visible`), its codes (champ, mode, type d'offre, region,
        département, EG), age, equipment weight, crisis, the patient's land — each a gather of
        a precomputed column and an `&` on one mask (the candidates are at most a few thousand:
        a check costs its numpy calls, so none narrows the rows of the next), what any caller
        sees, the age and the land one gather of the rows' signatures (`engine/signatures.py`);
        only the weights of the equipment, read unit by unit, are read on the rows the others
        left."""
        req, a = plan.req, self.attrs
        public = visible and not (req.voir_sensibles or req.eg_visibles)
        mask: np.ndarray
        if public or req.age is not None or plan.terre is not None:
            mask = self._signature_table(public, req.age, plan.terre)[self.sig.of_row[rows]]
        else:
            mask = np.ones(len(rows), dtype=bool)
        if visible and not public:
            mask &= a.visible(rows, req.voir_sensibles, req.eg_visibles)
        if req.champs or req.modes or req.categories_organisation or req.regions \
                or req.departements or req.eg_ids:  # none in a SAMU query: no tuple to walk
            for values, col in ((req.champs, a.champ), (req.modes, a.mode),
                                (req.categories_organisation, a.categorie),
                                (req.regions, a.region), (req.departements, a.departement),
                                (req.eg_ids, a.eg)):
                if values:
                    mask &= col.isin(rows, values)
        if req.en_crise is not None:
            mask &= self._eg_en_crise(rows) == req.en_crise
        if req.poids_min_kg is not None:
            left = np.flatnonzero(mask)
            mask[left] = a.weight_ok(rows[left], req.poids_min_kg, req.equipements)
        return mask

    def _text_within(self, plan: _Plan, lat: float, lon: float, km: float
                     ) -> tuple[np.ndarray | None, np.ndarray | None, int | None]:
        """Free text alone (no aptitude postings): the rows it can match at all within the
        radius, with their distances (None: for the few rows the text keeps to compute), and how
        many units the caller may see are within it (the stage count, counted without listing
        them): few rows are read by their own coordinates, more through the grid cells around
        and a mask of them (`_text_mask`). (None, None, None) when the text may match too many
        rows for this to beat reading the grid cells whole."""
        if plan.texte_base is None:
            assert plan.texte is not None
            enfant = enfant_de(plan.req.age)
            key = (plan.req.texte, enfant)
            found = self._text_rows(plan.texte, key)
            plan.texte_base = (None, None, None) if found is None else (
                found, self.pos.lat[found], self.pos.lon[found])
            if found is None:
                plan.texte_masque = self._text_mask(plan.texte, key)
        found, la, lo = plan.texte_base
        masque = plan.texte_masque
        if found is not None and la is not None and lo is not None:
            idx, dist = self.pos.within_index(la, lo, lat, lon, km)
            rows = found[idx]
        elif masque is not None:  # the mask first: a byte per row read, not two coordinates
            near = self.pos.near(lat, lon, km)
            rows, dist = self._text_inside(plan, near[masque[near]], lat, lon, km), None
        else:
            return None, None, None
        req = plan.req
        counts = None
        if not req.eg_visibles:  # the cells wholly inside are read from the per-cell figures
            counts = self._visible_cells(req.voir_sensibles)
        n = self.pos.count_within(lat, lon, km, lambda r: self.attrs.visible(
            r, req.voir_sensibles, req.eg_visibles), counts)
        return rows, dist, n

    def _text_inside(self, plan: _Plan, rows: np.ndarray, lat: float, lon: float, km: float
                     ) -> np.ndarray:
        """Those of `rows` within the radius that the text may keep. A text read as one need
        kept as levels (`Holders`), with no soft group nor unexplained words, keeps only the
        units whose confidence reaches RELATIVE_FLOOR of the best one around (a name match
        counts below that): the strongest level with a visible unit within the radius is found
        first, then only the rows at or above half of it are placed — "maternité" reads the MCO
        field at 0.18 among 17 concepts, 30,000 rows around a town, of which the obstetric
        units' few hundred are kept. The text stage then reads the same rows and figures."""
        t = plan.texte
        held = self._holders(t.groupes[0]) if t is not None and len(t.groupes) == 1 \
            and t.requis == (0,) and t.restants is None and NAME_RELEVANCE < RELATIVE_FLOOR else None
        if held is None or held.levels is None:
            return np.asarray(rows[self.pos.inside(rows, lat, lon, km)])
        req, levels = plan.req, held.levels[rows]
        for level in range(len(held.conf) - 1, 0, -1):  # the strongest first
            best = rows[levels == level]
            best = best[self.attrs.visible(best, req.voir_sensibles, req.eg_visibles)]
            if self.pos.inside(best, lat, lon, km).any():
                lowest = int(np.searchsorted(held.conf, RELATIVE_FLOOR * held.conf[level]))
                rows = rows[levels >= lowest]
                break
        return np.asarray(rows[self.pos.inside(rows, lat, lon, km)])

    def _visible_cells(self, voir_sensibles: bool) -> Comptes:
        """Which units of the count grid a caller without an EG of their own may see."""
        counts = self._cell_visibles.get(voir_sensibles)
        if counts is None or counts.grille is not self.pos.grille:
            counts = self._cell_visibles[voir_sensibles] = self.pos.grid_counts(
                self.attrs.visible(np.arange(len(self.ids)), voir_sensibles))
        return counts

    def _count_cells(self) -> None:
        """The per-cell visible counts of both kinds of caller, when the engine is made: the
        first free-text search of each would otherwise read every unit (~2 ms nationally)."""
        if len(self.ids):
            for voir_sensibles in (False, True):
                self._visible_cells(voir_sensibles)

    def _text_rows(self, t: Comprehension, key: object) -> np.ndarray | None:
        """Sorted rows a text can match at all (`_text`): those holding a concept of one of its
        required groups (one need is enough: the others may be met on the same site, or dropped
        by a reading without them) and those its words name. None when they are more than
        TEXT_ROWS_SHARE of the offer. `key`: what the reading depends on (text, age)."""
        held = [self._holders(t.groupes[i]) for i in t.requis]
        if (sum(h.count for h in held) + len(t.noms)) * TEXT_ROWS_SHARE > len(self.ids):
            return None
        parts = [h.rows for h in held] + [t.noms]
        hit: np.ndarray | None = self._textes.value(("lignes", key))
        if hit is None:
            hit = _sorted_unique(np.concatenate([np.asarray(p, dtype=np.int32) for p in parts]))
            self._textes.keep(("lignes", key), hit, hit.nbytes + 256)
        return hit

    def _text_mask(self, t: Comprehension, key: object) -> np.ndarray | None:
        """A mask over every row of the rows a text can match at all (`_text_rows`), when they
        are more than 1/TEXT_ROWS_SHARE of the offer but at most 1/TEXT_MASK_SHARE; else None."""
        hit: tuple[np.ndarray | None] | None = self._textes.value(("masque", key))
        if hit is None:
            mask = np.zeros(len(self.ids), dtype=bool)
            for i in t.requis:
                self._holders(t.groupes[i]).mark(mask)
            mask[t.noms.astype(np.intp)] = True  # an int32 index writes ~3× slower
            hit = (mask if np.count_nonzero(mask) * TEXT_MASK_SHARE <= len(self.ids) else None,)
            self._textes.keep(("masque", key), hit, mask.nbytes + 256)
        return hit[0]

    def _signature_table(self, public: bool, age: int | None, terre: str | None) -> np.ndarray:
        """Which signatures (`engine/signatures.py`) pass: shown to any caller (when `public`),
        taking a patient of `age`, on the land `terre` — per engine, for the queries that ask
        the same (a table of the first k combinations stays right: they are only appended)."""
        key = (public, age, terre, len(self.sig))
        hit = self._sig_tables.get(key)
        if hit is None:
            hit = remember(self._sig_tables, key, self.sig.table(
                public, age, None if terre is None else self._terre_lut(terre)), SIGNATURE_TABLES_KEPT)
        return hit

    def _signature_declares(self) -> np.ndarray:
        """Per signature, how explicit its age range is (`Patientele.declares_age`)."""
        hit = self._sig_declares
        if hit is None or len(hit) != len(self.sig):
            hit = self._sig_declares = self.sig.declares_age()
        return hit

    def _terre_lut(self, terre: str) -> np.ndarray:
        """Per département id (the last slot for an unknown one, kept): on the patient's land."""
        col = self.attrs.departement
        lut = self._terre_luts.get((terre, len(col.ids)))  # départements only ever get added
        if lut is None:
            lut = np.ones(len(col.ids) + 1, dtype=bool)  # the last slot is -1: unknown département
            for code, ident in col.ids.items():
                lut[ident] = lieux.terre_de_departement(code) in (terre, None)
            self._terre_luts[(terre, len(col.ids))] = lut
        return lut

    def _eg_en_crise(self, rows: np.ndarray) -> np.ndarray:
        """Rows whose site (EG) has at least one unit in an active crisis."""
        col = self.attrs.eg
        crisis_egs = np.unique(col.values[np.flatnonzero(self.lits.crise)])
        return np.isin(col.values[rows], crisis_egs)

    def _bande(self, concept: str) -> Bande | None:
        """The latitude-sorted copy of a posting of at least BANDE_MIN rows (built on first use
        for one that grew to that size after the compile)."""
        hit = self.pos.bandes.get(concept)
        if hit is None:
            rows = self.adj.rows(concept)
            if len(rows) < BANDE_MIN:
                return None
            hit = self.pos.bandes[concept] = self.pos.bande(rows)
        return hit

    @staticmethod
    def _seul_concept(req: Requete) -> str | None:
        """The concept whose posting is the query's whole posting selection, when it names one."""
        if not (req.equipements or req.activites or req.publics or req.specialisations
                or req.temporalites_accueil):  # aptitudes alone (every SAMU query of the bench)
            return req.aptitudes[0] if len(set(req.aptitudes)) == 1 else None
        asked = {*req.aptitudes, *(gc.node("R212", e) for e in req.equipements),
                 *(gc.node("R211", a) for a in req.activites),
                 *(gc.node("R239", p) for p in req.publics),
                 *(gc.node("R245", s) for s in req.specialisations),
                 *(gc.node("R240", t) for t in req.temporalites_accueil)}
        return next(iter(asked)) if len(asked) == 1 else None

    def _postings_rows(self, req: Requete) -> np.ndarray | None:
        """Rows holding every required aptitude and equipment and any asked activity, public and
        specialisation (None when the query names no such concept)."""
        sets = [self.adj.all_of(req.aptitudes) if req.aptitudes else None,
                self.adj.all_of(gc.node("R212", e) for e in req.equipements)
                if req.equipements else None,
                self.adj.any_of(gc.node("R211", a) for a in req.activites) if req.activites else None,
                self.adj.any_of(gc.node("R239", p) for p in req.publics) if req.publics else None,
                self.adj.any_of(gc.node("R245", s) for s in req.specialisations)
                if req.specialisations else None,
                self.adj.any_of(gc.node("R240", t) for t in req.temporalites_accueil)
                if req.temporalites_accueil else None]  # (a field not asked is no constraint)
        rows: np.ndarray | None = None
        for s in sorted((s for s in sets if s is not None), key=len):
            rows = s if rows is None else np.intersect1d(rows, s, assume_unique=True)
        return rows

    def _concept_mask(self, concept: str, rows: np.ndarray) -> np.ndarray:
        kind, code = concept.split(":", 1)
        if kind in POSTING_KINDS:
            return self.adj.has(concept, rows)
        col = self._code_column(kind)
        if col is None:
            return np.zeros(len(rows), dtype=bool)
        return col.isin(rows, (code,))

    def _code_columns(self) -> dict[str, Codes]:
        """The column of `self.attrs` each kind of concept outside the postings is read from."""
        a = self.attrs
        return {MODE: a.mode, TYPE_OFFRE: a.categorie, CHAMP: a.champ, CATEGORIE_EG: a.categorie_eg}

    def _code_column(self, kind: str) -> Codes | None:
        # a J238 type d'offre is the R244 one's column
        return self._code_columns().get(TYPE_OFFRE if kind == TYPE_OFFRE_JDV else kind)

    def _index_code_rows(self) -> None:
        """Rows of every mode, type d'offre, champ and EG category code, so text concepts of those
        tables cost a dict lookup (rebuilt lazily, per code, after an update)."""
        for kind, col in self._code_columns().items():
            order = np.argsort(col.values, kind="stable").astype(np.int32)
            vals = col.values[order]
            for code, ident in col.ids.items():
                lo, hi = np.searchsorted(vals, [ident, ident + 1])
                self._code_rows[f"{kind}:{code}"] = order[lo:hi]

    def _concept_rows(self, concept: str) -> np.ndarray:
        """Sorted rows holding a concept (postings, or a scan of a code column, cached)."""
        kind = concept.split(":", 1)[0]
        if kind in POSTING_KINDS:
            return self.adj.rows(concept)
        hit = self._code_rows.get(concept)
        if hit is None:
            # a code no unit holds is no scan; a J238 type d'offre is the R244 one's column
            code = concept.split(":", 1)[1]
            col = self._code_column(kind)
            ident = col.ids.get(code) if col is not None else None
            if col is None or ident is None:
                hit = EMPTY_ROWS
            elif kind == TYPE_OFFRE_JDV and f"{TYPE_OFFRE}:{code}" in self._code_rows:
                hit = self._code_rows[f"{TYPE_OFFRE}:{code}"]
            else:
                hit = np.flatnonzero(col.values == ident).astype(np.int32)
            self._code_rows[concept] = hit
        return hit

    def _holders(self, groupe: tuple[tuple[str, float], ...]) -> Holders:
        """The rows holding a concept of the group and the confidence of the best one each holds:
        the group's postings merged once, then kept (a group of a common word holds dozens of
        concepts, read again by the fallback and each explanation)."""
        hit: Holders | None = self._textes.value(("groupe", groupe))
        if hit is None:
            n = len(self.ids)
            # a group that may hold more rows than the text's own rows are read for (a third of
            # the offer for "maternité", "EHPAD") is kept as levels: no sort of its rows
            hit = Holders.merge([self._concept_rows(c) for c, _ in groupe], [c for _, c in groupe],
                                n, max(1, n // TEXT_ROWS_SHARE))
            self._textes.keep(("groupe", groupe), hit, hit.nbytes + 64 * len(groupe))
        return hit

    def _group_sites(self, groupe: tuple[tuple[str, float], ...]) -> np.ndarray:
        """The EGs (sorted) with a unit holding a concept of the group."""
        hit: np.ndarray | None = self._textes.value(("sites", groupe))
        if hit is None:
            hit = _flag_unique(self.attrs.eg.values[self._holders(groupe).rows], len(self.attrs.eg.ids))
            self._textes.keep(("sites", groupe), hit, hit.nbytes + 64 * len(groupe))
        return hit

    def _site_rows(self, row: int) -> np.ndarray:
        """The rows (sorted) of the units of `row`'s EG, from the EG column sorted once."""
        if self._sites is None:
            values = self.attrs.eg.values
            order = np.argsort(values, kind="stable").astype(np.int32)
            self._sites = (order, values[order])
        order, sorted_egs = self._sites
        eg = self.attrs.eg.values[row]
        lo, hi = np.searchsorted(sorted_egs, [eg, eg + 1])
        return order[lo:hi]

    def _text_or_less(self, plan: _Plan, rows: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The text match; when no unit (nor site) meets every need, the reading without the
        least informative needs, dropped one at a time (a generic word before a specific act,
        equipment, type of structure or specialisation), until some unit meets the rest — said as
        a relaxation naming each dropped need, never silently. The most informative need is never
        dropped: when it matches nothing, the answer is an honest "nothing"."""
        t = plan.texte
        assert t is not None
        bests = [self._holders(g).best(rows) for g in t.groupes]  # read once for every reading
        keep, rel, sens = self._text(t, rows, bests=bests)
        if keep.any() or len(t.requis) < 2 or not len(rows):
            return keep, rel, sens
        # a need no unit meets at all goes first: it can be met together with nothing
        order = sorted(t.requis, key=lambda i: (
            self._meets_some(t.groupes[i]),
            self._information(t.groupes[i], t.textes[i] if i < len(t.textes) else ""), -i))
        dropped: list[int] = []
        for drop in order[:-1]:
            dropped.append(drop)
            k, r, s = self._text(t, rows, frozenset(dropped), bests)
            if k.any():
                plan.texte_ignore = " », « ".join(
                    t.textes[i] if i < len(t.textes) else "" for i in sorted(dropped))
                return k, r, s
        return keep, rel, sens

    def _meets_some(self, groupe: tuple[tuple[str, float], ...]) -> bool:
        return any(len(self._concept_rows(c)) for c, _ in groupe)

    def _information(self, groupe: tuple[tuple[str, float], ...], mots: str = "") -> float:
        """How much a need says about where to go: how well its words are read (best confidence,
        squared) × how many words it explains × what kind of concept it is (an act or equipment
        says more than an activity, an activity more than a mode or public) × how rare the units
        holding it are in the offer (1 + a quarter of −log of their share)."""
        if not groupe:
            return 0.0
        conf = max(c for _, c in groupe)
        kind = max(KIND_INFORMATION.get(c.split(":", 1)[0], 1.0) for c, x in groupe if x >= 0.9 * conf)
        held = self._holders(groupe[:MAX_GROUP_CONCEPTS]).count
        rarete = 1.0 + 0.25 * math.log((1 + len(self.ids)) / (1 + held))
        n_mots = max(1, sum(1 for w in fold(mots).split() if len(w) > 2))
        return conf * conf * n_mots * kind * rarete

    def _text(self, t: Comprehension, rows: np.ndarray, sans: frozenset[int] = frozenset(),
              bests: list[np.ndarray] | None = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Keep rows matching the text: a concept of every required group (and the unexplained
        words in the name), or every word in the name. Relevance in [0, 1]: the weakest required
        group's best concept confidence, raised by the soft groups a unit also meets (who the
        patient is); a name match counts NAME_RELEVANCE, below any concept match, when the text
        also names concepts. Returns (mask of the kept rows, their relevance, and when the needs
        are met on one site only, the first need each kept unit meets itself, else None)."""
        rel = np.zeros(len(rows))
        sens = None
        if t.groupes:
            rel = np.ones(len(rows))
            requis = set(t.requis) - sans
            soft = np.zeros(len(rows))
            n_soft = 0
            held = []
            for i, groupe in enumerate(t.groupes):
                best = bests[i] if bests is not None else self._holders(groupe).best(rows)
                if i in requis:
                    rel = np.minimum(rel, best)
                    held.append(best)
                elif i in sans:
                    continue
                else:
                    soft += best
                    n_soft += 1
            if len(held) > 1 and not (rel > 0).any():
                rel, sens = self._same_site(t, rows, held, sorted(requis))
            if n_soft:
                rel = rel * (SOFT_FLOOR + (1.0 - SOFT_FLOOR) * soft / n_soft)
            if t.restants is not None:
                # unexplained words narrow the concept matches to names holding them, unless no
                # unit meeting the concepts has such a name ("marge" of "abcès de la marge anale")
                named = np.where(contains_all(t.restants, rows), rel, 0.0)
                rel = named if (named > 0).any() or not (rel > 0).any() else rel
        if len(t.noms):
            name = contains_all(t.noms, rows).astype(np.float64)
            # a name counts below the concept matches (a share of the best one), so a site whose
            # name holds the words never pushes the units meeting the need out of the answer
            top = float(rel.max()) if t.groupes and len(rel) and rel.max() > 0 else 1.0
            rel = np.maximum(rel, name * (NAME_RELEVANCE * top if t.groupes else 1.0))
        # Precision before recall: units meeting the text far less well than the best ones (a word
        # found inside a long label of another speciality) are left out.
        keep = rel > 0
        if keep.any():
            keep &= rel >= RELATIVE_FLOOR * rel.max()
        return keep, rel[keep], None if sens is None else sens[keep]

    def _same_site(self, t: Comprehension, rows: np.ndarray, bests: list[np.ndarray],
                   requis: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Needs no single unit meets together, met on one site: a unit meeting one of them counts
        when its EG (offer graph EG → units) also has units meeting every other one. Relevance:
        SITE_RELEVANCE × the unit's best need, so such units rank below units meeting all; and
        per row, the first need (in `requis` order) the unit meets itself (−1: none)."""
        eg = self.attrs.eg.values
        sites: np.ndarray | None = None
        for i in requis:
            site_ids = self._group_sites(t.groupes[i])
            sites = site_ids if sites is None else np.intersect1d(sites, site_ids, assume_unique=True)
        if sites is None or not len(sites):
            return np.zeros(len(rows)), np.full(len(rows), -1, dtype=np.int16)
        on_site = np.isin(eg[rows], sites)
        held = np.vstack(bests)
        best = np.max(held, axis=0)
        first = np.where(best > 0, np.argmax(held > 0, axis=0), -1).astype(np.int16)
        return np.where(on_site, SITE_RELEVANCE * best, 0.0), first

    def unites_du_site(self, t: Comprehension, row: int) -> list[tuple[int, str, str]]:
        """For a unit found through its site: (need's group, need as typed, name of a unit of the
        same EG that meets it best), one per required need — what the explanation says of the
        needs the unit does not meet itself."""
        same = self._site_rows(row)
        out = []
        for i in t.requis:
            best = self._holders(t.groupes[i]).best(same)
            if best.any():
                k = int(same[int(np.argmax(best))])
                texte = t.textes[i] if i < len(t.textes) else ""
                out.append((i, texte, self.offre.uo[self.ids[k]].nom))
        return out

    # --------------------------------------------------------------------------------- filters
    def _filter(self, plan: _Plan, c: Contraintes, rows: np.ndarray, cols: dict[str, np.ndarray],
                deadline: float) -> tuple[np.ndarray, dict[str, np.ndarray], bool]:
        """The relaxable filters on the prefiltered rows (`_masque`). Returns the rows and their
        columns (distance, relevance, beds, and whether each is open when a step at this
        radius asked already), aligned with them."""
        mask, dispo, complete = self._masque(plan, c, rows, deadline)
        if c.age_max_lits is None:  # the same figures serve the score and the explanation
            cols["free"], cols["ts"], cols["present"] = dispo.free, dispo.ts, dispo.present
        if not (c.ouvert_requis and len(rows)) \
                and (hit := plan.ouverts.get(c.rayon_km)) is not None and hit[1]:
            cols["open"] = hit[0]  # asked by a step before, whole: what the score reads
        rows = rows[mask]
        for k in cols:
            cols[k] = cols[k][mask]
        return rows, cols, complete

    def _masque(self, plan: _Plan, c: Contraintes, rows: np.ndarray, deadline: float
                ) -> tuple[np.ndarray, Dispo, bool]:
        """Which prefiltered `rows` meet the beds (a gather of the precomputed columns) and
        opening (the weekly bitmaps) of `c`, their bed figures, and whether every opening was
        read. Each figure is computed once per radius, so a fallback step that relaxes one of
        them is a new threshold on the same figures, not a new pass."""
        req = plan.req
        max_age = c.age_max_lits.total_seconds() if c.age_max_lits is not None else None
        dispo = plan.dispos.get((c.rayon_km, max_age))  # same rows at the same radius
        if dispo is None:
            dispo = plan.dispos[(c.rayon_km, max_age)] = self._dispo(plan, rows, max_age)
        mask = dispo.free >= c.lits_min
        # a bed figure: not for public readers; at least one free bed asked already says it
        if req.sexe is not None and req.voir_lits and c.lits_min < 1:
            mask &= ~dispo.gendered | (dispo.free > 0)
        complete = True
        if c.ouvert_requis and len(rows):
            hit = plan.ouverts.get(c.rayon_km)
            if hit is None:
                hit = plan.ouverts[c.rayon_km] = self.ouv.open_mask(rows, plan.instant, deadline,
                                                                    self.clock)
            is_open, complete = hit
            mask &= is_open
        return mask, dispo, complete

    def _dispo(self, plan: _Plan, rows: np.ndarray, max_age: float | None) -> Dispo:
        """The patient's bed figures of `rows`: read from the precomputed per-sex columns when
        each unit's own natures count and no age limit applies (every SAMU query), else counted."""
        req = plan.req
        if plan.natures is None and max_age is None:
            col = self.lits.colonne(req.statut_lits, req.temporalite_lits, req.sexe,
                                    req.lits_supplementaires)
            return Dispo(col.free[rows], col.ts[rows], col.present[rows], col.gendered[rows])
        return self.lits.disponibles(rows, plan.natures, req.statut_lits, req.temporalite_lits,
                                     req.sexe, to_ts(plan.now), max_age, req.lits_supplementaires)

    # --------------------------------------------------------------------------------- scoring
    def _score(self, plan: _Plan, sel: _Selection
               ) -> tuple[np.ndarray, dict[str, tuple[float, np.ndarray]], dict[str, np.ndarray]]:
        req, reg, rows = plan.req, plan.reg, sel.rows
        comps: dict[str, np.ndarray] = {}
        extra: dict[str, np.ndarray] = {}
        if sel.relevance is not None:
            comps["texte"] = sel.relevance
        # a component of weight 0 never counts (scoring.combine): not computed
        w = reg.weights
        if req.aptitudes_souhaitees and w.aptitudes > 0:
            found = np.zeros(len(rows))
            for apt in req.aptitudes_souhaitees:
                found += self._concept_mask(apt, rows)
            comps["aptitudes"] = scoring.coverage_score(found, len(req.aptitudes_souhaitees))
        asked = int(req.age is not None) + int(bool(req.publics))
        if asked and w.patientele > 0:
            declared = np.zeros(len(rows))
            if req.age is not None:
                declared += self._signature_declares()[self.sig.of_row[rows]]
            if req.publics:
                declared += 1.0
            comps["patientele"] = scoring.patientele_score(declared, asked)
        if plan.point is not None and w.distance > 0:
            comps["distance"] = scoring.distance_score(sel.dist, reg.half_km)
        if sel.free is None or sel.ts is None or sel.present is None:
            dispo = self._dispo(plan, rows, None)
            sel.free, sel.ts, sel.present = dispo.free, dispo.ts, dispo.present
        ages = age_minutes(sel.ts, to_ts(plan.now))
        extra["free"], extra["ts"], extra["age"] = sel.free, sel.ts, ages
        extra["present"] = sel.present
        if req.voir_lits:  # otherwise free beds must not move a public reader's scores
            comps["lits"] = scoring.bed_score(sel.free, ages,
                                              reg.stale_after.total_seconds() / 60.0,
                                              k=reg.beds_half)
        if reg.weights.ouverture > 0 or plan.contraintes.ouvert_requis:
            if plan.contraintes.ouvert_requis:  # every row is open: its opening score is 1
                extra["open"] = np.ones(len(rows), dtype=bool)
                if w.ouverture > 0:
                    comps["ouverture"] = np.ones(len(rows))
            else:
                open_now = sel.open if sel.open is not None else \
                    self.ouv.open_mask(rows, plan.instant)[0]
                # an open row scores 1 whatever its wait: only the closed ones are asked
                wait = np.zeros(len(rows))
                closed = np.flatnonzero(~open_now)
                wait[closed] = self.ouv.wait_minutes(rows[closed], plan.instant, reg.horizon)
                extra["open"] = open_now
                comps["ouverture"] = scoring.opening_score(open_now, wait,
                                                           reg.horizon.total_seconds() / 60.0)
        if not len(rows):
            return np.zeros(0), {}, extra
        total, norm = scoring.combine(comps, reg.weights)
        if not comps:  # nothing to score (no place, text, patientèle, beds or opening): all tie
            total = np.ones(len(rows))
        if sel.relevance is not None:  # precision first: the text match scales the whole score
            factor = scoring.relevance_factor(sel.relevance)
            total = total * factor
            comps = {k: v * factor for k, v in comps.items()}
        parts = {k: (w, comps[k]) for k, w in norm.items()}
        if sel.relevance is not None:
            # the units meeting the text as best read come first, whatever their beds, distance
            # or opening, which order the units of the same reading
            tiers = scoring.reading_tiers(sel.relevance, READING_TIER)
            # then the head: the first unit, the best one of each other sense of the text
            senses = sel.sens if sel.sens is not None \
                else scoring.reading_senses(sel.relevance, HEAD_RATIO)
            if senses is not None:
                head = scoring.head(scoring.tiered(total, tiers)[0], self.id_rank[rows], senses,
                                    HEAD_DEPTH)
                tiers = scoring.with_head(tiers, head)
            total, offset = scoring.tiered(total, tiers)
            if offset is not None:
                n = 1.0 + float(tiers.max())
                parts = {k: (w, v / n) for k, (w, v) in parts.items()}
                w_t, v_t = parts.get("texte", (0.0, np.zeros(len(rows))))
                # the reading's rank counts in the text's share: the breakdown still sums to it
                parts["texte"] = (1.0, w_t * v_t + offset)
        return total, parts, extra

    # ---------------------------------------------------------------------------------- result
    def _page(self, plan: _Plan, sel: _Selection, scores: np.ndarray,
              parts: dict[str, tuple[float, np.ndarray]], extra: dict[str, np.ndarray],
              page: np.ndarray, shown: np.ndarray) -> Page:
        """The page's lines, each with its explanation's figures: every figure of the page is
        taken from the arrays in one gather per column, kept as lists (`Page`); the contract's
        objects are built from them only when a caller reads them."""
        rows = sel.rows[page]
        row_l: list[int] = rows.tolist()
        ids = self.ids.at(row_l)
        uos, egs = self.offre.unites(ids)
        unit_l = [uos[i] for i in ids]
        eg_l = [egs.get(uo.eg_id) for uo in unit_l]
        n = len(row_l)
        open_l: list[bool | None] = extra["open"][page].tolist() if "open" in extra else [None] * n
        dist_l = [None if math.isnan(d) else d for d in np.asarray(shown, dtype=np.float64).tolist()]
        out = Page(ids, unit_l, eg_l, scores[page].tolist(), dist_l, open_l)
        if not (plan.req.expliquer and row_l):
            return out
        explique = Explications(plan, self.libelle, {x is not None for x in dist_l},
                                self._criteres)
        # the bed figure: free beds, time of the oldest record, whether there is one, its age
        present_l: list[bool] = extra["present"][page].tolist()
        age_l: list[float] = extra["age"][page].tolist()
        stale = explique.stale_min
        out.lits_disponibles = [int(f) if p else None
                                for f, p in zip(extra["free"][page].tolist(), present_l, strict=True)]
        out.lits_maj = [from_ts(ts) if p else None
                        for ts, p in zip(extra["ts"][page].tolist(), present_l, strict=True)]
        out.lits_age_min = [None if not p or math.isnan(a) else round(a, 1)
                            for a, p in zip(age_l, present_l, strict=True)]
        out.lits_perimes = [bool(p and (math.isnan(a) or a > stale))
                            for a, p in zip(age_l, present_l, strict=True)]
        out.detail_noms = tuple(parts)
        out.details = [(w * v[page]).tolist() for w, v in parts.values()]
        crises: list[bool] = self.lits.crise[rows].tolist()
        t = plan.texte
        # which units the text's words name: one search for the page (a scalar search in a
        # 150,000-row int32 array costs ~30 µs: numpy casts the array to the key's type)
        nommes: list[bool] = contains_all(t.noms, rows).tolist() if t is not None else [False] * n
        nexts: list[datetime | None] = [None] * n
        closed = [j for j in range(n) if open_l[j] is False]
        if closed:  # when the closed ones open next (scoring asked already: read back)
            instant, horizon = plan.instant, plan.reg.horizon
            sids: list[int] = self.ouv.sched[rows[closed]].tolist()
            for j, sid in zip(closed, sids, strict=True):
                nexts[j] = self.ouv.next_opening(sid, instant, horizon)
        out.prochaines = nexts
        if explique.communs_seuls and not any(crises):  # every line says the shared criteria
            partages = explique.partages
            out.criteres = [partages[d is not None] for d in dist_l]
            out.trouvees, out.manquantes, out.crises = [()] * n, [()] * n, [None] * n
            out.expliquee = True
            return out
        sites = t is not None and len(t.requis) > 1  # a need may be met by the unit's site
        textes = explique.textes
        criteres, trouvees, manquantes, labels = out.criteres, out.trouvees, out.manquantes, \
            out.crises
        for j in range(n):
            uo = unit_l[j]
            site = None
            if sites:
                assert t is not None
                have = unit_concepts(uo, eg_l[j])
                # the needs other units of its site meet for it: a need it meets itself is
                # said by its own criteria, never by another unit's name
                manque = {g for g in t.requis if not ({c for c, _ in t.groupes[g]} & have)}
                if manque:
                    row = row_l[j]
                    site_id = int(self.attrs.eg.values[row])  # the same for every unit of a site
                    par_site = plan.sites.get(site_id)
                    if par_site is None:
                        par_site = plan.sites[site_id] = self.unites_du_site(t, row)
                    site = [(besoin, unite) for g, besoin, unite in par_site if g in manque]
            crit, found, missing, crise = textes(uo, eg_l[j], dist_l[j] is not None, crises[j],
                                                 site, nommes[j])
            criteres.append(crit)
            trouvees.append(found)
            manquantes.append(missing)
            labels.append(crise)
        out.expliquee = True
        return out
