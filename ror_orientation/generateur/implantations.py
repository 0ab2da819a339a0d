"""Where the kinds of `catalogue_recours.py` are placed, and how often, after real French figures.

Two tables, drawn from random streams of their own so the rest of the offer is drawn exactly as
before (same units, same ids): an establishment's further units come after its planned ones.

- `SANITAIRES`: per hospital site, a kind is added with probability `chu` on a CHU/CHR main site
  and `autres` elsewhere, when the site has every kind (or fact) of `exige` — the units its plan
  already holds from its SAE beds (`plan.py`), `grand` (≥ 400 MCO beds), `clcc` (FINESS 131),
  `chs` (a psychiatric hospital's main site), `recours` (the region's referral site), `lits_uhcd`
  (SAE 2023 UHCD beds), `fsef` (a clinic of the students' health foundation). A kind added earlier in the table counts for the later rows.
- `MEDICO_SOCIAUX`: per département, a dispositif is hosted by one of its generated ESMS of the
  `hotes` FINESS categories: `nombre` per département (the fraction drawn), or, with `part`, a share
  of those ESMS each.
The counts in the comments are national orders of magnitude from the public registers and reports
of the programmes (ABM, SFCE, DGS, CNSA, ARS), not exact lists.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from ..offre import EntiteGeographique


@dataclass(frozen=True, slots=True)
class Implantation:
    key: str
    exige: tuple[str, ...]
    chu: float
    autres: float


def _i(key: str, exige: tuple[str, ...], chu: float, autres: float = 0.0) -> Implantation:
    return Implantation(key, exige, chu, autres)


SANITAIRES: tuple[Implantation, ...] = (
    # paediatric sub-specialities: the 30 SFCE paediatric cancer centres (CHU, 3 CLCC); paediatric
    # neurology and pneumology in every CHU and some large CH; orthopaedic paediatric surgery with
    # the CHU's paediatric surgery; about 40 paediatric SMUR; paediatric intensive care (2022 reform)
    _i("onco_ped", ("pediatrie",), 0.9),
    _i("onco_ped", ("clcc",), 0.0, 0.15),
    _i("neuro_ped", ("pediatrie",), 0.95),
    _i("neuro_ped", ("pediatrie", "grand"), 0.0, 0.25),
    _i("pneumo_ped", ("pediatrie",), 0.9),
    _i("pneumo_ped", ("pediatrie", "grand"), 0.0, 0.2),
    _i("chir_ortho_ped", ("chir_ped",), 0.9),
    _i("smur_ped", ("urgences_ped", "smur"), 0.7, 0.05),
    _i("usi_ped", ("pediatrie",), 0.6),
    _i("usi_ped", ("sc_ped", "grand"), 0.0, 0.1),
    _i("imagerie_ped", ("imagerie", "pediatrie"), 0.85),
    # the child's organ specialities in CHU (and some large CH for diabetes and gastro-enterology);
    # about 15 paediatric dialysis centres; neonatal surgery beside a CHU's neonatal reanimation
    _i("cardio_ped", ("pediatrie",), 0.8),
    _i("nephro_ped", ("pediatrie",), 0.7),
    _i("dialyse_ped", ("nephro_ped",), 0.5),
    _i("gastro_ped", ("pediatrie",), 0.7),
    _i("gastro_ped", ("pediatrie", "grand"), 0.0, 0.1),
    _i("diabeto_ped", ("pediatrie",), 0.8),
    _i("diabeto_ped", ("pediatrie", "grand"), 0.0, 0.3),
    _i("chir_neonat", ("chir_ped", "rea_neonat"), 0.6),
    _i("ado", ("pediatrie",), 0.5),
    # organ and tissue procurement: about 180 authorised hospitals, all with a reanimation
    _i("prelevement", ("rea",), 1.0, 0.5),
    # haematology wards (CHU, large CH, CLCC), then their intensive care (about 50 USIH)
    _i("hematologie", ("medecine",), 1.0),
    _i("hematologie", ("medecine", "grand"), 0.0, 0.35),
    _i("hematologie", ("clcc",), 0.0, 0.6),
    _i("usih", ("hematologie",), 0.9, 0.25),
    # specialised reanimation and intensive care beside a reanimation
    _i("usip", ("rea",), 0.3, 0.2),
    _i("rea_chir", ("rea",), 0.7),
    _i("rea_neurochir", ("neurochir", "rea"), 0.6, 0.1),
    _i("rea_cardio_chir", ("chir_cardiaque",), 0.8, 0.3),
    _i("brulologie", ("brules",), 0.8, 0.8),
    # specialised intensive care units of the 2022 reform, and the about 40 transplant centres
    _i("usi_pneumo", ("pneumo", "rea"), 0.5, 0.15),
    _i("usi_nephro", ("nephro", "rea"), 0.4, 0.05),
    _i("usi_hge", ("gastro", "rea"), 0.35, 0.05),
    _i("transplantation", ("rea", "nephro"), 0.75),
    # specialty wards: about 90 infectious-disease wards, dermatology and rheumatology in CHU and
    # some large CH, endocrinology, ophthalmology, complex withdrawal (addictologie niveau 2-3)
    _i("smit", ("medecine",), 0.95),
    _i("smit", ("medecine", "grand"), 0.0, 0.4),
    _i("dermato", ("medecine",), 0.85),
    _i("dermato", ("medecine", "grand"), 0.0, 0.15),
    _i("rhumato", ("medecine",), 0.9),
    _i("rhumato", ("medecine", "grand"), 0.0, 0.3),
    _i("endocrino", ("medecine",), 0.95),
    _i("endocrino", ("medecine", "grand"), 0.0, 0.4),
    _i("ophtalmo", ("chir_visc",), 0.9),
    _i("ophtalmo", ("chir_visc", "grand"), 0.0, 0.25),
    _i("addicto_hc", ("urgences",), 0.8),
    _i("addicto_hc", ("urgences", "grand"), 0.0, 0.3),
    # palliative beds in medical wards (LISP: in about 900 establishments), plastic and spine
    # surgery, interventional radiology, hospital dentistry, occupational diseases (about 30
    # centres), rare-disease reference centres, consultations for disabled people (Handiconsult),
    # autism resource centres (26 CRA and their expert diagnostic centres)
    _i("lisp", ("medecine",), 0.6, 0.3),
    _i("chir_plastique", ("chir_visc",), 0.9),
    _i("chir_plastique", ("chir_visc", "grand"), 0.0, 0.3),
    _i("rachis", ("chir_ortho",), 0.9),
    _i("rachis", ("chir_ortho", "grand"), 0.0, 0.35),
    _i("radio_interv", ("imagerie",), 1.0),
    _i("radio_interv", ("imagerie", "grand"), 0.0, 0.5),
    _i("odontologie", ("medecine",), 0.8),
    _i("odontologie", ("medecine", "grand"), 0.0, 0.15),
    _i("patho_pro", ("medecine",), 0.8),
    _i("maladies_rares", ("medecine",), 1.0),
    _i("handiconsult", ("medecine",), 0.6),
    _i("handiconsult", ("medecine", "grand"), 0.0, 0.15),
    _i("cra", ("pediatrie",), 0.7),
    # outpatient services: genetics (CHU), about 100 sleep centres, cancer support care (every
    # CLCC), wound teams, patient education, dietetics and diabetic-foot podiatry
    _i("genetique", ("medecine",), 1.0),
    _i("sommeil", ("pneumo",), 0.9),
    _i("sommeil", ("pneumo", "grand"), 0.0, 0.3),
    _i("soins_support", ("oncologie",), 0.7, 0.2),
    _i("soins_support", ("clcc",), 0.0, 1.0),
    _i("plaies", ("medecine",), 0.5),
    _i("plaies", ("medecine", "grand"), 0.0, 0.15),
    _i("etp", ("medecine",), 0.6, 0.15),
    _i("dietetique", ("medecine",), 0.9, 0.35),
    _i("podologie", ("consult_diabeto",), 0.8, 0.3),
    # emergencies and perinatality: UHCD where SAE 2023 counts UHCD beds; pathological pregnancy
    # wards in type 2-3 maternities; kangaroo units; 36 lactariums (about 30 in hospitals);
    # 22 regional paediatric palliative teams; about 80 Maisons des femmes; 8 UHSI
    _i("uhcd", ("urgences", "lits_uhcd"), 0.9, 0.85),
    _i("ghr", ("maternite", "neonat"), 0.8, 0.5),
    _i("kangourou", ("neonat",), 0.5, 0.3),
    _i("lactarium", ("rea_neonat",), 0.6, 0.1),
    _i("errspp", ("recours",), 1.0, 1.0),
    _i("maison_femmes", ("maternite",), 0.7),
    _i("maison_femmes", ("maternite", "grand"), 0.0, 0.2),
    _i("uhsi", ("recours",), 0.45, 0.45),
    # public-health centres hospitals run: vaccination (about one per département), about 160
    # international vaccination centres, about 330 CeGIDD sites, CLAT, sexual-health centres
    _i("vaccination", ("urgences",), 0.7, 0.12),
    _i("vaccination_int", ("medecine",), 1.0),
    _i("vaccination_int", ("medecine", "grand"), 0.0, 0.35),
    _i("cegidd", ("urgences",), 1.0, 0.3),
    _i("clat", ("pneumo",), 0.5, 0.15),
    _i("sante_sexuelle", ("maternite",), 0.9, 0.35),
    # psychiatry: mobile teams, psychosocial rehabilitation (about 80 centres), therapeutic flats
    # and family care, night hospitals, 26 SMPR, about 25 CRIAVS, 15 regional psychotrauma centres
    _i("empea", ("chs",), 0.0, 0.35),
    _i("empea", ("psy_hc",), 0.4),
    _i("em_psy", ("chs",), 0.0, 0.4),
    _i("em_perinat", ("chs",), 0.0, 0.12),
    _i("em_perinat", ("umb",), 0.5, 0.5),
    _i("rehab_psy", ("chs",), 0.0, 0.3),
    _i("rehab_psy", ("psy_hc",), 0.3),
    _i("appart_ther", ("chs",), 0.0, 0.15),
    _i("aft", ("chs",), 0.0, 0.1),
    _i("psy_hdn", ("chs",), 0.0, 0.08),
    _i("smpr", ("chs",), 0.0, 0.05),
    _i("criavs", ("chs",), 0.0, 0.045),
    _i("crp", ("recours",), 0.8, 0.8),
    _i("centre_expert", ("chs",), 0.0, 0.05),
    _i("centre_expert", ("psy_hc",), 0.3),
    # a few HAD structures take children under three (2022 HAD reform mention)
    _i("had_ped", ("had",), 0.0, 0.08),
    # SMR mentions (2022 reform): specialised units within the SMR sites of that mention
    _i("smr_medullaire", ("smr_neuro",), 0.3, 0.08),
    _i("smr_cerebrolese", ("smr_neuro",), 0.3, 0.15),
    _i("smr_prepan", ("smr_neuro",), 0.5, 0.05),
    _i("smr_amputes", ("smr_locomoteur",), 0.2, 0.08),
    _i("smr_neuro_ortho", ("smr_locomoteur",), 0.1, 0.04),
    _i("smr_prepac", ("smr_cardio",), 0.3, 0.08),
    _i("smr_prepar", ("smr_respi",), 0.3, 0.08),
    _i("smr_onco_hemato", ("smr_onco",), 0.5, 0.5),
    _i("smr_jeunes_enfants", ("smr_pediatrique",), 0.4, 0.4),
    _i("smr_polyhandicap", ("smr_pediatrique",), 0.3, 0.3),
    _i("smr_langage", ("smr_pediatrique",), 0.25, 0.25),
    _i("emer", ("smr_neuro",), 0.3, 0.12),
    # radiotherapy beyond the CLCC (INCa, Observatoire national de la radiothérapie: about 170
    # centres, public, ESPIC and private, most beside an oncology service); curietherapy in the CLCC
    # and in fewer centres than external beams (about 60, mostly public); SMR beds for dialysis
    # patients on some sites with both an SMR and an in-centre haemodialysis (a few dozen)
    _i("radiotherapie", ("oncologie",), 0.9, 0.6),
    _i("curietherapie", ("radiotherapie", "clcc"), 0.0, 0.95),
    _i("curietherapie", ("radiotherapie",), 0.7, 0.25),
    _i("smr_nephro", ("smr_polyvalent", "hemodialyse"), 0.3, 0.3),
    # the soins-études units of the FSEF network (its FINESS legal entity: its psychiatric clinics);
    # more Maisons des adolescents (ANMDA: over 120, about half run by a hospital's psychiatry, a
    # CHS or a CH with both psychiatry and paediatrics); CPDPN beside type 3 maternities and in some
    # large maternities (ABM: 48 authorised centres)
    _i("soins_etudes", ("fsef",), 0.0, 0.9),
    _i("mda", ("chs",), 0.0, 0.1),
    _i("mda", ("psy_hc", "pediatrie"), 0.0, 0.1),
    _i("cpdpn", ("rea_neonat",), 0.0, 0.35),
    _i("cpdpn", ("maternite", "grand"), 0.0, 0.15),
    # --- the specialised units of `catalogue_specialise.py` -------------------------------------
    # Emergencies by speciality. No register lists them: the rows are orders of magnitude, noted
    # uncertain where they are. Trauma centres: the regional trauma systems (SFAR-SFMU 2023
    # recommendations, TraumaBase and TRENAU networks) name about 40 level-1 and level-2 centres,
    # CHU and a few large CH, all with a reanimation and a neurosurgery; traumatology wards beside
    # the orthopaedic surgery of the CHU and of some large CH (SAE discipline, estimate)
    _i("urgences_trauma", ("urgences", "rea", "neurochir"), 0.75, 0.35),
    _i("traumatologie", ("chir_ortho", "urgences"), 0.6),
    _i("traumatologie", ("chir_ortho", "urgences", "grand"), 0.0, 0.3),
    # gynaecological emergencies with the 24h reception of the type 2 and 3 maternities (the
    # obstetric one is each maternity's companion); dental emergencies in the CHU odontology
    # services (the 16 faculties' hospital services, and a few CH); maxillo-facial emergencies with
    # the maxillo-facial surgery on call (CHU, some large CH)
    _i("urgences_gyneco", ("maternite", "urgences"), 0.8),
    _i("urgences_gyneco", ("maternite", "neonat", "urgences"), 0.0, 0.25),
    _i("urgences_dentaires", ("odontologie",), 0.7, 0.2),
    _i("urgences_stomato", ("maxillo", "urgences"), 0.4, 0.2),
    # rarer receptions, in a few CHU (uncertain, a handful each): the headache emergency
    # (Lariboisière's is the known one), dermatological emergencies (Saint-Louis, a few CHU), a
    # haematology ward's direct line, digestive-surgery and urology emergencies declared apart
    _i("urgences_cephalees", ("neuro", "urgences"), 0.06),
    _i("urgences_dermato", ("dermato",), 0.2),
    _i("urgences_hemato", ("hematologie", "usih"), 0.15),
    _i("urgences_visc", ("chir_visc", "urgences"), 0.2),
    _i("urgences_uro", ("urologie", "urgences"), 0.1),
    # infectious emergencies of the ESR (établissements de santé de référence du risque
    # épidémique et biologique, DGS: about one per region's CHU, count approximate); the
    # on-call digestive haemorrhage units (HGE with an endoscopy platform, estimate); the
    # unscheduled-care units of some cancer centres (Gustave Roussy, Curie... about a third of CLCC)
    _i("urgences_infectio", ("smit", "urgences"), 0.6, 0.05),
    _i("urgences_hge", ("gastro", "endoscopie", "urgences"), 0.3, 0.05),
    _i("urgences_onco", ("clcc",), 0.0, 0.3),
    # Intensive and continuous care by speciality. The SAE counts a site's reanimation, intensive
    # and continuous-care beds, not the speciality of its USI and USC (the 2022 critical-care
    # decrees, n° 2022-690 and 2022-694, name the USI de spécialité): the shares are estimates
    # from the services hospitals publish. Medical and surgical intensive care beside some
    # reanimations; specialised ones beside the CHU's heavy surgery (cardiac, thoracic,
    # neurosurgery, liver transplantation), in a third of the cancer centres, and a few
    # obstetric and infectious-disease ones (uncertain, a handful each)
    _i("usi_chir", ("rea", "bloc"), 0.3, 0.05),
    _i("usi_med", ("rea",), 0.3, 0.05),
    _i("usi_onco", ("clcc",), 0.0, 0.3),
    _i("usi_chir_cardiaque", ("chir_cardiaque",), 0.4, 0.3),
    _i("usi_chir_thoracique", ("chir_cardiaque",), 0.3, 0.15),
    _i("usi_uro", ("urologie", "rea"), 0.05),
    _i("usi_visc", ("chir_visc", "rea"), 0.2),
    _i("usi_obstetricale", ("rea_neonat", "rea"), 0.25, 0.05),
    _i("usi_smit", ("smit", "rea"), 0.15),
    _i("usi_neurochir", ("neurochir",), 0.4, 0.2),
    _i("rea_chir_thoracique", ("chir_cardiaque", "rea"), 0.2),
    _i("rea_visc", ("transplantation", "chir_visc"), 0.3),
    # continuous care: a large site splits its USC into a medical and a surgical one; the
    # specialised USC sit beside their service (cardiology with its USIC, post-operative ones of
    # the heavy surgeries, neurology after thrombectomy, the cancer centres' post-operative USC)
    _i("sc_chir", ("usc", "bloc"), 0.6, 0.0),
    _i("sc_chir", ("usc", "bloc", "grand"), 0.0, 0.4),
    _i("sc_med", ("usc",), 0.6, 0.0),
    _i("sc_med", ("usc", "grand"), 0.0, 0.4),
    _i("sc_cardio", ("usic",), 0.2, 0.08),
    _i("sc_neurochir", ("neurochir",), 0.3, 0.2),
    _i("sc_pneumo", ("pneumo", "usc"), 0.3, 0.05),
    _i("sc_brules", ("brules",), 0.3, 0.3),
    _i("sc_onco", ("clcc",), 0.0, 0.5),
    _i("sc_onco", ("oncologie", "usc"), 0.1),
    _i("sc_chir_cardiaque", ("chir_cardiaque",), 0.5, 0.3),
    _i("sc_chir_thoracique", ("chir_cardiaque",), 0.3, 0.1),
    _i("sc_uro", ("urologie", "usc"), 0.1, 0.01),
    _i("sc_visc", ("chir_visc", "usc"), 0.3, 0.03),
    _i("sc_obstetricale", ("maternite", "usc"), 0.3, 0.0),
    _i("sc_obstetricale", ("maternite", "neonat", "usc"), 0.0, 0.05),
    _i("sc_hge", ("gastro", "usc"), 0.2, 0.03),
    _i("sc_nephro", ("nephro", "usc"), 0.2, 0.03),
    _i("sc_neuro", ("neuro", "usc"), 0.3, 0.05),
    _i("sc_maxillo", ("maxillo",), 0.1, 0.05),
    _i("sc_ortho", ("chir_ortho", "usc"), 0.1, 0.02),
    # Interventional cardiology and imaging. Rythmologie interventionnelle is a modality of the
    # cardiologie interventionnelle authorisation (décret n° 2022-380): most sites with a cath lab
    # hold it (ARS authorisation lists, estimate). Diagnostic neuroradiology wherever a CHU or large
    # CH runs the thrombectomy (the about 40 NRI centres, DGOS) and in a few other large imaging
    # departments; a CHU imaging department is split into organ units (its published services,
    # estimate). Breast imaging: in the cancer centres, the hospitals with a breast unit and some
    # with a maternity; most screening mammography is read in private radiology practices, which
    # the city offer does not hold (INCa, dépistage organisé)
    _i("rythmologie", ("cardio_interv",), 1.0, 0.6),
    _i("neuroradiologie", ("nri",), 1.0, 0.7),
    _i("neuroradiologie", ("imagerie", "grand"), 0.0, 0.15),
    _i("radio_abdo", ("imagerie",), 0.5),
    _i("radio_cardiovasc", ("imagerie", "cardio_interv"), 0.5, 0.05),
    _i("radio_gyneco", ("imagerie", "maternite"), 0.5),
    _i("radio_msk", ("imagerie",), 0.6),
    _i("radio_msk", ("imagerie", "grand"), 0.0, 0.1),
    _i("radio_orl", ("imagerie", "orl"), 0.3),
    _i("radio_senologie", ("imagerie", "clcc"), 0.0, 0.9),
    _i("radio_senologie", ("imagerie", "senologie"), 0.9, 0.6),
    _i("radio_senologie", ("imagerie", "maternite"), 0.5, 0.15),
    _i("radio_thoracique", ("imagerie",), 0.6),
    _i("radio_thoracique", ("imagerie", "grand"), 0.0, 0.1),
    _i("uro_radiologie", ("imagerie", "urologie"), 0.3),
    # interventional radiology by organ beside the site's interventional radiology (CHU, large
    # CH), oncological interventional radiology also in the cancer centres (SFR-FRI, estimate)
    _i("radio_interv_msk", ("radio_interv",), 0.3, 0.05),
    _i("radio_interv_onco", ("radio_interv",), 0.6, 0.1),
    _i("radio_interv_onco", ("imagerie", "clcc"), 0.0, 0.5),
    _i("radio_interv_ped", ("radio_interv", "imagerie_ped"), 0.3),
    _i("radio_interv_vasc", ("radio_interv",), 0.7, 0.3),
    # nuclear medicine: about 240 services in France (ASN), in every CHU and cancer centre, many
    # large CH and private practices (the city offer does not hold these); radioprotected therapy
    # rooms in fewer (a few dozen centres, uncertain); each service's radiopharmacy (its PUI)
    _i("medecine_nucleaire", ("imagerie",), 1.0),
    _i("medecine_nucleaire", ("clcc",), 0.0, 0.9),
    _i("medecine_nucleaire", ("imagerie", "grand"), 0.0, 0.7),
    _i("medecine_nucleaire", ("imagerie", "oncologie"), 0.0, 0.15),
    _i("medecine_nucleaire_therapie", ("medecine_nucleaire",), 0.7, 0.25),
    _i("radiopharmacie", ("medecine_nucleaire",), 0.8, 0.4),
    # Organ oncology: the cancer centres and CHU are organised by organ (their published
    # departments; the cancer treatment authorisations of décret n° 2022-689 are by organ for
    # surgery), some large CH with an oncology service run the commonest (digestive, thoracic).
    # Oncogeriatrics: the INCa-funded coordination units (UCOG, one or more per region); cancer
    # genetics: about 150 consultation sites (INCa, dispositif national d'oncogénétique), in every
    # CHU and cancer centre and in some CH; sarcomas: the NETSARC+ network's about 30 centres;
    # ocular oncology in a handful of centres (uncertain). Shares are estimates.
    _i("onco_neuro", ("neurochir", "oncologie"), 0.7, 0.1),
    _i("onco_neuro", ("clcc",), 0.0, 0.3),
    _i("oncogeriatrie", ("oncologie", "geriatrie"), 0.7, 0.0),
    _i("oncogeriatrie", ("oncologie", "geriatrie", "grand"), 0.0, 0.2),
    _i("oncogeriatrie", ("clcc",), 0.0, 0.3),
    _i("onco_dermato", ("dermato",), 0.7, 0.1),
    _i("onco_dermato", ("clcc",), 0.0, 0.4),
    _i("onco_digestive", ("oncologie", "gastro"), 0.8, 0.15),
    _i("onco_digestive", ("clcc",), 0.0, 0.8),
    _i("onco_gyneco", ("oncologie", "maternite"), 0.6, 0.05),
    _i("onco_gyneco", ("clcc",), 0.0, 0.8),
    _i("onco_hemato", ("hematologie",), 0.4, 0.2),
    _i("onco_orl", ("oncologie", "orl"), 0.6, 0.2),
    _i("onco_orl", ("clcc",), 0.0, 0.7),
    _i("onco_thoracique", ("oncologie", "pneumo"), 0.8, 0.15),
    _i("onco_thoracique", ("clcc",), 0.0, 0.7),
    _i("onco_uro", ("oncologie", "urologie"), 0.5, 0.05),
    _i("onco_uro", ("clcc",), 0.0, 0.6),
    _i("onco_endocrine", ("oncologie", "endocrino"), 0.4),
    _i("onco_endocrine", ("clcc",), 0.0, 0.5),
    _i("onco_sarcomes", ("oncologie", "chir_ortho"), 0.4),
    _i("onco_sarcomes", ("clcc",), 0.0, 0.5),
    _i("onco_metastases_os", ("oncologie",), 0.2),
    _i("onco_metastases_os", ("clcc",), 0.0, 0.3),
    _i("oncogenetique", ("oncologie",), 0.95, 0.0),
    _i("oncogenetique", ("clcc",), 0.0, 0.95),
    _i("oncogenetique", ("oncologie", "grand"), 0.0, 0.3),
    _i("chir_onco_thoracique", ("chir_cardiaque",), 0.7, 0.4),
    _i("chir_onco_thoracique", ("clcc",), 0.0, 0.2),
    _i("chir_onco_neuro", ("neurochir",), 0.5, 0.2),
    _i("chir_onco_ophtalmo", ("ophtalmo", "oncologie"), 0.1),
    _i("chir_onco_ophtalmo", ("clcc",), 0.0, 0.07),
    _i("chir_onco_dermato", ("dermato", "chir_plastique"), 0.3),
    _i("chir_onco_dermato", ("clcc",), 0.0, 0.3),
    _i("chir_onco_sarcomes", ("chir_ortho", "oncologie"), 0.4),
    _i("chir_onco_sarcomes", ("clcc",), 0.0, 0.4),
    # Function testing and endoscopy rooms of a speciality's department, declared apart from its
    # ward in the CHU and in some CH (their published services; shares are estimates): bronchial
    # endoscopy in most pneumology departments, the interventional one in the CHU and some large
    # CH; vascular, neurological (EEG, EMG), ORL, digestive, urodynamic, ophthalmological and
    # endocrine explorations. Forensic thanatology: the about 30 institutes of the national
    # forensic-medicine scheme (circulaire du 27 décembre 2010), in CHU.
    _i("endoscopie_bronchique", ("pneumo",), 1.0, 0.5),
    _i("endoscopie_bronchique_interv", ("pneumo",), 0.6, 0.0),
    _i("endoscopie_bronchique_interv", ("pneumo", "grand"), 0.0, 0.15),
    _i("ef_vasculaire", ("medecine",), 0.9, 0.0),
    _i("ef_vasculaire", ("medecine", "grand"), 0.0, 0.3),
    _i("ef_vasculaire", ("chir_vasc",), 0.0, 0.3),
    _i("ef_neuro", ("neuro",), 1.0, 0.5),
    _i("ef_orl", ("orl",), 0.5, 0.1),
    _i("ef_audition", ("orl",), 0.7, 0.3),
    _i("ef_voix", ("orl",), 0.4, 0.05),
    _i("ef_vertiges", ("orl",), 0.5, 0.15),
    _i("ef_digestive", ("gastro",), 0.6, 0.1),
    _i("ef_uro", ("urologie",), 0.6, 0.2),
    _i("ef_ophtalmo", ("ophtalmo",), 0.5, 0.1),
    _i("ef_endocrino", ("endocrino",), 0.4, 0.1),
    _i("iml", ("umj",), 0.85, 0.1),
)


@dataclass(frozen=True, slots=True)
class Dispositif:
    key: str
    hotes: tuple[str, ...]  # FINESS categories of the ESMS that may host it
    nombre: float = 0.0  # per département
    part: float = 0.0  # or: share of the host ESMS


MEDICO_SOCIAUX: tuple[Dispositif, ...] = (
    Dispositif("pco", ("190", "189", "182"), nombre=1.0),  # 103 PCO TND (CNSA 2023)
    Dispositif("emas", ("183", "182", "186"), nombre=1.5),  # about 170 EMAS
    Dispositif("em_autisme", ("183", "182"), nombre=0.5),
    Dispositif("pcpe", ("183", "182", "448"), nombre=2.5),  # about 300 PCPE
    Dispositif("communaute_360", ("445", "446", "449"), nombre=1.0),  # one per département
    Dispositif("dac", ("354", "209"), nombre=1.2),  # about 120 DAC
    Dispositif("crt", ("500", "354"), nombre=2.0),  # about 200 CRT funded (2024)
    Dispositif("esprad", ("354",), nombre=0.4),
    Dispositif("ht_urgence", ("500",), part=0.08),
    Dispositif("portage_repas", ("460", "209", "202"), part=0.25),
    Dispositif("teleassistance", ("460", "209"), part=0.15),
    Dispositif("esrp", ("246", "449"), nombre=0.9),  # about 130 ESRP
    Dispositif("ueros", ("445", "449"), nombre=0.3),  # about 30 UEROS
    Dispositif("pea", ("246",), nombre=1.0),  # at least one per département
    Dispositif("gem", ("446", "445"), nombre=6.0),  # about 650 GEM
    Dispositif("safep", ("195", "194"), part=0.6),
    Dispositif("ssefis", ("195",), part=0.8),
    Dispositif("s3ais", ("194",), part=0.8),
    Dispositif("cjc", ("197",), part=0.8),  # about 540 CJC points, most in a CSAPA
    Dispositif("emsp", ("180", "165"), nombre=0.8),  # mobile precariousness teams (2022)
    Dispositif("marpa", ("202",), part=0.08),  # about 180 MARPA, rural résidences autonomie
    Dispositif("puv", ("202", "500"), nombre=3.0),  # about 300 small living units
    Dispositif("habitat_inclusif", ("446", "449", "445"), nombre=8.0),  # over 1,000 projects
    # 12 to 13 ERHR, one per region or inter-region (schéma national handicaps rares 2014-2018, CNSA)
    Dispositif("erhr", ("183", "188", "255", "195"), nombre=0.1),
    # about 9,000 agreed accueillants familiaux (DREES), organised per département
    Dispositif("accueil_familial", ("500", "202", "449"), nombre=1.0),
)


FAITS = ("grand", "clcc", "chs", "recours", "lits_uhcd", "fsef")  # what `exige` may name besides kinds
FSEF = "750720575"  # FINESS legal entity of the Fondation santé des étudiants de France


def faits(eg: EntiteGeographique, keys: set[str], *, chu: bool, recours: bool) -> set[str]:
    """What `exige` can name about a hospital site: its planned kinds and the facts above."""
    sae = eg.sae
    out = set(keys)
    if sae.get("LIT_MED", 0) + sae.get("LIT_CHI", 0) >= 400:
        out.add("grand")
    if eg.categorie == "131":
        out.add("clcc")
    if eg.categorie == "292" and "psy_hc" in keys:
        out.add("chs")
    if recours:
        out.add("recours")
    if sae.get("LIT_UHCD", 0) > 0:
        out.add("lits_uhcd")
    if eg.ej_id == FSEF and eg.categorie not in ("109", "362"):  # its psychiatric clinics (its
        out.add("fsef")  # SMR and long-stay sites hold no psychiatric authorisation)
    return out


def implantation_sanitaire(eg: EntiteGeographique, keys: set[str], rng: random.Random, *,
                           chu: bool, recours: bool) -> list[str]:
    """The further kinds of a hospital site, in table order, each at most once."""
    have = faits(eg, keys, chu=chu, recours=recours)
    out: list[str] = []
    for imp in SANITAIRES:
        p = imp.chu if chu else imp.autres
        if imp.key in have or p <= 0.0 or not all(e in have for e in imp.exige):
            continue
        if rng.random() < p:
            out.append(imp.key)
            have.add(imp.key)
    return out


def implantation_medico_sociale(hotes: dict[str, list[int]], rng: random.Random
                                ) -> list[tuple[int, str]]:
    """(host index, kind) pairs of one département; `hotes`: FINESS category → indexes of its
    populated ESMS, in the order they were generated."""
    out: list[tuple[int, str]] = []
    for d in MEDICO_SOCIAUX:
        candidats = sorted(i for cat in d.hotes for i in hotes.get(cat, ()))
        if not candidats:
            continue
        if d.part:
            out += [(i, d.key) for i in candidats if rng.random() < d.part]
            continue
        n = math.floor(d.nombre) + (1 if rng.random() < d.nombre % 1 else 0)
        out += [(rng.choice(candidats), d.key) for _ in range(n)]
    return out
