"""Specialised units hospitals run beside a service the catalogue already has, each its own UO
since the ROR gives a unit one activité opérationnelle: emergencies by speciality, intensive and
continuous care by speciality, imaging and nuclear medicine, organ oncology.

Before them the national offer had no carrier for these activities (TRE_R211), so a need naming
one fell back to the generic service. Where each is placed and how often, with the public source
of the order of magnitude: the rows after the former ones in `implantations.py`.
"""

from __future__ import annotations

from .type_unite import _CHI, _CNV, _FME, _MED, _R, ADULTE, MCO, UniteType, _t

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

SPECIALISES: tuple[UniteType, ...] = URGENCES_SPECIALISEES

__all__ = ["SPECIALISES"]
