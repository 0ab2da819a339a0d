"""Compounds an abbreviation's long form writes with its prefix apart: the sense inventory spells
HTIC "hypertension intra cranienne", the CIM-10 labels "intracrânienne". Read apart, "intra" is no
word of the labels and "cranienne" of other ones, so the long form misses the diagnosis it names
(G93.x) and reads "hypertension" (cardiology). The prefix is welded to the next word where the
labels write the welded word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A combining form written apart, then the next word: short, ending on a vowel ("intra", "vaso",
# "broncho", "supra"), a space (a hyphen keeps the parts: "sous-dural" is how the labels write it).
APART_RE = re.compile(r"(?<![^\W_])([^\W\d_]{1,5}[aeio]) ([^\W\d_]{3,})(?![^\W_])")


def souder(forme: str, connu: Callable[[str, str, str], bool]) -> str:
    """The long form with each prefix written apart welded to the next word where `connu(welded,
    prefix, word)` says the labels write the welded word; everything else as written."""
    def weld(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        return a + b if connu(a + b, a, b) else m.group()
    return APART_RE.sub(weld, forme)
