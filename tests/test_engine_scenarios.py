"""Use cases 1–9 of specs/use-cases.md as acceptance tests on hand-built offers."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from ror_orientation.engine import Engine
from ror_orientation.horaires import PARIS, Horaires, Plage
from ror_orientation.offre import Adresse, Capacite, Coordonnees, Equipement
from ror_orientation.requete import Lieu, Profil, Requete, Sexe

from .factories import make_eg, make_offre, make_uo

SUNDAY_0310 = datetime(2026, 11, 29, 3, 10, tzinfo=PARIS)
NOW = SUNDAY_0310.astimezone(UTC)


def site(offre, eg_id: str, lat: float, lon: float, nom: str = "Site") -> str:
    offre.add(make_eg(id=eg_id, nom=nom, coordonnees=Coordonnees(lat, lon)))
    return eg_id


def beds(free: int, age: timedelta = timedelta(minutes=10), nature: str = "01",
         temporalite: str = "01", now: datetime = NOW) -> tuple[Capacite, ...]:
    return (Capacite(nature, "02", temporalite, "04", free, maj=now - age),)


def test_stroke_at_night_in_fougeres():
    """1. Thrombolysis + free bed, open now, nearest first; a 9-hour-old figure is flagged stale
    and ranks below a fresh one at a similar distance; nothing within 50 km widens the radius."""
    offre = make_offre()
    site(offre, "RENNES", 48.1209, -1.6950)
    site(offre, "VITRE", 48.1240, -1.2090)  # ~25 km from Fougères
    site(offre, "LAVAL", 48.0700, -0.7700)  # ~40 km
    day = Horaires(plages=tuple(Plage(d, time(8), time(18)) for d in range(5)))
    for uo in (
        make_uo(id="unv-rennes", eg_id="RENNES", actes=("0460", "0459"), capacites=beds(1)),
        make_uo(id="unv-vitre", eg_id="VITRE", actes=("0460",),
                capacites=beds(1, timedelta(hours=9))),
        make_uo(id="unv-laval", eg_id="LAVAL", actes=("0460",), capacites=beds(1)),
        make_uo(id="unv-day", eg_id="VITRE", actes=("0460",), horaires=day, capacites=beds(3)),
        make_uo(id="unv-full", eg_id="VITRE", actes=("0460",), capacites=beds(0)),
    ):
        offre.add(uo)
    e = Engine.build(offre)
    req = Requete(profil=Profil.SAMU, aptitudes=("R210:0460",), aptitudes_souhaitees=("R210:0459",),
                  age=67, sexe=Sexe.HOMME, lits_min=1, lieu=Lieu(commune="35115"), rayon_km=50)
    rep = e.search(req, now=NOW)
    got = [r.uo_id for r in rep.resultats]
    assert set(got) == {"unv-rennes", "unv-vitre", "unv-laval"}
    assert got.index("unv-laval") < got.index("unv-vitre")  # fresh beats stale at similar distance
    vitre = next(r for r in rep.resultats if r.uo_id == "unv-vitre").explication
    assert vitre.lits_perimes and vitre.ouvert
    rennes = next(r for r in rep.resultats if r.uo_id == "unv-rennes").explication
    assert rennes.aptitudes_trouvees == ("R210:0459",) and rennes.distance_km > 40
    far = e.search(Requete(aptitudes=("R210:0460",), lits_min=1, lieu=Lieu(commune="29019"),
                           rayon_km=50), now=NOW)
    # from Brest (~240 km) the SAMU ladder (50 → 100 → 200 km) says it widened and stops there
    assert [r.apres for r in far.relachements if r.critere == "rayon_km"] == ["100 km", "200 km"]
    assert not far.resultats
    national = e.search(Requete(aptitudes=("R210:0460",), lits_min=1, lieu=Lieu(commune="29019"),
                                national=True), now=NOW)
    assert national.resultats


def test_chest_pain_cath_lab_closed_at_night_is_not_proposed_at_0200():
    """2. Interventional cardiology 24/7 + USIC bed; the day-only cath lab is out at 02:00."""
    offre = make_offre()
    site(offre, "VANNES", 47.6597, -2.7571)
    day = Horaires(plages=tuple(Plage(d, time(8), time(19)) for d in range(5)))
    offre.add(make_uo(id="cath-24", eg_id="VANNES", activite="014", actes=("0145",),
                      capacites=beds(1)))
    offre.add(make_uo(id="cath-day", eg_id="VANNES", activite="014", actes=("0145",),
                      horaires=day, capacites=beds(1)))
    e = Engine.build(offre)
    req = Requete(activites=("014",), lits_min=1, lieu=Lieu(commune="56260"), rayon_km=50,
                  elargir=False, age=54, sexe=Sexe.FEMME)
    at_2 = datetime(2026, 11, 26, 2, 0, tzinfo=PARIS)
    at_14 = datetime(2026, 11, 26, 14, 0, tzinfo=PARIS)
    assert [r.uo_id for r in e.search(req, now=at_2).resultats] == ["cath-24"]
    assert {r.uo_id for r in e.search(req, now=at_14).resultats} == {"cath-24", "cath-day"}


def test_child_of_four_never_sees_an_adult_only_unit():
    """3. Paediatric units only: the age range must include 4."""
    offre = make_offre()
    site(offre, "QUIMPER", 47.9960, -4.1020)
    offre.add(make_uo(id="rea-ped", eg_id="QUIMPER", actes=("1399",), age_min=0, age_max=17,
                      capacites=beds(1)))
    offre.add(make_uo(id="rea-adult", eg_id="QUIMPER", actes=("1399",), age_min=18,
                      capacites=beds(4)))
    e = Engine.build(offre)
    rep = e.search(Requete(aptitudes=("R210:1399",), age=4, lits_min=1,
                           lieu=Lieu(commune="29232"), rayon_km=50), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["rea-ped"]


def test_bariatric_patient_needs_equipment_rated_for_210_kg():
    """4. Operating table and bed with a weight limit ≥ 210 kg."""
    offre = make_offre()
    offre.add(make_uo(id="ok", equipements=(Equipement("088", "001", 250.0),
                                            Equipement("089", "001", 350.0))))
    offre.add(make_uo(id="table-too-light", equipements=(Equipement("088", "001", 200.0),
                                                         Equipement("089", "001", 350.0))))
    offre.add(make_uo(id="no-bed", equipements=(Equipement("088", "001", 250.0),)))
    e = Engine.build(offre)
    rep = e.search(Requete(equipements=("088", "089"), poids_min_kg=210, elargir=False), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["ok"]


def test_plan_blanc_extra_beds_count_as_available_and_the_crisis_is_shown():
    """5. Supplementary mobilised beds of a hospital in plan blanc are available."""
    crisis = (Capacite("01", "02", "01", "04", 0, maj=NOW),
              Capacite("01", "06", "01", "04", 8, maj=NOW, crise="02", type_lit_supplementaire="01"))
    e = Engine.build(make_offre(make_uo(id="plan-blanc", capacites=crisis),
                                make_uo(id="normal", capacites=beds(0))))
    rep = e.search(Requete(lits_min=1, elargir=False), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["plan-blanc"]
    assert rep.resultats[0].explication.crise == "02"


def test_rehabilitation_after_hip_replacement_near_saint_malo():
    """6. SMR locomoteur, hospitalisation complète, patientèle including 81, 30 km, places +7 days."""
    offre = make_offre()
    site(offre, "DINARD", 48.6250, -2.0600)
    site(offre, "RENNES", 48.1209, -1.6950)
    smr = dict(champ="02", activite="233", categorie_organisation="102",
               mode_prise_en_charge="28", horaires=Horaires(permanent=True))
    offre.add(make_uo(id="smr-dinard", eg_id="DINARD", age_min=16, age_max=None,
                      capacites=beds(0) + beds(2, temporalite="05"), **smr))
    offre.add(make_uo(id="smr-ped", eg_id="DINARD", age_min=0, age_max=17, capacites=beds(3), **smr))
    offre.add(make_uo(id="smr-rennes", eg_id="RENNES", age_min=18, capacites=beds(5), **smr))
    offre.add(make_uo(id="smr-full", eg_id="DINARD", age_min=18, capacites=beds(0), **smr))
    e = Engine.build(offre)
    req = Requete(profil=Profil.AVAL, categories_organisation=("102",), modes=("28",), age=81,
                  sexe=Sexe.FEMME, lits_min=1, lieu=Lieu(commune="35288"), rayon_km=30,
                  temporalite_lits="05", elargir=False)  # places in the next 7 days: the forecast
    rep = e.search(req, now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["smr-dinard"]
    assert rep.resultats[0].explication.lits_disponibles == 2


def test_nursing_home_with_alzheimer_unit_near_lanester():
    """7. EHPAD with an Alzheimer specialisation, temporary stay, within 20 km of Lanester."""
    offre = make_offre()
    site(offre, "LORIENT", 47.7500, -3.3700)
    site(offre, "VANNES", 47.6597, -2.7571)
    ehpad = dict(champ="04", categorie_organisation="24", age_min=60, capacites=beds(1, nature="02"))
    offre.add(make_uo(id="ehpad-alz", eg_id="LORIENT", specialisations=("28",), **ehpad))
    offre.add(make_uo(id="ehpad-plain", eg_id="LORIENT", **ehpad))
    offre.add(make_uo(id="ehpad-far", eg_id="VANNES", specialisations=("28",), **ehpad))
    e = Engine.build(offre)
    rep = e.search(Requete(profil=Profil.AVAL, categories_organisation=("24",),
                           specialisations=("28",), age=88, lieu=Lieu(commune="56098"),
                           rayon_km=20, elargir=False), now=NOW)
    assert [r.uo_id for r in rep.resultats] == ["ehpad-alz"]


def test_young_adult_with_autism_found_by_text_and_by_specialisation():
    """8. PH establishments for autism spectrum disorders whose age range includes 22; the text
    "TSA" / "autisme" is understood through the index's synonyms."""
    offre = make_offre()
    site(offre, "BREST", 48.4005, -4.5028)
    offre.add(make_uo(id="mas-tsa", eg_id="BREST", champ="04", categorie_organisation="40",
                      publics=("02",), specialisations=("02",), actes=("1574",), age_min=20,
                      age_max=60))
    offre.add(make_uo(id="ime-child", eg_id="BREST", champ="04", publics=("02",),
                      specialisations=("02",), actes=("1574",), age_min=6, age_max=20))
    offre.add(make_uo(id="fam-other", eg_id="BREST", champ="04", publics=("02",),
                      specialisations=("17",), age_min=18))
    e = Engine.build(offre)
    base = dict(profil=Profil.AVAL, age=22, lieu=Lieu(commune="29019"), rayon_km=30, elargir=False)
    assert [r.uo_id for r in e.search(Requete(specialisations=("02",), **base), now=NOW)
            .resultats] == ["mas-tsa"]
    for text in ("autisme", "TSA"):
        rep = e.search(Requete(texte=text, **base), now=NOW)
        assert [r.uo_id for r in rep.resultats] == ["mas-tsa"], text
        assert "R210:1574" in rep.concepts


def test_mobile_prefix_dialy_finds_haemodialysis_near_the_phone():
    """9. "dialy" understood as haemodialysis; 10 results near the phone's position."""
    offre = make_offre()
    for i in range(14):
        offre.add(make_uo(id=f"dial-{i:02d}", activite="059", adresse=Adresse(
            commune_insee="35238")))
    offre.add(make_uo(id="cardio", activite="354"))
    e = Engine.build(offre)
    rep = e.search(Requete(texte="dialy", lieu=Lieu(lat=48.11, lon=-1.68), limite=10,
                           ouvert_maintenant=False), now=NOW)
    assert len(rep.resultats) == 10 and rep.total == 14 and rep.curseur_suivant
    assert all(r.uo_id.startswith("dial-") for r in rep.resultats)
    assert "R211:059" in rep.concepts
    nxt = e.search(Requete(texte="dialy", lieu=Lieu(lat=48.11, lon=-1.68), limite=10,
                           ouvert_maintenant=False, curseur=rep.curseur_suivant), now=NOW)
    assert len(nxt.resultats) == 4 and nxt.curseur_suivant is None
