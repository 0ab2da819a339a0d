"""A pregnancy the woman wants to end: "elle est enceinte et ne veut pas le garder", "enceinte de
six semaines, elle veut avorter", "enceinte, IVG". The wish is an induced abortion (IVG:
orthogénie, the IVG acts, the sexual health centres); the pregnancy word beside it only says why,
where read alone it asks for obstetrics and outvoted the abortion ("enceinte IVG" read a maternity).
A refusal to keep or carry on the pregnancy is read as "IVG"; the pregnancy words are then context."""

from __future__ import annotations

import re
from collections.abc import Callable

from .analyse import Mot, plier, plier_en_place

IVG = "IVG"
GROSSESSE = frozenset(("enceinte", "enceintes", "grossesse", "grossesses"))
# "ne veut pas le garder", "ne souhaite pas poursuivre (la grossesse)" (folded text)
REFUS_RE = re.compile(r"\bne\s+(?:veut|veux|voulons|voulez|veulent|souhaite|souhaites|souhaitons|souhaitez"
                      r"|souhaitent|peut|peux|peuvent|pense|pensent)\s+pas\s+(?:le\s+|la\s+|l\s*['’]?\s*)?"
                      r"(garder|continuer|poursuivre|mener)\b")
# the abortion named ("avorter", "avortement", "IVG", "interrompre")
AVORTER_RE = re.compile(r"\b(?:avorter|avortement|ivg|interrompre|interruption)\b")


def interruptions(text: str, mots: list[Mot], terme: Callable[[str], str | None]
                  ) -> tuple[list[Mot], list[Mot]]:
    """`mots` with a refusal to keep a pregnancy read as "IVG", and the pregnancy words set aside
    (returned second) where the text asks to end it."""
    plie = plier_en_place(text)
    if not any(m.plie in GROSSESSE for m in mots):
        return mots, []
    refus = {found.start(1) for found in REFUS_RE.finditer(plie)}
    stem = terme(IVG)
    if not (refus and stem) and not AVORTER_RE.search(plie):
        return mots, []
    lus = [m.lu(plier(IVG), stem) if stem and m.start in refus else m
           for m in mots if m.plie not in GROSSESSE]
    return lus, [m for m in mots if m.plie in GROSSESSE]
