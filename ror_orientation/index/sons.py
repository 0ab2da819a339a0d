"""A French sound key: how a folded word sounds, written one way.

People type what they hear: "o" for « eau », « au » ("hémothorax" → "hemeautorax"), « é » as
"er", "ez", "ai" or "ée" ("maternitée"), "ss" or "c" for one another, a silent h or final letter
dropped or added. Words sharing a key are heard alike; the key proposes them as corrections when a
word is too many letter edits from its meaning, the edit distance then bounding how far it may be.
"""

from __future__ import annotations

import re
from functools import lru_cache

VOYELLE = "aeiouy"
# (pattern, sound), in order: a rule sees what the rules before it wrote
REGLES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), s) for p, s in (
    (r"ph", "f"),
    (r"[cs]h", "$"),  # « ch », « sh »: one sound, kept apart from "c" and "s"
    (r"h", ""),  # mute everywhere else
    (r"(?:qu|q|ck|k)", "k"),
    (r"gu(?=[eiy])", "g"),
    (r"g(?=[eiy])", "j"),
    (r"s?c(?=[eiy])", "ç"),  # heard s, but never z (rule below)
    (r"c", "k"),
    (r"x", "ks"),
    (r"y", "i"),
    (r"e?au", "o"),
    (r"[aeo]?i[nm](?![aeiounm])", "1"),  # « in », « ain », « ein », « oin » before no vowel
    (r"[ae][nm](?![aeiounm])", "@"),  # « an », « en », « am », « em »
    (r"(?:ai|ei)", "e"),
    (r"(?<=[aeiou])s(?=[aeiou])", "z"),  # a single s between vowels is heard z
    (r"ç", "s"),
    (r"(.)\1+", r"\1"),  # doubled letters are heard once
    (r"(?:er|ez|et)$", "e"),
    (r"[estdx]+$", ""),  # silent endings
))


@lru_cache(maxsize=4096)
def cle(plie: str) -> str:
    """The sound key of a folded word ("hemeautoraxe" and "hemothorax": "emotoraks")."""
    out = plie
    for pattern, sound in REGLES:
        out = pattern.sub(sound, out)
    return out
