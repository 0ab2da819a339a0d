"""Specialised units hospitals run beside a service the catalogue already has, each its own UO
since the ROR gives a unit one activité opérationnelle: emergencies by speciality, intensive and
continuous care by speciality, imaging and nuclear medicine, organ oncology.

Before them the national offer had no carrier for these activities (TRE_R211), so a need naming
one fell back to the generic service. Where each is placed and how often, with the public source
of the order of magnitude: the rows after the former ones in `implantations.py`.
"""

from __future__ import annotations

from .type_unite import _CHI, _CNV, _FME, _MED, _MT, _R, ADULTE, MCO, Equip, UniteType, _t

TOUS = (0, 130)

URGENCES_SPECIALISEES: tuple[UniteType, ...] = (
    # trauma centres and the orthopaedic surgery's traumatology ward
    _t("urgences_trauma", "Urgences traumatologiques - trauma center", MCO, "159", "33",
       categorie="20", actes=("1247",), ages=TOUS, taille=(2, 6), regulation=True, pole=_R,
       service="Urgences", specialites=("SM59", "SM08", "SM02")),
    _t("traumatologie", "Traumatologie", MCO, "145", "28", categorie="150", actes=("1247",),
       ages=(15, 130), taille=(12, 30), pole=_CHI, service="Chirurgie orthopédique",
       specialites=("SM08",)),
    # a speciality's own emergency reception, in the department of that speciality
    _t("urgences_gyneco", "Urgences gynécologiques", MCO, "259", "33", categorie="157",
       ages=(12, 130), taille=(1, 4), pole=_FME, service="Gynécologie-obstétrique",
       specialites=("SM20",), professions=("10", "60", "50")),
    _t("urgences_dentaires", "Urgences dentaires", MCO, "257", "32", categorie="236", ages=TOUS,
       horaires="jour", nature=None, pole="Consultations externes", service="Odontologie",
       professions=("40",), specialites=()),
    _t("urgences_stomato", "Urgences maxillo-faciales et stomatologiques", MCO, "262", "33",
       categorie="166", ages=TOUS, taille=(1, 3), pole=_CHI, service="Chirurgie maxillo-faciale",
       specialites=("SM68", "SM50")),
    _t("urgences_cephalees", "Urgences céphalées", MCO, "250", "33", categorie="161",
       ages=(15, 130), taille=(1, 3), pole=_CNV, service="Neurologie", specialites=("SM32",)),
    _t("urgences_dermato", "Urgences dermatologiques", MCO, "251", "32", categorie="154",
       ages=TOUS, horaires="jour", nature=None, pole=_MED, service="Dermatologie",
       specialites=("SM15",)),
    _t("urgences_hemato", "Urgences hématologiques", MCO, "253", "33", categorie="169",
       ages=ADULTE, taille=(1, 3), regulation=True, pole=_MED, service="Hématologie",
       specialites=("SM71",)),
    _t("urgences_onco", "Urgences oncologiques", MCO, "263", "33", categorie="171",
       ages=ADULTE, taille=(2, 6), regulation=True, pole=_MED, service="Oncologie",
       specialites=("SM36", "SM59")),
    _t("urgences_visc", "Urgences chirurgicales viscérales et digestives", MCO, "264", "33",
       categorie="153", ages=(15, 130), taille=(1, 4), pole=_CHI,
       service="Chirurgie viscérale et digestive", specialites=("SM14",)),
    _t("urgences_infectio", "Urgences infectieuses - accueil des maladies infectieuses", MCO,
       "265", "33", categorie="168", ages=(15, 130), taille=(1, 3), regulation=True, pole=_MED,
       service="Maladies infectieuses", specialites=("SM58",)),
    _t("urgences_uro", "Urgences urologiques", MCO, "266", "33", categorie="234",
       ages=(15, 130), taille=(1, 3), pole=_CHI, service="Urologie", specialites=("SM12",)),
    _t("urgences_hge", "Urgences hépato-gastro-entérologiques - hémorragies digestives", MCO,
       "255", "33", categorie="170", ages=(15, 130), taille=(1, 3), regulation=True, pole=_MED,
       service="Hépato-gastro-entérologie", specialites=("SM24",)),
)

_CRIT = dict(categorie="124", taille=(4, 12), regulation=True)  # an USI de spécialité
_SC = dict(categorie="254", taille=(4, 12))  # a surveillance continue

SOINS_CRITIQUES: tuple[UniteType, ...] = (
    # intensive care beside a reanimation, by medical or surgical recruitment and by speciality
    _t("usi_chir", "Soins intensifs chirurgicaux", MCO, "352", "28", actes=("1006",), pole=_R,
       service="Réanimation", specialites=("SM02",), **_CRIT),
    _t("usi_med", "Soins intensifs médicaux", MCO, "353", "28", actes=("1006",), pole=_R,
       service="Réanimation", specialites=("SM46",), **_CRIT),
    _t("usi_onco", "Soins intensifs de cancérologie", MCO, "360", "28", pole=_MED,
       service="Oncologie", specialites=("SM36", "SM46"), **_CRIT),
    _t("usi_chir_cardiaque", "Soins intensifs de chirurgie cardiaque", MCO, "362", "28",
       pole=_CNV, service="Chirurgie cardiaque", specialites=("SM11", "SM02"), **_CRIT),
    _t("usi_chir_thoracique", "Soins intensifs de chirurgie thoracique", MCO, "363", "28",
       pole=_CHI, service="Chirurgie thoracique", specialites=("SM11", "SM02"), **_CRIT),
    _t("usi_uro", "Soins intensifs de chirurgie urologique", MCO, "364", "28", pole=_CHI,
       service="Urologie", specialites=("SM12", "SM02"), **_CRIT),
    _t("usi_visc", "Soins intensifs de chirurgie digestive", MCO, "365", "28", pole=_CHI,
       service="Chirurgie viscérale et digestive", specialites=("SM14", "SM02"), **_CRIT),
    _t("usi_obstetricale", "Soins intensifs obstétricaux", MCO, "366", "28", ages=(12, 55),
       pole=_FME, service="Gynécologie-obstétrique", specialites=("SM20", "SM02"), **_CRIT),
    _t("usi_smit", "Soins intensifs de maladies infectieuses", MCO, "368", "28", pole=_MED,
       service="Maladies infectieuses", specialites=("SM58",), **_CRIT),
    _t("usi_neurochir", "Soins intensifs de neurochirurgie", MCO, "372", "28", pole=_CNV,
       service="Neurochirurgie", specialites=("SM31", "SM02"), **_CRIT),
    _t("rea_chir_thoracique", "Réanimation de chirurgie thoracique", MCO, "124", "28",
       categorie="121", actes=("0658",), taille=(6, 14), regulation=True, pole=_R,
       service="Réanimation", specialites=("SM02", "SM11")),
    _t("rea_visc", "Réanimation de chirurgie digestive et de transplantation hépatique", MCO,
       "125", "28", categorie="121", actes=("0658",), taille=(6, 14), regulation=True, pole=_R,
       service="Réanimation", specialites=("SM02", "SM14")),
    # continuous care: a large site's USC split by recruitment, and the specialised ones
    _t("sc_chir", "Surveillance continue chirurgicale", MCO, "374", "28", actes=("1006",),
       pole=_R, service="Réanimation", specialites=("SM02",), **_SC),
    _t("sc_med", "Surveillance continue médicale", MCO, "375", "28", actes=("1006",), pole=_R,
       service="Réanimation", specialites=("SM46",), **_SC),
    _t("sc_cardio", "Surveillance continue de cardiologie", MCO, "376", "28", pole=_CNV,
       service="Cardiologie", specialites=("SM73",), **_SC),
    _t("sc_neurochir", "Surveillance continue de neurochirurgie", MCO, "377", "28", pole=_CNV,
       service="Neurochirurgie", specialites=("SM31",), **_SC),
    _t("sc_pneumo", "Surveillance continue de pneumologie", MCO, "378", "28", actes=("1007",),
       pole=_MED, service="Pneumologie", specialites=("SM41",), **_SC),
    _t("sc_brules", "Surveillance continue des brûlés", MCO, "379", "28", ages=TOUS, pole=_R,
       service="Centre des brûlés", specialites=("SM10", "SM02"), **_SC),
    _t("sc_onco", "Surveillance continue de cancérologie", MCO, "380", "28", pole=_MED,
       service="Oncologie", specialites=("SM36", "SM02"), **_SC),
    _t("sc_chir_cardiaque", "Surveillance continue de chirurgie cardiaque", MCO, "381", "28",
       pole=_CNV, service="Chirurgie cardiaque", specialites=("SM11",), **_SC),
    _t("sc_chir_thoracique", "Surveillance continue de chirurgie thoracique", MCO, "382", "28",
       pole=_CHI, service="Chirurgie thoracique", specialites=("SM11",), **_SC),
    _t("sc_uro", "Surveillance continue d'urologie", MCO, "383", "28", pole=_CHI,
       service="Urologie", specialites=("SM12",), **_SC),
    _t("sc_visc", "Surveillance continue de chirurgie digestive", MCO, "384", "28", pole=_CHI,
       service="Chirurgie viscérale et digestive", specialites=("SM14",), **_SC),
    _t("sc_obstetricale", "Surveillance continue obstétricale", MCO, "385", "28", ages=(12, 55),
       pole=_FME, service="Gynécologie-obstétrique", specialites=("SM20",), **_SC),
    _t("sc_hge", "Surveillance continue d'hépato-gastro-entérologie", MCO, "386", "28",
       pole=_MED, service="Hépato-gastro-entérologie", specialites=("SM24",), **_SC),
    _t("sc_nephro", "Surveillance continue de néphrologie", MCO, "387", "28",
       pole="Néphrologie - Dialyse", service="Néphrologie", specialites=("SM30",), **_SC),
    _t("sc_neuro", "Surveillance continue de neurologie", MCO, "388", "28", pole=_CNV,
       service="Neurologie", specialites=("SM32",), **_SC),
    _t("sc_maxillo", "Surveillance continue de chirurgie maxillo-faciale", MCO, "389", "28",
       ages=TOUS, pole=_CHI, service="Chirurgie maxillo-faciale", specialites=("SM68",), **_SC),
    _t("sc_ortho", "Surveillance continue d'orthopédie-traumatologie", MCO, "390", "28",
       pole=_CHI, service="Chirurgie orthopédique", specialites=("SM08",), **_SC),
)

_PLATEAU = dict(mode="55", ages=TOUS, horaires="jour", nature=None, pole=_MT,
                service="Imagerie", professions=("10", "98"))


def _imagerie(key: str, nom: str, activite: str, specialites: tuple[str, ...] = ("SM44", "SM74"),
              **kw: object) -> UniteType:
    """A unit of an imaging department (a plateau technique open on weekdays)."""
    fields: dict[str, object] = {**_PLATEAU, "categorie": "164", "specialites": specialites, **kw}
    mode = str(fields.pop("mode"))
    return _t(key, nom, MCO, activite, mode, **fields)


IMAGERIE_INTERVENTIONNELLE: tuple[UniteType, ...] = (
    # the electrophysiology room beside the coronary angiography one
    _t("rythmologie", "Rythmologie interventionnelle - électrophysiologie et stimulation", MCO,
       "133", "55", categorie="149", nature="04", taille=(1, 2), horaires="jour", pole=_CNV,
       service="Cardiologie", specialites=("SM81", "SM73"), professions=("10", "60", "98")),
    # diagnostic neuroradiology and the organ units a CHU imaging department is split into
    _imagerie("neuroradiologie", "Neuroradiologie diagnostique", "338", service="Neuroradiologie"),
    _imagerie("radio_abdo", "Imagerie abdominale et digestive", "494"),
    _imagerie("radio_cardiovasc", "Imagerie cardiaque et vasculaire", "495"),
    _imagerie("radio_gyneco", "Imagerie de la femme - radiologie gynécologique", "496",
              ages=(12, 130)),
    _imagerie("radio_msk", "Imagerie ostéo-articulaire - radiologie musculo-squelettique", "501"),
    _imagerie("radio_orl", "Imagerie ORL et maxillo-faciale", "502"),
    _imagerie("radio_senologie", "Imagerie du sein - mammographie", "504", ages=(18, 130),
              equipements=(Equip("094"),)),
    _imagerie("radio_thoracique", "Imagerie thoracique", "505"),
    _imagerie("uro_radiologie", "Uro-radiologie", "507"),
    # interventional radiology by organ, beside the site's interventional radiology
    _imagerie("radio_interv_msk", "Radiologie interventionnelle ostéo-articulaire", "497",
              specialites=("SM94", "SM44")),
    _imagerie("radio_interv_onco", "Radiologie interventionnelle oncologique", "498",
              specialites=("SM94", "SM44")),
    _imagerie("radio_interv_ped", "Radiologie interventionnelle pédiatrique", "499",
              ages=(0, 17), specialites=("SM94", "SM44")),
    _imagerie("radio_interv_vasc", "Radiologie interventionnelle vasculaire", "500",
              specialites=("SM94", "SM44"), regulation=True),
    # nuclear medicine: diagnosis (scintigraphy, PET), therapy (radioiodine, vectorised internal
    # radiotherapy, in radioprotected rooms) and the radiopharmacy preparing its drugs
    _imagerie("medecine_nucleaire", "Médecine nucléaire - scintigraphie et TEP", "632",
              categorie="239", service="Médecine nucléaire", specialites=("SM28",),
              equipements=(Equip("233", 0.8),)),
    _t("medecine_nucleaire_therapie", "Médecine nucléaire - thérapie, chambres radioprotégées",
       MCO, "633", "28", categorie="239", taille=(1, 4), pole=_MT, service="Médecine nucléaire",
       specialites=("SM28",)),
    _t("radiopharmacie", "Radiopharmacie", MCO, "399", "55", ages=TOUS, horaires="jour",
       nature=None, pole=_MT, service="Pharmacie", specialites=(), professions=("21", "98")),
)

def _onco(key: str, nom: str, activite: str, specialites: tuple[str, ...],
          **kw: object) -> UniteType:
    """An organ oncology unit: consultations, day treatments and multidisciplinary follow-up."""
    fields: dict[str, object] = {"categorie": "171", "horaires": "jour", "nature": None,
                                 "pole": "Cancérologie", "specialites": specialites, **kw}
    return _t(key, nom, MCO, activite, "32", **fields)


def _chir_onco(key: str, nom: str, activite: str, specialites: tuple[str, ...],
               **kw: object) -> UniteType:
    fields: dict[str, object] = {"categorie": "171", "taille": (6, 16), "pole": _CHI,
                                 "specialites": specialites, **kw}
    return _t(key, nom, MCO, activite, "28", **fields)


ONCOLOGIE_ORGANE: tuple[UniteType, ...] = (
    _onco("onco_neuro", "Neuro-oncologie", "186", ("SM36", "SM32")),
    _onco("oncogeriatrie", "Oncogériatrie - unité de coordination", "187", ("SM18", "SM36"),
          ages=(70, 130)),
    _onco("onco_dermato", "Onco-dermatologie", "188", ("SM15", "SM36")),
    _onco("onco_digestive", "Oncologie digestive", "189", ("SM24", "SM36")),
    _onco("onco_gyneco", "Oncologie gynécologique", "190", ("SM20", "SM36"), ages=(15, 130)),
    _onco("onco_hemato", "Onco-hématologie", "191", ("SM23", "SM71")),
    _onco("onco_orl", "Oncologie ORL et cervico-faciale", "192", ("SM34", "SM36")),
    _onco("onco_thoracique", "Oncologie thoracique", "193", ("SM41", "SM36")),
    _onco("onco_uro", "Oncologie urologique", "196", ("SM12", "SM36")),
    _onco("onco_endocrine", "Oncologie endocrinienne et thyroïdienne", "409", ("SM62", "SM36")),
    _onco("onco_sarcomes", "Sarcomes des os et des tissus mous", "410", ("SM36",)),
    _onco("onco_metastases_os", "Métastases osseuses", "411", ("SM36", "SM37")),
    _onco("oncogenetique", "Consultation d'oncogénétique", "412", ("SM17",), ages=(0, 130)),
    _chir_onco("chir_onco_thoracique", "Chirurgie oncologique thoracique", "536", ("SM11",)),
    _chir_onco("chir_onco_neuro", "Chirurgie oncologique neurologique", "540", ("SM31",)),
    _chir_onco("chir_onco_ophtalmo", "Chirurgie oncologique ophtalmologique", "541", ("SM38",),
               ages=(0, 130), taille=(2, 6)),
    _chir_onco("chir_onco_dermato", "Chirurgie oncologique dermatologique", "542",
               ("SM15", "SM10"), taille=(2, 8)),
    _chir_onco("chir_onco_sarcomes", "Chirurgie oncologique des os et des tissus mous", "543",
               ("SM08",)),
)

def _exploration(key: str, nom: str, activite: str, categorie: str, specialites: tuple[str, ...],
                 **kw: object) -> UniteType:
    """A speciality's function-testing or endoscopy room, open on weekdays."""
    fields: dict[str, object] = {"categorie": categorie, "ages": TOUS, "horaires": "jour",
                                 "nature": None, "pole": _MT, "specialites": specialites, **kw}
    return _t(key, nom, MCO, activite, "55", **fields)


EXPLORATIONS: tuple[UniteType, ...] = (
    _exploration("endoscopie_bronchique", "Endoscopie bronchique - fibroscopie", "431", "163",
                 ("SM41",), ages=(15, 130)),
    _exploration("endoscopie_bronchique_interv", "Endoscopie bronchique interventionnelle",
                 "432", "163", ("SM41",), ages=(15, 130)),
    _exploration("ef_vasculaire", "Médecine vasculaire - explorations fonctionnelles vasculaires",
                 "345", "158", ("SM61",)),
    _exploration("ef_neuro", "Explorations fonctionnelles neurologiques - EEG, EMG", "346", "161",
                 ("SM32",)),
    _exploration("ef_orl", "Explorations fonctionnelles ORL", "347", "173", ("SM34",)),
    _exploration("ef_audition", "Explorations de l'audition - audiométrie", "476", "173",
                 ("SM34", "SM86")),
    _exploration("ef_voix", "Explorations de la voix et de la déglutition", "477", "173",
                 ("SM34",), professions=("10", "91")),
    _exploration("ef_vertiges", "Explorations des vertiges - vestibulométrie", "478", "173",
                 ("SM34",)),
    _exploration("ef_digestive", "Explorations fonctionnelles digestives - manométrie, pH-métrie",
                 "348", "170", ("SM24",)),
    _exploration("ef_uro", "Explorations urodynamiques", "349", "234", ("SM12",)),
    _exploration("ef_ophtalmo", "Explorations fonctionnelles ophtalmologiques", "350", "172",
                 ("SM38",)),
    _exploration("ef_endocrino", "Explorations fonctionnelles endocriniennes et métaboliques",
                 "479", "167", ("SM62",)),
    # the thanatology of a CHU's forensic institute (the living are seen in its UMJ)
    _exploration("iml", "Institut médico-légal - thanatologie", "086", "232", ("SM60",),
                 pole=_R, service="Médecine légale"),
)

SPECIALISES: tuple[UniteType, ...] = (URGENCES_SPECIALISEES + SOINS_CRITIQUES
                                      + IMAGERIE_INTERVENTIONNELLE + ONCOLOGIE_ORGANE
                                      + EXPLORATIONS)

__all__ = ["SPECIALISES"]
