"""A verb form a family types can fold and stem onto a medical noun of another sense: "qu'il
arrête de boire" is no cardiac arrest ("arrêt"), "mon bébé tète mal" no head ("tête", folded alike),
"il avait l'air malade" no lack of air. Such a form is set aside where its context makes it a verb:
a subject pronoun or a verb's clitic right before it ("il", "qu'elle", "ne", "s'"; an article
"la", "l'" alone proves nothing: "la tête"), a form no noun shares ("tétait"), the accented "tète"
before how the baby feeds ("tète mal"), or the locution "avoir l'air". The noun keeps its reading everywhere else ("arrêt cardiaque", "il fait un
arrêt", "il a mal à la tête", "il manque d'air"), and "arrêter" keeps it beside a vital function
("son cœur s'arrête", "elle s'arrête de respirer")."""

from __future__ import annotations

import re

from .analyse import Mot, aligne

# folded forms of the verbs whose noun homograph is a need: arrêter (arrêt), téter (tête)
ARRETER = frozenset(("arrete", "arretes", "arretent", "arretait", "arretaient", "arretera"))
TETER = frozenset(("tete", "tetes", "tetent", "tetait", "tetaient", "tetera"))
FORMES = ARRETER | TETER
# ...of which these are never a noun nor a participle: a verb wherever they are ("il tétait bien")
CONJUGUES = FORMES - {"arrete", "arretes", "tete", "tetes"}
# (folded, apostrophes as spaces) a subject pronoun, then object clitics; or a verb's clitic alone
SUJET = r"(?:je|j|tu|il|ils|elle|elles|on|ca|cela|nous|vous)"
CLITIQUE = r"(?:ne|n|se|s|me|m|te|t)"
OBJET = r"(?:ne|n|se|s|me|m|te|t|le|la|les|l|lui|leur|y|en)"
VERBE_RE = re.compile(rf"\b(?:{SUJET}(?:\s+{OBJET})*|{CLITIQUE}(?:\s+{OBJET})*)\s+$")
# how a baby feeds, after an accented "tète" ("mon bébé tète mal"; "trauma tète" is a head)
MANIERE_RE = re.compile(r"\s+(?:mal|bien|mieux|plus|pas|peu|moins|trop|encore|beaucoup|difficilement"
                        r"|lentement|correctement|seule?)\b")
# a vital function beside "arrêter" makes it the arrest ("son cœur s'arrête")
VITAL_RE = re.compile(r"\b(?:coeur|cardiaque|respir\w*|souffle)\b")
# "avoir l'air" (+ "pas", "plus"): group 1 is "air"
AIR_RE = re.compile(r"\b(?:ai|as|a|avons|avez|ont|avait|avais|avaient|avoir|aura|aurait|eu)"
                    r"(?:\s+(?:pas|plus|vraiment|bien))?\s+l\s*(air)\b")


def verbes_homographes(text: str, mots: list[Mot]) -> tuple[list[Mot], list[Mot]]:
    """`mots` without the verb forms read above, set aside (returned second)."""
    if not any(m.plie in FORMES or m.plie == "air" for m in mots):
        return mots, []
    plie = aligne(text)
    # ("à l'air libre" is no "avoir": the accent tells them apart in the text as typed)
    debuts = {found.start(1) for found in AIR_RE.finditer(plie) if text[found.start()] not in "àÀ"}
    vital = VITAL_RE.search(plie) is not None
    for m in mots:
        if m.plie not in FORMES or (vital and m.plie in ARRETER):
            continue
        avant = plie[:m.start]
        if m.plie in CONJUGUES or VERBE_RE.search(avant) \
                or ("è" in m.surface.lower() and MANIERE_RE.match(plie, m.end)):
            debuts.add(m.start)
    ecartes = [m for m in mots if m.start in debuts]
    return [m for m in mots if m.start not in debuts], ecartes
