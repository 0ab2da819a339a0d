"""The city offer (offre de ville) the ROR describes since 2023: its kinds of unit and of structure.

`VILLE` holds the kinds of unit (codes checked with the rest of the catalogue, `check_catalogue`);
`STRUCTURES` the kinds of city structure: their FINESS-like category (JDV_J55), how many the
generator places nationally, the real order of magnitude and its source, and the units each runs
(kind, probability). Where they go: `ville.py`.

The ROR holds every MSP, centre de santé and PMI site it can, but only the practices (cabinets de
ville) that have been populated: for those the generator places a modest number per speciality,
about in proportion to the number of liberal practitioners (DREES, démographie des professionnels
de santé 2023), a few per cent of the real practices.
"""

from __future__ import annotations

from dataclasses import dataclass

from .type_unite import MCO, PSY, UniteType, _t

_V = "Offre de ville"
TOUS = (0, 130)
# sutures, smears, ECG, IUD, vaccines; a new patient's médecin traitant, Mon bilan prévention, the
# colorectal screening kit, aptitude examinations (approved physicians)
ACTES_MG = ("1269", "1208", "0172", "1245", "1535", "1536", "1701", "1437", "1688", "1199", "1200")
# spine, perineum, vestibular, hand, foot; the direct-access cooperation protocols (low back pain,
# ankle sprain)
ACTES_KINE = ("1555", "1341", "1554", "0968", "1623", "0977", "0978")
# smears, IUD, implant, post-partum perineal rehabilitation, home birth (independent midwives)
ACTES_SF = ("1208", "1245", "1244", "1479", "1356")


def _v(key: str, nom: str, activite: str, mode: str, categorie: str | None, **kw: object
       ) -> UniteType:
    """A city unit: consultation hours of a practice, no beds, its pole 'Offre de ville'."""
    base: dict[str, object] = {"champ": MCO, "ages": TOUS, "horaires": "cabinet", "nature": None,
                               "pole": _V, "specialites": ("SM54",), "professions": ("10",)}
    base.update(kw)
    champ = base.pop("champ")
    return _t(key, nom, champ, activite, mode, categorie=categorie, **base)  # type: ignore[arg-type]


def _cabinet(key: str, de: str, activite: str, categorie: str, **kw: object) -> UniteType:
    return _v(f"cab_{key}", f"Cabinet {de}", activite, "32", categorie, **kw)


VILLE: tuple[UniteType, ...] = (
    # --- maison de santé pluriprofessionnelle (TRE_R244 99) -------------------------------------
    _v("msp_mg", "Médecine générale", "437", "32", "99", actes_options=ACTES_MG),
    _v("msp_ide", "Soins infirmiers", "287", "32", "99", actes_options=("0362", "1535"),
       professions=("60",)),
    _v("msp_kine", "Kinésithérapie", "339", "32", "99", actes_options=ACTES_KINE,
       professions=("70",)),
    _v("msp_sf", "Sage-femme - suivi de grossesse et gynécologie", "282", "32", "99",
       actes_options=ACTES_SF, ages=(12, 55), professions=("50",)),
    _v("msp_psy", "Suivi psychologique", "289", "32", "99", champ=PSY, professions=()),
    _v("msp_snp", "Soins non programmés", "437", "56", "92", actes_options=("1269",)),
    # --- centre de santé (EG JDV_J55 124; no TRE_R244 category of its own) ---------------------
    _v("cds_mg", "Médecine générale", "437", "32", None, actes_options=ACTES_MG),
    _v("cds_dentaire", "Chirurgie dentaire", "442", "32", None, professions=("40",)),
    _v("cds_ide", "Soins infirmiers", "287", "32", None, actes_options=("0362",),
       professions=("60",)),
    _v("cds_gyneco", "Suivi gynécologique et contraception", "527", "32", None,
       actes_options=("1208", "1245", "1244"), ages=(12, 130), specialites=("SM19",),
       professions=("10", "50")),
    _v("cds_ophtalmo", "Ophtalmologie", "103", "32", None, specialites=("SM38",)),
    _v("cds_kine", "Kinésithérapie", "339", "32", None, actes_options=ACTES_KINE,
       professions=("70",)),
    _v("cds_snp", "Soins non programmés", "437", "56", "92", actes_options=("1269",)),
    # --- maison médicale de garde: the doctors' evening and weekend permanence -----------------
    _v("mmg", "Maison médicale de garde", "437", "56", "92", horaires="garde",
       actes_options=("1269",)),
    # --- PMI: children under six, pregnancy follow-up and family planning ------------------------
    _v("pmi", "Consultations de PMI - enfants de 0 à 6 ans", "118", "32", "125", ages=(0, 6),
       actes=("1536",), actes_options=("1171", "1172"), specialites=("SM40", "SM54"),
       professions=("10", "60")),
    _v("pmi_prenatal", "PMI - suivi de grossesse et planification familiale", "282", "32", "125",
       ages=(12, 55), actes_options=("1208", "1245", "1244"), professions=("50",)),
    # --- students, young people, sport, territorial coordination ------------------------------
    _v("bapu", "Bureau d'aide psychologique universitaire (BAPU)", "289", "32", "64", champ=PSY,
       ages=(17, 30), specialites=("SM42",)),
    _v("esj", "Espace santé jeunes", "453", "32", "141", ages=(11, 25), specialites=("SM54",)),
    _v("mss", "Maison sport-santé - activité physique adaptée", "081", "42", "137", ages=(6, 130),
       specialites=("SM29",)),
    _v("cpts_snp", "CPTS - coordination des soins non programmés", "475", "58", "255",
       horaires="jour", professions=()),
    _v("cpts_parcours", "CPTS - coordination des parcours complexes", "335", "58", "255",
       horaires="jour", professions=()),
    # --- cabinets de ville, one kind per speciality ---------------------------------------------
    _cabinet("mg", "de médecine générale", "437", "196", actes_options=ACTES_MG),
    _cabinet("kine", "de kinésithérapie", "339", "195", actes_options=ACTES_KINE,
             professions=("70",)),
    _v("cab_ide", "Cabinet infirmier - soins à domicile", "287", "49", "225", horaires="domicile",
       actes_options=("0362", "0964", "1535", "1451", "1474"), professions=("60",)),
    _cabinet("sf", "de sages-femmes", "282", "213", actes_options=ACTES_SF, ages=(12, 55),
             professions=("50",)),
    _cabinet("dentaire", "dentaire", "442", "226", professions=("40",)),
    _cabinet("cardio", "de cardiologie", "013", "183", actes=("0172",), actes_options=("0833",),
             ages=(15, 130), specialites=("SM73",)),
    _cabinet("dermato", "de dermatologie", "037", "190", actes_options=("1181",),
             specialites=("SM15",)),
    _cabinet("orl", "d'ORL", "016", "179", specialites=("SM34",)),
    _cabinet("ophtalmo", "d'ophtalmologie", "103", "221", actes_options=("1660",),
             specialites=("SM38",)),
    _cabinet("pediatrie", "de pédiatrie", "088", "205", actes=("1536",), ages=(0, 17),
             specialites=("SM40",)),
    _cabinet("psychiatrie", "de psychiatrie", "229", "208", champ=PSY, ages=(16, 130),
             specialites=("SM42",)),
    _cabinet("psychologie", "de psychologie", "289", "209", champ=PSY, professions=()),
    _cabinet("gyneco", "de gynécologie", "053", "194", actes_options=("1208", "1245", "1244"),
             ages=(12, 130), specialites=("SM19",)),
    _cabinet("orthophonie", "d'orthophonie", "200", "222", actes_options=("0481",),
             professions=("91",)),
    _cabinet("orthoptie", "d'orthoptie", "106", "223", actes_options=("1656",),
             professions=("92",)),
    _cabinet("podologie", "de pédicurie-podologie", "201", "206", actes_options=("1623",),
             professions=("80",)),
    _cabinet("rhumato", "de rhumatologie", "131", "212", specialites=("SM48",)),
    _cabinet("pneumo", "de pneumologie", "114", "207", specialites=("SM41",)),
    _cabinet("gastro", "d'hépato-gastro-entérologie", "046", "219", specialites=("SM24",)),
    _cabinet("endocrino", "d'endocrinologie-diabétologie", "041", "215", specialites=("SM62",)),
    _cabinet("neuro", "de neurologie", "097", "204", specialites=("SM32",)),
    _cabinet("vasculaire", "de médecine vasculaire", "091", "201", specialites=("SM61",)),
    _cabinet("mpr", "de médecine physique et de réadaptation", "090", "200",
             specialites=("SM29",)),
    _cabinet("allergo", "d'allergologie", "005", "180", specialites=("SM57",)),
    _cabinet("imagerie", "d'imagerie médicale", "454", "211", specialites=("SM44",),
             professions=("10", "98")),
    _cabinet("dietetique", "de diététique", "549", "191", professions=("95",)),
    _cabinet("ergotherapie", "d'ergothérapie", "558", "216", professions=("94",)),
    _cabinet("psychomotricite", "de psychomotricité", "493", "210", ages=(0, 17),
             professions=("96",)),
    # orthodontists (dentists qualified in ODF) and the advanced-practice nurses in mental health,
    # whose practices the ROR types since 2025 and 2026
    _cabinet("odf", "d'orthopédie dento-faciale", "104", "229", specialites=("SCD01",),
             professions=("40",)),
    _cabinet("ipa_psy", "infirmier en pratique avancée - santé mentale", "617", "306", champ=PSY,
             ages=(16, 130), specialites=(), professions=("60",)),
)


@dataclass(frozen=True, slots=True)
class Structure:
    """A kind of city structure: `categorie` its JDV_J55 category, `nombre` how many the generator
    places nationally, `unites` the (kind, probability) of its units; the first is always there."""

    cle: str
    sigle: str  # how its structures are named
    categorie: str
    nombre: int
    unites: tuple[tuple[str, float], ...]


def _cab(key: str, nombre: int, groupe: bool = False) -> Structure:
    """A practice: cabinet de groupe (JDV_J55 SA08) for medicine and care, individual (SA07)
    for the other specialities."""
    t = next(t for t in VILLE if t.key == f"cab_{key}")
    return Structure(f"cab_{key}", t.nom, "SA08" if groupe else "SA07", nombre,
                     ((t.key, 1.0),))


STRUCTURES: tuple[Structure, ...] = (
    # about 2,500 MSP in operation at the end of 2023 (DGOS, observatoire des MSP)
    Structure("msp", "Maison de santé pluriprofessionnelle", "603", 2500,
              (("msp_mg", 1.0), ("msp_ide", 0.7), ("msp_kine", 0.6), ("msp_sf", 0.35),
               ("msp_psy", 0.2), ("msp_snp", 0.35))),
    # about 2,900 centres de santé (FNCS / observatoire des centres de santé 2023), a third dental
    Structure("cds", "Centre de santé", "124", 2900,
              (("cds_mg", 1.0), ("cds_dentaire", 0.4), ("cds_ide", 0.35), ("cds_gyneco", 0.3),
               ("cds_ophtalmo", 0.15), ("cds_kine", 0.15), ("cds_snp", 0.2))),
    # about 400 maisons médicales de garde (Cour des comptes, permanence des soins, 2023)
    Structure("mmg", "Maison médicale de garde", "SA08", 400, (("mmg", 1.0),)),
    # about 4,500 PMI consultation sites (DREES, enquête PMI 2019)
    Structure("pmi", "Centre de PMI", "223", 4500, (("pmi", 1.0), ("pmi_prenatal", 0.5))),
    # about 45 BAPU, in university towns (FNBAPU)
    Structure("bapu", "BAPU", "221", 45, (("bapu", 1.0),)),
    # about 570 labelled maisons sport-santé (ministère des Sports, 2023)
    Structure("mss", "Maison sport-santé", "700", 570, (("mss", 1.0),)),
    # espaces santé jeunes: a few dozen, mostly municipal (Île-de-France and large towns)
    Structure("esj", "Espace santé jeunes", "703", 60, (("esj", 1.0),)),
    # about 800 CPTS with a signed agreement in 2024 (Assurance maladie, ACI CPTS)
    Structure("cpts", "CPTS", "604", 800, (("cpts_snp", 1.0), ("cpts_parcours", 0.5))),
    # the practices the ROR holds: a few per cent of the liberal practices (DREES 2023: about
    # 52,000 liberal GPs, 80,000 physiotherapists, 100,000 nurses, 37,000 dentists, 8,000
    # midwives, 26,000 speech therapists; a few thousand of each medical speciality)
    _cab("mg", 5000, groupe=True), _cab("kine", 3500, groupe=True), _cab("ide", 3500, groupe=True),
    _cab("dentaire", 1500, groupe=True), _cab("sf", 800), _cab("orthophonie", 800),
    _cab("psychologie", 600), _cab("cardio", 500), _cab("ophtalmo", 500), _cab("psychiatrie", 500),
    _cab("gyneco", 400), _cab("podologie", 400), _cab("dermato", 350), _cab("pediatrie", 300),
    _cab("imagerie", 300, groupe=True), _cab("orl", 250), _cab("rhumato", 150), _cab("pneumo", 150),
    _cab("gastro", 150), _cab("dietetique", 150), _cab("psychomotricite", 150),
    _cab("endocrino", 100), _cab("neuro", 100), _cab("vasculaire", 100), _cab("orthoptie", 100),
    _cab("ergotherapie", 80), _cab("mpr", 50), _cab("allergo", 50),
    # placed after the others, so every former practice keeps its number: about 2,400 dentists
    # qualified in orthopédie dento-faciale (ONCD 2023), 4 % of them as for the dentists; a few
    # hundred liberal IPA (Assurance maladie 2023), about a third of the graduates in mental health
    _cab("odf", 100), _cab("ipa_psy", 30),
)

_unknown = sorted({k for s in STRUCTURES for k, _p in s.unites} - {t.key for t in VILLE})
if _unknown:
    raise ValueError(f"catalogue_ville.py: structures name unknown kinds: {', '.join(_unknown)}")
