"""The real ground: the sanitary establishments of the Eurostat and SAE files, and FINESS-like ids.

The hospitals are read once per process through the project's importers (Eurostat coordinates merged
with the SAE identities and beds); the generator never changes them, only selects by region and adds
units on top. Generated establishments get FINESS-like numbers in a range checked against the real
ones, with the FINESS check digit.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..offre import Coordonnees, EntiteGeographique, EntiteJuridique, Offre
from ..paths import fixtures_dir
from ..territoire import default_territoire

DROM_REGION = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}


@lru_cache(maxsize=1)
def _real_establishments() -> Offre:
    from ..importers.eurostat import read_eurostat
    from ..importers.sae import read_sae

    folder = fixtures_dir() / "etablissements"
    eurostat = read_eurostat(folder / "eurostat_healthcare_FR_2020.csv")
    sae = read_sae(folder, base=eurostat.offre, commune_centroid=True)
    offre = Offre()
    offre.merge(eurostat.offre)
    offre.merge(sae.offre)
    return offre


def real_establishments() -> Offre:
    """The real hospitals (a fresh container each call; the entities themselves are immutable)."""
    cached = _real_establishments()
    offre = Offre()
    offre.merge(cached)
    return offre


def region_of(eg: EntiteGeographique) -> str | None:
    if eg.region:
        return eg.region
    dep = eg.departement
    if dep in DROM_REGION:
        return DROM_REGION[dep]
    return default_territoire().region_of_departement(dep) if dep else None


def located(eg: EntiteGeographique) -> EntiteGeographique | None:
    """The EG with coordinates (its commune's centroid if the source gave none), or None."""
    if eg.coordonnees is not None:
        return eg
    communes = default_territoire().communes
    c = communes.get(eg.adresse.commune_insee or "")
    if c is None:
        return None
    return replace(eg, coordonnees=Coordonnees(c.lat, c.lon))


def select(real: Offre, regions: tuple[str, ...] | None) -> tuple[list[EntiteGeographique],
                                                                  dict[str, EntiteJuridique], int]:
    """The real EGs of `regions` (all when None) that can be placed, their EJs, and how many were
    left out for want of a location."""
    chosen: list[EntiteGeographique] = []
    dropped = 0
    for eg_id in sorted(real.eg):
        eg = real.eg[eg_id]
        if regions is not None and region_of(eg) not in regions:
            continue
        placed = located(eg)
        if placed is None:
            dropped += 1
            continue
        chosen.append(placed)
    ejs = {eg.ej_id: real.ej[eg.ej_id] for eg in chosen if eg.ej_id and eg.ej_id in real.ej}
    return chosen, ejs, dropped


def main_sites(egs: list[EntiteGeographique], min_beds: int = 300) -> set[str]:
    """The main site of each CHR/CHU (category 101): its EJ's site with the most MCO beds."""
    best: dict[str, tuple[int, str]] = {}
    for eg in egs:
        if eg.categorie != "101":
            continue
        beds = eg.sae.get("LIT_MCO", 0)
        key = eg.ej_id or eg.id
        if beds >= min_beds and (key not in best or (beds, eg.id) > best[key]):
            best[key] = (beds, eg.id)
    return {eg_id for _b, eg_id in best.values()}


def recours_regionaux(egs: list[EntiteGeographique], mains: set[str]) -> set[str]:
    """The regional referral site of each region: its CHU/CHR main site with the most MCO beds,
    where a region's rare units are (a burn centre serves a whole region in real France)."""
    best: dict[str, tuple[int, str]] = {}
    for eg in egs:
        if eg.id in mains and eg.region is not None:
            beds = eg.sae.get("LIT_MCO", 0)
            if eg.region not in best or (beds, eg.id) > best[eg.region]:
                best[eg.region] = (beds, eg.id)
    return {eg_id for _b, eg_id in best.values()}


def luhn_digit(body: str) -> str:
    """The check digit FINESS numbers end with (Luhn over the 8 leading characters; 2A/2B → 0/1)."""
    digits = [int(ch) if ch.isdigit() else "AB".index(ch) for ch in body]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def finess_prefix(departement: str) -> str:
    """The leading characters of a FINESS number in a département (97x → 970x, Mayotte → 985)."""
    if departement == "976":
        return "985"
    if departement.startswith("97"):
        return "970" + departement[2]
    return departement


class Numeroteur:
    """FINESS-like numbers for generated EGs ("8" after the département) and EJs ("7"), unique and
    distinct from every real number known."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)
        self.next_seq: dict[str, int] = {}

    def nouveau(self, departement: str, kind: str) -> str:
        prefix = finess_prefix(departement) + ("8" if kind == "eg" else "7")
        width = 8 - len(prefix)
        while True:
            seq = self.next_seq.get(prefix, 0)
            self.next_seq[prefix] = seq + 1
            if seq >= 10 ** width:
                raise OverflowError(f"no FINESS-like number left for département {departement}")
            body = prefix + f"{seq:0{width}d}"
            number = body + luhn_digit(body)
            if number not in self.taken:
                self.taken.add(number)
                return number
