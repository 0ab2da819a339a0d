"""French territory reference: regions, départements and communes (offline geocoding).

A regulator or coordinator locates a patient by commune or postcode; the population tables group by
region and département. Everything here comes from the shipped `fixtures/communes/` files.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from collections.abc import Set as AbstractSet
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

    communes: Mapping[str, Commune]
    by_postcode: Mapping[str, list[Commune]]
    codes_cog: AbstractSet[str]

    def __init__(self, communes: dict[str, Commune], by_postcode: dict[str, list[Commune]],
                 dept_region: dict[str, str], dept_names: dict[str, str]) -> None:
        self.communes = communes
        self.by_postcode = by_postcode
        self.dept_region = dept_region
        self.dept_names = dept_names
        self.codes_cog = frozenset(communes)

    def positions(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Every commune's latitude, longitude and département, in the communes' order (what
        finding the land of a bare point reads, `engine.lieu.Terres`)."""
        if isinstance(self.communes, _Communes):  # read back from an image: its columns
            return self.communes.positions()
        communes = list(self.communes.values())
        return (np.array([c.lat for c in communes], dtype=np.float64),
                np.array([c.lon for c in communes], dtype=np.float64),
                [c.departement for c in communes])

    def __getstate__(self) -> dict[str, Any]:
        """Columns (numpy arrays, pickled out of band) rather than ~40k objects: an offer image
        carries the territory so a worker neither parses the CSV files (~1 s) nor holds the
        communes as objects (17 MiB of each worker's private memory when they were rebuilt from
        the image): read back, it answers from the columns over the image's mapping, making a
        commune when one is asked for (`Territoire.__setstate__`)."""
        rangs: dict[Commune, int] = {}  # equal communes are one row
        for c in [*self.communes.values(), *(c for cs in self.by_postcode.values() for c in cs)]:
            rangs.setdefault(c, len(rangs))
        objets = list(rangs)
        departements, dep_codes = _table([c.departement for c in objets])
        regions, reg_codes = _table([c.region for c in objets])
        postcodes = list(self.by_postcode.items())
        return {
            "insee": _textes([c.insee for c in objets]),
            "nom": _textes([c.nom for c in objets]),
            "code_postal": _textes([c.code_postal for c in objets]),
            "libelle": _textes([c.libelle for c in objets]),
            "departements": departements, "departement": dep_codes,
            "regions": regions, "region": reg_codes,
            "lat": np.array([c.lat for c in objets], dtype=np.float64),
            "lon": np.array([c.lon for c in objets], dtype=np.float64),
            "population": np.array([-1 if c.population is None else c.population for c in objets],
                                   dtype=np.int64),
            "communes": _Cles.colonnes(list(self.communes)),
            "communes_rang": np.array([rangs[c] for c in self.communes.values()], dtype=np.int32),
            "postcodes": _Cles.colonnes([code for code, _ in postcodes]),
            "postcodes_n": np.array([len(cs) for _, cs in postcodes], dtype=np.int32),
            "postcodes_rang": np.array([rangs[c] for _, cs in postcodes for c in cs],
                                       dtype=np.int32),
            "dept_region": self.dept_region, "dept_names": self.dept_names,
            "codes_cog": _Cles.colonnes(sorted(self.codes_cog)),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        lignes = _Lignes(state)
        self.communes = _Communes(lignes, _Cles(*state["communes"]), state["communes_rang"])
        self.by_postcode = _ParCodePostal(lignes, _Cles(*state["postcodes"]),
                                          state["postcodes_n"], state["postcodes_rang"])
        self.dept_region = state["dept_region"]
        self.dept_names = state["dept_names"]
        self.codes_cog = _Codes(_Cles(*state["codes_cog"]))

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


# -- the territory read back from an offer image: columns, communes made when asked -------------


def _textes(values: list[str]) -> np.ndarray:
    """Strings as one fixed-width UTF-8 column (numpy 'S': a row is decoded when read)."""
    return np.array([v.encode() for v in values], dtype=bytes)


def _table(values: list[str | None]) -> tuple[list[str | None], np.ndarray]:
    """A column of a few distinct values (départements, regions) as its distinct values and each
    row's rank among them: a commune made from it shares their strings."""
    distinct: dict[str | None, int] = {}
    codes = np.array([distinct.setdefault(v, len(distinct)) for v in values], dtype=np.int16)
    return list(distinct), codes


class _Lignes:
    """The communes' columns; `commune(i)` makes the i-th."""

    __slots__ = ("insee", "nom", "code_postal", "libelle", "departements", "departement",
                 "regions", "region", "lat", "lon", "population")
    insee: np.ndarray
    nom: np.ndarray
    code_postal: np.ndarray
    libelle: np.ndarray
    departements: list[str]
    departement: np.ndarray
    regions: list[str | None]
    region: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray

    def __init__(self, state: dict[str, Any]) -> None:
        for f in self.__slots__:
            setattr(self, f, state[f])

    def commune(self, i: int) -> Commune:
        population = self.population.item(i)
        return Commune(self.insee.item(i).decode(), self.nom.item(i).decode(),
                       self.code_postal.item(i).decode(), self.lat.item(i), self.lon.item(i),
                       self.departements[self.departement.item(i)],
                       self.regions[self.region.item(i)], self.libelle.item(i).decode(),
                       None if population < 0 else population)

    def communes(self, rows: np.ndarray) -> list[Commune]:
        """The communes of `rows`, made column by column (walking every commune, ~40k, one
        `commune` call each cost ten times more)."""
        if len(rows) < 32:  # a postcode's few communes: fancy indexing costs more
            return [self.commune(i) for i in rows.tolist()]

        def texte(col: np.ndarray) -> list[str]:
            return [b.decode() for b in col[rows].tolist()]

        deps, regs = self.departements, self.regions
        populations = [None if p < 0 else p for p in self.population[rows].tolist()]
        return list(map(Commune, texte(self.insee), texte(self.nom), texte(self.code_postal),
                        self.lat[rows].tolist(), self.lon[rows].tolist(),
                        [deps[d] for d in self.departement[rows].tolist()],
                        [regs[r] for r in self.region[rows].tolist()], texte(self.libelle),
                        populations))


class _Cles:
    """String keys as a sorted column (a lookup is one binary search) and their original order
    (what iterating gives, as the dict they were)."""

    __slots__ = ("triees", "ordre")

    def __init__(self, triees: np.ndarray, ordre: np.ndarray) -> None:
        self.triees = triees
        self.ordre = ordre  # ordre[k]: the sorted position of the k-th key

    @staticmethod
    def colonnes(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        col = _textes(keys)
        tri = np.argsort(col, kind="stable")
        ordre = np.empty(len(keys), dtype=np.int32)
        ordre[tri] = np.arange(len(keys), dtype=np.int32)
        return col[tri], ordre

    def position(self, key: object) -> int:
        """The sorted position of `key`, -1 when absent."""
        if not isinstance(key, str):
            return -1
        b = key.encode()
        i = int(self.triees.searchsorted(b))
        return i if i < len(self.triees) and self.triees.item(i) == b else -1

    def __len__(self) -> int:
        return len(self.triees)

    def __iter__(self) -> Iterator[str]:
        return (b.decode() for b in self.triees[self.ordre].tolist())


class _SurCles:
    """Membership, order and size of a mapping or set keyed by sorted codes (`_Cles`)."""

    _cles: _Cles

    def __contains__(self, key: object) -> bool:
        return self._cles.position(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._cles)

    def __len__(self) -> int:
        return len(self._cles)


class _Communes(_SurCles, Mapping[str, Commune]):
    """INSEE code → commune, over the columns."""

    def __init__(self, lignes: _Lignes, cles: _Cles, rangs: np.ndarray) -> None:
        self._lignes, self._cles = lignes, cles
        self._rangs = np.empty_like(rangs)  # the row of each sorted key
        self._rangs[cles.ordre] = rangs

    def __getitem__(self, key: str) -> Commune:
        i = self._cles.position(key)
        if i < 0:
            raise KeyError(key)
        return self._lignes.commune(int(self._rangs[i]))

    def _toutes(self) -> list[Commune]:
        return self._lignes.communes(self._rangs[self._cles.ordre])

    def positions(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """`Territoire.positions` read from the columns, no commune made (making all ~40k of
        them took ~0.1 s of each worker's start)."""
        rows = self._rangs[self._cles.ordre]
        lignes = self._lignes
        deps = lignes.departements
        return (lignes.lat[rows], lignes.lon[rows],
                [deps[d] for d in lignes.departement[rows].tolist()])

    def values(self) -> ValuesView[Commune]:
        return _Valeurs(self)

    def items(self) -> ItemsView[str, Commune]:
        return _Paires(self)


class _Valeurs(ValuesView[Commune]):
    _mapping: _Communes

    def __iter__(self) -> Iterator[Commune]:
        return iter(self._mapping._toutes())


class _Paires(ItemsView[str, Commune]):
    _mapping: _Communes

    def __iter__(self) -> Iterator[tuple[str, Commune]]:
        return zip(self._mapping, self._mapping._toutes(), strict=True)


class _ParCodePostal(_SurCles, Mapping[str, list[Commune]]):
    """Postcode → its communes in their order (the first stands for the postcode), over the
    columns."""

    def __init__(self, lignes: _Lignes, cles: _Cles, n: np.ndarray, rangs: np.ndarray) -> None:
        self._lignes, self._cles = lignes, cles
        debuts = np.concatenate(([0], np.cumsum(n)))  # each key's rows, in the original order
        tri = np.argsort(cles.ordre, kind="stable")  # original index of each sorted key
        self._debut, self._fin = debuts[tri], debuts[tri + 1]
        self._rangs = rangs

    def __getitem__(self, key: str) -> list[Commune]:
        i = self._cles.position(key)
        if i < 0:
            raise KeyError(key)
        return self._lignes.communes(self._rangs[self._debut[i]:self._fin[i]])


class _Codes(_SurCles, AbstractSet[str]):
    """A set of codes over a sorted column."""

    def __init__(self, cles: _Cles) -> None:
        self._cles = cles


@lru_cache(maxsize=2)
def default_territoire() -> Territoire:
    return Territoire.load()
