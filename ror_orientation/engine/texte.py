"""Free text → concepts and names, through the index package (ror_orientation.index).

`ConceptIndex.resolve(text)` splits the text into groups of words (all groups must match), each
meaning any of several concepts ("AVC" → thrombolysis, thrombectomy, USINV...), and leaves the
words it cannot explain (a town, a unit's name). `NameIndex` finds units by their own or their
establishment's name. A unit matches the text when it holds a concept of every group (and, if some
words left unexplained are plainly a name, its name holds them), or when its name holds every word of
the text; other unexplained words are said, never used to shrink the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from ..index.determinants import nom_commun
from ..offre import Offre
from ..territoire import fold

if TYPE_CHECKING:
    from ..index import ConceptIndex, Interpretation, NameIndex

CONCEPT_RE = re.compile(r"\bR\d{3}:[0-9A-Za-z]+\b")
EMPTY = np.zeros(0, dtype=np.int32)
# what the vocabulary may stand for a need no unit declares: where care is given, not who for
LUS_ABSENTS = ("R211", "R244", "R210")
ACTE_ABSENT = 0.8  # an activity standing for an act no unit declares, relative to the act's reading


@dataclass(frozen=True, slots=True)
class Comprehension:
    """What a text was understood as: groups of (concept, confidence in (0, 1]); engine rows whose
    name holds every word; rows whose name holds the unexplained words (None if there are none)."""

    groupes: tuple[tuple[tuple[str, float], ...], ...] = ()
    noms: np.ndarray = field(default_factory=lambda: EMPTY)
    restants: np.ndarray | None = None
    souples: tuple[bool, ...] = ()  # per group: who the patient is (ranks, never excludes)
    textes: tuple[str, ...] = ()  # per group: the words it was read from
    non_compris: tuple[str, ...] = ()  # words neither a concept nor a unit's name explains
    # derived once: every result's explanation asks (a common word's groups hold dozens)
    _concepts: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _sources: dict[str, str] = field(init=False, repr=False, compare=False)
    _requis: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        sources: dict[str, str] = {}
        for g, t in zip(self.groupes, self.textes, strict=False):
            for c, _ in g:
                sources.setdefault(c, t)
        hard = tuple(i for i, s in enumerate(self.souples) if not s)
        if len(self.souples) < len(self.groupes):
            hard += tuple(range(len(self.souples), len(self.groupes)))
        object.__setattr__(self, "_concepts", tuple(dict.fromkeys(c for g in self.groupes for c, _ in g)))
        object.__setattr__(self, "_sources", sources)
        object.__setattr__(self, "_requis", hard or tuple(range(len(self.groupes))))

    @property
    def concepts(self) -> tuple[str, ...]:
        return self._concepts

    def source(self, concept: str) -> str | None:
        """The words a concept was read from ("thrombolise" for R210:0460)."""
        return self._sources.get(concept)

    @property
    def requis(self) -> tuple[int, ...]:
        """Indices of the groups a unit must hold: all but the soft ones, unless only soft ones."""
        return self._requis


class Holders:
    """The rows holding a concept of a group, with the confidence of the best one each holds: a
    few rows as sorted arrays, many (a common word's group holds a third of the offer) as one
    byte per engine row naming the row's best confidence — written posting by posting, weakest
    first, so that reading a row, marking the rows of a text or counting them costs no sort."""

    __slots__ = ("_rows", "conf", "count", "levels", "n_rows")

    def __init__(self, rows: np.ndarray | None, conf: np.ndarray, levels: np.ndarray | None,
                 n_rows: int) -> None:
        self._rows = rows  # sorted unique (None: read from `levels` on demand)
        self.conf = conf  # per row of `_rows`; with `levels`: the confidence of each level
        self.levels = levels  # uint8 per engine row: 0 none, k its best confidence conf[k]
        self.n_rows = n_rows  # engine rows in all
        self.count = len(rows) if rows is not None else int(np.count_nonzero(np.asarray(levels)))

    @classmethod
    def merge(cls, posts: Sequence[np.ndarray], confs: Sequence[float], n_rows: int,
              dense_from: int) -> Holders:
        """The group's postings (sorted rows, one confidence each) merged: as sorted arrays, or
        as levels when they hold at least `dense_from` rows between them."""
        total = sum(len(p) for p in posts)
        distinct = sorted(set(confs))
        if total >= dense_from and len(distinct) < 256:
            level = {c: k for k, c in enumerate(distinct, start=1)}
            levels = np.zeros(n_rows, dtype=np.uint8)
            for k in sorted(range(len(posts)), key=lambda k: confs[k]):
                if len(posts[k]):
                    # indexed by intp: numpy writes through an int32 index ~3× slower
                    levels[posts[k].astype(np.intp)] = level[confs[k]]  # a stronger level overwrites
            return cls(None, np.asarray([0.0, *distinct]), levels, n_rows)
        rows = np.concatenate([np.asarray(p, dtype=np.int32) for p in posts] or [EMPTY])
        conf = np.concatenate([np.full(len(p), c) for p, c in zip(posts, confs, strict=True)]
                              or [np.zeros(0)])
        if len(rows):
            order = np.lexsort((conf, rows))  # by row, best confidence last
            rows, conf = rows[order], conf[order]
            last = np.empty(len(rows), dtype=bool)
            last[-1] = True
            np.not_equal(rows[1:], rows[:-1], out=last[:-1])
            rows, conf = rows[last], conf[last]
        return cls(rows, conf, None, n_rows)

    @property
    def rows(self) -> np.ndarray:
        """The rows held, sorted."""
        if self._rows is None:
            assert self.levels is not None
            self._rows = np.flatnonzero(self.levels).astype(np.int32)
        return self._rows

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self._rows, self.conf, self.levels) if a is not None)

    def best(self, rows: np.ndarray) -> np.ndarray:
        """For each of `rows`, the confidence of the best concept of the group it holds (0 if
        none): the levels read, else a binary search for few rows, else one scratch array."""
        if self.levels is not None:
            return np.asarray(self.conf[self.levels[rows]])
        held, conf = self.rows, self.conf
        if not len(held) or not len(rows):
            return np.zeros(len(rows))
        if len(rows) * 4 < self.n_rows // 16 + len(held):
            at = np.searchsorted(held, rows)
            at[at >= len(held)] = len(held) - 1
            return np.where(held[at] == rows, conf[at], 0.0)
        scratch = np.zeros(self.n_rows)
        scratch[held] = conf
        return np.asarray(scratch[rows])

    def mark(self, mask: np.ndarray) -> None:
        """Set the rows held in a mask over every engine row."""
        if self.levels is not None:
            np.logical_or(mask, self.levels, out=mask)
        else:
            mask[self.rows] = True


def _groupes_from(result: Interpretation) -> tuple[tuple[tuple[str, float], ...], ...]:
    """The index's Interpretation as groups of (concept, confidence in (0, 1])."""
    out = []
    for g in result.groupes:
        matches = tuple((m.concept, float(min(1.0, max(m.score, 1e-6)))) for m in g.matches)
        if matches:
            out.append(matches)
    return tuple(out)


class Noms:
    """Name search over the engine's rows: the index's NameIndex built once (one row per unit, in
    engine row order: unit name + establishment name + town), and for units updated since, a small
    whole-word overlay so a renamed or new unit is found by its new name at once."""

    def __init__(self, name_index: NameIndex, row_of_index: np.ndarray) -> None:
        self.name_index = name_index
        self.row_of_index = row_of_index  # NameIndex row → engine row (−1: not a unit)
        # built from the engine's rows in order, the map is the identity: no gather ("EHPAD" is
        # in 155,000 names, whose gather and filter cost ~0.5 ms)
        self.identity = bool(np.array_equal(row_of_index, np.arange(len(row_of_index))))
        self.stale = np.zeros(0, dtype=np.int32)  # engine rows whose indexed name is outdated
        self.overlay: dict[int, frozenset[str]] = {}

    @classmethod
    def build(cls, offre: Offre, ids: Sequence[str]) -> Noms:
        from ..index import NameIndex

        def items() -> Iterable[tuple[str, str, str, str | None]]:
            for uo_id in ids:
                uo = offre.uo[uo_id]
                eg = offre.eg.get(uo.eg_id)
                extra = f"{eg.nom} {eg.adresse.localite or ''}" if eg else None
                yield uo_id, "uo", uo.nom, extra

        idx = NameIndex.build(items())
        return cls(idx, np.arange(len(ids), dtype=np.int32))

    def set(self, row: int, parts: tuple[str, ...]) -> None:
        self.overlay[row] = frozenset(w for p in parts for w in fold(p).split())
        if row not in set(self.stale.tolist()):
            self.stale = np.sort(np.append(self.stale, np.int32(row)))

    def rows(self, text: str, fautes: bool = True) -> np.ndarray:
        """Units whose name holds every word of `text`; `fautes=False`: none when a word is found
        only as a misspelling of a name word."""
        if fautes:
            index_rows = self.name_index.search(text)
        else:
            index_rows, mots = self.name_index.explain(text)
            if any(m.via == "faute" for m in mots):
                index_rows = index_rows[:0]
        if self.identity:
            found = np.asarray(index_rows, dtype=self.row_of_index.dtype)
        else:
            found = self.row_of_index[index_rows]
            found = found[found >= 0]
        if not self.overlay:
            return np.asarray(found)
        found = np.setdiff1d(found, self.stale, assume_unique=True)
        words = [w for w in fold(text).split() if len(w) > 2]
        extra = [r for r, ws in self.overlay.items() if words and all(
            any(x.startswith(w) for x in ws) for w in words)]
        return np.union1d(found, np.asarray(extra, dtype=np.int32)).astype(np.int32)


def comprendre(texte: str, concept_index: ConceptIndex | None, noms: Noms | None,
               enfant: bool | None = None, profil: str | None = None) -> Comprehension:
    """Turn free text into groups of concepts and name matches (`enfant`: the patient's age says
    a child (False: an adult, None: not given), so a diagnosis is also met by the paediatric services; `profil`: who asks, for an
    acronym naming both a place and a disease).

    Words left unexplained that are plainly a name narrow the concept matches to units whose name
    holds them ("dialyse Pontchaillou"); any other leftover (a common word, a word no name holds
    whole) is reported as not understood and never shrinks the answer of the words understood."""
    literal = tuple((c, 1.0) for c in CONCEPT_RE.findall(texte))
    groupes: tuple[tuple[tuple[str, float], ...], ...] = (literal,) if literal else ()
    souples: tuple[bool, ...] = (False,) if literal else ()
    textes: tuple[str, ...] = ("codes",) if literal else ()
    inexpliques: tuple[str, ...] = ()
    if concept_index is not None:
        interpretation = concept_index.resolve(texte, enfant, profil)
        groupes += _groupes_from(interpretation)
        for g in interpretation.groupes:
            if g.matches:
                souples += (g.souple,)
                textes += (g.texte,)
        inexpliques = tuple(interpretation.inexpliques)
    if noms is None:
        return Comprehension(groupes, souples=souples, textes=textes, non_compris=inexpliques)
    # Only a word plainly typed as a name narrows the concept matches by name; any other is said.
    # ("une scie", "mon vélo": a word after a common noun's determiner is no name, `determinants.py`)
    nommes = [w for w in inexpliques if groupes and not nom_commun(w, texte) and _nom_tape(w, concept_index, noms)]
    restants = noms.rows(" ".join(nommes), fautes=False) if nommes else None
    non_compris = inexpliques
    if restants is not None and not len(restants):
        restants = None
    elif restants is not None:
        non_compris = tuple(w for w in inexpliques if w not in nommes)
    # A text read as concepts is not also a misspelt name: "plâtre" is the act, not a site named
    # "Plats" ("résine" is not "Reine Blanche"); names still count when typed right.
    found = noms.rows(texte, fautes=not groupes)
    if not groupes and len(found):
        non_compris = ()  # a unit's or an establishment's name: understood
    return Comprehension(groupes, found, restants, souples, textes, non_compris)


def _nom_tape(mot: str, concept_index: ConceptIndex | None, noms: Noms) -> bool:
    """Whether a word the reading left may be a name the user typed ("Pontchaillou", "Rennes"):
    a whole word of some unit's or establishment's name as written, neither a short word ("ST" of "SCA ST+")
    nor a word of the language ("peu" of "eau peu profonde" is not "Les Peupliers": a prefix or a
    misspelling of a name word never counts). A word the clinical vocabulary knows ("marge",
    "grand") counts only as a place name typed with a capital."""
    plie = fold(mot)
    if len(plie) <= 2 or not any(c.isalpha() for c in plie):
        return False
    if concept_index is not None:
        voc = concept_index.vocabulaire
        terme = concept_index.termes.terme(mot)
        if terme is None or (voc is not None and plie in voc.courants):
            return False  # a stop word or an everyday word of the lay lexicon
        if voc is not None and voc.connait(terme) \
                and not (plie in concept_index.lieux and mot[:1].isupper()):
            return False
    _, mots = noms.name_index.explain(mot)
    if mots and all(m.via == "exact" and noms.name_index.tient(m.mot) for m in mots):
        return True
    return any(plie in ws for ws in noms.overlay.values())  # a unit renamed since the index


def actes_absents(t: Comprehension, n_rows: Callable[[str], int],
                  liees: Callable[[str], tuple[str, ...]],
                  lire: Callable[[str], tuple[tuple[str, float], ...]] | None = None,
                  generaux: Callable[[str], tuple[str, ...]] | None = None
                  ) -> tuple[Comprehension, tuple[tuple[str, tuple[str, ...]], ...]]:
    """A need read as specific acts or equipment (R210, R212) that no unit of the offer
    declares is met by the activities (R211) that perform that kind of act (`liees`: from the
    terminology mappings), just below a unit declaring it; a need no unit declares that no
    mapping links (a specialisation: "endométriose") is met by what the clinical vocabulary
    reads in its words (`lire`: CIM-10 → gynaecology); an activity or a type of offer no unit
    declares, by the units of its general kind (`generaux`: "Hébergement temporaire d'urgence" for
    its variant "… en sortie d'hospitalisation"). Returns the reading with those needs
    replaced, and for each (its words, the activities now standing for it) for the explanation."""
    groupes = list(t.groupes)
    remplaces: list[tuple[str, tuple[str, ...]]] = []
    for i, g in enumerate(groupes):
        soft = i < len(t.souples) and t.souples[i]  # who/when words only rank: nothing to stand for
        if soft or not g or any(n_rows(c) for c, _ in g):
            continue
        actes = [(c, conf) for c, conf in g if c.split(":", 1)[0] in ("R210", "R212")]
        top = max((conf for _, conf in actes), default=0.0)
        votes: dict[str, float] = {}
        for c, conf in actes:
            if conf < 0.9 * top:
                continue  # only the acts the words read best
            for rank, a in enumerate(liees(c)):
                if n_rows(a):
                    votes[a] = votes.get(a, 0.0) + conf / (1 + rank)
        if not votes and generaux is not None:
            top = max(conf for _, conf in g)
            for c, conf in g:
                if conf >= 0.9 * top:
                    for rank, a in enumerate(generaux(c)):
                        if n_rows(a):
                            votes[a] = max(votes.get(a, 0.0), conf / (1 + rank))
        if not votes and lire is not None and i < len(t.textes):
            top = max(conf for _, conf in g)
            for c, conf in lire(t.textes[i]):
                if c.split(":", 1)[0] in LUS_ABSENTS and n_rows(c):
                    votes[c] = conf
        if votes:
            best = max(votes.values())
            found = sorted(votes.items(), key=lambda av: (-av[1], av[0]))
            groupes[i] = tuple((a, top * ACTE_ABSENT * v / best) for a, v in found)
            remplaces.append((t.textes[i] if i < len(t.textes) else "", tuple(a for a, _ in found)))
    if not remplaces:
        return t, ()
    return replace(t, groupes=tuple(groupes)), tuple(remplaces)


def default_concept_index() -> ConceptIndex:
    """The index package's ConceptIndex over the shipped nomenclatures (built once per process)."""
    from ..index import default_concept_index as build

    return build()
