"""Where an imported establishment is: commune INSEE code, département and region from what the source
gives (INSEE code, or postcode + city name), with Corsica (2A/2B) and the overseas départements right.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..territoire import Territoire, default_territoire, departement_of_insee, fold


@dataclass(frozen=True, slots=True)
class Lieu:
    commune_insee: str | None
    departement: str | None
    region: str | None


def departement_of_postcode(code: str) -> str | None:
    """Département of a postcode when no commune settles it: 97x overseas, 200/201 → 2A, 202-206 → 2B."""
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code[2] in "01" else "2B"
    return code[:2]


def departement_of_finess(finess: str) -> str | None:
    """Département encoded in a FINESS number: 2 characters (01, 2A...), overseas 97 + 4th digit,
    Mayotte 98."""
    if len(finess) != 9:
        return None
    if finess.startswith("97"):
        return "97" + finess[3]
    if finess.startswith("98"):  # Mayotte
        return "976"
    return finess[:2]


def region_of(dep: str | None, territoire: Territoire | None = None) -> str | None:
    if dep is None:
        return None
    return (territoire or default_territoire()).region_of_departement(dep)


def _city(name: str) -> str:
    """Comparable city name, without CEDEX suffix or arrondissement: 'LYON CEDEX 03' → 'lyon'."""
    words = ["ste" if w == "sainte" else w for w in fold(name).split()]
    for i, w in enumerate(words):
        if w.startswith("cede") or w.isdigit():
            words = words[:i]
            break
    return " ".join(words)


def insee_code(code: str) -> str:
    """INSEE commune code with SAE's overseas letters undone: 9A101 → 97101."""
    if len(code) == 5 and code[0] == "9" and code[1] in "ABCDEF":
        return "97" + code[2:]
    return code


def _by_departement(t: Territoire) -> dict[str, dict[str, str]]:
    """Communes' INSEE code by département and folded name (built once per territory)."""
    cached = _INDEX.get(id(t))
    if cached is None:
        cached = {}
        for c in t.communes.values():
            cached.setdefault(c.departement, {}).setdefault(_city(c.nom), c.insee)
        _INDEX[id(t)] = cached
    return cached


_INDEX: dict[int, dict[str, dict[str, str]]] = {}


def locate(*, insee: str | None = None, postcode: str | None = None, city: str | None = None,
           finess: str | None = None, territoire: Territoire | None = None) -> Lieu:
    """Best place for a record: its INSEE code when given, else the commune of postcode + city, else
    the city in the département of the postcode or of the FINESS number (CEDEX postcodes)."""
    t = territoire or default_territoire()
    lieu = _locate(t, insee, postcode, city)
    if lieu.commune_insee is None and city:
        for dep in (lieu.departement, departement_of_finess(finess or "")):
            found = _by_departement(t).get(dep or "", {}).get(_city(city))
            if found:
                return Lieu(found, dep, region_of(dep, t))
        dep = departement_of_finess(finess or "")
        if dep and dep != lieu.departement:
            return Lieu(None, dep, region_of(dep, t))
    return lieu


def _locate(t: Territoire, insee: str | None, postcode: str | None, city: str | None) -> Lieu:
    if insee:
        insee = insee_code(insee)
        dep = departement_of_insee(insee)
        return Lieu(insee, dep, region_of(dep, t))
    if not postcode:
        return Lieu(None, None, None)
    communes = t.by_postcode.get(postcode, [])
    wanted = _city(city or "")
    match = [c for c in communes if _city(c.nom) == wanted]
    if not match and wanted:
        match = [c for c in communes if _city(c.nom).startswith(wanted) or wanted.startswith(_city(c.nom))]
    if len(match) >= 1:
        c = match[0]
        return Lieu(c.insee, c.departement, region_of(c.departement, t))
    deps = {c.departement for c in communes}
    if len(communes) == 1:
        c = communes[0]
        return Lieu(c.insee, c.departement, region_of(c.departement, t))
    guess = deps.pop() if len(deps) == 1 else departement_of_postcode(postcode)
    return Lieu(None, guess, region_of(guess, t))
