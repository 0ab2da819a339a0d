"""The further units an establishment declares beside a kind of unit, one per further activity.

In ME 3.0 a unit has one activité opérationnelle: a maternity ward that also follows pregnancies
declares an "Obstétrique" unit (its beds) and a "Suivi prénatal" consultation unit. Each kind of
unit of the catalogue carries its main activity; this table lists, per kind, the companion units
that come with it: their activity, their name, their mode when it differs from the ward's, their
schedule pattern when it differs. A companion never carries capacity records: the ward's beds are
declared once, on its main unit (`generateur/unites.py` builds both).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Compagnon:
    activite: str  # TRE_R211
    nom: str
    mode: str | None = None  # TRE_R213; None: the ward's
    horaires: str | None = None  # a pattern of `horaires.py`; None: the ward's


def _c(activite: str, nom: str, mode: str | None = None, horaires: str | None = None
       ) -> Compagnon:
    return Compagnon(activite, nom, mode, horaires)


COMPAGNONS: dict[str, tuple[Compagnon, ...]] = {
    # sanitaire
    "urgences": (_c("160", "Salle d'accueil des urgences vitales (SAUV)"),),
    "smur": (_c("268", "SMUR - transferts inter-hospitaliers"),),
    "samu": (_c("272", "Régulation de médecine générale (SAS)"),),  # libéral regulators in every SAMU
    "rea": (_c("126", "Réanimation médicale"),),
    "usinv": (_c("098", "Neurologie vasculaire - avis et suivi", "52", "jour"),
              _c("256", "Alerte thrombolyse - urgences neurovasculaires", "33", "h24")),
    "pneumo": (_c("343", "Explorations fonctionnelles respiratoires", "55", "jour"),),
    "gastro": (_c("062", "Hépatologie - consultations du service", "32", "jour"),),
    "oncologie": (_c("164", "Chimiothérapie - séances", "32", "jour"),),
    "geriatrie": (_c("050", "Consultations de gériatrie", "32", "jour"),),
    "hdj_medecine": (_c("164", "Hôpital de jour de chimiothérapie"),),
    "consult_cardio": (_c("344", "Explorations fonctionnelles cardiaques", "55"),),
    "consult_diabeto": (_c("041", "Endocrinologie - consultations"),),
    "hemodialyse": (_c("058", "Hémodialyse en urgence", "56", "h24"),),
    "imagerie": (_c("070", "Imagerie - scanner"), _c("069", "Imagerie - radiologie conventionnelle"),
                 _c("067", "Imagerie - échographie")),
    "chir_ambu": (_c("025", "Chirurgie ambulatoire orthopédique"),
                  _c("103", "Chirurgie ambulatoire ophtalmologique")),
    "chir_ped": (_c("605", "Chirurgie pédiatrique digestive et viscérale"),),
    "chir_onco": (_c("474", "Chirurgie oncologique viscérale et digestive"),
                  _c("538", "Chirurgie oncologique gynécologique"),
                  _c("537", "Chirurgie oncologique urologique")),
    "maternite": (_c("530", "Consultations de suivi prénatal", "32", "jour"),
                  _c("260", "Urgences obstétricales", "33", "h24")),
    "sos_main": (_c("258", "Urgences de la main", "33"),),
    "neurochir": (_c("267", "Urgences neurochirurgicales", "33"),),
    "maxillo": (_c("261", "Urgences maxillo-faciales", "33"),
                _c("137", "Consultations de stomatologie", "32", "jour")),
    "orl": (_c("156", "Urgences ORL", "33"), _c("473", "Chirurgie oncologique ORL"),
            _c("544", "Chirurgie de la thyroïde")),
    "chir_cardiaque": (_c("030", "Chirurgie thoracique et pulmonaire"),),
    "brules": (_c("359", "Soins intensifs des brûlés"),),
    "amp": (_c("010", "Laboratoire d'AMP (biologie de la reproduction)", "55"),),
    "senologie": (_c("539", "Chirurgie oncologique mammaire - consultations"),),
    "had": (_c("170", "HAD - soins palliatifs"),),
    "had_perinat": (_c("529", "HAD - suivi post-natal"),),
    "smr_neuro": (_c("200", "Orthophonie - SMR système nerveux", "32", "jour"),
                  _c("558", "Ergothérapie - SMR système nerveux", "55", "jour")),
    "smr_locomoteur": (_c("558", "Ergothérapie - SMR locomoteur", "55", "jour"),),
    "smr_pediatrique": (_c("493", "Psychomotricité - SMR pédiatrique", "32", "jour"),),
    # companions of the kinds of catalogue_recours.py
    "usih": (_c("545", "Chimiothérapie intensive"),),
    "onco_ped": (_c("429", "RCP d'oncologie pédiatrique", "39", "jour"),),
    "prelevement": (_c("594", "Coordination des prélèvements de tissus"),),
    "psy_hdj": (_c("231", "Réhabilitation psychosociale - hôpital de jour"),),
    "addicto_hdj": (_c("003", "Alcoologie - hôpital de jour"),),
    "cmpea": (_c("228", "Centre médico-psychologique pour adolescents"),),
    "pui": (_c("400", "Rétrocession hospitalière"),),
    "labo": (_c("093", "Laboratoire de microbiologie"),),
    # médico-social: the accompaniments of an accommodation are units of their own, without beds
    "ehpad_hp": (_c("288", "Soins de nursing lourds"),),
    "ehpad_ht": (_c("325", "Soutien aux aidants - hébergement temporaire"),),
    "ehpad_htsh": (_c("325", "Soutien aux aidants - sortie d'hospitalisation"),),
    "ehpad_uvp": (_c("306", "Stimulation cognitive - unité de vie protégée"),),
    "ehpad_pasa": (_c("314", "Activités de bien-être - PASA"),),
    "ehpad_uhr": (_c("306", "Stimulation cognitive - UHR"),),
    "ehpad_aj": (_c("325", "Soutien aux aidants - accueil de jour"),),
    "residence_autonomie": (_c("312", "Lien social - résidence autonomie", "54", "jour"),),
    "residence_ht": (_c("312", "Lien social - logements temporaires", "54", "jour"),),
    "accueil_jour_autonome": (_c("325", "Soutien aux aidants - accueil de jour autonome"),),
    "ssiad": (_c("288", "Soins de nursing lourds à domicile"),),
    "saad": (_c("299", "Aide aux activités domestiques"),),
    "mas": (_c("288", "Soins de nursing lourds - MAS"),),
    "mas_aj": (_c("295", "Relations avec autrui - accueil de jour MAS"),),
    "eam": (_c("294", "Communication - EAM"), _c("295", "Relations avec autrui - EAM")),
    "samsah": (_c("294", "Communication - SAMSAH"), _c("312", "Lien social - SAMSAH")),
    "savs": (_c("312", "Lien social - SAVS"), _c("318", "Gestion du budget - SAVS")),
    "foyer_vie": (_c("312", "Lien social - foyer de vie"),
                  _c("313", "Activités sociales, culturelles et sportives - foyer de vie", "47",
                     "accueil_jour")),
    "esat": (_c("305", "Accompagnement professionnel - ESAT"),),
    "ime_internat": (_c("293", "Actes de la vie quotidienne - IME internat"),),
    "ime_semi": (_c("294", "Communication - IME semi-internat"),),
    "sessad": (_c("294", "Communication - SESSAD"),),
    "itep": (_c("295", "Relations avec autrui - ITEP"),),
    "eeap": (_c("293", "Actes de la vie quotidienne - EEAP internat"),),
    "eeap_semi": (_c("294", "Communication - EEAP semi-internat"),),
    "camsp": (_c("118", "Protection maternelle et infantile - CAMSP"),
              _c("493", "Psychomotricité - CAMSP")),
    "repit": (_c("394", "Relayage à domicile", "49", "domicile"),),
    "eam_aj": (_c("295", "Relations avec autrui - accueil de jour EAM"),),
    "foyer_aj": (_c("313", "Activités sociales, culturelles et sportives - accueil de jour"),),
    "esat_foyer": (_c("312", "Lien social - foyer d'hébergement"),),
    "ssiad_renforce": (_c("288", "Soins de nursing lourds - SSIAD renforcé"),),
    "ph_temporaire": (_c("394", "Aide au répit - accueil temporaire"),),
}
