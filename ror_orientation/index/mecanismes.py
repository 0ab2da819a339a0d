"""Mechanisms of injury: how the patient got hurt ("tombé d'une échelle", "après un plongeon",
"accident de moto", "par la fenêtre"), as opposed to what the injury now needs.

The clinical vocabulary reads a fall ("chute", "tombé": CIM-10 W19, R26) as an old person's need
(geriatrics): right for "mamie est tombée", wrong for a worker off a ladder or a child out of a
window. Beside a consequence typed with it ("ne sent plus ses jambes", "tétraplégie") the mechanism
says only that the consequence is traumatic: the consequence decides the destination, and a loss of
motor function after trauma is a spinal injury (spine surgery, neurosurgery). A fall alone is read
as geriatrics only for an elderly patient; for anyone else it is trauma care. Folded forms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MECANISMES: frozenset[str] = frozenset("""
    tombe tombee tombes tombees tomber chute chutes chuter defenestration defenestre defenestree
    plongeon plonge plongee accident accidente accidentee avp renverse renversee percute percutee
    """.split())
# The falls: the clinical vocabulary reads them as an old person's need (W19, R26). Beside a
# consequence they are not read with it; other mechanisms are ("accident de décompression en
# plongée" is a diving disease).
CHUTES: frozenset[str] = frozenset("""
    tombe tombee tombes tombees tomber chute chutes chuter defenestration defenestre defenestree
    """.split())
# Where from, on what (read as the mechanism's words when one of the above is typed).
DETAILS: frozenset[str] = frozenset("""
    echelle echafaudage escabeau toit fenetre balcon etage etages hauteur metres moto scooter velo
    cheval trampoline piscine eau premier deuxieme troisieme quatrieme cinquieme
    """.split())
# The mechanisms that are not falls nor dives: a road or other accident ("accident de voiture",
# "AVP", "renversé par un camion"). The clinical vocabulary reads "accident" alone as the head of
# "Accident vasculaire cérébral" (I64): a stroke. Alone, such a mechanism asks for trauma care;
# beside its consequence it says only how the injury happened. Folded forms.
ACCIDENTS: frozenset[str] = frozenset("""
    accident accidents accidente accidentee accidentes accidentees avp renverse renversee percute
    percutee
    """.split())
# What the accident was with, where, how hard ("haute cinétique") (read as the accident's words when
# one of the above is typed).
ACCIDENT_DETAILS: frozenset[str] = frozenset("""
    voiture voitures auto automobile moto motos scooter velo camion bus car tracteur pieton
    trottinette quad route circulation voie publique autoroute ski cinetique haute violent violente
    """.split())
# Who is old (folded): the family words of an elderly patient and the words of age.
AGES: frozenset[str] = frozenset("""
    papi papy pepe mamie mamy grand grands aieul aieule agee agees age vieux vieille vieillard
    senior seniors retraite retraitee ehpad
    """.split())
AGE_RE = re.compile(r"\b([6-9]\d|1[01]\d)\s*ans\b")
# Trauma care (R211): trauma emergencies, traumatology, orthopaedic and trauma surgery, the
# general emergencies that take any injured patient.
TRAUMA = ("R211:159", "R211:145", "R211:025", "R211:157")
# A traumatic loss of motor or sensory function is a spinal cord injury (CIM-10 S14/S24/S34,
# T09.3): spine surgery, neurosurgery, their emergencies and intensive care (R211).
RACHIS = ("R211:436", "R211:096", "R211:267", "R211:129", "R211:372")
# Labels of a loss of motor function read without the mechanism (paralysis G80-G83 goes to
# rehabilitation and disability: R245:22, R211:234 SMR neurologique...).
DEFICIT = ("plegi", "paralys", "deficience a predominance motrice")


def indices(plies: Sequence[str]) -> frozenset[int]:
    """Positions of the words naming how the injury happened."""
    return frozenset(k for k, p in enumerate(plies) if p in MECANISMES)


def chutes(plies: Sequence[str]) -> frozenset[int]:
    """Positions of a fall's words and of where it was from ("tombé d'une échelle", "chute du
    deuxième étage"): empty when no fall is typed."""
    if not any(p in CHUTES for p in plies):
        return frozenset()
    return frozenset(k for k, p in enumerate(plies) if p in CHUTES or p in DETAILS)


def accidents(plies: Sequence[str]) -> frozenset[int]:
    """Positions of an accident's words (not a fall, not a dive) and of what it was with
    ("accident de voiture", "AVP moto"): empty when no such accident is typed."""
    if not any(p in ACCIDENTS for p in plies):
        return frozenset()
    return frozenset(k for k, p in enumerate(plies) if p in ACCIDENTS or p in ACCIDENT_DETAILS)


def age_avance(plies: Sequence[str], texte_plie: str) -> bool:
    """The text names an elderly patient ("papi", "personne âgée", "85 ans")."""
    return any(p in AGES for p in plies) or AGE_RE.search(texte_plie) is not None


def deficit(libelle_plie: str) -> bool:
    """A concept of lost motor function, from its folded label."""
    return any(w in libelle_plie for w in DEFICIT)
