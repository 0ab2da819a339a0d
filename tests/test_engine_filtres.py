"""Each hard filter of the engine alone and combined, on small hand-built offers."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from ror_orientation.engine import Engine
from ror_orientation.errors import NotFoundError, ValidationError
from ror_orientation.horaires import PARIS, Fermeture, Horaires, Plage
from ror_orientation.offre import Adresse, Capacite, Equipement, Statut
from ror_orientation.requete import Lieu, Profil, Requete, Sexe

from .factories import NOW, WEEKDAYS_8_18, make_eg, make_offre, make_uo

RENNES = Lieu(lat=48.1209, lon=-1.6950)


def ids(engine: Engine, req: Requete, now: datetime = NOW) -> list[str]:
    return sorted(r.uo_id for r in engine.search(req, now=now).resultats)


def aval(**kw) -> Requete:
    """A query with no default opening or bed constraint (aval profile)."""
    return Requete(profil=Profil.AVAL, limite=100, **kw)


def test_draft_and_definitively_closed_units_are_never_returned():
    offre = make_offre(make_uo(id="ok"), make_uo(id="draft", statut=Statut.BROUILLON),
                       make_uo(id="closed", horaires=Horaires(permanent=True, fermetures=(
                           Fermeture(date(2020, 1, 1), definitive=True),))))
    assert ids(Engine.build(offre), aval()) == ["ok"]


def test_sensitive_units_hidden_unless_the_caller_may_see_them():
    e = Engine.build(make_offre(make_uo(id="a"), make_uo(id="s", sensible=True)))
    assert ids(e, aval()) == ["a"]
    assert ids(e, aval(voir_sensibles=True)) == ["a", "s"]


def test_what_every_caller_sees_follows_each_unit_through_updates():
    """`public` (alive and not hidden: what a caller without rights reads, one column) is kept
    in step with `alive` and `sensible` when a unit changes or is added."""
    e = Engine.build(make_offre(make_uo(id="a"), make_uo(id="s", sensible=True),
                                make_uo(id="d", statut=Statut.BROUILLON)))
    a = e.attrs

    def agree() -> bool:
        return (a.public == (a.alive & ~a.sensible)).all() and len(a.public) == len(e.ids)

    assert agree() and a.public.tolist() == [True, False, False]
    e.update_uo(make_uo(id="a", sensible=True))
    e.update_uo(make_uo(id="s"))
    e.update_uo(make_uo(id="n"))  # a new row
    assert agree() and ids(e, aval()) == ["n", "s"]
    assert ids(e, aval(voir_sensibles=True)) == ["a", "n", "s"]


def test_required_aptitudes_must_all_be_present():
    e = Engine.build(make_offre(make_uo(id="both", actes=("0460", "0459")),
                                make_uo(id="one", actes=("0460",))))
    assert ids(e, aval(aptitudes=("R210:0460", "R210:0459"))) == ["both"]
    assert ids(e, aval(aptitudes=("R210:0460",))) == ["both", "one"]


def test_activities_champs_modes_and_offer_types_match_any():
    e = Engine.build(make_offre(
        make_uo(id="a", activite="157", champ="01", mode_prise_en_charge="28",
                categorie_organisation="102"),
        make_uo(id="b", activite="354", champ="02", mode_prise_en_charge="13")))
    assert ids(e, aval(activites=("354", "999"))) == ["b"]
    assert ids(e, aval(champs=("02",))) == ["b"]
    assert ids(e, aval(modes=("28", "13"))) == ["a", "b"]
    assert ids(e, aval(categories_organisation=("102",))) == ["a"]
    assert ids(e, aval(champs=("01",), modes=("13",))) == []


def test_publics_and_specialisations_match_any():
    e = Engine.build(make_offre(make_uo(id="ph", publics=("02",), specialisations=("02",)),
                                make_uo(id="pa", publics=("01",))))
    assert ids(e, aval(publics=("02",))) == ["ph"]
    assert ids(e, aval(specialisations=("02",))) == ["ph"]


@pytest.mark.parametrize(("age", "expected"), [(17, ["child"]), (18, ["adult", "child"]),
                                               (65, ["adult"]), (66, ["any"])])
def test_age_bounds_are_inclusive_and_none_is_open(age, expected):
    e = Engine.build(make_offre(make_uo(id="child", age_min=None, age_max=18),
                                make_uo(id="adult", age_min=18, age_max=65),
                                make_uo(id="any", age_min=66, age_max=None)))
    assert ids(e, aval(age=age)) == sorted(expected)


def test_equipment_all_and_weight_limit():
    e = Engine.build(make_offre(
        make_uo(id="heavy", equipements=(Equipement("089", "001", 350.0), Equipement("227"))),
        make_uo(id="light", equipements=(Equipement("089", "001", 200.0),)),
        make_uo(id="none")))
    assert ids(e, aval(equipements=("089",))) == ["heavy", "light"]
    assert ids(e, aval(equipements=("089", "227"))) == ["heavy"]
    assert ids(e, aval(poids_min_kg=210)) == ["heavy"]
    assert ids(e, aval(equipements=("089",), poids_min_kg=200)) == ["heavy", "light"]
    assert ids(e, aval(equipements=("227",), poids_min_kg=100)) == []  # 227 has no rated weight


def test_radius_around_a_point_a_commune_or_a_postcode():
    far = make_eg(id="290000017", nom="CHU BREST", coordonnees=None,
                  adresse=Adresse(commune_insee="29019", code_postal="29200"), departement="29")
    offre = make_offre(make_uo(id="rennes"))
    offre.add(far)
    offre.add(make_uo(id="brest", eg_id=far.id))
    e = Engine.build(offre)
    assert ids(e, aval(lieu=RENNES, rayon_km=30, elargir=False)) == ["rennes"]
    assert ids(e, aval(lieu=Lieu(commune="29019"), rayon_km=30, elargir=False)) == ["brest"]
    assert ids(e, aval(lieu=Lieu(code_postal="35000"), rayon_km=30, elargir=False)) == ["rennes"]
    assert ids(e, aval(lieu=RENNES, rayon_km=300)) == ["brest", "rennes"]
    with pytest.raises(NotFoundError):
        e.search(aval(lieu=Lieu(commune="00000"), rayon_km=10))


def test_region_and_departement_filters():
    other = make_eg(id="560000010", departement="56", region="53")
    offre = make_offre(make_uo(id="a"))
    offre.add(other)
    offre.add(make_uo(id="b", eg_id=other.id))
    e = Engine.build(offre)
    assert ids(e, aval(departements=("56",))) == ["b"]
    assert ids(e, aval(regions=("53",))) == ["a", "b"]
    assert ids(e, aval(regions=("11",))) == []


def caps(free: int, maj: datetime = NOW, genre: str = "04", **kw) -> tuple[Capacite, ...]:
    return (Capacite("01", "02", "01", genre, free, maj=maj, **kw),)


def test_minimum_available_beds_and_figure_age():
    e = Engine.build(make_offre(make_uo(id="fresh", capacites=caps(2)),
                                make_uo(id="old", capacites=caps(3, NOW - timedelta(hours=9))),
                                make_uo(id="full", capacites=caps(0))))
    assert ids(e, aval(lits_min=1, nature_lits="01")) == ["fresh", "old"]
    assert ids(e, aval(lits_min=1, nature_lits="01", age_max_lits=timedelta(hours=1),
                       elargir=False)) == ["fresh"]


def test_stale_bed_figure_is_flagged_and_ranks_below_a_fresh_one():
    e = Engine.build(make_offre(make_uo(id="fresh", capacites=caps(2)),
                                make_uo(id="old", capacites=caps(2, NOW - timedelta(hours=9)))))
    rep = e.search(Requete(lieu=RENNES, rayon_km=50, lits_min=1), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["fresh", "old"]
    old = rep.resultats[1].explication
    assert old.lits_perimes and old.lits_age_min == pytest.approx(540.0)
    assert not rep.resultats[0].explication.lits_perimes


def test_patient_sex_against_gendered_beds():
    e = Engine.build(make_offre(
        make_uo(id="women", capacites=caps(2, genre="01")),
        make_uo(id="men", capacites=caps(1, genre="02")),
        make_uo(id="mixed", capacites=caps(1, genre="01") + caps(1, genre="04")),
        make_uo(id="undeclared", capacites=())))
    assert ids(e, aval(sexe=Sexe.HOMME)) == ["men", "mixed", "undeclared"]
    assert ids(e, aval(sexe=Sexe.FEMME, lits_min=2, nature_lits="01")) == ["mixed", "women"]


def test_plan_blanc_mobilised_supplementary_beds_count_as_available():
    crisis = (Capacite("01", "02", "01", "04", 0, maj=NOW),
              Capacite("01", "06", "01", "04", 5, maj=NOW, crise="02", type_lit_supplementaire="01"))
    idle = (Capacite("01", "02", "01", "04", 0, maj=NOW),
            Capacite("01", "06", "01", "04", 5, maj=NOW, type_lit_supplementaire="02"))
    e = Engine.build(make_offre(make_uo(id="crisis", capacites=crisis),
                                make_uo(id="idle", capacites=idle)))
    rep = e.search(Requete(lits_min=3, elargir=False), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["crisis"]
    expl = rep.resultats[0].explication
    assert expl.lits_disponibles == 5 and expl.crise == "02"
    assert any("Plan blanc" in c for c in expl.criteres)


SUNDAY_0310 = datetime(2026, 11, 29, 3, 10, tzinfo=PARIS)
CHRISTMAS_1000 = datetime(2026, 12, 25, 10, 0, tzinfo=PARIS)  # a Friday, public holiday


def test_open_at_an_instant_night_range_24_7_and_holidays():
    night = Horaires(plages=tuple(Plage(d, time(22), time(6)) for d in range(7)))
    e = Engine.build(make_offre(
        make_uo(id="always"), make_uo(id="day", horaires=WEEKDAYS_8_18),
        make_uo(id="night", horaires=night),
        make_uo(id="day-open-holidays", horaires=replace(WEEKDAYS_8_18, plages=(
            *WEEKDAYS_8_18.plages, Plage(7, time(9), time(12))))),
        make_uo(id="day-closed-holidays", horaires=replace(WEEKDAYS_8_18, ferme_jours_feries=True))))
    assert ids(e, aval(ouvert_a=SUNDAY_0310)) == ["always", "night"]
    assert ids(e, aval(ouvert_a=datetime(2026, 11, 26, 10, 0, tzinfo=PARIS))) == [
        "always", "day", "day-closed-holidays", "day-open-holidays"]
    assert ids(e, aval(ouvert_a=CHRISTMAS_1000)) == ["always", "day", "day-open-holidays"]
    # samu defaults to "open now"
    assert ids(e, Requete(limite=50, elargir=False), now=SUNDAY_0310.astimezone(UTC)) == [
        "always", "night"]


def test_temporarily_closed_unit_is_not_open():
    closed = Horaires(permanent=True, fermetures=(Fermeture(date(2026, 11, 1), date(2026, 12, 1)),))
    e = Engine.build(make_offre(make_uo(id="closed", horaires=closed), make_uo(id="open")))
    assert ids(e, aval(ouvert_a=datetime(2026, 11, 20, 12, tzinfo=PARIS))) == ["open"]
    assert ids(e, aval(ouvert_a=datetime(2026, 12, 2, 12, tzinfo=PARIS))) == ["closed", "open"]


def test_combined_filters_intersect():
    e = Engine.build(make_offre(
        make_uo(id="match", actes=("0460",), age_min=18, capacites=caps(2)),
        make_uo(id="too-young-range", actes=("0460",), age_min=0, age_max=15, capacites=caps(2)),
        make_uo(id="no-bed", actes=("0460",), capacites=caps(0)),
        make_uo(id="no-apt", capacites=caps(2))))
    req = Requete(aptitudes=("R210:0460",), age=67, lits_min=1, lieu=RENNES, rayon_km=50,
                  elargir=False)
    assert ids(e, req) == ["match"]


def test_fallback_widens_radius_then_relaxes_beds_and_says_so():
    far = make_eg(id="290000017", coordonnees=None, adresse=Adresse(commune_insee="29019"))
    offre = make_offre(make_uo(id="rennes-full", actes=("0460",), capacites=caps(0)))
    offre.add(far)
    offre.add(make_uo(id="brest", eg_id=far.id, actes=("0460",), capacites=caps(0)))
    e = Engine.build(offre)
    req = Requete(aptitudes=("R210:0460",), lits_min=1, lieu=Lieu(commune="35115"), rayon_km=50)
    rep = e.search(req, now=NOW)
    crits = [(r.critere, r.avant, r.apres) for r in rep.relachements]
    # the SAMU ladder stops at 200 km (Brest is ~240 km away): then the bed criterion is relaxed
    assert crits == [("rayon_km", "50 km", "100 km"), ("rayon_km", "100 km", "200 km"),
                     ("lits_min", "1", "0")]
    assert [r.uo_id for r in rep.resultats] == ["rennes-full"]
    national = e.search(replace(req, rayon_km=None, national=True), now=NOW)
    assert [r.uo_id for r in national.resultats] == ["rennes-full", "brest"]
    assert ids(e, replace(req, elargir=False)) == []


def test_each_profile_falls_back_along_its_own_ladder_for_the_same_constraints():
    """The fallback's steps are kept per engine once worked out: a SAMU query, then an aval one
    asking the same radius, beds and opening, each widen along their own profile's ladder."""
    e = Engine.build(make_offre(make_uo(id="full", actes=("0460",), capacites=caps(0))))
    asked = {"aptitudes": ("R210:0460",), "lits_min": 1, "ouvert_maintenant": True,
             "lieu": Lieu(lat=43.2965, lon=5.3698), "rayon_km": 50}  # Marseille, ~870 km away
    for profil, ladder in ((Profil.SAMU, ["100 km", "200 km"]),
                           (Profil.AVAL, ["60 km", "100 km", "200 km"]),
                           (Profil.SAMU, ["100 km", "200 km"])):
        rep = e.search(Requete(profil=profil, **asked), now=NOW)
        assert rep.resultats == ()
        assert [r.apres for r in rep.relachements] == [*ladder, "0", "ouverture prochaine acceptée"]


def test_update_of_capacities_is_visible_to_the_next_search():
    e = Engine.build(make_offre(make_uo(id="a", capacites=caps(0))))
    req = Requete(lits_min=1, elargir=False)
    assert ids(e, req) == []
    e.update_capacites("a", caps(3))
    assert ids(e, req) == ["a"]
    assert e.search(req, now=NOW).resultats[0].explication.lits_disponibles == 3


def test_update_of_a_unit_moves_its_aptitudes_schedule_and_adds_new_units():
    e = Engine.build(make_offre(make_uo(id="a", actes=("0460",))))
    e.update_uo(make_uo(id="a", actes=("0459",), horaires=WEEKDAYS_8_18))
    assert ids(e, aval(aptitudes=("R210:0460",))) == []
    assert ids(e, aval(aptitudes=("R210:0459",))) == ["a"]
    assert ids(e, aval(ouvert_a=SUNDAY_0310, elargir=False)) == []
    e.update_uo(make_uo(id="0-new", actes=("0460",)))
    assert ids(e, aval(aptitudes=("R210:0460",))) == ["0-new"]
    assert [r.uo_id for r in e.search(aval(), now=NOW).resultats][0] == "0-new"  # id order kept


def test_etapes_count_candidates_after_each_stage():
    """Without free text the unit's own criteria (rights, codes, age, territory) come with the
    postings and the radius in `candidates`; beds and opening, which the fallback may relax,
    in `filters`."""
    full = (Capacite("01", "02", "01", "04", 0, maj=NOW),)
    e = Engine.build(make_offre(make_uo(id="a", actes=("0460",)), make_uo(id="b", actes=("0460",),
                                                                          age_min=0, age_max=10),
                                make_uo(id="c"), make_uo(id="d", actes=("0460",), capacites=full)))
    rep = e.search(aval(aptitudes=("R210:0460",), age=40), now=NOW)
    assert rep.etapes == {"parse": 4, "candidates": 2, "text": 2, "filters": 2, "scoring": 2,
                          "page": 2}
    rep = e.search(aval(aptitudes=("R210:0460",), age=40, lits_min=1, elargir=False,
                        lieu=Lieu(lat=48.12, lon=-1.69), rayon_km=10), now=NOW)
    assert rep.etapes == {"parse": 4, "candidates": 2, "text": 2, "filters": 1, "scoring": 1,
                          "page": 1}
    assert e.search(aval(aptitudes=("R210:0460",), age=40, lieu=Lieu(lat=47.0, lon=-1.69),
                         rayon_km=10, elargir=False), now=NOW).etapes["candidates"] == 0


def test_etapes_with_free_text_count_the_units_around_before_the_text():
    """With free text the radius comes first (a unit's match is weighed against the best ones
    around, whatever the other criteria): `candidates` counts the units around, `text` those
    the text keeps, `filters` the unit's own criteria, beds and opening."""
    e = Engine.build(make_offre(make_uo(id="a", actes=("0460",), nom="Neurologie"),
                                make_uo(id="b", actes=("0460",), nom="Neurologie", age_min=0,
                                        age_max=10),
                                make_uo(id="c", nom="Cardiologie")))
    rep = e.search(aval(texte="thrombolyse", age=40, lieu=Lieu(lat=48.12, lon=-1.69),
                        rayon_km=10), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["a"]
    assert rep.etapes == {"parse": 3, "candidates": 3, "text": 2, "filters": 1, "scoring": 1,
                          "page": 1}


def test_invalid_inputs_raise_ror_errors():
    e = Engine.build(make_offre())
    with pytest.raises(ValidationError):
        e.search(Requete(limite=0))
    with pytest.raises(ValidationError):
        e.search(Requete(curseur="not-a-cursor"))


def test_importing_the_engine_loads_no_web_or_cli_framework():
    code = ("import sys, ror_orientation.engine; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('fastapi', 'uvicorn', 'starlette', 'argparse') or m.startswith(('ror_orientation.cli', 'ror_orientation.web'))]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_samu_search_never_crosses_the_sea_unless_national():
    """Nice → Bastia (~160 km) and Pointe-à-Pitre → Fort-de-France (~170 km) are within the radius
    ladder but across the sea: not proposed, unless the caller asks for a national search."""
    from ror_orientation.offre import Coordonnees

    offre = make_offre(make_uo(id="rennes"))
    for eg_id, dep, lat, lon in (("2B0000001", "2B", 42.6977, 9.4508), ("972000001", "972", 14.6161, -61.0588),
                                 ("060000001", "06", 43.7102, 7.2620)):
        offre.add(make_eg(id=eg_id, departement=dep, region=None, coordonnees=Coordonnees(lat, lon)))
        offre.add(make_uo(id=f"uo-{dep}", eg_id=eg_id))
    e = Engine.build(offre)
    from_nice = Requete(lieu=Lieu(commune="06088"), ouvert_maintenant=False)
    assert ids(e, from_nice) == ["uo-06"]
    assert ids(e, replace(from_nice, rayon_km=300, elargir=False)) == ["uo-06"]
    assert "uo-2B" in ids(e, replace(from_nice, national=True, limite=10))
    from_guadeloupe = Requete(lieu=Lieu(lat=16.2411, lon=-61.5331), ouvert_maintenant=False)
    rep = e.search(from_guadeloupe, now=NOW)
    assert rep.resultats == () and [r.apres for r in rep.relachements][:2] == ["100 km", "200 km"]
    assert "uo-972" in ids(e, replace(from_guadeloupe, national=True, limite=10))


def test_the_mainland_box_holds_no_commune_of_another_land():
    """The shortcut of `Terres.terre` (a point inside the mainland's box is on the mainland)."""
    from ror_orientation.engine.lieu import METROPOLE, terre_de_departement
    from ror_orientation.territoire import default_territoire

    inside = [c for c in default_territoire().communes.values()
              if 42.3 <= c.lat <= 51.2 and -5.3 <= c.lon <= 8.3]
    assert len(inside) > 30_000
    assert {terre_de_departement(c.departement) for c in inside} == {METROPOLE}


def test_postings_are_the_graph_edges_and_the_graph_is_built_only_on_first_use():
    from ror_orientation.graphe.compilation import Adjacence
    from ror_orientation.graphe.construction import CONCEPT_KINDS

    e = Engine.build(make_offre(make_uo(id="a", actes=("0460",)), make_uo(id="b", actes=("0459",)),
                                make_uo(id="c", equipements=(Equipement("05602"),
                                                             Equipement("05602", "001", 120.0)))))
    assert e._graph is None  # a search needs no graph
    e.update_uo(make_uo(id="a", actes=("0459",)))
    e.update_uo(make_uo(id="d", actes=("0460",)))
    assert ids(e, aval(aptitudes=("R210:0459",))) == ["a", "b"]
    compiled = Adjacence.compile(e.graph, e.row_of, CONCEPT_KINDS).postings  # built now
    assert {c: p.tolist() for c, p in compiled.items()} == {
        c: p.tolist() for c, p in e.adj.postings.items() if len(p)}
    e.update_uo(make_uo(id="b", actes=("0460",)))  # a built graph follows later updates
    assert Adjacence.compile(e.graph, e.row_of, CONCEPT_KINDS).postings["R210:0460"].tolist() == [
        e.row_of["b"], e.row_of["d"]]


def test_the_land_of_a_point_is_that_of_its_nearest_commune_among_all():
    import random

    import numpy as np

    from ror_orientation.engine.lieu import Terres, terre_de_departement
    from ror_orientation.territoire import default_territoire

    t = Terres(default_territoire())

    def nearest_of_all(lat: float, lon: float) -> str | None:
        p, q = np.radians(lat), np.radians(lon)
        a = np.sin((t.lat - p) / 2) ** 2 + np.cos(p) * np.cos(t.lat) * np.sin((t.lon - q) / 2) ** 2
        return terre_de_departement(t.deps[int(np.argmin(a))])

    rng = random.Random(7)
    points = ([(rng.uniform(-25, 55), rng.uniform(-65, 60)) for _ in range(300)]  # seas, far away
              + [(rng.uniform(41, 43.2), rng.uniform(8.3, 9.7)) for _ in range(200)]  # Corsica
              + [(rng.uniform(-21.5, -20.8), rng.uniform(55.1, 55.9)) for _ in range(100)]
              + [(rng.uniform(14, 16.6), rng.uniform(-61.9, -60.7)) for _ in range(100)])
    for lat, lon in points:
        assert t.terre(lat, lon) == nearest_of_all(lat, lon), (lat, lon)
