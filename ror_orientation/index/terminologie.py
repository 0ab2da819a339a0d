"""Clinical vocabulary: what a diagnosis, a symptom or a lay word typed by a user means in ROR terms.

Diagnoses come from the CIM-10 FR labels (ATIH), routed to ROR concepts by code prefix
(`cim10_vers_ror.csv`: chapter, block, category; the longest prefix wins), so every one of the
~15,000 labels is reachable, not a hand list of phrases; lay words go through `lexique.csv` (lay word →
CIM-10 codes or concepts), abbreviations through the CHU de Bordeaux sense inventory, procedures
through the CCAM act labels (ATIH), routed by their place in the CCAM hierarchy and by code pattern
(organ + access route, `ccam_vers_ror.csv`); a long word may be the last part of a label's compound
("cystoscopie" in "urétrocystoscopie"). A query's words
are matched against the labels (all words of the best-covered labels), and the concepts of those
labels vote, weighted by how often the diagnosis is coded nationally (PMSI dénombrement).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..memo import remember
from ..paths import fixtures_dir
from .accents import Accents
from .analyse import Termes, plier, sans_exclusions
from .fautes import VocabulaireFlou
from .incertitudes import INCERTITUDES
from .qualificatifs import QUALIFICATIFS
from .symptomes import DEGRES, OUTILS, charger_symptomes, ensemble, mots_pleins
from .verbes import charger_equivalents, charger_verbes

MIN_PART = 0.25  # a concept voted by less than this share of the best one is dropped
MAX_CONCEPTS = 24
MAX_LIBELLES = 3  # labels shown in an explanation
LEXIQUE_POIDS = 20.0  # a curated lay word says the usual meaning: above any coded diagnosis (≤ ~15)
LEXIQUE_DELIE = 0.25  # a lay word hit by part of its words only: an ordinary label's weight
MOTIF_POIDS = 12.0  # a SAMU call reason: a family of needs, above a rare diagnosis, below a lay word
NEAR_BEST = 0.6  # labels covering at least this share of the best (IDF-weighted) coverage vote too
PHRASE_PROFANE = 2  # words of a lay phrase typed whole that make it a need of its own beside another
HEAD_BONUS = 1.5  # weight of the labels holding the query's first (head) word
RANK_STEP, RANK_FLOOR = 0.06, 0.5  # weight of the n-th concept of a mapping row: 1 − n·step ≥ floor
CONTEXTE_ACTE = 0.5
MIN_COMPOSE = 7  # a word this long may be the last part of a compound ("cystoscopie" in "urétrocystoscopie")
# Words that qualify a need (severity, course, extent) rather than name one (`qualificatifs.py`):
# read with the words they qualify, never as a need of their own.
# (and so do hedges: "suspicion de méningite" is the meningitis, `incertitudes.py`)
MODIFICATEURS = QUALIFICATIFS | INCERTITUDES
# Words naming the kind of care asked for, not the disease ("scoliose … chirurgie", "hépatite C
# traitement"): a coded label holding one by chance ("troubles fonctionnels après chirurgie
# cardiaque", "syndromes dus à de mauvais traitements") is no reading of the disease typed beside
# it. They weigh as qualifiers do, and a reading of the disease covers them (the care asked for it).
SOINS = ("chirurgie", "chirurgies", "chirurgical", "chirurgicale", "chirurgicaux", "traitement", "traitements")
# Stem endings of words that name an act in medical French (-ectomie, -otomie, -ostomie, -plastie,
# -scopie, -pexie, -raphie, -centèse, -tripsie, -synthèse): a diagnosis label holding such a word
# ("syndrome post-cholécystectomie") does not keep the act's own labels from reading it.
FORMES_ACTE = ("ectom", "otom", "ostom", "plast", "scop", "pex", "raph", "centes", "trips", "synthes")
# Words naming a pregnancy or a newborn (the CIM-10 chapters O and P are about them only).
POPULATION = ("grossesse", "enceinte", "accouchement", "accoucher", "gestation", "parturiente", "post-partum",
              "nouveau-né", "nouveau-nés", "nourrisson", "bébé", "prématuré", "néonatal", "néonatale",
              "foetus", "fœtus", "foetal", "SA", "terme", "césarienne", "obstétrical", "obstétricale")
PREFIXES_POPULATION = ("post",)  # first parts of POPULATION's compounds that name no population
POPULATION_CHAPITRES = ("O", "P")  # CIM-10 pregnancy (O00-O99) and newborn (P00-P96) codes
CLINIQUE = "terme clinique"  # source of a clinician's name of a diagnosis (`cliniques.csv`)
LEXIQUE_POPULATION = "lexique, population"  # source of a lay word's population codes
GRAPHIE_MIN, GRAPHIE_FACTEUR = 7, 10  # a label word misspelt in its table (`Terminologie.graphie`)
MODIFICATEUR_PART = 0.5  # a qualifier's weight in a reading, relative to a word of the need
SHARPEN = 1.5  # confidence = (votes / best votes) ** SHARPEN
CIM10 = "CIM-10 "  # source prefix of a coded diagnosis's document
RECENTE = "recent"  # folded word of ATIH's "récente" extensions (`debut.py`)
SIGNES = "R"  # CIM-10 chapter XVIII: symptoms, signs and abnormal findings not classified elsewhere
OMS = 4  # characters of a WHO CIM-10 code (category + subdivision); ATIH extends some to 5 or 6
MIN_COMBINANT = 5  # a combining form this long ("ventriculo") stands for the words it begins
MOT_COURT = 4  # a stem this short may fold two words ("dos" of "dose"): typed, it reads its own word
# Function words that are also the first part of a compound the tokenizer splits at its hyphen
# ("sous-dural", "avant-bras", "entre-deux") or a noun ("des vers"): they still read labels.
PREFIXES_COMPOSES = frozenset(("sous", "avant", "vers", "entre"))
# Quantifiers and adverbs of degree or time ("quelques", "toutes les nuits", "presque", "jusque
# dans le pied", "encore"): how much or how often, never which care ("Relayage courte durée
# (quelques heures)", "Tout public", "Soins de trachéotomie (jusqu'à 3 aspirations)"); a lay
# expression holding one still binds on it ("angoisses toutes les nuits", "fait encore pipi").
ADVERBES = frozenset(plier(w) for w in """
    quelques quelque plusieurs tout toute toutes tous presque encore jusque jusqu déjà toujours
    parfois trop assez peu vraiment aussi aucun aucune chaque
    """.split())
VIDES = (OUTILS | ADVERBES) - PREFIXES_COMPOSES  # folded words that never name a need alone


@dataclass(frozen=True, slots=True)
class Terme:
    """One document of the vocabulary: a CIM-10 label or a lay word, and the concepts it means."""

    source: str  # "CIM-10 K650", "lexique"
    libelle: str
    concepts: tuple[str, ...]
    poids: float

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as one constructor call (an offer image holds ~10-20k of them): twice as fast
        to load as a dataclass's field-by-field state."""
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Lecture:
    """What some words of a query mean through the vocabulary: which words (indices into the words
    given), the concepts with a confidence in (0, 1], and the labels that carried them."""

    mots: tuple[int, ...]
    concepts: tuple[tuple[str, float], ...]
    libelles: tuple[str, ...]
    courant: bool = False  # read by a lay word typed whole (its usual meaning)


def _lire_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class Prefixes:
    """CIM-10 code → concepts of its longest mapped prefix."""

    def __init__(self, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.table = dict(rows)
        self.longest = max((len(p) for p in self.table), default=0)

    def concepts(self, code: str) -> tuple[str, ...]:
        for n in range(min(self.longest, len(code)), 0, -1):
            hit = self.table.get(code[:n])
            if hit is not None:
                return hit
        return ()


class Terminologie:
    """Postings stem → documents; `lire(stems)` finds the labels covering most of the words."""

    def __init__(self, termes: Sequence[Terme], analyseur: Termes,
                 verbes: Iterable[tuple[str, str]] = (), equivalents: Iterable[tuple[str, str]] = (),
                 signes: Iterable[int] = ()) -> None:
        self.termes = list(termes)
        # signs and symptoms: CIM-10 chapter XVIII labels and the lay words routed there only
        # ("fièvre", "vomissements"); beside a diagnosis they yield to it (`lire`)
        self.signes = frozenset(signes) | frozenset(
            i for i, t in enumerate(self.termes) if t.source.startswith(CIM10 + SIGNES))
        self.analyseur = analyseur
        # A CIM-10 code's national extensions (ATIH's 5th and 6th characters: "F02400" démence
        # légère, moyenne, sévère… of WHO's F02.4) are one diagnosis: they vote once, as their
        # WHO code does, so a finely split code does not outvote a whole category ("VIH": the 21
        # labels of F02.4, HIV dementia, against Z21).
        familles: dict[str, int] = {}
        self.familles = tuple(familles.setdefault(t.source[:len(CIM10) + OMS], i)
                              if t.source.startswith(CIM10) else i for i, t in enumerate(self.termes))
        self.actes = frozenset(i for i, t in enumerate(self.termes) if t.source.startswith("CCAM"))
        postings: dict[str, list[int]] = {}
        surface: dict[str, set[str]] = {}
        self.accents = Accents()  # a final « é » typed tells "côté" from "côte" (`accents.py`)
        # short words' stems → each label word of that stem → its labels: "dos" is not "dose"
        courts: dict[str, dict[str, set[int]]] = {}
        mots_cim: dict[int, frozenset[str]] = {}  # a CIM-10 label's words (stems)
        for i, t in enumerate(self.termes):
            mots = list(analyseur.mots(sans_exclusions(t.libelle, denis=True)))
            if t.source.startswith(CIM10) and not t.source.startswith(CIM10 + SIGNES):
                mots_cim[i] = frozenset(m.terme for m in mots)
            for m in mots:
                lst = postings.setdefault(m.terme, [])
                if not lst or lst[-1] != i:
                    lst.append(i)
                surface.setdefault(m.plie, set()).add(m.terme)
                self.accents.ajouter(i, m.surface, m.terme)
                if len(m.terme) <= MOT_COURT:
                    courts.setdefault(m.terme, {}).setdefault(m.plie, set()).add(i)
        self.accents.figer()
        self.courts = {st: {w: frozenset(ds) for w, ds in formes.items()} for st, formes in courts.items()}
        # An everyday verb's forms read as the noun the labels use ("dort" → sommeil): the form's
        # stem holds the noun's labels too (`verbes.py`). So does an everyday noun its label word
        # (`equivalents.csv`), and a verb its further label words ("avaler": ingéré), in the coded
        # labels only, not in the lay words: "soude" is a corrosion, not the lay word "brûlure"
        # whose labels say "Brûlure et corrosion", and "avaler" is not the lay word "ingéré".
        profanes = frozenset(i for i, t in enumerate(self.termes) if t.source.startswith("lexique"))
        lus: set[str] = set()
        classes: dict[str, set[str]] = {}  # a verb's forms and its noun, one class of stems
        paires = [(f, n, False) for f, n in verbes] + [(f, n, True) for f, n in equivalents]
        premiers: set[str] = set()  # verbs whose first noun was read: a further one is restricted so
        for forme, nom, equivalent in paires:
            verbe, noun = analyseur.terme(forme), analyseur.terme(nom)
            if verbe is None or noun is None or noun not in postings or verbe == noun:
                continue
            restreint = equivalent or verbe in premiers
            premiers.add(verbe)
            # one class of stems per meaning: a verb of two label words joins their classes
            classe = classes.get(noun, {noun}) | classes.get(verbe, {verbe})
            for x in classe:
                classes[x] = classe
            postings[verbe] = sorted(set(postings.get(verbe, ())) | {
                d for d in postings[noun] if not restreint or d not in profanes})
            surface.setdefault(plier(forme), set()).add(verbe)
            lus.add(plier(forme))
        # A lay symptom expression ("sang dans les selles") reads only its words typed together,
        # each in any of its feminine / plural forms (`symptomes.py`) and, for a verb of
        # `verbes.csv`, any of its forms or its noun ("vomit du sang", "vomissements de sang").
        self.entiers: dict[int, tuple[frozenset[str], ...]] = {}
        self.outils = frozenset(s for w in OUTILS if (s := analyseur.terme(w)) is not None)
        self.degres = frozenset(s for w in DEGRES if (s := analyseur.terme(w)) is not None)
        # (but the first part of a compound the tokenizer splits, "sous-dural", "avant-bras", or a
        # noun of the same spelling, "vers" the worms, still reads)
        self.vides = frozenset(s for w in VIDES if (s := analyseur.terme(w)) is not None)
        for i, t in enumerate(self.termes):
            if t.source == "symptome":
                self.entiers[i] = tuple(frozenset(slot.union(*(classes.get(x, ()) for x in slot)))
                                        for slot in mots_pleins(t.libelle, analyseur.analyser))
                for st in set().union(*self.entiers[i]):
                    lst = postings.setdefault(st, [])
                    if i not in lst:
                        lst.append(i)
                        lst.sort()
        self.postings = postings
        # Words of the lay lexicon: everyday words people use for their need ("boule", "sein"),
        # never mistaken for the place names that share them.
        self.courants = frozenset(m.plie for t in self.termes if t.source.startswith(("lexique", "symptome"))
                                  for m in analyseur.mots(t.libelle.split("  ")[0])) | lus
        # each lay word's own words (its document also holds the labels of its codes)
        self.soins = frozenset(t for w in SOINS for t in analyseur.termes(w))
        self.modificateurs = frozenset(t for w in MODIFICATEURS for t in analyseur.termes(w)) | self.soins
        # Labels of a population of its own (pregnancy O00-O99, the newborn P00-P96), read only for
        # a query naming it: "infection urinaire" is not "… au cours de la grossesse"
        # ATIH's "récente" extensions (G81.00 hémiplégie récente, R47.00 aphasie récente): the
        # acute phase of a sign, read for a text saying its onset (`debut.py`)
        self.recentes = frozenset(i for i, t in enumerate(self.termes)
                                  if t.source.startswith(CIM10) and RECENTE in plier(t.libelle))
        self.populations = frozenset(i for i, t in enumerate(self.termes)
                                     if t.source.startswith(("CIM-10 O", "CIM-10 P", LEXIQUE_POPULATION)))
        # (the prefix of "post-partum" is no birth: "post-traumatique", "post-opératoire")
        self.mots_population = frozenset(t for w in POPULATION for t in analyseur.termes(w)) \
            - frozenset(analyseur.termes(" ".join(PREFIXES_POPULATION)))
        # the words of each CIM-10 label but its qualifiers and function words: typed all, they
        # name that diagnosis in full ("mélaena", "érysipèle"); a sign or finding of chapter XVIII
        # ("hyperglycémie" beside "diabète") names no diagnosis
        self.noms_cim = frozenset(ws - self.modificateurs - self.outils for ws in mots_cim.values())
        self.mots_courants = {i: frozenset(m.terme for m in analyseur.mots(t.libelle.split("  ")[0]))
                              for i, t in enumerate(self.termes) if t.source.startswith("lexique")}
        self.mots_courants.update({i: frozenset() for i in self.entiers})  # whole once they read
        # words the lay lexicon gives a diagnosis of their own, alone ("décompression": T70.3)
        self.profanes_seuls = frozenset(next(iter(ws)) for i, ws in self.mots_courants.items()
                                        if len(ws) == 1 and self.termes[i].source == "lexique")
        # words the lay lexicon reads alone as a diagnosis that also open an act's label, its action
        # ("sectionné": a traumatic cut; "Section ou allongement de tendons", a tenotomy): typed,
        # they say the injury, and an act holding them counts only its other words (`lire`)
        self.gestes_profanes = frozenset(
            m.terme for d in self.actes for m in analyseur.mots(self.termes[d].libelle)[:1]
            if m.terme in self.profanes_seuls)
        # words a query never passes (`neutraliser`); a function word ("moins", "très", "quand")
        # never reads a label: "de moins en moins" is no "infarctus de 24 heures ou moins"
        self.neutres: frozenset[str] = self.vides
        # a SAMU call reason's own words (its title, not the examples of its description)
        self.mots_motifs = {i: frozenset(m.terme for m in analyseur.mots(t.libelle.split("  ")[0]))
                            for i, t in enumerate(self.termes) if t.source.startswith("motif SAMU")}
        self.mots_propres = {**self.mots_courants, **self.mots_motifs}
        # IDF over the diagnoses and lay words, so adding the acts leaves their readings unchanged;
        # a word only the acts hold is weighed among the acts.
        n_actes = max(1, len(self.actes))
        n = max(1, len(self.termes) - len(self.actes))
        self.hors_actes = frozenset(s for s, ds in postings.items() if any(d not in self.actes for d in ds))
        self.actes_seuls = frozenset(  # (`acte_seul`)
            s for s, ds in postings.items() if s not in self.hors_actes
            and len({self.termes[d].source[len("CCAM ")] for d in ds} - {"Z"}) == 1)
        self.idf = {}
        for s, d in postings.items():
            k = sum(1 for x in d if x not in self.actes)
            self.idf[s] = math.log(1 + n / k) if k else math.log(1 + n_actes / len(d))
        self.surface = {w: min(st) for w, st in surface.items()}
        self.fautes = VocabulaireFlou(self.surface, {w: len(postings[s]) for w, s in self.surface.items()})
        self._cache: dict[tuple[str, ...], Lecture | None] = {}
        # last parts of the labels' long words: suffix → the words ending so
        self._suffixes: dict[str, list[str]] = {}
        for w in postings:
            for k in range(3, len(w) - MIN_COMPOSE + 1):
                self._suffixes.setdefault(w[k:], []).append(w)

    def __len__(self) -> int:
        return len(self.termes)

    def neutraliser(self, stems: Iterable[str]) -> None:
        """Words the reader of a query never passes here ("fait", "mal" of "se fait vomir", "a du
        mal à lire"): a lay word is typed whole without them."""
        self.neutres = frozenset(stems) | self.vides

    def _autres_mots(self, surface: str, stem: str) -> frozenset[int]:
        """The labels a short typed word cannot mean: those writing its stem only as another word
        than it or its plural ("bas débit de dose" for "dos", "dose de rappel" for… "dose" typed)."""
        formes = self.courts.get(stem)
        plie = plier(surface)
        if formes is None or len(plie) > MOT_COURT + 1 or self.analyseur.terme(plie) != stem:
            return frozenset()  # (a misspelt word read as its correction is judged by it)
        # (a word no label writes is its stem's form with a doubled letter typed once: "lyel")
        inconnu = plie not in self.surface
        siens = frozenset().union(*(ds for w, ds in formes.items()
                                    if meme_mot(w, plie) or inconnu and redouble(w, plie)))
        autres = frozenset().union(*(ds for w, ds in formes.items() if not meme_mot(w, plie)))
        return autres - siens

    def connait(self, stem: str, actes: bool = True) -> bool:
        """Whether some label holds the word (`actes=False`: a label other than a CCAM act's)."""
        if not actes:
            return stem in self.hors_actes
        return stem in self.postings or bool(self._compose(stem))

    def diagnostic(self, stems: Sequence[str]) -> bool:
        """Whether a CIM-10 label says these words and no other but qualifiers ("Sclérose en
        plaques"): they name a diagnosis even where a lay word typed whole reads them first."""
        if not stems or any(s not in self.postings for s in stems):
            return False
        docs = set(self.postings[stems[0]]).intersection(*(self.postings[s] for s in stems[1:]))
        tolere = set(stems) | self.modificateurs | self.outils
        return any(self.termes[d].source.startswith(CIM10)
                   and {m.terme for m in self.analyseur.mots(self.termes[d].libelle)} <= tolere
                   for d in docs)

    def lus_ensemble(self, stems: Sequence[str]) -> bool:
        """Whether some label other than a CCAM act's holds two of these words (qualifiers aside):
        the diagnoses and lay words read them as one phrase ("pression positive" of a
        pneumothorax), not only word by word ("dérivation" of the cannabis "dérivés")."""
        pleins = [s for s in dict.fromkeys(stems) if s not in self.modificateurs]
        vus: set[int] = set()
        for s in pleins:
            docs = {d for d in self._postings(s) if d not in self.actes}
            if docs & vus:
                return True
            vus |= docs
        return False

    def tient(self, stems: Sequence[str]) -> bool:
        """Whether one label holds all these words (qualifiers aside); a combining form
        ("ventriculo", "aorto") stands for the words it begins ("ventriculaire")."""
        pleins = [s for s in dict.fromkeys(stems) if s not in self.modificateurs]
        docs: set[int] | None = None
        for s in pleins:
            found = set(self._postings(s))
            if s.endswith("o") and len(s) >= MIN_COMBINANT:
                found.update(d for w, ds in self.postings.items() if w.startswith(s[:-1]) for d in ds)
            docs = found if docs is None else docs & found
        return bool(docs)

    def acte_seul(self, stem: str) -> bool:
        """Whether a word names one act and nothing else: only CCAM acts' labels hold it, all on
        one organ system (the code's first letter: "hystéroscopie", "trachéotomie"; Z, acts
        on several systems, aside), not an action done on any organ ("création", "ligature",
        "biopsie") nor a word of a diagnosis."""
        return stem in self.actes_seuls

    def profane_seul(self, stem: str) -> bool:
        """Whether the lay lexicon reads this word alone as a diagnosis ("décompression" is the
        divers' disease): an act label holding it in passing ("Décompression médullaire") does
        not take it from the diagnosis."""
        return stem in self.profanes_seuls

    def _compose(self, stem: str) -> tuple[int, ...]:
        """Documents holding `stem` as the last part of a compound word the labels use
        ("urétrocystoscopie", "oesogastroduodénoscopie"): medical French glues organs to the act."""
        if len(stem) < MIN_COMPOSE or stem in self.postings:
            return ()
        docs: set[int] = set()
        for w in self._suffixes.get(stem, ()):
            docs.update(self.postings[w])
        return tuple(sorted(docs))

    def ensemble(self, stem: str, autres: Iterable[str]) -> bool:
        """Whether some label holds the word together with one of the other words."""
        docs = set(self._postings(stem))
        return any(docs.intersection(self._postings(a)) for a in autres if a != stem)

    def _postings(self, stem: str) -> Sequence[int]:
        found = self.postings.get(stem)
        return found if found is not None else self._compose(stem)

    def _idf(self, stem: str) -> float:
        found = self.idf.get(stem)
        if found is None:
            found = math.log(1 + max(1, len(self.actes)) / max(1, len(self._compose(stem))))
        return found

    def corriger(self, plie: str) -> str | None:
        """The stem a misspelt folded word most likely stands for (None: no close word)."""
        found = self.fautes.chercher(plie)
        return self.surface[found[0][0]] if found else None

    def graphie(self, plie: str, stems: Iterable[str], frequence: int) -> str | None:
        """The stem of the word a label word misspells by a dropped letter (the ANS table writes
        "nourisson"): a word of at least GRAPHIE_MIN letters the clinical labels never use, one
        letter short of a word they use GRAPHIE_FACTEUR times more often, and not a relative of it
        ("traumatisé" is not "traumatisme": one stem extends the other)."""
        if len(plie) < GRAPHIE_MIN or plie in self.surface:
            return None
        for cand, dist in self.fautes.chercher(plie, max_distance=1)[:1]:
            stem = self.surface[cand]
            if dist != 1 or len(cand) != len(plie) + 1 \
                    or not any(cand[:i] + cand[i + 1:] == plie for i in range(len(cand))):
                return None
            if any(stem.startswith(s) or s.startswith(stem) for s in stems):
                return None
            if len(self.postings.get(stem, ())) >= GRAPHIE_FACTEUR * max(1, frequence):
                return stem
        return None

    def _votes(self, docs: Iterable[int], delies: frozenset[int] = frozenset()) -> dict[str, float]:
        """Concepts of some labels, weighted by how often the diagnosis is coded. `delies`: lay
        words not typed whole, weighed as an ordinary label (`LEXIQUE_DELIE`)."""
        par_famille: dict[int, dict[str, float]] = {}
        for d in docs:
            t = self.termes[d]
            poids = t.poids * (LEXIQUE_DELIE if d in delies else 1.0)
            famille = par_famille.setdefault(self.familles[d], {})
            for rank, c in enumerate(t.concepts):
                # a mapping row lists its concepts from the most to the least fitting
                w = poids * max(RANK_FLOOR, 1.0 - RANK_STEP * rank)
                if d in self.actes and not c.startswith("R210:"):
                    w *= CONTEXTE_ACTE  # a CCAM act means the ROR act first, its speciality second
                famille[c] = max(famille.get(c, 0.0), w)  # (a code's extensions: its best one)
        local: dict[str, float] = {}
        for famille in par_famille.values():
            for c, w in famille.items():
                local[c] = local.get(c, 0.0) + w
        return local

    def _nomme(self, ws: frozenset[int], stems: Sequence[str | None]) -> bool:
        """Whether these words name a coded diagnosis in full (a CIM-10 label says them and no other
        word but qualifiers): a reading of its own, as a lay word typed whole is, and a more
        precise one than the lay word typed beside it ("mélaena et malaise")."""
        pleins = frozenset(s for k in ws if (s := stems[k]) and s not in self.modificateurs and s not in self.outils)
        return bool(pleins) and pleins in self.noms_cim

    def _longueur_tapee(self, d: int, typed: set[str | None]) -> int:
        """How many of a lay word's own words the query typed (a symptom expression binds whole:
        all its words)."""
        if d in self.entiers:
            return len(self.entiers[d])
        return len(self.mots_courants[d] & typed) if self.mots_courants[d] - self.neutres <= typed else 0

    def lire(self, stems: Sequence[str | None], libres: Iterable[int] | None = None,
             population: bool = True, tapes: Sequence[str | None] = (),
             surfaces: Sequence[str] = (), recent: bool = False) -> Lecture | None:
        """The labels holding the largest (IDF-weighted) share of `stems`; None entries are skipped.
        A reading needs the best labels to hold every word they are credited with. `libres`: the
        words the ROR labels do not explain themselves, the only ones a CCAM act may read (None:
        all), so an act never reinterprets a word the ROR names ("réentraînement à l'effort").
        `population`: the query names a pregnancy or a newborn; if not, a pregnancy's or a newborn's
        label yields to a general one covering the same words ("occlusion intestinale").
        `tapes`: the stems of every word typed, in the order of `stems`, those not passed here too
        ("fait" of "se fait vomir"), so the lay word typed most fully says what the words mean.
        `surfaces`: the words as typed, in the order of `stems`: a typed accent rules out the labels
        writing the stem as another word (`Accents.contredits`). `recent`: the text says the sign
        has just begun (`debut.py`): a CIM-10 category's recent codes read it, not its other codes."""
        libre = None if libres is None else frozenset(libres)
        key = tuple(s or "" for s in stems) + (("|", *map(str, sorted(libre))) if libre is not None else ()) \
            + (() if population else ("-p",)) + (("-r",) if recent else ())
        neutres_tapes = tuple(t if t in self.neutres else None for t in tapes) \
            if len(tapes) == len(stems) else ()
        key += tuple(t or "" for t in neutres_tapes)
        contredits = [self.accents.contredits(w, s) | self._autres_mots(w, s) if s else frozenset()
                      for w, s in zip(surfaces, stems, strict=False)]
        if any(contredits):
            key += ("~", *(w for w, c in zip(surfaces, contredits, strict=False) if c))
        else:
            contredits = []
        if key in self._cache:
            return self._cache[key]
        hits: dict[int, set[int]] = {}
        for k, s in enumerate(stems):
            if not s:
                continue
            exclus = contredits[k] if contredits else frozenset()
            for d in self._postings(s):
                if s in self.vides and d not in self.entiers and d not in self.mots_courants:
                    continue  # (only a lay word or expression holding the word reads it…)
                if libre is not None and k not in libre and d in self.actes:
                    continue
                if d in exclus:
                    continue
                hits.setdefault(d, set()).add(k)
        vides = {k for k, s in enumerate(stems) if s and s in self.vides}
        if vides:
            for d in [d for d, ws in hits.items() if ws <= vides and d not in self.entiers]:
                del hits[d]  # (… with its other words: "tout" alone is no "oublie tout")
        for d in [d for d in hits if d in self.entiers]:
            # (a qualifier or a word of degree typed inside does not break it: "saigne énormément
            # après …", "ronfle très fort et …")
            ensemble_ = ensemble(self.entiers[d], stems, sorted(hits[d]),
                                 self.outils | self.modificateurs | self.degres)
            if ensemble_ is None:
                del hits[d]
            else:
                hits[d] = ensemble_
        # A diagnosis, a symptom or a lay word covering as many words reads the query; the CCAM acts
        # read only the words no such label holds ("cystoscopie", "arthroscopie du genou"), so the
        # many acts on an organ never outvote the diagnosis ("fracture de la mandibule").
        # (an act covers none of the lay diagnosis words opening its label: "section des tendons"
        # is the cut tendon, not "Section ou allongement de plusieurs tendons")
        if self.actes and hits and not any(s and s.endswith(FORMES_ACTE) for s in stems):
            autres = {d: ws for d, ws in hits.items() if d not in self.actes}
            gestes = {k for k, s in enumerate(stems) if s in self.gestes_profanes}
            if autres and max(map(len, autres.values())) >= max(
                    len(ws - gestes) if d in self.actes else len(ws) for d, ws in hits.items()):
                hits = autres
        if recent and hits:
            # (the hemiplegia of an acute stroke, G81.00, not the spastic or unspecified G81.1, G81.9)
            aigues = {self.termes[d].source[:len(CIM10) + 3] for d in hits if d in self.recentes}
            hits = {d: ws for d, ws in hits.items()
                    if d in self.recentes or self.termes[d].source[:len(CIM10) + 3] not in aigues}
        if not population and hits:
            generales = {frozenset(ws) for d, ws in hits.items() if d not in self.populations}
            hits = {d: ws for d, ws in hits.items() if d not in self.populations or frozenset(ws) not in generales}
        result = None
        if hits:
            def gain(words: frozenset[int]) -> float:
                total = 0.0
                for k in words:
                    stem = stems[k]
                    if stem:
                        total += self._idf(stem) * (MODIFICATEUR_PART if stem in self.modificateurs else 1.0)
                return total

            by_set: dict[frozenset[int], list[int]] = {}
            for d, held in hits.items():
                by_set.setdefault(frozenset(held), []).append(d)
            # A lay word typed whole says the usual meaning of those words: the lay words read
            # them, and the many coded labels that merely share a word with it ("dents" in
            # "Antécédents de maladies des dents") do not outvote it.
            courants: set[frozenset[int]] = set()
            signes = {ws for ws, ds in by_set.items() if self.signes.issuperset(ds)}
            phrases: set[frozenset[int]] = set()  # of them, lay phrases typed whole ("ne mange plus")
            for ws, ds in by_set.items():
                typed = {stems[k] for k in ws}
                if any(d in self.mots_courants and self.mots_courants[d] - self.neutres <= typed for d in ds):
                    lus = [d for d in ds if d in self.mots_courants]
                    # Like a synonym phrase, the longest lay word typed whole reads the words: "se
                    # fait vomir" (an eating disorder) is typed, so "vomit" (nausea) does not vote
                    # (the lay words not typed whole keep their ordinary label's weight).
                    autour = _voisins(ws, neutres_tapes)
                    longueur = {d: self._longueur_tapee(d, typed | autour) for d in lus}
                    plus_long = max(longueur.values())
                    by_set[ws] = [d for d in lus if longueur[d] in (0, plus_long)]
                    courants.add(ws)
                    if any(d in self.signes for d in lus if longueur[d] == plus_long):
                        signes.add(ws)  # (the lay word typed whole names a sign: "vomissements")
                    if plus_long >= PHRASE_PROFANE:
                        phrases.add(ws)
            # French puts the head noun first ("colite aiguë grave", "hémoptysie massive"): among
            # labels covering as many words, those holding the first word read the query best.
            head = min(k for k, s in enumerate(stems) if s)

            # Among readings of as many words, a lay word typed whole ("main") says their usual
            # meaning better than a coded label sharing another word ("chirurgie" of "troubles
            # après chirurgie cardiaque").
            # A qualifier ("aiguë", "grave") is not a word of the need: a label sharing it and a
            # body part ("ostéomyélite aiguë - jambe") does not outrank one sharing the need itself
            # and the body part ("infarcissement ischémique - jambe") for "ischémie aiguë de jambe".
            # Words typed together make one phrase: among readings of as many words, one whose
            # words follow each other ("anévrisme cérébral" of "anévrisme cérébral rompu": the
            # site, the axis CIM-10 classifies by first) beats one skipping a read word between
            # them ("anévrisme … rompu" → "Anévrisme aortique, rompu").
            # A coded diagnosis typed in full ("mélaena", "érysipèle") reads as a lay word typed
            # whole does, before the lay word typed beside it ("malaise", "fièvre"): the need is
            # the diagnosis, the lay word its usual companion.
            # A sign or symptom ("fièvre", "vomissements") typed after the disease it comes with
            # ("sigmoïdite fièvre", "occlusion intestinale vomissements") is its companion: among
            # readings of as many words, one naming no sign reads the need first. (A sign typed
            # first is the need itself: "épistaxis sous anticoagulant".)
            signe_second = any(head in ws and ws not in signes for ws in by_set)
            def rank(ws: frozenset[int]) -> tuple[int, bool, bool, bool, int, float]:
                pleins = sum(1 for k in ws if stems[k] not in self.modificateurs)
                sautes = sum(1 for k in range(min(ws), max(ws)) if k not in ws and stems[k]
                             and stems[k] not in self.modificateurs)
                nomme = self._nomme(ws, stems)
                return pleins, not (signe_second and ws in signes), ws in courants or nomme, nomme, -sautes, \
                    gain(ws) * (HEAD_BONUS if head in ws and len(ws) == 1 else 1.0)

            top_set = max(by_set, key=rank)
            if rank(top_set)[0] == 0 and any(s and s not in self.modificateurs for s in stems):
                # only qualifiers are read ("profonde" of "plongeon en eau peu profonde" →
                # "Brûlure profonde"): they say how the need typed beside them is, not another need
                by_set = {}
            top_gain = gain(top_set)
            # Each set of words the labels cover votes once, by its share of the best coverage, so a
            # common word held by hundreds of labels does not outvote the rare word of the query.
            # Another set of words votes only where it agrees with the best reading ("hématome" +
            # "intracérébral": both say neurosurgery), so a qualifier read alone ("grave" →
            # "Retard mental grave") never adds a speciality of its own.
            votes: dict[str, float] = {}
            best: set[int] = set()
            docs: list[int] = []
            # A lay word binds in its own sense only when its words are typed: "fausse" is not
            # "fausse route", "crise" not "crise cardiaque", and "hémorragique" read in the label
            # appended to "attaque" (AVC "non précisé comme étant hémorragique") is no AVC.
            # So does a SAMU call reason (a family of needs) only by its title's words: "épistaxis"
            # among the examples of "Saignements" (with "hémoptysie") is no call reason of its own.
            typed = {s for s in stems if s}
            propres = self.mots_propres
            delies = frozenset(d for d in hits if d in propres and not propres[d] - self.neutres <= typed)
            top_local = self._votes(by_set[top_set], delies) if by_set else {}
            for ws, ds in sorted(by_set.items(), key=lambda item: item[0] != top_set):
                share = gain(ws) / top_gain
                # (a lay phrase typed whole beside the best one is a second need in the patient's
                # words: "ne mange plus" beside "a beaucoup maigri" votes its own sense too)
                entier = ws != top_set and ws in phrases and top_set in phrases and not ws & top_set
                if (share < NEAR_BEST and not entier) \
                        or (ws != top_set and all(stems[k] in self.modificateurs for k in ws)):
                    continue
                local = top_local if ws == top_set else self._votes(ds, delies)
                # A set agreeing with the best reading on a concept it ranks low (the general
                # emergency of "anticoagulant", fifth) gives it its own rank's weight, not a full
                # vote: its peak is taken before the cut.
                peak = max(local.values(), default=1.0)
                if ws != top_set and not entier:
                    local = {c: v for c, v in local.items() if c in top_local}
                    if not local:
                        continue
                share = share ** 2  # a reading of fewer or commoner words counts much less
                best |= ws
                docs += ds
                for c, v in local.items():
                    votes[c] = votes.get(c, 0.0) + share * v / peak
            if votes:
                best |= {k for k, s in enumerate(stems) if s in self.soins}
                top = max(votes.values())
                concepts = tuple((c, round(min(1.0, (v / top) ** SHARPEN), 4))
                                 for c, v in sorted(votes.items(), key=lambda cv: -cv[1])[:MAX_CONCEPTS]
                                 if v >= MIN_PART * top)
                shown = sorted(docs, key=lambda d: -self.termes[d].poids)[:MAX_LIBELLES]
                result = Lecture(tuple(sorted(best)), concepts,
                                 tuple(f"{self.termes[d].libelle} ({self.termes[d].source})" for d in shown),
                                 top_set in courants)
        return remember(self._cache, key, result, 10_000)


def meme_mot(a: str, b: str) -> bool:
    """Whether two folded words are one word, singular or plural ("dos", "reins", "yeux")."""
    return a == b or a in (b + "s", b + "x") or b in (a + "s", a + "x")


def redouble(ecrit: str, tape: str) -> bool:
    """Whether `tape` is `ecrit` with one of its doubled letters typed once ("lyel", "lyell")."""
    return len(ecrit) == len(tape) + 1 and any(
        ecrit[i] == ecrit[i + 1] and ecrit[:i] + ecrit[i + 1:] == tape for i in range(len(ecrit) - 1))


def _voisins(ws: frozenset[int], neutres: Sequence[str | None]) -> set[str | None]:
    """The neutral words typed inside or right beside some read words ("fait" of "se fait
    vomir", "mal" of "respire mal"), not those typed elsewhere in the query."""
    if not neutres:
        return set()
    lo, hi = min(ws), max(ws)
    while lo > 0 and neutres[lo - 1]:
        lo -= 1
    while hi + 1 < len(neutres) and neutres[hi + 1]:
        hi += 1
    return {t for t in neutres[lo:hi + 1] if t}


def charger(dossier: Path | None = None, analyseur: Termes | None = None,
            connus: Iterable[str] | None = None) -> Terminologie:
    """The shipped vocabulary. `connus`: concept ids that exist (others are dropped, so a mapping
    row naming a retired code never reaches the engine; a test keeps the tables clean)."""
    dossier = dossier or fixtures_dir() / "terminologie"
    known = set(connus) if connus is not None else None
    prefixes = Prefixes((r["prefixe"], tuple(r["concepts"].split()))
                        for r in _lire_csv(dossier / "cim10_vers_ror.csv"))
    termes: list[Terme] = []

    def keep(cs: Iterable[str]) -> tuple[str, ...]:
        return tuple(c for c in dict.fromkeys(cs) if known is None or c in known)

    cim: dict[str, tuple[str, float]] = {}
    for r in _lire_csv(dossier / "cim10_libelles.csv"):
        code = r["code"]
        n = int(r["denombrement"]) if r["denombrement"] else 5
        poids = math.log(2 + n)
        cim[code] = (r["libelle"], poids)
        concepts = keep(prefixes.concepts(code))
        if concepts:
            termes.append(Terme(f"CIM-10 {code}", r["libelle"], concepts, poids))
    termes += _actes_ccam(dossier, keep)
    # SAMU call reasons (CISU "motif de recours"): the words callers and regulators use for a
    # family of needs ("s'étouffe, fausse route"), routed like the lay words, through CIM-10 codes.
    for r in _lire_csv(dossier / "samu_motifs.csv"):
        routes: list[str] = list(r["concepts"].split())
        for code in r["cim10"].split():
            routes += prefixes.concepts(code)
        cs = keep(routes)
        if cs:
            termes.append(Terme(f"motif SAMU {r['code']}", f"{r['libelle']}  {r['description']}".strip(),
                                cs, MOTIF_POIDS))
    # Lay words: the hand lexicon, then the body-system layer (`corps.csv`: everyday words for
    # each organ system, routed by the CIM-10 chapter or block of that system).
    lay = [(r["terme"], r["cim10"], r["concepts"]) for r in _lire_csv(dossier / "lexique.csv")]
    lay += [(t, r["cim10"], r["concepts"]) for r in _lire_csv(dossier / "corps.csv")
            for t in r["termes"].split("|") if t.strip()]
    signes: list[int] = []  # lay words routed to signs and symptoms only (CIM-10 chapter XVIII)
    for terme, codes, direct in lay:
        # A lay word naming a newborn's or a pregnancy's diagnosis beside a general one
        # ("jaunisse": P59 neonatal jaundice, R17) means the population's only for a query naming
        # it, as the CIM-10 labels of that population do: its codes make a document of their own.
        tous = codes.split()
        propres = [c for c in tous if c.startswith(POPULATION_CHAPITRES)]
        parts = [(tous, direct.split(), "lexique")] if not propres or len(propres) == len(tous) else [
            ([c for c in tous if c not in propres], direct.split(), "lexique"),
            (propres, [], f"{LEXIQUE_POPULATION} {' '.join(propres)}")]
        for part, directs, source in parts:
            lus: list[str] = list(directs)
            for code in part:
                lus += prefixes.concepts(code)
            cs = keep(lus)
            if cs:
                # A lay word's document also holds the labels of its codes, so "fracture de la
                # mandibule" finds "mandibule" → S02.6 "Fracture du maxillaire inférieur" whole.
                labels = " ".join(cim[c][0] for c in part if c in cim)
                if part and not directs and all(c.startswith(SIGNES) for c in part):
                    signes.append(len(termes))
                termes.append(Terme(source, f"{terme}  {labels}".strip(), cs, LEXIQUE_POIDS))
    # Clinicians' names of a diagnosis the CIM-10 FR labels write in other words (`cliniques.csv`:
    # "thrombose veineuse profonde" is I80.2 "Phlébite … d'autres vaisseaux profonds").
    for r in _lire_csv(dossier / "cliniques.csv"):
        cliniques = r["cim10"].split()
        cs = keep(list(r["concepts"].split()) + [c for code in cliniques for c in prefixes.concepts(code)])
        if cs:
            labels = " ".join(cim[c][0] for c in cliniques if c in cim)
            termes.append(Terme(CLINIQUE, f"{r['terme']}  {labels}".strip(), cs, LEXIQUE_POIDS))
    # Lay symptom expressions (`symptomes.csv`), routed the same way; each binds whole only.
    for sy in charger_symptomes(dossier):
        routes = list(sy.concepts)
        for code in sy.cim10:
            routes += prefixes.concepts(code)
        cs = keep(routes)
        if cs:
            if sy.cim10 and not sy.concepts and all(c.startswith(SIGNES) for c in sy.cim10):
                signes += range(len(termes), len(termes) + len(sy.expressions))
            termes += [Terme("symptome", e, cs, LEXIQUE_POIDS) for e in sy.expressions]
    return Terminologie(termes, analyseur or Termes(), charger_verbes(dossier), charger_equivalents(dossier),
                        signes)


class Hierarchie:
    """CCAM act → concepts: those of the code patterns it matches (organ + access route, "JD_E":
    bladder by a natural orifice, i.e. cystoscopy; `_` is any character), then those of the
    longest mapped ancestor of its place in the hierarchy ("08.01.06.01")."""

    def __init__(self, rows: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.table: dict[str, tuple[str, ...]] = {}
        self.motifs: list[tuple[str, tuple[str, ...]]] = []
        for key, concepts in rows:
            if key[:1].isalpha():
                self.motifs.append((key, concepts))
            else:
                self.table[key] = concepts

    def concepts(self, code: str, hierarchie: str) -> tuple[str, ...]:
        out: list[str] = []
        for motif, concepts in self.motifs:
            if len(code) >= len(motif) and all(m in ("_", c) for m, c in zip(motif, code, strict=False)):
                out += concepts
        parts = hierarchie.split(".")
        for n in range(len(parts), 0, -1):
            hit = self.table.get(".".join(parts[:n]))
            if hit is not None:
                out += hit
                break
        return tuple(dict.fromkeys(out))


def _actes_ccam(dossier: Path, keep: Callable[[Iterable[str]], tuple[str, ...]]) -> list[Terme]:
    """CCAM acts as documents: each label means the ROR acts and activities of its place in the
    CCAM hierarchy (`ccam_vers_ror.csv`, chapter → paragraph, the longest mapped level wins),
    weighted by how many stays carry the act nationally (Open CCAM)."""
    hierarchie = Hierarchie((r["hierarchie"], tuple(r["concepts"].split()))
                            for r in _lire_csv(dossier / "ccam_vers_ror.csv"))
    out = []
    for r in _lire_csv(dossier / "ccam_libelles.csv"):
        concepts = keep(hierarchie.concepts(r["code"], r["hierarchie"]))
        if concepts:
            n = int(r["sejours"]) if r["sejours"] else 5
            out.append(Terme(f"CCAM {r['code']}", r["libelle"], concepts, math.log(2 + n)))
    return out


@lru_cache(maxsize=4)
def abreviations(dossier: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Folded abbreviation → its preferred long forms (one per sense), from the sense inventory,
    then the emergency abbreviations it lacks (`abreviations_urgence.csv`: each row names the
    published text that writes it; its senses follow the inventory's)."""
    dossier = dossier or fixtures_dir() / "terminologie"
    out: dict[str, list[str]] = {}
    for r in _lire_csv(dossier / "abreviations.csv"):
        out.setdefault(plier(r["abreviation"]), []).append(r["forme_longue"])
    urgence = dossier / "abreviations_urgence.csv"
    for r in _lire_csv(urgence) if urgence.exists() else []:
        formes = out.setdefault(plier(r["abreviation"]), [])
        if r["forme_longue"] not in formes:
            formes.append(r["forme_longue"])
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4)
def lignes_ccam(dossier: Path | None = None) -> tuple[tuple[str, ...], ...]:
    """The concept lists of the CCAM hierarchy mapping (`ccam_vers_ror.csv`), one per row: the
    ROR acts of a CCAM chapter or pattern named with the activities that perform them."""
    dossier = dossier or fixtures_dir() / "terminologie"
    return tuple(tuple(r["concepts"].split()) for r in _lire_csv(dossier / "ccam_vers_ror.csv"))

