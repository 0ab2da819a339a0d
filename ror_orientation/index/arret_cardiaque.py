"""A cardiac arrest told by the rescue it called for: "les pompiers lui ont fait un massage
cardiaque", "on l'a défibrillé", "son cœur s'est arrêté". Families say what they saw done, not
the diagnosis; read word by word, "massage cardiaque" was the automatic chest-compression board
(equipment), "défibrillé" the implantation of a defibrillator, "cœur … arrêté" organ donation
after cardiac death. A resuscitation done on the patient reads as "réanimé" (intensive care, the
destination of a resuscitated arrest); a heart said to have stopped reads as "arrêt cardiaque".
Equipment named as such ("planche à massage cardiaque") and training ("formation au massage
cardiaque") keep their reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, aligne

REANIME = "réanimé"
REANIME_PLIE = "reanime"
# A resuscitation done on someone (folded text, apostrophes as spaces): "(les pompiers) lui ont fait
# un massage (cardiaque)", "on lui a fait le massage", "ils ont pratiqué un massage cardiaque", "il
# a eu un massage cardiaque", "massage cardiaque en cours", "sous massage cardiaque"; "on l'a
# défibrillé", "il a été choqué au défibrillateur".
FAIT = r"(?:fait|faire|font|pratique|pratiquent|pratiquer|recu|eu|commence|debute|entrepris)"
GESTE_RE = re.compile(
    rf"\b(?:lui|l)\s+(?:a|ont|avait|avaient|ont\s+du|a\s+du)\s+{FAIT}\s+(?:un|le|du|des)\s+(?P<m1>massages?)"
    rf"(?:\s+(?P<c1>cardiaques?))?\b"
    rf"|\b{FAIT}\s+(?:un|le|du|des)\s+(?P<m2>massages?)\s+(?P<c2>cardiaques?)\b"
    r"|\b(?:sous\s+)?(?P<m3>massages?)\s+(?P<c3>cardiaques?)\s+(?P<e3>en\s+cours)\b"
    r"|\bsous\s+(?P<m4>massages?)\s+(?P<c4>cardiaques?)\b"
    r"|\b(?:(?:l|les|la)(?:\s+(?:a|ont|avait|avaient|ont\s+du|a\s+du))?|a\s+ete|ont\s+ete|avoir\s+ete|etre)\s+"
    r"(?P<d5>defibrillee?s?|choquee?s?\s+au\s+defibrillateur)\b")
# A massage said without "cardiaque" is one only where the text tells a collapse or a rescue, and
# where no body part follows it ("un massage du dos").
SECOURS_RE = re.compile(r"\b(?:pompiers|secours|secouristes?|samu|smur|temoins?|passants?|effondree?s?|ecroulee?s?"
                        r"|inconsciente?s?|ne\s+respir\w*\s+plus|plus\s+de\s+pouls|arret)\b")
# Who did the rescue is no need ("les secours" read the precarity desk, "ses collègues" occupational
# medicine): beside a rescue told, those words are set aside.
SAUVETEURS_RE = re.compile(r"\b(?:pompiers|secours|secouristes?|sauveteurs?|collegues?|voisins?|voisines?|temoins?"
                           r"|passants?|passantes?)\b")
PARTIE_RE = re.compile(r"\s+(?:du|des|de|d|au|aux|a|sur)\b")
# A heart said to have stopped (the speaker's relative's: a possessive or "le cœur de"): "son cœur
# s'est arrêté", "le cœur de mon père a cessé de battre".
COEUR_RE = re.compile(
    r"\b(?:son|mon|ton|leur|notre|votre|le)\s+(?P<coeur>coeur)(?:\s+de(?:\s+[\w-]+){1,2}?)?\s+"
    r"(?:s\s+est|s\s+etait|a|avait)\s+(?P<arret>arrete|cesse\s+de\s+battre|arrete\s+de\s+battre|lache)\b")

# words every such phrase holds (a cheap test before the patterns)
INDICES_RE = re.compile(r"massage|d[ée]fibrill|c(?:oe|œ)ur")


def reanimations(text: str, mots: list[Mot], terme: Callable[[str], str | None]
                 ) -> tuple[list[Mot], list[Mot]]:
    """`mots` with a rescue done on the patient read as "réanimé" and a stopped heart as
    "arrêt cardiaque"; the words of the gesture no other word reads are set aside (returned
    second)."""
    if not INDICES_RE.search(text.lower()):
        return mots, []
    plie = aligne(text)
    reanime, arret, cardiaque = terme(REANIME), terme("arrêt"), terme("cardiaque")
    if reanime is None or arret is None or cardiaque is None:
        return mots, []
    lus: dict[int, Mot | None] = {}  # word start → its new reading (None: set aside)
    for f in GESTE_RE.finditer(plie):
        if f.group("m1") and not f.group("c1") and (
                PARTIE_RE.match(plie, f.end("m1")) or not SECOURS_RE.search(plie)):
            continue
        for name in ("m1", "m2", "m3", "m4", "d5"):
            if f.group(name):
                lus[f.start(name)] = Mot(f.group(name), REANIME_PLIE, reanime, f.start(name), f.end(name))
        for name in ("c1", "c2", "c3", "c4", "e3"):
            if f.group(name):
                for k in range(f.start(name), f.end(name)):
                    lus[k] = None
    for f in COEUR_RE.finditer(plie):
        lus[f.start("coeur")] = Mot("", "arret", arret, 0, 0)
        lus[f.start("arret")] = Mot("", "cardiaque", cardiaque, 0, 0)
        for k in range(f.start("arret") + 1, f.end("arret")):
            lus.setdefault(k, None)
    if not lus:
        return mots, []
    for f in SAUVETEURS_RE.finditer(plie):
        lus.setdefault(f.start(), None)
    out: list[Mot] = []
    ecartes: list[Mot] = []
    for m in mots:
        if m.start not in lus:
            out.append(m)
        elif (nouveau := lus[m.start]) is None:
            ecartes.append(m)
        else:
            out.append(m.lu(nouveau.plie, nouveau.terme))
    return out, ecartes
