"""What an answer carries: explanations, opening soon, distances shown, budget, cursors."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ror_orientation.engine import Engine, pagination
from ror_orientation.engine.distance import (
    GEOD_POINTS,
    geodesic_km,
    geodesic_km_geopy,
    haversine_km,
)
from ror_orientation.engine.ouverture import Ouverture
from ror_orientation.errors import ValidationError
from ror_orientation.horaires import PARIS, Fermeture, Horaires, Plage, is_open
from ror_orientation.offre import Capacite, Coordonnees
from ror_orientation.requete import Lieu, Profil, Requete, Sexe

from .factories import NOW, make_eg, make_offre, make_uo

FOUGERES = Lieu(commune="35115")


def test_explanation_names_criteria_distance_beds_and_score_breakdown():
    e = Engine.build(make_offre(make_uo(id="a", actes=("0460", "0459"), capacites=(
        Capacite("01", "02", "01", "04", 3, maj=NOW - timedelta(minutes=30)),))))
    rep = e.search(Requete(aptitudes=("R210:0460",), aptitudes_souhaitees=("R210:0459", "R210:1274"),
                           age=67, lits_min=1, lieu=FOUGERES, rayon_km=60), now=NOW)
    x = rep.resultats[0].explication
    assert "aptitude Thrombolyse par voie veineuse" in x.criteres
    assert any(c.startswith("âge 67 ans") for c in x.criteres)
    assert x.aptitudes_trouvees == ("R210:0459",) and x.aptitudes_manquantes == ("R210:1274",)
    assert x.lits_disponibles == 3 and x.lits_age_min == 30.0 and not x.lits_perimes
    assert x.lits_maj == NOW - timedelta(minutes=30)
    assert x.distance_km == pytest.approx(rep.resultats[0].distance_km) and 40 < x.distance_km < 50
    assert set(x.detail_score) == {"aptitudes", "distance", "lits", "ouverture"}  # samu: no patientèle weight
    assert sum(x.detail_score.values()) == pytest.approx(x.score)
    assert x.ouvert is True
    assert rep.etapes["page"] == 1 and rep.duree_ms > 0


def test_displayed_distance_is_the_geodesic_and_ranking_uses_haversine():
    lats, lons = np.array([48.35, 43.3, 50.6]), np.array([-1.19, 5.4, 3.06])
    exact = geodesic_km(48.11, -1.68, lats, lons)
    for k in range(3):
        assert exact[k] == pytest.approx(geodesic_km_geopy(48.11, -1.68, lats[k], lons[k]), abs=1e-6)
    assert np.allclose(haversine_km(48.11, -1.68, lats, lons), exact, rtol=0.006)


def test_a_page_geodesic_is_the_same_point_by_point_as_in_one_array_call():
    """Up to GEOD_POINTS points (a page) Geod answers point by point, beyond in one array call:
    the same figures either way, geopy's to the micrometre, and an empty page is an empty array."""
    rng = np.random.default_rng(7)
    lats, lons = rng.uniform(41.0, 51.0, 3 * GEOD_POINTS), rng.uniform(-5.0, 9.0, 3 * GEOD_POINTS)
    whole = geodesic_km(48.11, -1.68, lats, lons)  # the array call
    for n in (1, 2, GEOD_POINTS):
        page = geodesic_km(48.11, -1.68, lats[:n], lons[:n])  # point by point
        assert page.dtype == np.float64 and page.shape == (n,)
        assert page.tolist() == whole[:n].tolist()
    for k in (0, GEOD_POINTS, 3 * GEOD_POINTS - 1):
        assert whole[k] == pytest.approx(geodesic_km_geopy(48.11, -1.68, lats[k], lons[k]), abs=1e-6)
    assert geodesic_km(48.11, -1.68, lats[:0], lons[:0]).shape == (0,)


def test_open_now_ranks_above_opening_soon_when_opening_is_not_required():
    soon = Horaires(plages=tuple(Plage(d, time(9), time(18)) for d in range(7)))
    e = Engine.build(make_offre(make_uo(id="a-soon", horaires=soon), make_uo(id="b-open")))
    at = datetime(2026, 11, 26, 8, 30, tzinfo=PARIS)
    rep = e.search(Requete(profil=Profil.SAMU, ouvert_maintenant=False), now=at)
    assert [r.uo_id for r in rep.resultats] == ["b-open", "a-soon"]
    x = rep.resultats[1].explication
    assert x.ouvert is False and x.ouverture_prochaine == datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)
    assert 0 < x.detail_score["ouverture"] < rep.resultats[0].explication.detail_score["ouverture"]


def test_a_query_over_its_time_budget_says_it_was_cut_short():
    e = Engine.build(make_offre(*(make_uo(id=f"u{i}") for i in range(5))))
    ticks = itertools.count()
    e.clock = lambda: next(ticks) * 1.0  # every reading of the clock is one second later
    rep = e.search(Requete(budget_ms=500), now=NOW)
    assert rep.tronque
    e.clock = lambda: 0.0
    assert not e.search(Requete(budget_ms=500), now=NOW).tronque


def test_a_distance_shown_is_the_geodesic_even_when_the_budget_ran_out():
    # an answer cut short showed the ranking's haversine (4.46189 km where the geodesic is
    # 4.46150): the figure a caller reads must not depend on the machine's load
    offre = make_offre(*(make_uo(id=f"u{i}") for i in range(3)))
    far = make_eg(id="350000001", nom="CLINIQUE NORD", coordonnees=Coordonnees(48.1610, -1.6950))
    offre.add(far)
    offre.add(make_uo(id="u-nord", eg_id=far.id))
    e = Engine.build(offre)
    req = Requete(lieu=Lieu(lat=48.1209, lon=-1.6950), rayon_km=20, budget_ms=500)
    ticks = itertools.count()
    e.clock = lambda: next(ticks) * 1.0  # every reading of the clock is one second later
    late = e.search(req, now=NOW)
    e.clock = lambda: 0.0
    on_time = e.search(req, now=NOW)
    assert late.tronque and not on_time.tronque
    nord = next(r.distance_km for r in on_time.resultats if r.uo_id == "u-nord")
    assert nord == pytest.approx(geodesic_km_geopy(48.1209, -1.6950, 48.1610, -1.6950), abs=1e-6)
    assert [(r.uo_id, r.distance_km) for r in late.resultats] == \
        [(r.uo_id, r.distance_km) for r in on_time.resultats]


def test_a_cursor_is_refused_for_another_query_and_keeps_its_instant():
    e = Engine.build(make_offre(*(make_uo(id=f"u{i}") for i in range(5))))
    first = e.search(Requete(limite=2), now=NOW)
    with pytest.raises(ValidationError):
        e.search(Requete(limite=2, age=40, curseur=first.curseur_suivant), now=NOW)
    later = NOW + timedelta(hours=30)  # beds would be stale by then: the cursor's instant holds
    nxt = e.search(Requete(limite=2, curseur=first.curseur_suivant), now=later)
    assert [r.uo_id for r in nxt.resultats] == ["u2", "u3"]
    assert not any(r.explication.lits_perimes for r in nxt.resultats)


def test_a_cursor_is_the_same_text_whatever_field_holds_its_default():
    # a cursor given out before must still be read: the query's hash is the repr of its
    # (name, value) pairs, and its JSON the compact dump, even where a field equals its default
    # without being that object (0.0 or False for 0, a tuple built anew)
    queries = [Requete(), Requete(limite=3, curseur="x", expliquer=False),
               Requete(texte="AVC « é »", profil=Profil.AVAL, lits_min=0.0, national=0,  # type: ignore[arg-type]
                       regions=tuple(["84"]), eg_visibles=tuple([]), lieu=FOUGERES,
                       age_max_lits=timedelta(hours=2), ouvert_a=NOW, poids_min_kg=120.0),
               Requete(lits_min=False, elargir=1, rayon_km=50, sexe=Sexe.FEMME)]  # type: ignore[arg-type]
    fields = [f for f in Requete.__dataclass_fields__
              if f not in ("curseur", "limite", "budget_ms", "expliquer")]
    hashes = set()
    for q in queries:
        blob = repr(tuple((f, getattr(q, f)) for f in fields)).encode()
        assert pagination.query_hash(q) == hashlib.sha256(blob).hexdigest()[:16]
        hashes.add(pagination.query_hash(q))
    assert len(hashes) == 3  # the first two differ only by what is not hashed
    c = pagination.Curseur(0.5, 'u"é\\', NOW, "abc")
    raw = json.dumps({"s": c.score.hex(), "u": c.uo_id, "t": c.instant.isoformat(), "q": c.query},
                     separators=(",", ":")).encode()
    assert pagination.encode(c) == base64.urlsafe_b64encode(raw).decode().rstrip("=")
    assert pagination.decode(pagination.encode(pagination.Curseur(
        0.5, "u1", NOW, pagination.query_hash(queries[3]))), queries[3]).uo_id == "u1"


def test_the_criteria_every_result_shares_are_each_query_s_own_when_kept_by_the_engine():
    offre = make_offre(make_uo(id="a", actes=("0460",)))
    kept = Engine.build(offre)  # one engine for every query: the shared texts are kept
    base = Requete(profil=Profil.SAMU, aptitudes=("R210:0460",), sexe=Sexe.FEMME, lits_min=1,
                   lieu=FOUGERES, rayon_km=60)
    variants = [(base, NOW), (base, NOW + timedelta(seconds=20)), (base, NOW + timedelta(minutes=1)),
                (base, NOW + timedelta(days=1)), (Requete(**{**vars_of(base), "sexe": Sexe.HOMME}), NOW),
                (Requete(**{**vars_of(base), "sexe": None}), NOW),
                (Requete(**{**vars_of(base), "rayon_km": 80.0}), NOW),
                (Requete(**{**vars_of(base), "lits_min": 2}), NOW),
                (Requete(**{**vars_of(base), "lieu": None}), NOW),
                (Requete(**{**vars_of(base), "ouvert_maintenant": False}), NOW),
                (Requete(**{**vars_of(base), "aptitudes": ("R210:0460", "R210:0460")}), NOW),
                (base, NOW)]
    said = []
    for req, now in variants:
        got = kept.search(req, now=now).resultats[0].explication.criteres
        assert got == Engine.build(offre).search(req, now=now).resultats[0].explication.criteres
        said.append(got)
    assert said[0] == said[1] == said[-1] and len(set(said)) == len(said) - 2
    assert "ouvert le 26/11/2026 à 11:01" in said[2] and "sexe H" in said[4]
    assert "à moins de 80 km" in said[6] and "au moins 2 lit(s) disponible(s)" in said[7]


def vars_of(req: Requete) -> dict[str, object]:
    return {f: getattr(req, f) for f in req.__dataclass_fields__}


def test_explanations_can_be_left_out():
    e = Engine.build(make_offre())
    assert e.search(Requete(expliquer=False), now=NOW).resultats[0].explication is None


@settings(max_examples=150, deadline=None)
@given(starts=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 95), st.integers(0, 96)),
                       max_size=4),
       minute=st.integers(0, 60 * 24 * 21 - 1), permanent=st.booleans(), feries=st.booleans())
def test_weekly_bitmap_agrees_with_is_open(starts, minute, permanent, feries):
    plages = tuple(Plage(d, time(a * 15 // 60, a * 15 % 60), time(b * 15 // 60 % 24, b * 15 % 60))
                   for d, a, b in starts)
    h = Horaires(permanent=permanent, plages=plages, ferme_jours_feries=feries)
    ouv = Ouverture(1)
    ouv.set(0, h)
    at = datetime(2026, 12, 14, tzinfo=PARIS) + timedelta(minutes=minute)  # spans Christmas
    got, complete = ouv.open_mask(np.array([0]), at)
    assert complete and bool(got[0]) == is_open(h, at)



_DAY0 = date(2026, 12, 1)  # a Tuesday: the closures and validity below fall around the instants


@settings(max_examples=200, deadline=None)
@given(starts=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 95), st.integers(0, 96)),
                       min_size=1, max_size=3),
       minute=st.integers(0, 60 * 24 * 12 - 1), permanent=st.booleans(),
       closures=st.lists(st.tuples(st.integers(0, 12), st.none() | st.integers(0, 6), st.booleans()),
                         max_size=2),
       validity=st.tuples(st.none() | st.integers(0, 12), st.none() | st.integers(0, 12)))
def test_weekly_bitmap_with_closures_and_validity_agrees_with_is_open(
        starts, minute, permanent, closures, validity):
    """A plain schedule with closures or validity dates is answered by its bitmap on the days its
    dates let it open (that day and the day before: a range of the day before may run past
    midnight), and closed on the others — what `is_open` says at every instant, a closure
    starting or ending on the very day, ranges across midnight included."""
    plages = tuple(Plage(d, time(a * 15 // 60, a * 15 % 60), time(b * 15 // 60 % 24, b * 15 % 60))
                   for d, a, b in starts)
    fermetures = tuple(Fermeture(_DAY0 + timedelta(days=a),
                                 None if n is None else _DAY0 + timedelta(days=a + n + 1), definitive)
                       for a, n, definitive in closures)
    debut, fin = (None if v is None else _DAY0 + timedelta(days=v) for v in validity)
    h = Horaires(permanent=permanent, plages=plages, fermetures=fermetures,
                 debut_validite=debut, fin_validite=fin)
    ouv = Ouverture(2)
    ouv.set(0, h)
    ouv.set(1, Horaires(permanent=True))
    at = datetime(2026, 12, 1, tzinfo=PARIS) + timedelta(minutes=minute)  # no public holiday
    got, complete = ouv.open_mask(np.array([0, 1]), at)
    assert complete and got.tolist() == [is_open(h, at), True]


def test_night_range_on_the_day_a_closure_ends_or_starts_follows_is_open():
    """A night range (22:00 → 06:00) of the day before a closure ends is not open after midnight
    (the unit was closed that day), nor is anything on the day it starts: every quarter hour of
    the days around, for closures, validity dates and a permanent schedule."""
    nuit = tuple(Plage(d, time(22), time(6)) for d in range(7))
    schedules = [Horaires(plages=nuit, fermetures=(Fermeture(date(2026, 12, 2), date(2026, 12, 4)),)),
                 Horaires(plages=nuit, debut_validite=date(2026, 12, 3), fin_validite=date(2026, 12, 5)),
                 Horaires(permanent=True, fermetures=(Fermeture(date(2026, 12, 3), date(2026, 12, 4)),)),
                 Horaires(plages=nuit, fermetures=(Fermeture(date(2026, 12, 5), definitive=True),))]
    ouv = Ouverture(len(schedules))
    for row, h in enumerate(schedules):
        ouv.set(row, h)
    rows = np.arange(len(schedules))
    for k in range(6 * 96):
        at = datetime(2026, 12, 1, tzinfo=PARIS) + timedelta(minutes=15 * k + 7)
        got, complete = ouv.open_mask(rows, at)
        assert complete and got.tolist() == [is_open(h, at) for h in schedules], at

# Schedules the weekly bitmaps do not answer alone: odd minutes, a closure, a validity date,
# seconds (not minute-aligned), public holidays closed.
_ODD = tuple(Plage(d, time(8, 7), time(12, 53)) for d in range(6))
ODD_SCHEDULES = (
    Horaires(plages=_ODD),
    Horaires(plages=_ODD, fermetures=(Fermeture(date(2026, 12, 24), date(2026, 12, 27)),)),
    Horaires(permanent=True, debut_validite=date(2026, 12, 25)),
    Horaires(plages=(Plage(0, time(7, 0, 30), time(19, 0, 30)),
                     Plage(4, time(22, 0), time(6, 0)))),  # seconds: not minute-aligned
    Horaires(plages=tuple(Plage(d, time(9), time(17)) for d in range(5)), ferme_jours_feries=True),
)


def test_opening_verdicts_kept_per_minute_agree_with_is_open():
    """Schedules the bitmaps do not answer (closures, validity dates, odd minutes, seconds) keep
    one verdict per minute: rows sharing them, asked again within the same minute, on a public
    holiday and across midnight, get what `is_open` says at that very instant."""
    schedules = list(ODD_SCHEDULES)
    ouv = Ouverture(len(schedules) * 3)
    for row in range(len(schedules) * 3):
        ouv.set(row, schedules[row % len(schedules)])
    rows = np.arange(len(schedules) * 3)
    # Christmas eve to the 26th, then across both changes of clocks
    for start in (datetime(2026, 12, 24, 6, 58, tzinfo=PARIS), datetime(2027, 3, 27, 21, 1, tzinfo=PARIS),
                  datetime(2026, 10, 24, 21, 3, tzinfo=PARIS)):
        for k in range(0, 60 * 60, 7):
            at = start + timedelta(minutes=k // 60 * 17, seconds=k % 60)
            for form in (at, at.astimezone(UTC)):
                got, complete = ouv.open_mask(rows, form)
                assert complete
                assert got.tolist() == [is_open(schedules[r % len(schedules)], form) for r in rows], form
    # at the very times a range starts or ends, and a second before
    for day in (date(2026, 12, 24), date(2026, 12, 25), date(2027, 3, 28), date(2026, 10, 25)):
        for sid, h in enumerate(schedules):
            for t in {time(0), *(p.debut for p in h.plages), *(p.fin for p in h.plages)}:
                at = datetime.combine(day, t, tzinfo=PARIS)
                for x in (at, at - timedelta(seconds=1)):
                    assert ouv.next_opening(sid, x, timedelta(hours=1)) is not None \
                        or not is_open(h, x)
                    assert (ouv.next_opening(sid, x, timedelta(hours=1)) == x.astimezone(PARIS)) \
                        == is_open(h, x), (sid, x)


def test_next_opening_kept_per_schedule_and_day_agrees_with_horaires():
    """The engine keeps, per schedule and day, the instants `horaires.next_opening` tries and its
    verdict at each: any instant (a few seconds apart, naive, UTC, across midnight, a public
    holiday, a closure, both changes of clocks) and horizon gets what `next_opening` says."""
    from ror_orientation.horaires import next_opening

    schedules = [*ODD_SCHEDULES,
                 Horaires(plages=(Plage(6, time(2, 30), time(3, 30)), Plage(2, time(23, 0), time(1, 0))))]
    ouv = Ouverture(len(schedules))
    for row, h in enumerate(schedules):
        ouv.set(row, h)
    for start in (datetime(2026, 12, 23, 20, 58, tzinfo=PARIS), datetime(2026, 10, 24, 22, 1, tzinfo=PARIS),
                  datetime(2027, 3, 27, 23, 3, tzinfo=PARIS)):
        for k in range(0, 48 * 60, 37):
            at = start + timedelta(minutes=k, seconds=k % 60)
            for form in (at, at.astimezone(UTC), at.replace(tzinfo=None)):
                for horizon in (timedelta(hours=2), timedelta(days=1), timedelta(days=3, minutes=5)):
                    for sid, h in enumerate(schedules):
                        assert ouv.next_opening(sid, form, horizon) == \
                            next_opening(h, form, horizon=horizon), (sid, form, horizon)


# (day, start and end minutes, TRE_R252 type, on quarter hours): mostly plain ranges
_PLAGE = st.tuples(st.integers(0, 7), st.integers(0, 24 * 60 - 1), st.integers(0, 24 * 60 - 1),
                   st.sampled_from([None, None, None, "01", "08"]), st.sampled_from([True] * 4 + [False]))


@settings(max_examples=300, deadline=None)
@given(schedules=st.lists(st.tuples(
           st.lists(_PLAGE, min_size=1, max_size=4), st.sampled_from([False] * 4 + [True]), st.booleans(),
           st.lists(st.tuples(st.integers(-3, 20), st.none() | st.integers(0, 6), st.booleans()),
                    max_size=2),
           st.tuples(st.none() | st.integers(-3, 20), st.none() | st.integers(-3, 20))),
           min_size=1, max_size=6),
       start=st.sampled_from([datetime(2026, 11, 30, tzinfo=PARIS), datetime(2026, 12, 23, tzinfo=PARIS),
                              datetime(2027, 3, 26, tzinfo=PARIS), datetime(2026, 10, 23, tzinfo=PARIS),
                              datetime(2027, 5, 6, tzinfo=PARIS)]),
       minute=st.integers(0, 4 * 24 * 60 - 1), second=st.sampled_from([0, 1, 59]),
       horizon=st.sampled_from([timedelta(hours=2), timedelta(days=1), timedelta(days=2)])
       | st.integers(0, 9 * 24 * 60).map(lambda m: timedelta(minutes=m)),
       utc=st.booleans())
def test_next_openings_read_from_the_bitmaps_agree_with_horaires(schedules, start, minute, second,
                                                                   horizon, utc):
    """The next opening of many schedules at once, read from their weekly bitmaps when they
    answer the whole horizon, is what `horaires.next_opening` says of each: plain schedules
    (quarter hours), odd minutes, closing ranges, holiday ranges, 24/7, closed on holidays,
    closures and validity dates around the instant, over Christmas, the changes of clocks and
    horizons past a week."""
    from ror_orientation.horaires import next_opening

    day0 = start.date()
    built = []
    for plages, permanent, feries, closures, validity in schedules:
        ranges = tuple(Plage(d, time(a // 60, a % 60 // 15 * 15 if aligned else a % 60),
                             time(b // 60, b % 60 // 15 * 15 if aligned else b % 60), kind)
                       for d, a, b, kind, aligned in plages)
        fermetures = tuple(Fermeture(day0 + timedelta(days=a),
                                     None if n is None else day0 + timedelta(days=a + n + 1), definitive)
                           for a, n, definitive in closures)
        debut, fin = (None if v is None else day0 + timedelta(days=v) for v in validity)
        built.append(Horaires(permanent=permanent, plages=ranges, ferme_jours_feries=feries,
                              fermetures=fermetures, debut_validite=debut, fin_validite=fin))
    ouv = Ouverture(len(built))
    for row, h in enumerate(built):
        ouv.set(row, h)
    at = start + timedelta(minutes=minute, seconds=second)
    form = at.astimezone(UTC) if utc else at
    sids = ouv.sched[np.arange(len(built))]
    assert ouv.next_openings(sids, form, horizon) == [next_opening(h, form, horizon=horizon)
                                                      for h in built]
    # what the page reads back, one schedule at a time
    assert [ouv.next_opening(int(s), form, horizon) for s in sids] == \
        [next_opening(h, form, horizon=horizon) for h in built]


def test_next_openings_on_the_days_around_a_closure_or_a_holiday_agree_with_horaires():
    """Every quarter hour (and a minute before, and 7 minutes in) of the days around a closure
    ending, a validity starting and Christmas: night ranges of the day before, units closed on
    holidays, horizons of two hours to three days — the bitmaps answer only where they may."""
    from ror_orientation.horaires import next_opening

    nuit = tuple(Plage(d, time(22), time(6)) for d in range(7))
    jour = tuple(Plage(d, time(8), time(18)) for d in range(5))
    schedules = [Horaires(plages=nuit, fermetures=(Fermeture(date(2026, 12, 2), date(2026, 12, 4)),)),
                 Horaires(plages=nuit, debut_validite=date(2026, 12, 3), fin_validite=date(2026, 12, 5)),
                 Horaires(plages=nuit, ferme_jours_feries=True),
                 Horaires(plages=jour, ferme_jours_feries=True),
                 Horaires(plages=jour + (Plage(7, time(9), time(12)),)),
                 Horaires(plages=jour)]
    ouv = Ouverture(len(schedules))
    for row, h in enumerate(schedules):
        ouv.set(row, h)
    sids = ouv.sched[np.arange(len(schedules))]
    for first in (datetime(2026, 12, 1, tzinfo=PARIS), datetime(2026, 12, 23, tzinfo=PARIS)):
        for k in range(4 * 96):
            at = first + timedelta(minutes=15 * k + (0, -1, 7)[k % 3])
            for horizon in (timedelta(hours=2), timedelta(days=1), timedelta(days=3)):
                assert ouv.next_openings(sids, at, horizon) == \
                    [next_opening(h, at, horizon=horizon) for h in schedules], (at, horizon)


def test_a_schedule_its_dates_close_over_the_horizon_opens_next_at_none_without_asking_its_ranges(
        monkeypatch):
    """Shut for works or valid from a later day on every day a next opening is looked for: None,
    read from the dates alone (the ranges are never asked); a closure ending within the horizon,
    or a range of the day before, still asks them."""
    from ror_orientation.horaires import next_opening

    nuit = tuple(Plage(d, time(22), time(6)) for d in range(7))
    at = datetime(2026, 12, 5, 10, 7, tzinfo=PARIS)
    shut = [Horaires(plages=nuit, fermetures=(Fermeture(date(2026, 11, 6), date(2027, 3, 4)),)),
            Horaires(plages=nuit, debut_validite=date(2027, 1, 2))]
    asked = [Horaires(plages=nuit, fermetures=(Fermeture(date(2026, 11, 6), date(2026, 12, 5)),)),
             Horaires(plages=nuit, debut_validite=date(2026, 12, 5))]
    ouv = Ouverture(4)
    for row, h in enumerate(shut + asked):
        ouv.set(row, h)
    sids = ouv.sched[np.arange(4)]
    horizon = timedelta(days=1)
    expected = [next_opening(h, at, horizon=horizon) for h in shut + asked]
    assert expected[:2] == [None, None] and None not in expected[2:]
    seen: list[int] = []
    ask = Ouverture._next_opening

    def counted(self: Ouverture, sid: int, instant: datetime, h: timedelta) -> datetime | None:
        seen.append(sid)
        return ask(self, sid, instant, h)

    monkeypatch.setattr(Ouverture, "_next_opening", counted)
    assert ouv.next_openings(sids, at, horizon) == expected
    assert sorted(seen) == [2, 3]
    assert [ouv.next_opening(int(s), at, horizon) for s in sids] == expected  # the page's reads


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=0, max_value=12), limite=st.integers(min_value=1, max_value=5),
       lits=st.lists(st.integers(min_value=0, max_value=4), min_size=12, max_size=12),
       near=st.booleans())
def test_the_order_of_a_walk_is_the_pages_of_the_search_one_after_the_other(
        n: int, limite: int, lits: list[int], near: bool) -> None:
    """`Engine.ordre` (what FHIR searches walk, no record read) lists the units, distances
    included, exactly as following the search's cursor page by page does."""
    eg_ids = ["350005179", "350000741", "350002812"]
    e = Engine.build(make_offre(*(
        make_uo(id=f"u{i}", eg_id=eg_ids[i % 3], capacites=(
            Capacite("01", "02", "01", "04", lits[i], maj=NOW),)) for i in range(n))))
    e.clock = lambda: 0.0  # a stopped clock: the budget never runs out, however loaded the machine
    req = Requete(age=40, lieu=FOUGERES if near else None, rayon_km=200 if near else None,
                  limite=limite, elargir=False)
    pages: list[tuple[str, float | None]] = []
    rep = e.search(req, now=NOW)
    while True:
        pages.extend((r.uo_id, r.distance_km) for r in rep.resultats)
        if not rep.curseur_suivant:
            break
        rep = e.search(Requete(age=40, lieu=req.lieu, rayon_km=req.rayon_km, limite=limite,
                               elargir=False, curseur=rep.curseur_suivant), now=NOW)
    rangs, tronque = e.ordre(req, now=NOW)
    assert not tronque
    assert [i for i, _ in rangs] == [i for i, _ in pages]
    for (_, d), (_, d_page) in zip(rangs, pages, strict=True):
        assert (d is None) == (d_page is None)
        if d is not None:
            assert d == pytest.approx(d_page)
