"""Text → concepts and candidate sets: the French analyzer, synonyms, typos, autocompletion, names.

Whoosh over 300,000 unit documents is far too slow for a regulator (~50 ms median, ~10 min build),
so only what text is *for* is indexed here: nomenclature labels and synonyms become concepts, unit
and establishment names become sorted row-number arrays; filters and ranking happen elsewhere.

Public API
----------
``ConceptIndex.build(nomenclatures=None, entrees=SYNONYMES, lieux=None) -> ConceptIndex``
    Every code of TRE_R211 (activities, "R211:<code>"), TRE_R210 (actes, "R210:"), TRE_R243
    (compétences, "R243:"; R210/R243 ids are those of ``UniteOperationnelle.aptitudes``), TRE_R212
    (equipment), TRE_R213 (modes), TRE_R244 (offer types), TRE_R239 (publics), TRE_R227 (champs).
    Deprecated codes are indexed, flagged ``actif=False`` and ranked below active ones.
    ``lieux``: place names whose words are never read as a typo or prefix of a medical word
    (default: the shipped communes, départements and regions).

``default_concept_index()``: the same over the shipped tables, built once per process.

``ConceptIndex.resolve(text) -> Interpretation``
    ``Interpretation.groupes``: consecutive words explained together (AND between groups), each a
    ``Groupe`` of ``ConceptMatch(concept, table, label, score, via, actif, synonyme)`` (OR inside a
    group), ``via`` in "exact" | "synonyme" | "prefixe" | "faute"; ``inexpliques``: words nothing
    explains (town or unit names, for ``NameIndex``); ``ignores``: generic words dropped
    ("patient", "ans", "place"); ``nombres``: bare numbers (an age, a postcode); ``tronque``: input
    cut to the query budget. Concept ids typed as such ("R211:014") are taken literally.
    ``Interpretation.concepts`` flattens the groups, best first; ``str()`` prints the reading.
    Never raises on user input.

``ConceptIndex.suggest(prefix, limit=10, tables=None) -> list[Suggestion]``
    Autocompletion for each keystroke: ``Suggestion(concept, table, label, actif, synonyme, texte)``;
    multi-word prefixes ("cardio interv"); ``tables`` like ("R211", "TRE_R210").

``ConceptIndex.search(text, limit=20) -> list[ConceptMatch]``
    Ranked full-text search through an in-memory whoosh index (BM25F), built on first use.

``NameIndex.build(items) -> NameIndex`` with items ``(id, kind, name, extra_text)``
    ``.search(text) -> numpy int32 array`` of sorted row numbers (``.ids[row]``, ``.kinds[row]``):
    AND of the words, the last one also as a prefix, unknown words typo-corrected; establishment
    abbreviations (CHU, CH, St/Saint, EHPAD, SSR/SMR…) match their spelled-out forms both ways;
    ``.explain(text)`` also says how each word matched.

The analyzer chain (``Synonymes.analyseur()``) is tokenize → lowercase → accent folding → stop words →
French stemmer → synonyms, built from whoosh components; ``analyse.Termes`` runs the same chain
word by word with a cache.
"""

from .analyse import MAX_QUERY_CHARS, MAX_QUERY_WORDS, Termes, analyseur, plier
from .concepts import ConceptIndex, Interpretation, default_concept_index
from .espaces import CONCEPT_TABLES, Concept
from .groupe import ConceptMatch, Groupe
from .noms import MotTrouve, NameIndex
from .suggestion import Suggestion
from .synonymes import SYNONYMES, Entree, Synonymes

__all__ = [
    "CONCEPT_TABLES",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "SYNONYMES",
    "Concept",
    "ConceptIndex",
    "ConceptMatch",
    "Entree",
    "Groupe",
    "Interpretation",
    "MotTrouve",
    "NameIndex",
    "Suggestion",
    "Synonymes",
    "Termes",
    "analyseur",
    "default_concept_index",
    "plier",
]
