"""Build the units (UO) of one establishment from its plan, and the organisation interne above them.

Each unit takes its codes from its kind in the catalogue and draws the rest: optional aptitudes,
equipment with weight limits, schedule, contacts, capacity, sensitivity, publication state. An
establishment has a data-quality profile, so that some are fully populated (finalisé), most partly
(en cours), and the population indicators have something real to measure.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from ..offre import Adresse, Equipement, OrganisationInterne, Statut, UniteOperationnelle
from .actes_par_type import actes_du_type
from .capacites import capacites
from .catalogue import (
    BY_KEY,
    COMPAGNON_TYPES,
    COMPETENCES_LANGUES,
    COMPETENCES_TSA,
    MS,
    SPECIALISATION_TSA,
    UniteType,
)
from .contacts import contacts
from .equipements_par_type import equipements_du_type
from .horaires import horaires
from .plan import Prevu

# Share of units missing each population criterion, by establishment quality profile.
QUALITY = {"soigne": 0.0, "moyen": 0.05, "negligent": 0.3}


@dataclass(frozen=True, slots=True)
class Contexte:
    """What every unit of one establishment shares."""

    reference: datetime
    region: str | None
    domaine: str  # e-mail domain of the establishment
    adresse: Adresse
    qualite: str = "moyen"
    synchro: bool = False
    plan_blanc: bool = False
    cath_24h: bool = True
    maternite_type: int = 0
    source: str = "01"  # TRE_R335 of pushed capacity figures
    domicile: bool = False  # ESMS domicile (209, 354, 460): catégorie d'organisation is a criterion


@lru_cache(maxsize=8192)
def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch if ch.isalnum() else "-" for ch in t if not unicodedata.combining(ch))
    return "-".join(p for p in t.split("-") if p)[:40]


def maturite(seed: int, region: str | None) -> float:
    """How far a region's establishments have populated the ROR (0.55 to 1.0), drawn per region so
    that the population map shows regions at different stages, as the national one does."""
    return random.Random(f"{seed}:maturite:{region}").uniform(0.55, 1.0)


def sans_unite(rng: random.Random, maturity: float) -> bool:
    """An establishment that has not started populating (no unit: "à faire")."""
    return rng.random() < 0.02 + 0.25 * (1.0 - maturity)


def quality_profile(rng: random.Random, maturity: float = 0.8) -> str:
    r = rng.random()
    soigne = 0.7 * maturity
    return "soigne" if r < soigne else "moyen" if r < soigne + 0.35 else "negligent"


def _equipements(t: UniteType, rng: random.Random, graine: str) -> tuple[Equipement, ...]:
    """The kind's own equipment drawn from `rng`, then the equipment table's from the unit's own
    stream `graine` (equipements_par_type.py), so the rest of the offer is drawn as before."""
    out: list[Equipement] = []
    for e in t.equipements:
        if e.share >= 1.0 or rng.random() < e.share:
            if e.poids:
                out.append(Equipement(e.code, "001", float(rng.choice(e.poids))))
            else:
                out.append(Equipement(e.code, quantite=rng.randint(1, 2) if e.code in ("230", "231")
                                      else 1))
    return tuple(out) + equipements_du_type(t.key, graine, (e.code for e in out))


def _nom(t: UniteType, p: Prevu, ctx: Contexte) -> str:
    if t.key == "maternite" and ctx.maternite_type:
        return f"Maternité de type {ctx.maternite_type}{p.suffixe}"
    if t.key == "cardio_interv" and not ctx.cath_24h:
        return f"{t.nom} (horaires de jour){p.suffixe}"
    return t.nom + p.suffixe


def build_uo(eg_id: str, n: int, p: Prevu, ctx: Contexte, rng: random.Random,
             oi_id: str | None = None, *, kind: UniteType | None = None,
             uo_id: str | None = None) -> UniteOperationnelle:
    t = kind or BY_KEY[p.key]
    defect = QUALITY[ctx.qualite]
    taille = p.taille if p.taille is not None else rng.randint(*t.taille)
    nom = _nom(t, p, ctx)
    actes = t.actes + tuple(a for a in t.actes_options if rng.random() < 0.5)
    if t.champ != MS and "0601" not in actes and rng.random() < 0.04:
        actes += ("0601",)  # analgésie par hypnose, here and there
    if t.actes_parts:  # drawn from the unit's own generator: the rest of the offer is drawn as before
        own = random.Random(f"{uo_id or eg_id}:{n}:actes")
        actes += tuple(code for code, share in t.actes_parts
                       if own.random() < share and code not in actes)
    actes += actes_du_type(t.key, f"{uo_id or eg_id}:{n}", actes)  # the R210 table, its own stream
    competences = t.competences
    if rng.random() < 0.04:
        lang = "07" if ctx.region == "53" and rng.random() < 0.5 else rng.choice(COMPETENCES_LANGUES)
        if lang not in competences:
            competences += (lang,)
    specialisations = t.specialisations + tuple(s for s in t.specialisations_options
                                                if rng.random() < 0.45)
    if SPECIALISATION_TSA in specialisations and t.champ == MS:
        competences += tuple(c for c in COMPETENCES_TSA if rng.random() < 0.6
                             and c not in competences)
    age_min: int = t.ages[0]
    age_max: int | None = t.ages[1]
    if rng.random() < defect:
        age_max = None
    mode = t.mode if rng.random() >= defect * 0.5 else None
    adresse = ctx.adresse
    if rng.random() < defect * 0.6:
        adresse = Adresse(localite=ctx.adresse.localite, commune_insee=ctx.adresse.commune_insee)
    pattern = "cath" if t.key == "cardio_interv" and not ctx.cath_24h else t.horaires
    statut = Statut.PUBLIE
    r = rng.random()
    if r < 0.02:
        statut = Statut.BROUILLON
    elif r < 0.05:
        statut = Statut.VALIDE
    age = timedelta(days=rng.randint(0, 300)) if rng.random() < 0.82 else \
        timedelta(days=rng.randint(366, 1100))
    categorie = t.categorie
    if ctx.domicile and rng.random() < defect:
        categorie = None
    return UniteOperationnelle(
        id=uo_id or f"UO-{eg_id}-{n:03d}", eg_id=eg_id, oi_id=oi_id, nom=nom, champ=t.champ, activite=t.activite,
        mode_prise_en_charge=mode, categorie_organisation=categorie, actes=actes,
        competences=competences, publics=t.publics, specialisations=specialisations,
        temporalites_accueil=t.temporalites_accueil,
        age_min=age_min, age_max=age_max, equipements=_equipements(t, rng, f"{uo_id or eg_id}:{n}"),
        horaires=horaires(pattern, rng, ctx.reference.date()),
        contacts=contacts(slug(nom), ctx.domaine, ctx.region, rng, regulation=t.regulation,
                          complete=rng.random() >= defect),
        capacites=capacites(t, taille, rng, ctx.reference, source=ctx.source,
                            plan_blanc=ctx.plan_blanc),
        adresse=adresse, sensible=t.sensible or rng.random() < 0.025,
        id_externe_synchro=f"SYNC-{eg_id}-{n}" if ctx.synchro else None, statut=statut,
        commentaire=t.commentaire, maj=ctx.reference - age, genere=True)


def build_compagnons(main: UniteOperationnelle, n: int, p: Prevu, ctx: Contexte
                     ) -> list[UniteOperationnelle]:
    """The companion units of the planned unit `main` (one per further activity, compagnons.py):
    beside it in the organisation, id and name of their own, no beds. Each is drawn from its own
    seeded generator, so the establishment's other units are drawn exactly as without them."""
    out = []
    for t in COMPAGNON_TYPES.get(p.key, ()):
        uo = build_uo(main.eg_id, n, p, ctx, random.Random(f"{main.id}:{t.activite}"), main.oi_id,
                      kind=t, uo_id=f"{main.id}-{t.activite}")
        synchro = f"{main.id_externe_synchro}-{t.activite}" if main.id_externe_synchro else None
        out.append(replace(uo, id_externe_synchro=synchro))
    return out


def organisation(eg_id: str, prevus: list[Prevu], *, uf: bool
                 ) -> tuple[list[OrganisationInterne], list[str]]:
    """Pôles → services (→ UF when `uf`) above the planned units: the OIs and each unit's parent."""
    ois: list[OrganisationInterne] = []
    poles: dict[str, str] = {}
    services: dict[tuple[str, str], str] = {}
    parents = []
    for n, p in enumerate(prevus, 1):
        t = BY_KEY[p.key]
        pole_id = poles.get(t.pole)
        if pole_id is None:
            pole_id = poles[t.pole] = f"OI-{eg_id}-P{len(poles) + 1}"
            ois.append(OrganisationInterne(pole_id, eg_id, f"Pôle {t.pole}", "1", genere=True))
        service = t.service or t.nom
        sid = services.get((t.pole, service))
        if sid is None:
            sid = services[(t.pole, service)] = f"OI-{eg_id}-S{len(services) + 1}"
            ois.append(OrganisationInterne(sid, eg_id, f"Service {service}", "2", pole_id,
                                           genere=True))
        parent = sid
        if uf:
            parent = f"OI-{eg_id}-U{n:03d}"
            ois.append(OrganisationInterne(parent, eg_id, f"UF {t.nom}{p.suffixe}", "3", sid,
                                           genere=True))
        parents.append(parent)
    return ois, parents
