"""A screening for a sexually transmitted infection said as a test: "un test du sida", "me faire
tester pour les IST", "faire un test VIH gratuit". The labels say "dépistage" (CIM-10 Z11.3,
Z11.4: the CeGIDD's mission); read word by word, "test" was every ROR test act (test en hypoxie,
tests de provocation...) and "sida" the disease's care (infectiology). Where a test word names
such an infection, it reads as "dépistage"; "sida" beside it reads as "VIH", the virus the test
looks for (an AIDS test is an HIV test).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne

DEPISTAGE = "dépistage"
# A test word (folded text, apostrophes as spaces), then within two words an infection transmitted
# sexually or by blood: "test du sida", "tester pour les IST", "test VIH", "test rapide de la syphilis".
TEST = r"(?P<test>tests?|tester|testee?s?|depister|depistee?s?|trod)"
INFECTION = (r"(?P<infection>sida|vih|hiv|ist|mst|syphilis|chlamydiae?|chlamydia|gonocoques?|gonorrhee"
             r"|hepatites?|herpes|papillomavirus|hpv)")
TEST_RE = re.compile(rf"\b{TEST}(?:\s+(?:du|de|des|d|la|le|les|pour|au|aux|rapide|gratuit|anonyme)){{0,3}}"
                     rf"\s+{INFECTION}\b")

# words every such phrase holds (a cheap test before the pattern)
INDICES_RE = re.compile(r"test|d[ée]pist|trod", re.IGNORECASE)


def depistages(text: str, mots: list[Mot], terme: Callable[[str], str | None]) -> list[Mot]:
    """`mots` with a test for a sexually transmitted infection read as "dépistage", and "sida"
    beside it as "VIH"."""
    if not INDICES_RE.search(text):
        return mots
    found = list(TEST_RE.finditer(aligne(text)))
    stem, vih = terme(DEPISTAGE), terme("vih")
    if not found or stem is None or vih is None:
        return mots
    tests = {f.start("test") for f in found}
    sidas = {f.start("infection") for f in found if f.group("infection") == "sida"}
    return [m.lu("depistage", stem) if m.start in tests
            else m.lu("vih", vih) if m.start in sidas else m for m in mots]
