"""The search routes build their answer as plain data (web/routes/recherche.py `reponse_json`); it
must be the very bytes the declared wire models give once read back (`reponse_out` +
`json_response`), for every kind of caller and figure, with and without `expliquer` and
`fields=`; each line must show what the library says this caller may read, whatever another
caller was shown before (the route keeps per-unit facts and encoded figures); and kept figures
must age with the clock."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import product

import orjson
import pytest

from ror_orientation.disponibilite import Demande, disponibilite
from ror_orientation.droits import Appelant, Droit, voit_lits
from ror_orientation.offre import Capacite
from ror_orientation.requete import Explication, Resultat
from ror_orientation.service import Service
from ror_orientation.settings import Settings
from ror_orientation.telephones import _a_appeler
from ror_orientation.web.routes import encode, json_response, recherche
from ror_orientation.web.routes.recherche import (
    champs_demandes,
    reponse_json,
    reponse_out,
    to_requete,
)
from ror_orientation.web.routes.unites import disponibilite_out
from ror_orientation.web.wire import RechercheIn, ReponseOut
from tests.api_support import EG_VANNES, build_offre, fresh, make_engine, make_store

NOW = datetime.now(UTC)
FIGURES = (  # every kind of figure a card shows: now, crisis and other extra beds, forecasts,
    # a stale record, one without a time, another gender
    Capacite("01", "01", "01", "04", 20, maj=fresh(30)),
    Capacite("01", "02", "01", "01", 3, maj=fresh(2)),
    Capacite("01", "02", "01", "02", 1, maj=fresh(600)),
    Capacite("01", "06", "01", "04", 6, maj=fresh(), crise="02", type_lit_supplementaire="01"),
    Capacite("01", "06", "01", "03", 2, maj=fresh(), type_lit_supplementaire="01"),
    Capacite("01", "06", "01", "04", 4, maj=fresh(), type_lit_supplementaire="02"),
    Capacite("01", "02", "03", "04", 5, maj=fresh(10)),
    Capacite("02", "02", "01", "04", 7, maj=None),
)


@pytest.fixture(scope="module")
def svc(tmp_path_factory):
    offre = build_offre()
    offre.uo["uo-vannes"] = replace(offre.uo["uo-vannes"], capacites=FIGURES)
    path = tmp_path_factory.mktemp("recherche_json") / "api.sqlite"
    store = make_store(path, offre)
    service = Service.open(Settings(db=path), store=store, engine=make_engine(store))
    yield service
    store.close()


CALLERS = {
    "anonyme": Appelant.anonyme(),
    "regulation": Appelant(1, "samu", frozenset({Droit.LECTURE_REGULATION})),
    "editeur": Appelant(2, "gestion de lits", frozenset({Droit.LECTURE_PUBLIQUE, Droit.EDITEUR}),
                        frozenset({EG_VANNES})),
}
CRITERIA: list[dict[str, object]] = [
    {"champs": ["01"], "lat": 48.1, "lon": -1.7, "national": True, "ouvert_maintenant": False},
    {"texte": "thrombolyse", "lat": 48.35, "lon": -1.2, "age": 67, "sexe": "H"},
    {"lat": 47.66, "lon": -2.76, "nature_lits": "01", "lits_supplementaires": True,
     "national": True},
    {"lat": 47.66, "lon": -2.76, "temporalite_lits": "03", "sexe": "F", "national": True},
    {"texte": "neurologie", "age_max_lits_minutes": 60, "national": True},
    {"texte": "xqzw introuvable"},
]


@pytest.mark.parametrize(("caller", "criteria", "expliquer", "fields"), list(product(
    CALLERS, range(len(CRITERIA)), (True, False),
    ((), ("nom", "distance_km", "lits_disponibles", "telephone", "disponibilite")))))
def test_plain_data_answer_is_the_wire_models_bytes(svc, caller, criteria, expliquer, fields):
    appelant = CALLERS[caller]
    p = RechercheIn.model_validate({**CRITERIA[criteria], "expliquer": expliquer,
                                    "fields": list(fields)})
    requete = to_requete(p, svc, appelant)
    rep = svc.rechercher(requete, appelant, NOW)
    expected = json_response(
        reponse_out(rep, svc, appelant, expliquer, requete, NOW), include=champs_demandes(p.fields)
    ).body
    got = reponse_json(rep, svc, appelant, expliquer, requete, NOW, p.fields)
    assert got == expected
    assert ReponseOut.model_validate_json(got)  # the declared shape


def test_figures_of_every_kind_are_in_the_comparison(svc):
    appelant = CALLERS["regulation"]
    p = RechercheIn.model_validate(CRITERIA[2])
    rep = svc.rechercher(to_requete(p, svc, appelant), appelant, NOW + timedelta(seconds=1))
    vannes = next(r for r in rep.resultats if r.uo_id == "uo-vannes")
    d = svc.disponibilite(appelant, svc.unites([vannes.uo_id])[0][vannes.uo_id], NOW)
    assert d.supplementaires and d.mobilisables and d.previsions and d.crise == "02"


@pytest.mark.parametrize("caller", CALLERS)
def test_a_figure_shown_again_later_has_its_age_then(svc, caller):
    """The kept figures and their encoded JSON follow the clock: the same answer asked again
    seconds, minutes, hours and months later is, each time, what a service with nothing kept
    gives at that instant (ages to the tenth of a minute, staleness, text)."""
    appelant = CALLERS[caller]
    p = RechercheIn.model_validate(CRITERIA[2])
    requete = to_requete(p, svc, appelant)
    for seconds in (0, 0, 1, 2, 3, 7, 59, 360, 361, 5 * 3600, 11 * 3600, 200 * 86400, 3):
        t = NOW + timedelta(seconds=seconds)
        rep = svc.rechercher(requete, appelant, t)
        assert rep.resultats
        got = reponse_json(rep, svc, appelant, True, requete, t)
        nothing_kept = Service(svc.settings, svc.store, svc.engine, svc.nomenclatures,
                               svc.territoire)
        with pytest.MonkeyPatch.context() as m:  # nor by the route
            m.setattr(recherche, "_FIGURES", {})
            m.setattr(recherche, "_FAITS", {})
            expected = json_response(
                reponse_out(rep, nothing_kept, appelant, True, requete, t)).body
        assert got == expected, seconds


def test_each_line_shows_what_this_caller_may_read_whoever_came_before(svc):
    """Callers of every kind take turns on the same searches; every line's number to call, free
    figures, crisis status and bed figure are what the library gives this caller, computed here
    without anything the route keeps."""
    order = ["anonyme", "regulation", "editeur", "anonyme", "editeur", "regulation", "anonyme"]
    seen_phone = seen_beds = 0
    for criteria in (0, 2, 3):
        for caller in order:
            appelant = CALLERS[caller]
            p = RechercheIn.model_validate(CRITERIA[criteria])
            requete = to_requete(p, svc, appelant)
            rep = svc.rechercher(requete, appelant, NOW)
            body = orjson.loads(reponse_json(rep, svc, appelant, True, requete, NOW))
            uos, _egs = svc.unites([line["uo_id"] for line in body["resultats"]])
            for line in body["resultats"]:
                uo = uos[line["uo_id"]]
                lits = voit_lits(appelant, uo.eg_id)
                tel = _a_appeler(appelant, uo)
                assert line["telephone"] == (tel.numero if tel else None), (caller, uo.id)
                assert line["telephone_fonction"] == (tel.fonction if tel else None)
                d = disponibilite(uo, NOW, Demande.de(requete), svc.fraicheur(requete.profil),
                                  lits)
                assert line["disponibilite"] == orjson.loads(encode(disponibilite_out(d)))
                assert line["lits_disponibles"] == (d.compte.nombre if lits and d.compte
                                                    else None)
                assert line["crise"] == (d.crise if lits else None)
                if not lits:
                    assert line["explication"]["lits_disponibles"] is None
                seen_phone += tel is not None
                seen_beds += line["lits_disponibles"] is not None
    assert seen_phone and seen_beds  # the comparison is not empty


@pytest.mark.parametrize("query", [
    b"", b"a", b"a=&b", b"&&x=1&&", b"k=1;j=2", b"=v&k==", b"%2B=+",
    b"x=%zz&x=%C3%A9+t&y=caf\xc3\xa9", b"aptitudes=R210%3A1&aptitudes=R243:2&texte=a+b%2Bc",
    b"profil=samu&aptitudes=R210%3A0460&lat=48.1&lon=-1.6&rayon_km=50&limit=20",
])
def test_the_search_query_string_is_read_as_starlette_reads_it(query: bytes) -> None:
    """The GET search reads its query string itself (`paires`): the same pairs, in the same
    order, decoded alike (plus signs, percent escapes, bad escapes, raw bytes, blanks)."""
    from starlette.datastructures import QueryParams

    assert recherche.paires(query) == list(QueryParams(query).multi_items())


def _built(kind: type) -> int:
    gc.collect()
    return sum(type(o) is kind for o in gc.get_objects())


@pytest.mark.parametrize("caller", ["regulation", "anonyme"])
def test_the_route_encodes_the_engines_page_without_building_its_results(svc, caller):
    """The engine keeps a page as lists (`engine.page.Page`); the route encodes those: no
    `Resultat` nor `Explication` is built for an answer until a caller reads `resultats`, which
    builds them once, equal to what the route encoded."""
    appelant = CALLERS[caller]
    p = RechercheIn.model_validate(CRITERIA[2])
    requete = to_requete(p, svc, appelant)
    before = _built(Resultat), _built(Explication)
    rep = svc.rechercher(requete, appelant, NOW)
    body = orjson.loads(reponse_json(rep, svc, appelant, True, requete, NOW))
    assert body["resultats"]
    assert (_built(Resultat), _built(Explication)) == before
    resultats = rep.resultats
    assert resultats is rep.resultats and _built(Explication) == before[1] + len(resultats)
    assert [(r.uo_id, r.score, r.distance_km) for r in resultats] == \
        [(line["uo_id"], line["score"], line["distance_km"]) for line in body["resultats"]]
