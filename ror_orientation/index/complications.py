"""Complications that change the speciality: a perforated, obstructed or strangled organ, an
obstacle "sur calcul" / "sur tumeur", is a surgeon's need, not the physician's of that organ
("ulcère gastrique perforé" → visceral surgery, "pyélonéphrite obstructive" → urology,
"hypertension intracrânienne sur tumeur" → neurosurgery).

The vocabulary reads the organ's disease (gastro-enterology, nephrology, neurology); a complication
word beside it adds the surgical activity of that organ, ranked first. Folded forms; the map
from a medical activity to its surgical ones (R211) is checked against the nomenclature by a test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

COMPLICATIONS: frozenset[str] = frozenset("""
    perfore perforee perfores perforees perforation perforations obstructif obstructive obstructifs
    obstructives obstruction obstrue obstruee obstrues obstruees bouchee bouchees etrangle etranglee
    etrangles etranglees etranglement
    """.split())
# "bouchée" is also a mouthful ("fausse route sur une bouchée"): after a determiner, a noun.
NOMS = frozenset(("bouchee", "bouchees"))
BOUCHEE_NOM_RE = re.compile(r"\b(?:une|la|les|des|de|d'|cette|sa|ma|grosse|petite)\s*bouchees?\b")
# "X sur calcul", "X sur tumeur": an obstacle causes the disease (folded).
OBSTACLE_RE = re.compile(r"\bsur (?:un |une |le |la )?(?:calcul|calculs|lithiase|tumeur|tumeurs|cancer|obstacle)\b")
# Medical activity of an organ → its surgical activities, most fitting first (R211).
CHIRURGIE: dict[str, tuple[str, ...]] = {
    "R211:046": ("R211:033", "R211:264"),  # gastro-entérologie → chirurgie viscérale
    "R211:062": ("R211:033", "R211:264"),  # hépatologie → chirurgie viscérale
    "R211:095": ("R211:031", "R211:266"),  # néphrologie → urologie
    "R211:097": ("R211:096", "R211:267"),  # neurologie → neurochirurgie
    "R211:114": ("R211:030",),  # pneumologie → chirurgie thoracique
    "R211:053": ("R211:022", "R211:259"),  # gynécologie médicale → chirurgie gynécologique
}
CHIRURGIE_PART = 0.8  # the organ's medical activity, relative to its surgical ones once complicated


def complique(plies: Sequence[str], texte_plie: str) -> bool:
    """The text says a complication that makes the need surgical."""
    nom = BOUCHEE_NOM_RE.search(texte_plie) is not None
    return any(p in COMPLICATIONS and not (nom and p in NOMS) for p in plies) \
        or OBSTACLE_RE.search(texte_plie) is not None
