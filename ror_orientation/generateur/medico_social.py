"""Generated medico-social establishments (EHPAD, MAS, EAM, IME, SSIAD...) on real communes.

No population figure is shipped, so a département's share of establishments is a proxy: half its
share of the real hospitals (which follow population), half its share of communes (which follow
territory, as nursing homes do); within a département, a commune weighs 1 plus 8 per real hospital it
hosts, so towns get more establishments than hamlets but every commune can get one. Categories are
real FINESS codes (JDV_J55, CNSA correspondence) in national proportions.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..offre import Adresse, Coordonnees, EntiteGeographique, EntiteJuridique
from ..territoire import Commune, default_territoire
from .etablissements import DROM_REGION, Numeroteur
from .plan import Prevu


def _wings(key: str, total: int, size: int, label: str = "unité de vie") -> list[Prevu]:
    """Residents live in units of about `size` (unités de vie, ateliers, secteurs)."""
    n = max(1, math.ceil(total / size))
    base, extra = divmod(total, n)
    return [Prevu(key, base + (1 if i < extra else 0), f" - {label} {i + 1}" if n > 1 else "")
            for i in range(n)]


# The national scale's finer grain (`fine`), as the ROR describes large sites: an EHPAD declares
# each of its offers (temporary stays, day and night care, PASA, UHR, protected units by living unit),
# a home-care service each antenna of about FINE_ANTENNE people, a disability site each modality.
FINE_ANTENNE = 10
FINE_EXTRA = 3.0  # optional offers are declared this many times more often (at most 0.9)
FINE_EHPAD = (("ehpad_ht", 0.9), ("ehpad_htsh", 0.5), ("ehpad_pasa", 0.6), ("ehpad_aj", 0.7),
              ("ehpad_uhr", 0.06), ("ehpad_nuit", 0.06), ("ehpad_phv", 0.1), ("repit", 0.25))
PlanMS = Callable[[random.Random, bool], list[Prevu]]


def _ehpad(rng: random.Random, fine: bool = False) -> list[Prevu]:
    out = _wings("ehpad_hp", rng.randint(40, 120), 12)
    if fine:
        if rng.random() < 0.85:
            out += _wings("ehpad_uvp", rng.randint(12, 30), 12)
        out += [Prevu(key) for key, p in FINE_EHPAD if rng.random() < p]
        return out
    for key, p in (("ehpad_ht", 0.6), ("ehpad_uvp", 0.55), ("ehpad_pasa", 0.3), ("ehpad_aj", 0.35),
                   ("ehpad_uhr", 0.04), ("ehpad_nuit", 0.03), ("ehpad_phv", 0.08), ("repit", 0.1)):
        if rng.random() < p:
            out.append(Prevu(key))
    return out


def _extra(rng: random.Random, extra: tuple[tuple[str, float], ...], fine: bool) -> list[Prevu]:
    """Optional offers; declared FINE_EXTRA times more often at the fine grain."""
    return [Prevu(k) for k, p in extra if rng.random() < (min(0.9, p * FINE_EXTRA) if fine else p)]


def _simple(*keys: str, extra: tuple[tuple[str, float], ...] = (),
            antennes: tuple[int, int] | None = None,
            fine_extra: tuple[tuple[str, float], ...] = ()) -> PlanMS:
    """Fixed offers; at the fine grain, a home-care service (`antennes`) declares 1-n antennas and
    the site its `fine_extra` offers."""
    def plan(rng: random.Random, fine: bool = False) -> list[Prevu]:
        n = rng.randint(*antennes) if fine and antennes else 1
        out = [Prevu(k, suffixe=f" - antenne {i + 1}" if n > 1 else "") for i in range(n)
               for k in keys]
        return out + _extra(rng, extra + (fine_extra if fine else ()), fine)
    return plan


def _winged(key: str, lo: int, hi: int, extra: tuple[tuple[str, float], ...] = (), *,
            size: int = 12, label: str = "unité de vie", antenne: bool = False) -> PlanMS:
    """Units of about `size`; home-care antennas (`antenne`) of FINE_ANTENNE at the fine grain."""
    def plan(rng: random.Random, fine: bool = False) -> list[Prevu]:
        per = min(size, FINE_ANTENNE) if fine and antenne else size
        return _wings(key, rng.randint(lo, hi), per, label) + _extra(rng, extra, fine)
    return plan


@dataclass(frozen=True, slots=True)
class CategorieMS:
    code: str  # FINESS category (JDV_J55)
    sigle: str  # how its establishments are named
    nombre: int  # about how many exist nationally (relative weight)
    plan: PlanMS


CATEGORIES: tuple[CategorieMS, ...] = (
    CategorieMS("500", "EHPAD", 7400, _ehpad),
    CategorieMS("202", "Résidence autonomie", 2200, _simple("residence_autonomie",
                                                            fine_extra=(("residence_ht", 0.25),))),
    CategorieMS("207", "Accueil de jour", 150, _simple("accueil_jour_autonome")),
    CategorieMS("354", "SSIAD", 2100, _winged("ssiad", 20, 100, (("ssiad_esa", 0.25),
                                                                 ("ssiad_renforce", 0.15)),
                                                      size=20, label="secteur", antenne=True)),
    CategorieMS("209", "Service autonomie aide et soins", 400, _simple("ssiad", "saad",
                                                                      antennes=(1, 4))),
    CategorieMS("460", "Service autonomie aide", 600, _simple("saad", antennes=(1, 4))),
    CategorieMS("255", "MAS", 700, _winged("mas", 30, 70, (("mas_aj", 0.4),
                                                                ("ph_temporaire", 0.4)))),
    CategorieMS("448", "EAM", 1000, _winged("eam", 20, 60, (("ph_temporaire", 0.4),
                                                          ("eam_aj", 0.4)))),
    CategorieMS("445", "SAMSAH", 450, _winged("samsah", 15, 60, size=20, label="antenne",
                                                        antenne=True)),
    CategorieMS("446", "SAVS", 1200, _winged("savs", 20, 90, size=30, label="antenne",
                                                     antenne=True)),
    CategorieMS("449", "Foyer de vie", 1900, _winged("foyer_vie", 15, 60, (("ph_temporaire", 0.3),
                                                                     ("foyer_aj", 0.4)))),
    CategorieMS("246", "ESAT", 1400, _winged("esat", 30, 120, (("esat_foyer", 0.3),), size=15,
                                             label="atelier")),
    CategorieMS("183", "IME", 1200, _winged("ime_semi", 20, 70, (("ime_internat", 0.5),
                                                                 ("ime_ue", 0.4), ("sessad", 0.3)),
                                            size=12, label="groupe")),
    CategorieMS("186", "ITEP", 450, _winged("itep", 15, 50, size=12, label="groupe")),
    CategorieMS("182", "SESSAD", 1700, _winged("sessad", 15, 70, size=25, label="antenne",
                                                        antenne=True)),
    CategorieMS("190", "CAMSP", 350, _simple("camsp")),
    CategorieMS("188", "EEAP", 200, _winged("eeap", 15, 50, (("eeap_semi", 0.5),), size=10,
                                            label="groupe")),
    CategorieMS("189", "CMPP", 300, _simple("cmpp")),
    CategorieMS("192", "IEM", 130, _winged("iem_semi", 15, 60, (("iem", 0.5),), size=12,
                                           label="groupe")),
    CategorieMS("194", "Institut pour déficients visuels", 40, _simple("inst_dv")),
    CategorieMS("195", "Institut pour déficients auditifs", 80, _simple("inst_da")),
    CategorieMS("180", "LHSS", 220, _simple("lhss")),
    CategorieMS("213", "LAM", 60, _simple("lam")),
    CategorieMS("165", "ACT", 150, _simple("act")),
    CategorieMS("197", "CSAPA", 380, _simple("csapa", extra=(("csapa_hebergement", 0.15),))),
    CategorieMS("178", "CAARUD", 150, _simple("caarud")),
)
BY_CODE = {c.code: c for c in CATEGORIES}

NOMS = ("Les Tilleuls", "Les Glycines", "La Roseraie", "Le Clos Fleuri", "Les Hortensias",
        "Les Mimosas", "Le Bois Joli", "Les Charmilles", "La Source", "Les Ajoncs", "Les Bruyères",
        "Saint-Joseph", "Notre-Dame", "Les Jardins du Parc", "Le Vallon", "Les Camélias",
        "La Maison du Lac", "Les Cèdres", "L'Estran", "Les Embruns", "Ker Avel", "Ker Heol",
        "Les Magnolias", "Le Grand Chêne", "Les Peupliers", "La Colline", "Les Quatre Saisons",
        "Les Lilas", "Le Moulin", "Les Genêts", "La Fontaine", "Les Coquelicots", "L'Arc-en-Ciel",
        "Les Alizés", "Les Flamboyants", "Bel Air", "La Providence", "Les Marronniers")
VOIES = ("des Lilas", "Jean Jaurès", "de la Gare", "Pasteur", "Victor Hugo", "du Général de Gaulle",
         "de la Mairie", "des Écoles", "du Stade", "de l'Église", "Jean Moulin", "de la Paix",
         "des Tilleuls", "du Moulin", "de Verdun", "Gambetta", "de la République", "des Fleurs")
TYPES_VOIE = ("R", "AV", "ALL", "CHE", "PL", "RTE", "BD", "IMP")
GESTIONNAIRES = (("Association {n}", "60"), ("Fondation {n}", "63"), ("CCAS de {c}", "17"),
                 ("Groupe {n} SAS", "95"), ("Mutualité {n}", "47"), ("Association {n}", "61"))


def departement_weights(hospitals: list[EntiteGeographique], departements: set[str]
                        ) -> dict[str, float]:
    """Share of medico-social establishments per département (see the module docstring)."""
    terr = default_territoire()
    communes = Counter(c.departement for c in terr.communes.values() if c.departement in departements)
    hosp = Counter(eg.departement for eg in hospitals if eg.departement in departements)
    nc, nh = sum(communes.values()) or 1, sum(hosp.values()) or 1
    return {d: 0.5 * communes[d] / nc + 0.5 * hosp[d] / nh for d in sorted(departements)}


def commune_pool(hospitals: list[EntiteGeographique], departement: str
                 ) -> tuple[list[Commune], list[float]]:
    terr = default_territoire()
    per_commune = Counter(eg.adresse.commune_insee for eg in hospitals)
    pool = sorted((c for c in terr.communes.values() if c.departement == departement),
                  key=lambda c: c.insee)
    return pool, [1.0 + 8.0 * per_commune[c.insee] for c in pool]


def _gestionnaire(rng: random.Random, commune: Commune, numeroteur: Numeroteur,
                  by_dept: dict[str, list[EntiteJuridique]]) -> EntiteJuridique:
    existing = by_dept.setdefault(commune.departement, [])
    if existing and rng.random() < 0.35:
        return rng.choice(existing)
    pattern, statut = rng.choice(GESTIONNAIRES)
    ej = EntiteJuridique(numeroteur.nouveau(commune.departement, "ej"),
                         pattern.format(n=rng.choice(NOMS), c=commune.nom), statut_juridique=statut,
                         adresse=adresse(rng, commune), genere=True, source="generateur")
    existing.append(ej)
    return ej


def adresse(rng: random.Random, commune: Commune) -> Adresse:
    return Adresse(numero=str(rng.randint(1, 120)), type_voie=rng.choice(TYPES_VOIE),
                   voie=rng.choice(VOIES).upper(), code_postal=commune.code_postal,
                   localite=commune.nom.upper(), commune_insee=commune.insee)


def etablissement(rng: random.Random, categorie: CategorieMS, commune: Commune, ej: EntiteJuridique,
                  eg_id: str, today: date, telephone: str) -> EntiteGeographique:
    region = commune.region or DROM_REGION.get(commune.departement)
    closed = rng.random() < 0.005
    return EntiteGeographique(
        id=eg_id, ej_id=ej.id, nom=f"{categorie.sigle} {rng.choice(NOMS)} - {commune.nom.title()}",
        categorie=categorie.code, adresse=adresse(rng, commune),
        coordonnees=Coordonnees(round(commune.lat + rng.uniform(-0.012, 0.012), 6),
                                round(commune.lon + rng.uniform(-0.018, 0.018), 6)),
        region=region, departement=commune.departement, telephone=telephone,
        date_ouverture=date(rng.randint(1965, 2022), rng.randint(1, 12), 1),
        date_fermeture=date(today.year - rng.randint(1, 4), rng.randint(1, 12), 1) if closed else None,
        genere=True, source="generateur")


def draw_categories(rng: random.Random, n: int) -> list[CategorieMS]:
    return rng.choices(CATEGORIES, weights=[c.nombre for c in CATEGORIES], k=n)


def national_total() -> int:
    return sum(c.nombre for c in CATEGORIES)


def allocate(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Largest-remainder split of `total` establishments over départements."""
    s = sum(weights.values()) or 1.0
    raw = {d: total * w / s for d, w in weights.items()}
    out = {d: int(v) for d, v in raw.items()}
    left = total - sum(out.values())
    for d in sorted(raw, key=lambda d: (-(raw[d] - out[d]), d))[:left]:
        out[d] += 1
    return out
