"""Search: GET with query parameters, POST with a JSON body, the same criteria and the same answer.

Wire criteria are checked against their nomenclatures here (an unknown code is a 400 naming the
field) and turned into the engine's `Requete`; each page's units are enriched in one batched lookup.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import orjson
from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import ValidationError as PydanticValidationError

from ...disponibilite import COURANT, Chiffre, Demande, Disponibilite, Fraicheur, tenue
from ...droits import Appelant, confidentialites_visibles, portee, voit_lits
from ...engine.page import Page
from ...errors import ForbiddenError, NotFoundError, ValidationError
from ...horaires import is_open
from ...memo import remember
from ...offre import Confidentialite, EntiteGeographique, UniteOperationnelle
from ...requete import (
    Explication,
    Lieu,
    Profil,
    Reponse,
    Requete,
    Resultat,
    Sexe,
    plain_init,
)
from ...service import Service
from ...store.fiches import CACHE as FICHES_GARDEES
from ...telephones import a_appeler
from ...territoire import REGIONS, Territoire
from ..compression import compresser
from ..relais import Relais
from ..wire import (
    LIST_CRITERIA,
    RESULT_FIELDS,
    EtapesOut,
    RechercheIn,
    RechercheQuery,
    ReponseOut,
)
from . import ERRORS, Lecteur, lecteur, service

router = APIRouter(prefix="/api/v1", tags=["recherche"], responses=ERRORS)

CODE_TABLES = {
    "activites": "TRE_R211",
    "champs": "TRE_R227",
    "modes": "TRE_R213",
    "categories_organisation": "TRE_R244",
    "publics": "TRE_R239",
    "equipements": "TRE_R212",
    "specialisations": "TRE_R245",
    "temporalites_accueil": "TRE_R240",
    "nature_lits": "TRE_R329",
    "statut_lits": "TRE_R330",
    "temporalite_lits": "TRE_R331",
}
APTITUDE_TABLES = {"R210": "TRE_R210", "R243": "TRE_R243"}


def _unknown(field: str, code: str, table: str) -> ValidationError:
    return ValidationError(
        f"{field}: unknown code {code!r} in table {table}", field=field, code="unknown_code"
    )


# A search's query built at a plain class's cost (its frozen __init__ set its ~45 fields one
# `object.__setattr__` at a time: ~5 µs of the ~12 of `to_requete`, measured); the same object
_requete = plain_init(Requete)


def to_requete(p: RechercheIn, svc: Service, appelant: Appelant) -> Requete:
    """Check the wire criteria against the nomenclatures and territory; build the engine's query."""
    nom = svc.nomenclatures
    for name, table in CODE_TABLES.items():
        value = getattr(p, name)
        for code in value if isinstance(value, list) else ([value] if value else []):
            if code not in nom.table(table):
                raise _unknown(name, code, table)
    for name in ("aptitudes", "aptitudes_souhaitees"):
        for apt in getattr(p, name):
            prefix, _, code = apt.partition(":")
            apt_table = APTITUDE_TABLES.get(prefix)
            if apt_table is None or not code:
                raise ValidationError(
                    f"{name}: {apt!r} must be R210:<code> or R243:<code>", field=name
                )
            if code not in nom.table(apt_table):
                raise _unknown(name, code, apt_table)
    for r in p.regions:
        if r not in REGIONS:
            raise _unknown("regions", r, "INSEE regions")
    for d in p.departements:
        if d not in svc.territoire.dept_region:
            raise _unknown("departements", d, "INSEE départements")
    try:
        if p.commune:  # an INSEE code, or a postcode typed where a commune is asked
            svc.territoire.lieu(p.commune)
        if p.code_postal:
            svc.territoire.postcode(p.code_postal)
    except NotFoundError as exc:
        raise ValidationError(exc.message, field=exc.field, code="unknown_code") from None
    if p.limit is not None and p.limit > svc.settings.max_limit:
        raise ValidationError(
            f"limit: at most {svc.settings.max_limit}, got {p.limit}", field="limit"
        )
    unknown = [f for f in p.fields if f not in RESULT_FIELDS]
    if unknown:
        raise ValidationError(
            f"fields: unknown result field {unknown[0]!r} (known: {', '.join(RESULT_FIELDS)})",
            field="fields",
            code="invalid_fields",
        )
    if p.lits_min > 0 and not appelant.regulation:
        raise ForbiddenError("lits_min: free-bed criteria need regulator read", field="lits_min")
    if p.en_crise is not None and not appelant.regulation:
        raise ForbiddenError("en_crise: crisis status needs regulator read", field="en_crise")
    lieu = None
    if p.lat is not None or p.commune or p.code_postal:
        lieu = Lieu(lat=p.lat, lon=p.lon, commune=p.commune, code_postal=p.code_postal)
    return _requete(
        texte=(p.texte or "").strip() or None,
        profil=Profil(p.profil),
        aptitudes=tuple(p.aptitudes),
        aptitudes_souhaitees=tuple(p.aptitudes_souhaitees),
        activites=tuple(p.activites),
        champs=tuple(p.champs),
        modes=tuple(p.modes),
        categories_organisation=tuple(p.categories_organisation),
        publics=tuple(p.publics),
        specialisations=tuple(p.specialisations),
        temporalites_accueil=tuple(p.temporalites_accueil),
        equipements=tuple(p.equipements),
        poids_min_kg=p.poids_min_kg,
        age=p.age,
        sexe=Sexe(p.sexe) if p.sexe else None,
        ouvert_a=p.ouvert_a,
        ouvert_maintenant=p.ouvert_maintenant,
        lits_min=p.lits_min,
        nature_lits=p.nature_lits,
        statut_lits=p.statut_lits,
        temporalite_lits=p.temporalite_lits,
        lits_supplementaires=p.lits_supplementaires,
        en_crise=p.en_crise,
        national=p.national,
        age_max_lits=(
            timedelta(minutes=p.age_max_lits_minutes)
            if p.age_max_lits_minutes is not None
            else None
        ),
        lieu=lieu,
        rayon_km=p.rayon_km,
        regions=tuple(p.regions),
        departements=tuple(p.departements),
        eg_ids=tuple(p.eg_ids),
        elargir=p.elargir,
        limite=p.limit,
        curseur=p.curseur,
        budget_ms=p.budget_ms or svc.settings.search_budget_ms,
        # what this caller may see, as `droits.restreindre` narrows it (so the service's check
        # finds nothing to change)
        **portee(appelant),
        # the result's facts (beds, opening) come with the explanation: always asked of the
        # engine; `expliquer=false` only leaves the explanation out of the answer
        expliquer=True,
    )


def reponse_out(
    rep: Reponse,
    svc: Service,
    appelant: Appelant,
    expliquer: bool,
    requete: Requete | None = None,
    now: datetime | None = None,
) -> ReponseOut:
    """The answer as its declared wire model: what `reponse_json` encodes, read back (one place
    says what a line shows and to whom; the model checks the shape)."""
    return ReponseOut.model_validate_json(
        reponse_json(rep, svc, appelant, expliquer, requete, now))


# -- the answer as plain data ------------------------------------------------------------------
# Building ~6 wire models per result line cost more than the engine's search (profiled); the
# search routes build the JSON data directly, key for key as the wire models declare it (numbers
# made plain floats and ints, instants UTC), and encode it with orjson: on this plain data a fifth
# of pydantic-core's untyped `to_json` time, and the same bytes (shortest float repr, "Z" instants;
# checked on 600,000 floats and 100,000 instants). `ReponseOut` declares the answer (OpenAPI,
# docs); tests/test_api_recherche_json.py checks that reading it back into the models and encoding
# them gives the same bytes.


def _instant(v: datetime | None) -> datetime | None:
    """As the wire's `Instant` validator: in UTC."""
    if v is None:
        return None
    return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)


def _flottant(v: float | None) -> float | None:
    return None if v is None else float(v)


def chiffre_json(c: Chiffre | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"nombre": int(c.nombre), "maj": _instant(c.maj),
            "age_minutes": _flottant(c.age_minutes), "perime": bool(c.perime),
            "temporalite": c.temporalite, "prevision": c.temporalite != COURANT,
            "crise": c.crise, "type_lit_supplementaire": c.type_lit}


def _chiffres_json(cs: tuple[Chiffre, ...]) -> list[dict[str, Any]]:
    return [x for x in map(chiffre_json, cs) if x is not None]


def disponibilite_json(d: Disponibilite) -> dict[str, Any]:
    """A bed figure as plain data (`DisponibiliteOut`, as `unites.disponibilite_out` makes it)."""
    nombre = d.nombre
    perime = d.perime
    return {
        "natures": list(d.natures), "unite": d.unite, "sans_objet": bool(d.sans_objet),
        "visible": bool(d.visible), "nombre": None if nombre is None else int(nombre),
        "perime": None if perime is None else bool(perime), "texte": d.texte, "crise": d.crise,
        "hors_crise_comptes": bool(d.hors_crise_comptes), "compte": chiffre_json(d.compte),
        "installe": chiffre_json(d.installe), "maintenant": chiffre_json(d.maintenant),
        "supplementaires": _chiffres_json(d.supplementaires),
        "mobilisables": _chiffres_json(d.mobilisables),
        "previsions": _chiffres_json(d.previsions),
    }


# What is asked and how fresh a figure must be (`Demande`, `Fraicheur`: few per deployment) →
# (unit record id, whether the caller reads free figures) → (the unit: the same object while
# unchanged, an update or a publication makes a new one; the instants between which its figure
# stays as shown, `tenue`; what a line shows of it: the figure's JSON encoded once, the counted
# number and its time, stale, crisis). A request looks up its own table once, then each line by
# two plain values (hashing the two frozen dataclasses on every line cost more than the lookup).
# Nothing but the unit is a container, so the garbage collector stops tracking what an entry
# replaced every few seconds (as ages move) brings in: keeping whole figure objects that long fed
# the full collections (~90 ms each, in-process, every ~3,000 searches instead of none).
_FIGURES: dict[tuple[Demande, Fraicheur], dict[tuple[int, bool], tuple[Any, ...]]] = {}
_FIGURES_MAX = FICHES_GARDEES  # lines kept per table: as many as unit records
_DEMANDES_MAX = 64  # tables kept (a maximum age makes a new `Demande`: bounded)


def figures_gardees(demande: Demande, fraicheur: Fraicheur) -> dict[tuple[int, bool],
                                                                   tuple[Any, ...]]:
    """The figures kept for what a request asks (one lookup per request, not per line)."""
    kept = _FIGURES.get((demande, fraicheur))
    if kept is None:
        kept = remember(_FIGURES, (demande, fraicheur), {}, _DEMANDES_MAX)
    return kept


def figure_ligne(svc: Service, appelant: Appelant, uo: UniteOperationnelle, now: datetime,
                 demande: Demande, profil: Profil | None, lits: bool,
                 kept: dict[tuple[int, bool], tuple[Any, ...]] | None = None) -> tuple[Any, ...]:
    """The bed figure of a unit's line as `Service.disponibilite` gives it at `now`: (its JSON,
    the counted number, its time, stale, crisis, and the line's members they decide, encoded:
    `_membres_figure`), kept while the clock stays in its span.
    `lits`: whether the caller reads this unit's free figures (`voit_lits`); `kept`: the
    request's table (`figures_gardees`)."""
    if kept is None:
        kept = figures_gardees(demande, svc.fraicheur(profil))
    cle = (id(uo), lits)
    hit = kept.get(cle)
    if hit is not None and hit[0] is uo and hit[1] <= now <= hit[2]:
        return hit[3:]
    fraicheur = svc.fraicheur(profil)
    d = svc.disponibilite(appelant, uo, now, demande, profil)
    compte = d.compte
    # copied to its own size: orjson hands back its working buffer (4 KiB and more, whatever the
    # length), and this is kept as long as the figure (~15 MiB of a worker's private memory over
    # the national SAMU mix's units, measured)
    encodee = memoryview(orjson.dumps(disponibilite_json(d), option=orjson.OPT_UTC_Z)).tobytes()
    nombre = None if compte is None else int(compte.nombre)
    maj = None if compte is None else _instant(compte.maj)
    perime = None if d.perime is None else bool(d.perime)
    rendu = (orjson.Fragment(encodee), nombre, maj, perime, d.crise,
             *_membres_figure(uo, encodee, (nombre, maj, perime, d.crise) if lits else None))
    if demande.age_max is None:  # with a maximum age, which records count depends on the clock
        debut, fin = tenue(d, now, fraicheur)
        if debut <= fin:
            remember(kept, cle, (uo, debut, fin, *rendu), _FIGURES_MAX)
    return rendu


def explication_json(e: Explication, lits: bool) -> dict[str, Any]:
    """The engine's explanation; a public reader's has the free-bed figures and the crisis status
    (a bed figure too) blanked. (Tuples are encoded as the lists the wire model declares.)"""
    if lits:
        return {
            "criteres": e.criteres,
            "aptitudes_trouvees": e.aptitudes_trouvees,
            "aptitudes_manquantes": e.aptitudes_manquantes,
            "distance_km": _flottant(e.distance_km),
            "lits_disponibles": None if e.lits_disponibles is None else int(e.lits_disponibles),
            "lits_maj": _instant(e.lits_maj),
            "lits_age_min": _flottant(e.lits_age_min),
            "lits_perimes": bool(e.lits_perimes),
            "ouvert": None if e.ouvert is None else bool(e.ouvert),
            "ouverture_prochaine": _instant(e.ouverture_prochaine),
            "score": float(e.score),
            "detail_score": {k: float(v) for k, v in e.detail_score.items()},
            "crise": e.crise,
        }
    return {
        "criteres": [c for c in e.criteres if not c.startswith("crise")],
        "aptitudes_trouvees": e.aptitudes_trouvees,
        "aptitudes_manquantes": e.aptitudes_manquantes,
        "distance_km": _flottant(e.distance_km),
        "lits_disponibles": None,
        "lits_maj": None,
        "lits_age_min": None,
        "lits_perimes": False,
        "ouvert": None if e.ouvert is None else bool(e.ouvert),
        "ouverture_prochaine": _instant(e.ouverture_prochaine),
        "score": float(e.score),
        "detail_score": {k: float(v) for k, v in e.detail_score.items() if k != "lits"},
        "crise": None,
    }


# (unit record id, the contact levels the caller sees) → (the unit and its EG: the same objects
# while unchanged, an update or a publication makes new ones; the territory placing them; the
# facts of their line no query changes: commune, position, number to call, sensitive, generated)
_FAITS: dict[tuple[int, frozenset[Confidentialite]],
             tuple[UniteOperationnelle, EntiteGeographique | None, Territoire, tuple[Any, ...]]] = {}
_FAITS_MAX = FICHES_GARDEES


def _territoire(svc: Service) -> Territoire:
    """The territory placing the units (the engine's, which computed their distances)."""
    return svc.engine.territoire if svc.engine is not None else svc.territoire


def faits_unite(svc: Service, appelant: Appelant, uo: UniteOperationnelle,
                eg: EntiteGeographique | None, niveaux: frozenset[Confidentialite] | None = None,
                territoire: Territoire | None = None) -> tuple[Any, ...]:
    """The facts of a unit's line that only the unit, its EG and the contact levels the caller may
    read decide (`a_appeler`'s inputs), kept while those are the same objects: commune, lat, lon,
    number to call and whose, sensitive, generated, the first five as the line's encoded
    members, and the line's head (`{"uo_id":…,"eg_id":…,"nom":…,"eg_nom":…,"score":`).
    `niveaux`, `territoire`: the caller's levels for this unit and the service's territory, when
    the caller worked them out for a whole page."""
    if niveaux is None:
        niveaux = confidentialites_visibles(appelant, uo.eg_id)
    if territoire is None:
        territoire = _territoire(svc)
    cle = (id(uo), niveaux)
    hit = _FAITS.get(cle)
    if hit is not None and hit[0] is uo and hit[1] is eg and hit[2] is territoire:
        return hit[3]
    coords = svc.position(uo, eg)
    tel = a_appeler(appelant, uo)
    montres = (eg.adresse.localite if eg is not None else None,
               float(coords[0]) if coords else None, float(coords[1]) if coords else None,
               tel.numero if tel is not None else None, tel.fonction if tel is not None else None)
    tete = b"{" + _membres({"uo_id": uo.id, "eg_id": uo.eg_id, "nom": uo.nom,
                            "eg_nom": eg.nom if eg is not None else ""}) + b',"score":'
    faits = (*montres, bool(uo.sensible), bool(uo.genere),
             b"," + _membres(dict(zip(_FAITS_CLES, montres, strict=True))), tete)
    remember(_FAITS, cle, (uo, eg, territoire, faits), _FAITS_MAX)
    return faits


def resultat_json(
    r: Resultat,
    uo: UniteOperationnelle | None,
    faits: tuple[Any, ...],
    lits: bool,
    expliquer: bool,
    figure: tuple[Any, ...] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One result with what a screen needs. `faits`: the unit's own (`faits_unite`); `figure`:
    its bed figure (`figure_ligne`, from the one function `Service.disponibilite`), free figures
    for full readers of its EG only (`lits`); `expliquer=false` drops the explanation, never
    these figures."""
    e = r.explication
    commune, lat, lon, telephone, fonction, sensible, genere = faits[:7]
    ouvert = r.ouvert if r.ouvert is not None else (e.ouvert if e is not None else None)
    if ouvert is None and uo is not None and now is not None:
        ouvert = is_open(uo.horaires, now)
    nombre = maj = perime = crise = None
    if figure is not None and lits:
        nombre, maj, perime, crise = figure[1:5]
    return {
        "uo_id": r.uo_id,
        "eg_id": r.eg_id,
        "nom": r.nom,
        "eg_nom": r.eg_nom,
        "score": _flottant(r.score),
        "distance_km": _flottant(r.distance_km),
        "commune": commune,
        "lat": lat,
        "lon": lon,
        "telephone": telephone,
        "telephone_fonction": fonction,
        "lits_disponibles": nombre,
        "lits_maj": maj,
        "lits_perimes": perime,
        "ouvert": None if ouvert is None else bool(ouvert),
        "ouverture_prochaine": _instant(e.ouverture_prochaine) if e is not None else None,
        "sensible": sensible,
        "crise": crise,
        "genere": genere,
        "disponibilite": figure[0] if figure is not None else None,
        "explication": explication_json(e, lits) if e is not None and expliquer else None,
    }


# -- a result line encoded from its parts ------------------------------------------------------
# Most of a line is the same from one search to the next: the unit's names, place, number to call
# and bed figure. Those members are encoded once (with the facts and figures kept above) and a line
# is joined from them and the few values of this search (score, distance, opening, explanation),
# instead of building a dict of 21 keys per line and encoding it whole. The values of the whole
# page are encoded in one call, read from the engine's page lists (`engine.page.Page`) without
# building its `Resultat`s and `Explication`s (`lignes_page`). The members are what orjson writes
# for the same values, in the wire model's order (tests/test_api_recherche_json.py compares the
# bytes with the wire models').

_FAITS_CLES = ("commune", "lat", "lon", "telephone", "telephone_fonction")
_JSON = {True: b"true", False: b"false", None: b"null"}
# an explanation's bed members for a caller who does not read the unit's free beds
_LITS_CACHES = b',"lits_disponibles":null,"lits_maj":null,"lits_age_min":null,"lits_perimes":false'


def _membres(valeurs: dict[str, Any]) -> bytes:
    """`"key":value,...`: an object's members as orjson encodes them, without the braces."""
    return orjson.dumps(valeurs, option=orjson.OPT_UTC_Z)[1:-1]


def _membres_figure(uo: UniteOperationnelle, encodee: bytes,
                    lus: tuple[Any, ...] | None) -> tuple[bytes, bytes]:
    """What a bed figure decides of a line, encoded: the free-figure members up to `"ouvert":`,
    and from `"sensible"` to `"explication":`. `lus`: (number, time, stale, crisis) for a caller
    who reads them; None shows them as null."""
    nombre, maj, perime, crise = lus if lus is not None else (None, None, None, None)
    lits = _membres({"lits_disponibles": nombre, "lits_maj": maj, "lits_perimes": perime})
    fin = b"".join((b',"sensible":', _JSON[bool(uo.sensible)], b',"crise":',
                    orjson.dumps(crise), b',"genere":', _JSON[bool(uo.genere)],
                    b',"disponibilite":', encodee, b',"explication":'))
    return b"," + lits + b',"ouvert":', fin


def _utc(v: datetime | None) -> datetime | None:
    return v if v is None or v.tzinfo is UTC else _instant(v)


def lignes_page(page: Page, svc: Service, appelant: Appelant, expliquer: bool, now: datetime,
                demande: Demande, profil: Profil | None,
                kept: dict[tuple[int, bool], tuple[Any, ...]]) -> orjson.Fragment:
    """The array of the engine's page's lines, encoded from its lists (no `Resultat` nor `Explication`
    built): what this search changes in them — scores, distances, next openings, the
    explanation's bed figures and score components — encoded in one call for the page, then
    each line joined from those and its unit's kept members (`faits_unite`, `figure_ligne`):
    the bytes `resultat_json` gives."""
    n = len(page)
    complet = appelant.regulation  # reads every EG in full: every unit, figure and number
    expl = page.expliquee
    noms = page.detail_noms
    if expl:
        cols: list[list[Any]] = [page.scores, page.distances, [_utc(v) for v in page.prochaines],
                                 page.lits_disponibles, [_utc(v) for v in page.lits_maj],
                                 page.lits_age_min, *page.details]
    else:
        cols = [page.scores, page.distances, [None] * n]
    pas = len(cols)
    # numbers, null and quoted instants: no token holds a comma
    jetons = orjson.dumps([v for ligne in zip(*cols, strict=True) for v in ligne],
                          option=orjson.OPT_UTC_Z)[1:-1].split(b",") if n else []
    cles = [orjson.dumps(k) + b":" for k in noms]
    publics = [i for i, k in enumerate(noms) if k != "lits"]  # a public reader's components
    cles_publiques = [cles[i] for i in publics]
    # criteria and aptitudes encoded once per tuple (the shared ones: once for the page), for a
    # full reader and for a public one (no crisis said)
    textes: dict[int, bytes] = {}
    textes_publics: dict[int, bytes] = {}
    territoire = _territoire(svc)
    # a full reader sees every contact level of every EG (`confidentialites_visibles`)
    tous = confidentialites_visibles(appelant, "") if complet else None
    out: list[bytes] = []  # the array's bytes, joined once
    for j in range(n):
        uo, eg = page.unites[j], page.egs[j]
        if not complet and not appelant.voit_uo(uo):  # defence in depth: never leak
            continue
        lits = complet or voit_lits(appelant, uo.eg_id)
        faits = faits_unite(svc, appelant, uo, eg,
                            tous if tous is not None else confidentialites_visibles(
                                appelant, uo.eg_id), territoire)
        figure = figure_ligne(svc, appelant, uo, now, demande, profil, lits, kept)
        ouvert = page.ouverts[j]
        if ouvert is None:
            ouvert = is_open(uo.horaires, now)
        k = j * pas
        score, distance, prochaine = jetons[k], jetons[k + 1], jetons[k + 2]
        out += (b",", faits[8], score, b',"distance_km":', distance, faits[7], figure[5],
                _JSON[bool(ouvert)], b',"ouverture_prochaine":', prochaine, figure[6])
        if not (expl and expliquer):
            out.append(b"null}")
            continue
        crit, trouvees, manquantes = page.criteres[j], page.trouvees[j], page.manquantes[j]
        kept_t = textes if lits else textes_publics
        crit_b = kept_t.get(id(crit))
        if crit_b is None:
            crit_b = kept_t[id(crit)] = orjson.dumps(
                crit if lits else [c for c in crit if not c.startswith("crise")])
        out += (b'{"criteres":', crit_b,
                b',"aptitudes_trouvees":', orjson.dumps(trouvees) if trouvees else b"[]",
                b',"aptitudes_manquantes":', orjson.dumps(manquantes) if manquantes else b"[]",
                b',"distance_km":', distance)
        if lits:
            crise = page.crises[j]
            out += (b',"lits_disponibles":', jetons[k + 3], b',"lits_maj":', jetons[k + 4],
                    b',"lits_age_min":', jetons[k + 5], b',"lits_perimes":',
                    _JSON[page.lits_perimes[j]])
            detail = b",".join(map(bytes.__add__, cles, jetons[k + 6:k + pas]))
            crise_b = b"null" if crise is None else orjson.dumps(crise)
        else:  # a public reader: no free beds, crisis, nor their component
            out.append(_LITS_CACHES)
            detail = b",".join(map(bytes.__add__, cles_publiques,
                                   [jetons[k + 6 + i] for i in publics]))
            crise_b = b"null"
        out += (b',"ouvert":', _JSON[page.ouverts[j]], b',"ouverture_prochaine":', prochaine,
                b',"score":', score, b',"detail_score":{', detail, b'},"crise":', crise_b, b"}}")
    if not out:
        return orjson.Fragment(b"[]")
    out[0] = b"["  # the first line's separator
    out.append(b"]")
    return orjson.Fragment(b"".join(out))


def _lignes_objets(rep: Reponse, svc: Service, appelant: Appelant, expliquer: bool,
                   now: datetime, demande: Demande, profil: Profil | None,
                   kept: dict[tuple[int, bool], tuple[Any, ...]],
                   fields: list[str] | tuple[str, ...]) -> list[Any]:
    """The lines from the page's `Resultat`s (`fields=` asked, or a page not the engine's), each
    as plain data (`resultat_json`)."""
    uos, egs = svc.unites([r.uo_id for r in rep.resultats])
    complet = appelant.regulation
    keep = {"uo_id", *fields} if fields else None
    resultats: list[Any] = []
    for r in rep.resultats:
        uo = uos.get(r.uo_id)
        eg = egs.get(r.eg_id)
        if uo is None:  # not in the offer read: what its EG says, nothing of the unit
            coords = svc.position(None, eg)
            faits: tuple[Any, ...] = (
                eg.adresse.localite if eg is not None else None,
                float(coords[0]) if coords else None, float(coords[1]) if coords else None,
                None, None, None, None)
            figure = None
        elif not complet and not appelant.voit_uo(uo):  # defence in depth: never leak
            continue
        else:
            lits_uo = complet or voit_lits(appelant, uo.eg_id)
            faits = faits_unite(svc, appelant, uo, eg)
            figure = figure_ligne(svc, appelant, uo, now, demande, profil, lits_uo, kept)
        lits = complet or voit_lits(appelant, r.eg_id)
        line = resultat_json(r, uo, faits, lits, expliquer, figure, now)
        resultats.append(line if keep is None else {k: v for k, v in line.items() if k in keep})
    return resultats


def reponse_json(
    rep: Reponse,
    svc: Service,
    appelant: Appelant,
    expliquer: bool,
    requete: Requete | None = None,
    now: datetime | None = None,
    fields: list[str] | tuple[str, ...] = (),
) -> bytes:
    """The search answer encoded, with `fields=` applied (`champs_demandes` says the same to the
    wire model). The engine's page brings its units' records (else they are read in one batched
    lookup); what is the same for every line (what is asked, a regulator's rights) is worked out
    once."""
    now = now or datetime.now(UTC)
    demande = Demande.de(requete) if requete is not None else Demande()
    profil = requete.profil if requete is not None else None
    kept = figures_gardees(demande, svc.fraicheur(profil))
    resultats: list[Any] | orjson.Fragment
    if isinstance(rep.page, Page) and not fields:  # the engine's lists, read as they are
        resultats = lignes_page(rep.page, svc, appelant, expliquer, now, demande, profil, kept)
    else:
        resultats = _lignes_objets(rep, svc, appelant, expliquer, now, demande, profil, kept,
                                   fields)
    et = rep.etapes
    return orjson.dumps({
        "resultats": resultats,
        "total": int(rep.total),
        "curseur_suivant": rep.curseur_suivant,
        "relachements": [{"critere": x.critere, "avant": x.avant, "apres": x.apres}
                         for x in rep.relachements],
        "tronque": bool(rep.tronque),
        "etapes": {k: int(et[k]) for k in ETAPES},
        "duree_ms": float(rep.duree_ms),
        "concepts": rep.concepts,
        "non_compris": rep.non_compris,
        "vouliez_vous_dire": rep.vouliez_vous_dire,
    }, option=orjson.OPT_UTC_Z)


ETAPES = tuple(EtapesOut.model_fields)


def champs_demandes(fields: list[str]) -> dict[str, Any] | None:
    """`fields=` as an `include` of the answer: every top-level key, and in each result only the
    keys asked for (uo_id always)."""
    if not fields:
        return None
    top: dict[str, Any] = {k: True for k in ReponseOut.model_fields}
    top["resultats"] = {"__all__": {"uo_id", *fields}}
    return top


def _search(request: Request, p: RechercheIn, appelant: Appelant) -> Response:
    svc = service(request)
    return _answer(svc, p, appelant, to_requete(p, svc, appelant))


def _answer(svc: Service, p: RechercheIn, appelant: Appelant, requete: Requete) -> Response:
    now = datetime.now(UTC)
    body = reponse_json(svc.rechercher(requete, appelant, now), svc, appelant, p.expliquer,
                        requete, now, p.fields)
    return Response(body, media_type="application/json")


def criteres_query(request: Request) -> RechercheQuery:
    """The criteria of a query string, validated by the wire model in one pass.

    Parsed by hand rather than as a FastAPI query model: that path walked every field's annotation
    on each request and cost more than a whole SAMU search."""
    data: dict[str, Any] = {}
    for k, v in paires(request.scope["query_string"]):
        if k in LIST_CRITERIA:
            data.setdefault(k, []).append(v)
        else:  # the last one, in the key's first place (as Starlette's `QueryParams[k]`)
            data[k] = v
    try:
        return RechercheQuery.model_validate(data)
    except PydanticValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from None


def paires(query: bytes) -> list[tuple[str, str]]:
    """A query string's (name, value) pairs exactly as Starlette's `QueryParams` reads them
    (latin-1, then `parse_qsl` keeping blank values), without its two copies into a multidict
    nor `parse_qsl`'s per-field calls where nothing is encoded (SAMU mix: 12 → 5 µs a request)."""
    out = []
    for part in query.decode("latin-1").split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if "%" in name or "+" in name:
            name = unquote(name.replace("+", " "))
        if "%" in value or "+" in value:
            value = unquote(value.replace("+", " "))
        out.append((name, value))
    return out


def query_parameters() -> list[dict[str, Any]]:
    """The OpenAPI description of the criteria as query parameters (from the wire model)."""
    schema = RechercheQuery.model_json_schema()
    out = []
    for name, prop in schema["properties"].items():
        param: dict[str, Any] = {"name": name, "in": "query", "required": False,
                                 "schema": {k: v for k, v in prop.items() if k != "description"}}
        if "description" in prop:
            param["description"] = prop["description"]
        if name in LIST_CRITERIA:
            param |= {"style": "form", "explode": True}
        out.append(param)
    return out


@router.get("/recherche", response_model=ReponseOut, summary="Search units (query parameters)",
            openapi_extra={"parameters": query_parameters()})
async def recherche_get(request: Request) -> Response:
    return await recherche_get_compressee(request, None)


async def recherche_get_compressee(request: Request, gzip: bool | None) -> Response:
    """The search, its answer also compressed on the search thread as the compression middleware
    would (`gzip`: the client accepts it; None: left to the middleware): what the app's direct
    path serves. The caller and the criteria are settled on the event loop, the search and its
    page on the search thread (the event loop never runs a search): see `SEARCH_THREADS`."""
    p, appelant, requete = _preparer(request)
    return await _relais().run(_repondre, request, p, appelant, requete, gzip)


def _preparer(request: Request) -> tuple[RechercheQuery, Appelant, Requete]:
    """The caller (key, rate limit) and the checked criteria, on the event loop, before the hop.

    On the search thread, after the previous search and its page had filled the caches, these
    steps cost ~150 µs of CPU per request in the national SAMU mix where the same work costs
    ~45 µs on the loop thread (measured by replacing each step by its result: key + rate limit
    52, query parsing 57, criteria checks 34 µs). A refused request (401, 429, 400, 403) is also
    answered without waiting behind the searches queued for the thread."""
    svc = service(request)
    # the caller resolved here, as `Lecteur` does, without FastAPI's dependency solving: the
    # busiest route (profiled: that machinery cost a tenth of a SAMU answer's CPU)
    with svc.store.une_lecture():
        appelant = lecteur(request)
        p = criteres_query(request)
        return p, appelant, to_requete(p, svc, appelant)


def _repondre(request: Request, p: RechercheQuery, appelant: Appelant, requete: Requete,
              gzip: bool | None) -> Response:
    svc = service(request)
    with svc.store.une_lecture():  # both feeds: one change-counter read
        response = _answer(svc, p, appelant, requete)
    return response if gzip is None else compresser(response, gzip)


# One search at a time per worker process, on its own thread (the workers are the parallelism:
# one per core). Measured at national scale, 2 workers / 16 connections (docs in
# bench/bench_http_plancher.py, notes http5): two threads per worker took turns at the GIL, each
# forced hand-over every 5 ms stretching a search (engine p99 inside requests 28–41 ms with two
# threads, 2–9 ms with one) and costing CPU; anyio's `to_thread` under a limiter cost ~0.1 ms
# more per request than this relay. A slow search (a 400 km fallback, free text; bounded by
# `budget_ms`) holds the searches queued behind it in its worker, never the event loop.
SEARCH_THREADS = 1
_RELAIS: list[Relais] = []


def _relais() -> Relais:
    """This process's search threads (made on first use, after the worker process started)."""
    if not _RELAIS:
        _RELAIS.append(Relais(SEARCH_THREADS, "recherche"))
    return _RELAIS[0]


@router.post("/recherche", response_model=ReponseOut, summary="Search units (JSON body)")
async def recherche_post(request: Request, appelant: Lecteur, p: RechercheIn) -> Response:
    return await _relais().run(_search, request, p, appelant)
