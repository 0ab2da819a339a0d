"""A brute-force reference of the engine's hard filters: scan every unit in plain Python.

Written independently of the engine's arrays, it states the rules once more so the two can be
compared on many random queries (tests/test_engine_reference.py)."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, time, timedelta

from ror_orientation.engine.distance import position
from ror_orientation.engine.profils import reglages
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


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def free_beds(uo: UniteOperationnelle, req: Requete, now: datetime) -> tuple[int, bool]:
    """(available count for the patient, unit declares gendered beds) — rules of engine/lits.py."""
    reg = reglages(req.profil)
    natures = (req.nature_lits,) if req.nature_lits else reg.natures_lits
    temps = list(dict.fromkeys((req.temporalite_lits, *reg.temporalites_extra)))
    statuts = {req.statut_lits}
    best, gendered = 0, False
    for i, t in enumerate(temps):
        groups: dict[tuple, list] = {}
        for c in uo.capacites:
            st = c.statut
            if st == "06" and c.type_lit_supplementaire == "01" and c.crise:
                st = "06m"
            ok_status = st in statuts or (req.statut_lits == "02" and st == "06m")
            if c.nature not in natures or c.temporalite != t or not ok_status:
                continue
            g = {"01": "f", "02": "h"}.get(c.genre, "x")
            key = (c.nature, st, g)
            cur = groups.setdefault(key, [0, None])
            cur[0] += max(0, c.nombre)
            if c.maj is not None:
                cur[1] = c.maj if cur[1] is None else max(cur[1], c.maj)
        total = 0
        for (_, _, g), (count, maj) in groups.items():
            if g in ("f", "h"):
                gendered = True
            if req.sexe == Sexe.FEMME and g == "h" or req.sexe == Sexe.HOMME and g == "f":
                continue
            if req.age_max_lits is not None and (maj is None or maj < now - req.age_max_lits):
                continue
            total += count
        if i == 0 or total > best:
            best = total
    return best, gendered


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
    if req.activites and not set(req.activites) & set(uo.activites):
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
        rated = {}
        for e in uo.equipements:
            if e.caracteristique == "001" and e.valeur is not None:
                rated[e.code] = max(rated.get(e.code, 0.0), e.valeur)
        if req.equipements:
            if not all(rated.get(c, -1) >= req.poids_min_kg for c in req.equipements):
                return False
        elif not any(v >= req.poids_min_kg for v in rated.values()):
            return False
    if point is not None and req.rayon_km is not None:
        lat, lon = positions[uo.id] if positions else position(uo, eg, territoire)
        if math.isnan(lat) or haversine(point[0], point[1], lat, lon) > req.rayon_km:
            return False
    free, gendered = free_beds(uo, req, now)
    if free < req.lits_min or (req.sexe is not None and gendered and free == 0):
        return False
    reg = reglages(req.profil)
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
                rng.choice(("01", "02")), rng.choice(("02", "02", "01", "06")),
                rng.choice(("01", "01", "05")), rng.choice(("01", "02", "04", "04")),
                rng.randint(0, 4), maj=NOW - timedelta(minutes=rng.randint(0, 24 * 60)),
                crise=rng.choice((None, None, "02")), type_lit_supplementaire=rng.choice((None, "01"))))
        age_min = rng.choice((None, 0, 18, 60))
        age_max = rng.choice((None, 17, 65, 120)) if age_min is None or age_min < 17 else None
        offre.add(UniteOperationnelle(
            id=f"U{i:05d}", eg_id=rng.choice(egs), nom=f"Unite {i}", champ=rng.choice(("01", "02", "04")),
            activites=tuple(rng.sample(ACTIVITES, rng.randint(1, 2))),
            mode_prise_en_charge=rng.choice(("28", "13", None)),
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
        profil=rng.choice((Profil.SAMU, Profil.AVAL)),
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
        age_max_lits=rng.choice((None, timedelta(hours=4))),
        lieu=Lieu(lat=lat, lon=lon) if rng.random() < 0.7 else None,
        rayon_km=rng.choice((None, 20.0, 50.0)),
        departements=some(("35", "29", "56"), 1),
        voir_sensibles=rng.random() < 0.3, elargir=False, limite=10_000)
