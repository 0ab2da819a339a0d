"""The synonym and abbreviation table regulators rely on, as data, and its compiled form.

Each entry names the words people type (`cles`), label phrases it stands for (`phrases`, matched
as all their words inside a nomenclature label) and concepts it points to directly (`concepts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from whoosh.analysis import CompositeAnalyzer, Filter, Token

from .analyse import Termes, chaine_de_base, plier


@dataclass(frozen=True, slots=True)
class Entree:
    """One synonym entry: any key means the phrases' labels and the direct concepts."""

    id: str
    cles: tuple[str, ...]
    phrases: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()


def _e(id: str, cles: str, phrases: str = "", concepts: str = "") -> Entree:
    """Compact row: keys and phrases separated by '|', concepts by spaces."""
    return Entree(id, _bars(cles), _bars(phrases), tuple(concepts.split()))


def _bars(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


# Codes checked against fixtures/nomenclatures by tests/test_index_synonymes.py.
SYNONYMES: tuple[Entree, ...] = (
    # Neuro-vascular emergencies.
    _e("avc", "AVC|accident vasculaire cérébral|attaque cérébrale|accident ischémique transitoire|alerte thrombolyse",
       "neurologie vasculaire|thrombolyse|thrombectomie|accident vasculaire cérébral",
       "R211:098 R211:356 R211:256 R210:0459 R210:0460 R210:0700 R210:1274 R244:263"),
    _e("usinv", "USINV|UNV|unité neuro-vasculaire|unité neurovasculaire|soins intensifs neuro-vasculaires",
       "neurologie vasculaire", "R211:356 R244:263"),
    _e("thrombolyse", "thrombolyse|thrombolyse intraveineuse|thrombolyse IV|fibrinolyse", "thrombolyse", "R210:0460 R210:0700"),
    _e("thrombectomie", "thrombectomie|thrombectomie mécanique|neuroradiologie interventionnelle",
       "thrombectomie|neuroradiologie interventionnelle", "R210:0459 R210:1274 R211:492"),
    # Acute coronary syndromes.
    _e("sca", "SCA|syndrome coronarien aigu|infarctus|infarctus du myocarde|IDM|"
       "NSTEMI|douleur thoracique|crise cardiaque",
       "cardiologie interventionnelle|angioplastie coronaires|soins intensifs cardiologie|coronarographie",
       "R211:014 R211:354 R210:0597 R244:262"),
    # An ST-segment elevation (the ECG a regulator reads) is a primary angioplasty, in a cath lab
    # (ESC 2023 guidelines on acute coronary syndromes: primary PCI within 120 min of diagnosis);
    # the cardiac intensive care comes after it (a phrase: below the direct concepts). ("SCA ST+"
    # and "SCA ST-" read alike: the sign is no word; a non-ST elevation one is an early invasive
    # strategy too.)
    _e("stemi", "SCA ST|SCA ST+|SCA ST-|STEMI|ST élevé|sus-décalage ST|sus-décalage du ST|IDM ST+|"
       "infarctus ST+|infarctus avec sus-décalage",
       "soins intensifs cardiologie", "R211:014 R210:0597"),
    _e("coronarographie", "coronarographie|coro|angioplastie coronaire|ATL|stent coronaire",
       "coronarographie|angioplastie coronaires|cardiologie interventionnelle", "R211:014 R210:0597"),
    _e("usic", "USIC|soins intensifs cardiologiques|soins intensifs de cardiologie",
       "soins intensifs cardiologie", "R211:354 R244:262"),
    _e("cardio_interv", "cardiologie interventionnelle|rythmologie interventionnelle",
       "cardiologie interventionnelle", "R211:014"),
    _e("cardio", "cardio|cardiologue", "cardiologie"),
    _e("tavi", "TAVI|TAVR|valve aortique percutanée", "valve aortique"),
    # Rehabilitation and long stays.
    _e("smr", "SSR|SMR|soins de suite|soins de suite et de réadaptation|soins médicaux et de réadaptation|rééducation",
       "soins médicaux réadaptation|soins suite réadaptation", "R227:02 R244:100"),
    _e("usld", "USLD|SLD|soins de longue durée|long séjour", "soins longue durée", "R244:249 R211:333"),
    _e("ehpad", "EHPAD|maison de retraite|hébergement personnes âgées dépendantes",
       "accueil personnes âgées dépendantes", "R244:21 R244:23 R244:24 R244:26"),
    _e("uvp", "UVP|unité protégée|unité de vie protégée|unité Alzheimer",
       "unité protégée", "R244:24 R244:23 R210:1551"),
    # an UHR takes residents with severe behavioural disorders (TRE_R244 23), not any protected unit
    _e("uhr", "UHR|unité d'hébergement renforcée|unités d'hébergement renforcées", "",
       "R244:23"),
    _e("alzheimer", "Alzheimer|maladie d'Alzheimer|démence|troubles cognitifs|ESA",
       "alzheimer|unité protégée|troubles cognitifs", "R244:29 R244:25 R244:24"),
    _e("pasa", "PASA|pôle d'activités et de soins adaptés", "soins adaptés", "R244:25"),
    _e("geriatrie", "gériatrie|gériatrique|gérontologie", "gériatrie|gériatrique",
       "R211:050 R211:491 R244:156 R239:01"),
    _e("age", "personne âgée|personnes âgées|sujet âgé|PA|grand-mère|grand-père|grands-parents|"
       "vieillard|senior|seniors|papi|papy|papie|pépé|mamie|mamy|grand-papa|grand-maman", "gériatrie|gériatrique", "R211:050 R211:491 R244:156 R239:01"),
    # Hospital modes.
    _e("hdj", "HDJ|HJ|hôpital de jour|hospitalisation de jour",
       "hôpital jour|hospitalisation jour", "R244:11 R213:29"),
    # Care without a night in hospital: the consultation as much as the day hospital ("suivi
    # ambulatoire" of an addiction is a CSAPA's consultations, "chimiothérapie ambulatoire" a HDJ).
    _e("ambulatoire", "ambulatoire|en ambulatoire", "", "R213:32 R244:11 R213:29"),
    _e("uhcd", "UHCD|hospitalisation de courte durée|lits porte|unité d'hospitalisation de courte durée",
       "courte durée", "R244:278 R213:13"),
    _e("had", "HAD|hospitalisation à domicile", "hospitalisation domicile", "R213:31 R244:128"),
    # Care at home beside an act ("nutrition parentérale à domicile"): where it is given, hospital
    # care at home (a context word: beside a need it ranks, alone it asks for it).
    _e("domicile", "domicile|à domicile|au domicile|à la maison", "", "R213:31 R244:128"),
    _e("hc", "HC|hospitalisation complète", "hospitalisation complète", "R213:28"),
    # Critical care and emergency.
    _e("rea", "réa|réanimation|réanimateur|réa polyvalente", "réanimation", "R211:127 R211:126"),
    _e("usc", "USC|surveillance continue|unité de surveillance continue", "surveillance continue",
       "R211:373"),
    _e("usi", "USI|soins intensifs|unité de soins intensifs", "soins intensifs", "R211:351"),
    _e("smur", "SMUR|service mobile d'urgence|transport médicalisé|TIH",
       "smur", "R211:136 R211:270 R210:0984"),
    _e("samu", "SAMU|centre 15|régulation médicale|CRRA|SAMU-Centre 15", "régulation médicale",
       "R244:246 R211:273"),
    _e("urgences", "urgences|urgence|SAU|service des urgences|UPATOU", "urgences",
       "R211:157"),
    _e("sauv", "SAUV|déchocage|salle d'accueil des urgences vitales", "déchocage", "R211:160"),
    _e("polytrauma", "polytraumatisé|polytrauma|trauma center|traumatologie sévère",
       "polytraumatisé", "R210:1400 R211:160 R211:127 R211:126 R244:121"),
    _e("niv", "NIV|VNI|ventilation non invasive|BPAP|CPAP", "ventilation non invasive",
       "R210:1006 R210:1007"),
    _e("vi", "ventilation invasive|intubation|ventilation mécanique", "ventilation invasive",
       "R210:0658"),
    _e("dialyse", "dialyse|hémodialyse|épuration extra-rénale|EER|rein artificiel|dialysé",
       "dialyse|hémodialyse|autodialyse", "R211:058 R211:059 R211:583 R210:0657 R244:274"),
    _e("brules", "brûlés|brûlé|brûlure|brûlures|grands brûlés|CTB", "brûlés", "R211:121 R211:359 R210:1641"),
    _e("hyperbare", "caisson hyperbare|caisson|oxygénothérapie hyperbare|OHB|médecine hyperbare",
       "hyperbare", "R212:244 R211:084 R210:0686"),
    _e("bariatrique", "bariatrique|obésité|obèse|chirurgie de l'obésité|sleeve|bypass gastrique",
       "obésité|bariatrique", "R211:017 R211:099"),
    # Imaging.
    _e("irm", "IRM|imagerie par résonance magnétique|résonance magnétique", "irm", "R211:068"),
    _e("scanner", "scanner|TDM|tomodensitométrie|scanographie|scan", "scanner", "R211:070 R212:231"),
    _e("echo", "écho|échographie|échographe", "échographie", "R211:067"),
    _e("radio", "radio|radiologie|radiographie", "radiologie", "R211:069"),
    _e("ecg", "ECG|électrocardiogramme|électrocardiographie", "électrocardiographie", "R210:0172"),
    # Children and births.
    _e("neonat", "néonat|néonatalogie|néonatologie|nouveau-né|nouveau-nés|prématuré|réa néonatale",
       "néonatalogie|néonatale", "R211:094 R211:128 R211:369"),
    _e("pediatrie", "pédiatrie|pédiatrique|pédia", "pédiatrie|pédiatrique",
       "R211:088 R211:249 R211:130"),
    _e("enfant", "enfant|enfants|nourrisson|nourrissons|bébé|bébés|fils|fille|ado|ados|adolescent|"
       "adolescente|adolescents|gamin|gamine|gamins|garçon|garçons|garçonnet|fillette|fillettes|bambin|"
       "petit garçon|petite fille",
       "pédiatrie|pédiatrique|enfant|adolescent", "R211:088 R211:249 R211:130 R211:227 R211:228"),
    _e("maternite", "maternité|accouchement|obstétrique|salle de naissance|grossesse|parturiente",
       "obstétrique|accouchement|maternité", "R211:100 R244:290"),
    # Maternity types of the perinatal decrees (décrets n° 98-899 and 98-900 du 9 octobre 1998, CSP
    # art. R6123-39 and D6124-35 ff.): type 1 obstetrics alone, type 2 a neonatology unit on site
    # (2b: its intensive care), type 3 a neonatal intensive care unit; "niveau" is said for "type".
    _e("maternite_type1", "maternité de type 1|maternité type 1|maternité de type I|maternité type I|"
       "maternité de niveau 1|maternité niveau 1|maternité de niveau I|maternité niveau I",
       "", "R211:100 R244:290"),
    _e("maternite_type2", "maternité de type 2|maternité type 2|maternité de type II|maternité type II|"
       "maternité de niveau 2|maternité niveau 2|maternité de niveau II|maternité niveau II|"
       "maternité de type 2a|maternité type 2a|maternité de type 2b|maternité type 2b|"
       "maternité de niveau 2a|maternité niveau 2a|maternité de niveau 2b|maternité niveau 2b|"
       "maternité de type IIa|maternité type IIa|maternité de type IIb|maternité type IIb",
       "", "R211:094 R211:369 R244:289"),
    _e("maternite_type3", "maternité de type 3|maternité type 3|maternité de type III|maternité type III|"
       "maternité de niveau 3|maternité niveau 3|maternité de niveau III|maternité niveau III",
       "", "R211:128 R244:287"),
    _e("amp", "AMP|assistance médicale à la procréation|aide médicale à la procréation|"
       "procréation médicalement assistée|FIV|fécondation in vitro|insémination artificielle|"
       "infertilité|stérilité du couple", "procréation",
       "R211:080 R211:010"),
    _e("ivg", "IVG|interruption volontaire de grossesse|avortement", "interruption volontaire grossesse",
       "R210:0267 R210:0268"),
    # Psychiatry and addiction.
    _e("psy", "psy|psychiatrie|psychiatrique|santé mentale", "psychiatrie", "R211:229 R211:158"),
    _e("pedopsy", "pédopsy|pédopsychiatrie|psychiatrie infanto-juvénile", "pédopsychiatrie",
       "R211:227 R211:228"),
    _e("cmp", "CMP|centre médico-psychologique", "centre médico psychologique", "R244:10 R244:281"),
    _e("cmpp", "CMPP|centre médico-psycho-pédagogique", "médico psycho pédagogique", "R244:62"),
    _e("usip", "USIP|soins intensifs psychiatriques", "soins intensifs psychiatriques", "R244:15 R211:355"),
    _e("cump", "CUMP|cellule d'urgence médico-psychologique", "urgences médico psychologiques",
       "R211:147 R244:03"),
    _e("addicto", "addicto|addictologie|CSAPA|alcool|toxicomanie|sevrage|ELSA", "addictologie",
       "R211:404 R211:001 R244:80 R244:272"),
    _e("psychotrauma", "psychotrauma|psychotraumatisme|stress post-traumatique|TSPT",
       "psychotraumatisme|psychotraumatiques", "R210:1426 R244:127"),
    # Disability and medico-social.
    _e("autisme", "autisme|autiste|TSA|troubles du spectre de l'autisme|TED|CRA",
       "autisme|troubles neuro développement", "R244:85 R210:1574 R210:1064"),
    _e("tnd", "TND|troubles du neuro-développement|troubles du neurodéveloppement",
       "troubles neuro développement", "R211:448 R210:1064"),
    _e("mas", "MAS|maison d'accueil spécialisée", "maison accueil spécialisée", "R244:40"),
    # no label phrase: "accueil médicalisé" is also in "Lits d'accueil médicalisés" (LAM) and in
    # "Etablissement d'accueil non médicalisé - foyer de vie"
    _e("fam", "FAM|EAM|foyer d'accueil médicalisé|foyer médicalisé|établissement d'accueil médicalisé",
       "", "R244:39"),
    _e("ime", "IME|institut médico-éducatif", "institut médico éducatif", "R244:48"),
    _e("eeap", "EEAP|polyhandicap|polyhandicapé|polyhandicapés", "polyhandicap|polyhandicapé", "R244:51"),
    _e("sessad", "SESSAD|éducation spécialisée à domicile", "éducation spécialisée soins domicile",
       "R244:57"),
    _e("samsah", "SAMSAH|accompagnement médico-social adultes handicapés",
       "accompagnement médico social adultes handicapés", "R244:32"),
    _e("savs", "SAVS|accompagnement à la vie sociale", "accompagnement vie sociale", "R244:31"),
    _e("esat", "ESAT|travail protégé|aide par le travail", "aide travail", "R244:43"),
    _e("ssiad", "SSIAD|soins infirmiers à domicile|infirmier à domicile", "soins infirmiers domicile",
       "R244:28 R244:75"),
    _e("handicap", "handicap|handicapé|handicapés|PH|situation de handicap|personne handicapée|"
       "adulte handicapé|adultes handicapés|enfant handicapé|enfants handicapés", "situation handicap",
       "R239:02"),
    _e("lsf", "LSF|langue des signes|sourd|sourds|malentendant", "langue signes", "R243:01"),
    # Other specialties people abbreviate.
    _e("palliatif", "soins palliatifs|palliatif|palliatifs|USP|LISP|fin de vie",
       "soins palliatifs", "R211:170 R211:076 R244:175"),
    _e("onco", "onco|oncologie|cancérologie|cancer|cancers", "oncologie|cancérologie", "R211:102"),
    # (the act of giving it, R210 0652, is what HAD and day hospitals declare)
    _e("chimio", "chimio|chimiothérapie", "chimiothérapie", "R211:164 R210:0652"),
    _e("radiotherapie", "radiothérapie|rayons|RTE", "radiothérapie", "R211:168 R244:117"),
    _e("pneumo", "pneumo|pneumologie|pneumologue|respiratoire", "pneumologie", "R211:114"),
    _e("nephro", "néphro|néphrologie|néphrologue|insuffisance rénale", "néphrologie", "R211:095"),
    _e("gastro", "gastro|gastro-entérologie|hépato-gastro-entérologie|HGE|endoscopie digestive",
       "gastro entérologie|endoscopie digestive"),
    _e("ortho", "ortho|orthopédie|orthopédique|trauma|traumatologie|fracture",
       "orthopédique|traumatologie", "R211:025 R211:145"),
    _e("dermato", "dermato|dermatologie|dermatologue|peau", "dermatologie", "R211:037"),
    # the speciality's usual name, which its ROR label (Maladies infectieuses et tropicales) does not say
    _e("infectiologie", "infectiologie|infectiologue|infectiologues|infectio", "maladies infectieuses", "R211:077"),
    _e("plaies", "plaies|plaie|cicatrisation|escarre|escarres|pansement complexe",
       "plaies|cicatrisation", "R211:631 R210:0362"),
    _e("orl", "ORL|oto-rhino-laryngologie", "oto rhino laryngologie|orl"),
    _e("ophtalmo", "ophtalmo|ophtalmologie|ophtalmologue|yeux|oeil", "ophtalmologie|ophtalmologiques"),
    _e("neurochir", "neurochir|neurochirurgie|neurochirurgical", "neurochirurgie|neurochirurgicale"),
    _e("embolie", "embolie pulmonaire|EP|thrombo-embolique", "embolie pulmonaire|thrombo embolique",
       "R211:114 R211:013"),
    _e("kine", "kiné|kinésithérapie|kinésithérapeute|masseur-kinésithérapeute", "kinésithérapie"),
    # Sources of the entries below: the ROR labels and short labels they point to (TRE_R244,
    # TRE_R211, TRE_R210, ANS), the CHU de Bordeaux sense inventory (`abreviations.csv`: CPRE, TEP,
    # IMV, HO, TDAH, TOC, SDF, PM, DAI, EEG, EMG, EFR, SAOS, ECMO, ECLS, FOGD, EOGD, ITEP) and
    # regulators' and coordinators' practice (SMR sub-types, SRPR, SDRE/SPDT, UMD, LHSS, CSAPA...).
    # An abbreviation whose usual clinical sense is another one is left out (LAM: leucémie aiguë
    # myéloïde; IMC: indice de masse corporelle; PSG: prise de sang; SPI: sciatique poplité
    # interne; HT: haut).
    # SMR by speciality, as coordinators abbreviate them ("SMR loco", "SSR neuro"): the SMR
    # mention (TRE_R244 100-112) and its activity (TRE_R211 233-244, 513-523).
    _e("smr_loco", "SMR loco|SMR locomoteur|SSR loco|SSR locomoteur|SMR ortho|SSR ortho|SMR appareil locomoteur",
       "soins médicaux réadaptation locomoteur", "R244:102 R211:233"),
    _e("smr_neuro", "SMR neuro|SSR neuro|SSR neurologique|SMR système nerveux",
       "soins médicaux réadaptation système nerveux", "R244:103 R211:234"),
    _e("smr_cardio", "SMR cardio|SMR cardiologique|SSR cardio|SSR cardiologique|SMR cardiaque|"
       "réadaptation cardiaque|réadaptation cardio-vasculaire", "", "R244:104 R211:235"),
    _e("smr_respi", "SMR respi|SMR pneumo|SMR pneumologique|SSR respi|SSR pneumo|"
       "réhabilitation respiratoire|réadaptation respiratoire", "", "R244:105 R211:236"),
    _e("smr_geria", "SMR gériatrique|SMR géria|SMR gériatrie|SSR gériatrique|SSR géria|SMR PA|"
       "SMR personnes âgées", "", "R244:101 R211:241"),
    _e("smr_addicto", "SMR addicto|SMR addictologie|SSR addicto|SSR addictologie|SMR alcool|"
       "postcure|post-cure|postcure alcool|soins de suite addictologie", "",
       "R244:108 R211:240"),
    _e("smr_pedia", "SMR pédiatrique|SMR pédia|SMR pédiatrie|SSR pédiatrique|SSR pédia|SMR enfant|"
       "SMR enfants", "", "R244:109 R244:110 R211:283"),
    _e("smr_onco", "SMR onco|SMR oncologie|SMR oncologique|SSR onco|SMR onco-hématologie", "",
       "R244:111 R244:112 R211:523 R211:238"),
    _e("smr_brules", "SMR brûlés|SSR brûlés|réadaptation des brûlés", "", "R244:107 R211:239"),
    _e("smr_digestif", "SMR digestif|SMR nutrition|SMR endocrino|SSR digestif|SSR nutrition", "",
       "R244:106 R211:237"),
    _e("smr_poly", "SMR polyvalent|SSR polyvalent|SMR médecine|SSR médecine", "", "R244:100 R211:242"),
    _e("srpr", "SRPR|SMR post-réa|SMR post-réanimation|SSR post-réa|réadaptation post-réanimation|"
       "rééducation post-réanimation", "", "R211:244 R210:1310"),
    _e("prepa", "PREPAN|PREPAR|PREPAC|réadaptation précoce post-aiguë", "réadaptation précoce post aiguë",
       "R211:517 R211:515 R211:514"),
    _e("ucc", "UCC|unité cognitivo-comportementale", "", "R211:246"),
    _e("evc", "état végétatif|état pauci-relationnel|éveil de coma", "",
       "R211:245 R210:0526 R210:1305"),
    # Endoscopy, imaging and cardiology acts regulators name by their acronym.
    _e("cpre", "CPRE|ERCP|cholangio-pancréatographie rétrograde|cholangiographie rétrograde|"
       "sphinctérotomie endoscopique|cathétérisme rétrograde|extraction de calcul biliaire",
       "", "R210:0191 R211:046"),
    _e("echo_endo", "écho-endoscopie|échoendoscopie|écho-endoscopie digestive|écho-endoscopie biliaire",
       "", "R210:1325 R210:0638"),
    # EBUS (endobronchial ultrasound): the pneumologists' acronym of TRE_R210 0175 "Echo-endoscopie
    # broncho-pulmonaire (bronchique)"; no French inventory lists it.
    _e("ebus", "EBUS|écho-endoscopie bronchique|échoendoscopie bronchique", "", "R210:0175 R211:114"),
    _e("fogd", "FOGD|EOGD|OGD|gastroscopie|fibroscopie oeso-gastro-duodénale",
       "", "R210:0639 R210:0640"),
    _e("tep", "TEP|PET|TEP scan|PET scan|PET-scan|pet-scan|TEP-TDM|TEP-scanner|TEP FDG|"
       "tomographie par émission de positons|tomographie par émission de positrons",
       "", "R210:0549 R211:087"),
    _e("scinti", "scintigraphie|scinti|médecine nucléaire", "", "R211:087"),
    _e("ect", "ECT|sismothérapie|électroconvulsivothérapie|électro-convulsivothérapie|électrochocs|"
       "électrochoc", "", "R210:0183"),
    _e("hypothermie", "hypothermie thérapeutique|hypothermie induite|TTM|contrôle ciblé de la température|"
       "gestion ciblée de la température", "", "R210:0243 R211:127"),
    _e("stereotaxie", "radiothérapie stéréotaxique|SBRT|radiochirurgie|radiochirurgie stéréotaxique|"
       "gamma knife|gamma-knife|cyberknife|stéréotaxie", "", "R210:0959 R210:0405"),
    _e("ecmo", "ECMO|ECLS|assistance circulatoire|oxygénation extracorporelle|assistance extracorporelle",
       "", "R210:1404 R210:1405"),
    _e("pacemaker", "pacemaker|pace maker|pace-maker|PM|stimulateur cardiaque", "", "R210:0250 R210:1213"),
    _e("dai", "DAI|défibrillateur implantable|défibrillateur automatique implantable", "", "R210:0249"),
    # Heart failure as regulators abbreviate it: ICA (insuffisance cardiaque aiguë), ICC (chronique,
    # congestive: CIM-10 FR I50.0 "Insuffisance cardiaque congestive"); the inventory has only IC/ICG.
    # Read as the CIM-10 block I50 is routed (cim10_vers_ror.csv): cardiology, then the USIC.
    _e("ic", "ICA|ICC", "", "R211:013 R211:354 R244:149"),
    _e("ablation_fa", "ablation FA|ablation de FA|ablation de fibrillation atriale|ablation par radiofréquence|"
       "électrophysiologie|rythmologie", "", "R210:1131 R210:0001 R211:133 R211:132"),
    # TIU: transfert in utero, the perinatal networks' word for sending a pregnant woman to a
    # maternity able to take the newborn (TRE_R211 278 "Régulation des transferts in utero").
    _e("tiu", "TIU|transfert in utero|transferts in utero", "", "R211:278 R211:100 R244:290"),
    _e("bronchiolite", "bronchiolite|bronchiolites|bronchiolite du nourrisson", "", "R210:1477 R211:088"),
    _e("eeg", "EEG|électroencéphalogramme|électroencéphalographie", "", "R210:0681"),
    _e("emg", "EMG|électromyogramme|électromyographie|ENMG", "", "R210:0682"),
    _e("psg", "polysomnographie|polygraphie ventilatoire|apnée du sommeil|SAOS|SAS",
       "", "R210:0483 R211:480 R211:451"),
    _e("efr", "EFR|spirométrie|pléthysmographie|explorations fonctionnelles respiratoires", "",
       "R211:343"),
    # (the technique typed is the act asked: an instrumental IVG is the surgical one, by aspiration)
    _e("ivg_med", "IVG médicamenteuse", "", "R210:0268 R211:105"),
    _e("ivg_chir", "IVG instrumentale|IVG chirurgicale|IVG par aspiration", "", "R210:0267 R211:105"),
    _e("orthogenie", "orthogénie|CIVG", "", "R210:0268 R210:0267 R211:105"),
    # Toxicology and psychiatric crisis.
    _e("intox", "intox|IMV|intoxication médicamenteuse|intoxication médicamenteuse volontaire|"
       "overdose|surdosage|intoxication volontaire",
       "", "R211:598 R211:142 R211:127 R211:157 R245:62"),
    _e("antipoison", "centre antipoison|CAP antipoison|CAPTV|toxicovigilance", "", "R211:015 R244:285"),
    _e("crise_psy", "CAC|centre d'accueil et de crise|psychiatrie de crise|crise suicidaire|"
       "CPOA|centre psychiatrique d'orientation et d'accueil", "", "R211:612 R244:302 R244:06"),
    _e("cap_psy", "CAP 48|CAP48|centre d'accueil permanent", "", "R244:04"),
    _e("sdre", "SDRE|SPDRE|SDT|SPDT|HDT|HO|hospitalisation sous contrainte|soins sans consentement|"
       "soins psychiatriques sans consentement|hospitalisation d'office", "",
       "R211:229 R244:174 R244:68"),
    _e("umd", "UMD|unité pour malades difficiles", "", "R244:18"),
    _e("uhsa", "UHSA|unité hospitalière spécialement aménagée", "", "R244:17"),
    _e("tca", "TCA|troubles du comportement alimentaire|troubles des conduites alimentaires|anorexie mentale|"
       "boulimie", "", "R245:01 R244:120"),
    _e("tdah", "TDAH|hyperactivité|trouble déficitaire de l'attention", "", "R245:03"),
    _e("toc", "TOC|troubles obsessionnels compulsifs", "", "R245:09"),
    _e("vigilans", "VigilanS|recontact|recontact suicidant|dispositif VigilanS|veille post-suicidaire",
       "", "R244:87 R211:472"),
    # Care of prisoners: the prison's health unit (USMP, ex UCSA), the UHSA for psychiatry; "détenu"
    # says who the patient is (soft: a prisoner's hand wound still goes to hand surgery).
    _e("penitentiaire", "USMP|UCSA|unité sanitaire en milieu pénitentiaire|médecine pénitentiaire|"
       "prison|milieu carcéral|maison d'arrêt", "", "R244:309 R211:089 R244:17"),
    _e("detenu", "détenu|détenus|détenue|détenues|prisonnier|prisonniers|personne détenue",
       "", "R244:309 R211:089 R244:17"),
    # Medico-social structures and how coordinators name them (TRE_R244 / J55).
    _e("lhss", "LHSS|lits halte soins santé|lit halte soins santé|halte soins santé", "", "R244:93"),
    _e("lam", "lits d'accueil médicalisés|lit d'accueil médicalisé", "", "R244:95"),
    _e("act", "appartement de coordination thérapeutique|appartements de coordination thérapeutique|"
       "ACT", "", "R244:94"),
    _e("csapa", "CSAPA|centre de soins d'accompagnement et de prévention en addictologie|"
       "centre thérapeutique résidentiel", "", "R244:80"),
    _e("caarud", "CAARUD|réduction des risques|RDR", "", "R244:81 R211:450"),
    _e("sad", "SAD|SAAD|aide à domicile|aide ménagère|auxiliaire de vie|service d'aide à domicile|"
       "portage de repas", "", "R244:30 R244:132"),
    # GIR: the dependency group of the AGGIR grid (CASF art. R232-3 and annexe 2-1): GIR 1 to 4 are
    # dependent elderly people (the APA's groups: TRE_R244 21, public TRE_R239 01), GIR 5 and 6 the
    # autonomous ones (TRE_R244 22).
    _e("gir", "GIR|GIR 1|GIR 2|GIR 3|GIR 4|AGGIR|groupe iso-ressources", "", "R244:21 R239:01"),
    _e("gir_autonome", "GIR 5|GIR 6", "", "R244:22 R239:01"),
    _e("residence_autonomie", "résidence autonomie|foyer logement|foyer-logement|résidence services|EHPA",
       "", "R244:22"),
    _e("foyer_vie", "foyer de vie|foyer occupationnel|EANM", "", "R244:97"),
    _e("foyer_hebergement", "foyer d'hébergement|foyer d'hébergement travailleurs handicapés", "",
       "R244:96"),
    _e("iem", "IEM|institut d'éducation motrice", "", "R244:49"),
    _e("inst_sensoriel", "institut déficients visuels|IDV|institut pour déficients visuels|"
       "institut déficients auditifs|IDA|institut pour déficients auditifs|INJS", "",
       "R244:52 R244:53 R244:54"),
    _e("itep", "ITEP|DITEP|institut thérapeutique éducatif et pédagogique", "", "R244:50"),
    _e("camsp", "CAMSP|action médico-sociale précoce", "", "R244:61"),
    _e("uphv", "UPHV|PHV|handicapés vieillissants|handicapé vieillissant",
       "", "R244:257 R239:05"),
    _e("repit", "répit|plateforme de répit|baluchonnage|relayage|relais à domicile", "",
       "R244:38 R211:394"),
    _e("aidants", "aide aux aidants|soutien aux aidants|aidant épuisé|aidants", "", "R211:325 R244:38"),
    # How a medico-social place receives (CASF D312-0-3, décret n° 2017-982; annexes XXIV: internat,
    # semi-internat, externat): day care, night care, full board (TRE_R213 47, 48, 46)
    _e("accueil_jour", "AJ|centre de jour|accueil de jour|externat|semi-internat", "",
       "R213:47"),
    _e("accueil_nuit", "accueil de nuit|hébergement de nuit", "", "R213:48"),
    # A mobile team is a way of receiving (TRE_R213 52, 53, 11): "équipe mobile de soins palliatifs"
    # is the palliative care a mobile team brings, its own category retired (TRE_R244 252)
    _e("equipe_mobile", "équipe mobile|équipes mobiles", "", "R213:52 R213:53 R213:11"),
    _e("internat", "internat|hébergement complet|accueil de jour et de nuit", "", "R213:46"),
    _e("temporaire", "hébergement temporaire|séjour temporaire|accueil temporaire|séjour de répit|"
       "court séjour", "", "R240:01"),
    _e("permanent", "hébergement permanent|séjour permanent|accueil permanent|long séjour en EHPAD",
       "", "R240:02"),
    # Who the person is, as coordinators write it (TRE_R239 publics, TRE_R245 specialisations).
    # ("sans domicile" alone is not a key: its stop word dropped, it would be any "domicile")
    _e("precarite", "SDF|sans domicile fixe|sans-abri|sans abri|à la rue|précaire|"
       "grande précarité|personne sans logement", "", "R239:06"),
    _e("handicap_psy", "handicap psychique|handicapé psychique|maladie psychique stabilisée", "", "R245:16"),
    _e("handicap_mental", "handicap mental|déficience intellectuelle|retard mental|trisomie|trisomique|TDI",
       "", "R245:14"),
    _e("handicap_moteur", "handicap moteur|handicapé moteur|déficience motrice|IMOC|"
       "infirmité motrice cérébrale|paralysie cérébrale|tétraplégique|paraplégique|fauteuil roulant",
       "", "R245:22"),
    _e("deficience_visuelle", "déficience visuelle|malvoyant|malvoyante|malvoyants|aveugle|non-voyant",
       "", "R245:19"),
    _e("deficience_auditive", "déficience auditive|sourde|sourds-muets|surdité profonde", "", "R245:18"),
    _e("alzheimer_ms", "maladie d'Alzheimer et apparentées|maladies apparentées|démence sévère|"
       "troubles du comportement Alzheimer", "", "R245:28 R245:27"),
    _e("teleconsultation", "téléconsultation|télémédecine|téléexpertise", "téléconsultation",
       "R210:0988"),
)


# Entries that say who the patient is, not what they need: they rank units, never exclude them
# (unless they are all the query says).
SOUPLES: frozenset[str] = frozenset({"enfant", "age", "pediatrie", "detenu", "gir", "gir_autonome"})


class Synonymes:
    """The table compiled against the analyzer: stemmed key phrases → entry ids, longest match first."""

    def __init__(self, entrees: Iterable[Entree], termes: Termes) -> None:
        self.entrees: dict[str, Entree] = {}
        self.par_phrase: dict[tuple[str, ...], tuple[str, ...]] = {}
        # Folded surface form of each key, with its entry: what autocompletion offers.
        self.cles: list[tuple[str, str, str]] = []  # (key as written, entry id, folded key)
        longest = 1
        for e in entrees:
            if e.id in self.entrees:
                raise ValueError(f"duplicate synonym entry {e.id!r}")
            self.entrees[e.id] = e
            for key in e.cles:
                stems = tuple(termes.termes(key))
                if not stems:
                    continue
                ids = self.par_phrase.get(stems, ())
                if e.id not in ids:
                    self.par_phrase[stems] = ids + (e.id,)
                longest = max(longest, len(stems))
                self.cles.append((key, e.id, plier(key)))
        self.longest = longest

    def match(self, terms: list[str], i: int) -> tuple[int, tuple[str, ...]]:
        """Longest key phrase starting at `terms[i]`: (its length in terms, entry ids), or (0, ())."""
        for n in range(min(self.longest, len(terms) - i), 0, -1):
            ids = self.par_phrase.get(tuple(terms[i:i + n]))
            if ids:
                return n, ids
        return 0, ()

    def analyseur(self) -> CompositeAnalyzer:
        """The whole visible chain with this table's synonyms as its last stage."""
        return chaine_de_base() | SynonymFilter(self)


class SynonymFilter(Filter):  # type: ignore[misc]  # whoosh ships no types
    """Last stage of the chain: after a phrase of the synonym table, emit `~<entry id>` tokens.

    The phrase's own tokens are kept, so an abbreviation written in a label ("... (USINV)") and
    the spelled-out form ("unité neuro-vasculaire") both index and query the same entry token.
    """

    def __init__(self, synonymes: Synonymes) -> None:
        self.synonymes = synonymes

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        buffered = [t.copy() for t in tokens]
        texts = [t.text for t in buffered]
        extra: dict[int, list[Token]] = {}
        for i in range(len(buffered)):
            length, entries = self.synonymes.match(texts, i)
            if not length:
                continue
            last = buffered[i + length - 1]
            for entry_id in entries:
                tok = last.copy()
                tok.text = f"~{entry_id}"
                if hasattr(buffered[i], "startchar"):
                    tok.startchar = buffered[i].startchar
                extra.setdefault(i + length - 1, []).append(tok)
        for i, tok in enumerate(buffered):
            yield tok
            yield from extra.get(i, ())
