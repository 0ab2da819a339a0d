"""The concept index: turns a regulator's words into the nomenclature codes they can mean.

Labels of the coded tables (activities, actes, compétences, equipment, modes, offer types, publics,
champs) go through the one analyzer chain into a whoosh index and into compiled postings that
`resolve` walks word by word: exact stem, then synonym phrase, then prefix, then typo.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import accumulate, chain

from whoosh.fields import ID, TEXT, Schema
from whoosh.index import Index
from whoosh.query import Or, Term

from ..memo import remember
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..requete import MAJORITE
from . import complications, mecanismes
from .acuite import lecture_aigue, suites_lues
from .adultes import adultes, places_adultes
from .aidants import aidants
from .analyse import (
    EXCLUSION_RE,
    WORD_RE,
    Mot,
    Termes,
    borner,
    nies,
    plier,
    plier_en_place,
    sans_exclusions,
    sans_nies,
)
from .appellations import entrees_appellations
from .arret_cardiaque import reanimations
from .circonstances import circonstancielles, composes
from .conduites_alimentaires import conduites_alimentaires
from .contexte import ecarter, mesures_inconnues
from .debut import recent
from .deficits import deficits
from .depistage import depistages
from .dictionnaire import Dictionnaire, flexions
from .domaines import Domaines, charger_domaines
from .ebouillantement import liquides_bouillants
from .empechements import empeches
from .espaces import CONCEPT_TABLES, GROSSIERS, TABLE_RANK, Concept, espace_de
from .fautes import VocabulaireFlou, distance_permise, vraisemblable
from .fievre import fievres
from .fin_de_vie import mourir_chez_soi
from .formes_courtes import deplier, deplier_apres, deplier_devant
from .garde import medecin_de_garde
from .generaux import generaux
from .gravite import GRAVITE, intensifs_d_abord, qualifie
from .groupe import ConceptMatch, Groupe, Via
from .homographes import verbes_homographes
from .idiomes import blanchir
from .imagerie import sites
from .interruptions import interruptions
from .intoxications import prises
from .locutions import Locutions
from .maintien_domicile import fin_du_domicile
from .nouveau_ne import nouveaux
from .parties import parties
from .permanence import route_permanente
from .petits import formes_verbales, petits
from .post_partum import post_partum
from .proches import proches_mots
from .profane import urgences_d_abord
from .professions import entrees_professions, pratique_d_abord, pratiques
from .propos import propos
from .qualificatifs import QUALIFICATIFS, seulement_qualificatifs
from .readaptation import Readaptation, charger_readaptation, entrees_mentions
from .redressement import marquer, redresser
from .residence import chez_soi
from .sans_abri import sans_abri, soins_sans_abri
from .sejour_temporaire import sejours_temporaires
from .sigles import (
    BRACKETS_RE,
    PROFILS_ANNUAIRE,
    en_passant,
    entrees_acronymes,
    lieu_d_abord,
    lire_sigles,
    place_d_abord,
    sigles_tapes,
)
from .specialistes import specialite
from .stockage import StockageMemoire
from .suggestion import Suggesteur, Suggestion
from .suites import suites
from .suppleances import suppleances
from .synonymes import SOUPLES, SYNONYMES, Entree, Synonymes
from .terminologie import (
    MODIFICATEURS,
    MOT_COURT,
    VIDES,
    Lecture,
    Terminologie,
    abreviations,
    charger,
    lignes_ccam,
    meme_mot,
)
from .textes import Ensemble
from .vacances import vacances
from .voyages import voyages

# How much a match is trusted, by the way it was found.
VIA_FACTOR: dict[str, float] = {"exact": 1.0, "synonyme": 0.9, "terminologie": 0.85, "prefixe": 0.8,
                                "faute": 0.7}
VIA_ORDER: dict[str, int] = {"exact": 0, "synonyme": 1, "terminologie": 2, "prefixe": 3, "faute": 4}
DEPRECATED_FACTOR = 0.5  # a deprecated code still matches, below every active one of equal merit
# Paediatric emergencies: what a child's diagnosis also means; the activities that already say
# "child" (paediatric medicine, ICU, surgery, psychiatry...).
URGENCES_PEDIATRIQUES = "R211:249"
PEDIATRIE_TOUTE = frozenset((URGENCES_PEDIATRIQUES, "R211:088", "R211:130", "R211:369", "R211:094", "R211:605", "R211:604",
                                         "R211:227", "R211:228", "R211:391", "R211:270"))
PEDIATRIE_PART = 0.9
MEDECINE_PEDIATRIQUE = "R211:088"
PEDIATRIE_GENERALE = frozenset((MEDECINE_PEDIATRIQUE, URGENCES_PEDIATRIQUES))  # any child, any need
# Label words of the concepts of old age (folded): a need read as one is not a child's.
GRAND_AGE = ("geriatr", "gerontolog", "sujet age", "personnes agees", "memoire", "alzheimer")
# The words of a child ("fils", "ado"), not of a paediatric service: an adult's age outweighs them.
ENFANTS = frozenset(w for e in SYNONYMES if e.id == "enfant" for k in e.cles for w in plier(k).split())
ANS_RE = re.compile(r"\b(\d{1,3})\s*ans?\b")
# Words before "N ans" that make it a duration, not the patient's age ("depuis 3 ans", "il y a 2 ans").
DUREE = frozenset("depuis pendant durant dans tous les ces".split())
# An adult's life said in lay words: "mon fils … au boulot" is a grown-up son (folded).
ADULTE_RE = re.compile(r"\b(?:au|a son|a mon|du|de son) (?:boulot|travail|taf|bureau|chantier)\b")
PEDIATRIE_HORS_URGENCE = 0.5  # the paediatric emergencies for a need no emergency department takes
PEDIATRIE_EQUIVALENT = 0.95
SPECIALISE = ("spécialisé", "spécialisée", "spécialisés", "spécialisées")  # "… spécialisés brûlés"
# The surgeons operating a child's urinary and genital organs are the paediatric visceral
# surgeons (the French speciality "chirurgie viscérale et urologique pédiatrique", option of the DES
# de chirurgie pédiatrique): urology and gynaecological surgery have no paediatric label of their
# own in TRE_R211, so their child's equivalent is "Chirurgie pédiatrique spécialisée digestif et
# viscérale" (torsion, phimosis, ovarian cyst of a child).
CHIRURGIE_INFANTILE = {"R211:031": "R211:605", "R211:022": "R211:605"}
# Children and adolescents are rehabilitated in the SMR of the mention "pédiatrie" whatever their
# condition (décret n° 2022-24, art. R6123-122 CSP): the child's equivalent of every adult SMR
# mention (TRE_R244 109 « SMR pédiatriques (enfants et adolescents) »).
SMR_PEDIATRIQUE = "R244:109"
# The general emergency departments take every patient: a reading that also names where the need
# is specifically met (a surgical speciality, an ICU, an interventional act) ranks them below it.
# (A child's paediatric emergencies already rank below the paediatric activity doing the same.)
# Namespaces saying how a place receives, not what care it gives (modes, temporalities).
MANIERES = frozenset(("R213", "R240"))
# What a retired kind of offer's words may name today: care (activities, acts, kinds of unit).
SOINS_RETRAITES = frozenset(("R211", "R210", "R244"))
ACCUEIL_TOUT = frozenset(("R211:157", "R244:20", "R244:313", "R213:33"))
# Emergency concepts of an adult reading: a child's reading adds the paediatric emergencies only
# where the adult one has some (the child's emergencies stand in for them).
URGENCES_TOUTES = ACCUEIL_TOUT | {"R211:160"}
URGENCES_GENERALES = "R211:157"  # Urgences polyvalentes hospitalières
SOUS_NOMMES = 0.9  # the general emergencies added to a specialised one: below what the words name
SMR_LIBELLES = ("smr ", "soins medicaux et de readaptation", "soins de suite", "readaptation", "reeducation")
READAPTATION_MOTS = ("smr", "ssr", "suite", "reeduc", "readapt", "rehabilit")  # typed rehabilitation
URGENT = ("urgences", "reanimation", "soins intensifs", "smur")  # label starts of acute-care activities
# Words saying a vital function is failing ("… avec état de choc", "ACR récupéré", "coma"):
# beside a need they say how ill the patient is, not a second need. The need is then also met by
# the units taking any vital distress (SAUV, intensive care), which rank first; they are never
# read through the clinical vocabulary with the need ("état de choc" is not the emotional shock
# of a psychiatric label). "état" is the state they name.
VITAL = frozenset("choc chocs coma comateux comateuse recupere recuperee defaillance defaillances".split())
VITAL_ETAT = frozenset(("etat", "etats"))
# "choc" alone is also a blow ("choc à la tête") or a diagnosis of its own ("choc émotionnel"):
# only "état de choc" says the failing circulation
VITAL_APRES_ETAT = frozenset(("choc", "chocs"))
VITAL_CONCEPTS = ("R211:160", "R211:126", "R211:127", "R244:121")
# Words of a diagnosis saying it threatens life now ("coma hypoglycémique", "choc anaphylactique",
# "fasciite nécrosante", "crise vaso-occlusive", "purpura fulminans"): for a regulator, the
# diagnosis is met first by the acute units (SAUV, intensive care, the general ED), before the
# speciality that follows the disease (endocrinology, dermatology, haematology consultations).
# A "crise" of a chronic disease is an emergency, not always a vital one: the general ED only.
VITAL_SAMU = VITAL | frozenset("""necrosant necrosante necrosants necrosantes fulminant fulminante
    fulminans detresse""".split())
CRISE = frozenset(("crise", "crises"))
ACCUEIL_PART = 0.75  # their score at most, relative to the best specific concept of the reading
SPECIFIQUE = 0.5  # a specific concept this close to the reading's best one counts as named
SECONDAIRE = 0.9  # below the engine's reading tier: what a mapping adds after what the words name
FAMILLE = 40  # a word more labels hold names a family of needs ("troubles"), not one need
RACINE = 6  # a stem this long also names the label words it begins ("diabet" → diabétologie)
MAX_MATCHES = 60  # per group of words; `Groupe.total` says how many there were
MIN_PREFIX = 3  # shorter unknown words are not expanded as prefixes
CLE_COURTE = 3  # a one-word synonym key of a stem this short is read only as spelt (`_cle_courte`)
SIGLE_COURT = 4  # an abbreviation this short typed in capitals is read as such before a place name
PREFIXE_SOUDE = 5  # a word this short in an abbreviation's long form may be a split prefix ("intra")
FORME_LONGUE = 3  # a long form of this many words may leave one word unread (`forme_lue`)
LIES = 3  # an abbreviation's sense and another need of the query meet among their best concepts this many
ROMAIN_RE = re.compile(r"^[ivxl]+$")  # a roman numeral ("stade IV", "type II"), folded
# Adjective endings whose root also makes a combining form ("gastr-ique" / "gastr-o-").
ADJECTIFS = ("ique", "iques", "iaque", "iaques", "ien", "ienne", "iens", "iennes", "al", "ale", "aux", "ales")
MIN_RACINE = 4  # shortest root a combining form is made from ("neur-o")
RESPELLINGS = 6  # respellings of a long unknown word tried with an edit (each a fuzzy lookup)
FAUTE_CACHEE_MIN = 8  # a word this long one edit from a label word of another stem is that word misspelt
# A discipline's noun and its adjective ("sénologie" / "sénologique", "allergie" / "allergique"):
# a typed word and a label word of one stem with these endings are one word family, not a typo.
DERIVES = ("ie", "ies", "ique", "iques")
TETE_MAX = 4  # label terms kept as its head phrase
TETE_PART = 0.8  # a label starting with the two or more words typed: read as that concept

# A concept written as its id ("R211:014"), as the engine and the API print them.
CONCEPT_ID_RE = re.compile(r"\b(R\d{3}):([0-9A-Za-z]+)\b")
# "X après Y", "X suite à Y", "X au décours de Y": Y is the cause, X the care needed now; the words
# of Y rank the units meeting X ("SMR après fracture du col") and never require an acute service.
CAUSE_RE = re.compile(r"\b(?:apres|suite (?:a|d[eu'])|au decours d[eu']|dans les suites d[eu'])", re.IGNORECASE)
# "X pour Y": Y says why X is asked ("oxygénothérapie hyperbare pour plaie chronique", "GEM pour un
# adulte schizophrène"); beside a need named before it, Y ranks the units meeting X.
MOTIF_RE = re.compile(r"\bpour\b", re.IGNORECASE)
NIE = "-"  # marks the stem of a word a label writes after "sans" (`nies`)
PERIODE_MOTS = 2  # words after a cause marker that may name a birth ("après avoir accouché")

# Words of a regulator's sentence that say nothing about the care needed ("patient de 85 ans",
# "une place"): dropped when they would form a group of their own, so they neither filter
# concepts nor ask the name search for a unit called "patient". Folded forms.
GENERIQUES: frozenset[str] = frozenset("""
    patient patiente patients patientes malade malades personne personnes monsieur madame mr mme
    an ans mois semaine semaines jour jours heure heures age homme hommes femme femmes
    besoin besoins cherche recherche chercher trouver urgent urgente place places lit lits
    disponible disponibles dispo service services unite unites structure structures etablissement
    pres proche proches autour km kilometres aujourd hui soir nuit matin demain
    bilan avis rdv rendez vous faire peut plus mal est fait va boit veut apres faut faudrait fallait
    veux voudrais voudrait voulons voulez veulent voulait voulu peux pouvons pouvez peuvent pourrait
    pourrais pouvait
""".split())  # and the relationship words, read with the index (`ConceptIndex.generiques`)
# Words that say when, where, for whom or under which status care is asked ("en urgence", "de
# garde", "la nuit", "H24", "en ambulatoire", "à domicile", "adulte", "jeune", "sans droits ouverts",
# "sortie d'hôpital"), not which care: next to a clinical need they only rank (soft groups) and the
# clinical vocabulary does not read them ("ouverts" is not open-heart surgery, "adulte" not adult
# psychiatry); typed alone they still mean what the labels say ("urgences", "hospitalisation").
# Folded forms.
CONTEXTE: frozenset[str] = frozenset("""
    urgence urgences urgemment garde nuit nuits nocturne h24 24h 24 7j 7 jour jours weekend week end
    dimanche ferie feries permanence astreinte immediat immediate immediatement rapidement vite
    ambulatoire domicile maison seance seances hospitalisation hospitalise hospitalisee hospitaliser sejour hopital
    hopitaux adulte adultes jeune jeunes majeur majeure mineur mineure age agee ages
    agees vieux vieille
    droit droits ouvert ouverts ouverte ouvertes sortie sortant sortante
    suivi suivis consultation consultations controle controles
""".split())
# The words of CONTEXTE naming a time (out of hours, a day, how soon), not a way of receiving.
MOMENTS: frozenset[str] = frozenset("""
    urgemment garde nuit nuits nocturne h24 24h 7j weekend week end dimanche ferie feries
    permanence astreinte immediat immediate immediatement rapidement vite
""".split())
# Words of a planned need ("suivi", "consultation", "contrôle"): a child's need said so is not sent
# to the emergencies first, whatever its reading. Folded forms.
PROGRAMME: frozenset[str] = frozenset("""
    suivi suivis consultation consultations controle controles bilan rdv rendez depistage
""".split())
# Words saying how an act is done, not which ("pose de stent", "mise en place d'une sonde"): a group
# of them alone ("pose" → the acts "Pose de …") ranks beside the act named, never is a need of its own.
GESTES: frozenset[str] = frozenset("""
    pose poser mise changement changer retrait retirer realisation realiser pratiquer
""".split())
# Tables saying who the patient is (specialisation, public, skill), not which care is needed.
QUI = frozenset({"TRE_R245", "TRE_R239", "TRE_R243"})
VOCABULAIRE_DEDANS = 0.8  # a vocabulary sense of words a label reading holds, below that reading
BIEN_LU = 0.5  # a label reading scoring less leaves the word to the clinical vocabulary
FAIBLE = 0.35  # a typo or prefix reading this weak yields to a sure reading of the other words


@dataclass(frozen=True, slots=True)
class Interpretation:
    """What a query means: groups of words (AND) each meaning any of its concepts (OR),
    plus the words nothing explains (left for name search), the generic words dropped, the
    numbers standing alone, and whether input was cut."""

    texte: str
    groupes: tuple[Groupe, ...] = ()
    inexpliques: tuple[str, ...] = ()
    tronque: bool = False
    ignores: tuple[str, ...] = ()  # generic words dropped ("patient", "ans", "place")
    nombres: tuple[str, ...] = ()  # numbers on their own (an age, a postcode): never concepts

    def __str__(self) -> str:
        """The reading, precisely: `(AVC ~synonyme: R210:0459 | R211:098 | …) AND …  ?Rennes`."""
        parts = []
        for g in self.groupes:
            shown = " | ".join(g.concepts[:4]) + (f" | …{g.total - 4}" if g.total > 4 else "")
            parts.append(f"({g.texte} ~{g.via}: {shown})")
        text = " AND ".join(parts) or "()"
        if self.inexpliques:
            text += "  ?" + " ?".join(self.inexpliques)
        return text + ("  [tronqué]" if self.tronque else "")

    @property
    def concepts(self) -> tuple[str, ...]:
        """Every concept of every group, best first, once each."""
        seen: dict[str, None] = {}
        for g in self.groupes:
            for m in g.matches:
                seen.setdefault(m.concept)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class _Postings:
    """What one query word leads to in the compiled index, and how it got there.

    `direct`: labels holding the word; `pleins`: concepts a synonym key names outright (count as
    a full match); `docs`: everything, including labels of the synonym's phrases.
    """

    docs: frozenset[int]
    direct: frozenset[int]
    pleins: frozenset[int]
    via: Via
    corrige: str | None = None  # for a typo: the stem it most likely stands for


class ConceptIndex:
    """Nomenclature labels and synonyms, compiled for resolving and autocompleting queries."""

    def __init__(self, concepts: list[Concept], entrees: Iterable[Entree],
                 lieux: Iterable[str] = (), terminologie: bool = True) -> None:
        self.termes = Termes()
        # words saying nothing of the care needed, with the relationship words: who the patient
        # is, never a need (`proches.py`)
        self.generiques = GENERIQUES | proches_mots()
        # folded forms of everyday verbs: "mon petit tousse" is the child (`petits.py`); read once
        # here, not per query (the data folder comes from the settings, ~0.5 ms to build)
        self.verbes = formes_verbales()
        # common French words typed right, never corrected into another word (`dictionnaire.py`)
        self.dictionnaire = Dictionnaire.charger()
        # Folded words of place names: never read as a prefix or a typo of a medical word
        # ("Paris" is not "pari", "Saint-Malo" is not "malo…"); left for the location/name search.
        self.lieux = Ensemble(w for name in lieux for w in WORD_RE.findall(plier(name)))
        self.concepts = concepts
        self.by_id = {c.id: i for i, c in enumerate(concepts)}
        voc = charger(analyseur=self.termes, connus=self.by_id) if terminologie else None
        abrev = abreviations() if terminologie else {}
        if voc is not None:
            # an acronym the stemmer alters ("CASA" → "cas") or a word of the clinical labels no
            # abbreviation inventory lists ("MIN", "BAT") is not read as a label's acronym; one the
            # inventory lists is, if its stem is no other abbreviation ("AES" → "ae": the label
            # "… Accident avec Exposition au Sang (AES)" is what the letters mean, not the
            # vocabulary's reading of "accident"; "IPS" → "ip" would also be "IP")
            def altere(k: str) -> bool:
                stems = self.termes.termes(k)
                if stems == [plier(k)]:
                    return False
                return plier(k) not in abrev or any(st in abrev or st in voc.surface for st in stems)

            entrees = [e for e in entrees if not e.id.startswith("sigle:") or not any(
                altere(k) or (plier(k) in voc.surface and plier(k) not in abrev) for k in e.cles)]
        self.synonymes = Synonymes(entrees, self.termes)
        self._mots_synonymes = frozenset(t for phrase in self.synonymes.par_phrase for t in phrase)
        self.cabinets = pratiques(self.synonymes.entrees.values())
        postings: dict[str, set[int]] = {}
        self._n_terms: list[int] = []
        self._tetes: list[tuple[str, ...]] = []  # each label's first terms (its head phrase)
        surface: dict[str, set[str]] = {}
        courts: dict[str, dict[str, set[int]]] = {}
        for i, c in enumerate(concepts):
            libelle = sans_exclusions(c.libelle)
            text = libelle + (" " + sans_exclusions(c.libelle_court) if c.libelle_court else "")
            mots = self.termes.mots(text)
            # (a word the label writes after "sans" names what the concept does without: it is
            # found only by a word typed after "sans" too, `NIE`)
            sans = nies(libelle) + [(a + len(libelle) + 1, b + len(libelle) + 1)
                                    for a, b in nies(sans_exclusions(c.libelle_court or ""))]
            terms = [NIE + m.terme if any(a <= m.start < b for a, b in sans) else m.terme for m in mots]
            n_libelle = len(self.termes.termes(libelle))
            self._n_terms.append(max(1, len(set(self.termes.termes(libelle)))))
            self._tetes.append(tuple(terms[:min(TETE_MAX, n_libelle)]))
            for t in self._with_synonyms(terms):
                postings.setdefault(t, set()).add(i)
            for m, t in zip(mots, terms, strict=True):
                if t.startswith(NIE):
                    continue
                surface.setdefault(m.plie, set()).add(m.terme)
                if len(m.terme) <= MOT_COURT:
                    courts.setdefault(m.terme, {}).setdefault(m.plie, set()).add(i)
        for key, _eid, _folded in self.synonymes.cles:
            for m in self.termes.mots(key):
                surface.setdefault(m.plie, set()).add(m.terme)
        self.postings: dict[str, frozenset[int]] = {t: frozenset(d) for t, d in postings.items()}
        # Surface words (folded, unstemmed) → stems present in the index: prefixes and typos are
        # judged on what was typed, not on a stem of a misspelt word.
        self._surface = {w: tuple(sorted(s for s in stems if s in self.postings or
                                         self.synonymes.par_phrase.get((s,))))
                         for w, stems in surface.items()}
        self._surface = {w: s for w, s in self._surface.items() if s}
        # a short stem written as several words in the labels → the labels of each: a short word
        # typed matches a label word of its stem only as itself or its plural ("bas" is not "base",
        # "dos" not "dose", "foie" not "foyer")
        self._courts = {st: {w: frozenset(ds) for w, ds in formes.items()} for st, formes in courts.items()}
        self._words = sorted(self._surface)
        weight = {w: sum(len(self.postings.get(s, ())) for s in st) for w, st in self._surface.items()}
        self.fautes = VocabulaireFlou(self._words, weight)
        self._locutions = Locutions((m for key, _eid, _f in self.synonymes.cles
                                     if len(ms := self.termes.mots(key)) > 1 for m in ms), self._surface.__contains__)
        self.entry_docs: dict[str, tuple[int, ...]] = {}
        self.manquants: dict[str, list[str]] = {}  # entry id → direct codes absent from the tables
        for eid, e in self.synonymes.entrees.items():
            self.entry_docs[eid] = self._compile_entry(e)
        self._cache: dict[tuple[str, str, bool, bool, bool, bool], _Postings | None] = {}
        self.suggesteur = Suggesteur(self)
        self._whoosh_ix = None  # built on first full-text search: resolve and suggest never need it
        self.vocabulaire: Terminologie | None = None
        self.abreviations: dict[str, tuple[str, ...]] = {}
        self.domaines = Domaines(())  # the organ systems of each concept (`domaines.py`)
        self._liens: dict[str, tuple[str, ...]] | None = None  # act/equipment → activities
        self._pediatriques: dict[str, str] | None = None  # adult activity → paediatric one
        self.readaptation: Readaptation | None = None
        self._enfants: frozenset[str] | None = None
        self._cles: frozenset[str] | None = None
        self._specialisees: frozenset[str] | None = None
        if terminologie:
            self.readaptation = charger_readaptation(
                connus=self.by_id, exclus=PEDIATRIE_TOUTE | {c.id for c in self.concepts
                                                             if "pediatr" in plier(c.libelle)})
            self.vocabulaire = voc
            if voc is not None:
                voc.neutraliser(t for w in self.generiques for t in self.termes.termes(w))
            self.abreviations = abrev
            self.domaines = charger_domaines()
        # Label words the nomenclature itself misspells ("nourisson") → the stem of the word meant:
        # typed so, they also read as that word, so a typo of the table does not hide the concept.
        self._graphies: dict[str, str] = {} if self.vocabulaire is None else {
            w: g for w in self._words
            if w not in self.lieux and (g := self.vocabulaire.graphie(w, self._surface[w], weight[w]))}
        self._graphies.update({s: g for w, g in list(self._graphies.items()) for s in self._surface[w]})
        # The words the labels write glued to "sous-" ("sous-dural"): typed after "sous", one
        # adjective with it, no circumstance (`circonstances.py`). Made here, not on a first query
        # that its time budget would cut short.
        termes = self.vocabulaire.termes if self.vocabulaire is not None else []
        self._composes_sous = composes(chain((c.libelle for c in self.concepts), (t.libelle for t in termes)))

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def build(cls, nomenclatures: Nomenclatures | None = None,
              entrees: Iterable[Entree] = SYNONYMES,
              lieux: Iterable[str] | None = None) -> ConceptIndex:
        """Index every code of the concept tables (active first, deprecated flagged).

        `lieux`: place names whose words are never typo-corrected; by default the communes,
        départements and regions of the shipped territory reference.
        """
        nom = nomenclatures or default_nomenclatures()
        concepts = []
        for espace, table_id in CONCEPT_TABLES.items():
            table = nom.tables.get(table_id)
            if table is None:
                continue
            for code in table.codes.values():
                concepts.append(Concept(f"{espace}:{code.code}", table_id, code.code, code.libelle,
                                        code.libelle_court, code.actif))
        concepts.sort(key=lambda c: (not c.actif, TABLE_RANK[c.espace], len(c.libelle), c.id))
        if lieux is None:
            lieux = _default_lieux()
        # Former names of structures, the professions and the SMR mentions, as data; then the
        # acronyms the labels write themselves, where the hand table and those leave them unsaid.
        connus = {c.id for c in concepts}
        entrees = tuple(entrees) + entrees_appellations(connus) + entrees_professions(connus) \
            + entrees_mentions(connus)
        cles = {plier(k) for e in entrees for k in e.cles}
        mots = {w for c in concepts for w in WORD_RE.findall(plier(BRACKETS_RE.sub(" ", c.libelle)))}
        entrees += entrees_acronymes(concepts, cles.__contains__, mots.__contains__)
        return cls(concepts, entrees, lieux)

    def _with_synonyms(self, terms: list[str]) -> list[str]:
        """The label's terms plus `~entry` terms for the synonym phrases inside it."""
        out = list(terms)
        for i in range(len(terms)):
            length, ids = self.synonymes.match(terms, i)
            if length:
                out.extend(f"~{eid}" for eid in ids)
        return out

    def _docs(self, stems: Iterable[str]) -> frozenset[int]:
        """Concepts whose label holds every one of these stems (none for no stem)."""
        docs: frozenset[int] | None = None
        for t in stems:
            d = self.postings.get(t, frozenset())
            docs = d if docs is None else docs & d
        return docs or frozenset()

    def _phrase_docs(self, phrase: str) -> frozenset[int]:
        """Concepts whose label holds every word of `phrase`."""
        return self._docs(self.termes.termes(phrase))

    def _compile_entry(self, e: Entree) -> tuple[int, ...]:
        docs: set[int] = set()
        for cid in e.concepts:
            if cid in self.by_id:
                docs.add(self.by_id[cid])
            else:
                self.manquants.setdefault(e.id, []).append(cid)
        for phrase in e.phrases:
            docs |= self._phrase_docs(phrase)
        return tuple(sorted(docs))

    @property
    def whoosh_index(self) -> Index:
        """The in-memory whoosh index of the labels, built on first use (~1 s)."""
        if self._whoosh_ix is None:
            self._whoosh_ix = self.build_whoosh()
        return self._whoosh_ix

    def build_whoosh(self) -> Index:
        """The labels in an in-memory whoosh index analysed by the full chain (synonyms included)."""
        schema = Schema(id=ID(stored=True, unique=True), texte=TEXT(analyzer=self.synonymes.analyseur()))
        ix = StockageMemoire().create_index(schema)  # no temporary folder shared with others
        with ix.writer() as w:
            for c in self.concepts:
                # (as the compiled postings read it, without what it does without: `NIE`)
                w.add_document(id=c.id, texte=" ".join(
                    sans_nies(sans_exclusions(t)) for t in (c.libelle, c.libelle_court or "")))
        return ix

    # -- lookups ------------------------------------------------------------------------------

    def lecture(self, text: str) -> tuple[tuple[str, float], ...]:
        """What the clinical vocabulary alone (CIM-10, CCAM, lay words) reads in `text`: its
        concepts, best first — the care the words call for when the ROR label they name is
        declared by no unit ("endométriose": the specialisation, else gynaecology)."""
        if self.vocabulaire is None:
            return ()
        found = self.vocabulaire.lire(self.termes.termes(text))
        return found.concepts if found is not None else ()

    @cached_property
    def _generaux(self) -> dict[str, tuple[str, ...]]:
        return generaux(self.concepts)

    def generaux(self, concept: str) -> tuple[str, ...]:
        """The general kinds of an activity or a type of offer, closest first (`generaux.py`):
        what meets a variant no unit declares."""
        return self._generaux.get(concept, ())

    def activites_liees(self, concept: str) -> tuple[str, ...]:
        """The activities (R211) the terminology mappings name together with an act or an
        equipment — a row of the CCAM hierarchy mapping or an entry of the synonym table —, most
        often named first: where that kind of act is done, for an act no unit declares."""
        if self._liens is None:
            counts: dict[str, dict[str, int]] = {}
            lignes = list(lignes_ccam()) if self.vocabulaire is not None else []
            # a synonym entry names its activities and, through its phrases, every label holding
            # them ("IRM" → "Imagerie par IRM" and the act "Angio IRM cérébrale")
            for eid, e in self.synonymes.entrees.items():
                lignes.append(e.concepts + tuple(self.concepts[d].id for d in self.entry_docs[eid]))
            for ligne in lignes:
                activites = [c for c in ligne if c.startswith("R211:") and c in self.by_id]
                for c in ligne:
                    if c.split(":", 1)[0] in ("R210", "R212"):
                        for a in activites:
                            counts.setdefault(c, {})[a] = counts.setdefault(c, {}).get(a, 0) + 1
            self._liens = {c: tuple(sorted(n, key=lambda a: (-n[a], a))) for c, n in counts.items()}
        return self._liens.get(concept, ())


    def concept(self, cid: str) -> Concept:
        return self.concepts[self.by_id[cid]]

    def __contains__(self, cid: object) -> bool:
        return cid in self.by_id

    def __len__(self) -> int:
        return len(self.concepts)

    def mots_prefixes(self, prefix: str) -> list[str]:
        """Indexed surface words starting with the folded `prefix`."""
        lo = bisect.bisect_left(self._words, prefix)
        hi = bisect.bisect_left(self._words, prefix + "\uffff")
        return self._words[lo:hi]

    def _postings_mot(self, mot: Mot, last: bool, nie: bool = False) -> _Postings | None:
        """Exact stem (and the synonym it is a key of), else prefix of indexed words, else the
        nearest words by edit distance. The last word may be unfinished: its prefix counts too.
        `nie`: typed after "sans", the word finds the labels writing it after "sans", where some do."""
        # (capitals matter apart from lower case: "CCAs" may be completed, "CCAS" may not)
        key = (mot.plie, mot.terme, last, mot.surface.islower(), _sigle(mot.surface), nie)
        if key in self._cache:
            return self._cache[key]
        found: _Postings | None = None
        cachee = self._faute_cachee(mot)
        if cachee is not None:
            found = self._stems_postings(self._surface[cachee], "faute")
            if found is not None:
                found = _Postings(found.docs, found.direct, found.pleins, "faute", min(self._surface[cachee]))
                return remember(self._cache, key, found, 20_000)
        # (typed after "sans", the word means the labels writing it so, where some do: "imagerie
        # sans sédation" is not "… avec sédation")
        exact = self._stems_postings((NIE + mot.terme,) if nie and NIE + mot.terme in self.postings
                                     else (mot.terme,), "exact")
        if exact is None and (nom := specialite(mot.plie)) in self._surface:
            # the specialist is asked for the speciality the labels write ("urologue": Urologie)
            exact = self._stems_postings(self._surface[nom], "exact")
        autres = self._autres_mots(mot)
        if exact is not None and autres:
            direct = exact.direct - autres
            exact = _Postings(exact.docs - (autres - direct), direct, exact.pleins, "exact") \
                if direct or exact.docs - autres else None
        prefix = None
        # A place name ("Agen") is not completed into a medical word ("agénésie"), except as the
        # last word typed in lower case, which is how one starts typing "coron…" or "géron…".
        place = mot.plie in self.lieux and not (last and mot.surface.islower())
        # (an acronym typed in capitals that the labels hold is whole, not the start of a word:
        # "VAC" is not "vaccination")
        # (nor is a short abbreviation of the clinical inventory typed in lower case: "pac" is not
        # "pachymétrie")
        entier = (exact is not None and _sigle(mot.surface)) \
            or (len(mot.plie) <= SIGLE_COURT and mot.plie in self.abreviations)
        # (nor is an abbreviation of the clinical inventory typed in capitals, or a short one: its
        # long forms read it, "CAT" or "cat" is "cathétérisme", not "CATTP")
        coupe = (_sigle(mot.surface) or len(mot.plie) <= SIGLE_COURT) and mot.plie in self.abreviations
        if len(mot.plie) >= MIN_PREFIX and not mot.plie.isdigit() and ((last and not entier) or exact is None) \
                and not (place and exact is None) and not coupe:
            stems = {s for w in self.mots_prefixes(mot.plie) for s in self._surface[w]}
            prefix = self._stems_postings(stems - {mot.terme}, "prefixe")
        # An organ adjective also reads as the combining form the labels glue to another word
        # ("gastrique" → "gastro-" of "oeso-gastro-duodénale", "cardiaque" → "cardio-vasculaire").
        # (not from a misspelt word: "psychatrique" is "psychiatrique", not any "psycho-" label)
        combine = self._stems_postings(self._formes_combinantes(mot.plie), "exact") \
            if exact is not None or not self._faute_probable(mot) else None
        if combine is not None:
            exact = combine if exact is None else _Postings(
                exact.docs | combine.docs, exact.direct | combine.direct, exact.pleins | combine.pleins,
                "exact")
        if exact is None and prefix is None:
            # Two label words typed as one ("électroconvulsivothérapie", "cognitivocomportemental").
            exact = self._soudure(mot.plie)
        if exact is not None and prefix is not None:
            # Labels reached only by completing the word count less than those holding it.
            found = _Postings(exact.docs | prefix.docs, exact.direct, exact.pleins, "exact")
        else:
            found = exact or prefix
        # A word the clinical vocabulary knows ("massive", "spontané") is a real word, not a typo.
        real_word = self.vocabulaire is not None and self.vocabulaire.connait(mot.terme)
        # (nor is a common word of a request, "soir" is no misspelt "soins")
        if found is None and mot.plie not in self.lieux and not _sigle(mot.surface) and not real_word \
                and mot.plie not in self.generiques:
            # Spelling by ear first ("nefrologie" is néphrologie, not neurologie), then edits.
            # (and, for a word long enough for two edits, a respelling's own typo: "ritmologue" is
            # "rythmologie" once "i" is heard as "y"; "peu" is no "peau")
            # (a word of the French dictionary is only respelled by its sound or read as another
            # form of itself: "dépense" is no "démence", `dictionnaire.py`)
            cands = [(w, 0) for w in _phonetiques(mot.plie) if w in self._surface][:1] \
                or [(n, 0) for w in _phonetiques(mot.plie) if (n := specialite(w)) in self._surface][:1] \
                or (flexions(mot.plie, self.fautes.chercher(mot.plie)) if mot.plie in self.dictionnaire
                    else self.fautes.chercher(mot.plie)
                    or (next((c for c in map(self.fautes.chercher, _phonetiques(mot.plie, une=True)[:RESPELLINGS])
                              if c), []) if distance_permise(len(mot.plie)) >= 2 else [])
                    or self.fautes.entendus(mot.plie))
            if cands:
                best = cands[0][1]
                stems = {s for w, d in cands if d == best for s in self._surface[w]}
                found = self._stems_postings(stems, "faute")
                if found is not None:
                    likeliest = min(self._surface[cands[0][0]])
                    found = _Postings(found.docs, found.direct, found.pleins, "faute", likeliest)
        return remember(self._cache, key, found, 20_000)

    def _faute_en_contexte(self, mot: Mot, docs: frozenset[int]) -> _Postings | None:
        """A word of the French dictionary misspelling a word of the labels the words before it
        are read in (`docs`): corrected there only, the context being the proof ("basse vison" is
        the "Basse Vision" of orthoptics; "vison" alone stays a word typed right)."""
        if mot.plie not in self.dictionnaire or _sigle(mot.surface):
            return None
        cands = self.fautes.chercher(mot.plie)
        if not cands:
            return None
        # (only the nearest words read with the words before: "vison" is "vision" there, no other)
        stems = {s for w, d in cands if d == cands[0][1] for s in self._surface[w]
                 if docs & self.postings.get(s, frozenset())}
        found = self._stems_postings(stems, "faute") if stems else None
        if found is None or not docs & found.docs:
            return None
        return _Postings(found.docs, found.direct, found.pleins, "faute", min(stems))

    def _autres_mots(self, mot: Mot) -> frozenset[int]:
        """The labels a short typed word cannot mean: those writing its stem only as another word
        than it or its plural (the stemmer folds "dose" onto "dos", "base" onto "bas", "foyer"
        onto "foie": "bas du dos" is no "Scanner base dose", "foie" no "Foyer restaurant")."""
        formes = self._courts.get(mot.terme)
        if formes is None or len(mot.plie) > MOT_COURT + 1:
            return frozenset()
        siens = frozenset().union(*(ds for w, ds in formes.items() if meme_mot(w, mot.plie)))
        return frozenset().union(*(ds for w, ds in formes.items() if not meme_mot(w, mot.plie))) - siens

    def __getstate__(self) -> dict[str, object]:
        """Pickled (into an offer image) without what is rebuilt on first use."""
        state = dict(self.__dict__)
        state.pop("_par_terme", None)
        return state

    def _faute_cachee(self, mot: Mot) -> str | None:
        """The label word a long misspelt word stands for when the stemmer folds the typo onto
        another word's stem ("thoraxique" → "thorax", not "thoracique"; "pensements" → "pens" of
        "pensées", not "pansements"): no label or clinical label writes the word, and a label word
        one edit away has another stem. None when the word is no such typo."""
        plie = mot.plie
        voc = self.vocabulaire
        if len(plie) < FAUTE_CACHEE_MIN or plie in self._surface or plie in self.lieux \
                or _sigle(mot.surface) or (voc is not None and plie in voc.surface):
            return None
        if voc is None or not voc.connait(mot.terme) and mot.terme not in self.postings:
            return None  # a stem nothing holds: the ordinary typo correction reads it
        proches = [w for w, d in self.fautes.chercher(plie, max_distance=1) if d == 1]
        if len(proches) != 1 or mot.terme in self._surface[proches[0]] or self._derive(mot):
            return None
        return proches[0]

    def _derive(self, mot: Mot) -> bool:
        """Whether a label word of the typed word's stem is its sibling of the same family
        (DERIVES endings on both, after the stem): "sénologie" typed, "sénologique" written."""
        terme, plie = mot.terme, mot.plie
        if not plie.startswith(terme) or plie[len(terme):] not in DERIVES:
            return False
        return any(w != plie and w.startswith(terme) and w[len(terme):] in DERIVES
                   for w in self._par_terme.get(terme, ()))

    @cached_property
    def _par_terme(self) -> dict[str, tuple[str, ...]]:
        """Stem → the label words (folded) carrying it; made on first use, not pickled."""
        out: dict[str, list[str]] = {}
        for w, stems in self._surface.items():
            for st in stems:
                out.setdefault(st, []).append(w)
        return {st: tuple(ws) for st, ws in out.items()}

    def _praticien(self, g: Groupe) -> bool:
        """Whether a group names a practitioner ("le dentiste", "un cardiologue"): a city practice
        among its best concepts, or a specialist's name."""
        return any(m.table == "TRE_R244" and plier(m.label).startswith("cabinet") for m in g.matches[:6]) \
            or any(specialite(w) for w in WORD_RE.findall(plier(g.texte)))

    def _faute_probable(self, mot: Mot) -> bool:
        """A word neither the labels nor the clinical vocabulary hold, within the tolerated edits
        of an indexed word: read as that word misspelt before any guess made from its root."""
        if mot.plie in self.lieux or _sigle(mot.surface):
            return False
        if self.vocabulaire is not None and self.vocabulaire.connait(mot.terme):
            return False
        cands = self.fautes.chercher(mot.plie)
        return bool(flexions(mot.plie, cands) if mot.plie in self.dictionnaire else cands)

    def _formes_combinantes(self, plie: str) -> set[str]:
        """Stems of the combining forms an adjective stands for: the indexed word made of the
        adjective's root (4 letters or more) and "o" ("gastrique" → "gastro", "neurologique" →
        "neuro", "thoracique" → "thoraco")."""
        if not plie.endswith(ADJECTIFS) or plie in self.lieux:
            return set()
        out: set[str] = set()
        for n in range(MIN_RACINE, len(plie) - 2):
            forme = plie[:n] + "o"
            if forme in self._surface:
                out.update(self._surface[forme])
        return out

    def _soudure(self, plie: str) -> _Postings | None:
        """A word no label holds that is two label words glued (the hyphen left out): the labels
        holding both, the longest first part first."""
        if len(plie) < 2 * MIN_PREFIX + 2 or plie in self.lieux:
            return None
        for k in range(len(plie) - MIN_PREFIX, MIN_PREFIX - 1, -1):
            left, right = plie[:k], plie[k:]
            if left in self._surface and right in self._surface:
                a = self._stems_postings(self._surface[left], "exact")
                b = self._stems_postings(self._surface[right], "exact")
                if a is not None and b is not None and a.direct & b.direct:
                    return _Postings(a.direct & b.direct, a.direct & b.direct, frozenset(), "exact")
        return None

    def _stems_postings(self, stems: Iterable[str], via: Via) -> _Postings | None:
        direct: set[int] = set()
        pleins: set[int] = set()
        docs: set[int] = set()
        for s in stems:
            direct |= self.postings.get(s, frozenset())
            for eid in self.synonymes.par_phrase.get((s,), ()):
                docs.update(self.entry_docs[eid])
                pleins.update(self.by_id[c] for c in self.synonymes.entrees[eid].concepts
                              if c in self.by_id)
        docs |= direct
        if not docs:
            return None
        return _Postings(frozenset(docs), frozenset(direct), frozenset(pleins), via)

    # -- resolve ------------------------------------------------------------------------------

    def resolve(self, text: object, enfant: bool | None = None, profil: str | None = None,
                developper: bool = True, debut: bool = False) -> Interpretation:
        """Split a query into groups of words, each with the concepts it can mean, best first.
        `enfant`: the patient is a child (True) or an adult (False) by an age given apart from the
        text; None (no age given): the age the text states decides (`age_dit`), then its words.
        `profil` (samu, aval, mobile): whose words they are, for acronyms whose sense depends on it.

        `developper`: an abbreviation nothing else reads is read as its long forms typed in full
        (False inside that reading). `debut`: the text says its sign has just begun (`debut.py`),
        as the whole input did where its time marks are set aside.

        Never raises on user input: empty or non-text input gives an empty interpretation, long
        input is cut to the query budget and flagged `tronque`.
        """
        saisi, tronque = borner(text)
        debut = debut or recent(plier(saisi))
        # Clinical context beside a need ("HSA Fisher 4", "AVC sous AOD à transférer") says how the
        # patient is, not which care: the rest is read without it (`contexte.py`)
        # (an abbreviation's long form, read with `developper` False, holds none)
        reste, contexte_clinique = ecarter(saisi) if developper else (saisi, [])
        if contexte_clinique:
            lu = self.resolve(reste, enfant, profil, developper, debut)
            # ...unless a ROR label holds those words with the others ("Caisson hyperbare … patient
            # intubé", "Suivi d'un patient sous ventilation non invasive"): then they are the label's
            tel_quel = self.resolve(saisi, enfant, profil, False) if any(not g.souple for g in lu.groupes) else None
            if tel_quel is not None and not any(
                    g.via == "exact" and not g.souple and g.matches and g.matches[0].score >= BIEN_LU
                    and any(saisi.find(s, g.start, g.end) >= 0 and saisi[g.start:g.end].strip() != s
                            for _, s in contexte_clinique)
                    for g in tel_quel.groupes):
                # (a group read across a blanked span is shown as typed without it: "AVC thrombolyse")
                serres = tuple(replace(g, texte=" ".join(g.texte.split())) for g in lu.groupes)
                # (life support under way says a vital function fails, as "état de choc" does)
                serres, suppleants = self._suppleance(saisi, serres, suppleances(contexte_clinique))
                return Interpretation(saisi, serres, lu.inexpliques, tronque or lu.tronque,
                                      tuple(dict.fromkeys(lu.ignores + tuple(
                                          w for _, s in contexte_clinique for w in WORD_RE.findall(s)
                                          if w not in suppleants))),
                                      lu.nombres)
        # (an acronym typed with dots or a plural "s" is read as its letters: "A.V.C.", "IDMs")
        text = sigles_tapes(saisi)
        groupes: list[Groupe] = []
        # Concept ids typed or pasted as such are taken literally, then blanked out.
        for m in CONCEPT_ID_RE.finditer(text):
            cid = f"{m.group(1)}:{m.group(2)}"
            if cid in self.by_id:
                match = self._match(self.by_id[cid], 1.0, "exact")
                groupes.append(Groupe(m.group(), m.start(), m.end(), "exact", (match,), 1))
        analysed = text
        for g in groupes:
            analysed = analysed[:g.start] + " " * (g.end - g.start) + analysed[g.end:]
        # What the text excludes ("… hors HDJ", "(sauf choc)") is no need: it is read as the labels
        # are (`sans_exclusions`), without those words, never as the need it names.
        exclus = [w for m in EXCLUSION_RE.finditer(analysed) for w in WORD_RE.findall(m.group())]
        analysed = EXCLUSION_RE.sub(lambda m: " " * len(m.group()), analysed)
        # the caller's idioms ("on ne sait plus quoi faire") name no need (`idiomes.py`)
        analysed, idiomes_lus = blanchir(analysed)
        mots = self._soudes(analysed, self._sigles_vides(analysed, self.termes.mots(analysed)))
        # the first part of a compound no vocabulary knows ("vaso" of "vaso-occlusive") is no typo
        elements = self._elements(analysed, mots)
        mots = [m for m in mots if m not in elements]
        # a journey's destination ("au retour du Mali") is read as the journey
        mots = voyages(analysed, mots, self._connu, self.termes.terme)
        # a drug taken ("a pris de la cocaïne") is a poisoning, not the addiction
        mots = prises(analysed, mots, self.termes.terme)
        # a patient said burning hot ("elle est brûlante") has a fever, no burn
        mots = fievres(analysed, mots, self.termes.terme)
        # ...and a boiling liquid is a scald's agent, its name no need ("café bouillant")
        mots, liquides = liquides_bouillants(analysed, mots)
        # "nouveau" without "né" says new, no newborn
        mots, neufs = nouveaux(analysed, mots)
        # a family's "mon petit", "ma petite" is the child
        mots, cadets = petits(analysed, mots, self.termes.terme, self.verbes)
        # a verb form folded like a noun ("qu'il arrête", "il tète", "avoir l'air") names no need
        mots, conjugues = verbes_homographes(analysed, mots)
        # a deficit said by its territory ("déficit de l'hémicorps") is the sign the labels name
        mots = deficits(analysed, mots, self.termes.terme)
        # a pregnancy she wants to end is an abortion asked, the pregnancy only why
        mots, grossesse = interruptions(analysed, mots, self.termes.terme)
        # a carer worn out by a relative's care asks for respite, not for their own fatigue
        mots, epuisement = aidants(analysed, mots, self.termes.terme)
        # a death said with the home it should happen in is an end of life there, no wish to die
        mots, mourants = mourir_chez_soi(analysed, mots, self.termes.terme)
        # a doctor asked out of hours ("médecin de garde ce soir") is the town's duty doctor
        mots, heures = medecin_de_garde(analysed, mots, self.termes.terme)
        # a rescue done on the patient ("on lui a fait un massage cardiaque") is a cardiac arrest
        mots, gestes = reanimations(analysed, mots, self.termes.terme)
        # a test for a sexually transmitted infection ("test du sida") is its screening
        mots = depistages(analysed, mots, self.termes.terme)
        # a dependent relative taken in for a while ("garder … quelques semaines") asks a temporary stay
        mots, durees = sejours_temporaires(analysed, mots, self.termes.terme)
        # an old person who can no longer stay at home asks a place in an EHPAD
        mots, domicile = fin_du_domicile(analysed, mots, self.termes.terme)
        # "parle de se suicider": the speaking verb only reports the words, no speech disorder
        mots, paroles = propos(analysed, mots, self.termes.terme)
        # a homelessness said in lay words ("vit dans la rue") is the precarity public
        mots, rue = sans_abri(analysed, mots, self.termes.terme)
        # clipped speciality names ("rhumato") read as the full word, outside synonym phrases
        brut = [m.terme for m in mots]
        longueurs = [self.synonymes.match(brut, i)[0] for i in range(len(mots))]
        gardes = {k for i, n in enumerate(longueurs) for k in range(i, i + n)}
        mots = deplier(mots, self.termes, self._surface, gardes)
        # ...and a clipped word the next word reads a diagnosis with, as its long form ("trauma crânien")
        phrases = {k for i, n in enumerate(longueurs) if n > 1 for k in range(i, i + n)}
        mots = deplier_devant(mots, self.abreviations, self.termes, self._lus_ensemble, phrases)
        # ...and a clipped adjective after a noun the labels write with its long form ("SMUR péd")
        mots = deplier_apres(mots, self.abreviations, self.termes, self._ecrits_ensemble,
                             self.vocabulaire.surface if self.vocabulaire is not None else (), phrases)
        # a typo both vocabularies correct alike is the word it misspells
        redresses: frozenset[int] = frozenset()
        if self.vocabulaire is not None:
            mots, redresses = redresser(mots, self.fautes, self._surface,
                                        lambda m: self._pas_une_faute(m) or m.plie in self.dictionnaire,
                                        self.vocabulaire.corriger)
        # Synonym phrases are matched on corrected words too ("accioent vasculaire cérébral").
        terms = [m.terme for m in mots]
        corrected = []
        for k, mot in enumerate(mots):
            p = None if mot.terme in self.postings else self._postings_mot(mot, k == len(mots) - 1)
            juste = p.corrige if p is not None and p.corrige else None
            corrected.append(self._graphies.get(mot.plie) or self._graphies.get(juste or "") or juste
                             or mot.terme)
        corrected = self._locutions.corriger(mots, corrected, self.synonymes.match, self._pas_une_faute)
        inexpliques: list[str] = []
        ignores: list[str] = exclus + idiomes_lus + [m.surface for m in elements + grossesse + cadets]
        ignores += [m.surface for m in liquides + neufs + epuisement + mourants + conjugues]  # (set aside above)
        ignores += [m.surface for m in heures + gestes + durees + domicile + paroles + rue]
        nombres: list[str] = []
        marqueurs = [(c.start(), c.end()) for c in CAUSE_RE.finditer(plier(analysed))]
        # "pour" between two words: a label read across it joins the place asked to whom it is for
        motifs = [c.start() for c in MOTIF_RE.finditer(plier(analysed))]
        nie = nies(analysed)
        sans = {k for k, m in enumerate(mots) if any(a <= m.start < b for a, b in nie)}
        if enfant is None:
            enfant = age_dit(plier(text))
        i = 0
        while i < len(mots):
            syn_len, syn_ids = self.synonymes.match(terms, i)
            if syn_len == 1 and not self._cle_courte(mots[i]):
                syn_len, syn_ids = 0, ()
            if syn_len > 1 and self._chevauche(mots, terms, i, syn_len):
                syn_len, syn_ids = 0, ()
            corrige = False
            if not syn_len and corrected != terms:
                syn_len, syn_ids = self.synonymes.match(corrected, i)
                corrige = bool(syn_len)
            docs: frozenset[int] | None = None
            found: list[_Postings] = []
            j = i
            while j < len(mots):
                if j > i and any(a <= mots[j].start < b for a, b in marqueurs):
                    break  # a label reading does not run into a cause marker ("SMR suite à …")
                p = self._postings_mot(mots[j], last=j == len(mots) - 1, nie=j in sans)
                if p is None and docs is not None:
                    p = self._faute_en_contexte(mots[j], docs)
                if p is None:
                    break
                if j > i and docs is not None and p.via == "faute" and corrected[j] != terms[j] \
                        and self.synonymes.match(corrected, j)[0] \
                        and not docs & self.postings.get(corrected[j], frozenset()):
                    # a misspelt word the synonyms know once corrected ("nourison") is read so,
                    # unless the labels read it with the words before ("chirurgie pédiatirque")
                    break
                nxt = p.docs if docs is None else docs & p.docs
                if not nxt and docs is not None and p.via == "exact":
                    # the noun typed where the labels write its adjective with the words before
                    # ("rééducation du périnée": "Rééducation pelvi-périnéale")
                    etendu = self._etendus(mots[j].terme)
                    if docs & etendu:
                        p = _Postings(etendu, etendu, frozenset(), "exact")
                        nxt = docs & etendu
                if not nxt:
                    break
                docs, j = nxt, j + 1
                found.append(p)
            # A label reading stops where a synonym phrase of several words starts that it would cut
            # in two ("EHPAD accueil | de jour": the EHPAD, then the day care).
            coupe = next((k for k in range(i + 1, j) if k + self.synonymes.match(terms, k)[0] > j), j)
            if coupe < j:
                j, found = coupe, found[:coupe - i]
                docs = frozenset.intersection(*(f.docs for f in found))
            # Generic words and bare numbers do not make a label group longer than a synonym, and
            # function words alone ("de moins en moins") read no label ("Téléexpertise en moins de 24h").
            informative = sum(1 for m in mots[i:j] if m.plie not in self.generiques and m.plie not in VIDES
                              and not m.plie.isdigit())
            libelle = self._groupe_libelle(mots[i:j], docs, found, text) \
                if docs and informative and not (syn_len and syn_len >= informative) else None
            if libelle is None and docs and syn_len and j - i > syn_len and all(e in SOUPLES for e in syn_ids):
                # (but who the patient is, said with a word more that a label names whole, is that
                # label: "personnes âgées autonomes" is a public, and the residences for it)
                entier = self._groupe_libelle(mots[i:j], docs, found, text)
                libelle = entier if entier.matches and entier.matches[0].score >= 1.0 else None
            # A label read across "pour" may join the care asked and whom it is for into one need.
            # It stops before "pour" ("foyer de vie | pour adulte handicapé", "HAD pédiatrique |
            # pour un nourrisson"), what follows read apart (`_motif`), when it reads a former code
            # (the retired FINESS category), or the words before "pour" read alone the same concept
            # first (the rest only said who the patient is). A label in force saying "pour" itself
            # ("… pour usagers de drogues") or a concept the words after change ("psychiatrique
            # pour un enfant": child psychiatry) is kept whole.
            pour = next((k for k in range(i + 1, j) if any(mots[k - 1].start < a < mots[k].start
                                                             for a in motifs)), j)
            if pour < j and libelle is not None and not (
                    libelle.matches and libelle.matches[0].actif
                    and MOTIF_RE.search(plier(libelle.matches[0].label))):
                avant = frozenset.intersection(*(f.docs for f in found[:pour - i]))
                lu_avant = self._groupe_libelle(mots[i:pour], avant, found[:pour - i], text) \
                    if any(m.plie not in self.generiques and m.plie not in VIDES for m in mots[i:pour]) else None
                if not libelle.matches or not libelle.matches[0].actif or (
                        lu_avant is not None and lu_avant.matches
                        and lu_avant.matches[0].concept == libelle.matches[0].concept):
                    j, found, docs = pour, found[:pour - i], avant
                    libelle = lu_avant if not (syn_len and syn_len >= pour - i) else None
            if libelle is not None and not libelle.matches:
                libelle = None  # only labels it does not name (a site's category: `GROSSIERS`)
                if j - i > 1 and mots[i].plie not in self.generiques and mots[i].plie not in VIDES:
                    # (the first word still names what it names alone: "foyer" of "foyer pour
                    # adulte", whose words together are only a FINESS category)
                    premier = self._groupe_libelle(mots[i:i + 1], found[0].docs, found[:1], text)
                    if premier.matches:
                        libelle, j = premier, i + 1
            if libelle is not None and j - i > 1 and found[0].via == "faute" \
                    and (not libelle.matches or libelle.matches[0].score < FAIBLE):
                # a misspelt word read weakly with the next words only through some long label
                # ("neurolgue parkinson": one PET act) is read alone, the next words on their own
                premier = self._groupe_libelle(mots[i:i + 1], found[0].docs, found[:1], text)
                if premier.matches:
                    libelle, j = premier, i + 1
            if syn_len and (libelle is None or (
                    # a label read first as a retired kind of offer ("Equipes Mobiles de Soins
                    # Palliatifs", TRE_R244 252) does not hide the synonym starting it ("équipe
                    # mobile", a way of receiving): what follows is read apart (the care it brings)
                    libelle.matches and not libelle.matches[0].actif
                    and libelle.matches[0].concept.startswith("R244:")) or (
                    # a label read weakly only thanks to a context word ("Visite à domicile infirmière
                    # puéricultrice" for "infirmière à domicile") is not longer than the synonym
                    libelle.matches and libelle.matches[0].score < BIEN_LU
                    and syn_len >= sum(1 for m in mots[i:j] if m.plie not in self.generiques
                                       and m.plie not in CONTEXTE and not m.plie.isdigit()))):
                groupes.append(self._groupe_synonyme(mots[i:i + syn_len], syn_ids, text, corrige))
                i += syn_len
            elif libelle is not None:
                groupes.append(libelle)
                i = j
            else:
                seul = mots[i]
                if seul.plie.isdigit():
                    nombres.append(seul.surface)
                else:
                    (ignores if seul.plie in self.generiques or seul.plie in VIDES else inexpliques).append(seul.surface)
                i += 1
        groupes = [pratique_d_abord(self._sens_abreviation(g, text), self.cabinets) for g in groupes]
        groupes = [self._chose_d_abord(g, enfant, profil) for g in groupes]
        if place_d_abord(profil):
            groupes = [lieu_d_abord(self, g) for g in groupes]
        if developper:  # (a label read for its words is read once, not its own retired acronym)
            groupes = [self._retraite(g, profil) for g in groupes]
        contexte = self._contexte(mots, groupes)
        vitaux = self._vitaux(mots, groupes)
        mecanisme, consequence = self._mecanismes(mots, groupes)
        contexte_lu = (self._mots_contexte(mots) | vitaux
                       | (self._chutes(mots) if consequence else frozenset()))
        groupes, inexpliques = lire_sigles(
            self, groupes, profil, lambda gs: self._vocabulaire(text, mots, gs, inexpliques, contexte_lu, debut=debut))
        if developper:
            groupes, inexpliques = self._formes_longues(text, mots, groupes, inexpliques, enfant, profil, contexte)
        if mecanisme:
            groupes, mecaniques = self._traumatisme(mots, text, groupes, enfant, mecanisme, consequence)
            ignores += mecaniques
            inexpliques = [w for w in inexpliques if w not in mecaniques]
        if complications.complique([m.plie for m in mots], plier(text)):
            groupes = [self._chirurgical(g) for g in groupes]
        groupes = self._pediatrie(groupes, enfant, any(m.plie in PROGRAMME for m in mots))
        groupes = [self._urgences_generales(self._accueil_tout(g)) for g in groupes]
        if lecture_aigue(profil):  # words of a threat to life, whoever types them (`acuite.py`)
            groupes = [self._aigu_d_abord(g) for g in groupes]
        if profil == "samu":
            # (a route naming its speciality's permanent care is acute as written: `permanence.py`)
            groupes = [g if route_permanente(g, lambda c: self.concept(c).libelle, self._urgent)
                       else urgences_d_abord(g, self._urgent, self._cabinet, plier(text)) for g in groupes]
        # Precision before recall: next to a sure reading, a weak guess is not a need of its own.
        if any(g.via in ("exact", "synonyme", "terminologie") and not g.souple for g in groupes):
            weak = [g for g in groupes if g.via in ("faute", "prefixe") and not g.souple
                    and (not g.matches or g.matches[0].score < FAIBLE)]
            groupes = [g for g in groupes if g not in weak]
            inexpliques += [g.texte for g in weak]
        groupes = self._accessoires(groupes)
        groupes = sites(text, self._motif(text, self._cause(text, empeches(text, chez_soi(text, groupes)))))
        groupes = circonstancielles(text, groupes, self._composes_sous, _besoin, self._praticien)
        groupes = self._qualifie(mots, groupes, contexte)
        groupes, qualifiants = self._qualifiants(mots, groupes)
        ignores += qualifiants
        if profil == "samu":
            groupes = self._graves(mots, groupes, enfant)
        groupes = self._structure(parties(text, groupes, self._lieu))
        # a child's medico-social kind named for an adult: the adult kinds (`adultes.py`)
        def place(c: str, score: float, via: Via) -> ConceptMatch | None:
            return self._match(self.by_id[c], score, via) if c in self.by_id else None
        groupes = adultes(text, groupes, enfant, place)
        groupes = vacances(groupes, BIEN_LU)  # holidays beside a care say when (`vacances.py`)
        groupes = post_partum(text, groupes, place)  # a mother's distress after a birth (`post_partum.py`)
        groupes = conduites_alimentaires(text, groupes, enfant, place)  # a teenager who stops eating
        groupes = soins_sans_abri(groupes, profil, place, self._urgent)  # a homeless patient's care
        if profil in PROFILS_ANNUAIRE:  # a place is what the coordinator and the app look for
            groupes = places_adultes(groupes, enfant, place)
        if suites_lues(profil):  # after an acute event, its aftercare (`suites.py`)
            groupes = suites(plier_en_place(text), CAUSE_RE, groupes, self.readaptation, self.activites_liees,
                             lambda g, sc: self._regroupe(g, {self.by_id[c]: v for c, v in sc.items()
                                                              if c in self.by_id}))
        if vitaux:
            groupes, inexpliques = self._detresse(mots, text, groupes, inexpliques, vitaux)
        if contexte:
            # a context word nothing reads ("H24") is understood as such, never a name to look for
            pris = {mots[k].surface for k in contexte}
            ignores += [w for w in inexpliques if w in pris]
            inexpliques = [w for w in inexpliques if w not in pris]
        if inexpliques and any(not g.souple for g in groupes):
            # a score nothing reads, with its value, beside a need ("Blatchford 12") is context
            mesures = mesures_inconnues(text, [w for w in inexpliques if plier(w) not in self.lieux])
            lus = {w for s in mesures for w in WORD_RE.findall(s)}
            inexpliques = [w for w in inexpliques if w not in lus]
            nombres = [n for n in nombres if n not in lus]
            ignores += [w for s in mesures for w in WORD_RE.findall(s)]
        groupes = marquer(groupes, redresses, VIA_FACTOR)
        groupes.sort(key=lambda g: g.start)
        # (a word may be dropped by two rules: "chute" is a mechanism's word and a cause's)
        return Interpretation(saisi, tuple(groupes), tuple(inexpliques), tronque, tuple(dict.fromkeys(ignores)),
                              tuple(nombres))

    def _lus_ensemble(self, coupe: str, a: str, b: str) -> bool:
        """Whether the stem `coupe` is no word of the clinical vocabulary ("plaque" is one: not
        "plaquette") and the stems `a` and `b`, both clinical words, read a clinical label
        together (`formes_courtes.deplier_devant`)."""
        voc = self.vocabulaire
        if voc is None or voc.connait(coupe) or not voc.connait(a, False) or not voc.connait(b, False):
            return False
        lecture = voc.lire([a, b])
        return lecture is not None and set(lecture.mots) == {0, 1}

    def _pas_une_faute(self, m: Mot) -> bool:
        """A word no typo correction touches: one a vocabulary or a synonym key holds, a place, an
        acronym typed in capitals, an abbreviation of the inventory, a number."""
        voc = self.vocabulaire
        return m.terme in self.postings or m.terme in self._mots_synonymes or m.plie in self._surface \
            or m.plie in self.lieux or _sigle(m.surface) or m.plie in self.abreviations \
            or m.plie.isdigit() or m.plie in self.generiques or (voc is not None and (voc.connait(m.terme) or m.plie in voc.surface))

    def _chevauche(self, mots: list[Mot], terms: list[str], i: int, n: int) -> bool:
        """Whether the synonym phrase of `n` words at `i` would cut another in two, leaving the
        words after it read badly: its last words start a phrase running past it ("adulte
        handicapé | moteur" is "adulte", then "handicapé moteur", not a motor device), and the
        word it leaves is no phrase of its own and no well-read label word."""
        for k in range(i + 1, i + n):
            if k + self.synonymes.match(terms, k)[0] > i + n:
                reste = mots[i + n]
                if self.synonymes.match(terms, i + n)[0]:
                    return False
                p = self._postings_mot(reste, reste is mots[-1])
                seul = self._groupe_libelle([reste], p.docs, [p], reste.surface) if p is not None else None
                return seul is None or not seul.matches or seul.matches[0].score < BIEN_LU
        return False

    def _formes_longues(self, text: str, mots: list[Mot], groupes: list[Groupe], inexpliques: list[str],
                        enfant: bool | None, profil: str | None, contexte: frozenset[int] = frozenset()
                        ) -> tuple[list[Groupe], list[str]]:
        """An abbreviation of the inventory that nothing else reads reads as its long forms typed
        in full do ("EBUS", "CAT": cathétérisme), where a long form reads whole as one need. Of
        several senses read so, those sharing a concept with the other needs of the query are kept
        ("CAT" beside "coronarographie"); with no such sense, every sense, the usual one first,
        ranking only when the query names other needs."""
        # (a group of context words and qualifiers only is no other need: "ADC grave" is the
        # abbreviation, how severe it is, not "grave" read by the labels of severe handicaps)
        requis = [g for g in groupes if not g.souple and not all(
            k in contexte for k, m in enumerate(mots) if g.start <= m.start < g.end)]
        # (a sense is the same need as another group when their best concepts meet)
        tetes = {c for g in requis for c in g.concepts[:LIES]}
        for k, m in enumerate(mots):
            lettres = m.plie.rstrip("0123456789")
            # (letters with a number glued that no inventory lists read as typed apart: "GIR2")
            formes = self.abreviations.get(m.plie, ())[:2] or (
                (f"{m.surface[:len(lettres)]} {m.surface[len(lettres):]}",) if lettres != m.plie else ())
            if m.surface not in inexpliques or not formes \
                    or not (_sigle(m.surface) or len(m.plie) >= MIN_PREFIX) or m.plie in self.generiques \
                    or len(lettres) < 2 or ROMAIN_RE.match(m.plie) \
                    or (m.plie in self.lieux and not (_sigle(m.surface) and len(m.plie) <= SIGLE_COURT)):
                # (one letter and a number is no abbreviation: "C5" is a cure or a vertebra; nor is
                # a roman numeral: "stade IV", nor a place name but a short one in capitals: "Coron")
                continue
            sens: list[Groupe] = []
            for forme in formes:
                lu = self.resolve(forme, enfant, profil, developper=False)
                besoins = [g for g in lu.groupes if not g.souple] or list(lu.groupes)
                if len(besoins) == 1 and not lu.inexpliques and besoins[0].via in ("exact", "synonyme", "terminologie") \
                        and besoins[0].matches:
                    sens.append(besoins[0])
            if len(sens) < len(formes) and all(g.matches[0].score < FAIBLE for g in sens):
                # an abbreviation of several senses, one of which reads nothing, is not read by
                # another that a label holds only as one word of many: "CAT" (conduite à tenir)
                # is no biliary endoscopy whose label says "cathétérisme"
                continue
            lies = [g for g in sens if tetes & set(g.concepts[:LIES])]
            # (beside other needs, an abbreviation the vocabulary could not read with them only
            # ranks, unless a sense shares a concept with them: "PNP sur AVB" stays a pneumonia)
            souple = (bool(requis) and not lies) or all(g.souple for g in sens)
            sens = lies or sens
            scored: dict[int, tuple[float, Via, str | None]] = {}
            for rang, g in enumerate(sens):
                for cm in g.matches:
                    d = self.by_id[cm.concept]
                    score = cm.score / (1.0 if cm.actif else DEPRECATED_FACTOR) * SECONDAIRE ** rang
                    if d not in scored or scored[d][0] < score:
                        scored[d] = (score, "terminologie", cm.synonyme)
            g0 = self._groupe(mots[k:k + 1], text, "terminologie", scored)
            sources = tuple(dict.fromkeys(src for g in sens for src in g.sources))
            groupes = groupes + [Groupe(g0.texte, g0.start, g0.end, g0.via, g0.matches, g0.total, souple, sources)]
            inexpliques = [w for w in inexpliques if w != m.surface]
        return groupes, inexpliques

    def _sigles_vides(self, text: str, mots: list[Mot]) -> list[Mot]:
        """A French stop word typed in capitals that the abbreviation inventory knows is that
        abbreviation ("AIT": accident ischémique transitoire, not the verb "ait"), unless the whole
        text of several words is in capitals, where case says nothing."""
        words = WORD_RE.findall(text)
        if not self.abreviations or (len(words) > 1 and text.upper() == text):
            return mots
        extra = [Mot(m.group(), plier(m.group()), plier(m.group()), m.start(), m.end())
                 for m in WORD_RE.finditer(text)
                 if _sigle(m.group()) and plier(m.group()) in self.abreviations
                 and self.termes.terme(m.group()) is None]
        return sorted(mots + extra, key=lambda m: m.start) if extra else mots

    def _soudes(self, text: str, mots: list[Mot]) -> list[Mot]:
        """Two words joined by a hyphen that the labels write as one word ("ostéo-médullaire":
        "ostéomédullaire") are that word, unless the ROR labels hold the two parts together
        ("neuro-vasculaire", "post-partum" as they write them)."""
        voc = self.vocabulaire
        out: list[Mot] = []
        for m in mots:
            a = out[-1] if out else None
            if a is not None and text[a.end:m.start] == "-" and not a.plie.isdigit() and not m.plie.isdigit():
                colle = a.plie + m.plie
                ensemble = self.postings.get(a.terme, frozenset()) & self.postings.get(m.terme, frozenset())
                terme = self.termes.terme(colle)
                if terme is not None and not ensemble \
                        and (colle in self._surface or (voc is not None and colle in voc.surface)):
                    out[-1] = Mot(a.surface + m.surface, colle, terme, a.start, m.end)
                    continue
            out.append(m)
        return out

    def _etendus(self, terme: str) -> frozenset[int]:
        """The labels writing a word whose stem extends this one by an adjective's ending (the
        organ's noun "périnée" / "périnéale", "pelvis" / "pelvienne"), for a stem of RACINE letters
        at least."""
        if len(terme) < RACINE:
            return frozenset()
        out: set[int] = set()
        for w in self.mots_prefixes(terme):
            for st in self._surface[w]:
                if st != terme and st.startswith(terme) and plier(w).endswith(ADJECTIFS):
                    out |= self.postings.get(st, frozenset())
        return frozenset(out)

    def _ecrits_ensemble(self, avant: str, terme: str) -> bool:
        """Whether a label writes both stems, the first one or a synonym it is the key of."""
        a = self._stems_postings((avant,), "exact")
        return a is not None and bool(a.docs & self.postings.get(terme, frozenset()))

    def _connu(self, m: Mot) -> bool:
        """Whether the ROR labels or the clinical vocabulary write the word."""
        return m.plie in self._surface or (self.vocabulaire is not None and m.plie in self.vocabulaire.surface)

    def _elements(self, text: str, mots: list[Mot]) -> list[Mot]:
        """The first parts of hyphenated compounds that neither the labels, the synonym keys nor
        the clinical vocabulary hold ("vaso" of "vaso-occlusive"; "infanto" is a key's): a combining
        form, not a misspelt word
        ("naso", "vasc…"); the word it is glued to says the need."""
        voc = self.vocabulaire
        if voc is None:
            return []
        return [m for m, n in zip(mots, mots[1:], strict=False)
                if text[m.end:n.start] == "-" and n.plie.isalpha() and m.plie.isalpha()
                and not _sigle(m.surface) and m.plie not in self._surface and m.terme not in self.postings
                and m.terme not in self._mots_synonymes
                and not voc.connait(m.terme) and m.plie not in voc.surface and m.plie not in self.abreviations
                and m.plie not in self.lieux]

    def _forme_longue(self, forme: str, grade: bool = False) -> list[str]:
        """The stems of an abbreviation's long form, with a split prefix glued back where the
        labels write one word ("hypertension intra cranienne" → "intracrânienne"). `grade`: the
        abbreviation is a word of letters with a grade or a type glued to it ("BAV3", "DT2"): the
        number of its long form says how the need is, no label word, and the rest reads it."""
        voc = self.vocabulaire
        mots = self.termes.mots(forme)
        out: list[str] = []
        k = 0
        while k < len(mots):
            m = mots[k]
            if grade and m.plie.isdigit():
                k += 1
                continue
            if voc is not None and k + 1 < len(mots) and len(m.plie) <= PREFIXE_SOUDE \
                    and mots[k + 1].start <= m.end + 1:
                glued = self.termes.terme(m.plie + mots[k + 1].plie)
                if glued is not None and voc.connait(glued, False):
                    out.append(glued)
                    k += 2
                    continue
            t = m.terme
            if voc is not None and not voc.connait(t, False):
                # the inventory's own typos ("fibrilation"): the word the labels spell
                t = voc.corriger(m.plie) or t
            out.append(t)
            k += 1
        if voc is not None and len(out) > 2 and voc.connait(out[0], False):
            # a word no label holds ("franc" of "pneumopathie franc lobaire aiguë") cannot be read:
            # the rest, head noun first, still says the need
            lus = [t for t in out if voc.connait(t, False)]
            if len(lus) >= 2:
                out = lus
        return out

    def _contexte(self, mots: list[Mot], groupes: list[Groupe]) -> frozenset[int]:
        """Indices of the words saying when, where, for whom care is asked (CONTEXTE), when the
        text also names a clinical need (a word the labels or the vocabulary read that is not such
        a word); empty when they are all the text says, so alone they mean what they say."""
        # severity words ("grave", "aigu") qualify too, once the labels have read them alone
        ctx = frozenset(k for k, m in enumerate(mots)
                        if m.plie in CONTEXTE or m.plie in MODIFICATEURS or m.plie in GESTES)
        if not ctx:
            return ctx
        voc = self.vocabulaire

        def besoin(m: Mot) -> bool:
            if m.plie in CONTEXTE or m.plie in MODIFICATEURS or m.plie in GESTES or m.plie in self.generiques \
                    or m.plie.isdigit():
                return False
            if _sigle(m.surface) and m.plie in self.abreviations:
                return True  # an abbreviation typed in capitals names a need ("EP grave", "BU")
            if len(m.plie) <= 2:
                return False
            if voc is not None and voc.connait(m.terme):
                return True
            return any(g.start <= m.start < g.end and not g.souple and g.via in ("exact", "synonyme")
                       for g in groupes)

        if any(besoin(m) for m in mots):
            return ctx
        # beside paediatrics named alone ("pédiatre", read as who the patient is), the words of a
        # time ("de garde", "le dimanche") say when it is asked, not a need ("Garde itinérante")
        pediatrie = any(g.matches and g.matches[0].concept in PEDIATRIE_TOUTE for g in groupes)
        return frozenset(k for k in ctx if mots[k].plie in MOMENTS) if pediatrie else frozenset()

    def _vitaux(self, mots: list[Mot], groupes: list[Groupe]) -> frozenset[int]:
        """Indices of the words saying a vital function fails (VITAL, with the "état" naming
        it), when the text also names a need of another word; empty otherwise (alone, "coma" is
        read as it is)."""
        voc = self.vocabulaire

        def compose(k: int) -> bool:
            """The word after it makes a diagnosis with it ("choc émotionnel", "coma vigil")."""
            if voc is None or k + 1 >= len(mots):
                return False
            return bool(set(voc.postings.get(mots[k].terme, ())) & set(voc.postings.get(mots[k + 1].terme, ())))

        vital = {k for k, m in enumerate(mots) if m.plie in VITAL and not compose(k) and (
            m.plie not in VITAL_APRES_ETAT or (k > 0 and mots[k - 1].plie in VITAL_ETAT))}
        if not vital:
            return frozenset()
        vital |= {k for k, m in enumerate(mots) if m.plie in VITAL_ETAT and k + 1 in vital}

        def besoin(k: int, m: Mot) -> bool:
            if k in vital or m.plie in CONTEXTE or m.plie in MODIFICATEURS or m.plie in self.generiques \
                    or m.plie.isdigit() or len(m.plie) <= 1:
                return False
            if voc is not None and (voc.connait(m.terme) or m.plie in self.abreviations):
                return True
            return any(g.start <= m.start < g.end and not g.souple for g in groupes)

        return frozenset(vital) if any(besoin(k, m) for k, m in enumerate(mots)) else frozenset()

    def _detresse(self, mots: list[Mot], text: str, groupes: list[Groupe], inexpliques: list[str],
                  vitaux: frozenset[int]) -> tuple[list[Groupe], list[str]]:
        """The failing vital function beside a need (`_vitaux`): the units taking vital distress
        also meet the need (OR, at its best score) and rank first (a soft group)."""
        span = [mots[k] for k in sorted(vitaux)]
        # groups made of those words only ("choc" read by a label of its own) are no need
        dans = [g for g in groupes if all(
            any(m.start <= pos < m.end for m in span)
            for pos in (m2.start for m2 in mots if g.start <= m2.start < g.end))]
        reste = [g for g in groupes if g not in dans]
        ids = [self.by_id[c] for c in VITAL_CONCEPTS if c in self.by_id]
        if not ids or not any(not g.souple for g in reste):
            return groupes, inexpliques
        out: list[Groupe] = []
        for g in reste:
            if g.souple or not g.matches:
                out.append(g)
                continue
            top = g.matches[0].score
            merged = self._scores(g)
            for d in ids:
                merged.setdefault(d, (top, "terminologie", None))
            out.append(self._regroupe(g, merged))
        vg = self._groupe(span, text, "synonyme", {d: (VIA_FACTOR["synonyme"], "synonyme", None) for d in ids})
        out.append(Groupe(vg.texte, vg.start, vg.end, vg.via, vg.matches, vg.total, True))
        words = {m.surface for m in span}
        return out, [w for w in inexpliques if w not in words]

    def _suppleance(self, text: str, groupes: tuple[Groupe, ...], spans: list[str]
                    ) -> tuple[tuple[Groupe, ...], set[str]]:
        """Life support under way set aside as context (`suppleances.py`): its words say a vital
        function fails beside the need, read as `_detresse` reads "état de choc". The groups, and
        the words so read."""
        if not spans:
            return groupes, set()
        mots = self.termes.mots(text)
        bornes = [(a, a + len(s)) for s in spans if (a := text.find(s)) >= 0]
        vitaux = frozenset(k for k, m in enumerate(mots) if any(a <= m.start < b for a, b in bornes))
        if not vitaux:
            return groupes, set()
        out, _ = self._detresse(mots, text, list(groupes), [], vitaux)
        return tuple(out), {mots[k].surface for k in vitaux}

    def _mots_enfant(self) -> frozenset[str]:
        """Folded one-word keys of the synonym entries saying who the patient is ("enfant", "fils")."""
        if self._enfants is None:
            self._enfants = frozenset(plier(k) for e in SYNONYMES if e.id in SOUPLES for k in e.cles
                                      if " " not in k)
        return self._enfants

    def _mots_contexte(self, mots: list[Mot]) -> frozenset[int]:
        """Context words are never read through the clinical vocabulary: its labels use them in
        another sense ("droit" of "bloc de branche droit", "jeune" of "diabète du sujet jeune")."""
        return frozenset(k for k, m in enumerate(mots) if m.plie in CONTEXTE)

    def _qualifie(self, mots: list[Mot], groupes: list[Groupe], contexte: frozenset[int]) -> list[Groupe]:
        """Groups read only from context words ("en urgence", "la nuit", "adulte") rank the units
        meeting the clinical need (soft), never stand for a need of their own beside it."""
        if not contexte:
            return groupes

        enfants = self._mots_enfant()

        def du_contexte(g: Groupe) -> bool:
            # (a child word with them says who the patient is: "enfant consultation" is no need)
            inside = [k for k, m in enumerate(mots) if g.start <= m.start < g.end
                      and m.plie not in self.generiques]
            return any(k in contexte for k in inside) \
                and all(k in contexte or mots[k].plie in enfants for k in inside)

        if not any(not g.souple and not du_contexte(g) for g in groupes):
            if not any(g.souple and g.matches and g.matches[0].concept in PEDIATRIE_TOUTE for g in groupes):
                return groupes
            # paediatrics named alone is the need its time words qualify (`_contexte`): they name
            # nothing more (a group of them would be required beside it, no group being, and the
            # elderly's "Garde itinérante" be asked); its ways of receiving ("pédiatrie
            # ambulatoire") stay needs
            contexte = frozenset(k for k in contexte if mots[k].plie in MOMENTS)
            return [g for g in groupes if g.souple or not du_contexte(g)]

        def propres(g: Groupe) -> tuple[ConceptMatch, ...]:
            # a context word the synonym table reads ("à domicile": hospital care at home) ranks by
            # what it means, not by the labels that happen to hold it ("Accouchement à domicile")
            own = tuple(m for m in g.matches if m.via == "synonyme") if g.via == "synonyme" else ()
            return own or g.matches

        return [Groupe(g.texte, g.start, g.end, g.via, propres(g), g.total, True, g.sources)
                if not g.souple and du_contexte(g) else g for g in groupes]

    def _mecanismes(self, mots: list[Mot], groupes: list[Groupe]) -> tuple[frozenset[int], bool]:
        """Positions of the words saying how the patient got hurt (`mecanismes.py`), and whether
        another word names what the injury needs (then they are not read with it)."""
        voc = self.vocabulaire

        def diagnostic(k: int) -> bool:
            """The word makes a diagnosis with the next one ("accident de décompression",
            "accident vasculaire"): some label holds both."""
            if voc is None or k + 1 >= len(mots):
                return False
            return bool(set(voc.postings.get(mots[k].terme, ())) & set(voc.postings.get(mots[k + 1].terme, ())))

        plies = [m.plie if not diagnostic(k) else "" for k, m in enumerate(mots)]
        if not mecanismes.indices(plies):
            return frozenset(), False
        mecanisme = mecanismes.chutes(plies) | mecanismes.indices(plies) | mecanismes.accidents(plies)

        def besoin(k: int, m: Mot) -> bool:
            if k in mecanisme or m.plie in self.generiques or m.plie in CONTEXTE or m.plie in QUALIFICATIFS \
                    or m.plie.isdigit() or len(m.plie) <= 2 or m.plie in self._mots_enfant():
                return False
            if voc is not None and voc.connait(m.terme, False):
                return True
            return any(g.start <= m.start < g.end and not g.souple and g.via in ("exact", "synonyme")
                       for g in groupes)

        # an elderly patient's fall is itself the need (geriatrics), read with the words around it
        agee = mecanismes.age_avance([m.plie for m in mots], plier(" ".join(m.surface for m in mots)))
        if agee or not any(besoin(k, m) for k, m in enumerate(mots)):
            return mecanisme, False
        return mecanisme, True

    def _traumatisme(self, mots: list[Mot], text: str, groupes: list[Groupe], enfant: bool | None,
                     mecanisme: frozenset[int], consequence: bool) -> tuple[list[Groupe], list[str]]:
        """A mechanism of injury beside its consequence: the consequence decides (a lost motor
        function after trauma is a spinal injury), the mechanism's own groups are no need. A
        mechanism alone: a fall is an old person's need only for an elderly patient, trauma care
        for anyone else."""
        chutes = self._chutes(mots)
        positions = {mots[k].start for k in chutes}
        tous = {mots[k].start for k in mecanisme}
        agee = not enfant and mecanismes.age_avance([m.plie for m in mots], plier(text))

        accident = {mots[k].start for k in mecanisme
                    if mots[k].plie in mecanismes.ACCIDENTS or mots[k].plie in mecanismes.ACCIDENT_DETAILS}

        def seul_mecanisme(g: Groupe, positions: set[int] = positions, qualifie: bool = False) -> bool:
            # (`qualifie`: a qualifier says how it is, never what: "AVP grave" is an accident)
            inside = [m for m in mots if g.start <= m.start < g.end and m.plie not in self.generiques
                      and not m.plie.isdigit() and not (qualifie and m.plie in QUALIFICATIFS)]
            return bool(inside) and all(m.start in positions for m in inside)

        def relu(g: Groupe, concepts: tuple[str, ...]) -> Groupe:
            ids = [self.by_id[c] for c in concepts if c in self.by_id]
            scored: dict[int, tuple[float, Via, str | None]] = {
                d: (VIA_FACTOR["terminologie"] * (1.0 - 0.05 * r), "terminologie", None)
                      for r, d in enumerate(ids)}
            ng = self._groupe(self.termes.mots(g.texte), g.texte, "terminologie", scored)
            return Groupe(g.texte, g.start, g.end, "terminologie", ng.matches, ng.total, g.souple, g.sources)

        out: list[Groupe] = []
        pris: list[str] = []
        for g in groupes:
            top = plier(self.concept(g.matches[0].concept).libelle) if g.matches else ""
            if not g.souple and seul_mecanisme(g) and (consequence or not any(
                    mots[k].plie in mecanismes.CHUTES for k in chutes
                    if g.start <= mots[k].start < g.end)):
                # (alone, the fall itself is read; "deuxième" of "du deuxième étage" is no need)
                pris.append(g.texte)
            elif not g.souple and seul_mecanisme(g, accident, qualifie=True):
                # (an accident's own words read no stroke: alone they ask for trauma care, beside
                # their consequence they only rank it, the consequence decides; the stroke labels
                # that carried "accident" explain nothing here)
                out.append(replace(relu(g, mecanismes.TRAUMA), souple=consequence, sources=()))
            elif consequence and not g.souple and g.matches and (
                    mecanismes.deficit(top) or mecanismes.deficit(plier(g.texte))
                    or mecanismes.deficit(plier(g.sources[0] if g.sources else ""))):
                out.append(relu(g, mecanismes.RACHIS))
            elif not consequence and not agee and not g.souple and g.matches \
                    and self._grand_age(g.matches[0].concept) \
                    and any(g.start <= p < g.end for p in tous):
                out.append(relu(g, mecanismes.TRAUMA))
            else:
                out.append(g)
        if consequence and any(g.matches and g.matches[0].concept == mecanismes.RACHIS[0] for g in out):
            # the injury is the spinal one: "plongeon", "accident" said only how it happened
            tous_seuls = [g for g in out if not g.souple and all(
                m.start in tous or m.plie in mecanismes.DETAILS or m.plie in self.generiques
                for m in mots if g.start <= m.start < g.end)]
            out = [g for g in out if g not in tous_seuls]
            pris += [g.texte for g in tous_seuls]
        if consequence:
            pris += [mots[k].surface for k in sorted(chutes)]
        else:
            pris += [mots[k].surface for k in sorted(chutes) if mots[k].plie in mecanismes.DETAILS]
        return out, pris

    def _chirurgical(self, g: Groupe) -> Groupe:
        """A complicated disease of an organ (`complications.py`): the organ's surgical activities
        meet the need too and rank first, its medical activity follows."""
        if g.souple or not g.matches or g.matches[0].concept not in complications.CHIRURGIE:
            return g
        top = g.matches[0].score
        scored = self._scores(g)
        medical = self.by_id[g.matches[0].concept]
        scored[medical] = (top * complications.CHIRURGIE_PART, scored[medical][1], scored[medical][2])
        for r, c in enumerate(complications.CHIRURGIE[g.matches[0].concept]):
            if c in self.by_id:
                scored[self.by_id[c]] = (top * (1.0 - 0.05 * r), "terminologie", None)
        return self._regroupe(g, scored)

    def _chutes(self, mots: list[Mot]) -> frozenset[int]:
        """Positions of a fall's words (`mecanismes.chutes`)."""
        return mecanismes.chutes([m.plie for m in mots])

    def _accessoires(self, groupes: list[Groupe]) -> list[Groupe]:
        """An everyday word a long ROR label holds in passing ("lire" of "Maîtrise du Facile à
        Lire et à Comprendre", "école" of an ETP programme, "jeux" of an addiction act): a weak
        exact reading beside a sure reading of the need ranks, never filters (soft). An
        abbreviation typed in capitals ("TCC") is no everyday word."""
        def sure(g: Groupe) -> bool:
            return not g.souple and g.via in ("exact", "synonyme", "terminologie") and bool(g.matches) \
                and g.matches[0].score >= BIEN_LU

        if not any(sure(g) for g in groupes):
            return groupes
        return [Groupe(g.texte, g.start, g.end, g.via, g.matches, g.total, True, g.sources)
                if not g.souple and g.via == "exact" and g.matches and g.matches[0].score < FAIBLE
                and " " not in g.texte.strip() and g.texte.islower() and not self._nomme_l_acte(g)
                else g for g in groupes]

    def _nomme_l_acte(self, g: Groupe) -> bool:
        """Whether a group's word names one act (`_acte`) that its best label writes as typed
        ("hystéroscopie" in "Endoscopie de l'appareil génital féminin (hystéroscopie…)", "vidéo
        capsule"), not a word of its stem ("élastique" in "Elasto-IRM")."""
        if not g.matches or not self._acte(g.texte.strip()):
            return False
        mot = plier(g.texte.strip())
        ecrit = [plier(w) for w in WORD_RE.findall(g.matches[0].label)]
        colle = "".join(ecrit)
        debuts = list(accumulate((len(w) for w in ecrit), initial=0))
        # (a label naming the act by its absence does not name it: "… sans urétéroscopie")
        return any(k == 0 or ecrit[k - 1] != "sans"
                   for at in _occurrences(colle, mot) for k in [bisect.bisect_right(debuts, at) - 1])

    def _acte(self, mot: str) -> bool:
        """Whether a typed word names one act and nothing else (`Terminologie.acte_seul`:
        "hystéroscopie", "urétrocystoscopie"). Such a word is no everyday word a long label holds
        in passing: the act is the need, even where an ROR label names it among others."""
        # (an abbreviation is no such word: its senses are the abbreviation inventory's, and the
        # act a CCAM label writes it beside is one of many: "PPC" of a sleep apnoea is no
        # ventilation in intensive care)
        if _sigle(mot) or plier(mot) in self.abreviations:
            return False
        voc = self.vocabulaire
        terme = self.termes.terme(mot)
        return voc is not None and terme is not None and voc.acte_seul(terme)

    def _acte_ror(self, mot: Mot, groupes: list[Groupe]) -> bool:
        """Whether the ROR labels read this word alone, well, as an act (TRE_R210: "drainage",
        "embolisation"): an act the ROR names, even one done on many organs."""
        return any(g.via == "exact" and not g.souple and g.matches and g.matches[0].table == "TRE_R210"
                   and g.matches[0].score >= BIEN_LU and (g.start, g.end) == (mot.start, mot.end)
                   for g in groupes)

    def _cle_courte(self, mot: Mot) -> bool:
        """A one-word synonym key whose stem is this short stands only for the words spelling it
        ("repas" and "répit" share the stem "rep", "papi" and "papa" the stem "pap")."""
        if len(mot.terme) > CLE_COURTE:
            return True
        if self._cles is None:
            self._cles = frozenset(plier(k) for e in SYNONYMES for k in e.cles if " " not in k)
        return mot.plie in self._cles or mot.plie.rstrip("sx") in self._cles

    def _qualifiants(self, mots: list[Mot], groupes: list[Groupe]) -> tuple[list[Groupe], list[str]]:
        """Groups made of qualifiers only ("sévère" → "Troubles de la personnalité sévères") beside
        a group naming a need are no need at all, not even a ranking one (`qualificatifs.py`)."""
        def qualifiant(g: Groupe) -> bool:
            return seulement_qualificatifs((m.plie for m in mots if g.start <= m.start < g.end), self.generiques)

        seuls = [g for g in groupes if qualifiant(g)]
        if not seuls or not any(not qualifiant(g) and not g.souple for g in groupes):
            return groupes, []
        return [g for g in groupes if g not in seuls], [g.texte for g in seuls]

    def _vocabulaire(self, text: str, mots: list[Mot], groupes: list[Groupe],
                     inexpliques: list[str], contexte: frozenset[int] = frozenset(),
                     borne: tuple[int, int] | None = None, debut: bool = False) -> tuple[list[Groupe], list[str]]:
        """Read the words through the clinical vocabulary (diagnoses, symptoms, lay words,
        abbreviations) where the ROR labels explain them badly: a word nothing explains, only a
        prefix or a typo explains, or words the labels split into groups no unit holds together.
        The words the vocabulary covers then form one group of the concepts its labels vote for.
        `borne`: only the words typed within these character offsets are read; `debut`: the sign
        has just begun (`debut.py`)."""
        voc = self.vocabulaire
        if voc is None or not mots:
            return groupes, inexpliques
        # Soft words and synonym phrases (even reached through a typo) are read as they are, and so
        # are label phrases a typo's correction makes whole ("psychiatrie enfnat").
        souples = {(g.start, g.end) for g in groupes
                   if g.souple or (g.via == "faute" and g.matches and g.matches[0].synonyme)
                   or self._lu_corrige(g, mots)}
        # CCAM acts read a query only where the ROR labels explain none of its words: an act the
        # ROR names ("arthroscopie", "réentraînement à l'effort") keeps its own reading. Beside
        # such words, a word naming one act that no ROR label reads (`_acte`) is still read
        # ("urétrocystoscopie en ambulatoire").
        lus = [g for g in groupes if g.via in ("exact", "synonyme") and not g.souple]
        libres = None if not lus else tuple(
            k for k, m in enumerate(mots)
            if not any(g.start <= m.start < g.end for g in lus) and self._acte(m.surface))

        def actes(k: int) -> bool:
            return libres is None or k in libres
        # the words naming a cause ("… après AVC") are not read together with the need before it:
        # they are read on their own (`_cause` then makes them rank only), so a diagnosis of
        # several words after the marker ("après une fracture du col du fémur") is read whole,
        # not left to the labels word by word ("col" alone: a cervix, a colic)
        cause = CAUSE_RE.search(plier_en_place(text))
        apres = cause.end() if borne is None and cause is not None and not self._periode(mots, cause.end()) \
            and any(g.end <= cause.start() and not g.souple for g in groupes) else len(text) + 1
        # nor are the marker's own words ("suite" of "suite à" is not "soins de suite")
        marqueur = (cause.start(), cause.end()) if cause is not None else (0, 0)
        # nor, after an act typed before "pour", a reason an ROR label reads already
        # ("urétrocystoscopie pour incontinence urinaire"): the act is the need, the reason only
        # ranks (`_motif`)
        # (a reason no ROR label reads is read apart, after the act: "urétéroscopie pour colique
        # néphrétique" is the act, for a renal colic; read together, the diagnosis took its place)
        motif = MOTIF_RE.search(plier_en_place(text))
        if borne is None and motif is not None and motif.end() < apres \
                and any(m.end <= motif.start() and (self._acte(m.surface) or self._acte_ror(m, groupes))
                        for m in mots):
            if all(any(g.start <= m.start < g.end for g in groupes if g.via in ("exact", "synonyme"))
                   for m in mots if m.start >= motif.end() and m.plie not in VIDES):
                apres = motif.end()
            else:
                acte = self._vocabulaire(text, mots, groupes, inexpliques, contexte, (0, motif.start()), debut)
                lu = self._vocabulaire(text, mots, *acte, contexte, (motif.end(), apres), debut)
                return lu if apres > len(text) else self._vocabulaire(text, mots, *lu, contexte,
                                                                      (apres, len(text) + 1), debut)
        if borne is None and apres <= len(text):
            avant = self._vocabulaire(text, mots, groupes, inexpliques, contexte, (0, apres), debut)
            return self._vocabulaire(text, mots, *avant, contexte, (apres, len(text) + 1), debut)
        lo, hi = borne or (0, len(text) + 1)
        stems: list[str | None] = []
        for k, m in enumerate(mots):
            if m.start >= apres or marqueur[0] <= m.start < marqueur[1] or not lo <= m.start < hi:
                stems.append(None)
                continue
            # a place name ("Pari", "Sein"), unless it is the last word, typed in lower case, or a
            # word typed in lower case that some label holds with a word typed beside it
            # ("syndrome de la queue de cheval", "occlusion sur bride")
            place = m.plie in self.lieux and m.plie not in voc.courants \
                and not (k == len(mots) - 1 and m.surface.islower()) \
                and not (m.surface.islower() and self._dans_libelle(mots, k))
            if m.plie in self.generiques or m.plie.isdigit() or len(m.plie) <= 2 or place or k in contexte \
                    or any(a <= m.start < b for a, b in souples):
                stems.append(None)
            elif (cachee := self._faute_cachee(m)) is not None:
                # a typo the stemmer folds onto another word ("thoraxique" → "thorax") is the word
                # meant ("douleur thoracique"), unless a label group reads it already, well or
                # with the words beside it ("chirurgie thoraxique")
                held = any(g.start <= m.start < g.end and (g.via != "faute" or g.end - g.start > m.end - m.start)
                           for g in groupes)
                stems.append(None if held else next(
                    (t for t in self._surface[cachee] if voc.connait(t, actes(k))), None))
            elif voc.connait(m.terme, actes(k)):
                stems.append(m.terme)
            elif m.plie in self.abreviations and len(m.plie) <= 6:
                stems.append(None)  # expanded below
            elif m.plie not in self.lieux and not _sigle(m.surface) and m.terme not in self.postings \
                    and not any(g.start <= m.start < g.end and g.via != "faute" for g in groupes):
                # a typo the ROR labels could not place, or placed only by a typo of their own
                # words while it is a misspelt diagnosis ("hémoptisie": the diagnosis, not the one
                # act whose label names it)
                corrige = _corriger(voc, m.plie, self.dictionnaire)
                held = any(g.start <= m.start < g.end for g in groupes)
                stems.append(corrige if not held or (corrige and voc.connait(corrige, False)) else None)
            else:
                stems.append(None)
        # An abbreviation no ROR label or synonym knows reads as its long forms.
        extra: list[tuple[int, int, list[str]]] = []
        for k, m in enumerate(mots):
            # (a short abbreviation typed in capitals is not the village of that name: "GEU")
            # (an abbreviation typed in capitals is also tried by its long form when a label spells
            # the same letters: "PNP" is "pneumopathie", not "[PNP]" purine phosphorylase)
            brut = stems[k] is not None and _sigle(m.surface) and m.plie not in voc.courants
            if (stems[k] is None or brut) and m.plie in self.abreviations \
                    and (m.plie not in self.lieux or (_sigle(m.surface) and len(m.plie) <= SIGLE_COURT)) \
                    and m.plie not in self.generiques and not self._explique(m, groupes):
                for sens, forme in enumerate(self.abreviations[m.plie][:2]):
                    # (one letter and a number is no grade: "C5" is a cure or a vertebra)
                    lettres = m.plie.rstrip("0123456789")
                    forme_stems = self._forme_longue(forme, lettres != m.plie and len(lettres) >= 2)
                    if forme_stems and all(voc.connait(t, False) for t in forme_stems):
                        extra.append((k, sens, forme_stems))
        population = any(m.terme in voc.mots_population for m in mots)
        tapes = [m.terme for m in mots]
        lecture = voc.lire(stems, libres, population, tapes, [m.surface for m in mots], debut)
        covered: set[int] = set(lecture.mots) if lecture else set()
        # (an act the ROR labels read alone, that no label holds with the other words read, keeps
        # that reading: "drainage" of "drainage thoracique" is the act asked, not a word of the
        # chest pain read beside it; "compression" of "compression de la queue de cheval" is a
        # word of the diagnosis, and a care word, "traitement", the care asked for it)
        lus_ = [stems[k] or "" for k in covered]
        covered = {k for k in covered if not (
            self._acte_ror(mots[k], groupes) and (stems[k] or "") not in voc.modificateurs
            and not voc.ensemble(stems[k] or "", lus_) and not voc.profane_seul(stems[k] or ""))}
        developpee = False  # the reading is an abbreviation's long form (the first sense wins ties)
        par: int | None = None  # the abbreviation it is the long form of
        formes_lues: list[str] = []  # the stems of that long form
        if extra:
            seul = len({k for k, _, _ in extra}) == 1  # one abbreviation in the query
            for k, sens, forme_stems in extra:
                if sens and par not in (None, k):
                    # an abbreviation's other sense (the inventory lists the usual one first) never
                    # takes over the reading another abbreviation of the query gave: "PNP sur AVB"
                    # is a pneumonia after a delivery, so AVB is no forearm ("avant-bras")
                    continue
                autres = [i for i, s in enumerate(stems) if s and i != k]
                others = [s for i, s in enumerate(stems) if i != k and s]
                if par not in (None, k) and developpee:
                    # another abbreviation's long form read already is read with this one, as
                    # typed in full ("NN … DRA": nouveau-né, détresse respiratoire aiguë)
                    autres += [par] * len(formes_lues)
                    others = others + formes_lues
                # (typed alone, a long form naming a pregnancy or a newborn reads their labels:
                # "MFIU", mort foetale in utero; beside other words, those words say whether the
                # need is the pregnancy's: "PNP sur AVB" is a pneumonia)
                # (no ROR label explains the abbreviation: where no diagnosis nor lay word holds
                # its long form's words together, a CCAM act may read them, "DVE" is a drain the
                # acts' labels name, but not the other words typed; "PPC" stays the diagnoses')
                # (beside other words, the acts, which read any organ's words, do not choose
                # among an abbreviation's senses: "TC sur MAE" is no ear surgery by the méat
                # acoustique externe, but an anti-epileptic drug)
                # (an act's label holding the whole long form: "dérivation … ventriculaire …
                # externe", not acts each holding one of its words)
                # (an ROR label holding it reads it better: "SCP", the act Stimulation cérébrale
                # profonde, left to `_formes_longues`)
                propres = range(len(others), len(others) + len(forme_stems)) \
                    if len(forme_stems) > 1 and not voc.lus_ensemble(forme_stems) and voc.tient(forme_stems) \
                    and not self._docs(forme_stems) \
                    and (not others or len(self.abreviations[mots[k].plie]) == 1) else ()
                alt = voc.lire(others + forme_stems, propres, population or any(
                    t in voc.mots_population for t in others if t in formes_lues) or (
                    not others and seul and any(t in voc.mots_population for t in forme_stems)))
                # every word of the long form but its qualifiers ("aigu" of "oedème aigu du poumon")
                needed = {len(others) + j for j, t in enumerate(forme_stems) if t not in voc.modificateurs}
                # (a long form read only in part never takes over another abbreviation's reading)
                lu_ = alt is not None and (needed <= set(alt.mots) or (
                    par in (None, k) and forme_lue(needed, set(alt.mots), len(others), others + forme_stems)))
                # (an abbreviation typed in capitals means its long form, not a label that happens
                # to spell the letters: "PNP" is "pneumopathie"; so does one no label spells, in
                # any case, "Ao": the aorta, not the "type" of "dissection Ao type A" read apart)
                if alt is not None and lu_ \
                        and (lecture is None or len(alt.mots) > len(lecture.mots)
                             or (not developpee and (_sigle(mots[k].surface) or not self._connu(mots[k]))
                                 and len(alt.mots) >= len(lecture.mots))):
                    lecture = alt
                    developpee = True
                    par = k
                    formes_lues = forme_stems
                    # (the other words its reading covers, not every other word: "sevrage" of
                    # "DT sevrage" is no word of diabetes)
                    covered = {k} | {autres[j] for j in alt.mots if j < len(autres)}
                elif alt is not None and lu_ and sens and par == k and others \
                        and lecture is not None and len(alt.mots) >= len(lecture.mots) \
                        and (autour := voc.lire(others, (), population)) is not None \
                        and self.domaines.prefere(lecture.concepts, alt.concepts, autour.concepts):
                    # no label reads the other words with either sense, but they are about the
                    # organ of this one ("IRC oxygène": the respiratory failure, not the renal)
                    lecture = alt
                elif alt is not None and lu_ and sens and par == k and not others \
                        and lecture is not None:
                    # an abbreviation typed alone whose other sense reads whole too keeps both
                    # senses, the usual one first ("IRC": renal, then respiratory failure), rather
                    # than a wrong one
                    lecture = Lecture(lecture.mots, lecture.concepts + tuple(
                        (c, conf * SECONDAIRE) for c, conf in alt.concepts
                        if c not in dict(lecture.concepts)), lecture.libelles + alt.libelles, lecture.courant)
        if lecture is None or not covered:
            return groupes, inexpliques
        # Adjacent words the vocabulary knows but the labels leave alone or explain by one word
        # ("accident", "sévère", "métastatique") qualify the reading: they join its group.
        qualifies = False
        for step in (-1, 1):
            k = (min(covered) if step < 0 else max(covered)) + step
            # (not a word a label reading already explains well with its neighbours: "respiratoire"
            # of "kiné respiratoire" stays there)
            while 0 <= k < len(mots) and voc.connait(mots[k].terme, actes(k)) and stems[k] is not None \
                    and not any(g.start <= mots[k].start < g.end and (g.souple or g.via == "synonyme" or (
                        g.via == "exact" and g.end - g.start > mots[k].end - mots[k].start
                        and g.matches and g.matches[0].score >= BIEN_LU))
                                for g in groupes):
                covered.add(k)
                qualifies = qualifies or not self._explique(mots[k], groupes)
                k += step
        # Words a label reading explains well together with words outside the vocabulary's
        # reading ("soins santé" of "lits halte soins santé" beside "sans abri") stay with it.
        for g in groupes:
            if g.souple or g.via not in ("exact", "synonyme") or not g.matches \
                    or g.matches[0].score < BIEN_LU:
                continue
            dedans = {k for k in covered if g.start <= mots[k].start < g.end}
            if dedans and dedans != covered and any(
                    g.start <= m.start < g.end and k not in covered and m.plie not in self.generiques
                    for k, m in enumerate(mots)):
                covered -= dedans
        span = [mots[k] for k in sorted(covered)]
        inside = [g for g in groupes if any(g.start <= m.start < g.end for m in span)]
        weak = [m for m in span if not self._explique(m, groupes)]
        if not weak and len(inside) == 1 and inside[0].via == "exact" and lecture.courant \
                and all(inside[0].start <= m.start < inside[0].end for m in span) \
                and inside[0].matches and inside[0].matches[0].table in QUI:
            # A lay word the ROR labels read only as who the patient is ("suicider" → specialisation
            # "Suicidant") keeps that reading and adds its everyday meaning, where to go (OR), as an
            # abbreviation adds its senses.
            g0 = inside[0]
            scored0 = {self.by_id[m.concept]: (m.score, m.via, m.synonyme) for m in g0.matches}
            for c, conf in lecture.concepts:
                if c in self.by_id:
                    scored0.setdefault(self.by_id[c], (conf * VIA_FACTOR["terminologie"], "terminologie",
                                                       None))
            merged = self._groupe(self.termes.mots(g0.texte), g0.texte, g0.via, scored0)
            g0 = Groupe(g0.texte, g0.start, g0.end, g0.via, merged.matches, merged.total, g0.souple,
                        lecture.libelles)
            return [g0 if g is inside[0] else g for g in groupes], inexpliques
        if not weak and len(inside) <= 1 and len(covered) < 2:
            return groupes, inexpliques
        if not weak and len(inside) <= 1 and inside and inside[0].via in ("exact", "synonyme") \
                and all(inside[0].start <= m.start < inside[0].end for m in span):
            return groupes, inexpliques
        first, last = span[0], span[-1]
        # (nor a label read from a cause marker's own word into these words: "après" + "fracture"
        # is no "Récupération améliorée après chirurgie (RAAC) orthopédique")
        keep = [g for g in groupes if g.souple or not (
            (first.start <= g.start or marqueur[0] <= g.start < marqueur[1] < g.end) and g.end <= last.end)]
        scored: dict[int, tuple[float, Via, str | None]] = {
            self.by_id[c]: (conf * VIA_FACTOR["terminologie"], "terminologie", None)
            for c, conf in lecture.concepts if c in self.by_id}
        if not scored:
            return groupes, inexpliques
        scored = self._nomme_d_abord(span, scored)
        outer = [g for g in keep if not g.souple and g.matches and g.start <= first.start
                 and last.end <= g.end]
        if outer:
            # The words lie inside a label reading that explains them weakly ("fibroscopie
            # bronchique" → one piece of equipment): the vocabulary's reading is another sense
            # of the same need (OR, below the label's own reading), never a second need (AND).
            o = outer[0]
            top = o.matches[0].score
            merged0 = {self.by_id[m.concept]: (m.score / (1.0 if m.actif else DEPRECATED_FACTOR),
                                               m.via, m.synonyme) for m in o.matches}
            for d, (sc, via, syn) in scored.items():
                merged0.setdefault(d, (sc * top * VOCABULAIRE_DEDANS, via, syn))
            m0 = self._groupe(self.termes.mots(o.texte), o.texte, o.via, merged0)
            o2 = Groupe(o.texte, o.start, o.end, o.via, m0.matches, m0.total, o.souple,
                        o.sources + lecture.libelles)
            words = {m.surface for m in span}
            return [o2 if g is o else g for g in keep], [w for w in inexpliques if w not in words]
        g = self._groupe(span, text, "terminologie", scored)
        g = Groupe(g.texte, g.start, g.end, g.via, g.matches, g.total, False, lecture.libelles)
        words = {m.surface for m in span}
        return keep + [g], [w for w in inexpliques if w not in words]

    def _nomme_d_abord(self, span: list[Mot], scored: dict[int, tuple[float, Via, str | None]]
                       ) -> dict[int, tuple[float, Via, str | None]]:
        """The concepts the vocabulary reads for some words, what the words name first: a concept
        whose ROR label holds the need's head word (French puts it first: "plaies" of "plaies aux
        talons qui ne cicatrisent", "mémoire" of "consultation mémoire"; "diabète" also names
        "diabétologie") and that the vocabulary reads within SPECIFIQUE of its best is the need
        itself and takes the best score; what the diagnosis's mapping adds without naming it
        (dermatology, geriatrics) follows a tier below (SECONDAIRE), so the engine ranks the named
        need's units first. A head word dozens of labels hold ("troubles", "maladie") names a
        family of needs, not one (FAMILLE)."""
        tete = next((m.terme for m in span if m.plie not in self.generiques and len(m.plie) > 2), None)
        if tete is None or len(scored) < 2 or len(self.postings.get(tete, ())) > FAMILLE:
            return scored

        def nomme(d: int) -> bool:
            termes = self.termes.termes(self.concepts[d].libelle)
            return tete in termes or (len(tete) >= RACINE and any(t.startswith(tete) for t in termes))

        top = max(sc for sc, _, _ in scored.values())
        nommes = {d for d, (sc, _, _) in scored.items() if sc >= SPECIFIQUE * top and nomme(d)}
        if not nommes or len(nommes) == len(scored):
            return scored
        return {d: (top if d in nommes else sc * SECONDAIRE, via, syn)
                for d, (sc, via, syn) in scored.items()}

    def _dans_libelle(self, mots: list[Mot], k: int) -> bool:
        """Whether a clinical label holds the k-th word with the word typed before or after it:
        a place name so typed is a word of the need ("queue" and "cheval" are communes)."""
        voc = self.vocabulaire
        if voc is None or not voc.connait(mots[k].terme, False):
            return False
        docs = set(voc.postings.get(mots[k].terme, ())) - voc.actes
        return any(docs & set(voc.postings.get(mots[j].terme, ()))
                   for j in (k - 1, k + 1) if 0 <= j < len(mots) and mots[j].plie not in self.generiques)

    def _periode(self, mots: list[Mot], fin: int) -> bool:
        """Whether the words right after a cause marker name a birth or a pregnancy ("saigne
        après avoir accouché", "fièvre depuis l'accouchement"): "after the birth" is the
        post-partum, the period the need before it is read in (CIM-10 chapter O: "Hémorragie du
        post-partum"), not a cause whose words only rank."""
        voc = self.vocabulaire
        if voc is None:
            return False
        suite = [m for m in mots if m.start >= fin][:PERIODE_MOTS]
        return any(m.terme in voc.mots_population for m in suite)

    def _cause(self, text: str, groupes: list[Groupe]) -> list[Groupe]:
        """After a cause marker ("après", "suite à"), the words name what happened, not the care
        asked before the marker: when some need is named before it, the groups after it only rank
        (soft), so "SMR après AVC" asks for SMR units and prefers those fit for the AVC."""
        found = CAUSE_RE.search(plier_en_place(text))
        if found is None:
            return groupes
        at = found.start()
        if not any(g.end <= at and not g.souple and g.matches for g in groupes):
            return groupes
        # the marker's own words are no need ("suite" of "suite à")
        groupes = [g for g in groupes if not (at <= g.start and g.end <= found.end())]
        return [Groupe(g.texte, g.start, g.end, g.via, g.matches, g.total, True, g.sources)
                if g.start >= at else g for g in groupes]

    def _motif(self, text: str, groupes: list[Groupe]) -> list[Groupe]:
        """After "pour", the words say why the care named before it is asked: beside that need
        they only rank (soft), never a second need that outranks the act or the place. A way of
        receiving alone ("internat", "accueil de jour") names no care: who it is for stays a
        need ("internat pour enfant sourd" asks for the deaf, in full board)."""
        for found in MOTIF_RE.finditer(plier_en_place(text)):
            if any(g.end <= found.start() and not g.souple and g.matches
                   and g.matches[0].concept.split(":", 1)[0] not in MANIERES for g in groupes):
                return [Groupe(g.texte, g.start, g.end, g.via, g.matches, g.total, True, g.sources)
                        if g.start >= found.end() else g for g in groupes]
        return groupes

    def _mention_diagnostic(self, g: Groupe) -> dict[str, float]:
        """Beside rehabilitation, words a rare act's label reads ("insuffisance cardiaque": its
        telemonitoring) name the patient's disease: the SMR mention of the activities the clinical
        vocabulary reads them as (cardiology → SMR cardio-vasculaire), at the act's score."""
        voc, rea = self.vocabulaire, self.readaptation
        if voc is None or rea is None:
            return {}
        mots = self.termes.mots(g.texte)
        termes = [m.terme for m in mots]
        lecture = voc.lire(termes, None, False, termes, [m.surface for m in mots])
        votes: dict[str, float] = {}
        for c, confiance in lecture.concepts if lecture is not None and len(lecture.mots) == len(mots) else ():
            mention = rea.mention(c)
            if mention is not None:
                for x in mention.concepts:
                    votes[x] = max(votes.get(x, 0.0), g.matches[0].score * confiance)
        return votes

    def _lieu(self, g: Groupe) -> bool:
        """A required group naming a kind of place (a type of offer, a champ), read surely."""
        return not g.souple and bool(g.matches) and g.matches[0].concept.startswith(("R244:", "R227:")) \
            and (g.via == "synonyme" or (g.via == "exact" and g.matches[0].score >= BIEN_LU))

    def _structure(self, groupes: list[Groupe]) -> list[Groupe]:
        """A kind of place named ("EHPAD", "MAS", "IME", "SMR") decides the type of unit; a
        diagnosis the clinical vocabulary reads beside it says who the patient is: it ranks the
        places of that kind fit for it (soft: "EHPAD Parkinson" asks for an EHPAD, not neurology).
        Beside a rehabilitation word, a speciality or an event ("neurologique", "après un
        infarctus") reads as the SMR mention taking over its patients, and ranks."""
        rea = self.readaptation

        def readapte(c: str) -> bool:
            # a rehabilitation concept: of the mentions, or labelled so ("SMR Labellisé …")
            return rea is not None and (c in rea.smr or (
                c in self.by_id and plier(self.concept(c).libelle).startswith(SMR_LIBELLES)))

        def nomme(g: Groupe) -> bool:
            if g.souple or g.via not in ("exact", "synonyme") or not g.matches:
                return False
            if readapte(g.matches[0].concept) and (
                    # an act labelled "Rééducation des troubles de la déglutition" read from
                    # "troubles de déglutition" names a symptom, not rehabilitation asked for
                    not g.matches[0].concept.startswith("R210:")
                    or any(r in plier(g.texte) for r in READAPTATION_MOTS)):
                return True
            # a label read weakly ("jeune" in "Espace Santé Jeune") names no kind of place
            return g.matches[0].concept.startswith(("R244:", "R227:")) \
                and (g.via == "synonyme" or g.matches[0].score >= BIEN_LU)

        def profession(g: Groupe) -> bool:
            return bool(g.matches) and g.matches[0].concept in self.cabinets

        structures = [g for g in groupes if nomme(g)]
        if not structures:
            return groupes
        # a profession beside a kind of place ("EHPAD avec infirmière de nuit") is what the place
        # should have, not a second place: it ranks the places of that kind
        lieux = [g for g in structures if not profession(g)]
        structures = lieux or structures
        smr = any(readapte(m.concept) for g in structures for m in g.matches
                  if m.score >= BIEN_LU * g.matches[0].score)
        out = []
        for g in groupes:
            if not g.matches:
                out.append(g)
                continue
            if smr and rea is not None:
                votes: dict[str, float] = {}
                for m in g.matches:
                    mention = rea.mention(m.concept)
                    if mention is None and g not in structures and m.concept.startswith(("R210:", "R212:")):
                        # an act or equipment: the mention of the activities performing it
                        mention = next((x for a in self.activites_liees(m.concept)[:1]
                                        if (x := rea.mention(a)) is not None), None)
                    if mention is not None:
                        for c in mention.concepts:
                            votes[c] = max(votes.get(c, 0.0), m.score)
                    elif g in structures:
                        votes[m.concept] = max(votes.get(m.concept, 0.0), m.score)
                if not votes and g not in structures and g.matches[0].concept.startswith(("R210:", "R212:")):
                    votes = self._mention_diagnostic(g)
                if votes and (g not in structures or any(rea.mention(m.concept) for m in g.matches)):
                    # beside rehabilitation, the acute side of a speciality is its SMR mention
                    # ("SMR neurologique": SMR système nerveux, not neurology); other words rank
                    scored: dict[int, tuple[float, Via, str | None]] = {
                        self.by_id[c]: (sc, g.matches[0].via, None) for c, sc in votes.items() if c in self.by_id}
                    merged = self._groupe(self.termes.mots(g.texte), g.texte, g.via, scored)
                    out.append(Groupe(g.texte, g.start, g.end, g.via, merged.matches, merged.total,
                                      g not in structures, g.sources))
                    continue
            if g in structures:
                out.append(g)
                continue
            if not g.souple and (g.via == "terminologie" or profession(g)):
                g = Groupe(g.texte, g.start, g.end, g.via, g.matches, g.total, True, g.sources)
            out.append(g)
        return out

    def equivalent_pediatrique(self, concept: str) -> str | None:
        """The paediatric activity doing for children what an adult activity does: the R211 label
        saying "pédiatrique" whose other words are all in the adult label ("Chirurgie pédiatrique
        spécialisée digestif et viscérale" for "Chirurgie digestive et viscérale fonctionnelle"),
        the most specific one; derived from the nomenclature's labels."""
        if self._pediatriques is None:
            neutres = set(self.termes.termes("pédiatrique pédiatrie spécialisée spécialisé orientation "
                                             "enfant enfants adolescent adolescents pédopsychiatrie"))
            peds = []
            for c in self.concepts:
                if c.espace == "R211" and c.actif and _pediatrique(c.libelle):
                    reste = [t for t in self.termes.termes(c.libelle) if t not in neutres]
                    if reste:
                        peds.append((c.id, reste[0], set(reste)))
            table: dict[str, str] = {}
            psychiatrie = self.termes.terme("psychiatrie")
            for c in self.concepts:
                if c.espace != "R211" or not c.actif or _pediatrique(c.libelle):
                    continue
                termes = self.termes.termes(c.libelle)
                mots = set(termes)
                spec = specialite_nommee(termes, self.termes.termes(" ".join(SPECIALISE)))
                # same head word ("réanimation …"), and the paediatric label says half of it, and
                # the speciality the adult label names, if any ("Soins intensifs spécialisés
                # brûlés": the burns, not the child's ICU, its sibling "spécialisés pédiatrie")
                fits = [(len(r), p) for p, tete, r in peds
                        if r <= mots and tete == termes[0] and 2 * len(r) >= len(mots) and spec <= r]
                # a psychiatric unit's child equivalent is child psychiatry, whatever its type: no
                # paediatric emergency or intensive care label is psychiatric ("Urgences
                # psychiatriques hospitalières" is no "Urgences pédiatriques hospitalières")
                psy = [(len(r), p) for p, tete, r in peds if tete in mots and tete == psychiatrie]
                if psy:
                    table[c.id] = max(psy)[1]
                elif fits:
                    table[c.id] = max(fits)[1]
            for adulte, enfant in CHIRURGIE_INFANTILE.items():
                if adulte in self.by_id and enfant in self.by_id:
                    table.setdefault(adulte, enfant)
            if self.readaptation is not None and SMR_PEDIATRIQUE in self.by_id:
                # a child needing an adult SMR mention's care goes to the paediatric SMR
                for mention in self.readaptation.mentions:
                    for adulte in mention.concepts:
                        table.setdefault(adulte, SMR_PEDIATRIQUE)
            self._pediatriques = table
        return self._pediatriques.get(concept)

    def _pediatrie(self, groupes: list[Groupe], enfant: bool | None = None,
                   programme: bool = False) -> list[Groupe]:
        """A diagnosis or symptom said of a child ("diarrhée" + "mon fils", "fièvre enfant") is
        also met by the paediatric emergencies, just below its best concept (French children
        are seen there first), unless its reading already names a paediatric service.
        `enfant` False (an adult's age, given or stated): a child word only says whose son."""
        mots_enfant = [g for g in groupes if g.souple and any(m.concept in PEDIATRIE_TOUTE for m in g.matches)]
        if enfant is False:
            # "notre fils de 20 ans", "mon fils … au boulot": the age decides, the family word
            # names a grown-up son, no paediatric unit (a paediatric service typed stays asked)
            return [g for g in groupes if g not in mots_enfant or not all(
                w in ENFANTS for w in plier(g.texte).split())]
        if mots_enfant and not enfant and any(
                not g.souple and g.matches and self._grand_age(g.matches[0].concept) for g in groupes):
            # "mon père ne reconnaît plus ses enfants": the need read is an old person's, the
            # child word names someone else, not who the patient is
            return [g for g in groupes if g not in mots_enfant]
        enfant = enfant or bool(mots_enfant)
        if not enfant or URGENCES_PEDIATRIQUES not in self.by_id:
            return groupes
        groupes = [self._equivalents_pediatriques(g) for g in groupes]
        groupes = self._enfant_souple(groupes)
        # the group is the whole need (beside it only who/when words: "de l'enfant", "suivi")
        qui = self._mots_enfant() | CONTEXTE | PROGRAMME | self.generiques
        seul = sum(1 for g in groupes if not g.souple
                   and not all(m.plie in qui for m in self.termes.mots(g.texte))) == 1
        out = []
        for g in groupes:
            if g.via == "terminologie" and not g.souple and g.matches:
                best = g.matches[0].score
                # (the paediatric surgeons standing in for urology say where a child is operated,
                # not that the need is read as a child's: a cystitis still goes to paediatrics)
                lus = {m.concept for m in g.matches}
                deja = max((m.score for m in g.matches if m.concept in PEDIATRIE_TOUTE
                            and not (m.concept in CHIRURGIE_INFANTILE.values() and lus & CHIRURGIE_INFANTILE.keys())),
                           default=0.0)
                # the child's emergencies stand in for the adult's; a need its reading sends to
                # no emergency department (attention, speech, a follow-up) goes to the paediatric
                # ward first, the emergencies staying a fallback below it
                if not programme and any(self._urgent(m.concept) for m in g.matches):
                    ajouts = {URGENCES_PEDIATRIQUES: best * PEDIATRIE_PART}
                else:
                    ajouts = {MEDECINE_PEDIATRIQUE: best * PEDIATRIE_PART,
                              URGENCES_PEDIATRIQUES: best * PEDIATRIE_HORS_URGENCE}
                scored = self._scores(g)
                added = False
                for c, sc in ajouts.items():
                    if c in self.by_id and deja < best * PEDIATRIE_PART \
                            and scored.get(self.by_id[c], (0.0,))[0] < sc:
                        scored[self.by_id[c]] = (sc, "terminologie", None)
                        added = True
                if added:
                    g = self._regroupe(g, scored)
            elif not g.souple and g.matches and g.matches[0].concept.startswith(("R210:", "R212:")) \
                    and MEDECINE_PEDIATRIQUE in self.by_id and seul and self._diagnostic(g) \
                    and not any(_pediatrique(self.concept(m.concept).libelle) for m in g.matches
                                if m.score >= BIEN_LU * g.matches[0].score):
                # a child's act or equipment read only by adult labels ("dépistage du diabète",
                # "chirurgie de la scoliose"): the paediatric ward stays a fallback below them
                g = Groupe(g.texte, g.start, g.end, g.via, tuple(g.matches) + (self._match(
                    self.by_id[MEDECINE_PEDIATRIQUE], g.matches[0].score * PEDIATRIE_HORS_URGENCE, g.via),),
                    g.total + 1, g.souple, g.sources)
            out.append(g)
        return out

    def _diagnostic(self, g: Groupe) -> bool:
        """The group's words name a diagnosis the clinical vocabulary knows ("diabète",
        "scoliose"), not only an act or a place."""
        voc = self.vocabulaire
        return voc is not None and any(voc.connait(m.terme, False) and m.plie not in self.generiques
                                       and m.plie not in self._mots_enfant()
                                       for m in self.termes.mots(g.texte))

    def urgent(self, concept: str) -> bool:
        """A concept of acute care (`_urgent`): the search's test of an acute need (`acuite.py`)."""
        return self._urgent(concept)

    def _urgent(self, concept: str) -> bool:
        """A concept of acute care: an emergency department (general or specialised), intensive
        care, a mobile emergency team, from its label."""
        if concept in URGENCES_TOUTES:
            return True
        if concept not in self.by_id or not concept.startswith("R211:"):
            return False
        return plier(self.concept(concept).libelle).startswith(URGENT)

    def _cabinet(self, concept: str) -> bool:
        """A city practice ("Cabinet de ville de …"), from its label."""
        return concept in self.by_id and plier(self.concept(concept).libelle).startswith("cabinet")

    def _grand_age(self, concept: str) -> bool:
        """A concept of old age (geriatrics, memory clinic, Alzheimer, homes for the elderly),
        from its label."""
        libelle = plier(self.concept(concept).libelle) if concept in self.by_id else ""
        return any(w in libelle for w in GRAND_AGE)

    def _enfant_souple(self, groupes: list[Groupe]) -> list[Groupe]:
        """A child word beside a need ("mon fils", "enfant") says who the patient is: every
        paediatric unit meets it alike, so the paediatric activities doing what the need asks
        (paediatric neurology for a neurological need) meet it as the paediatric emergencies do,
        and the emergencies no longer win by the child word alone."""
        besoins = [g for g in groupes if not g.souple and g.matches]
        if not besoins:
            return groupes
        ajouts: dict[str, float] = {}
        self.equivalent_pediatrique("")
        pediatriques = set((self._pediatriques or {}).values())
        for g in besoins:
            propres = 0
            for m in g.matches:
                p = m.concept if m.concept in PEDIATRIE_TOUTE or m.concept in pediatriques \
                    else self.equivalent_pediatrique(m.concept)
                if p is not None and p in self.by_id:
                    ajouts[p] = 1.0
                    # the general paediatric ward or emergencies read below the need's best
                    # concept stand in for any child's need, they do not do what it asks
                    propres += p not in PEDIATRIE_GENERALE or m.score >= g.matches[0].score
            if g.via == "terminologie" and not propres and not any(self._urgent(m.concept) for m in g.matches):
                # a need no emergency takes and no paediatric activity does (reading, autism
                # signs, screens, eating), described in the family's words: the units doing it
                # see children as they are (speech therapists, CMPP, addiction services), so the
                # child word does not rank them below a paediatric ward
                for m in g.matches:
                    if m.score >= SPECIFIQUE * g.matches[0].score and m.concept not in URGENCES_TOUTES:
                        ajouts[m.concept] = 1.0
        out = []
        for g in groupes:
            if g.souple and g.matches and any(m.concept in PEDIATRIE_TOUTE for m in g.matches):
                top = g.matches[0].score
                scored = self._scores(g)
                added = False
                for c in ajouts:
                    if scored.get(self.by_id[c], (0.0,))[0] < top:
                        scored[self.by_id[c]] = (top, g.matches[0].via, g.matches[0].synonyme)
                        added = True
                if added:
                    g = self._regroupe(g, scored)
            out.append(g)
        return out

    def _equivalents_pediatriques(self, g: Groupe) -> Groupe:
        """A need said of a child is also met by the paediatric activity doing the same thing
        (visceral surgery → paediatric visceral surgery, ICU → paediatric ICU), just below the
        adult reading and above the paediatric emergencies."""
        if g.souple or not g.matches:
            return g
        scored = self._scores(g)
        added = False
        for m in g.matches:
            p = self.equivalent_pediatrique(m.concept)
            if p is not None and p in self.by_id and self.by_id[p] not in scored:
                scored[self.by_id[p]] = (m.score * PEDIATRIE_EQUIVALENT, m.via, m.synonyme)
                added = True
        if not added:
            return g
        return self._regroupe(g, scored)

    def _accueil_tout(self, g: Groupe) -> Groupe:
        """Emergency departments below the specific concepts of a diagnosis's reading
        ("pneumothorax": thoracic surgery, pneumology before the ED), when the reading names some."""
        # only a diagnosis's reading: a word naming the ED ("urgences") means it
        if g.souple or g.via != "terminologie" or len(g.matches) < 2 \
                or not any(m.concept in ACCUEIL_TOUT for m in g.matches):
            return g
        top = g.matches[0].score
        specific = max((m.score for m in g.matches if m.concept not in ACCUEIL_TOUT
                        and m.concept.startswith(("R211:", "R210:", "R212:"))), default=0.0)
        if specific < SPECIFIQUE * top:
            return g
        cap = ACCUEIL_PART * specific
        if all(m.score <= cap for m in g.matches if m.concept in ACCUEIL_TOUT):
            return g
        scored = {self.by_id[m.concept]: (min(m.score, cap) if m.concept in ACCUEIL_TOUT else m.score)
                  / (1.0 if m.actif else DEPRECATED_FACTOR) for m in g.matches}
        merged = self._groupe(self.termes.mots(g.texte), g.texte, g.via,
                              {d: (sc, m.via, m.synonyme) for (d, sc), m in zip(scored.items(), g.matches,
                                                                                 strict=True)})
        return Groupe(g.texte, g.start, g.end, g.via, merged.matches, merged.total, g.souple, g.sources)

    def _aigu_d_abord(self, g: Groupe) -> Groupe:
        """A regulator's diagnosis whose words say it threatens life now (VITAL_SAMU, CRISE), read by
        the clinical vocabulary, or only in passing by an ROR label ("purpura fulminans": the act
        treating its necrosis), with no acute unit: the acute units are added at its best score,
        so they come before the speciality (and any rehabilitation) the disease's routes name. A
        child's reading (the paediatric units in it) has their paediatric equivalents instead."""
        if g.souple or not g.matches or any(self._urgent(m.concept) for m in g.matches) \
                or not (g.via == "terminologie" or (g.via == "exact" and g.matches[0].score < BIEN_LU)):
            return g
        plies = {m.plie for m in self.termes.mots(g.texte)}
        if plies & VITAL_SAMU:
            aigus: tuple[str, ...] = VITAL_CONCEPTS + (URGENCES_GENERALES,)
        elif plies & CRISE:
            aigus = (URGENCES_GENERALES,)
        else:
            return g
        if any(m.concept in PEDIATRIE_TOUTE for m in g.matches):
            aigus = tuple(dict.fromkeys(e for c in aigus if (e := self.equivalent_pediatrique(c)))) or aigus
        top = g.matches[0].score
        merged: dict[int, tuple[float, Via, str | None]] = {
            self.by_id[c]: (top, "terminologie", None) for c in aigus if c in self.by_id}
        for m in g.matches:
            d = self.by_id[m.concept]
            score = m.score / (1.0 if m.actif else DEPRECATED_FACTOR)
            if self._readaptation(m.concept):
                score *= SECONDAIRE * SECONDAIRE
            merged.setdefault(d, (score * SECONDAIRE, m.via, m.synonyme))
        return self._regroupe(g, merged)

    def _graves(self, mots: list[Mot], groupes: list[Groupe], enfant: bool | None) -> list[Groupe]:
        """A regulator's diagnosis qualified by a severity word ("EP grave instable") is met first
        by intensive care (`gravite.py`); a label or a jargon key holding the word ("obésité
        sévère", "TC grave") names its need as it is. A child's reading has the paediatric
        intensive care instead."""
        def abrege(m: Mot) -> bool:  # an abbreviation whose usual long form says it ("AAG")
            formes = self.abreviations.get(m.plie, ())
            return _sigle(m.surface) and bool(formes) and bool(set(plier(formes[0]).split()) & GRAVITE)

        for m in mots:
            if m.plie not in GRAVITE and not abrege(m):
                continue
            g = qualifie([h for h in groupes if not seulement_qualificatifs(
                (w.plie for w in mots if h.start <= w.start < h.end), self.generiques)], m.start)
            if g is None or (m.plie in GRAVITE and g.start <= m.start < g.end and g.via in ("exact", "synonyme")):
                continue
            vitaux: tuple[str, ...] = VITAL_CONCEPTS
            if enfant or g.matches[0].concept in PEDIATRIE_TOUTE:
                vitaux = tuple(dict.fromkeys(e for c in vitaux if (e := self.equivalent_pediatrique(c)))) or vitaux
            aigus = intensifs_d_abord(g, lambda c: self.concept(c).libelle, vitaux)
            if aigus is None:
                continue
            merged: dict[int, tuple[float, Via, str | None]] = {
                self.by_id[c]: (score, "terminologie", None) for c, score in aigus.items() if c in self.by_id}
            for cm in g.matches:
                score = cm.score / (1.0 if cm.actif else DEPRECATED_FACTOR)
                if self._readaptation(cm.concept):
                    score *= SECONDAIRE * SECONDAIRE
                merged.setdefault(self.by_id[cm.concept], (score * SECONDAIRE, cm.via, cm.synonyme))
            groupes = [self._regroupe(g, merged) if h is g else h for h in groupes]
        return groupes

    def _readaptation(self, concept: str) -> bool:
        """A rehabilitation concept (SMR, "Réadaptation …"), from its label."""
        libelle = plier(self.concept(concept).libelle) if concept in self.by_id else ""
        return libelle.startswith(SMR_LIBELLES) or " smr " in f" {libelle} "

    def _urgences_generales(self, g: Groupe) -> Groupe:
        """A specialised emergency named by its label words ("urgences traumatologiques",
        "traumato urgence") is also met by the general emergency departments, which take every
        emergency (where none declares the specialised one, they are what is open): added below it
        and the concepts the words name, as a diagnosis's reading has them."""
        if g.souple or g.via == "terminologie" or not g.matches:
            return g
        m0 = g.matches[0]
        if m0.concept not in self._urgences_specialisees() or URGENCES_GENERALES not in self.by_id \
                or any(m.concept == URGENCES_GENERALES for m in g.matches):
            return g
        scored = self._scores(g)
        # below every concept the words name well ("Urgences main", the act, before the ED)
        nommes = [m.score for m in g.matches if m.score >= SPECIFIQUE * m0.score]
        score = min(m0.score * ACCUEIL_PART, SOUS_NOMMES * min(nommes))
        scored[self.by_id[URGENCES_GENERALES]] = (score, m0.via, None)
        return self._regroupe(g, scored)

    def _urgences_specialisees(self) -> frozenset[str]:
        """The activities whose label says a specialised emergency ("Urgences spécialisées main")."""
        if self._specialisees is None:
            self._specialisees = frozenset(c.id for c in self.concepts if c.id.startswith("R211:")
                                           and plier(c.libelle).startswith("urgences specialisees"))
        return self._specialisees

    def _sens_abreviation(self, g: Groupe, text: str) -> Groupe:
        """A one-word abbreviation a label spells ("PMA": poste médical avancé) may mean something
        else too (procréation médicalement assistée): the senses of the clinical inventory that
        the synonym table knows are added to the group (OR), so neither reading is lost."""
        mots = self.termes.mots(g.texte)
        if len(mots) != 1 or g.via != "exact" or not self.abreviations:
            return g
        formes = self.abreviations.get(mots[0].plie, ())
        extra: dict[int, tuple[float, Via, str | None]] = {}
        for forme in formes:
            stems = self.termes.termes(forme)
            n, ids = self.synonymes.match(stems, 0) if stems else (0, ())
            if n == len(stems):
                for eid in ids:
                    for cid in self.synonymes.entrees[eid].concepts:
                        if cid in self.by_id:
                            extra[self.by_id[cid]] = (VIA_FACTOR["synonyme"], "synonyme", forme)
        if not extra:
            return g
        scored = {self.by_id[m.concept]: (m.score, m.via, m.synonyme) for m in g.matches}
        for d, v in extra.items():
            scored.setdefault(d, v)
        return self._regroupe(g, scored)

    def _chose_d_abord(self, g: Groupe, enfant: bool | None, profil: str | None) -> Groupe:
        """An acronym read only by labels naming it in passing, after other words ("Bilan
        échographique pré fistule artérioveineuse (FAV)": an assessment before the fistula) means
        the thing itself: the concepts its long form (the inventory's usual sense) reads come first
        (the fistula's creation, ablation…), those labels after."""
        mots = self.termes.mots(g.texte)
        if len(mots) != 1 or g.via != "exact" or g.souple or not g.matches:
            return g
        formes = self.abreviations.get(mots[0].plie, ())
        top = g.matches[0].score
        if not formes or len(self.termes.mots(formes[0])) < 2 or not all(
                en_passant(m.label, formes[0]) for m in g.matches if m.score >= top):
            return g
        lu = self.resolve(formes[0], enfant, profil, developper=False)
        besoins = [h for h in lu.groupes if not h.souple]
        if len(besoins) != 1 or lu.inexpliques or besoins[0].via not in ("exact", "synonyme") \
                or not besoins[0].matches:
            return g
        chose = besoins[0].matches
        scored: dict[int, tuple[float, Via, str | None]] = {
            self.by_id[m.concept]: (top * m.score / chose[0].score, m.via, formes[0]) for m in chose}
        for m in g.matches:
            scored.setdefault(self.by_id[m.concept], (m.score * SECONDAIRE, m.via, m.synonyme))
        return self._regroupe(g, scored)

    def _retraite(self, g: Groupe, profil: str | None) -> Groupe:
        """An acronym naming a kind of offer the nomenclature retired ("EMSP": TRE_R244 252 «
        Equipes Mobiles de Soins Palliatifs», which no unit holds) means, in that sense, the care
        the retired label's words name today (soins palliatifs), as typing them does; how it is
        brought (a mobile team: a mode) is left to the words typed."""
        if g.souple or len(self.termes.mots(g.texte)) != 1 \
                or not any(not m.actif and m.concept.startswith("R244:") for m in g.matches):
            return g
        scored: dict[int, tuple[float, Via, str | None]] = {}
        apres = 1.0  # (the concepts after it stay after what replaces it: a coordinator's place first)
        for m in g.matches:
            if m.actif or not m.concept.startswith("R244:"):
                scored.setdefault(self.by_id[m.concept], (m.score * apres / (1.0 if m.actif else DEPRECATED_FACTOR),
                                                          m.via, m.synonyme))
                continue
            apres = SECONDAIRE
            lu = self.resolve(BRACKETS_RE.sub(" ", m.label), profil=profil, developper=False)
            for h in lu.groupes:
                soins = [cm for cm in h.matches if cm.actif and cm.concept.split(":", 1)[0] in SOINS_RETRAITES]
                # (a group reading how care is brought, "équipe mobile", is no care of its own)
                if h.souple or not h.matches or h.matches[0].concept.split(":", 1)[0] in MANIERES:
                    continue
                for cm in soins[:LIES]:
                    scored.setdefault(self.by_id[cm.concept],
                                      (m.score * cm.score / soins[0].score, m.via, m.synonyme))
        return self._regroupe(g, scored) if scored else g

    def _lu_corrige(self, g: Groupe, mots: list[Mot]) -> bool:
        """A label group of several words reached through a typo whose correction the labels hold
        with the other words: the correction reads it, the clinical vocabulary does not re-read it."""
        if g.via != "faute" or g.souple:
            return False
        dedans = [m for m in mots if g.start <= m.start < g.end]
        if len(dedans) < 2:
            return False
        docs: frozenset[int] | None = None
        for m in dedans:
            stem: str | None = m.terme
            if stem not in self.postings:
                p = self._postings_mot(m, m is mots[-1])
                stem = p.corrige if p is not None else None
            if stem is None or stem not in self.postings:
                return False
            docs = self.postings[stem] if docs is None else docs & self.postings[stem]
        return bool(docs)

    def _explique(self, m: Mot, groupes: list[Groupe]) -> bool:
        """Whether an exact or synonym group of the ROR labels holds this word and reads it well
        (a word found inside a long label of a rare act, "fièvre", is not explained by it)."""
        return any(g.start <= m.start < g.end and (g.via == "synonyme" or (
            g.via == "exact" and g.matches and g.matches[0].score >= BIEN_LU)) for g in groupes)

    def _match(self, idx: int, score: float, via: Via, synonyme: str | None = None) -> ConceptMatch:
        c = self.concepts[idx]
        if not c.actif:
            score *= DEPRECATED_FACTOR
        return ConceptMatch(c.id, c.table, c.libelle, round(score, 4), via, c.actif, synonyme)

    def _coverage(self, idx: int, n_words: int) -> float:
        return min(1.0, n_words / self._n_terms[idx])

    def _scores(self, g: Groupe) -> dict[int, tuple[float, Via, str | None]]:
        """A group's concepts as `_groupe` takes them: each score before the deprecated codes'
        factor (which `_groupe` applies again), how it was found, the synonym that led there."""
        return {self.by_id[m.concept]: (m.score / (1.0 if m.actif else DEPRECATED_FACTOR), m.via,
                                        m.synonyme) for m in g.matches}

    def _regroupe(self, g: Groupe, scored: dict[int, tuple[float, Via, str | None]]) -> Groupe:
        """`g` meaning the concepts of `scored` instead, at its place in the query, as soft and
        from the same sources."""
        m = self._groupe(self.termes.mots(g.texte), g.texte, g.via, scored)
        return Groupe(g.texte, g.start, g.end, g.via, m.matches, m.total, g.souple, g.sources)

    def _groupe(self, mots: list[Mot], text: str, via: Via,
                scored: dict[int, tuple[float, Via, str | None]]) -> Groupe:
        """Best MAX_MATCHES concepts; ties go to the index order (active, common table, short)."""
        def effective(d: int) -> float:
            return scored[d][0] * (1.0 if self.concepts[d].actif else DEPRECATED_FACTOR)

        order = {d: (-round(effective(d), 4), d) for d in scored}
        best = heapq.nsmallest(MAX_MATCHES, scored, key=order.__getitem__)
        # (a group's own text may hold no word the analyser keeps: "AIT", a stop word typed in
        # capitals that `_sigles_vides` reads as the abbreviation; the group is then all of it)
        start, end = (mots[0].start, mots[-1].end) if mots else (0, len(text))
        matches = tuple(self._match(d, *scored[d]) for d in best)
        return Groupe(text[start:end], start, end, via, matches, len(scored))

    def _groupe_libelle(self, mots: list[Mot], docs: frozenset[int], found: list[_Postings],
                        text: str) -> Groupe:
        """Score = via factor × share of the label the words cover (a word counts 1 label term
        when the label holds it, 0.8 when reached through a synonym phrase, the whole label when
        a synonym key names the concept outright)."""
        via = max((p.via for p in found), key=VIA_ORDER.__getitem__)
        factor = VIA_FACTOR[via]
        scored: dict[int, tuple[float, Via, str | None]] = {}
        # (a misspelt word counts as the word it stands for: "chirurgie thoraxique" is the head
        # phrase of "Chirurgie thoracique et pulmonaire")
        typed = tuple(p.corrige if p.via == "faute" and p.corrige else m.terme
                      for m, p in zip(mots, found, strict=False))
        for d in docs:
            n = self._n_terms[d]
            share = sum(1.0 if d in p.pleins else (1.0 / n if d in p.direct else 0.8 / n)
                        for p in found)
            if len(typed) >= 2 and self._tetes[d][:len(typed)] == typed:
                # the words typed are the label's head phrase ("chirurgie cardiaque" of "Chirurgie
                # cardiaque et gros vaisseaux"): they name the concept, the rest qualifies it
                share = max(share, TETE_PART)
            if share < TETE_PART and self.concepts[d].espace in GROSSIERS:
                continue  # a site's category is read when named, not from one word of its label
            scored[d] = (factor * min(1.0, share), via, None)
        return self._groupe(mots, text, via, scored)

    def _groupe_synonyme(self, mots: list[Mot], ids: tuple[str, ...], text: str,
                         corrige: bool = False) -> Groupe:
        g = self._groupe_synonyme_brut(mots, ids, text, corrige)
        if all(i in SOUPLES for i in ids):
            return Groupe(g.texte, g.start, g.end, g.via, g.matches, g.total, True)
        return g

    def _groupe_synonyme_brut(self, mots: list[Mot], ids: tuple[str, ...], text: str,
                              corrige: bool = False) -> Groupe:
        """Concepts of the synonym entries; a key reached through a typo scores as a typo."""
        key = text[mots[0].start:mots[-1].end]
        via: Via = "faute" if corrige else "synonyme"
        factor = VIA_FACTOR[via]
        scored: dict[int, tuple[float, Via, str | None]] = {}

        def keep(d: int, score: float, how: Via, syn: str | None) -> None:
            if d not in scored or scored[d][0] < score:
                scored[d] = (score, how, syn)

        for eid in ids:
            e = self.synonymes.entrees[eid]
            direct = {self.by_id[c] for c in e.concepts if c in self.by_id}
            for d in self.entry_docs[eid]:
                if d in direct or self.concepts[d].espace not in GROSSIERS:
                    keep(d, factor * (1.0 if d in direct else 0.8 * self._coverage(d, 1)), via, key)
        # Labels that spell the key itself ("Imagerie par IRM" for "IRM") are exact matches.
        exact: frozenset[int] | None = None
        for m in mots:
            hit = self.postings.get(m.terme, frozenset())
            exact = hit if exact is None else exact & hit
        for d in exact or ():
            if self._coverage(d, len(mots)) >= TETE_PART or self.concepts[d].espace not in GROSSIERS:
                keep(d, self._coverage(d, len(mots)), "exact", None)
        return self._groupe(mots, text, via, scored)

    def proches(self, mots: Iterable[str], limit: int = 5) -> list[ConceptMatch]:
        """The concepts closest to words nothing explained, for "Vouliez-vous dire : …": the
        clinical vocabulary's reading of the word (typos corrected), then label words within two
        edits, then labels starting with it."""
        found: dict[str, ConceptMatch] = {}

        def add(idx: int, score: float, via: Via) -> None:
            c = self.concepts[idx]
            if c.actif and c.id not in found:
                found[c.id] = self._match(idx, score, via)

        for word in mots:
            plie = plier(word)
            if len(plie) < MIN_PREFIX:
                continue
            if self.vocabulaire is not None:
                stem = self.termes.terme(word)
                if stem and not self.vocabulaire.connait(stem):
                    stem = self.vocabulaire.corriger(plie)
                lecture = self.vocabulaire.lire([stem]) if stem else None
                for cid, conf in (lecture.concepts if lecture else ())[:3]:
                    if cid in self.by_id:
                        add(self.by_id[cid], conf * VIA_FACTOR["terminologie"], "terminologie")
            for w, d in self.fautes.chercher(plie, max_distance=2)[:3]:
                for s in self._surface[w]:
                    docs = sorted(self.postings.get(s, ()), key=lambda d: (TABLE_RANK[
                        self.concepts[d].espace], self._n_terms[d]))
                    for doc in docs[:2]:
                        add(doc, 0.95 - 0.1 * d, "faute")
            for sug in self.suggest(word, limit=2):
                add(self.by_id[sug.concept], 0.6, "prefixe")
        return sorted(found.values(), key=lambda m: -m.score)[:limit]

    # -- autocompletion and full-text search --------------------------------------------------

    def suggest(self, prefix: object, limit: int = 10,
                tables: Iterable[str] | None = None) -> list[Suggestion]:
        """Concepts whose label or synonym starts with what was typed so far (see suggestion.py);
        when nothing does, the same with the last word's typo corrected ("apendicite", "alzeimer")."""
        found = self.suggesteur.suggest(prefix, limit, tables)
        if found or not isinstance(prefix, str):
            return found
        words = WORD_RE.findall(prefix)
        if not words or len(words[-1]) < 4:
            return found
        head = prefix[: prefix.rfind(words[-1])]
        for w, _d in self.fautes.chercher(plier(words[-1]), max_distance=2)[:2]:
            found = self.suggesteur.suggest(head + w, limit, tables)
            if found:
                return found
        if self.vocabulaire is not None and len(words) == 1:
            # a diagnosis ("appendicite"): the concepts it reads as
            stem = self.termes.terme(words[0])
            if stem and not self.vocabulaire.connait(stem):
                stem = self.vocabulaire.corriger(plier(words[0]))
            lecture = self.vocabulaire.lire([stem]) if stem else None
            wanted = {espace_de(t) for t in tables} if tables else None
            for cid, _conf in (lecture.concepts if lecture else ())[:limit]:
                c = self.concepts[self.by_id[cid]] if cid in self.by_id else None
                if c is not None and (wanted is None or c.espace in wanted):
                    found.append(Suggestion(c.id, c.table, c.libelle, c.actif, words[0], words[0]))
        return found

    def search(self, text: object, limit: int = 20) -> list[ConceptMatch]:
        """Ranked full-text search over labels through whoosh (BM25F), same analyzer as indexing.

        For explanation and tooling; `resolve` is the fast path the engine uses.
        """
        text, _ = borner(text)
        terms = [t.text for t in self.whoosh_index.schema["texte"].analyzer(text)]
        if not terms:
            return []
        query = Or([Term("texte", t) for t in dict.fromkeys(terms)])
        with self.whoosh_index.searcher() as s:
            hits = s.search(query, limit=limit)
            if not len(hits):
                return []
            top = hits[0].score or 1.0
            found = [self._match(self.by_id[h["id"]], h.score / top, "exact") for h in hits]
        return sorted(found, key=lambda m: -m.score)

    def whoosh_terms(self) -> set[str]:
        """The terms whoosh indexed (to check that both paths use the same chain)."""
        with self.whoosh_index.reader() as r:
            return {t.decode() if isinstance(t, bytes) else t for t in r.lexicon("texte")}


# French spellings of one sound: a word typed by ear is tried with each (written ↔ heard).
SONS: tuple[tuple[str, str], ...] = (("f", "ph"), ("i", "y"), ("t", "th"), ("c", "ch"), ("k", "qu"),
                                     ("r", "rh"), ("e", "ae"), ("si", "ci"), ("se", "ce"))


def specialite_nommee(termes: list[str], marques: list[str]) -> set[str]:
    """The stems an activity label writes after "spécialisé(e)(s)" (`marques`): the speciality of a
    unit of a generic kind ("Soins intensifs spécialisés brûlés": the burns). TRE_R211 names each
    speciality of intensive and continuous care so; a unit specialised in another speciality (the
    child's "spécialisés pédiatrie") is its sibling, not the same care for a child."""
    k = next((i for i, t in enumerate(termes) if t in marques), None)
    return set() if k is None else set(termes[k + 1:]) - set(marques)


def _pediatrique(libelle: str) -> bool:
    """An activity label saying it is for children ("pédiatrique", "de l'enfant", "pédopsychiatrie")."""
    plie = plier(libelle)
    return "pediatr" in plie or "pedopsy" in plie or re.search(r"\b(?:enfants?|adolescents?)\b", plie) is not None


def _phonetiques(plie: str, une: bool = False) -> list[str]:
    """Variants of a folded word with one sound respelled everywhere it occurs (`une`: also at
    one place only, "ortodontiste" → "orthodontiste", not "orthodonthisthe")."""
    out = []
    for heard, written in SONS:
        if heard in plie:
            out.append(plie.replace(heard, written))
            if une:
                out += [plie[:k] + written + plie[k + len(heard):] for k in _positions(plie, heard)]
        if written in plie:
            out.append(plie.replace(written, heard))
            if une:
                out += [plie[:k] + heard + plie[k + len(written):] for k in _positions(plie, written)]
    return [w for w in dict.fromkeys(out) if w != plie]


def _positions(plie: str, son: str) -> list[int]:
    """Where a sound's spelling starts in a word."""
    return [k for k in range(len(plie)) if plie.startswith(son, k)]


def _corriger(voc: Terminologie, plie: str, dictionnaire: Dictionnaire) -> str | None:
    """The vocabulary's stem for a misspelt word: spelled by ear first ("erisypèle": the y and the
    i heard alike), then within the edit distance, of the word or of a respelling of it."""
    for v in _phonetiques(plie):
        if v in voc.surface:
            return voc.surface[v]
    if plie in dictionnaire:  # a word of the French dictionary: another form of itself at most
        return next((voc.surface[w] for w, _ in flexions(plie, voc.fautes.chercher(plie))), None)
    found = voc.corriger(plie)
    if found is None:
        # (a respelling's correction stays one edit beyond what the word typed tolerates: "urgnces"
        # respelled "urgnches" is not "branches")
        found = next((voc.surface[w] for v in _phonetiques(plie) for w, _ in voc.fautes.chercher(v)[:1]
                      if vraisemblable(plie, w)), None)
    if found is None and (heard := voc.fautes.entendus(plie)):
        found = voc.surface[heard[0][0]]
    return found


def _occurrences(text: str, part: str) -> list[int]:
    """Every place `part` starts in `text`."""
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _besoin(g: Groupe) -> bool:
    """Whether a group names a need: required, read, and not only a way of receiving (R213, R240)."""
    return not g.souple and bool(g.matches) and g.matches[0].concept.split(":", 1)[0] not in MANIERES


def forme_lue(needed: set[int], lus: set[int], tete: int, stems: list[str]) -> bool:
    """Whether the vocabulary reads an abbreviation's long form (`needed`: the indices in `stems`
    of its words but the qualifiers; `tete`: its first word, the head noun French puts first)
    through `lus`: every word, or, in a long form of three words or more, all but one word that
    is neither the head nor a number (no label writes "lymphome malin non hodgkinien" or "prothèse
    totale de genou" whole, but their other words name the need; "vertèbre lombaire 4" is no
    vertebra but the fourth)."""
    if needed <= lus:
        return True
    manque = needed - lus
    return len(needed) >= FORME_LONGUE and tete in lus and len(manque) <= 1 \
        and not any(stems[i].isdigit() for i in manque)


def _sigle(surface: str) -> bool:
    """An acronym typed in capitals ("STEMI", "TSA"): never corrected into another word."""
    return len(surface) >= 2 and surface.isupper()


def _default_lieux() -> list[str]:
    """Names of the communes, départements and regions of the shipped territory reference."""
    from ..territoire import REGIONS, default_territoire

    t = default_territoire()
    return [c.nom for c in t.communes.values()] + list(t.dept_names.values()) + list(REGIONS.values())


@lru_cache(maxsize=1)
def default_concept_index() -> ConceptIndex:
    """The index over the shipped nomenclatures and synonym table, built once per process."""
    return ConceptIndex.build()


def age_dit(texte_plie: str) -> bool | None:
    """Whether the text says the patient is a child: the first age it states ("ma fille de 16
    ans" → True, "notre fils de 20 ans" → False; "depuis 3 ans" is a duration), else an adult's
    life ("au boulot" → False), else None (a family word alone then says who the patient is)."""
    for m in ANS_RE.finditer(texte_plie):
        avant = re.findall(r"\w+", texte_plie[:m.start()])[-2:]
        if not (avant and avant[-1] in DUREE) and avant != ["y", "a"]:
            return int(m.group(1)) < MAJORITE
    return False if ADULTE_RE.search(texte_plie) else None
