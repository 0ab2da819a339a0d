"""Generated FINESS authorisations of an establishment, consistent with the units it was given.

Each kind of unit names the authorisation it needs (catalogue `autorisation`); authorisations run
seven years and are renewed; some establishments keep one that lapsed before 2021-05-01, which the
population perimeter must ignore.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date

from ..offre import Autorisation
from .catalogue import A_PSY, BY_KEY, PSY

DUREE_ANS = 7
LAPSED = (("03", "16", "01"), ("02", "06", "01"), ("07", "00", "01"), ("01", "00", "02"))


def _plus_ans(d: date, years: int) -> date:
    return d.replace(year=d.year + years)


def autorisations(keys: Iterable[str], rng: random.Random, today: date) -> tuple[Autorisation, ...]:
    # a psychiatric sector's ambulatory units (CMP, CATTG, mobile teams) live under its authorisation
    wanted = {BY_KEY[k].autorisation or (A_PSY if BY_KEY[k].champ == PSY else None) for k in keys}
    triples = sorted(t for t in wanted if t is not None)
    out = []
    for activite, modalite, forme in triples:
        debut = date(rng.randint(2012, 2024), rng.randint(1, 12), 1)
        fin = _plus_ans(debut, DUREE_ANS)
        while fin < today:  # renewed
            debut, fin = fin, _plus_ans(fin, DUREE_ANS)
        out.append(Autorisation(activite, modalite, forme, date_fin=fin, date_debut=debut))
    if rng.random() < 0.08:  # an activity given up years ago (closed maternity, surgery...)
        activite, modalite, forme = rng.choice(LAPSED)
        if (activite, modalite, forme) not in triples:
            fin = date(rng.randint(2015, 2021), rng.randint(1, 4), rng.randint(1, 28))
            out.append(Autorisation(activite, modalite, forme, date_fin=fin,
                                    date_debut=_plus_ans(fin, -DUREE_ANS)))
    return tuple(out)
