"""The orientations liberal practitioners declare in the ROR's city offer: a physiotherapist's,
nurse's, occupational therapist's, dietitian's, psychomotor therapist's, orthoptist's or general
practitioner's field of practice, each its own unit beside the practice's general one (the ROR
gives a unit one activité opérationnelle), and the advanced-practice nurses' practices.

No register counts who declares which orientation: `nombre` places a modest number of oriented
practices (a fraction of the practices `catalogue_ville.py` places, themselves a few per cent of
the real ones, DREES 2023), and each orientation is drawn with a share estimated from the
professions' own certificates and networks (noted where known). Placed by `ville.py` after every
other city and social structure, from their own random streams, so nothing else moves.
"""

from __future__ import annotations

from .catalogue_ville import VILLE, Structure, _v
from .type_unite import PSY, UniteType

ENFANT = (0, 17)

# profession → (TRE_G15 profession, TRE_R244 of its practice, the practice's general kind)
_METIERS = {
    "kine": ("70", "195", "cab_kine"), "ide": ("60", "225", "cab_ide"),
    "ergo": ("94", "216", "cab_ergotherapie"), "diet": ("95", "191", "cab_dietetique"),
    "psychomot": ("96", "210", "cab_psychomotricite"), "orthoptie": ("92", "223", "cab_orthoptie"),
    "mg": ("10", "196", "cab_mg"),
}

# (profession, key, activity TRE_R211, name, share of the oriented practices, extra fields)
_ROWS: tuple[tuple[str, str, str, str, float, dict[str, object]], ...] = (
    ("kine", "neuro", "417", "Kinésithérapie - orientation neurologie", 0.25, {}),
    ("kine", "respi", "419", "Kinésithérapie - orientation respiratoire", 0.3, {}),
    ("kine", "cardio", "420", "Kinésithérapie - orientation cardiologie", 0.08, {}),
    ("kine", "perineo", "421", "Kinésithérapie - orientation pelvi-périnéologie", 0.2, {}),
    ("kine", "lymph", "422", "Kinésithérapie - orientation vasculaire et lymphatique", 0.15, {}),
    ("kine", "equilibre", "423", "Kinésithérapie - orientation troubles de l'équilibre", 0.15, {}),
    ("kine", "rhumato", "424", "Kinésithérapie - orientation rhumatologie", 0.2, {}),
    ("kine", "msk", "425", "Kinésithérapie - orientation musculo-squelettique", 0.4, {}),
    ("kine", "cicatrices", "426", "Kinésithérapie - orientation cicatrices et brûlés", 0.05, {}),
    ("kine", "sport", "427", "Kinésithérapie - orientation sport", 0.25, {}),
    ("kine", "geriatrie", "428", "Kinésithérapie - orientation gériatrie", 0.2,
     {"ages": (60, 130)}),
    ("kine", "sexo", "559", "Kinésithérapie - orientation fonctions sexuelles", 0.03, {}),
    ("kine", "obesite", "560", "Kinésithérapie - orientation obésité complexe", 0.03, {}),
    ("kine", "onco", "561", "Kinésithérapie - orientation cancérologie", 0.08, {}),
    ("kine", "pediatrie", "562", "Kinésithérapie - orientation pédiatrie", 0.15,
     {"ages": ENFANT}),
    ("kine", "palliatif", "563", "Kinésithérapie - orientation soins palliatifs", 0.05, {}),
    ("kine", "sante_mentale", "564", "Kinésithérapie - orientation santé mentale", 0.03, {}),
    ("kine", "maxillo", "565", "Kinésithérapie - orientation maxillo-faciale", 0.05, {}),
    ("kine", "douleur", "566", "Kinésithérapie - orientation douleur", 0.1, {}),
    ("ide", "onco", "555", "Soins infirmiers - orientation onco-hématologie", 0.15, {}),
    ("ide", "puericulture", "556", "Soins infirmiers en puériculture", 0.05,
     {"ages": (0, 6)}),
    ("ide", "douleur", "567", "Soins infirmiers - orientation douleur", 0.1, {}),
    ("ide", "sante_mentale", "568", "Soins infirmiers - orientation santé mentale", 0.1,
     {"champ": PSY}),
    ("ide", "cardio", "569", "Soins infirmiers - orientation cardiologie", 0.08, {}),
    ("ide", "respi", "570", "Soins infirmiers - orientation respiratoire", 0.08, {}),
    ("ide", "palliatif", "571", "Soins infirmiers - orientation soins palliatifs", 0.2, {}),
    ("ide", "neuro", "572", "Soins infirmiers - orientation neurologie", 0.05, {}),
    ("ide", "diabete", "573", "Soins infirmiers - orientation diabète", 0.3, {}),
    ("ergo", "chronique", "574", "Ergothérapie - maladies chroniques", 0.3, {}),
    ("ergo", "compensation", "575", "Ergothérapie - aides techniques et aménagement", 0.5, {}),
    ("ergo", "geriatrie", "576", "Ergothérapie - orientation gériatrie", 0.4,
     {"ages": (60, 130)}),
    ("ergo", "neuro", "577", "Ergothérapie - orientation neurologie", 0.3, {}),
    ("ergo", "pediatrie", "578", "Ergothérapie - orientation pédiatrie", 0.4, {"ages": ENFANT}),
    ("ergo", "psy", "579", "Ergothérapie - orientation santé mentale", 0.1, {"champ": PSY}),
    ("ergo", "evaluation", "580", "Ergothérapie - évaluation à domicile et dans la vie", 0.4, {}),
    ("diet", "tca", "584", "Diététique - troubles des conduites alimentaires", 0.2, {}),
    ("diet", "denutrition", "585", "Diététique - dénutrition", 0.3, {}),
    ("diet", "gyneco", "586", "Diététique - gynécologie et obstétrique", 0.1, {}),
    ("diet", "mici", "587", "Diététique - maladies inflammatoires et malabsorption", 0.15, {}),
    ("diet", "sport", "588", "Diététique - nutrition du sportif", 0.2, {}),
    ("diet", "perinat", "589", "Diététique - périnatalité", 0.1, {}),
    ("psychomot", "bilan", "620", "Bilan psychomoteur", 0.9, {"ages": (0, 130)}),
    ("psychomot", "soin", "621", "Soin psychomoteur", 0.8, {"ages": (0, 130)}),
    ("psychomot", "education", "622", "Éducation psychomotrice", 0.2, {"ages": ENFANT}),
    ("psychomot", "stimulation", "623", "Stimulation psychomotrice", 0.2, {"ages": (0, 130)}),
    ("psychomot", "graphomotricite", "624", "Rééducation de la graphomotricité (dysgraphie)",
     0.4, {"ages": ENFANT}),
    ("orthoptie", "neurovisuel", "625", "Orthoptie - neurovisuel adulte", 0.15, {}),
    ("orthoptie", "basse_vision", "626", "Orthoptie - basse vision adulte", 0.2, {}),
    ("orthoptie", "pediatrie", "627", "Orthoptie - orientation pédiatrique", 0.4,
     {"ages": ENFANT}),
    ("orthoptie", "neurovisuel_enfant", "634", "Orthoptie - neurovisuel enfant", 0.1,
     {"ages": ENFANT}),
    ("orthoptie", "basse_vision_enfant", "635", "Orthoptie - basse vision enfant", 0.05,
     {"ages": ENFANT}),
    ("mg", "allergo", "481", "Médecine générale - orientation allergologie", 0.1, {}),
    ("mg", "andrologie", "482", "Médecine générale - orientation andrologie", 0.02, {}),
    ("mg", "diabeto", "483", "Médecine générale - orientation diabétologie", 0.1, {}),
    ("mg", "geriatrie", "484", "Médecine générale - orientation gériatrie", 0.2,
     {"ages": (60, 130)}),
    ("mg", "gyneco", "485", "Médecine générale - orientation gynécologie médicale", 0.2,
     {"ages": (12, 130)}),
    ("mg", "infectio", "486", "Médecine générale - orientation maladies infectieuses", 0.03, {}),
    ("mg", "pediatrie", "487", "Médecine générale - orientation pédiatrie", 0.15,
     {"ages": ENFANT}),
    ("mg", "vasculaire", "488", "Médecine générale - orientation médecine vasculaire", 0.05, {}),
    ("mg", "oncogeriatrie", "489", "Médecine générale - orientation oncogériatrie", 0.02,
     {"ages": (70, 130)}),
    ("mg", "osseux", "490", "Médecine générale - orientation pathologies osseuses", 0.03, {}),
)


def _kind(metier: str, key: str, activite: str, nom: str, extra: dict[str, object]) -> UniteType:
    profession, categorie, _general = _METIERS[metier]
    fields: dict[str, object] = {"professions": (profession,),
                                 "specialites": ("SM54",) if metier == "mg" else (), **extra}
    return _v(f"{metier}_{key}", nom, activite, "32", categorie, **fields)


ORIENTATIONS: tuple[UniteType, ...] = tuple(
    _kind(m, k, a, n, extra) for m, k, a, n, _p, extra in _ROWS) + (
    # the advanced-practice nurses' practices of the other three mentions (R244 303-305)
    _v("cab_ipa_pcs", "Cabinet infirmier en pratique avancée - pathologies chroniques", "614",
       "32", "303", specialites=(), professions=("60",)),
    _v("cab_ipa_onco", "Cabinet infirmier en pratique avancée - oncologie", "615", "32", "304",
       specialites=(), professions=("60",)),
    _v("cab_ipa_mrc", "Cabinet infirmier en pratique avancée - maladie rénale chronique", "616",
       "32", "305", specialites=(), professions=("60",)),
)

_GENERAL = {t.key: t for t in VILLE}

# The oriented practices: their general unit first (always), then each orientation drawn. About a
# fifth as many as the practices of `catalogue_ville.py`; the IPA ones as its mental-health IPA
# (a few hundred liberal IPA, Assurance maladie 2023, the chronic-disease mention the commonest).
_NOMBRES = {"kine": 800, "ide": 700, "ergo": 30, "diet": 50, "psychomot": 40, "orthoptie": 30,
            "mg": 600}

STRUCTURES_ORIENTEES: tuple[Structure, ...] = tuple(
    Structure(f"{general}_orientee", _GENERAL[general].nom,
              "SA08" if metier in ("kine", "ide", "mg") else "SA07", _NOMBRES[metier],
              ((general, 1.0),) + tuple((f"{metier}_{k}", p) for m, k, _a, _n, p, _e in _ROWS
                                        if m == metier))
    for metier, (_prof, _cat, general) in _METIERS.items()) + (
    Structure("cab_ipa_pcs", "Cabinet IPA", "SA07", 40, (("cab_ipa_pcs", 1.0),)),
    Structure("cab_ipa_onco", "Cabinet IPA", "SA07", 15, (("cab_ipa_onco", 1.0),)),
    Structure("cab_ipa_mrc", "Cabinet IPA", "SA07", 10, (("cab_ipa_mrc", 1.0),)),
)

__all__ = ["ORIENTATIONS", "STRUCTURES_ORIENTEES"]
