"""A seeded offer on real ground: units on the real hospitals, generated medico-social establishments.

    generate(scale="demo" | "national", seed=N, reference=instant) -> Offre

Pure apart from reading the fixtures: one `random.Random` per establishment, seeded from (seed, its
id), so the same seed gives the same offer byte for byte and a change to one establishment leaves the
others alone. Every time in the offer is derived from `reference` (a fixed instant by default, for
tests and benchmarks; the server passes "now" so bed figures have a realistic age).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime

from ..errors import ValidationError
from ..offre import EntiteGeographique, EntiteJuridique, Offre
from ..territoire import REGIONS, default_territoire
from .autorisations import autorisations
from .catalogue import checked_catalogue
from .contacts import numero
from .etablissements import (
    DROM_REGION,
    Numeroteur,
    main_sites,
    real_establishments,
    recours_regionaux,
    select,
)
from .implantations import implantation_medico_sociale, implantation_sanitaire
from .medico_social import (
    _gestionnaire,
    allocate,
    commune_pool,
    departement_weights,
    draw_categories,
    etablissement,
)
from .plan import Prevu, plan_sanitaire
from .professionnels import Rpps, professionnels
from .unites import (
    Contexte,
    build_compagnons,
    build_uo,
    maturite,
    organisation,
    quality_profile,
    sans_unite,
    slug,
)
from .ville import offre_de_ville

SCALES = ("demo", "national")
DEMO_REGIONS = ("53", "52", "04")  # Bretagne, Pays de la Loire, La Réunion
DEFAULT_SEED = 20261126
REFERENCE = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
NATIONAL_EG = 30_000  # real hospitals + generated medico-social establishments
DOMICILE = ("209", "354", "460")


def generate(scale: str = "demo", seed: int = DEFAULT_SEED, reference: datetime = REFERENCE, *,
             regions: tuple[str, ...] | None = None) -> Offre:
    """The generated offer of `scale` (demo: Bretagne, Pays de la Loire, La Réunion; national: all)."""
    if scale not in SCALES:
        raise ValidationError(f"scale: {scale!r} is not one of {', '.join(SCALES)}", field="scale")
    if reference.tzinfo is None:
        raise ValidationError("reference: a timezone-aware instant is required", field="reference")
    unknown = sorted(set(regions or ()) - set(REGIONS))
    if unknown:
        raise ValidationError(f"regions: unknown INSEE region code(s) {', '.join(unknown)}",
                              field="regions")
    checked_catalogue()
    if regions is None and scale == "demo":
        regions = DEMO_REGIONS
    return generate_from(real_establishments(), seed=seed, reference=reference, regions=regions,
                         fine=scale == "national")


def generate_from(real: Offre, *, seed: int, reference: datetime,
                  regions: tuple[str, ...] | None, fine: bool = False) -> Offre:
    """Units on the real EGs of `real` in `regions` (all when None), plus medico-social EGs.

    `fine` is the national scale's grain: services split by mode, téléexpertise and mobile teams,
    more consultations, each offer and antenna of medico-social sites (`plan.py`, `medico_social.py`).
    The demo keeps the coarser grain, which draws exactly what it drew before the fine one existed.
    """
    egs, ejs, _dropped = select(real, regions)
    all_egs = egs if regions is None else select(real, None)[0]
    offre = Offre()
    for ej_id in sorted(ejs):
        offre.add(ejs[ej_id])
    rpps = Rpps(random.Random(f"{seed}:rpps"))
    mains = main_sites(egs)
    recours = recours_regionaux(egs, mains)
    for eg in egs:
        _sanitaire(offre, eg, seed, reference, rpps, main=eg.id in mains,
                   maturity=maturite(seed, eg.region), fine=fine, recours=eg.id in recours)
    _medico_social(offre, real, all_egs, regions, seed, reference, rpps, fine=fine)
    offre_de_ville(offre, regions, seed, reference, taken=set(real.eg) | set(real.ej))
    return offre


def _domaine(eg: EntiteGeographique) -> str:
    return (slug(eg.nom)[:24].strip("-") or "etablissement") + ".fr"


def _sanitaire(offre: Offre, eg: EntiteGeographique, seed: int, reference: datetime,
               rpps: Rpps, *, main: bool, maturity: float, fine: bool = False,
               recours: bool = False) -> None:
    rng = random.Random(f"{seed}:{eg.id}")
    plan = plan_sanitaire(eg, rng, main_site=main, fine=fine, recours=recours)
    keys = [p.key for p in plan.unites]
    eg = replace(eg, autorisations=eg.autorisations or autorisations(keys, rng, reference.date()))
    offre.add(eg)
    if eg.ej_id and eg.ej_id not in offre.ej:
        offre.add(EntiteJuridique(eg.ej_id, eg.nom, adresse=eg.adresse, genere=True,
                                  source="generateur"))
    if eg.date_fermeture is not None or sans_unite(rng, maturity):
        return  # closed, or authorised but not yet populated: "à faire"
    n = len(plan.unites)
    synchro = (n >= 40 and rng.random() < 0.5) or (n >= 10 and rng.random() < 0.15)
    ctx = Contexte(reference=reference, region=eg.region, domaine=_domaine(eg), adresse=eg.adresse,
                   qualite=quality_profile(rng, maturity), synchro=synchro,
                   plan_blanc="urgences" in keys and rng.random() < 0.04,
                   cath_24h=plan.cath_24h, maternite_type=plan.maternite_type,
                   source="02" if synchro else rng.choice(("01", "01", "04")))
    _units(offre, eg, plan.unites, ctx, rng, rpps, uf=main, with_oi=n >= 4)
    ajouts = implantation_sanitaire(eg, set(keys), random.Random(f"{seed}:{eg.id}:implantation"),
                                    chu=main and eg.categorie == "101", recours=recours)
    _ajouts(offre, eg.id, n, ajouts, ctx)


def _ajouts(offre: Offre, eg_id: str, n: int, keys: list[str], ctx: Contexte) -> None:
    """Units of `keys` after the `n` planned units of `eg_id` (implantations.py): each drawn from
    its own generator, without organisation or professionals, so nothing else of the offer moves."""
    seen: dict[str, int] = {}
    for i, key in enumerate(keys, n + 1):
        seen[key] = seen.get(key, 0) + 1  # a host may run several (GEM, PCPE...): distinct names
        p = Prevu(key, suffixe=f" - site {seen[key]}" if seen[key] > 1 else "")
        uo = build_uo(eg_id, i, p, ctx, random.Random(f"{eg_id}:{i}:{key}"))
        offre.add(uo)
        for compagnon in build_compagnons(uo, i, p, ctx):
            offre.add(compagnon)


def _units(offre: Offre, eg: EntiteGeographique, prevus: list[Prevu], ctx: Contexte,
           rng: random.Random, rpps: Rpps, *, uf: bool, with_oi: bool) -> None:
    parents: list[str | None] = [None] * len(prevus)
    if with_oi:
        ois, oi_ids = organisation(eg.id, prevus, uf=uf)
        for oi in ois:
            offre.add(oi)
        parents = list(oi_ids)
    built = []
    for n, (p, parent) in enumerate(zip(prevus, parents, strict=True), 1):
        uo = build_uo(eg.id, n, p, ctx, rng, parent)
        offre.add(uo)
        built.append((uo, p.key))
        for compagnon in build_compagnons(uo, n, p, ctx):
            offre.add(compagnon)
    for pro in professionnels(built, rng, rpps):
        offre.add(pro)


def _departements(regions: tuple[str, ...] | None) -> set[str]:
    terr = default_territoire()
    out = set()
    for c in terr.communes.values():
        region = c.region or DROM_REGION.get(c.departement)
        if region is not None and (regions is None or region in regions):
            out.add(c.departement)
    return out


def _medico_social(offre: Offre, real: Offre, all_egs: list[EntiteGeographique],
                   regions: tuple[str, ...] | None, seed: int, reference: datetime,
                   rpps: Rpps, *, fine: bool = False) -> None:
    every = _departements(None)
    weights = departement_weights(all_egs, every)
    national = max(0, NATIONAL_EG - len(all_egs))
    chosen = sorted(_departements(regions))
    total = national if regions is None else round(national * sum(weights[d] for d in chosen))
    per_dept = allocate(total, {d: weights[d] for d in chosen})
    numeroteur = Numeroteur(set(real.eg) | set(real.ej))
    gestionnaires: dict[str, list[EntiteJuridique]] = {}
    today = reference.date()
    for dep in chosen:
        if not per_dept.get(dep):
            continue
        rng = random.Random(f"{seed}:ms:{dep}")
        pool, w = commune_pool(all_egs, dep)
        if not pool:
            continue
        communes = rng.choices(pool, weights=w, k=per_dept[dep])
        hotes: dict[str, list[int]] = {}  # FINESS category → indexes in `peuples`
        peuples: list[tuple[str, int, Contexte]] = []  # populated ESMS: id, planned units, context
        for commune, cat in zip(communes, draw_categories(rng, per_dept[dep]), strict=True):
            ej = _gestionnaire(rng, commune, numeroteur, gestionnaires)
            if ej.id not in offre.ej:
                offre.add(ej)
            eg_id = numeroteur.nouveau(dep, "eg")
            eg_rng = random.Random(f"{seed}:{eg_id}")
            region = commune.region or DROM_REGION.get(dep)
            eg = etablissement(eg_rng, cat, commune, ej, eg_id, today, numero(region, eg_rng))
            offre.add(eg)
            maturity = maturite(seed, region)
            if eg.date_fermeture is not None or sans_unite(eg_rng, maturity):
                continue
            ctx = Contexte(reference=reference, region=region, domaine=_domaine(eg),
                           adresse=eg.adresse, qualite=quality_profile(eg_rng, maturity),
                           domicile=cat.code in DOMICILE, source=eg_rng.choice(("01", "01", "04")))
            prevus = cat.plan(eg_rng, fine)
            _units(offre, eg, prevus, ctx, eg_rng, rpps, uf=False, with_oi=len(prevus) >= 5)
            hotes.setdefault(cat.code, []).append(len(peuples))
            peuples.append((eg.id, len(prevus), ctx))
        par_hote: dict[int, list[str]] = {}
        for i, key in implantation_medico_sociale(hotes, random.Random(f"{seed}:ms:{dep}:dispositifs")):
            par_hote.setdefault(i, []).append(key)
        for i, keys in sorted(par_hote.items()):
            eg_id, n, ctx = peuples[i]
            _ajouts(offre, eg_id, n, keys, ctx)


__all__ = ["generate", "generate_from", "SCALES", "DEMO_REGIONS", "DEFAULT_SEED", "REFERENCE"]
