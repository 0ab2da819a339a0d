"""What a caller asks the engine (`Requete`) and what it answers (`Resultat`, `Reponse`).

The shared contract between the engine, the HTTP API, the CLI and the pages. Domain types only:
the API has its own pydantic wire models that convert to and from these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, make_dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import ParamSpec, Protocol, TypeVar, cast

MAJORITE = 18  # a patient younger is a child: a diagnosis is also met by paediatric services


def enfant_de(age: int | None) -> bool | None:
    """What a query's age says of the patient: a child (True), an adult (False), nothing (None:
    the text may say it)."""
    return None if age is None else age < MAJORITE


class Profil(StrEnum):
    """Search profiles with their own defaults and weights."""

    SAMU = "samu"  # now, nearest, open, beds weigh heavily
    AVAL = "aval"  # patientèle and aptitudes first, distance to the patient's home, places
    MOBILE = "mobile"  # the app's: what the text asks (acute as a regulator, downstream as a
    # coordinator), near the phone, open units first but closed ones shown, small pages


class Sexe(StrEnum):
    FEMME = "F"
    HOMME = "H"


@dataclass(frozen=True, slots=True)
class Lieu:
    """Where the patient is: a point, an INSEE commune code or a postcode (resolved offline)."""

    lat: float | None = None
    lon: float | None = None
    commune: str | None = None
    code_postal: str | None = None


@dataclass(frozen=True, slots=True)
class Requete:
    texte: str | None = None  # free text: "AVC", "coronarographie", a unit or establishment name
    profil: Profil = Profil.SAMU
    # hard filters
    aptitudes: tuple[str, ...] = ()  # required, all: "R210:<code>" or "R243:<code>"
    aptitudes_souhaitees: tuple[str, ...] = ()  # desired, scored not filtered
    activites: tuple[str, ...] = ()  # TRE_R211, any of
    champs: tuple[str, ...] = ()  # TRE_R227, any of
    modes: tuple[str, ...] = ()  # TRE_R213, any of
    categories_organisation: tuple[str, ...] = ()  # type d'offre (TRE_R244), any of
    publics: tuple[str, ...] = ()  # TRE_R239, any of
    specialisations: tuple[str, ...] = ()  # TRE_R245 (autisme, Alzheimer...), any of
    temporalites_accueil: tuple[str, ...] = ()  # TRE_R240 (temporaire, permanent), any of
    equipements: tuple[str, ...] = ()  # TRE_R212, all
    poids_min_kg: float | None = None  # equipment rated for at least this weight (TRE_R340 001)
    age: int | None = None  # patient age in years: inside [age_min, age_max]
    sexe: Sexe | None = None  # against bed gender where the unit declares it
    ouvert_a: datetime | None = None  # must be open at this instant (None + profile default)
    ouvert_maintenant: bool | None = None  # None: the profile decides (samu: yes, aval, mobile: no)
    lits_min: int = 0  # minimum available capacity
    nature_lits: str | None = None  # TRE_R329; None: the profile's default (lit for samu)
    statut_lits: str = "02"  # TRE_R330 disponible
    temporalite_lits: str = "01"  # TRE_R331 courant (05 = +7 days for aval places)
    age_max_lits: timedelta | None = None  # ignore bed figures older than this
    lits_supplementaires: bool = False  # also count extra beds mobilised outside a declared crisis
    en_crise: bool | None = None  # only units of sites in an active crisis (True) or not (False)
    national: bool = False  # no default radius: search the whole country, across the sea too
    lieu: Lieu | None = None
    rayon_km: float | None = None
    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    eg_ids: tuple[str, ...] = ()
    # behaviour
    elargir: bool = True  # widen radius then relax desired criteria when nothing matches
    limite: int | None = None  # results per page; None: the profile's (20, mobile 10)
    curseur: str | None = None
    budget_ms: float = 200.0
    voir_sensibles: bool = False  # caller's right to see sensitive (and unpublished) units
    eg_visibles: tuple[str, ...] = ()  # EGs whose hidden units the caller sees (an editor's own)
    voir_lits: bool = True  # free-bed figures may select and score (False for public readers)
    expliquer: bool = True


@dataclass(frozen=True, slots=True)
class Explication:
    criteres: tuple[str, ...]  # criteria matched, human readable
    aptitudes_trouvees: tuple[str, ...]
    aptitudes_manquantes: tuple[str, ...]  # desired but absent
    distance_km: float | None
    lits_disponibles: int | None
    lits_maj: datetime | None
    lits_age_min: float | None  # age of the figure in minutes
    lits_perimes: bool  # stale figure
    ouvert: bool | None
    ouverture_prochaine: datetime | None
    score: float
    detail_score: dict[str, float]  # component -> weighted contribution
    crise: str | None = None  # TRE_R336 crisis declared on the unit's beds (plan blanc: "02")


@dataclass(frozen=True, slots=True)
class Resultat:
    uo_id: str
    eg_id: str
    nom: str
    eg_nom: str
    score: float
    distance_km: float | None
    explication: Explication | None = None
    ouvert: bool | None = None  # open at the query's instant (None: not computed by this profile)


P = ParamSpec("P")
T = TypeVar("T")


def plain_init(cls: Callable[P, T]) -> Callable[P, T]:
    """`cls` (a frozen dataclass with slots) built at a plain class's cost: a frozen __init__
    sets each field through `object.__setattr__` (~1.3 µs for an `Explication`'s 13 fields, ~0.3
    for a plain class), and a search builds one `Explication` and one `Resultat` per result shown.
    A twin dataclass with the same slots in the same order, not frozen, is built, then made an
    instance of `cls` (a `__class__` assignment, allowed between identical slot layouts): the
    object is then exactly what `cls(...)` builds — frozen, equal, hashed and printed alike."""
    dc = cast(type, cls)
    if any(f.default_factory is not MISSING for f in fields(dc)):
        raise TypeError(f"{dc.__name__}: a field with a default factory is not copied to the twin")
    specs = [(f.name, f.type, field(default=f.default)) if f.default is not MISSING
             else (f.name, f.type) for f in fields(dc)]
    twin = make_dataclass(f"_{dc.__name__}", specs, slots=True, eq=False, repr=False)
    if getattr(twin, "__slots__", None) != getattr(dc, "__slots__", ()) or dc.__bases__ != (object,):
        raise TypeError(f"{dc.__name__}: not a plain frozen dataclass with slots")

    def build(*args: P.args, **kwargs: P.kwargs) -> T:
        obj: T = twin(*args, **kwargs)
        obj.__class__ = dc
        return obj

    return build


# What the engine builds the results of a page with (the same objects as the classes' own)
make_explication = plain_init(Explication)
make_resultat = plain_init(Resultat)


@dataclass(frozen=True, slots=True)
class Relachement:
    """One step of the fallback, said explicitly: what was widened or dropped."""

    critere: str
    avant: str
    apres: str


class Lignes(Protocol):
    """A page of results as its maker holds it (the engine: `engine.page.Page`, one list per
    figure); its `Resultat`s are built when first read."""

    def __len__(self) -> int: ...

    def resultats(self) -> tuple[Resultat, ...]: ...


@dataclass(frozen=True, slots=True)
class Reponse:
    page: Lignes  # the results shown, as the engine gathered them (`resultats`: as objects)
    total: int  # matches before pagination
    curseur_suivant: str | None
    relachements: tuple[Relachement, ...] = ()
    tronque: bool = False  # the time budget ran out: the answer may be incomplete
    etapes: dict[str, int] = field(default_factory=dict)  # candidates left after each stage
    duree_ms: float = 0.0
    concepts: tuple[str, ...] = ()  # what the free text was understood as
    non_compris: tuple[str, ...] = ()  # words of the text nothing explained (said, never dropped)
    vouliez_vous_dire: tuple[str, ...] = ()  # closest concepts, "Appendicectomie (acte)"

    @property
    def resultats(self) -> tuple[Resultat, ...]:
        """The page's results (built on first read: a caller encoding the page's lists from
        `page` builds none)."""
        return self.page.resultats()
