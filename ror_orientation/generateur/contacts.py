"""Generated contacts: who to call in a unit, on which channel, and who may see the number.

Regulated acute units carry a confidential direct line for the SAMU; a share of units lack telecom
details, which the population criteria must catch.
"""

from __future__ import annotations

import random

from ..offre import Canal, Confidentialite, Contact, Telecom

# Telephone prefix by region (INSEE code): metropolitan zones 01-05, overseas 0590/0596/0594/0262/0269.
PREFIX_REGION: dict[str, str] = {
    "11": "01", "24": "02", "28": "02", "52": "02", "53": "02", "27": "03", "32": "03", "44": "03",
    "84": "04", "93": "04", "94": "04", "75": "05", "76": "05",
    "01": "0590", "02": "0596", "03": "0594", "04": "0262", "06": "0269",
}


def numero(region: str | None, rng: random.Random, *, mobile: bool = False) -> str:
    prefix = "06" if mobile else PREFIX_REGION.get(region or "", "09")
    width = 10 - len(prefix)
    return f"{prefix}{rng.randrange(10 ** width):0{width}d}"


def contacts(slug: str, domaine: str, region: str | None, rng: random.Random, *,
             regulation: bool, complete: bool) -> tuple[Contact, ...]:
    """The contacts of one unit; `complete=False` leaves telecom details missing."""
    if not complete:
        if rng.random() < 0.5:
            return (Contact(fonction="Secrétariat", nature="administratif"),)
        return (Contact(fonction="Cadre de santé", nature="soignant",
                        telecoms=(Telecom(Canal.TELEPHONE, "", Confidentialite.PUBLIC),)),)
    out = [Contact(fonction="Secrétariat", nature="administratif",
                   telecoms=(Telecom(Canal.TELEPHONE, numero(region, rng), Confidentialite.PUBLIC),
                             Telecom(Canal.EMAIL, f"{slug}@{domaine}", Confidentialite.PUBLIC)))]
    if rng.random() < 0.6:
        out.append(Contact(fonction="Cadre de santé", nature="soignant",
                           telecoms=(Telecom(Canal.TELEPHONE, numero(region, rng),
                                             Confidentialite.RESTREINT),)))
    if regulation:
        tel: tuple[Telecom, ...] = (Telecom(Canal.TELEPHONE, numero(region, rng), Confidentialite.CONFIDENTIEL),)
        if rng.random() < 0.4:
            tel += (Telecom(Canal.BIP, str(rng.randint(1000, 9999)), Confidentialite.CONFIDENTIEL),)
        out.append(Contact(fonction="Ligne directe régulation", nature="medical", telecoms=tel))
    if rng.random() < 0.3:
        out.append(Contact(fonction="Médecin responsable", nature="medical",
                           telecoms=(Telecom(Canal.MSSANTE, f"{slug}@{domaine.split('.')[0]}"
                                             ".mssante.fr", Confidentialite.RESTREINT),)))
    return tuple(out)
