"""A patient without a home, said in the family's words: "mon oncle vit dans la rue", "il dort
dehors", "elle dort dans sa voiture", "il n'a plus de logement". The synonym table knows "SDF",
"sans abri", "à la rue" (the precarity public); "vit dans la rue" left "rue" to the typo
correction, or swallowed into the care need's words. Those phrases read as "SDF".

Beside a care need that is no emergency ("une plaie au pied qui s'infecte", "il tousse"), the
homeless patient's care is asked of the structures for people without a home (PASS, mobile
precarity teams, lits halte soins santé: `besoins_profanes.csv`), where the need then ranks; a
regulator's call (the SAMU profile) and an emergency need keep their reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .acuite import PREMIERS
from .analyse import Mot, aligne, lire_phrases, plier
from .besoins_profanes import destinations
from .groupe import ConceptMatch, Groupe, Via

SDF = "sdf"
PRECARITE = "R239:06"  # TRE_R239 « Personnes en situation de précarité »: what "SDF" reads
SOINS = "soins_sans_abri"
# Homeless (folded text, apostrophes as spaces): the word read as "SDF" is the named group.
SANS_ABRI_RE = re.compile(
    r"\b(?:vit|vivent|vivait|vivre|dort|dorment|dormait|dormir|habite|se\s+retrouve|se\s+retrouvent"
    r"|se\s+retrouvait|a\s+fini|finit)\s+(?:dans\s+la|a\s+la)\s+(?P<rue>rue)\b"
    r"|\b(?:dort|dorment|dormait|dormir|vit|vivent|vivait)\s+(?P<dehors>dehors)\b"
    r"|\b(?:dort|dorment|dormait|dormir|vit|vivent|vivait)\s+dans\s+(?:sa|une|leur|son)\s+(?P<voiture>voiture|tente|squat)\b"
    r"|\bn\s+(?:a|ont|avait)\s+(?:plus|pas)\s+de\s+(?P<logement>logement|toit|domicile)\b")

# the words read as "SDF" (the phrase's head), as typed
TETES = frozenset(("rue", "dehors", "voiture", "tente", "squat", "logement", "toit", "domicile"))

# words every such phrase holds (a cheap test before the pattern)
INDICES_RE = re.compile(r"rue|dehors|voiture|tente|squat|logement|toit|domicile")


def sans_abri(text: str, mots: list[Mot], terme: Callable[[str], str | None]) -> tuple[list[Mot], list[Mot]]:
    """`mots` with a homelessness said in lay words read as "SDF", the phrase's other words set
    aside (returned second)."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    found = list(SANS_ABRI_RE.finditer(aligne(text)))
    stem = terme(SDF)
    if not found or stem is None:
        return mots, []
    tetes = {f.start(k) for f in found for k in ("rue", "dehors", "voiture", "logement") if f.group(k)}
    dits = [(f.start(), f.end()) for f in found]
    return lire_phrases(mots, tetes, dits, SDF, stem)


def soins_sans_abri(groupes: list[Groupe], profil: str | None,
                    match: Callable[[str, float, Via], ConceptMatch | None],
                    urgent: Callable[[str], bool]) -> list[Groupe]:
    """`groupes` with a homeless patient's care that is no emergency asked of the structures for
    people without a home, the care need ranking them; `match` builds a concept's match, `urgent`
    says an acute care concept (an emergency department, intensive care: a need reading one among
    its first concepts is no PASS's)."""
    if profil == "samu":
        return groupes
    # (the homelessness said in the family's words, read so above: a coordinator's "SDF" beside
    # the place asked, "LHSS SDF", keeps its reading; no typo's "rue" either)
    precaires = [g for g in groupes if g.matches and g.matches[0].concept == PRECARITE and g.via == "synonyme"
                 and plier(g.texte) in TETES]
    soins = [g for g in groupes if not g.souple and g.matches and g not in precaires]
    # (a kind of place asked beside, TRE_R244, is what is asked)
    if not precaires or not soins or any(aigu(g, urgent) or g.matches[0].table == "R244" for g in soins):
        return groupes
    out: list[Groupe] = []
    for g in groupes:
        if g in precaires:
            lus = destinations(SOINS, g.matches[0], match)
            out.append(replace(g, matches=lus, total=len(lus), souple=False) if lus else g)
        elif g in soins:
            out.append(replace(g, souple=True))
        else:
            out.append(g)
    return out


def aigu(g: Groupe, urgent: Callable[[str], bool]) -> bool:
    """Whether the need reads acute care among its first concepts (`acuite.besoin_aigu`'s rule)."""
    top = g.matches[0].score
    return any(m.score >= PREMIERS * top and urgent(m.concept) for m in g.matches)
