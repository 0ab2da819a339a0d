"""Qualifiers: words saying how severe, how fast or how well tolerated a need is ("sévère",
"aiguë", "rapide mal tolérée", "massive", "profonde", a "crise" or "poussée" of a disease, the
"grade", "stade" or "score" a regulator gives beside an acronym: "HSA grade WFNS 4", "BPCO stade
4", the patient's state: "conscient", "stable"), never which care it needs.

The ROR and the clinical labels hold them too ("Troubles de la personnalité sévères", "Prise en
charge de l'obésité sévère", "Brûlure … profonde"): read alone beside a disease or a symptom, they
would name those labels' needs and drag the answer away from the disease typed beside them. They
are read only with the words they qualify ("pancréatite aiguë"), and a group of them alone is no
need when another word names one. Folded forms.
"""

from __future__ import annotations

from collections.abc import Iterable

from .cotes import COTES
from .incertitudes import INCERTITUDES

QUALIFICATIFS: frozenset[str] = frozenset("""
    grave graves severe severes aigu aigue aigus aigues chronique chroniques important importante
    importants importantes massif massive massifs massives leger legere legers legeres modere moderee
    brutal brutale soudain soudaine recent recente ancien ancienne persistant persistante repete
    repetes repetee repetees intense intenses gros grosse petit petite debutant debutante
    profond profonde profonds profondes rapide rapides beaucoup enormement
    tolere toleree toleres tolerees supporte supportee crise crises poussee poussees
    grade grades stade stades score scores
    conscient consciente conscients conscientes stable stables instable instables instabilite instabilites
    """.split())


def seulement_qualificatifs(plies: Iterable[str], neutres: Iterable[str] = ()) -> bool:
    """Whether the folded words say only how, where or how surely the need is (qualifiers, sides:
    `cotes.py`, hedges: `incertitudes.py`, and `neutres` words that say nothing), with at least one
    of those among them."""
    neutre = frozenset(neutres)
    mots = [p for p in plies if p not in neutre and not p.isdigit()]
    return bool(mots) and all(p in QUALIFICATIFS or p in COTES or p in INCERTITUDES for p in mots)
