"""A brute-force reference of the engine's hard filters: scan every unit in plain Python.

Written independently of the engine's arrays, it states the rules once more so the two can be
compared on many random queries (tests/test_engine_reference.py)."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache

from ror_orientation.disponibilite import Demande, compte, en_crise, natures_unite, role
from ror_orientation.engine.distance import position
from ror_orientation.engine.lieu import Terres, terre, terre_de_departement
from ror_orientation.engine.profils import PROFILS
from ror_orientation.graphe.construction import eg_departement
from ror_orientation.horaires import PARIS, Fermeture, Horaires, Plage, is_open
from ror_orientation.offre import (
    Capacite,
    Coordonnees,
    EntiteGeographique,
    EntiteJuridique,
    Equipement,
    Offre,
    Statut,
    UniteOperationnelle,
)
from ror_orientation.requete import Lieu, Profil, Requete, Sexe
from ror_orientation.territoire import Territoire


@lru_cache(maxsize=2)
def terres(territoire: Territoire) -> Terres:
    return Terres(territoire)


@lru_cache(maxsize=64)
def terre_patient(lieu: Lieu, territoire: Territoire) -> str | None:
    """The patient's land, once per query (not once per unit scanned)."""
    return terre(lieu, territoire, terres(territoire))


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def free_beds(uo: UniteOperationnelle, req: Requete, now: datetime) -> tuple[int, bool]:
    """(available count for the patient, unit declares gendered beds): the count is the one
    library function's (`disponibilite.compte`, the counted part of `disponibilite`)."""
    figure = compte(uo, now, Demande.de(req))
    natures = (req.nature_lits,) if req.nature_lits else natures_unite(uo.capacites,
                                                                       uo.mode_prise_en_charge)
    now_extra = req.statut_lits == "02" and req.temporalite_lits == "01"
    gendered = False
    for c in uo.capacites:
        r = role(c)
        counted = r == req.statut_lits or (now_extra and (r.startswith("crise:") or (
            req.lits_supplementaires and r == "supp")))
        if (c.nature in natures and c.temporalite == req.temporalite_lits and counted
                and c.genre in ("01", "02") and not (r.startswith(("crise:", "supp"))
                                                     and c.nombre <= 0)):
            gendered = True
    return (figure[0] if figure else 0), gendered


def matches(offre: Offre, uo: UniteOperationnelle, req: Requete, now: datetime,
            territoire: Territoire, point: tuple[float, float] | None,
            positions: dict[str, tuple[float, float]] | None = None) -> bool:
    eg = offre.eg.get(uo.eg_id)
    if uo.statut == Statut.BROUILLON or uo.ferme_definitivement or (eg is not None and not eg.ouvert):
        return False
    hidden = uo.sensible or uo.statut != Statut.PUBLIE  # droits.Appelant.voit_uo
    if hidden and not req.voir_sensibles and uo.eg_id not in req.eg_visibles:
        return False
    if not all(a in uo.aptitudes for a in req.aptitudes):
        return False
    codes = {e.code for e in uo.equipements}
    if not all(e in codes for e in req.equipements):
        return False
    if req.activites and uo.activite not in req.activites:
        return False
    if req.publics and not set(req.publics) & set(uo.publics):
        return False
    if req.specialisations and not set(req.specialisations) & set(uo.specialisations):
        return False
    if req.champs and uo.champ not in req.champs:
        return False
    if req.modes and uo.mode_prise_en_charge not in req.modes:
        return False
    if req.categories_organisation and uo.categorie_organisation not in req.categories_organisation:
        return False
    if req.regions and (eg is None or eg.region not in req.regions):
        return False
    if req.departements and (eg is None or eg.departement not in req.departements):
        return False
    if req.age is not None and ((uo.age_min is not None and req.age < uo.age_min)
                                or (uo.age_max is not None and req.age > uo.age_max)):
        return False
    if req.poids_min_kg is not None:
        rated: dict[str, float] = {}
        for e in uo.equipements:
            if e.caracteristique == "001" and e.valeur is not None:
                rated[e.code] = max(rated.get(e.code, 0.0), e.valeur)
        if req.equipements:
            if not all(rated.get(c, -1) >= req.poids_min_kg for c in req.equipements):
                return False
        elif not any(v >= req.poids_min_kg for v in rated.values()):
            return False
    reg = PROFILS[req.profil]
    rayon = req.rayon_km
    if rayon is None and not req.national:
        rayon = reg.rayon_defaut_km
    if point is not None and not req.national and req.lieu is not None:
        patient = terre_patient(req.lieu, territoire)
        if patient is not None and terre_de_departement(
                eg_departement(eg) if eg else None) not in (patient, None):
            return False  # never across the sea unless the search is national
    if point is not None and rayon is not None:
        lat, lon = positions[uo.id] if positions else position(uo, eg, territoire)
        if math.isnan(lat) or haversine(point[0], point[1], lat, lon) > rayon:
            return False
    if req.en_crise is not None:
        site_en_crise = any(en_crise(u.capacites) for u in offre.uo.values() if u.eg_id == uo.eg_id)
        if site_en_crise != req.en_crise:
            return False
    free, gendered = free_beds(uo, req, now)
    if free < req.lits_min or (req.sexe is not None and gendered and free == 0):
        return False
    must_open = req.ouvert_a is not None or (
        reg.ouvert_maintenant if req.ouvert_maintenant is None else req.ouvert_maintenant)
    return not (must_open and not is_open(uo.horaires, req.ouvert_a or now))


def scan(offre: Offre, req: Requete, now: datetime, territoire: Territoire,
         point: tuple[float, float] | None,
         positions: dict[str, tuple[float, float]] | None = None) -> set[str]:
    return {u.id for u in offre.uo.values()
            if matches(offre, u, req, now, territoire, point, positions)}


def positions_of(offre: Offre, territoire: Territoire) -> dict[str, tuple[float, float]]:
    """Every unit's position once (the scan stays plain Python, just not recomputing these)."""
    return {u.id: position(u, offre.eg.get(u.eg_id), territoire) for u in offre.uo.values()}


# ------------------------------------------------------------------- a random offer for tests
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
ACTES = ("0460", "0459", "0700", "1274", "0657")
ACTIVITES = ("157", "354", "233", "059", "014")
EQUIP = ("089", "227", "072")
CENTRES = ((48.11, -1.68), (48.35, -1.19), (47.66, -2.76), (48.40, -4.50), (48.64, -1.98))
SCHEDULES = (
    Horaires(permanent=True),
    Horaires(plages=tuple(Plage(d, time(8), time(18)) for d in range(5))),
    Horaires(plages=tuple(Plage(d, time(22), time(6)) for d in range(7))),
    Horaires(plages=tuple(Plage(d, time(8), time(20)) for d in range(7)), ferme_jours_feries=True),
    Horaires(permanent=True, fermetures=(Fermeture(NOW.date() - timedelta(days=3),
                                                   NOW.date() + timedelta(days=3)),)),
)


def random_offre(n_units: int, seed: int) -> Offre:
    rng = random.Random(seed)
    offre = Offre()
    offre.add(EntiteJuridique("350000741", "EJ"))
    for k in range(max(1, n_units // 5)):
        lat, lon = rng.choice(CENTRES)
        dep = "29" if lon < -4 else "56" if lat < 47.8 else "35"
        offre.add(EntiteGeographique(
            id=f"EG{k:05d}", ej_id="350000741", nom=f"Site {k}", categorie="101",
            coordonnees=Coordonnees(lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.4, 0.4)),
            region="53", departement=dep, date_fermeture=None if rng.random() > 0.03 else NOW.date()))
    egs = sorted(offre.eg)
    for i in range(n_units):
        caps = []
        for _ in range(rng.randint(0, 3)):
            caps.append(Capacite(
                rng.choice(("01", "02", "03")), rng.choice(("02", "02", "01", "06")),
                rng.choice(("01", "01", "05", "03")), rng.choice(("01", "02", "04", "04", "03")),
                rng.randint(0, 4), maj=None if rng.random() < 0.05
                else NOW - timedelta(minutes=rng.randint(0, 24 * 60)),
                crise=rng.choice((None, None, "02", "01")),
                type_lit_supplementaire=rng.choice((None, "01", "01", "02"))))
        age_min = rng.choice((None, 0, 18, 60))
        age_max = rng.choice((None, 17, 65, 120)) if age_min is None or age_min < 17 else None
        offre.add(UniteOperationnelle(
            id=f"U{i:05d}", eg_id=rng.choice(egs), nom=f"Unite {i}", champ=rng.choice(("01", "02", "04")),
            activite=rng.choice(ACTIVITES),
            mode_prise_en_charge=rng.choice(("28", "13", "32", None)),
            categorie_organisation=rng.choice((None, "102", "24")),
            actes=tuple(rng.sample(ACTES, rng.randint(0, 3))),
            publics=tuple(rng.sample(("01", "02"), rng.randint(0, 1))),
            age_min=age_min, age_max=age_max,
            equipements=tuple(Equipement(c, "001" if rng.random() < 0.7 else None,
                                         float(rng.choice((150, 250, 350)))) for c in
                              rng.sample(EQUIP, rng.randint(0, 2))),
            horaires=rng.choice(SCHEDULES), capacites=tuple(caps),
            sensible=rng.random() < 0.05,
            statut=Statut.BROUILLON if rng.random() < 0.05 else Statut.PUBLIE))
    return offre


def random_requete(rng: random.Random) -> Requete:
    def some(pool: tuple[str, ...], k: int = 2) -> tuple[str, ...]:
        return tuple(rng.sample(pool, rng.randint(0, k))) if rng.random() < 0.5 else ()

    lat, lon = rng.choice(CENTRES)
    return Requete(
        profil=rng.choice(tuple(Profil)),
        aptitudes=tuple(f"R210:{a}" for a in some(ACTES)),
        activites=some(ACTIVITES), champs=some(("01", "02", "04"), 1),
        modes=some(("28", "13"), 1), categories_organisation=some(("102", "24"), 1),
        publics=some(("01", "02"), 1), equipements=some(EQUIP, 1),
        poids_min_kg=rng.choice((None, None, 200.0, 300.0)),
        age=rng.choice((None, 4, 17, 18, 65, 81)),
        sexe=rng.choice((None, Sexe.FEMME, Sexe.HOMME)),
        ouvert_a=rng.choice((None, None, datetime(2026, 11, 29, 3, 10, tzinfo=PARIS),
                             datetime(2026, 12, 25, 23, 0, tzinfo=PARIS))),
        ouvert_maintenant=rng.choice((None, False, True)),
        lits_min=rng.choice((0, 0, 1, 3)), nature_lits=rng.choice((None, "01", "02")),
        temporalite_lits=rng.choice(("01", "01", "05")),
        lits_supplementaires=rng.random() < 0.3, en_crise=rng.choice((None, None, True, False)),
        national=rng.random() < 0.2,
        age_max_lits=rng.choice((None, timedelta(hours=4))),
        lieu=Lieu(lat=lat, lon=lon) if rng.random() < 0.7 else None,
        rayon_km=rng.choice((None, 20.0, 50.0)),
        departements=some(("35", "29", "56"), 1),
        voir_sensibles=rng.random() < 0.3, elargir=False, limite=10_000)
