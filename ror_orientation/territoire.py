"""French territory reference: regions, départements and communes (offline geocoding).

A regulator or coordinator locates a patient by commune or postcode; the population tables group by
region and département. Everything here comes from the shipped `fixtures/communes/` files.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from .errors import NotFoundError
from .paths import fixtures_dir

# The 18 regions of the programme's tables (INSEE codes), in the programme's order.
REGIONS: dict[str, str] = {
    "01": "Guadeloupe", "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte",
    "11": "Île-de-France", "24": "Centre-Val de Loire", "27": "Bourgogne-Franche-Comté",
    "28": "Normandie", "32": "Hauts-de-France", "44": "Grand Est", "52": "Pays de la Loire",
    "53": "Bretagne", "75": "Nouvelle-Aquitaine", "76": "Occitanie", "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur", "94": "Corse",
}


_SEP = "\x1f"  # joins a column's strings when pickled (see `Territoire.__getstate__`)

# Cities whose INSEE code the postcode base lists only by arrondissement: their centroid stands in.
_ARRONDISSEMENTS = {"75056": ("PARIS", "751", 20), "69123": ("LYON", "6938", 9),
                    "13055": ("MARSEILLE", "132", 16)}


@dataclass(frozen=True, slots=True)
class Commune:
    insee: str
    nom: str
    code_postal: str
    lat: float
    lon: float
    departement: str
    region: str | None
    # The INSEE COG spelling, with accents and hyphens ("Fougères"); La Poste's `nom` is capitals.
    libelle: str = ""
    # Municipal population (INSEE): ranks suggestions so the commune a person means comes first.
    population: int | None = None


def departement_of_insee(insee: str) -> str:
    """Département code of an INSEE commune code (2A/2B Corsica, 97x overseas)."""
    if insee.startswith("97") or insee.startswith("98"):
        return insee[:3]
    return insee[:2]


def fold(text: str) -> str:
    """Lowercase, accents removed, hyphens and apostrophes as spaces: for name matching."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    for ch in "-'’":
        t = t.replace(ch, " ")
    return " ".join(t.replace("saint ", "st ").split())


class Territoire:
    """Communes by INSEE code and postcode, départements → region."""

    def __init__(self, communes: dict[str, Commune], by_postcode: dict[str, list[Commune]],
                 dept_region: dict[str, str], dept_names: dict[str, str]) -> None:
        self.communes = communes
        self.by_postcode = by_postcode
        self.dept_region = dept_region
        self.dept_names = dept_names
        self.codes_cog: frozenset[str] = frozenset(communes)

    def __getstate__(self) -> dict[str, Any]:
        """Columns (joined strings, numpy arrays) rather than ~40k pickled objects: an offer image
        carries the territory so a worker does not parse the CSV files (~1 s), and rebuilding
        the objects from columns costs a tenth of unpickling them one by one."""
        uniques: dict[int, int] = {}
        objets: list[Commune] = []
        for c in [*self.communes.values(), *(c for cs in self.by_postcode.values() for c in cs)]:
            if id(c) not in uniques:
                uniques[id(c)] = len(objets)
                objets.append(c)
        texte = {f: _SEP.join(getattr(c, f) for c in objets)
                 for f in ("insee", "nom", "code_postal", "departement", "libelle")}
        for f, v in texte.items():
            if v.count(_SEP) != max(0, len(objets) - 1):
                raise ValueError(f"territoire: a commune's {f} holds the separator")
        return {
            **texte,
            "region": _SEP.join(c.region or "" for c in objets),
            "sans_region": np.array([c.region is None for c in objets], dtype=bool),
            "lat": np.array([c.lat for c in objets], dtype=np.float64),
            "lon": np.array([c.lon for c in objets], dtype=np.float64),
            "population": np.array([-1 if c.population is None else c.population for c in objets],
                                   dtype=np.int64),
            "communes": _SEP.join(self.communes),
            "communes_rang": np.array([uniques[id(c)] for c in self.communes.values()], dtype=np.int32),
            "postcodes": _SEP.join(self.by_postcode),
            "postcodes_n": np.array([len(cs) for cs in self.by_postcode.values()], dtype=np.int32),
            "postcodes_rang": np.array([uniques[id(c)] for cs in self.by_postcode.values() for c in cs],
                                       dtype=np.int32),
            "dept_region": self.dept_region, "dept_names": self.dept_names,
            "codes_cog": _SEP.join(sorted(self.codes_cog)),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        def col(f: str, shared: dict[str, str] | None = None) -> list[str]:
            v = state[f]
            items: list[str] = v.split(_SEP) if v else []
            if shared is None:
                return items
            return [shared.setdefault(x, x) for x in items]  # one str per distinct value

        short: dict[str, str] = {}  # départements, regions, postcodes: a few thousand values
        regions: list[str | None] = list(col("region", short))
        for i in np.flatnonzero(state["sans_region"]).tolist():
            regions[i] = None
        populations: list[int | None] = list(state["population"].tolist())
        for i in np.flatnonzero(state["population"] < 0).tolist():
            populations[i] = None
        codes: dict[str, str] = {}
        objets = list(map(Commune, col("insee", codes), col("nom"), col("code_postal", short),
                          state["lat"].tolist(), state["lon"].tolist(), col("departement", short),
                          regions, col("libelle"), populations))
        communes = dict(zip(col("communes", codes), map(objets.__getitem__, state["communes_rang"].tolist()),
                            strict=True))
        rangs = iter(state["postcodes_rang"].tolist())
        by_postcode = {code: [objets[next(rangs)] for _ in range(n)]
                       for code, n in zip(col("postcodes", short), state["postcodes_n"].tolist(), strict=True)}
        self.__init__(communes, by_postcode, state["dept_region"], state["dept_names"])  # type: ignore[misc]
        self.codes_cog = frozenset(col("codes_cog", codes))

    @classmethod
    def load(cls, root: Path | None = None) -> Territoire:
        root = root or fixtures_dir()
        dept_region: dict[str, str] = {}
        dept_names: dict[str, str] = {}
        raw = (root / "communes" / "decoupage-administratif-6.0.0_departements.json").read_bytes()
        for d in orjson.loads(raw):  # INSEE COG: 971..976 keep their real codes here
            dept_region[d["code"]] = d["region"]
            dept_names[d["code"]] = d["nom"]
        noms: dict[str, tuple[str, int | None]] = {}
        cog = root / "communes" / "cog_communes_noms_population.csv"
        if cog.exists():
            with cog.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter=";"):
                    pop = row["population"]
                    noms[row["code"]] = (row["nom"], int(pop) if pop else None)
        communes: dict[str, Commune] = {}
        by_postcode: dict[str, list[Commune]] = {}
        with (root / "communes" / "laposte_hexasmal_giloop_2022.csv").open(encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                lat, lon = row.get("latitude", "").strip(), row.get("longitude", "").strip()
                if not lat or not lon:
                    continue
                insee = row["Code_commune_INSEE"].strip()
                dep = departement_of_insee(insee)
                nom = row["Nom_commune"].strip()
                libelle, population = noms.get(insee, (nom, None))
                c = Commune(insee, nom, row["Code_postal"].strip(), float(lat), float(lon), dep,
                            dept_region.get(dep), libelle, population)
                communes.setdefault(insee, c)
                by_postcode.setdefault(c.code_postal, []).append(c)
        for insee, (nom, prefix, count) in _ARRONDISSEMENTS.items():
            codes = [prefix + str(i).zfill(5 - len(prefix)) for i in range(1, count + 1)]
            parts = [communes[c] for c in codes if c in communes]
            if parts and insee not in communes:
                lat = sum(p.lat for p in parts) / len(parts)
                lon = sum(p.lon for p in parts) / len(parts)
                libelle, population = noms.get(insee, (nom.title(), None))
                communes[insee] = Commune(insee, nom, parts[0].code_postal, lat, lon,
                                          parts[0].departement, parts[0].region, libelle,
                                          population)
        territoire = cls(communes, by_postcode, dept_region, dept_names)
        anciennes = root / "communes" / "cog_communes_deleguees_associees.csv"
        connus: set[str] = set(communes) | set(noms)
        if anciennes.exists():
            with anciennes.open(encoding="utf-8") as fh:
                connus.update(row["code"] for row in csv.DictReader(fh, delimiter=";"))
        territoire.codes_cog = frozenset(connus)
        return territoire

    def connait(self, insee: str) -> bool:
        """Whether an INSEE commune code is one of the shipped COG's (current communes and the
        delegated / associated ones merged communes keep, plus La Poste's codes): the national
        table TRE_R13 is published without its codes, so this is the check a source's commune
        code gets."""
        return insee in self.codes_cog or insee in self.communes

    def commune(self, insee: str) -> Commune:
        try:
            return self.communes[insee]
        except KeyError:
            raise NotFoundError(f"commune: unknown INSEE code {insee!r}", field="commune") from None

    def lieu(self, code: str) -> Commune:
        """A commune by INSEE code, or else by postcode: a place typed or kept in a URL may be either."""
        if code in self.communes:
            return self.communes[code]
        if code in self.by_postcode:
            return self.by_postcode[code][0]
        raise NotFoundError(
            f"commune: no commune has the INSEE code or postcode {code!r}", field="commune")

    def postcode(self, code: str) -> Commune:
        """The first commune of a postcode (its centroid stands for the postcode)."""
        found = self.by_postcode.get(code)
        if not found:
            raise NotFoundError(f"code_postal: unknown postcode {code!r}", field="code_postal")
        return found[0]

    def region_of_departement(self, dep: str) -> str | None:
        return self.dept_region.get(dep)

    def search(self, text: str, limit: int = 10) -> list[Commune]:
        """Communes whose name or postcode starts with `text` (autocompletion), largest match first."""
        q = fold(text)
        if not q:
            return []
        if q.isdigit():
            return [c for code in sorted(self.by_postcode) if code.startswith(q)
                    for c in self.by_postcode[code]][:limit]
        return sorted((c for c in self.communes.values() if fold(c.nom).startswith(q)),
                      key=lambda c: suggestion_rank(c, q))[:limit]


def suggestion_rank(c: Commune, q: str) -> tuple[int, int, int, str]:
    """Sort key of a suggested commune for the folded text `q`: the exact name typed, then the
    postcode typed, then the INSEE code typed (35300 is Fougères' postcode and Saint-M'Hervé's
    INSEE code: five digits typed are more often a postcode), then the larger commune (a person
    typing "Fouger" means the town of 20,000, not the village of 800), then the shorter name."""
    if q in (fold(c.nom), fold(c.libelle or c.nom)):
        exact = 0
    elif q == c.code_postal:
        exact = 1
    elif q == c.insee.lower():
        exact = 2
    else:
        exact = 3
    return (exact, -(c.population or 0), len(c.nom), c.insee)


@lru_cache(maxsize=2)
def default_territoire() -> Territoire:
    return Territoire.load()
