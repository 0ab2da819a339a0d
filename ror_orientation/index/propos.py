"""What the patient says they will do: "mon ado parle de se suicider", "il menace de se tuer",
"elle parle d'en finir". The speaking verb only reports the words; read as a word of its own,
"parle" was a speech disorder (speech therapy, child development, the CMPP) and a suicidal
teenager went to speech therapists. A speaking verb followed by "de" and a verb is set aside; "en
finir" said so is a suicide, read as "suicider" (the word the labels write: Suicidant).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne

SUICIDER = "suicider"
# A speaking verb, "de", then a verb (folded text, apostrophes as spaces): "parle de se suicider",
# "parlait de mourir", "menace de se jeter", "évoque l'envie d'en finir" is not one (a noun follows).
PROPOS_RE = re.compile(
    r"\b(?P<verbe>parle|parles|parlent|parlait|parlaient|parler|menace|menacent|menacait|menacaient|menacer)"
    r"\s+(?:de|d)\s+(?:(?:se|s|me|m|te|t)\s+|(?P<en>en)\s+)?(?P<action>\w+(?:er|ir|re))\b")

# words every such phrase holds (a cheap test before the pattern)
INDICES_RE = re.compile(r"parl|menac")


def propos(text: str, mots: list[Mot], terme: Callable[[str], str | None]) -> tuple[list[Mot], list[Mot]]:
    """`mots` without the speaking verb that reports what the patient says they will do (returned
    second), and "en finir" read as "suicider"."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    found = list(PROPOS_RE.finditer(aligne(text)))
    if not found:
        return mots, []
    verbes = {f.start("verbe") for f in found}
    stem = terme(SUICIDER)
    finir = {f.start("action") for f in found if f.group("en") and f.group("action") == "finir"} \
        if stem is not None else set()
    ecartes = [m for m in mots if m.start in verbes]
    lus = [m.lu(SUICIDER, stem) if m.start in finir and stem is not None else m for m in mots if m.start not in verbes]
    return lus, ecartes
