"""The circumstances a sentence gives around a need: who the patient is ("intoxication au CO chez
une femme enceinte") and how an act is done or under which treatment ("coloscopie sous
anesthésie", "épistaxis sous anticoagulants"). Beside a need named before them, those words only
rank: they never ask for a second need ("Diététique de la femme enceinte", the acts done under
general anaesthesia in orthopaedics)."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from dataclasses import replace

from .analyse import WORD_RE, plier, plier_en_place
from .groupe import Groupe

# "chez" + who: the patient. "sous" + a word without an article: a way of doing or a treatment
# ("sous AG", "sous sédation", "sous AVK", "sous oxygène"); with an article it is a place on the
# body ("boule sous le bras"), and a word the labels write after "sous-" makes one adjective with
# it ("hématome sous dural", `composes`). Folded text.
CHEZ_RE = re.compile(r"\bchez\b")
SOUS_RE = re.compile(r"\bsous\s+(?!(?:le|la|les|l|un|une|mon|ma|mes|ton|ta|tes|son|sa|ses|ce|cet|cette|ces|"
                     r"notre|nos|votre|vos|leur|leurs)\b)([^\W\d_]+)")
# Where the circumstance ends: a punctuation mark or a word opening another part of the sentence.
FIN_RE = re.compile(r"[,;:()\[\]]|\b(?:avec|pour|et)\b")
LIBELLES = ("exact", "synonyme")  # readings of the ROR labels (or synonyms), not of the vocabulary
# The words a label writes after "sous-" ("sous-dural", "sous-cutané", "sous-ombilicale"), folded.
COMPOSE_RE = re.compile(r"\bsous-([^\W\d_]+)")


def composes(libelles: Iterator[str]) -> frozenset[str]:
    """The folded words the labels write glued to "sous-" (`COMPOSE_RE`)."""
    return frozenset(m.group(1) for lib in libelles for m in COMPOSE_RE.finditer(plier(lib)))


def circonstances(text: str, composes_sous: Container[str]) -> list[tuple[int, int]]:
    """The character spans of `text` a circumstance marker opens, from the marker to where the
    circumstance ends (`FIN_RE`)."""
    plie = plier_en_place(text)
    starts = [m.start() for m in CHEZ_RE.finditer(plie)]
    starts += [m.start() for m in SOUS_RE.finditer(plie) if m.group(1) not in composes_sous]
    spans = []
    for a in sorted(starts):
        fin = FIN_RE.search(plie, a + len(WORD_RE.match(plie, a).group()))  # type: ignore[union-attr]
        spans.append((a, fin.start() if fin is not None else len(text)))
    return spans


def circonstancielles(text: str, groupes: list[Groupe], composes_sous: Container[str],
                      besoin: Callable[[Groupe], bool], praticien: Callable[[Groupe], bool]) -> list[Groupe]:
    """The groups of a circumstance made soft (they rank) where a need (`besoin`) is named
    before its marker. "chez" + a practitioner ("chez le dentiste", `praticien`) says where the
    care is asked, not who the patient is: that group stays a need."""
    out = list(groupes)
    for a, b in circonstances(text, composes_sous):
        # (an ROR label read with the marker and the words before it names the act done so:
        # "IRM sous …" read "Biopsie sous IRM"; what follows stays what it was)
        if not any(g.start < a and besoin(g) for g in out) \
                or any(g.start < a < g.end and g.via in LIBELLES for g in out):
            continue
        out = [replace(g, souple=True) if a <= g.start < b and not g.souple
               and not (plier(text[a:a + 4]) == "chez" and praticien(g)) else g for g in out]
    return out
