"""The naming charter of units: checked as the user types, each remark with what to write instead.

A name is read by regulators at 3 a.m. on a phone: not all in capitals, no abbreviation whose meaning
is not written next to it ("USINV" alone says nothing to a PTA coordinator), no stray spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations of the offer whose meaning we can propose (the name must still carry it).
GLOSSAIRE: dict[str, str] = {
    "USINV": "unité de soins intensifs neuro-vasculaires",
    "UNV": "unité neuro-vasculaire",
    "USIC": "unité de soins intensifs de cardiologie",
    "USC": "unité de surveillance continue",
    "UHCD": "unité d'hospitalisation de courte durée",
    "HDJ": "hôpital de jour",
    "HDS": "hôpital de semaine",
    "HAD": "hospitalisation à domicile",
    "SMR": "soins médicaux et de réadaptation",
    "SSR": "soins de suite et de réadaptation",
    "MCO": "médecine, chirurgie, obstétrique",
    "EHPAD": "établissement d'hébergement pour personnes âgées dépendantes",
    "PASA": "pôle d'activités et de soins adaptés",
    "UHR": "unité d'hébergement renforcée",
    "UCC": "unité cognitivo-comportementale",
    "SAU": "service d'accueil des urgences",
    "SSPI": "salle de surveillance post-interventionnelle",
    "UCA": "unité de chirurgie ambulatoire",
    "USLD": "unité de soins de longue durée",
    "CMP": "centre médico-psychologique",
    "CATTP": "centre d'accueil thérapeutique à temps partiel",
    "UMJ": "unité médico-judiciaire",
    "IVG": "interruption volontaire de grossesse",
    "SAMSAH": "service d'accompagnement médico-social pour adultes handicapés",
    "MAS": "maison d'accueil spécialisée",
    "FAM": "foyer d'accueil médicalisé",
    "EAM": "établissement d'accueil médicalisé",
    "IME": "institut médico-éducatif",
    "SSIAD": "service de soins infirmiers à domicile",
}
# Capitals that are words, not abbreviations (roman numerals, units).
_MOTS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "CHU", "CH"}
_SIGLE = re.compile(r"\b(?:[A-ZÀ-Ý]\.){2,}|\b[A-ZÀ-Ý]{2,7}\b")


@dataclass(frozen=True, slots=True)
class Remarque:
    champ: str
    code: str
    message: str
    proposition: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"champ": self.champ, "code": self.code, "message": self.message,
                "proposition": self.proposition}


def _capitaliser(nom: str) -> str:
    def mot(m: re.Match[str]) -> str:
        w = m.group(0)
        return w if w in GLOSSAIRE or w in _MOTS else w.lower()

    out = re.sub(r"[A-ZÀ-Ýa-zà-ÿ]+", mot, nom)
    return out[:1].upper() + out[1:]


def verifier_nom(nom: str | None, champ: str = "nom") -> list[Remarque]:
    """The charter's remarks on one name (empty when it reads well)."""
    if not nom or not nom.strip():
        return [Remarque(champ, "vide", "le nom est obligatoire")]
    out = []
    if nom != nom.strip() or "  " in nom:
        out.append(Remarque(champ, "espaces", "espaces en trop au début, à la fin ou doublés",
                            " ".join(nom.split())))
    lettres = [c for c in nom if c.isalpha()]
    if len(lettres) >= 4 and all(c.isupper() for c in lettres) and len(nom.split()) > 1:
        out.append(Remarque(champ, "majuscules", "le nom est tout en majuscules : écrivez-le en "
                            "minuscules, avec une majuscule initiale", _capitaliser(" ".join(
                                nom.split()))))
        return out
    if len(nom.strip()) < 3:
        out.append(Remarque(champ, "court", "le nom est trop court pour être compris"))
    entre_parentheses = " ".join(re.findall(r"\(([^)]*)\)", nom))
    hors = re.sub(r"\([^)]*\)", " ", nom)
    for m in _SIGLE.finditer(hors):
        sigle = m.group(0)
        cle = sigle.replace(".", "")
        if cle in _MOTS or len(entre_parentheses.split()) >= 2:
            continue
        sens = GLOSSAIRE.get(cle)
        if sens:
            out.append(Remarque(champ, "abreviation", f"« {sigle} » : écrivez aussi sa "
                                f"signification ({sens})", nom.replace(
                                    sigle, f"{sens[:1].upper()}{sens[1:]} ({cle})", 1)))
        else:
            out.append(Remarque(champ, "abreviation", f"« {sigle} » est une abréviation sans sa "
                                "signification : écrivez-la en toutes lettres, le sigle entre "
                                "parenthèses"))
    return out
