"""An imaging examination and the part of the body it looks at: "IRM du genou", "radio du thorax",
"radio de la hanche". The body part says where the examination is done, not a second need: the
knee is not knee surgery. Beside a group read as an imaging activity (an activity whose ROR label
starts "Imagerie", TRE_R211 067–070), the group naming the body part right after "de/du/des" only
ranks."""

from __future__ import annotations

import re
from dataclasses import replace

from .analyse import plier
from .groupe import Groupe

IMAGERIE = "imagerie"  # label start of the imaging activities
# What stands between the examination and the body part: "du", "de la", "des", "d'" (without it,
# "IRM AVC" asks for both: a stroke unit with an MRI).
LIAISON_RE = re.compile(r"^\s*(?:du|des|de|d')(?:\s+|(?<=')\s*)(?:(?:la|le|l')\s*)?$")


def examen(g: Groupe) -> bool:
    """Whether a group reads an imaging examination: its best concept is an imaging activity."""
    return not g.souple and bool(g.matches) and g.matches[0].table == "TRE_R211" \
        and plier(g.matches[0].label).startswith(IMAGERIE)


def sites(text: str, groupes: list[Groupe]) -> list[Groupe]:
    """The groups naming the body part an imaging examination looks at, made soft (they rank)."""
    ordre = sorted(groupes, key=lambda g: g.start)
    out = {id(g): g for g in ordre}
    for a, b in zip(ordre, ordre[1:], strict=False):
        if examen(a) and not b.souple and not examen(b) \
                and LIAISON_RE.match(plier(text[a.end:b.start])):
            out[id(b)] = replace(b, souple=True)
    return [out[id(g)] for g in groupes]
