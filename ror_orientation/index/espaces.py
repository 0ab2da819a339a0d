"""The ROR tables a concept of the search belongs to, and how they rank: shared by the reading of
what was typed (concepts.py) and the suggestions (suggestion.py)."""

from __future__ import annotations

from dataclasses import dataclass

# Concept namespace ("R211:014") → nomenclature table, in the order ranking prefers: what units
# are searched by most (activities, aptitudes) before the rarer, coarser tables.
CONCEPT_TABLES: dict[str, str] = {
    "R211": "TRE_R211",  # activités opérationnelles
    "R210": "TRE_R210",  # actes spécifiques (aptitudes)
    "R243": "TRE_R243",  # compétences spécifiques (aptitudes)
    "R245": "TRE_R245",  # spécialisations de prise en charge (autisme, Alzheimer...)
    "R244": "TRE_R244",  # types d'offre (catégories d'organisation)
    "R212": "TRE_R212",  # équipements
    "R213": "TRE_R213",  # modes de prise en charge
    "R239": "TRE_R239",  # publics pris en charge
    "R227": "TRE_R227",  # champs d'activité
    "R240": "TRE_R240",  # temporalités d'accueil (temporaire, permanent)
    "J55": "JDV_J55",  # catégories d'établissement (FINESS) of a unit's EG: coarser than its type
}
TABLE_RANK: dict[str, int] = {"R211": 0, "R210": 0, "R243": 1, "R245": 1, "R244": 2, "R212": 3,
                              "R213": 4, "R239": 5, "R227": 6, "R240": 6, "J55": 7}
# Namespaces coarser than a unit's own codes (an EG's category covers every unit of the site):
# read only when the words name the label (not from one word of it: "enfant" is no "Village
# d'enfants"), and suggested after the others whatever the match ("EHPAD": the types first).
GROSSIERS = frozenset({"J55"})
# What each namespace is, in words, for explanations and suggestions.
TABLE_KIND: dict[str, str] = {"R211": "activité", "R210": "acte", "R243": "compétence",
                              "R245": "spécialisation", "R244": "type d'offre", "R212": "équipement",
                              "R213": "mode de prise en charge", "R239": "public", "R227": "champ",
                              "R240": "temporalité d'accueil", "J55": "catégorie d'établissement"}


@dataclass(frozen=True, slots=True)
class Concept:
    id: str  # "R211:014"
    table: str  # "TRE_R211"
    code: str
    libelle: str
    libelle_court: str | None
    actif: bool

    @property
    def espace(self) -> str:
        return self.id.split(":", 1)[0]


def espace_de(table: str) -> str:
    """The namespace a table id names ("TRE_R212" → "R212", "JDV_J55" → "J55"; "R211" as is)."""
    return table.split("_", 1)[1] if table.startswith(("TRE_", "JDV_")) else table
