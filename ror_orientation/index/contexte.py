"""Clinical context in a regulator's shorthand: how the patient is, not which care is needed.

"HSA Fisher 4", "hémorragie digestive Hb 6 g/dl sous AOD", "SCA ST+ H+4 à transférer": beside the
need, the regulator writes values and scores, time marks, the treatment under way and what is asked
of the receiving unit. Read word by word, "Fisher" is a name to look for, "H" a mode of care,
"sous AOD" an act and "transfert" a piece of equipment, and each becomes a need no unit meets. Those
spans are set aside (blanked, offsets kept) when the rest of the text still names a need; alone,
they keep what the labels say ("transfert", "SpO2").

Kinds (`GENRES`): `valeur` (a measure's name with its value, or a value with its unit), `temps`
(a time mark of the hour or the day: "H2", "J3", "depuis 3 h"), `traitement` (what the patient is
under: "sous AOD", "intubé ventilé", "post-op J3"), `transport` ("à transférer", "pour avis").
Longer durations ("depuis 3 mois") are kept: they say the complaint lasts (`profane.py`).
"""

from __future__ import annotations

import re

from .analyse import FOLD_MAP

# one character for one character, so the blanked spans keep their offsets ("œ" stays "œ")
_PLI = {k: v for k, v in FOLD_MAP.items() if len(v) == 1}

# A value: a number (decimal comma or point, a ratio "8/5", "8/10"), a roman grade ("NYHA III"),
# a positive sign or its word ("troponine +", "troponine positive"; a dash is a separator: "PH - à
# transférer").
_NOMBRE = r"\d+(?:[.,]\d+)?(?:\s?/\s?\d+(?:[.,]\d+)?)?"
_VALEUR = rf"(?:[<>≤≥=~]\s?)?(?:{_NOMBRE}|(?:i{{1,3}}|iv|v)(?![a-z])|\+{{1,3}}|positi(?:f|ve)s?|negati(?:f|ve)s?)"
# The units a value is written with (folded). A pregnancy's term is counted in weeks of amenorrhoea
# ("SA") or of pregnancy ("SG", two fewer: the law's "semaine de grossesse", art. L2212-1 CSP).
_UNITE = (r"(?:\s?(?:%|g\s?/\s?dl|g\s?/\s?l|mg\s?/\s?l|mmol\s?/\s?l|mmol|meq\s?/\s?l|[uµ]mol\s?/\s?l|ng\s?/\s?l"
          r"|ng\s?/\s?ml|ui\s?/\s?l|mmhg|cmh2o|°\s?c|°|bpm|\s?/\s?min|l\s?/\s?min|sa|sg|kpa)(?![a-z0-9]))?"
          # a saturation in room air: "88 % AA"
          r"(?:\s?(?:en\s+)?aa(?![a-z0-9]))?")
# The measures a value follows: scores, constants, lab values (folded). Words that are also needs
# typed alone ("TCA": eating disorders, "CA") are left out.
MESURES = (
    "gcs", "glasgow", "score de glasgow", "nihss", "wfns", "fisher", "hunt et hess", "nyha", "killip",
    "apgar", "rankin", "mrs", "eva", "ens", "sofa", "qsofa", "hb", "hemoglobine", "hgb", "k", "k+",
    "kaliemie", "na", "na+", "natremie", "calcemie", "spo2", "sp02", "sao2", "sat", "saturation", "sat o2",
    "t°", "temp", "temperature", "ta", "pa", "pas", "pad", "pam", "fc", "fr", "pouls", "lactates",
    "lactate", "lactatemie", "inr", "tp", "glycemie", "glyc", "dextro", "hgt", "ph", "pco2", "paco2",
    "po2", "pao2", "troponine", "tropo", "tnt", "tni", "bnp", "nt-probnp", "ntprobnp", "crp", "pct",
    "creat", "creatinine", "creatininemie", "uree", "plaquettes", "plq", "leucocytes", "gb", "bilirubine",
    "alcoolemie", "imc", "poids", "dfg", "cks", "cpk", "ddimeres", "d-dimeres", "hba1c",
)
# Who or what a patient is under (folded): anticoagulants, antiplatelets, amines, oxygen...
TRAITEMENTS = (
    "aod", "avk", "naco", "anticoagulant", "anticoagulants", "anticoagulation", "anticoag", "antiagregant",
    "antiagregants", "antiaggregant", "antiaggregants", "aspirine", "kardegic", "clopidogrel", "plavix",
    "ticagrelor", "brilique", "heparine", "hnf", "hbpm", "lovenox", "xarelto", "eliquis", "pradaxa",
    "rivaroxaban", "apixaban", "dabigatran", "previscan", "coumadine", "nad", "noradrenaline", "noradre",
    "nora", "adrenaline", "amines", "vasopresseurs", "catecholamines", "dobutamine", "dobu", "o2", "oxygene", "insuline", "corticoides", "corticoide",
    "cortico", "morphine", "morphiniques", "opioides", "immunosuppresseurs", "methotrexate",
    "vm", "ventilation", "ventilation mecanique", "vni", "oht", "lunettes", "masque",
)
_SEP = r"[\s,;:]+"
_TRAITEMENT = "|".join(re.escape(t) for t in sorted(TRAITEMENTS, key=len, reverse=True))
_MESURE = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(MESURES, key=len, reverse=True))
_JOUR = r"j(?:\s?[+-]\s?)?\d{1,2}"
_DEBUT = r"(?:\s+(?:du|de)\s+debut(?:\s+des\s+(?:symptomes|signes|troubles|douleurs))?)?"
_HEURE = r"h(?:\s?\+\s?)?\d{1,2}"

GENRES: dict[str, re.Pattern[str]] = {
    "valeur": re.compile(
        rf"(?<![\w+°])(?:{_MESURE})(?:\s?[:=]|\s(?:a|de))?\s?{_VALEUR}{_UNITE}(?![\w])"
        # a value with its unit alone: "88 %", "32 SA", "13 SG", "6 g/dl"
        rf"|(?<![\w/,.])\d+(?:[.,]\d+)?\s?(?:%|g\s?/\s?dl|mmol\s?/\s?l|mmhg|°(?:\s?c)?|s[ag](?!\w)|l\s?/\s?min)(?![a-z0-9])"),
    "temps": re.compile(
        # "H2", "H+4", "J3", "à H6", "< 4h30", "depuis 3 h", "il y a 20 min", "début 5h15"; never "H24"
        # (open day and night) nor "7j/7"
        rf"(?<![\w+])(?:a\s+|[<>≤≥]\s?)?(?!h\s?24(?!\w))(?:{_HEURE}|{_JOUR}){_DEBUT}(?![\w/])"
        r"|(?<!\w)(?:(?:depuis|il y a|debut(?: a)?|des|a|<|>|≤|≥)\s?)?"
        r"\d{1,2}\s?(?:h|heures?|min|minutes?|mn)\s?(?:\d{2}(?!\d))?(?!\w)(?<!\b24h)(?<!\b24 h)"
        r"|(?<!\w)(?:depuis|il y a)\s+(?:\d{1,2}|un|une|deux|trois|quatre|cinq|quelques|plusieurs)\s+"
        r"(?:j|jours?|nuits?)(?!\w)"
        # "depuis ce matin", "depuis la veille"
        r"|(?<!\w)depuis\s+(?:ce\s+matin|cette\s+nuit|ce\s+soir|hier(?:\s+soir)?|avant[\s-]hier|la\s+veille)(?!\w)"),
    "traitement": re.compile(
        rf"(?<!\w)sous\s+(?:{_TRAITEMENT})(?:\s+\d+(?:[.,]\d+)?\s?(?:l\s?/\s?min|l|mg|ui|gamma))?"
        # the route it is given by ("sous héparine IVSE")
        r"(?:\s+(?:ivse|pse|ivd|iv|sc|po|a\s+la\s+seringue))?(?!\w)"
        # an oxygen flow ("sous 6 L", "sous 3 l/min")
        r"|(?<!\w)sous\s+\d+(?:[.,]\d+)?\s?l(?:\s?/\s?min)?(?:\s+d'?\s?o2)?(?!\w)"
        rf"|(?<!\w)(?:{_JOUR}\s+)?post[\s-]?op(?:eratoire)?(?:\s+(?:{_JOUR}))?(?!\w)"
        r"|(?<!\w)intubee?s?(?:\s*(?:et|,|/)?\s*(?:ventilee?s?|sedatee?s?))*(?!\w)"
        r"|(?<!\w)iot(?:\s*(?:/|\+|et)?\s*vm)?(?!\w)|(?<!\w)(?:sedate|sedatee)(?!\w)"),
    "transport": re.compile(
        r"(?<!\w)(?:a\s+transferer|a\s+muter|a\s+hospitaliser"
        r"|(?:demande\s+(?:de|d')\s*)?(?:transfert|mutation)(?:\s+secondaire)?(?!\s+(?:in|en|vers)\b)(?!\s+\w)"
        r"|(?:demande|recherche|attente)\s+(?:de|d')\s*(?:place|lit|transfert|mutation|avis|hospitalisation|prise\s+en\s+charge)"
        r"|en\s+attente\s+(?:de|d')\s*(?:place|lit|transfert|mutation)"
        r"|demande\s+d'\s?avis|pour\s+(?:un\s+)?avis(?:\s+specialise)?|pour\s+(?:prise\s+en\s+charge|pec|hospitalisation|hospit)"
        r")(?!\w)"),
}


# What a text must hold for a kind to be looked for at all: most queries hold none, and the
# patterns are slow to run over a sentence.
_INDICES: dict[str, re.Pattern[str]] = {
    "valeur": re.compile(r"\d|\+|(?<!\w)(?:i{1,3}|iv|v)(?!\w)|positi|negati"),
    "temps": re.compile(r"\d|depuis|il y a"),
    "traitement": re.compile(r"sous|post|intub|iot|seda"),
    "transport": re.compile(r"transf|mut|avis|demande|recherche|attente|pour|hospitalis"),
}


# A treatment word typed with one letter wrong, missing or extra ("sous anticoagulan", "sous
# anticoagulent") is the treatment: only words this long, where one letter leaves no other word.
TRAITEMENT_FAUTE_MIN = 7
_SOUS_MOT = re.compile(r"(?<!\w)sous\s+([a-z]+)(?!\w)")


def _une_lettre(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one letter replaced, missing or extra."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _traitement_mal_tape(mot: str) -> bool:
    """Whether a folded word after "sous" is a long treatment word typed with one letter wrong."""
    return len(mot) >= TRAITEMENT_FAUTE_MIN and any(
        len(t) >= TRAITEMENT_FAUTE_MIN and _une_lettre(mot, t) for t in TRAITEMENTS if " " not in t)


def _pli(text: str) -> str:
    return text.lower().translate(_PLI)


def ecarter(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with its clinical context blanked out (same length), and the spans found with
    their kind, in the order of `GENRES`."""
    plie = _pli(text)
    trouves: list[tuple[str, str]] = []
    out = text
    for genre, pattern in GENRES.items():
        if not _INDICES[genre].search(plie):
            continue
        for m in pattern.finditer(plie):
            if not m.group().strip() or not out[m.start():m.end()].strip():
                continue
            trouves.append((genre, text[m.start():m.end()].strip()))
            out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
            plie = plie[:m.start()] + " " * (m.end() - m.start()) + plie[m.end():]
    if "sous" in plie:
        for m in _SOUS_MOT.finditer(plie):
            if _traitement_mal_tape(m.group(1)):
                trouves.append(("traitement", text[m.start():m.end()].strip()))
                out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out, trouves


def mesures_inconnues(text: str, mots: list[str]) -> list[str]:
    """The words of `mots` (words nothing reads) written as a measure with its value ("CHA2DS2VASc
    4", "Blatchford 12", "Child C" is not: a letter is no value): a score the lists do not hold,
    beside a need, is context too, never a name to look for. The spans, as typed."""
    plie = _pli(text)
    out = []
    for w in mots:
        p = _pli(w)
        if len(p) < 2 or not any(c.isalpha() for c in p):
            continue
        m = re.search(rf"(?<![\w+°]){re.escape(p)}(?:\s?[:=]|\s(?:a|de))?\s?{_VALEUR}{_UNITE}(?![\w])", plie)
        if m is not None and any(c.isdigit() for c in m.group()[len(p):]):
            out.append(text[m.start():m.end()])
    return out
