"""Acts that a share of the units of a kind perform in real French practice, beyond the acts the
catalogue gives every unit of the kind (`actes`) or half of them (`actes_options`).

Each entry is (TRE_R210 code, share of units of the kind that declare it). The shares are rough
orders of magnitude from how common the equipment and the practice are (SAE plateaux techniques,
specialty societies' activity reports), not counts: a nuclear-medicine service nearly always does
bone scans but few do MIBG; most hospital imaging departments do venous dopplers, fewer cardiac MRI.
The rest of TRE_R210 (rare and national-reference acts included, in the few units of their kind
that do them) is in the table that `actes_par_type.py` reads, drawn apart after these.
"""

from __future__ import annotations

ActesParts = tuple[tuple[str, float], ...]

ACTES_COURANTS: dict[str, ActesParts] = {
    # hospital imaging department (radiology, CT, MRI, ultrasound): plain films and dopplers nearly
    # everywhere, image-guided punctures and infiltrations in most, heavier protocols in fewer
    "imagerie": (
        ("1092", 0.9),   # radiologie standard ostéoarticulaire
        ("0707", 0.7),   # écho-doppler veineux des membres
        ("0703", 0.6),   # écho-doppler artériel des membres
        ("0704", 0.6),   # écho-doppler des troncs supra-aortiques
        ("1185", 0.4),   # écho-doppler artériel de l'aorte
        ("1363", 0.3),   # écho-doppler des vaisseaux viscéraux
        ("1027", 0.6),   # échographie pelvienne
        ("1188", 0.5),   # échographie thyroïdienne
        ("1022", 0.6),   # ponction ou infiltration guidée par imagerie
        ("0257", 0.5),   # infiltration articulaire guidée par imagerie
        ("0260", 0.5),   # infiltration du rachis lombaire guidée par imagerie
        ("0259", 0.2),   # infiltration du rachis cervical (scanner, fewer teams)
        ("0345", 0.3),   # ostéodensitométrie
        ("1138", 0.5),   # angioscanner des troncs supra-aortiques et du polygone de Willis
        ("1227", 0.4),   # IRM de prostate multiparamétrique
        ("1229", 0.3),   # IRM mammaire
        ("1237", 0.3),   # IRM thoracique
        ("1236", 0.2),   # IRM rénale
        ("1277", 0.2),   # scanner coronaire
        ("0711", 0.15),  # IRM cardiaque
        ("1262", 0.1),   # scanner pré-TAVI (hospitals with a TAVI centre)
        ("1145", 0.2),   # biopsie rénale sous imagerie
        ("1256", 0.15),  # radiologie interventionnelle vasculaire
        ("0505", 0.1),   # vertébroplastie
        ("1008", 0.9),   # radiographie standard du thorax
        ("0368", 0.5),   # ponction biopsie sous repérage guidé
        ("1170", 0.3),   # cytoponction thyroïdienne
    ),
    # nuclear medicine (about 230 services in France, mostly CHU, CLCC and large private groups):
    # bone, myocardial and lung scans are the bulk of the activity, PET-FDG in those with a camera
    "cs_087": (
        ("0720", 0.9),   # scintigraphie osseuse
        ("0436", 0.7),   # scintigraphie de perfusion myocardique
        ("0437", 0.6),   # scintigraphie de ventilation-perfusion pulmonaire
        ("0428", 0.6),   # TEP au 18F-FDG
        ("1707", 0.5),   # scintigraphie thyroïdienne ou parathyroïdienne
        ("0517", 0.3),   # scintigraphie parathyroïdienne
        ("0278", 0.4),   # lymphoscintigraphie, ganglion sentinelle
        ("0429", 0.4),   # scintigraphie rénale
        ("0432", 0.3),   # DaTscan (syndrome parkinsonien)
        ("0426", 0.3),   # TEP PSMA
        ("0345", 0.3),   # ostéodensitométrie
        ("1718", 0.15),  # leucocytes marqués (infection)
        ("0431", 0.1),   # hématies marquées (saignement)
        ("0433", 0.1),   # perfusion cérébrale à l'ECD
    ),
    # interventional cardiology: TAVI and AF ablation are already drawn for half of the rooms;
    # ventricular ablation and pacemakers/defibrillators in rhythmology-equipped rooms
    "cardio_interv": (
        ("0250", 0.5),   # stimulateur cardiaque
        ("0249", 0.3),   # défibrillateur
        ("1132", 0.15),  # ablation de trouble ventriculaire
    ),
    "cardio": (
        ("0178", 0.5),   # échographie transoesophagienne
        ("1278", 0.5),   # suivi de stimulateurs / défibrillateurs
        ("1279", 0.3),   # télésurveillance de l'arythmie
    ),
    "consult_cardio": (
        ("1278", 0.4),   # suivi de stimulateurs / défibrillateurs
        ("1246", 0.15),  # pose de holter implantable
    ),
    "cs_132": (("1278", 0.7), ("1279", 0.5)),  # rythmologie
    # vascular medicine consultations: dopplers are their everyday work
    "cs_091": (("0707", 0.8), ("0703", 0.7), ("0704", 0.6), ("1185", 0.3)),
    "cs_131": (("1103", 0.7), ("0345", 0.3)),  # rhumatologie: infiltrations, densitométrie
    "chir_vasc": (
        ("0021", 0.6),   # angioplastie des artères des membres
        ("0022", 0.3),   # angioplastie thoraco-abdomino-pelvienne
        ("0598", 0.3),   # angioplastie / chirurgie carotidienne
        ("0560", 0.3),   # pression négative (VAC)
    ),
    # orthopaedic surgery: hip and knee (replacement included) in nearly every department,
    # shoulder, foot and spine in fewer
    "chir_ortho": (
        ("1155", 0.85),  # chirurgie de la hanche
        ("0712", 0.85),  # chirurgie du genou
        ("1127", 0.6),   # chirurgie prothétique du genou
        ("0714", 0.6),   # chirurgie de l'épaule
        ("0094", 0.5),   # chirurgie du pied
        ("0100", 0.2),   # chirurgie du rachis instrumentée
        ("1394", 0.1),   # infections sur prothèse
    ),
    # ambulatory surgery: cataract is France's most frequent operation, nearly all done as day
    # surgery; other eye surgery in those with an ophthalmology team
    "chir_ambu": (
        ("0066", 0.5),   # cataracte, implants monofocaux et toriques
        ("0092", 0.4),   # chirurgie du cristallin
        ("1074", 0.15),  # cataracte, implants multifocaux
        ("0093", 0.1),   # glaucome
        ("0085", 0.05),  # strabisme
    ),
    # digestive endoscopy rooms: resections and stents in most, capsule in those with a reader
    "endoscopie": (("0193", 0.4), ("0194", 0.4), ("0195", 0.3)),
    "oncologie": (("0652", 0.8), ("1018", 0.4)),  # injectable chemotherapy and its follow-up
    "cs_055": (("0374", 0.5), ("0525", 0.3)),  # hématologie: myélogramme, saignée
    "cs_053": (("1208", 0.5), ("1026", 0.3)),  # gynécologie médicale: frottis, colposcopie
    "cs_022": (("0189", 0.3),),  # chirurgie gynécologique: hystéroscopie
    "cs_105": (("1304", 0.5), ("0267", 0.4)),  # orthogénie: échographie pré-IVG, IVG chirurgicale
    # infectious diseases: travel vaccines; the antirabies centres (about 70) sit in such services
    "cs_077": (("0501", 0.4), ("0500", 0.2)),
    "urgences": (("0631", 0.3),),  # FAST echography at the bedside
    "cs_103": (("1084", 0.5), ("1060", 0.2)),  # ophtalmologie: DMLA, laser SLT
    "chir_visc": (("0560", 0.3), ("0073", 0.3)),  # VAC, thyroïde
    "orl": (("0073", 0.4), ("1156", 0.2)),  # thyroïde, surdité
    # home hospitalisation: complex and long dressings and negative pressure are core HAD work;
    # SSIAD nurses do chronic wound dressings, not the surgical ones (VAC, under anaesthesia)
    # and chemotherapy at home and stoma care are among HAD's main activities too
    "had": (("0362", 0.8), ("0724", 0.5), ("0560", 0.5), ("1365", 0.3), ("0652", 0.3),
            ("0764", 0.4)),
    "ssiad": (("0362", 0.4), ("0764", 0.3)),
    "cs_037": (("1365", 0.3), ("0362", 0.3)),  # dermatologie: plaies chroniques
    "smr_locomoteur": (("0362", 0.3), ("0272", 0.5)),  # and physiotherapy
    "smr_geriatrique": (("0362", 0.3),),
    # lits halte soins santé and lits d'accueil médicalisés (CASF L312-1 I 9°, D312-176-1 and -3):
    # nurses on site give people without a home the care of a convalescence at home, chronic wound
    # dressings first (ulcers and wounds of street life are among their commonest reasons)
    "lhss": (("0362", 0.7),),
    "lam": (("0362", 0.7),),
}

__all__ = ["ACTES_COURANTS", "ActesParts"]
