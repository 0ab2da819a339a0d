"""The social establishments the ROR holds beside health and medico-social care: their kinds of unit
and of structure (FINESS categories of JDV_J55 the ROR accepts for an entité géographique).

Placed by `ville.py` after the city structures, as they are: on communes in proportion to their
population, each kind from its own random stream, so nothing else of the offer moves. `nombre` is
the real order of magnitude, with its source beside it. None of them has a TRE_R244 type of offer
of its own: they are found by their category, activity and public.
"""

from __future__ import annotations

from .catalogue_ville import Structure
from .type_unite import MS, TEMPORALITE_TEMPORAIRE, UniteType, _t

TOUS = (0, 130)
PRECARITE, VIOLENCE, TOUT_PUBLIC, HANDICAP = "06", "10", "07", "02"  # TRE_R239
HANDICAP_PSYCHIQUE = "16"  # TRE_R245

SOCIAL: tuple[UniteType, ...] = (
    # --- centre d'hébergement et de réinsertion sociale (JDV_J55 214) ---------------------------
    _t("chrs", "Hébergement d'insertion", MS, "511", "46", publics=(PRECARITE,), taille=(20, 80),
       nature="02", pole="Hébergement", professions=(), temporalite=TEMPORALITE_TEMPORAIRE,
       commentaire="Accueil, hébergement et accompagnement vers l'insertion de personnes et de "
                   "familles en difficulté sociale (orientation par le SIAO)."),
    _t("chrs_urgence", "Hébergement d'urgence", MS, "392", "46", publics=(PRECARITE,),
       taille=(5, 30), nature="02", pole="Hébergement", professions=(),
       temporalite=TEMPORALITE_TEMPORAIRE),
    _t("chrs_violences", "Hébergement des femmes victimes de violences", MS, "511", "46",
       publics=(VIOLENCE, PRECARITE), taille=(5, 20), nature="02", pole="Hébergement",
       professions=(), temporalite=TEMPORALITE_TEMPORAIRE,
       commentaire="Mise à l'abri et accompagnement de femmes victimes de violences conjugales, "
                   "seules ou avec leurs enfants."),
    # --- centre parental, former centre maternel (JDV_J55 166) ---------------------------------
    _t("centre_parental", "Hébergement parents - enfants de moins de 3 ans", MS, "308", "46",
       publics=(PRECARITE,), ages=TOUS, taille=(10, 40), nature="02", pole="Hébergement",
       professions=("60",), temporalite=TEMPORALITE_TEMPORAIRE,
       commentaire="Femmes enceintes et parents isolés avec leur enfant de moins de trois ans "
                   "(aide sociale à l'enfance)."),
    # --- maison d'accueil hospitalière (JDV_J55 271) --------------------------------------------
    _t("mah", "Hébergement des proches de personnes hospitalisées", MS, "325", "46",
       publics=(TOUT_PUBLIC,), ages=TOUS, taille=(10, 60), nature="01", pole="Hébergement",
       professions=(), temporalite=TEMPORALITE_TEMPORAIRE,
       commentaire="Chambres pour les familles de patients hospitalisés et les patients suivis "
                   "en ambulatoire loin de chez eux."),
    # --- maison relais, pension de famille (JDV_J55 258) ----------------------------------------
    _t("pension_famille", "Pension de famille - logements accompagnés", MS, "298", "46",
       publics=(PRECARITE,), taille=(15, 30), nature="03", pole="Hébergement", professions=()),
    _t("residence_accueil", "Résidence accueil - handicap psychique", MS, "298", "46",
       publics=(PRECARITE, HANDICAP), specialisations=(HANDICAP_PSYCHIQUE,), taille=(10, 25),
       nature="03", pole="Hébergement", professions=()),
    # --- établissement d'accueil temporaire pour adultes handicapés (JDV_J55 395) ---------------
    _t("eatah", "Accueil temporaire pour adultes handicapés", MS, "293", "46", categorie="256",
       publics=(HANDICAP,), taille=(6, 20), previsionnel=True, pole="Hébergement", professions=(),
       commentaire="Séjours de répit de 90 jours par an au plus.",
       temporalite=TEMPORALITE_TEMPORAIRE),
)

STRUCTURES_SOCIALES: tuple[Structure, ...] = (
    # DREES, enquête ES-DS 2020-2021 (Dossiers de la DREES n° 113, 2023): 51,900 places in CHRS,
    # about 60 a centre, insertion and emergency places counted apart; about 11,000 places kept for
    # women victims of violence at the end of 2023 (ministère chargé de l'égalité femmes-hommes),
    # many of them inside CHRS
    Structure("chrs", "CHRS", "214", 870,
              (("chrs", 1.0), ("chrs_urgence", 0.5), ("chrs_violences", 0.3))),
    # same survey: 6,200 places in établissements d'accueil mère-enfant, about 40 a centre
    Structure("centre_parental", "Centre parental", "166", 150, (("centre_parental", 1.0),)),
    # a few dozen houses in the two federations (FMAH, Fneafh; ASH n° 2882), beside the CHU and
    # cancer centres
    Structure("mah", "Maison d'accueil hospitalière", "271", 80, (("mah", 1.0),)),
    # more than 1,000 pensions de famille housing about 24,000 people at the end of 2023 (DIHAL,
    # plan Logement d'abord), a fifth of them résidences accueil for people with a mental illness
    Structure("pension_famille", "Pension de famille", "258", 1000,
              (("pension_famille", 1.0), ("residence_accueil", 0.2))),
    # a few per region in FINESS (handidonnées, CREAI: 3 in Pays de la Loire in 2024, 1 in
    # Grand Est in 2016), the other temporary places being inside MAS, EAM and foyers
    Structure("eatah", "Accueil temporaire", "395", 40, (("eatah", 1.0),)),
)

_unknown = sorted({k for s in STRUCTURES_SOCIALES for k, _p in s.unites} - {t.key for t in SOCIAL})
if _unknown:
    raise ValueError(f"catalogue_social.py: structures name unknown kinds: {', '.join(_unknown)}")

__all__ = ["SOCIAL", "STRUCTURES_SOCIALES"]
