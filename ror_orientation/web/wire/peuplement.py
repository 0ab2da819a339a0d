"""Population tracking (suivi du peuplement): the quarter's table, a region's series, the quality
checks, an EG's detail, the map legend and the list of target rows.

The library computes these as plain data (`peuplement/`); the routes validate it into these models,
so a renamed field in the library fails loudly instead of changing the public answer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Sortie


class CelluleOut(Sortie):
    disponible: bool
    cible: int | None
    finalise: int | None
    en_cours: int | None
    a_faire: int | None
    pct_peuples: str = Field(description='"81,99%" or "Donnée non disponible"')
    pct_qualite: str
    pct_peuples_valeur: float | None
    pct_qualite_valeur: float | None
    precedent: CelluleOut | None = None
    evolution_peuples: float | None = Field(None, description=(
        "With precedent=true: change of pct_peuples since the previous quarter, in percentage "
        "points rounded to one decimal; null when either quarter has no data."))
    evolution_qualite: float | None = Field(None, description="The same for pct_qualite.")


class LigneOut(Sortie):
    region: str = Field(description='INSEE region code, or "TOTAL"')
    libelle: str
    applications: int = Field(description="connected applications of the region")
    champs: dict[str, CelluleOut]


class ParametresOut(Sortie):
    """The options a table computed now was computed with."""

    date_min_autorisation: str
    quirk_mixte: bool
    date_ouverture: Literal["auto", "requise", "facultative"]


class PrecedentOut(Sortie):
    trimestre: str
    libelle: str
    disponible: bool


class TableauOut(Sortie):
    trimestre: str | None
    libelle: str
    source: Literal["snapshot", "calcul"]
    pris_le: str | None = None
    calcule_le: str | None = None
    parametres: ParametresOut | None = Field(None, description="Only for a table computed now.")
    precedent: PrecedentOut | None
    champs: list[str]
    indicateurs: dict[str, str]
    hors_regions: int
    lignes: list[LigneOut]


class ComptePointOut(Sortie):
    """A region × champ cell of a snapshotted quarter."""

    cible: int
    finalise: int
    en_cours: int
    a_faire: int
    pct_peuples: str = Field(description='"81,99%" or "Donnée non disponible"')
    pct_qualite: str
    pct_peuples_valeur: float | None
    pct_qualite_valeur: float | None


class PointOut(Sortie):
    trimestre: str
    libelle: str
    champs: dict[str, ComptePointOut]


class SerieOut(Sortie):
    region: str
    libelle: str
    champs: list[str]
    serie: list[PointOut]


class ItemOut(Sortie):
    exigence: str
    resultat: Literal["conforme", "ecart", "non_applicable"]
    eg_id: str
    uo_id: str | None
    champ: str | None
    region: str | None
    departement: str | None
    motif: str


class CompteQualiteOut(Sortie):
    conforme: int
    ecart: int
    non_applicable: int


class ExigenceOut(CompteQualiteOut):
    exigence: str
    libelle: str
    ecarts: list[ItemOut]
    ecarts_tronques: bool
    par_region: dict[str, CompteQualiteOut]
    par_departement: dict[str, CompteQualiteOut]


class QualiteOut(Sortie):
    exigences: list[ExigenceOut]


class CritereEchecOut(Sortie):
    critere: int = Field(description="The unit criterion number (1-7).")
    libelle: str


class EvaluationUoOut(Sortie):
    uo_id: str
    nom: str
    champ: str | None
    statut: Literal["finalise", "en_cours", "a_faire"]
    statut_libelle: str
    criteres_en_echec: list[CritereEchecOut]


class ComptesUoOut(Sortie):
    finalise: int
    en_cours: int
    a_faire: int


class LigneDetailOut(Sortie):
    """One target row (EG × champ) of the EG: its status, why, and each counted unit."""

    champ: str
    statut: Literal["finalise", "en_cours", "a_faire"]
    statut_libelle: str
    uo: ComptesUoOut
    pourquoi: str
    unites: list[EvaluationUoOut]


class UoNonCompteeOut(Sortie):
    uo_id: str
    nom: str
    motif: str = Field(description="Why it does not count (draft, definitive closure).")


class DetailOut(Sortie):
    eg_id: str
    nom: str
    categorie: str
    region: str | None
    departement: str | None
    dans_le_perimetre: bool
    hors_perimetre: str | None = Field(description="why the EG has no target row")
    lignes: list[LigneDetailOut]
    uo_non_comptees: list[UoNonCompteeOut]


# The map classes of spec §5, as the answer names them (the pages map them to colours).
ClasseCarte = Literal[
    "Donnée non disponible",
    "Aucun EG peuplé ou en cours de peuplement",
    "Faible",
    "Moyen",
    "Avancé",
    "Très avancé",
]


class ClasseOut(Sortie):
    libelle: str = Field(description="The region's name.")
    numerateur: int | None
    denominateur: int | None
    pct: int | None = Field(description="100 × num / den rounded half up; null without data.")
    classe: ClasseCarte


class CarteOut(Sortie):
    trimestre: str | None
    champ: str
    indicateur: Literal["peuples", "qualite"]
    classes: list[ClasseCarte] = Field(description="Every class, in the legend's order.")
    regions: dict[str, ClasseOut] = Field(description="INSEE region code → its class.")


class LigneEgOut(Sortie):
    eg_id: str
    nom: str
    champ: str
    region: str | None
    departement: str | None
    statut: Literal["finalise", "en_cours", "a_faire"]
    n_finalise: int
    n_en_cours: int
    n_a_faire: int


class EtablissementsOut(Sortie):
    trimestre: str | None
    total: int
    tronque: bool
    etablissements: list[LigneEgOut]


