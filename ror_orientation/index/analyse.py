"""The French analyzer chain, defined once for indexing and for query parsing.

tokenize → lowercase → accent folding → stop words → French stemmer → synonyms, built from whoosh's
analysis components; `Termes` runs the same chain word by word with a cache for bulk and hot paths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

# A word is a run of letters or digits; hyphens, apostrophes and brackets separate words
# ("neuro-vasculaire" → neuro, vasculaire; "l'autisme" → l, autisme).
WORD_PATTERN = r"[^\W_]+"
WORD_RE = re.compile(WORD_PATTERN)

# Query budget: longer input is cut (and the answer says so), so a pasted page costs no more
# than a long sentence.
MAX_QUERY_CHARS = 256
MAX_QUERY_WORDS = 24

# Accent folding: whoosh's accent map, plus the ligatures French writes ("œdème", "ex æquo").
FOLD_MAP: dict[int, str] = dict(accent_map)
FOLD_MAP.update({ord("œ"): "oe", ord("æ"): "ae", ord("ß"): "ss", ord("’"): "'"})


# What a label leaves out names what it is not: those words never make it match ("Soins et
# traitement à domicile (hors HAD)", "… hors neuro-vasculaire", "Syncope et collapsus (sauf choc)",
# "…, sans mention de rupture").
EXCLUSION_RE = re.compile(
    r"\(\s*(?:hors|sauf|à l'exclusion)\b[^)]*\)|\b(?:hors|sauf|sans mention d[e'’])[^,;()]*",
    re.IGNORECASE)
# What a diagnosis label denies, in brackets ("Anévrisme cérébral (non rompu)", "Hernie inguinale
# (, sans occlusion ni gangrène)") or as a clause after a comma ("Athérosclérose des artères
# distales, sans gangrène"), up to a site it still names ("…, sans précision - Main"). Not in the
# ROR's own labels, where "(sans substance)" tells two sibling activities apart and is typed as such.
DENI_RE = re.compile(r"\(\s*,?\s*(?:non|sans)\b[^)]*\)|,\s*sans\b(?:(?!\s-\s)[^,;()])*",
                     re.IGNORECASE)
# What a label does without ("Dérivation urinaire en urgence sans urétéroscopie", "Imagerie
# pédiatrique sans sédation", "Infiltration … sans guidage par imagerie"): the words after "sans", up
# to a punctuation or a "de" that goes on with the label ("Traitement sans douleur de l'ongle
# incarné"). "avec ou sans" names both.
NEGATION_RE = re.compile(
    r"(?<!\bou\s)\bsans\s+(.+?)(?=\s+(?:de|du|des)\b|\s+d['’]|[,;:()\[\]\-–/]|$)", re.IGNORECASE)


def sans_exclusions(libelle: str, denis: bool = False) -> str:
    """A label without what it excludes (EXCLUSION_RE) and, with `denis`, what it denies."""
    libelle = EXCLUSION_RE.sub(" ", libelle)
    return DENI_RE.sub(" ", libelle) if denis else libelle


def nies(text: str) -> list[tuple[int, int]]:
    """Where `text` writes what it does without (NEGATION_RE): the character spans of those words."""
    return [m.span(1) for m in NEGATION_RE.finditer(text)]


def sans_nies(text: str) -> str:
    """`text` without the words it writes after "sans" (`nies`), for an index holding no
    marked stem (the full-text search)."""
    for a, b in reversed(nies(text)):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def plier(text: str) -> str:
    """Lowercase and accent-fold: the form prefixes and typos are compared on."""
    return text.lower().translate(FOLD_MAP)


def plier_en_place(text: str) -> str:
    """The text folded one character for one ("œ" as "o"): a position in it is the same position
    in `text`, where the words' spans are counted ("sœur" is one letter longer folded)."""
    plie = plier(text)
    if len(plie) != len(text):
        plie = "".join((plier(c) or " ")[0] for c in text)
    return plie


def aligne(text: str) -> str:
    """`plier_en_place` with apostrophes as spaces: offsets stay those of the words."""
    return plier_en_place(text).replace("'", " ").replace("’", " ")


# French stop words, folded like the text they are compared with ("à", "été" → "a", "ete"). The
# Snowball list lacks the plural article and pronouns: "les" of "dans les yeux" was a word of the
# need, so the lay word "ne regarde pas dans les yeux" (autism) read "de la poussière dans les yeux".
STOP_WORDS: frozenset[str] = frozenset(plier(w) for w in stopwords_for_language("fr")) | {
    "a", "aux", "chez", "sans", "dont", "hors", "ou", "et", "l", "d", "qu", "c", "s", "n", "j", "m",
    "les", "ils", "elles",
}


# Words ending in "s" that are no plural of a word in "-er" ("divers" is not "diver").
INVARIABLES = frozenset({"divers", "travers", "tiers", "envers", "revers", "univers", "pervers"})
_stem = stemmer_for_language("fr")


@lru_cache(maxsize=100_000)
def singulier(mot: str) -> str:
    """The singular the stemmer should see for a plural it stems apart from it: it strips the
    "er" of "foyer", "cancer", "usager" but keeps it in "foyers", "cancers", "usagers", so "foyers
    de vie" missed every "Foyer de vie" label. Other words are returned as they are."""
    if len(mot) > 3 and mot.endswith("s") and mot not in INVARIABLES and _stem(mot) == mot[:-1] \
            and _stem(mot[:-1]) != mot[:-1]:
        return mot[:-1]
    return mot


class SingulierFilter(Filter):  # type: ignore[misc]  # whoosh ships no types
    """Before the stemmer: such a plural becomes its singular (`singulier`)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if not t.stopped:
                t.text = singulier(t.text)
            yield t


def chaine_de_base(stem_cache: int | None = 100_000) -> CompositeAnalyzer:
    """tokenize → lowercase → accent folding → stop words → singular → French stemmer (no synonyms).
    `stem_cache`: the stemmer's own memo (None: none, for a caller that memoizes whole words)."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(FOLD_MAP)
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | SingulierFilter()
        | StemFilter(lang="fr", cachesize=stem_cache)
    )


def analyseur() -> CompositeAnalyzer:
    """The whole visible chain without synonyms (`Synonymes.analyseur()` adds them as its last
    stage)."""
    return chaine_de_base()


@dataclass(frozen=True, slots=True)
class Mot:
    """One analysed word of a text: its surface form, folded form, stem, and where it was."""

    surface: str
    plie: str
    terme: str
    start: int
    end: int

    def lu(self, plie: str, terme: str) -> Mot:
        """This typed word read as another (a clip's full word, a typo's correction, a lay phrase's
        meaning): what was typed and where stay, for the explanation and the spans."""
        return Mot(self.surface, plie, terme, self.start, self.end)


def lire_phrases(mots: list[Mot], tetes: Collection[int], phrases: Iterable[tuple[int, int]],
                 forme: str, stem: str) -> tuple[list[Mot], list[Mot]]:
    """`mots` with the word at each of `tetes` (start offsets) read as `forme` (stem `stem`) and
    the other words of `phrases` (character spans) set aside, returned second: a need said in a
    lay phrase ("elle dort dans sa voiture") is read as the one word the vocabulary knows at the
    phrase's head, its other words being no need of their own."""
    phrases = list(phrases)
    ecartes = [m for m in mots if m.start not in tetes and any(a <= m.start < b for a, b in phrases)]
    lus = [m.lu(forme, stem) if m.start in tetes else m for m in mots if m not in ecartes]
    return lus, ecartes


class Termes:
    """The base chain applied word by word and memoized, for bulk indexing and query hot paths.

    Every filter of the chain works on one token at a time, so running the chain on each distinct
    word once gives exactly the chain's output (a test checks this against the whoosh analyzer).

    The memo is two dicts of strings, not one of (folded, stem) tuples, and the chain's stemmer
    keeps no memo of its own (whoosh's keys each word by a new tuple): a dict holding only
    strings is never tracked by the cyclic collector, while one holding fresh tuples is put back
    in its youngest generation at each new word, and the next young collection then walks every
    entry — 50,000 words at national scale, a 2–3 ms pause in whatever search came next (measured).
    """

    def __init__(self) -> None:
        chain = chaine_de_base(stem_cache=None)
        self._filters = chain.items[1:]
        self._plies: dict[str, str] = {}  # word → folded form
        self._termes: dict[str, str | None] = {}  # word → stem, None for a stop word

    def __getstate__(self) -> dict[str, object]:
        """Pickled (into an offer image) without the memo: refilled word by word, it would be
        ~100k private objects in every worker mapping the image."""
        return {**self.__dict__, "_plies": {}, "_termes": {}}

    def analyser(self, word: str) -> tuple[str, str | None]:
        """One word through the chain: (folded form, stem or None for a stop word).

        "RENNES", "Rennes" and "rennes" share one run of the chain: lowercase and accent folding
        come first in it and change nothing when applied twice.
        """
        plies, termes = self._plies, self._termes
        plie = plies.get(word)
        if plie is not None:
            return plie, termes[word]
        plie = plier(word)
        if plie in plies:
            terme = termes[plie]
        else:
            tok = Token(positions=False, chars=False, removestops=True, mode="index")
            tok.text = plie
            tok.stopped = False
            stream: Iterator[Token] = iter((tok,))
            for f in self._filters:
                stream = f(stream)
            out = [t.text for t in stream if not t.stopped]
            terme = out[0] if out else None
        if len(plies) < 500_000:
            plies[word] = plies[plie] = plie
            termes[word] = termes[plie] = terme
        return plie, terme

    def mots(self, text: str) -> list[Mot]:
        """The analysed words of `text` (stop words dropped), with their character spans."""
        found = []
        for m in WORD_RE.finditer(text):
            plie, terme = self.analyser(m.group())
            if terme is not None:
                found.append(Mot(m.group(), plie, terme, m.start(), m.end()))
        return found

    def termes(self, text: str) -> list[str]:
        """The stems of `text`, in order (stop words dropped)."""
        out = []
        for m in WORD_RE.finditer(text):
            terme = self.analyser(m.group())[1]
            if terme is not None:
                out.append(terme)
        return out

    def terme(self, word: str) -> str | None:
        """The stem of one word, or None for a stop word."""
        return self.analyser(word)[1]


def borner(text: object) -> tuple[str, bool]:
    """Clean and bound user input: (text, truncated). Non-text becomes empty, control chars spaces."""
    if not isinstance(text, str):
        return "", False
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    words = list(WORD_RE.finditer(text))
    if len(words) > MAX_QUERY_WORDS:
        text = text[: words[MAX_QUERY_WORDS - 1].end()]
        truncated = True
    return text, truncated
