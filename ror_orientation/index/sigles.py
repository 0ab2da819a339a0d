"""Acronyms: those the ROR labels write themselves, and which sense an ambiguous one has for whom.

A label naming its acronym ("Traitement des plaies par pression négative (VAC)", "Lits d'accueil
médicalisés (L.A.M.)", short label "CeGIDD") is what a user types: the acronym reads the concept
whole, as a synonym key would, instead of one word of a long label (which a shorter label reached
by completing the letters, "Vaccinations", would beat). The same letters may name a disease in
the clinical inventory ("LAM": leucémie aiguë myéloïde): a regulator means the disease, a
coordinator the place (`sens_clinique`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Protocol

from .analyse import Termes, plier
from .espaces import Concept
from .groupe import Groupe
from .synonymes import Entree
from .terminologie import Terminologie


class Lecture(Protocol):
    """What the acronym rules read of the concept index (`ConceptIndex`)."""

    @property
    def termes(self) -> Termes: ...

    @property
    def vocabulaire(self) -> Terminologie | None: ...

    @property
    def abreviations(self) -> dict[str, tuple[str, ...]]: ...

    def concept(self, cid: str) -> Concept: ...

# An acronym inside a label's brackets or as its short label: capitals (dots allowed, "L.A.M."),
# a few lower-case letters inside ("CeGIDD"), ending on a capital.
ACRONYME_RE = re.compile(r"^(?:[A-Z]\.?){3,8}$|^[A-Z][A-Za-z]{1,6}[A-Z]$")
BRACKETS_RE = re.compile(r"\(([^()]*)\)")
# Kinds of place: the senses a coordinator looks for (types d'offre, modes, champs).
LIEUX = ("R244", "R213", "R227")
# First words of a label naming a structure ("Centre de ressources et de compétences sclérose en
# plaques (SEP)", an act): such a label is a place *for* its acronym's long form, as a kind of
# place is, unless the long form names that structure itself ("Centre médico-psychologique").
STRUCTURES = frozenset({"centre", "unite", "structure", "equipe", "service", "maison", "plateforme",
                        "institut", "etablissement", "pole", "cabinet", "reseau"})
PREMIER_MOT_RE = re.compile(r"[^\W\d_]+")
# Profiles in which an acronym naming both a place and a disease means the disease (a regulator's),
# and those in which it means the place (a downstream-care coordinator's); with no profile the
# other words of the query decide ("LAM fébrile en aplasie" is the disease).
PROFILS_CLINIQUES = frozenset({"samu"})
PROFILS_LIEUX = frozenset({"aval"})
# Profiles in which an acronym read as an act that a kind of place also writes in its label
# ("ORL", "EMG") means the place first, the act just below (`lieu_d_abord`): the coordinator's,
# and the mobile app's (a directory of places, whoever types); the app's other words still
# decide an acronym naming a disease (it is in neither set above).
PROFILS_ANNUAIRE = frozenset({"aval", "mobile"})
# An acronym typed with a dot after each letter ("A.V.C.", "h.t.a"), and one in capitals with a
# plural "s" ("AVCs", "EHPADs": no French word is capitals and a lower-case s).
POINTS_RE = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?:[^\W\d_](?![^\W_]))?")
PLURIEL_RE = re.compile(r"(?<![^\W_])([A-Z]{2,}[0-9]*)s(?![^\W_])")


def sigles_tapes(text: str) -> str:
    """The text with each acronym typed with dots or a plural "s" written as its bare letters
    ("A.V.C." → "AVC", "IDMs" → "IDM"), padded with spaces so that every word keeps its offsets."""
    def lettres(m: re.Match[str]) -> str:
        bare = m.group().replace(".", "")
        return bare + " " * (len(m.group()) - len(bare))
    text = POINTS_RE.sub(lettres, text)
    return PLURIEL_RE.sub(lambda m: m.group(1) + " ", text)


def acronymes(concept: Concept) -> set[str]:
    """The acronyms a label names (folded, dots removed)."""
    found = set()
    for part in BRACKETS_RE.findall(concept.libelle) + [concept.libelle_court or ""]:
        part = part.strip()
        if part.startswith("ex "):
            continue  # a former name ("Unité sanitaire (ex UCSA)") is not the concept's acronym
        if ACRONYME_RE.match(part) and sum(c.isupper() for c in part) >= 3:
            found.add(plier(part.replace(".", "")))
    return found


def entrees_acronymes(concepts: Iterable[Concept], deja: Callable[[str], bool],
                      mot_courant: Callable[[str], bool]) -> tuple[Entree, ...]:
    """One synonym entry per acronym the active labels name, with every concept naming it.
    `deja(key)`: the hand-written table already has that key (it says best what the letters
    mean); `mot_courant(key)`: the letters are a word of the labels' own text ("PASS" is an
    acronym, "pass" may not be; such keys are left out)."""
    par_sigle: dict[str, list[str]] = {}
    for c in concepts:
        if not c.actif:
            continue
        for s in acronymes(c):
            par_sigle.setdefault(s, []).append(c.id)
    return tuple(Entree(f"sigle:{s}", (s.upper(),), (), tuple(ids))
                 for s, ids in sorted(par_sigle.items()) if not deja(s) and not mot_courant(s))


def en_passant(libelle: str, forme: str) -> bool:
    """Whether a label spells an acronym's long form after other words ("Bilan échographique pré
    fistule artérioveineuse (FAV)": an assessment *before* the fistula), not as its own name;
    compared folded, spaces and hyphens aside ("artério-veineuse", "artérioveineuse")."""
    def colle(t: str) -> str:
        return "".join(PREMIER_MOT_RE.findall(plier(BRACKETS_RE.sub(" ", t))))
    where = colle(libelle).find(colle(forme))
    return where > 0 and bool(colle(forme))


def sens_clinique(profil: str | None) -> bool:
    """Whether, in this profile, an acronym naming both a kind of place and a disease means the
    disease (a regulator's "LAM" is a leukaemia; a coordinator's, the medicalised beds)."""
    return profil in PROFILS_CLINIQUES


def sens_lieu(profil: str | None) -> bool:
    """Whether, in this profile, such an acronym means the place whatever the other words say
    ("place en LAM pour un patient atteint d'un cancer")."""
    return profil in PROFILS_LIEUX


def place_d_abord(profil: str | None) -> bool:
    """Whether, in this profile, an acronym a kind of place writes in its label means the place
    first (`lieu_d_abord`)."""
    return profil in PROFILS_ANNUAIRE


def lieu(concept_id: str) -> bool:
    """Whether a concept is a kind of place (type d'offre, mode, champ)."""
    return concept_id.split(":", 1)[0] in LIEUX


def structure(libelle: str) -> bool:
    """Whether a label names a structure by its first word ("Centre …", "Unités …")."""
    m = PREMIER_MOT_RE.search(plier(libelle))
    return m is not None and m.group().removesuffix("s") in STRUCTURES


def lire_sigles(index: Lecture, groupes: list[Groupe], profil: str | None,
                vocabulaire: Callable[[list[Groupe]], tuple[list[Groupe], list[str]]]
                ) -> tuple[list[Groupe], list[str]]:
    """The clinical vocabulary's reading (`vocabulaire`: the groups left to it → groups, words
    not understood) where an acronym naming a kind of place also names a disease: the disease is
    read in a clinical profile, or, with no profile, where the vocabulary reads it with other words
    of the query ("LAM fébrile en aplasie"); for a coordinator, and otherwise, the place."""
    ambigus = [] if sens_lieu(profil) else sigles_ambigus(index, groupes)
    if ambigus:
        essai = vocabulaire([g for g in groupes if g not in ambigus])

        def clinique(g: Groupe) -> bool:
            lus = [h for h in essai[0] if h.via == "terminologie" and h.start <= g.start < h.end]
            return bool(lus) and (sens_clinique(profil) or lus[0].end - lus[0].start > g.end - g.start)

        ecartes = [g for g in ambigus if clinique(g)]
        if ecartes == ambigus:
            return essai
        groupes = [g for g in groupes if g not in ecartes]
    return vocabulaire(groupes)


def sigles_ambigus(index: Lecture, groupes: list[Groupe]) -> list[Groupe]:
    """The groups of one acronym read as a kind of place, or a label naming a structure, whose
    first sense in the abbreviation inventory is a CIM-10 diagnosis, another than that place
    ("LAM": the medicalised beds, or leucémie aiguë myéloïde; "SEP": the multiple sclerosis
    centre, or the disease). Which one is meant depends on who asks and the other words."""
    if index.vocabulaire is None or not index.abreviations:
        return []
    out = []
    for g in groupes:
        mots = index.termes.mots(g.texte)
        if len(mots) != 1 or g.souple or g.via not in ("exact", "synonyme") or not g.matches \
                or not (lieu(g.matches[0].concept) or structure(index.concept(g.matches[0].concept).libelle)):
            continue
        formes = index.abreviations.get(mots[0].plie, ())
        if formes and _diagnostic(index, formes[0], g):
            out.append(g)
    return out


def _diagnostic(index: Lecture, forme: str, g: Groupe) -> bool:
    """Whether an abbreviation's long form reads whole as a CIM-10 diagnosis, not the place the
    group names (its words are not all in the place's label, or the label is a structure for
    them: "Centre de … sclérose en plaques")."""
    voc = index.vocabulaire
    stems = index.termes.termes(forme)
    if voc is None or not stems or not all(voc.connait(s, False) for s in stems):
        return False
    libelle = index.termes.termes(g.matches[0].label)
    if set(stems) <= set(libelle) and not (structure(g.matches[0].label) and libelle[0] not in stems):
        return False  # the same sense ("HAD": hospitalisation à domicile)
    if not lieu(g.matches[0].concept):
        # (a structure's label, an act or a category: only a long form a CIM-10 label says whole,
        # "sclérose en plaques", not one word of many such labels, "chromosome" of "CHR")
        return voc.diagnostic(stems)
    lecture = voc.lire(stems, ())
    return lecture is not None and len(lecture.mots) == len(stems) \
        and any(lib.endswith(")") and "(CIM-10 " in lib for lib in lecture.libelles)


def lieu_d_abord(index: Lecture, g: Groupe) -> Groupe:
    """For a coordinator or the app, an acronym read as an act that a kind of place also writes in its label
    ("EMG": électromyogramme, or the Equipe mobile de gériatrie) means the place first; the other
    sense stays (OR), just below."""
    mots = index.termes.mots(g.texte)
    if len(mots) != 1 or g.souple or not g.matches or lieu(g.matches[0].concept):
        return g
    sigle = mots[0].plie
    places = [m for m in g.matches
              if lieu(m.concept) and sigle in acronymes(index.concept(m.concept))]
    if not places:
        return g
    top = g.matches[0].score
    ordre = [replace(m, score=top) for m in places] + [m for m in g.matches if m not in places]
    return replace(g, matches=tuple(ordre))
