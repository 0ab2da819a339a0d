"""FHIR search: another door to the same engine, not a second search.

HealthcareService and Location searches run the service's engine (`Service.parcourir`, narrowed
to the caller's rights) with every criterion it knows (activités, champs, types d'offre, publics,
modes, equipment, a point or a commune with a radius); the parameters it has no field for
(identifier, age bounds with prefixes, capacity records, dates...) then filter the engine's answer
on the resources as served, so they can only match what the caller may see. Organization and
Practitioner(Role) searches filter the caller's catalogue. Then sort, page, _include, _revinclude.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..disponibilite import SUPPLEMENTAIRE, groupe
from ..engine.distance import geodesic_km_geopy
from ..engine.lieu import resolve
from ..errors import RorError, ValidationError
from ..offre import Offre, UniteOperationnelle
from ..requete import Lieu, Profil, Requete
from ..territoire import fold
from . import parametres as F
from . import profils as P
from . import ressources as R
from .catalogue import Catalogue

Json = dict[str, Any]
COUNT_DEFAUT = 50
COUNT_MAX = 500
CONTROLE = {"_count", "_sort", "_include", "_revinclude", "_getpagesoffset", "_total", "_format",
            "_pretty"}
MOTEUR = {"HealthcareService", "Location"}
# search parameters the engine answers itself: param → Requete field (any of the values)
VERS_MOTEUR = {"specialty": ("activites", "TRE_R211"), "service-type": ("champs", "TRE_R227"),
               "service-category": ("categories_organisation", "TRE_R244"),
               "patient-type": ("publics", "TRE_R239")}
CARACTERISTIQUES = ("TRE_R213", "TRE_R210", "TRE_R243", "TRE_R245")
# parameters that read one part of a unit's resource only (ressources.partie): prefiltered on it
PARTIES = {**{("Location", p.nom): "capacites" for p in F.CAPACITE},
           **{("Location", n): "equipements" for n in ("equipment-type", "equipment-feature",
                                                       "equipment-limit-value")},
           **{("HealthcareService", n): "patientele" for n in ("patient-type", "age-range-low",
                                                               "age-range-high")}}
PARAMETRE_DU_CHAMP = {champ: nom for nom, (champ, _) in VERS_MOTEUR.items()} | {
    "modes": "characteristic", "specialisations": "characteristic", "lieu": "near",
    "rayon_km": "near", "commune": "near-insee-code"}


class NonSupporte(RorError):
    """A parameter, modifier or type this server does not implement (OperationOutcome
    not-supported)."""

    status = 400
    code = "not_supported"


@dataclass
class Critere:
    nom: str
    modificateur: str | None
    valeur: str


@dataclass
class Resultat:
    """A searchset: the page's matches, the included resources, and what the links need."""

    resource_type: str
    total: int
    matches: list[Json]
    includes: list[Json]
    distances: dict[str, float]  # resource id → km (near searches)
    offset: int
    count: int
    avertissements: list[str] = field(default_factory=list)


def parse(items: Iterable[tuple[str, str]], resource_type: str
          ) -> tuple[list[Critere], dict[str, list[str]]]:
    """(criteria, control parameters); an unknown parameter or modifier is refused naming it."""
    criteres: list[Critere] = []
    controle: dict[str, list[str]] = {}
    for key, value in items:
        nom, _, modif = key.partition(":")
        if nom in CONTROLE:
            controle.setdefault(key, []).append(value)
            continue
        p = F.parametre(resource_type, nom)
        if p is None:
            raise NonSupporte(f"{key}: search parameter not supported on {resource_type}",
                              field=key)
        if modif and not (p.type == "string" and modif in ("exact", "contains")):
            raise NonSupporte(f"{key}: modifier :{modif} not supported", field=key)
        if value == "":
            raise ValidationError(f"{key}: empty value", field=key)
        criteres.append(Critere(nom, modif or None, value))
    return criteres, controle


def _entier(controle: dict[str, list[str]], key: str, default: int) -> int:
    raw = controle.get(key, [None])[-1]
    if raw is None:
        return default
    if not raw.isdigit():
        raise ValidationError(f"{key}: must be a non-negative integer", field=key)
    return int(raw)


# -- the engine ---------------------------------------------------------------------------------------
def _codes(valeur: str) -> list[tuple[str | None, str | None]]:
    return [F.token(v) for v in F.valeurs(valeur)]


def _table_de(cat: Catalogue, system: str | None, code: str, tables: tuple[str, ...]
              ) -> str | None:
    if system:
        t = P.table_du_systeme(system)
        return t if t in tables else None
    nom = cat.service.nomenclatures
    return next((t for t in tables if code in nom.table(t).codes), None)


def _lieu(critere: Critere) -> tuple[Lieu, float | None]:
    parts = critere.valeur.split("|")
    field = critere.nom
    try:
        if critere.nom == "near":
            if len(parts) < 2:
                raise ValueError
            lieu = Lieu(lat=float(parts[0]), lon=float(parts[1]))
            rest = parts[2:]
        else:
            lieu = Lieu(commune=parts[0])
            rest = parts[1:]
        km = float(rest[0]) if rest and rest[0] else None
        unit = rest[1] if len(rest) > 1 else "km"
    except ValueError:
        raise ValidationError(f"{field}: expected "
                              + ("latitude|longitude[|distance|km]" if field == "near"
                                 else "code[|distance|km]"), field=field) from None
    if unit not in ("km", "m", "[mi_i]"):
        raise ValidationError(f"{field}: distance unit {unit!r} not supported (km, m)", field=field)
    if km is not None:
        km = km / 1000 if unit == "m" else km * 1.609344 if unit == "[mi_i]" else km
    return lieu, km


def requete_moteur(cat: Catalogue, criteres: list[Critere]
                   ) -> tuple[Requete | None, list[Critere]]:
    """The engine's query for the criteria it answers (None: they cannot all hold), and the
    criteria left to filter after."""
    kw: dict[str, Any] = {}
    reste: list[Critere] = []
    vide = False
    for c in criteres:
        if c.nom in ("near", "near-insee-code"):
            if "lieu" in kw:
                raise ValidationError(f"{c.nom}: one place per search", field=c.nom)
            kw["lieu"], kw["rayon_km"] = _lieu(c)
            continue
        if c.nom in VERS_MOTEUR:
            champ, table = VERS_MOTEUR[c.nom]
            codes = _codes(c.valeur)
            if all(code and (s is None or P.table_du_systeme(s) == table) for s, code in codes):
                asked = {code for _, code in codes if code}
                held = set(kw.get(champ, asked))
                kw[champ] = tuple(sorted(held & asked))
                if not kw[champ]:
                    vide = True  # two criteria without a common code: nothing can match
                continue
        if c.nom == "characteristic":
            codes = _codes(c.valeur)
            tables = {_table_de(cat, s, code or "", CARACTERISTIQUES) for s, code in codes}
            if tables == {"TRE_R213"} and "modes" not in kw:
                kw["modes"] = tuple(code for _, code in codes if code)
                continue
            if tables == {"TRE_R245"} and "specialisations" not in kw:
                kw["specialisations"] = tuple(code for _, code in codes if code)
                continue
        reste.append(c)
    if "lieu" not in kw:
        kw["national"] = True
    requete = Requete(profil=Profil.AVAL, ouvert_maintenant=False, elargir=False,
                      expliquer=False, budget_ms=30_000.0, **kw)
    return (None if vide else requete), reste


def _par_moteur(cat: Catalogue, criteres: list[Critere]
                ) -> tuple[list[str], dict[str, float], bool]:
    """Unit ids in the engine's order, their distances, and whether the engine ran out of time."""
    requete, _ = requete_moteur(cat, criteres)
    ids: list[str] = []
    km: dict[str, float] = {}
    tronque = False
    if requete is None:
        return ids, km, tronque
    try:
        rangs, tronque = cat.service.classer(requete, cat.appelant)
        for uo_id, d in rangs:
            ids.append(uo_id)
            if d is not None:
                km[uo_id] = d
    except ValidationError as exc:  # named after the engine's field: say the FHIR parameter
        nom = PARAMETRE_DU_CHAMP.get((exc.field or "").split(".")[0].split("[")[0])
        if nom is None:
            raise
        message = exc.message.replace(exc.field or "", nom, 1)
        raise ValidationError(message, field=nom, code=exc.code) from None
    return ids, km, tronque


# -- filters on the served resources ------------------------------------------------------------------
def _filtre(resource_type: str, c: Critere) -> Callable[[Json], bool]:
    p = F.parametre(resource_type, c.nom)
    assert p is not None
    alternatives = list(F.valeurs(c.valeur))
    field = c.nom
    if p.type == "composite":
        tests = [_capacite_composite(v, field) for v in alternatives]
        return lambda r: any(t(rec) for rec in F.capacites(r) for t in tests)
    if p.type == "token":
        return lambda r: any(F.token_egal(a, (f if isinstance(f, tuple) else (None, str(f))))
                             for f in p.extraire(r) for a in alternatives)
    if p.type == "string":
        return lambda r: any(F.chaine_egale(a, str(f), c.modificateur)
                             for f in p.extraire(r) for a in alternatives)
    if p.type == "reference":
        return lambda r: any(F.reference_egale(a, f, _cible(resource_type, c.nom))
                             for f in p.extraire(r) for a in alternatives)
    if p.type == "number":
        tests_n = [(op, F.nombre(v, field)) for op, v in map(F.prefixe, alternatives)]
        return lambda r: any(isinstance(f, int | float) and F.compare(op, float(f), v)
                             for f in p.extraire(r) for op, v in tests_n)
    if p.type == "date":
        tests_d = [(op, *F.periode(v, field)) for op, v in map(F.prefixe, alternatives)]
        return lambda r: any(t is not None and F.compare_date(op, t, s, e)
                             for f in p.extraire(r) if (t := F.instant_de(f)) is not None
                             for op, s, e in tests_d)
    return lambda r: True  # special: answered by the engine


def _cible(resource_type: str, nom: str) -> str:
    inc = F.INCLUDES[resource_type].get(nom)
    if inc is not None:
        return inc[1]
    return {"organization": "Organization", "location": "Location"}.get(nom, nom)


def _par_les_lits(cat: Catalogue, criteres: list[Critere], ids: list[str]) -> list[str]:
    """Narrow the units with the engine's capacity arrays before any resource is built: a unit
    kept by a composite `capacity` criterion must have, in the arrays, a figure for that statut /
    temporalité / gender group at least the asked count (for ge / gt); by `nb-capacity=ge|gt`, a
    figure at least that count. A necessary condition only: the exact per-record test runs after,
    on what the caller is served."""
    lits = cat.service.moteur().lits
    row_of = cat.service.moteur().row_of
    for c in criteres:
        if c.nom == "nb-capacity":  # any record reaching the count (ge / gt only)
            masque_n: Any = None
            for v in F.valeurs(c.valeur):
                op, x = F.prefixe(v)
                seuil = F.nombre(x, c.nom)
                au_moins = math.floor(seuil) + 1 if op == "gt" else math.ceil(seuil)
                if op not in ("ge", "gt") or au_moins <= 0:
                    masque_n = None
                    break
                m = lits.peut_avoir(None, None, None, au_moins)
                masque_n = m if masque_n is None else masque_n | m
            if masque_n is not None:
                ids = _garder(ids, row_of.many(ids), masque_n)
            continue
        if c.nom != "capacity":
            continue
        masque: Any = None
        for v in F.valeurs(c.valeur):
            parts = v.split("$")
            if len(parts) != 4:
                return ids  # malformed: the exact test names the error
            statut, temporalite, genre, n = (p.rpartition("|")[2] for p in parts)
            if not statut or statut == SUPPLEMENTAIRE:
                return ids  # any statut, or 06 (its 0-bed records are not in the arrays)
            au_moins = 0
            if n:
                op, x = F.prefixe(n)
                seuil = F.nombre(x, c.nom)
                au_moins = (math.floor(seuil) + 1 if op == "gt" else math.ceil(seuil)
                            if op == "ge" else 0)
            m = lits.peut_avoir(statut, temporalite or None,
                                groupe(genre) if genre else None, au_moins)
            masque = m if masque is None else masque | m
        if masque is not None:
            ids = _garder(ids, row_of.many(ids), masque)
    return ids


_SYSTEMES_COMPOSITE = (("capacityStatus", "TRE_R330"), ("temporalityCapacity", "TRE_R331"),
                       ("genderCapacityAvailable", "TRE_R332"))


def _garder(ids: list[str], rows: Any, masque: Any) -> list[str]:
    """The ids the engine does not know (row −1), or whose row the mask keeps."""
    keep = (rows < 0) | masque[rows.clip(0)] if len(rows) else rows
    return [i for i, k in zip(ids, keep.tolist(), strict=True) if k]


def _composite_sur_modele(cat: Catalogue, c: Critere
                          ) -> Callable[[UniteOperationnelle, int], bool]:
    """The composite test on the model's records a unit's Location (place `rang`) serves (same
    records, same codes and systems as `ressources.capacite_extension` writes), without building
    the resource."""
    tests = [_capacite_composite(v, c.nom) for v in F.valeurs(c.valeur)]
    systemes = {nom: P.systeme(table) for nom, table in _SYSTEMES_COMPOSITE}

    def ok(uo: UniteOperationnelle, rang: int) -> bool:
        for cap in R.capacites_du_lieu(cat.appelant, uo, rang):
            rec = {"capacityStatus": (systemes["capacityStatus"], cap.statut),
                   "temporalityCapacity": (systemes["temporalityCapacity"], cap.temporalite),
                   "genderCapacityAvailable": (systemes["genderCapacityAvailable"], cap.genre),
                   "nbCapacity": cap.nombre}
            if any(t(rec) for t in tests):
                return True
        return False
    return ok


def _capacite_composite(valeur: str, field: str) -> Callable[[dict[str, Any]], bool]:
    """statut$temporalité$genre$[prefix]nombre against one capacity record."""
    parts = valeur.split("$")
    if len(parts) != 4:
        raise ValidationError(f"{field}: expected statut$temporalite$genre$nombre (4 parts, "
                              "empty for any)", field=field)
    statut, temporalite, genre, n = parts
    op, v = F.prefixe(n) if n else ("eq", "")
    seuil = F.nombre(v, field) if n else None

    def test(rec: dict[str, Any]) -> bool:
        for key, asked in (("capacityStatus", statut), ("temporalityCapacity", temporalite),
                           ("genderCapacityAvailable", genre)):
            if asked and (rec.get(key) is None or not F.token_egal(asked, rec[key])):
                return False
        if seuil is not None:
            got = rec.get("nbCapacity")
            return isinstance(got, int) and F.compare(op, float(got), seuil)
        return True
    return test


def _fiches(offre: Offre, cles: list[tuple[str, int]]) -> dict[str, UniteOperationnelle]:
    """The records of the units the keys name, read in batches (a stored offer reads them from the
    store: one batched read per 2,000 units, never one per key)."""
    ids = list(dict.fromkeys(k[0] for k in cles))
    out: dict[str, UniteOperationnelle] = {}
    for i in range(0, len(ids), 2000):
        out.update(offre.unites(ids[i:i + 2000])[0])
    return out


def _fid(cle: tuple[str, int]) -> str:
    """The FHIR id of a unit's place number `rang` (1: the unit's own id)."""
    return P.fhir_id(cle[0]) if cle[1] == 1 else P.lieu_id(cle[0], cle[1])


ECART_MAX_KM = 200.0  # how far a unit's place may lie from the unit for a radius search to see it


def _elargi(cat: Catalogue, criteres: list[Critere]) -> list[Critere]:
    """The criteria with a `near` / `near-insee-code` radius widened by the farthest a place of a
    unit with several lies from the unit's position (at most ECART_MAX_KM): the engine measures a
    unit from its own position, and `_places` then keeps each place within the asked radius."""
    proche = next((c for c in criteres if c.nom in ("near", "near-insee-code")), None)
    if proche is None:
        return criteres
    _lieu_demande, rayon = _lieu(proche)
    if rayon is None:  # the engine's own radius ladder: places measured within what it chose
        return criteres
    # haversine, 1 % above the geodesic figure at most: widened by 2 % for safety
    ecart = min(ECART_MAX_KM, cat.service.moteur().ecart_lieux_km() * 1.02)
    if ecart == 0.0:
        return criteres
    parts = proche.valeur.split("|")
    tete = parts[:2] if proche.nom == "near" else parts[:1]
    large = Critere(proche.nom, proche.modificateur, "|".join([*tete, str(rayon + ecart), "km"]))
    return [large if c is proche else c for c in criteres]


def _places(cat: Catalogue, ids: list[str], km: dict[str, float], criteres: list[Critere]
            ) -> tuple[list[tuple[str, int]], dict[str, float]]:
    """Every place of the engine's units, in the engine's order, with their distances. A unit
    with one place keeps the engine's distance; a place of a unit with several is measured from its
    own position (else the unit's) and, when the search gives a radius, left out beyond it (the
    engine's radius was widened by `_elargi` so such places are among its units)."""
    offre = cat.offre
    point: tuple[float, float] | None = None
    rayon: float | None = None
    for c in criteres:
        if c.nom in ("near", "near-insee-code"):
            lieu, rayon = _lieu(c)
            point = resolve(lieu, cat.service.moteur().territoire)
    cles: list[tuple[str, int]] = []
    distances: dict[str, float] = {}
    multiples = cat.service.moteur().lieux_multiples()  # the others are read for their page only
    for i in ids:
        if i not in multiples:
            if rayon is not None and km.get(i, 0.0) > rayon:  # the engine's radius was widened
                continue
            cles.append((i, 1))
            if i in km:
                distances[P.fhir_id(i)] = km[i]
            continue
        for rang, lieu_k in enumerate(offre.uo[i].lieux, start=1):
            d = km.get(i)
            if point is not None and lieu_k.coordonnees is not None:
                d = geodesic_km_geopy(point[0], point[1], lieu_k.coordonnees.lat,
                                      lieu_k.coordonnees.lon)
            if rayon is not None and d is not None and d > rayon:
                continue
            cles.append((i, rang))
            if d is not None:
                distances[_fid((i, rang))] = d
    return cles, distances


# -- the search ---------------------------------------------------------------------------------------
def rechercher(cat: Catalogue, resource_type: str, items: Iterable[tuple[str, str]]) -> Resultat:
    criteres, controle = parse(items, resource_type)
    count = min(_entier(controle, "_count", COUNT_DEFAUT), COUNT_MAX)
    offset = _entier(controle, "_getpagesoffset", 0)
    avertissements: list[str] = []
    distances: dict[str, float] = {}
    near = any(c.nom in ("near", "near-insee-code") for c in criteres)
    sorts = controle.get("_sort", [])
    if resource_type in MOTEUR:
        _, reste = requete_moteur(cat, criteres)
        ids, km, tronque = _par_moteur(cat, _elargi(cat, criteres) if resource_type == "Location"
                                       else criteres)
        if tronque:
            avertissements.append("the search engine ran out of time: the answer may be "
                                  "incomplete")
        offre = cat.offre

        def construire(cle: tuple[str, int]) -> Json:
            uo = offre.uo[cle[0]]
            return (cat.healthcare_service(uo) if resource_type == "HealthcareService"
                    else cat.location(uo, cle[1]))
        ids = _par_les_lits(cat, reste, ids)
        # a Location search answers every place of a unit (`<unit>--2`...), each on its own
        cles, distances = (_places(cat, ids, km, criteres) if resource_type == "Location"
                           else ([(i, 1) for i in ids], {P.fhir_id(i): d for i, d in km.items()}))
        composites = [c for c in reste if c.nom == "capacity"]
        partiels = [c for c in reste if (resource_type, c.nom) in PARTIES]
        if composites or partiels:  # on the records, no resource built
            fiches = _fiches(offre, cles)
            cles = [k for k in cles if k[0] in fiches]  # a unit deleted since the engine ran
            for c in composites:
                sur_modele = _composite_sur_modele(cat, c)
                cles = [k for k in cles if sur_modele(fiches[k[0]], k[1])]
            reste = [x for x in reste if x not in composites]
        if partiels:  # cheap first pass on the parts those parameters read
            nom = cat.service.nomenclatures
            tests = [(PARTIES[(resource_type, c.nom)], _filtre(resource_type, c))
                     for c in partiels]
            cles = [k for k in cles
                    if all(f(R.partie(nom, cat.appelant, fiches[k[0]], part, k[1]))
                           for part, f in tests)]
            reste = [c for c in reste if c not in partiels]
        if not reste and not any(k.lstrip("-") != "distance" for s in sorts
                                 for k in s.split(",") if k):
            # nothing left to read on the resources: order and page the ids, build one page
            _trier([], sorts, distances, resource_type, near)  # refuses a bad _sort all the same
            if near:
                desc = any(k == "-distance" for s in sorts for k in s.split(","))
                cles = sorted(cles, key=lambda k: distances.get(_fid(k), float("inf")),
                              reverse=desc)
            page = [construire(k) for k in cles[offset:offset + count]]
            return Resultat(resource_type, len(cles), page,
                            inclure(cat, resource_type, page, controle), distances, offset,
                            count, avertissements)
        candidats: list[Json] = [construire(k) for k in cles]
    else:
        reste = criteres
        candidats = list(cat.tous(resource_type))
    filtres = [_filtre(resource_type, c) for c in reste]
    matches = [r for r in candidats if all(f(r) for f in filtres)]
    matches = _trier(matches, sorts, distances, resource_type, near)
    page = matches[offset:offset + count]
    includes = inclure(cat, resource_type, page, controle)
    return Resultat(resource_type, len(matches), page, includes, distances, offset, count,
                    avertissements)


def _trier(rows: list[Json], sorts: list[str], distances: dict[str, float], resource_type: str,
           near: bool) -> list[Json]:
    keys = [k for s in sorts for k in s.split(",") if k]
    for k in keys:
        name = k.lstrip("-")
        if name not in F.SORTS and not (name == "distance" and near):
            raise NonSupporte(f"_sort: {k!r} not supported (use {', '.join(sorted(F.SORTS))}"
                              + (", distance" if near else "") + ")", field="_sort")
    if not keys and near:
        keys = ["distance"]

    def value(r: Json, name: str) -> Any:
        if name == "_id":
            return r["id"]
        if name == "_lastUpdated":
            return (r.get("meta") or {}).get("lastUpdated") or ""
        if name == "distance":
            return distances.get(r["id"], float("inf"))
        noms = F._noms(r)
        return fold(noms[0]) if noms else ""

    for k in reversed(keys):  # stable sorts, last key first
        name = k.lstrip("-")
        rows = sorted(rows, key=lambda r: value(r, name), reverse=k.startswith("-"))
    return rows


# -- _include / _revinclude ---------------------------------------------------------------------------
def _references(r: Json, element: str) -> list[str]:
    v = r.get(element)
    items = v if isinstance(v, list) else [v] if v else []
    return [i["reference"] for i in items if isinstance(i, dict) and i.get("reference")]


def inclure(cat: Catalogue, resource_type: str, page: list[Json],
            controle: dict[str, list[str]]) -> list[Json]:
    seen = {(r["resourceType"], r["id"]) for r in page}
    out: list[Json] = []

    def add(res: Json) -> bool:
        key = (res["resourceType"], res["id"])
        if key in seen:
            return False
        seen.add(key)
        out.append(res)
        return True

    def follow(sources: list[Json], spec: str, key: str) -> list[Json]:
        src_type, _, name = spec.partition(":")
        name, _, target_type = name.partition(":")
        inc = F.INCLUDES.get(src_type, {}).get(name)
        if inc is None or (target_type and target_type != inc[1]):
            raise NonSupporte(f"{key}: {spec!r} not supported", field=key)
        element, target = inc
        added = []
        for r in sources:
            if r["resourceType"] != src_type:
                continue
            for reference in _references(r, element):
                rtype, _, rid = reference.partition("/")
                if rtype != target:
                    continue
                try:
                    res = cat.lire(rtype, rid)
                except RorError:
                    continue  # a reference to what the caller may not see, or no longer exists
                if add(res):
                    added.append(res)
        return added

    for spec in controle.get("_include", []):
        follow(page, spec, "_include")
    iterate = controle.get("_include:iterate", [])
    sources = page + out  # :iterate also follows what the includes brought
    while iterate and sources:
        sources = [r for spec in iterate for r in follow(sources, spec, "_include:iterate")]
    for spec in controle.get("_revinclude", []):
        if spec not in F.REVINCLUDES.get(resource_type, []):
            raise NonSupporte(f"_revinclude: {spec!r} not supported on {resource_type}",
                              field="_revinclude")
        src_type, _, name = spec.partition(":")
        element = F.INCLUDES[src_type][name][0]
        wanted = {f"{resource_type}/{r['id']}" for r in page}
        for res in _revincluables(cat, src_type, page):
            if any(ref in wanted for ref in _references(res, element)):
                add(res)
    return out


def _revincluables(cat: Catalogue, src_type: str, page: list[Json]) -> Iterable[Json]:
    """Candidates pointing at the page: a unit's roles from the unit index, else every resource."""
    if src_type == "PractitionerRole" and page and page[0]["resourceType"] == "HealthcareService":
        nom = cat.service.nomenclatures
        from . import ressources as R

        for r in page:
            uo_id = P.model_id(r["id"]) or ""
            for p, e in cat.roles().get(uo_id, []):
                yield R.practitioner_role(nom, p, e)
        return
    yield from cat.tous(src_type)

