"""The one bed-figure function: its rules on hand-built units, and the engine's arrays agreeing with it."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ror_orientation.disponibilite import Demande, Fraicheur, disponibilite
from ror_orientation.engine import Engine
from ror_orientation.engine.lits import Lits, from_ts, to_ts
from ror_orientation.offre import Capacite
from ror_orientation.requete import Requete, Sexe
from tests.factories import NOW, make_offre, make_uo


def cap(nature="01", statut="02", temporalite="01", genre="04", nombre=1, minutes=5.0, **kw):
    maj = None if minutes is None else NOW - timedelta(minutes=minutes)
    return Capacite(nature, statut, temporalite, genre, nombre, maj=maj, **kw)


def plan_blanc(nombre=6, minutes=7.0, type_lit="01"):
    return cap(statut="06", nombre=nombre, minutes=minutes, crise="02", type_lit_supplementaire=type_lit)


def test_plan_blanc_counts_extra_beds_and_says_so():
    uo = make_uo(capacites=(cap(statut="01", nombre=30, minutes=60 * 24 * 30), cap(nombre=1),
                            plan_blanc(6)))
    d = disponibilite(uo, NOW)
    assert d.maintenant.nombre == 1 and d.nombre == 7
    assert d.crise == "02"
    assert d.texte == "1 lit disponible + 6 supplémentaires (Plan blanc)"
    assert [(s.nombre, s.crise, s.type_lit) for s in d.supplementaires] == [(6, "02", "01")]


def test_a_zero_bed_or_mobilisable_crisis_record_is_no_crisis():
    for extra in (plan_blanc(0), plan_blanc(4, type_lit="02")):
        d = disponibilite(make_uo(capacites=(cap(nombre=2), extra)), NOW)
        assert d.crise is None and d.nombre == 2
        assert "Plan blanc" not in d.texte


def test_extra_beds_outside_a_crisis_count_only_when_asked():
    uo = make_uo(capacites=(cap(nombre=1), cap(statut="06", nombre=3, type_lit_supplementaire="01")))
    assert disponibilite(uo, NOW).nombre == 1
    assert "non compté" in disponibilite(uo, NOW).texte
    asked = disponibilite(uo, NOW, Demande(supplementaires=True))
    assert asked.nombre == 4 and "(hors crise)" in asked.texte


def test_forecasts_never_count_as_now_and_are_labelled():
    uo = make_uo(capacites=(cap(nombre=2), cap(temporalite="05", nombre=4)))
    d = disponibilite(uo, NOW)
    assert d.nombre == 2
    assert [(p.temporalite, p.nombre) for p in d.previsions] == [("05", 4)]
    asked = disponibilite(uo, NOW, Demande(temporalite="05"))
    assert asked.nombre == 4 and asked.texte.startswith("prévision +7 j : 4")


def test_freshness_is_the_oldest_contributing_record():
    uo = make_uo(capacites=(cap(nombre=1, minutes=9 * 60), plan_blanc(6, minutes=7)))
    d = disponibilite(uo, NOW)
    assert d.compte.maj == NOW - timedelta(hours=9)
    assert d.compte.perime and d.perime and "PÉRIMÉ" in d.texte


def test_installed_capacity_has_its_own_horizon_and_no_records_is_sans_objet():
    uo = make_uo(capacites=(cap(statut="01", nombre=20, minutes=60 * 24 * 20), cap(nombre=3)))
    d = disponibilite(uo, NOW)
    assert not d.installe.perime and not d.perime
    old = disponibilite(uo, NOW, fraicheur=Fraicheur(installes=timedelta(days=10)))
    assert old.installe.perime
    empty = disponibilite(make_uo(capacites=()), NOW)
    assert empty.sans_objet and empty.perime is None and empty.nombre is None
    assert empty.texte.startswith("sans objet")


def test_the_unit_nature_decides_beds_or_places():
    dialyse = make_uo(mode_prise_en_charge="32",
                      capacites=(cap("02", "01", nombre=12, minutes=600), cap("02", nombre=3)))
    d = disponibilite(dialyse, NOW)
    assert d.natures == ("02",) and d.unite == "places" and d.nombre == 3
    assert d.texte == "3 places disponibles"
    assert disponibilite(make_uo(mode_prise_en_charge="29", capacites=()), NOW).natures == ("02",)
    assert disponibilite(dialyse, NOW, Demande(nature="01")).nombre is None


def test_gender_counts_compatible_beds_only():
    uo = make_uo(capacites=(cap(genre="01", nombre=2), cap(genre="02", nombre=1), cap(nombre=1)))
    assert disponibilite(uo, NOW, Demande(sexe=Sexe.FEMME)).nombre == 3
    assert disponibilite(uo, NOW, Demande(sexe=Sexe.HOMME)).nombre == 2
    assert disponibilite(uo, NOW).nombre == 4


def test_public_callers_see_installed_capacity_only():
    uo = make_uo(capacites=(cap(statut="01", nombre=12), cap(nombre=2), plan_blanc(3)))
    d = disponibilite(uo, NOW, voit_lits=False)
    assert d.nombre is None and d.crise is None and d.installe.nombre == 12
    assert d.maintenant is None and d.perime is None


# --- the engine's array path is the same function -----------------------------------------------
CAPACITE = st.builds(
    Capacite,
    nature=st.sampled_from(("01", "02", "03")),
    statut=st.sampled_from(("01", "02", "02", "03", "06")),
    temporalite=st.sampled_from(("01", "01", "03", "05")),
    genre=st.sampled_from(("01", "02", "03", "04")),
    nombre=st.integers(0, 9),
    maj=st.one_of(st.none(), st.integers(0, 3000).map(lambda m: NOW - timedelta(minutes=m))),
    crise=st.sampled_from((None, None, "01", "02")),
    type_lit_supplementaire=st.sampled_from((None, "01", "01", "02", "03")),
)
DEMANDE = st.builds(
    Demande,
    nature=st.sampled_from((None, None, "01", "02", "03")),
    sexe=st.sampled_from((None, Sexe.FEMME, Sexe.HOMME)),
    temporalite=st.sampled_from(("01", "01", "05")),
    supplementaires=st.booleans(),
    age_max=st.sampled_from((None, timedelta(hours=4), timedelta(hours=24))),
)


@settings(max_examples=400, deadline=None)
@given(caps=st.lists(CAPACITE, max_size=6), mode=st.sampled_from((None, "28", "32", "29")),
       demande=DEMANDE)
def test_engine_arrays_give_the_function_figure(caps, mode, demande):
    lits = Lits(3)
    lits.set(1, [cap(nombre=5)], None)  # a neighbour row must not leak into row 0
    lits.set(0, caps, mode)
    age = demande.age_max.total_seconds() if demande.age_max else None
    got = lits.disponibles(np.array([0]), (demande.nature,) if demande.nature else None,
                           demande.statut, demande.temporalite, demande.sexe, to_ts(NOW), age,
                           demande.supplementaires)
    d = disponibilite(make_uo(capacites=tuple(caps), mode_prise_en_charge=mode), NOW, demande)
    if d.compte is None:
        assert not got.present[0]
    else:
        assert got.present[0] and int(got.free[0]) == d.compte.nombre
        assert from_ts(int(got.ts[0])) == d.compte.maj
    assert bool(lits.crise[0]) == (d.crise is not None)


@settings(max_examples=200, deadline=None)
@given(before=st.lists(CAPACITE, max_size=4), after=st.lists(CAPACITE, max_size=4),
       mode=st.sampled_from((None, "28", "32")), demande=DEMANDE)
def test_precomputed_bed_columns_follow_every_update_of_a_row(before, after, mode, demande):
    lits = Lits(3)
    lits.set(0, [cap(nombre=5)], None)
    lits.set(1, before, mode)
    col = lits.colonne(demande.statut, demande.temporalite, demande.sexe, demande.supplementaires)
    lits.set(1, after, mode)  # patched in place (or dropped when a new kind of record appears)
    col = lits.colonne(demande.statut, demande.temporalite, demande.sexe, demande.supplementaires)
    rows = np.arange(3)
    want = lits.disponibles(rows, None, demande.statut, demande.temporalite, demande.sexe,
                            to_ts(NOW), None, demande.supplementaires)
    for a, b in ((col.free, want.free), (col.ts, want.ts), (col.present, want.present),
                 (col.gendered, want.gendered)):
        assert a.tolist() == b.tolist()


def test_search_results_carry_the_function_figure():
    uos = [make_uo(id="rennes", capacites=(cap(nombre=1), plan_blanc(6))),
           make_uo(id="dialyse", mode_prise_en_charge="32", capacites=(cap("02", nombre=3),)),
           make_uo(id="vide", capacites=()),
           make_uo(id="prevision", capacites=(cap(nombre=2), cap(temporalite="05", nombre=4)))]
    e = Engine.build(make_offre(*uos))
    rep = e.search(Requete(limite=10, ouvert_maintenant=False), now=NOW)
    by_id = {r.uo_id: r.explication for r in rep.resultats}
    for uo in uos:
        d = disponibilite(uo, NOW)
        assert by_id[uo.id].lits_disponibles == d.nombre
        assert by_id[uo.id].lits_maj == (d.compte.maj if d.compte else None)
    assert by_id["rennes"].crise == "02" and by_id["vide"].lits_perimes is False


def test_a_served_demo_is_re_dated_when_its_figures_are_old_and_real_data_never():
    from ror_orientation.generateur.capacites import a_raviver

    newest = NOW - timedelta(minutes=5)
    assert a_raviver(True, newest, NOW + timedelta(days=7))
    assert not a_raviver(True, newest, NOW + timedelta(minutes=30))  # a live feed is running
    assert not a_raviver(False, newest, NOW + timedelta(days=7))  # real data is never re-dated
    assert not a_raviver(True, None, NOW)  # no figure: nothing to move


@settings(max_examples=200, deadline=None)
@given(caps=st.lists(CAPACITE, max_size=6), demande=DEMANDE)
def test_the_counted_part_alone_is_the_same_figure(caps, demande):
    from ror_orientation.disponibilite import compte

    uo = make_uo(capacites=tuple(caps))
    d = disponibilite(uo, NOW, demande)
    assert compte(uo, NOW, demande) == ((d.compte.nombre, d.compte.maj) if d.compte else None)


@settings(max_examples=300, deadline=None)
@given(caps=st.lists(CAPACITE, max_size=6), demande=DEMANDE, voit=st.booleans(),
       later=st.integers(0, 6000))
def test_a_kept_figure_aged_again_is_the_figure_computed_then(caps, demande, voit, later):
    from dataclasses import replace

    from ror_orientation.disponibilite import vieillie

    demande = replace(demande, age_max=None)  # what a kept figure requires
    fraicheur = Fraicheur(libres=timedelta(hours=1), installes=timedelta(days=2))
    uo = make_uo(capacites=tuple(caps))
    then = NOW + timedelta(minutes=later, seconds=later % 7)
    kept = disponibilite(uo, NOW, demande, fraicheur, voit)
    assert vieillie(kept, then, fraicheur) == disponibilite(uo, then, demande, fraicheur, voit)


@settings(max_examples=500, deadline=None)
@given(caps=st.lists(CAPACITE, max_size=6), demande=DEMANDE, voit=st.booleans(),
       later=st.integers(0, 400_000_000), step=st.integers(-15_000, 15_000))
def test_a_figure_is_the_same_while_the_clock_stays_in_its_span(caps, demande, voit, later, step):
    """`tenue` bounds what the clock changes in a kept figure: at any instant inside the span
    it gives at `t1` (here up to ±15 s away, ms steps) the figure aged again is the one of `t1`, and
    the span is never more than a tenth of a minute wide when the figure has a time."""
    from dataclasses import replace

    from ror_orientation.disponibilite import tenue, vieillie

    demande = replace(demande, age_max=None)
    fraicheur = Fraicheur(libres=timedelta(hours=1), installes=timedelta(days=2))
    kept = disponibilite(make_uo(capacites=tuple(caps)), NOW, demande, fraicheur, voit)
    t1 = NOW + timedelta(microseconds=later * 1000 + later % 997)
    t2 = t1 + timedelta(milliseconds=step)
    debut, fin = tenue(kept, t1, fraicheur)
    if debut <= t2 <= fin:
        assert vieillie(kept, t2, fraicheur) == vieillie(kept, t1, fraicheur)
    timed = [c for c in (kept.installe, kept.maintenant, kept.compte, *kept.supplementaires,
                         *kept.mobilisables, *kept.previsions) if c is not None and c.maj]
    if timed:
        assert fin - debut < timedelta(seconds=6)


def test_the_span_stops_short_of_the_staleness_horizon_and_each_tenth():
    """Instants 250 ms apart around the 1-hour horizon of free figures (ages 59.83–60.17 min: the
    horizon and four rounding steps): any two in one span give equal figures, and the figure
    goes stale inside the scanned range."""
    from ror_orientation.disponibilite import tenue, vieillie

    fraicheur = Fraicheur(libres=timedelta(hours=1), installes=timedelta(days=2))
    kept = disponibilite(make_uo(capacites=(cap(minutes=0), cap(statut="01", nombre=9))), NOW,
                         Demande(), fraicheur)
    instants = [NOW + timedelta(hours=1, milliseconds=ms) for ms in range(-10_000, 10_001, 250)]
    figures = {t: vieillie(kept, t, fraicheur) for t in instants}
    assert {f.compte.perime for f in figures.values() if f.compte} == {False, True}
    for t1 in instants:
        debut, fin = tenue(kept, t1, fraicheur)
        for t2 in instants:
            if debut <= t2 <= fin:
                assert figures[t2] == figures[t1], (t1, t2)
