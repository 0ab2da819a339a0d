"""The city offer on real communes: MSP, centres de santé, PMI, CPTS, practices (`catalogue_ville.py`),
then the social establishments the ROR holds (CHRS, pensions de famille...: `catalogue_social.py`).

Placed after everything else, from random streams of its own (one per kind of structure, one per
structure), with FINESS-like numbers no other establishment holds: every hospital, medico-social
establishment, unit and professional of the offer stays exactly as it was drawn without it.
A kind's structures go to communes in proportion to their INSEE population (above the kind's
threshold: a BAPU needs a university town); a region subset gets its population's share.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime

from ..offre import Coordonnees, EntiteGeographique, EntiteJuridique, Offre
from ..territoire import Commune, default_territoire
from .catalogue_orientations import STRUCTURES_ORIENTEES
from .catalogue_social import STRUCTURES_SOCIALES
from .catalogue_ville import STRUCTURES, Structure
from .contacts import numero
from .etablissements import DROM_REGION, Numeroteur
from .medico_social import NOMS, adresse
from .plan import Prevu
from .professionnels import NOMS as PATRONYMES
from .professionnels import Rpps, professionnels
from .unites import Contexte, build_uo, maturite, quality_profile, slug

# Communes a kind needs at least (INSEE population): university towns for a BAPU and a maison
# d'accueil hospitalière (beside the CHU), towns for the youth and sport centres, the evening
# permanences and the social shelters; every commune for the others.
SEUILS: dict[str, int] = {"bapu": 50_000, "esj": 20_000, "mss": 5_000, "mmg": 5_000, "mah": 50_000,
                          "chrs": 10_000, "centre_parental": 20_000, "pension_famille": 5_000}


@dataclass(frozen=True, slots=True)
class Gestion:
    """Who runs a kind of structure: the legal entity's name pattern and TRE_R72 statut."""

    nom: str  # {c}: commune, {n}: a name, {d}: département
    statut: str
    par_departement: bool = False  # one entity for the whole département (the PMI's)


GESTIONS: dict[str, tuple[Gestion, ...]] = {
    "msp": (Gestion("SISA {n}", "74"),),
    "cds": (Gestion("Commune de {c}", "03"), Gestion("Association {n}", "60"),
            Gestion("Mutualité {n}", "47")),
    "pmi": (Gestion("Département {d} - service de PMI", "02", par_departement=True),),
    "esj": (Gestion("Commune de {c}", "03"),),
    "bapu": (Gestion("Association {n}", "61"),),
}
ASSOCIATION = (Gestion("Association {n}", "60"),)  # MMG, MSS, CPTS
SOCIETE = (Gestion("SCM {p}", "74"),)  # a group practice; an individual one has no legal entity


def pool(regions: tuple[str, ...] | None) -> list[Commune]:
    """The communes with a population, of `regions` (all when None), in INSEE order."""
    out = []
    for c in sorted(default_territoire().communes.values(), key=lambda c: c.insee):
        region = c.region or DROM_REGION.get(c.departement)
        if c.population and region is not None and (regions is None or region in regions):
            out.append(c)
    return out


def nombre(s: Structure, communes: list[Commune], national: list[Commune]) -> int:
    """How many structures of kind `s` the communes get: the national count times their share
    of the population above the kind's threshold."""
    seuil = SEUILS.get(s.cle, 0)
    part = sum(c.population or 0 for c in communes if (c.population or 0) >= seuil)
    tout = sum(c.population or 0 for c in national if (c.population or 0) >= seuil) or 1
    return round(s.nombre * part / tout)


def offre_de_ville(offre: Offre, regions: tuple[str, ...] | None, seed: int, reference: datetime, *,
                   taken: set[str] | frozenset[str] = frozenset()) -> None:
    """Add the city offer of `regions` (all when None) to `offre`, after everything else;
    `taken`: further FINESS numbers no new structure may hold (the real ones outside `offre`)."""
    national = pool(None)
    communes = national if regions is None else pool(regions)
    numeroteur = Numeroteur(set(offre.eg) | set(offre.ej) | set(taken))
    rpps = Rpps(random.Random(f"{seed}:ville:rpps"))
    rpps.used |= set(offre.professionnels)
    par_departement: dict[str, EntiteJuridique] = {}
    for s in STRUCTURES + STRUCTURES_SOCIALES + STRUCTURES_ORIENTEES:  # a kind placed last moves no other
        seuil = SEUILS.get(s.cle, 0)
        lieux = [c for c in communes if (c.population or 0) >= seuil]
        n = nombre(s, communes, national)
        if not lieux or not n:
            continue
        rng = random.Random(f"{seed}:ville:{s.cle}")
        for commune in rng.choices(lieux, weights=[c.population or 0 for c in lieux], k=n):
            _structure(offre, s, commune, numeroteur, rpps, par_departement, seed, reference)


def _structure(offre: Offre, s: Structure, commune: Commune, numeroteur: Numeroteur, rpps: Rpps,
               par_departement: dict[str, EntiteJuridique], seed: int, reference: datetime) -> None:
    eg_id = numeroteur.nouveau(commune.departement, "eg")
    rng = random.Random(f"{seed}:{eg_id}:ville")
    region = commune.region or DROM_REGION.get(commune.departement)
    patronyme = rng.choice(PATRONYMES).title()
    individuel = s.categorie == "SA07"
    nom = f"{s.sigle} {patronyme if s.cle.startswith('cab_') else rng.choice(NOMS)}"
    ej = None if individuel else _gestionnaire(offre, s, commune, patronyme, numeroteur, rng,
                                               par_departement)
    eg = EntiteGeographique(
        id=eg_id, ej_id=ej.id if ej else None, nom=f"{nom} - {commune.nom.title()}",
        categorie=s.categorie, adresse=adresse(rng, commune),
        coordonnees=Coordonnees(round(commune.lat + rng.uniform(-0.01, 0.01), 6),
                                round(commune.lon + rng.uniform(-0.015, 0.015), 6)),
        region=region, departement=commune.departement, telephone=numero(region, rng),
        date_ouverture=date(rng.randint(1995, reference.year - 1), rng.randint(1, 12), 1),
        genere=True, source="generateur")
    offre.add(eg)
    ctx = Contexte(reference=reference, region=region, domaine=(slug(nom)[:24].strip("-") or "ville")
                   + ".fr", adresse=eg.adresse,
                   qualite=quality_profile(rng, maturite(seed, region)), source="04")
    keys = [k for i, (k, p) in enumerate(s.unites) if i == 0 or rng.random() < p]
    built = []
    for n, key in enumerate(keys, 1):
        uo = build_uo(eg_id, n, Prevu(key), ctx, rng)
        offre.add(uo)
        built.append((uo, key))
    for pro in professionnels(built, rng, rpps):
        offre.add(pro)


def _gestionnaire(offre: Offre, s: Structure, commune: Commune, patronyme: str,
                  numeroteur: Numeroteur, rng: random.Random,
                  par_departement: dict[str, EntiteJuridique]) -> EntiteJuridique:
    g = rng.choice(GESTIONS.get(s.cle, SOCIETE if s.cle.startswith("cab_") else ASSOCIATION))
    if g.par_departement and commune.departement in par_departement:
        return par_departement[commune.departement]
    ej = EntiteJuridique(numeroteur.nouveau(commune.departement, "ej"),
                         g.nom.format(c=commune.nom.title(), n=rng.choice(NOMS), p=patronyme,
                                      d=commune.departement),
                         statut_juridique=g.statut, adresse=adresse(rng, commune), genere=True,
                         source="generateur")
    offre.add(ej)
    if g.par_departement:
        par_departement[commune.departement] = ej
    return ej
