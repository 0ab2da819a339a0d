"""What each kind of generated unit is: its champ, activities, mode, aptitudes, public and capacity.

The codes are real ANS nomenclature codes; `check_catalogue` refuses any code that is unknown or
deprecated in its table, so a nomenclature update that retires a code fails the tests, not the demo.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..errors import ValidationError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from .actes_courants import ACTES_COURANTS
from .catalogue_medico_social import MEDICO_SOCIAL
from .catalogue_orientations import ORIENTATIONS
from .catalogue_recours import RECOURS
from .catalogue_social import SOCIAL
from .catalogue_specialise import SPECIALISES
from .catalogue_ville import VILLE
from .compagnons import COMPAGNONS, Compagnon
from .implantations import FAITS, MEDICO_SOCIAUX, SANITAIRES
from .type_unite import (
    _CHI,
    _CNV,
    _CS,
    _FME,
    _MT,
    _PSY,
    _R,
    _SMR,
    ADULTE,
    BARIATRIQUE,
    ENFANT,
    GERIATRIE,
    MCO,
    MS,
    NOUVEAU_NE,
    PA,
    PSY,
    SMR,
    Equip,
    UniteType,
    _t,
)

# Authorisations (activité, modalité, forme), after the two-digit FINESS activity codes the population
# perimeter reads (01 médecine, 02 chirurgie, 03 gynécologie-obstétrique, 04 psychiatrie, 07 soins de
# longue durée, 11 cardiologie interventionnelle, 14 médecine d'urgence, 15 soins critiques,
# 16 insuffisance rénale chronique, 18 cancer, 50-59 SSR/SMR; forme 01 complète, 02 partielle, 05 HAD).
A_MED = ("01", "00", "01")
A_MED_HDJ = ("01", "00", "02")
A_CHI = ("02", "06", "01")
A_CHI_AMBU = ("02", "06", "02")
A_CHI_PED = ("02", "07", "01")
A_OBS = ("03", "16", "01")
A_NEONAT = ("03", "17", "01")
A_NEONAT_SI = ("03", "18", "01")
A_REA_NEONAT = ("03", "19", "01")
A_PSY = ("04", "00", "01")
A_PSY_HDJ = ("04", "00", "02")
A_SLD = ("07", "00", "01")
A_CARDIO_INTERV = ("11", "03", "00")
A_URG = ("14", "30", "00")
A_URG_PED = ("14", "31", "00")
A_SMUR = ("14", "32", "00")
A_SAMU = ("14", "33", "00")
A_REA = ("15", "06", "01")
A_REA_PED = ("15", "07", "01")
A_IRC = ("16", "20", "00")
A_CANCER = ("18", "08", "00")
A_HAD = ("01", "00", "05")
A_SMR = ("50", "00", "01")
A_SMR_HDJ = ("50", "00", "02")
A_SMR_LOCO = ("51", "00", "01")
A_SMR_NEURO = ("52", "00", "01")
A_SMR_CARDIO = ("53", "00", "01")
A_SMR_RESPI = ("54", "00", "01")
A_SMR_GERIA = ("57", "00", "01")
A_SMR_PED = ("58", "07", "01")
A_SMR_DIGEST = ("55", "00", "01")


TYPES: tuple[UniteType, ...] = (
    # --- MCO: emergency and critical care -------------------------------------------------------
    _t("urgences", "Urgences adultes", MCO, "157", "33", categorie="20",
       actes=("1016", "1269", "1247"), ages=(15, 130), taille=(4, 16), regulation=True, pole=_R,
       service="Urgences", specialites=("SM59",), autorisation=A_URG,
       equipements=(Equip("091", 0.3, (250,)),)),
    _t("urgences_ped", "Urgences pédiatriques", MCO, "249", "33", categorie="311",
       actes=("1269", "1247"), actes_options=("0005", "1477"), ages=(0, 17), taille=(2, 8), regulation=True,
       pole=_FME, service="Urgences",
       competences=("14",), specialites=("SM40",), autorisation=A_URG_PED),
    _t("samu", "SAMU - Centre 15", MCO, "273", "27", categorie="246", ages=(0, 130),
       nature=None, regulation=True, pole=_R, service="SAMU - SMUR", specialites=("SM59",),
       autorisation=A_SAMU),
    _t("smur", "SMUR", MCO, "136", "59", categorie="247", ages=(0, 130), nature=None,
       regulation=True, pole=_R, service="SAMU - SMUR", specialites=("SM59",), autorisation=A_SMUR,
       equipements=(Equip("182"),)),
    _t("rea", "Réanimation polyvalente", MCO, "127", "28", categorie="121",
       actes=("0658", "1006"), actes_options=("1404", "1405", "0243"), taille=(8, 30), regulation=True,
       pole=_R, service="Réanimation", specialites=("SM46", "SM02"), autorisation=A_REA,
       equipements=(Equip("115"), Equip("093", 0.2), Equip("225", 0.3, BARIATRIQUE))),
    _t("usc", "Unité de surveillance continue", MCO, "373", "28", categorie="254",
       actes=("1006", "1007"), taille=(6, 16), pole=_R, service="Réanimation",
       specialites=("SM46",), autorisation=A_REA),
    _t("rea_ped", "Réanimation pédiatrique", MCO, "130", "28", categorie="121",
       actes=("0658", "1399"), ages=ENFANT, taille=(6, 14), regulation=True, pole=_FME,
       service="Pédiatrie", competences=("14",), specialites=("SM90", "SM82"),
       autorisation=A_REA_PED),
    _t("sc_ped", "Surveillance continue pédiatrique", MCO, "391", "28", categorie="254",
       actes=("1006",), ages=ENFANT, taille=(4, 10), pole=_FME, service="Pédiatrie",
       competences=("14",), specialites=("SM40",), autorisation=A_REA_PED),
    # --- MCO: cardio-neuro-vascular ---------------------------------------------------------------
    _t("usic", "USIC - Soins intensifs de cardiologie", MCO, "354", "28", categorie="262",
       actes=("1582", "1006", "0915"), taille=(6, 16), regulation=True, pole=_CNV, service="Cardiologie",
       specialites=("SM73", "SM04"), autorisation=A_REA),
    _t("usinv", "USINV - Unité neuro-vasculaire", MCO, "356", "28", categorie="263",
       actes=("0460", "1602"), actes_options=("1461", "1463"), taille=(6, 16), regulation=True,
       pole=_CNV, service="Neurologie", specialites=("SM32", "SM84"), autorisation=A_REA),
    _t("cardio_interv", "Cardiologie interventionnelle - salle de coronarographie", MCO, "014",
       "55", categorie="149", actes=("0597",), actes_options=("0633", "0001", "1131"), nature="04",
       taille=(1, 3), regulation=True, pole=_CNV, service="Cardiologie",
       specialites=("SM79",), professions=("10", "60", "98"), autorisation=A_CARDIO_INTERV,
       equipements=(Equip("224", 0.5, BARIATRIQUE), Equip("211", 0.2))),
    _t("cardio", "Cardiologie", MCO, "013", "28", categorie="149",
       actes_options=("0250", "1213", "0249", "0915"), taille=(15, 40), pole=_CNV, service="Cardiologie", specialites=("SM73", "SM04"), autorisation=A_MED),
    _t("neuro", "Neurologie", MCO, "097", "28", categorie="161",
       actes_options=("0681", "0682"), taille=(15, 40), pole=_CNV, service="Neurologie", specialites=("SM32",), autorisation=A_MED),
    # --- MCO: medicine ---------------------------------------------------------------------------
    _t("pneumo", "Pneumologie", MCO, "114", "28", categorie="163", actes=("1006", "1007"),
       actes_options=("0559",),
       taille=(15, 35), specialites=("SM41",), autorisation=A_MED),
    _t("gastro", "Hépato-gastro-entérologie", MCO, "046", "28", categorie="170",
       actes=("0639", "0205"), actes_options=("0640", "1209", "0466", "1596", "0191", "1325"), taille=(15, 35),
       specialites=("SM24",),
       autorisation=A_MED),
    _t("nephro", "Néphrologie", MCO, "095", "28", categorie="159", taille=(10, 25),
       pole="Néphrologie - Dialyse", specialites=("SM30",), autorisation=A_MED),
    _t("oncologie", "Oncologie médicale", MCO, "102", "28", categorie="171",
       actes_options=("0377",), taille=(12, 30), specialites=("SM36",), autorisation=A_CANCER),
    _t("medecine_interne", "Médecine interne", MCO, "085", "28", categorie="176",
       taille=(15, 35), specialites=("SM27", "SM72"), autorisation=A_MED),
    _t("medecine", "Médecine polyvalente", MCO, "083", "28", categorie="238",
       taille=(15, 35), specialites=("SM54", "SM27"), autorisation=A_MED),
    _t("geriatrie", "Médecine gériatrique aiguë", MCO, "491", "28", categorie="156",
       actes_options=("1398",), ages=GERIATRIE, taille=(15, 35), competences=("42",), pole=_SMR,
       specialites=("SM18",), autorisation=A_MED, genre=True),
    _t("hdj_medecine", "Hôpital de jour de médecine", MCO, "083", "29", categorie="11",
       horaires="hdj", nature="02", taille=(5, 20), specialites=("SM27",),
       autorisation=A_MED_HDJ),
    _t("soins_palliatifs", "Unité de soins palliatifs", MCO, "170", "28", categorie="175",
       actes_options=("0601",), taille=(8, 15), specialites=("SM54",), autorisation=A_MED),
    _t("usld", "Unité de soins de longue durée", MCO, "333", "28", categorie="249", ages=PA,
       taille=(20, 60), pole=_SMR, specialites=("SM18",), autorisation=A_SLD, genre=True,
       previsionnel=True),
    _t("consult_cardio", "Consultations de cardiologie", MCO, "013", "32", categorie="69",
       actes=("0833", "0199", "0172"), actes_options=("0200", "0177", "0178", "0176"),
       horaires="jour", nature=None, pole=_CNV, service="Cardiologie", specialites=("SM73",)),
    _t("consult_diabeto", "Consultations d'endocrinologie-diabétologie", MCO, "039", "32",
       categorie="69", actes_options=("1282",), horaires="jour", nature=None, specialites=("SM62",)),
    _t("consult_douleur", "Consultation douleur chronique", MCO, "004", "32", categorie="126",
       actes=("0601",), actes_options=("0608",), horaires="jour", nature=None,
       specialites=("SM02",)),
    _t("consult_memoire", "Consultation mémoire", MCO, "597", "32", categorie="69",
       ages=(50, 130), horaires="jour", nature=None, pole=_SMR, competences=("05",),
       specialites=("SM18", "SM32")),
    _t("snp_nuit", "Permanence de soins non programmés (nuit et week-end)", MCO, "437", "56",
       categorie="138", ages=(0, 130), horaires="nuit", nature=None, pole=_R,
       service="Urgences", specialites=("SM54",)),
    _t("pass", "Permanence d'accès aux soins de santé (PASS)", MCO, "437", "17",
       categorie="295", ages=(0, 130), publics=("06",), horaires="jour", nature=None,
       specialites=("SM54",), competences=("06",)),
    _t("hemodialyse", "Hémodialyse en centre", MCO, "059", "32", categorie="274",
       actes=("0657", "1452"), actes_options=("1514",), horaires="dialyse", nature="02",
       taille=(8, 30), pole="Néphrologie - Dialyse", service="Dialyse", specialites=("SM30",),
       autorisation=A_IRC),
    _t("udm", "Unité de dialyse médicalisée", MCO, "059", "32", categorie="275",
       actes=("0657",), horaires="dialyse", nature="02", taille=(6, 16),
       pole="Néphrologie - Dialyse", service="Dialyse", specialites=("SM30",),
       autorisation=A_IRC),
    _t("autodialyse", "Autodialyse assistée", MCO, "059", "32", categorie="273",
       actes=("1550",), horaires="dialyse", nature="02", taille=(6, 12),
       pole="Néphrologie - Dialyse", service="Dialyse", specialites=("SM30",),
       professions=("60",), autorisation=A_IRC),
    _t("dialyse_peritoneale", "Dialyse péritonéale", MCO, "583", "32", categorie="271",
       actes=("0761", "1450"), horaires="jour", nature=None, pole="Néphrologie - Dialyse",
       service="Dialyse", specialites=("SM30",), autorisation=A_IRC),
    _t("imagerie", "Imagerie médicale", MCO, "068", "55", categorie="164",
       actes_options=("1135", "1221", "1223", "1243", "1239", "1136"), ages=(0, 130), nature=None, pole=_MT, service="Imagerie", specialites=("SM74", "SM44"),
       professions=("10", "98"),
       equipements=(Equip("230"), Equip("231"), Equip("222", 0.4, BARIATRIQUE),
                    Equip("248", 0.3))),
    _t("caisson", "Médecine hyperbare - caisson", MCO, "084", "55", actes=("0686", "1610"),
       ages=(0, 130), nature=None, regulation=True, pole=_MT, specialites=("SM46",),
       equipements=(Equip("244"), Equip("162", 0.5))),
    # --- MCO: surgery ----------------------------------------------------------------------------
    _t("chir_ortho", "Chirurgie orthopédique et traumatologique", MCO, "025", "28",
       categorie="150", actes=("1247",), actes_options=("1406", "0026", "1128", "1586"), taille=(15, 40), pole=_CHI,
       specialites=("SM08",), autorisation=A_CHI,
       equipements=(Equip("227", 0.3, BARIATRIQUE),)),
    _t("chir_visc", "Chirurgie viscérale et digestive", MCO, "033", "28", categorie="153",
       actes_options=("1406", "0601", "1584", "1370", "1371", "1369"), taille=(15, 40), pole=_CHI,
       specialites=("SM14",),
       autorisation=A_CHI),
    _t("chir_bariatrique", "Chirurgie de l'obésité (bariatrique)", MCO, "017", "28",
       categorie="153", actes=("0533", "0530", "0537"), taille=(6, 15), pole=_CHI,
       specialites=("SM14",), autorisation=A_CHI,
       equipements=(Equip("227", 1.0, BARIATRIQUE), Equip("225", 1.0, BARIATRIQUE),
                    Equip("092", 0.5, (350,)))),
    _t("urologie", "Urologie", MCO, "031", "28", categorie="234", actes=("0890",),
       actes_options=("0277", "0465", "1144"), taille=(10, 30), pole=_CHI, specialites=("SM12",), autorisation=A_CHI),
    _t("chir_ambu", "Chirurgie ambulatoire", MCO, "033", "09", horaires="hdj",
       nature="02", taille=(10, 30), pole=_CHI, specialites=("SM14", "SM38"),
       autorisation=A_CHI_AMBU),
    _t("chir_ped", "Chirurgie pédiatrique", MCO, "604", "28", categorie="241",
       actes=("1588",), actes_options=("1161",), ages=ENFANT, taille=(8, 20), pole=_FME, competences=("14",), specialites=("SM69", "SM70"),
       autorisation=A_CHI_PED),
    _t("chir_onco", "Chirurgie oncologique", MCO, "281", "28", categorie="171",
       actes_options=("1369", "1370", "1371", "0072", "1378", "1377", "0065"), taille=(10, 30), pole=_CHI, specialites=("SM14",), autorisation=A_CANCER),
    _t("radiotherapie", "Radiothérapie", MCO, "168", "32", categorie="117",
       actes_options=("0959", "0405", "1258"), horaires="jour", nature=None, pole=_MT, specialites=("SM37",), autorisation=A_CANCER),
    # --- MCO: woman, mother, child ---------------------------------------------------------------
    _t("maternite", "Maternité", MCO, "100", "28", categorie="290",
       actes=("1358",), actes_options=("0268", "0602", "1594"), ages=(12, 55), taille=(15, 40),
       pole=_FME, service="Gynécologie - Obstétrique", specialites=("SM20",),
       professions=("10", "50", "60"), autorisation=A_OBS,
       equipements=(Equip("223", 0.3, BARIATRIQUE), Equip("145", 0.3))),
    _t("neonat", "Néonatalogie", MCO, "094", "28", categorie="289", actes=("0731", "1532"),
       ages=NOUVEAU_NE, taille=(6, 15), pole=_FME, service="Néonatalogie",
       competences=("14",), specialites=("SM87",), autorisation=A_NEONAT),
    _t("usin", "Soins intensifs néonatals", MCO, "369", "28", categorie="286",
       actes=("0731",), ages=NOUVEAU_NE, taille=(4, 10), pole=_FME, service="Néonatalogie",
       competences=("14",), specialites=("SM87",), autorisation=A_NEONAT_SI),
    _t("rea_neonat", "Réanimation néonatale", MCO, "128", "28", categorie="287",
       actes=("0658", "1403"), ages=NOUVEAU_NE, taille=(6, 15), regulation=True, pole=_FME,
       service="Néonatalogie", competences=("14",), specialites=("SM87",),
       autorisation=A_REA_NEONAT),
    _t("pediatrie", "Pédiatrie", MCO, "088", "28", categorie="162",
       actes_options=("1061", "1532", "1477"),
       ages=ENFANT, taille=(10, 30), pole=_FME, service="Pédiatrie", competences=("14",),
       specialites=("SM40",), autorisation=A_MED),
    _t("hdj_pediatrie", "Hôpital de jour pédiatrique", MCO, "088", "29", categorie="11",
       ages=ENFANT, horaires="hdj", nature="02", taille=(4, 10), pole=_FME, service="Pédiatrie",
       specialites=("SM40",), autorisation=A_MED_HDJ),
    _t("sos_main", "Chirurgie de la main - SOS main", MCO, "467", "28", categorie="150",
       actes=("0068", "1631", "1611"), actes_options=("0415",), ages=(0, 130), taille=(4, 12),
       regulation=True, pole=_CHI, specialites=("SM08",), autorisation=A_CHI),
    _t("neurochir", "Neurochirurgie", MCO, "096", "28", categorie="160",
       actes=("1601",), actes_options=("0637", "1615"), taille=(10, 30), regulation=True,
       pole=_CNV, specialites=("SM31",), autorisation=A_CHI),
    _t("nri", "Neuroradiologie interventionnelle - thrombectomie", MCO, "492", "55",
       actes=("1274", "0459"), actes_options=("1190", "1124"), ages=(0, 130), nature=None,
       regulation=True, pole=_CNV, specialites=("SM44",)),
    _t("maxillo", "Chirurgie maxillo-faciale et stomatologie", MCO, "023", "28",
       categorie="166", actes=("1585",), actes_options=("1319",), ages=(0, 130), taille=(6, 15),
       pole=_CHI, specialites=("SM68",), autorisation=A_CHI),
    _t("orl", "ORL et chirurgie cervico-faciale", MCO, "016", "28", categorie="173",
       actes=("1605",), actes_options=("0739", "0252"), ages=(0, 130), taille=(8, 20),
       pole=_CHI, specialites=("SM34",), autorisation=A_CHI),
    _t("chir_vasc", "Chirurgie vasculaire", MCO, "032", "28", categorie="152",
       actes=("1590",), actes_options=("1115",), taille=(8, 20), pole=_CNV,
       specialites=("SM13",), autorisation=A_CHI),
    _t("chir_cardiaque", "Chirurgie cardiaque et thoracique", MCO, "018", "28",
       categorie="151", actes_options=("1115",), taille=(8, 20), pole=_CNV,
       specialites=("SM11",), autorisation=A_CHI),
    _t("brules", "Centre de traitement des brûlés", MCO, "121", "28", categorie="121",
       actes=("1641",), ages=(0, 130), taille=(6, 14), regulation=True, pole=_R,
       specialites=("SM46",), autorisation=A_REA),
    _t("umj", "Unité médico-judiciaire (UMJ)", MCO, "152", "32", ages=(0, 130), nature=None,
       pole=_R, service="Urgences", specialites=("SM54",)),
    _t("cump", "Cellule d'urgence médico-psychologique (CUMP)", PSY, "147", "59",
       categorie="03", ages=(0, 130), nature=None, regulation=True, pole=_R,
       service="SAMU - SMUR", specialites=("SM42",)),
    _t("cpdpn", "Centre pluridisciplinaire de diagnostic prénatal (CPDPN)", MCO, "613", "32",
       actes=("0166",), actes_options=("0217", "0844"), ages=(12, 55), horaires="jour",
       nature=None, pole=_FME, specialites=("SM20", "SM17")),
    _t("amp", "Assistance médicale à la procréation (AMP)", MCO, "080", "32",
       actes=("0016", "0213"), actes_options=("0015", "0643", "0856"), ages=(18, 45),
       horaires="jour", nature=None, pole=_FME, specialites=("SM20",)),
    _t("toxicologie", "Toxicologie clinique", MCO, "598", "28", ages=(0, 130), taille=(4, 10),
       regulation=True, pole=_R, specialites=("SM46",)),
    # regional and national recourse services of the acute chain: eight poison control centres
    # (CAPTV, in CHU), a VigilanS recontact service per region or département, eye emergencies in
    # CHU and some large CH, and a health unit (USMP) in the CH serving each prison
    _t("captv", "Centre antipoison et de toxicovigilance (CAPTV)", MCO, "015", "27",
       categorie="285", ages=(0, 130), nature=None, regulation=True, pole=_R, service="SAMU - SMUR",
       specialites=("SM46",)),
    _t("vigilans", "Dispositif VigilanS - recontact des suicidants", PSY, "472", "58",
       categorie="87", specialisations=("62",), ages=(16, 130), horaires="jour", nature=None,
       pole=_PSY, specialites=("SM42",), professions=("10", "69")),
    _t("urgences_ophtalmo", "Urgences ophtalmologiques", MCO, "154", "33", categorie="172",
       ages=(0, 130), taille=(1, 3), regulation=True, pole=_CHI, service="Ophtalmologie",
       specialites=("SM38",)),
    _t("usmp", "Unité sanitaire en milieu pénitentiaire (USMP)", MCO, "089", "32",
       categorie="309", ages=(13, 130), horaires="jour", nature=None, pole=_R,
       specialites=("SM54", "SM42")),
    _t("senologie", "Sénologie", MCO, "195", "32", actes=("1238",),
       actes_options=("1229",), horaires="jour", nature=None, specialites=("SM36",)),
    # --- HAD -------------------------------------------------------------------------------------
    _t("had", "Hospitalisation à domicile", MCO, "083", "31", categorie="128",
       actes_options=("0757", "0650"), ages=(0, 130), nature="02", taille=(20, 80), pole="HAD", specialites=("SM54",),
       autorisation=A_HAD),
    _t("had_readaptation", "HAD de réadaptation", MCO, "283", "31", categorie="130",
       nature="02", taille=(5, 20), pole="HAD", specialites=("SM29",), professions=("10", "70"),
       autorisation=A_HAD),
    _t("had_perinat", "HAD ante et post-partum", MCO, "282", "31", categorie="129",
       ages=(14, 55), nature="02", taille=(5, 15), pole="HAD", specialites=("SM20",),
       professions=("50",), autorisation=A_HAD),
    # --- SMR -------------------------------------------------------------------------------------
    _t("smr_locomoteur", "SMR locomoteur", SMR, "233", "28", categorie="102",
       actes_options=("1247", "0971", "1553", "1306", "1100"), taille=(20, 50), previsionnel=True, pole=_SMR,
       specialites=("SM29",), professions=("10", "70", "94"), autorisation=A_SMR_LOCO,
       equipements=(Equip("150"), Equip("098", 0.4), Equip("109", 0.15, BARIATRIQUE))),
    _t("smr_locomoteur_hdj", "SMR locomoteur - hôpital de jour", SMR, "233", "29",
       categorie="102", horaires="hdj", nature="02", taille=(6, 20), previsionnel=True,
       pole=_SMR, specialites=("SM29",), professions=("10", "70"), autorisation=A_SMR_HDJ,
       equipements=(Equip("150"),)),
    _t("smr_neuro", "SMR système nerveux", SMR, "234", "28", categorie="103",
       actes=("0969",), actes_options=("0526", "0757", "0913"), competences=("05",), taille=(15, 40), previsionnel=True, pole=_SMR,
       specialites=("SM29", "SM32"), professions=("10", "70", "91", "94"),
       autorisation=A_SMR_NEURO, equipements=(Equip("103", 0.3),)),
    _t("smr_evc", "SMR - unité d'éveil EVC-EPR", SMR, "245", "28", categorie="103",
       actes=("0526", "1305"), taille=(6, 12), previsionnel=True, pole=_SMR,
       specialites=("SM29", "SM32"), professions=("10", "70", "94"), autorisation=A_SMR_NEURO),
    _t("smr_cardio", "SMR cardio-vasculaire", SMR, "235", "28", categorie="104",
       taille=(15, 35), previsionnel=True, pole=_SMR, specialites=("SM73",),
       professions=("10", "70"), autorisation=A_SMR_CARDIO),
    _t("smr_respi", "SMR pneumologie", SMR, "236", "28", categorie="105",
       actes=("1007", "0970"), actes_options=("0831", "0757", "0913"), taille=(15, 35), previsionnel=True,
       pole=_SMR, specialites=("SM41",),
       professions=("10", "70"), autorisation=A_SMR_RESPI, equipements=(Equip("113"),)),
    _t("smr_geriatrique", "SMR gériatrique", SMR, "241", "28", categorie="101",
       ages=GERIATRIE, competences=("42",), taille=(20, 50), previsionnel=True, pole=_SMR,
       specialites=("SM18",), professions=("10", "70", "94"), autorisation=A_SMR_GERIA,
       genre=True),
    _t("smr_polyvalent", "SMR polyvalent", SMR, "242", "28", categorie="100",
       actes_options=("0757",), taille=(20, 50), previsionnel=True, pole=_SMR, specialites=("SM54", "SM29"),
       professions=("10", "70"), autorisation=A_SMR),
    _t("smr_obesite", "SMR obésité complexe", SMR, "520", "28", categorie="106",
       actes=("1314",), taille=(10, 25), previsionnel=True, pole=_SMR, specialites=("SM62",),
       professions=("10", "95"), autorisation=A_SMR_DIGEST,
       equipements=(Equip("109"), Equip("225", 1.0, BARIATRIQUE))),
    _t("smr_pediatrique", "SMR pédiatrique", SMR, "283", "28", categorie="109",
       ages=ENFANT, taille=(10, 30), previsionnel=True, pole=_SMR, competences=("11",),
       specialites=("SM40", "SM29"), professions=("10", "70", "96"), autorisation=A_SMR_PED),
    # SMR mentions with few sites nationally (authorisation: the generic SMR one)
    _t("smr_addicto", "SMR conduites addictives", SMR, "240", "28", categorie="108",
       actes_options=("1280",), taille=(15, 35), previsionnel=True, pole=_SMR,
       publics=("04",), specialisations=("10",), specialites=("SM54",), professions=("10", "60"),
       autorisation=A_SMR),
    _t("smr_onco", "SMR oncologie", SMR, "523", "28", categorie="111", taille=(10, 25),
       previsionnel=True, pole=_SMR, specialites=("SM36", "SM29"), professions=("10", "70"),
       autorisation=A_SMR),
    _t("smr_brules", "SMR brûlés", SMR, "239", "28", categorie="107", taille=(8, 20),
       previsionnel=True, pole=_SMR, specialites=("SM29",), professions=("10", "70"),
       autorisation=A_SMR),
    _t("smr_srpr", "SMR réadaptation post-réanimation (SRPR)", SMR, "244", "28", categorie="103",
       actes=("1310",), taille=(6, 12), previsionnel=True, pole=_SMR,
       specialites=("SM29", "SM46"), professions=("10", "70", "94"), autorisation=A_SMR),
    _t("smr_ucc", "Unité cognitivo-comportementale (UCC)", SMR, "246", "28", categorie="101",
       specialisations=("27",), ages=PA, taille=(10, 14), previsionnel=True, pole=_SMR,
       specialites=("SM18",), professions=("10", "70", "94"), autorisation=A_SMR_GERIA),
    _t("smr_digestif", "SMR système digestif, endocrinologie et nutrition", SMR, "237", "28",
       categorie="106", taille=(10, 30), previsionnel=True, pole=_SMR, specialites=("SM62",),
       professions=("10", "95"), autorisation=A_SMR_DIGEST),
    # --- PSY -------------------------------------------------------------------------------------
    _t("psy_hc", "Psychiatrie adulte - hospitalisation complète", PSY, "229", "28",
       categorie="174", taille=(15, 30), genre=True, pole=_PSY, specialites=("SM42",),
       professions=("10", "69"), autorisation=A_PSY,
       equipements=(Equip("097", 0.6), Equip("130", 0.3))),
    _t("psy_hdj", "Psychiatrie adulte - hôpital de jour", PSY, "229", "29",
       categorie="11", horaires="hdj", nature="02", taille=(8, 20), pole=_PSY,
       specialites=("SM42",), autorisation=A_PSY_HDJ),
    _t("cmp", "Centre médico-psychologique adulte", PSY, "229", "32", categorie="10",
       actes_options=("0610", "0616"), specialisations_options=("08", "65", "09", "07"),
       horaires="jour", nature=None, pole=_PSY, specialites=("SM42",),
       professions=("10", "69")),
    _t("cattp", "CATTG (ex-CATTP) adulte", PSY, "229", "42", categorie="05",
       horaires="jour", nature="02", taille=(8, 15), pole=_PSY, specialites=("SM42",),
       professions=("69",)),
    _t("urgences_psy", "Urgences psychiatriques", PSY, "158", "33", categorie="301",
       ages=(16, 130), taille=(2, 8), regulation=True, pole=_PSY, competences=("41",),
       specialites=("SM42",), autorisation=A_PSY),
    _t("umb", "Unité mère-bébé de psychiatrie périnatale", PSY, "230", "28",
       categorie="119", ages=(0, 55), taille=(4, 10), pole=_PSY, specialites=("SM42",),
       autorisation=A_PSY),
    _t("mda", "Maison des adolescents", PSY, "228", "32", categorie="134", ages=(11, 25),
       horaires="jour", nature=None, pole=_PSY, specialites=("SM92",)),
    _t("addicto_hdj", "Hôpital de jour d'addictologie", PSY, "404", "29", categorie="11",
       horaires="hdj", nature="02", taille=(6, 12), pole=_PSY, specialites=("SM54",),
       autorisation=A_PSY_HDJ),
    _t("cac", "Centre d'accueil et de crise", PSY, "612", "56", categorie="302",
       taille=(4, 10), pole=_PSY, specialites=("SM42",), autorisation=A_PSY),
    _t("usip_psy", "Unité de soins intensifs psychiatriques", PSY, "355", "28",
       categorie="15", actes_options=("0183",), taille=(8, 15), pole=_PSY, specialites=("SM42",),
       autorisation=A_PSY,
       sensible=True, equipements=(Equip("097"),)),
    # national recourse units: ten UMD in France, about thirty eating-disorder recourse centres
    _t("umd", "Unité pour malades difficiles (UMD)", PSY, "229", "28", categorie="18",
       taille=(20, 40), pole=_PSY, specialites=("SM42",), autorisation=A_PSY, sensible=True,
       professions=("10", "69")),
    # nine UHSA: psychiatric hospitalisation of prisoners, inside a psychiatric hospital's grounds
    # (their addresses are public: regulators must find them, unlike a confidential shelter)
    _t("uhsa", "Unité hospitalière spécialement aménagée (UHSA)", PSY, "229", "28", categorie="17",
       taille=(20, 60), pole=_PSY, specialites=("SM42",), autorisation=A_PSY,
       professions=("10", "69")),
    _t("tca", "Centre de recours troubles du comportement alimentaire (TCA)", PSY, "229", "28",
       categorie="120", specialisations=("01",), ages=(12, 130), taille=(8, 15), pole=_PSY,
       specialites=("SM42",), autorisation=A_PSY, professions=("10", "69", "95")),
    _t("psy_age", "Psychiatrie du sujet âgé", PSY, "051", "28", categorie="174",
       actes_options=("0183",), ages=(65, 130), taille=(15, 25), genre=True, pole=_PSY, specialites=("SM93",),
       autorisation=A_PSY),
    _t("pedopsy_hc", "Psychiatrie de l'adolescent - hospitalisation complète", PSY, "228",
       "28", categorie="282", ages=(12, 17), taille=(8, 15), pole=_PSY, competences=("43",),
       specialites=("SM92", "SM43"), autorisation=A_PSY),
    _t("pedopsy_hdj", "Pédopsychiatrie - hôpital de jour", PSY, "227", "29", categorie="11",
       ages=(3, 16), horaires="hdj", nature="02", taille=(8, 15), pole=_PSY,
       competences=("43",), specialisations_options=("02", "03"), specialites=("SM92",),
       autorisation=A_PSY_HDJ),
    _t("cmpea", "Centre médico-psychologique enfants et adolescents", PSY, "227", "32",
       categorie="281", ages=(0, 17), horaires="jour", nature=None, pole=_PSY,
       specialisations_options=("02", "03", "11"), specialites=("SM92",),
       professions=("10", "96", "91")),
)

# Consultation-only specialties a hospital offers beside its wards (activité, label, TRE_R38).
CONSULTATIONS: tuple[tuple[str, str, str], ...] = (
    ("016", "ORL et chirurgie cervico-faciale", "SM34"), ("103", "ophtalmologie", "SM38"),
    ("037", "dermatologie", "SM15"), ("131", "rhumatologie", "SM48"), ("005", "allergologie", "SM57"),
    ("077", "maladies infectieuses", "SM58"), ("091", "médecine vasculaire", "SM61"),
    ("053", "gynécologie médicale", "SM19"), ("404", "addictologie", "SM54"),
    ("049", "génétique médicale", "SM17"), ("090", "médecine physique et de réadaptation", "SM29"),
    ("132", "rythmologie", "SM81"), ("139", "tabacologie", "SM54"), ("105", "orthogénie", "SM20"),
    ("480", "médecine du sommeil", "SM41"), ("081", "médecine du sport", "SM29"),
    ("099", "médecine de l'obésité", "SM62"), ("006", "andrologie", "SM12"),
    ("022", "chirurgie gynécologique", "SM20"), ("023", "chirurgie maxillo-faciale", "SM68"),
    ("030", "chirurgie thoracique", "SM11"), ("032", "chirurgie vasculaire", "SM13"),
    ("041", "endocrinologie", "SM62"), ("055", "hématologie", "SM71"),
    ("087", "médecine nucléaire", "SM28"), ("096", "neurochirurgie", "SM31"),
    ("117", "proctologie", "SM24"), ("135", "sexologie", "SM54"),
    ("182", "mucoviscidose", "SM41"), ("284", "drépanocytose", "SM71"),
    ("336", "éducation thérapeutique", "SM62"), ("546", "dénutrition", "SM62"),
    ("593", "maladies rares", "SM17"), ("062", "hépatologie", "SM24"), ("003", "alcoologie", "SM54"),
)
ALL_AGES = {"049", "182", "284", "593", "016", "103", "037", "005"}  # also see children


def _de(label: str) -> str:
    return f"d'{label}" if label[0].lower() in "aeéèêiouyh" else f"de {label}"


# Acts a consultation of that specialty declares (drawn with probability 0.5 each).
CONSULTATION_ACTES: dict[str, tuple[str, ...]] = {
    "005": ("0998", "0999"), "016": ("0739", "1684"), "062": ("0205",), "336": ("1282",),
    "091": ("0833",), "087": ("0549", "1705"), "132": ("0833",), "081": ("0199", "0200"), "480": ("0610", "0483"), "103": ("0264",),
}

CONSULTATION_TYPES: tuple[UniteType, ...] = tuple(
    _t(f"cs_{code}", f"Consultations {_de(label)}", MCO, code, "32", categorie="69",
       actes_options=CONSULTATION_ACTES.get(code, ()),
       ages=(0, 130) if code in ALL_AGES else ADULTE, horaires="jour", nature=None,
       pole=_CS, service="Consultations", specialites=(r38,),
       professions=("10",))
    for code, label, r38 in CONSULTATIONS)

# Kinds whose wards also run a consultation ("@cs"), a day hospital ("@hdj") and, in MCO, a weekday
# ward ("@hs", hospitalisation de semaine).
NO_VARIANT = {"urgences", "urgences_ped", "samu", "smur", "rea", "usc", "rea_ped", "sc_ped", "usic",
              "usinv", "neonat", "usin", "rea_neonat", "usld", "soins_palliatifs", "urgences_psy",
              "cac", "usip_psy", "umd", "tca", "sos_main", "neurochir", "nri", "maxillo", "orl", "chir_vasc",
              "chir_cardiaque", "brules", "toxicologie", "umb", "smr_evc", "captv", "vigilans",
              "urgences_ophtalmo", "usmp", "uhsa"}


def _variant(t: UniteType, kind: str) -> UniteType:
    if kind == "cs":
        return UniteType(f"{t.key}@cs", f"Consultations - {t.nom}", t.champ, t.activite, "32",
                         categorie="69" if t.champ == MCO else t.categorie, ages=t.ages,
                         horaires="jour", nature=None, pole=t.pole, service=t.service or t.nom,
                         specialites=t.specialites, professions=("10",),
                         competences=t.competences, publics=t.publics)
    if kind == "hs":
        return UniteType(f"{t.key}@hs", f"Hospitalisation de semaine - {t.nom}", t.champ,
                         t.activite, "34", categorie=t.categorie, actes=t.actes, ages=t.ages,
                         horaires="semaine", taille=(6, 15), pole=t.pole,
                         service=t.service or t.nom, specialites=t.specialites,
                         professions=t.professions, autorisation=t.autorisation)
    if kind == "tlx":  # téléexpertise (TRE_R213 35): the specialists answer other physicians
        nom = (t.nom.replace("Consultations", "Téléexpertise", 1) if t.nom.startswith("Consultations")
               else f"Téléexpertise - {t.nom}")
        return UniteType(f"{t.key}@tlx", nom, t.champ, t.activite, "35",
                         categorie="69" if t.champ == MCO else t.categorie, ages=t.ages,
                         horaires="jour", nature=None, pole=t.pole, service=t.service or t.nom,
                         specialites=t.specialites, professions=("10",), publics=t.publics)
    if kind == "em":  # équipe mobile intra-hospitalière (TRE_R213 52) of the service
        return UniteType(f"{t.key}@em", f"Equipe mobile - {t.nom}", t.champ, t.activite, "52",
                         categorie=t.categorie, ages=t.ages, horaires="jour", nature=None,
                         pole=t.pole, service=t.service or t.nom, specialites=t.specialites,
                         professions=t.professions, competences=t.competences)
    return UniteType(f"{t.key}@hdj", f"Hôpital de jour - {t.nom}", t.champ, t.activite, "29",
                     categorie="11", actes=t.actes, ages=t.ages, horaires="hdj", nature="02",
                     taille=(4, 12), previsionnel=t.previsionnel, pole=t.pole,
                     service=t.service or t.nom, specialites=t.specialites,
                     professions=t.professions, autorisation=(
                         (t.autorisation[0], t.autorisation[1], "02") if t.autorisation else None))


VARIANTS: tuple[UniteType, ...] = tuple(
    _variant(t, kind) for t in TYPES
    if t.champ in (MCO, SMR) and t.mode == "28" and t.key not in NO_VARIANT
    for kind in ("cs", "hdj", "hs")
    if kind != "hs" or t.champ == MCO)
# The finer national scale also splits services by téléexpertise and mobile teams (`plan.py`).
EQUIPE_MOBILE_KINDS = ("geriatrie", "soins_palliatifs", "smr_geriatrique", "smr_neuro")
FINE_VARIANTS: tuple[UniteType, ...] = tuple(
    _variant(t, "tlx") for t in TYPES
    if t.champ in (MCO, SMR) and t.mode == "28" and t.key not in NO_VARIANT
) + tuple(_variant(t, "tlx") for t in CONSULTATION_TYPES) + tuple(
    _variant(t, "em") for t in TYPES if t.key in EQUIPE_MOBILE_KINDS)

EQUIPES_MOBILES: tuple[UniteType, ...] = (
    _t("elsa", "Equipe de liaison et de soins en addictologie (ELSA)", MCO, "404", "52",
       categorie="272", horaires="jour", nature=None, pole=_CS,
       specialites=("SM54",), professions=("10", "60")),
    _t("empp", "Equipe mobile psychiatrie précarité (EMPP)", PSY, "229", "11", categorie="77",
       publics=("06",), horaires="jour", nature=None, pole="Psychiatrie",
       specialites=("SM42",), professions=("69",)),
    _t("emppa", "Equipe mobile de psychiatrie de la personne âgée", PSY, "051", "53",
       categorie="144", ages=(65, 130), horaires="jour", nature=None, pole="Psychiatrie",
       specialites=("SM93",), professions=("10", "69")),
)

PLATEAUX: tuple[UniteType, ...] = (
    _t("bloc", "Bloc opératoire", MCO, "007", "55", categorie="237", actes_options=("1406",),
       ages=(0, 130), nature="04", taille=(3, 12), pole=_MT, service="Bloc opératoire",
       specialites=("SM02",), equipements=(Equip("227", 0.2, BARIATRIQUE), Equip("069", 0.2))),
    _t("sspi", "Salle de surveillance post-interventionnelle (SSPI)", MCO, "138", "55",
       categorie="237", ages=(0, 130), nature="01", taille=(6, 20), pole=_MT,
       service="Bloc opératoire", specialites=("SM02",)),
    _t("pui", "Pharmacie à usage intérieur", MCO, "397", "55", categorie="82",
       ages=(0, 130), horaires="jour", nature=None, pole=_MT, professions=("21",)),
    _t("labo", "Laboratoire de biologie médicale", MCO, "009", "55", categorie="248",
       ages=(0, 130), nature=None, pole=_MT, specialites=("SM03",), professions=("10", "86")),
    _t("eoh", "Equipe opérationnelle d'hygiène", MCO, "064", "52", categorie="91",
       ages=(0, 130), horaires="jour", nature=None, pole=_MT, professions=("60",)),
    _t("mortuaire", "Chambre mortuaire", MCO, "408", "55", categorie="83", ages=(0, 130),
       horaires="jour", nature=None, pole=_MT, professions=()),
    _t("endoscopie", "Plateau d'endoscopie digestive", MCO, "046", "55", categorie="170",
       actes=("0639", "0192"), actes_options=("0191", "1325", "0638"), ages=(0, 130),
       horaires="jour", nature="04", taille=(1, 4),
       pole=_MT, specialites=("SM24",)),
)




def compagnon_type(t: UniteType, c: Compagnon) -> UniteType:
    """The kind of a companion unit of `t` (compagnons.py): its own activity, name and mode, the
    ward's patientèle, place and staff, no capacity and no acts of the ward's own."""
    return replace(t, key=f"{t.key}+{c.activite}", nom=c.nom, activite=c.activite,
                   mode=c.mode or t.mode, horaires=c.horaires or t.horaires, nature=None,
                   actes=(), actes_options=(), actes_parts=(), equipements=(), previsionnel=False, genre=False,
                   regulation=False, autorisation=None, commentaire=None)


def _avec_actes_courants(types: tuple[UniteType, ...]) -> tuple[UniteType, ...]:
    """The kinds with the acts a share of their units perform (actes_courants.py); the variants
    (consultation, day hospital…) are derived before, so they do not inherit a ward's acts."""
    return tuple(replace(t, actes_parts=ACTES_COURANTS[t.key]) if t.key in ACTES_COURANTS else t
                 for t in types)


TYPES = _avec_actes_courants(TYPES)
CONSULTATION_TYPES = _avec_actes_courants(CONSULTATION_TYPES)
MEDICO_SOCIAL = _avec_actes_courants(MEDICO_SOCIAL)
PLATEAUX = _avec_actes_courants(PLATEAUX)
_courants_unknown = sorted(set(ACTES_COURANTS) - {
    t.key for t in TYPES + CONSULTATION_TYPES + MEDICO_SOCIAL + PLATEAUX})
if _courants_unknown:
    raise ValueError(f"actes_courants.py names unknown kinds: {', '.join(_courants_unknown)}")

_BASE: tuple[UniteType, ...] = (TYPES + CONSULTATION_TYPES + EQUIPES_MOBILES + PLATEAUX + MEDICO_SOCIAL
                                + RECOURS)
_unknown = sorted(set(COMPAGNONS) - {t.key for t in _BASE})
if _unknown:
    raise ValueError(f"compagnons.py names unknown kinds: {', '.join(_unknown)}")
# kind → the kinds of its companion units (only the catalogue's own kinds have some, not variants)
COMPAGNON_TYPES: dict[str, tuple[UniteType, ...]] = {
    t.key: tuple(compagnon_type(t, c) for c in COMPAGNONS[t.key]) for t in _BASE if t.key in COMPAGNONS}
ALL_TYPES: tuple[UniteType, ...] = (TYPES + CONSULTATION_TYPES + VARIANTS + EQUIPES_MOBILES
                                    + PLATEAUX + MEDICO_SOCIAL + FINE_VARIANTS
                                    + tuple(c for cs in COMPAGNON_TYPES.values() for c in cs)
                                    + RECOURS  # placed apart, after the planned units (implantations.py)
                                    + SPECIALISES  # placed after them, by the same tables
                                    + VILLE  # the city offer, placed last (ville.py)
                                    + SOCIAL  # the social establishments, after it (ville.py)
                                    + ORIENTATIONS)  # the practitioners' orientations, last
BY_KEY: dict[str, UniteType] = {t.key: t for t in ALL_TYPES}
_placed = {i.key for i in SANITAIRES} | {d.key for d in MEDICO_SOCIAUX}
# a placed kind is one of RECOURS, SPECIALISES or a planned kind some sites lack (radiotherapy beyond the CLCC)
_implantations_unknown = sorted((_placed | {e for i in SANITAIRES for e in i.exige})
                                - set(BY_KEY) - set(FAITS))
if _implantations_unknown:
    raise ValueError(f"implantations.py names unknown kinds: {', '.join(_implantations_unknown)}")

# Competences / actes any unit may carry: languages, hypnosis, autism methods (drawn in unites.py).
COMPETENCES_LANGUES = ("06", "07", "01")
COMPETENCES_TSA = ("30", "40", "29")  # ABA, TEACCH/Denver, PECS
SPECIALISATION_TSA = "02"


def _check(nom: Nomenclatures, table: str, code: str, where: str, *, also: str | None = None) -> None:
    t = nom.table(table)
    entry = t.codes.get(code)
    if entry is None or not entry.actif:
        state = "unknown" if entry is None else "deprecated"
        raise ValidationError(f"catalogue {where}: code {code!r} is {state} in {table}",
                              field=where)
    if also is not None and code not in nom.table(also).codes:
        raise ValidationError(f"catalogue {where}: code {code!r} is not in {also}", field=where)


def check_catalogue(nom: Nomenclatures | None = None) -> int:
    """Check every code the generator uses exists and is active; return how many were checked."""
    nom = nom or default_nomenclatures()
    n = 0

    def chk(table: str, code: str, where: str, also: str | None = None) -> None:
        nonlocal n
        _check(nom, table, code, where, also=also)
        n += 1

    for t in ALL_TYPES:
        w = f"{t.key}"
        chk("TRE_R227", t.champ, f"{w}.champ")
        chk("TRE_R211", t.activite, f"{w}.activite", also="JDV_J17")
        chk("TRE_R213", t.mode, f"{w}.mode")
        if t.categorie:
            chk("TRE_R244", t.categorie, f"{w}.categorie", also="JDV_J238")
        for a in t.actes + t.actes_options + tuple(code for code, _ in t.actes_parts):
            chk("TRE_R210", a, f"{w}.actes")
        for code, share in t.actes_parts:
            if not 0.0 < share <= 1.0:
                raise ValidationError(f"catalogue {w}.actes_parts: share {share} of {code} is not in (0, 1]",
                                      field=f"{w}.actes_parts")
        for c in t.competences:
            chk("TRE_R243", c, f"{w}.competences")
        for p in t.publics:
            chk("TRE_R239", p, f"{w}.publics")
        for s in t.specialisations + t.specialisations_options:
            chk("TRE_R245", s, f"{w}.specialisations")
        for e in t.equipements:
            chk("TRE_R212", e.code, f"{w}.equipements")
        if t.nature:
            chk("TRE_R329", t.nature, f"{w}.nature")
        for s in t.specialites:
            chk("TRE_R38", s, f"{w}.specialites")
        for p in t.professions:
            chk("TRE_G15", p, f"{w}.professions")
    for c in COMPETENCES_LANGUES + COMPETENCES_TSA:
        chk("TRE_R243", c, "competences")
    chk("TRE_R245", SPECIALISATION_TSA, "specialisation TSA")
    return n


@lru_cache(maxsize=1)
def checked_catalogue() -> tuple[UniteType, ...]:
    """The catalogue, checked once per process against the shipped nomenclatures."""
    check_catalogue()
    return ALL_TYPES


__all__ = ["TYPES", "ALL_TYPES", "BY_KEY", "COMPAGNON_TYPES", "UniteType", "Equip", "check_catalogue", "checked_catalogue",
           "MCO", "SMR", "PSY", "MS"]
