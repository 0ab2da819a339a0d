"""Wire models of the HTTP API (pydantic v2): the one definition of every JSON answer and body.

One module per resource. Routes build these models from the library's objects and encode them as
they are (`routes.json_response`); FastAPI generates the OpenAPI document from them; tests validate
real answers and every JSON example of `docs/` against them. Domain dataclasses (`offre.py`,
`requete.py`) stay separate: these fix the public contract, those the engine's.
"""

from __future__ import annotations

from .applications import (
    ApplicationCreeeOut,
    ApplicationIn,
    ApplicationOut,
    ApplicationsOut,
    ParRegionOut,
)
from .base import Entree, Sortie
from .capacites import (
    CapaciteEnregistreeOut,
    CapaciteIn,
    CapaciteMajOut,
    CapacitesIn,
    HistoriqueLigneOut,
    HistoriqueOut,
    LotCapacitesBrutIn,
    LotCapacitesOut,
    MiseAJourIn,
    ResultatLotOut,
)
from .edition import (
    AideOut,
    AptitudesOut,
    ArbreOut,
    BrouillonGardeOut,
    BrouillonOut,
    BrouillonResumeOut,
    BrouillonsOut,
    ConflitOut,
    CritereOut,
    EcarteOut,
    EgArbreOut,
    EgEditeOut,
    ErreurAideOut,
    FicheOut,
    FichesOut,
    JournalOut,
    LigneJournalOut,
    LotOut,
    MoiOut,
    NoeudArbreOut,
    OublieOut,
    PropositionOut,
    PublicationOut,
    PublieOut,
    QualiteAideOut,
    RemarqueOut,
)
from .erreurs import ErreurDetail, ErreurOut, erreur
from .extractions import COLONNES, LigneExtractionOut
from .graphe import AlternativesOut, ConceptDeclareOut, UniteProcheOut
from .nomenclatures import (
    CodeTableOut,
    CommuneOut,
    CommunesOut,
    LibelleOut,
    LibellesOut,
    SuggestionOut,
    SuggestionsOut,
    TableOut,
    TableResumeOut,
    TablesOut,
)
from .peuplement import (
    CarteOut,
    DetailOut,
    EtablissementsOut,
    QualiteOut,
    SerieOut,
    TableauOut,
)
from .recherche import (
    LIST_CRITERIA,
    RESULT_FIELDS,
    EtapesOut,
    ExplicationOut,
    RechercheIn,
    RechercheQuery,
    RelachementOut,
    ReponseOut,
    ResultatOut,
)
from .sante import HealthOut
from .unites import (
    DISPONIBILITE_HORS_ETAG,
    ETABLISSEMENT_HORS_ETAG,
    UNITE_HORS_ETAG,
    AdresseOut,
    CapaciteOut,
    ChiffreOut,
    CodeOut,
    ContactOut,
    CoordonneesOut,
    DisponibiliteOut,
    EquipementOut,
    EtablissementOut,
    FermetureOut,
    HierarchieOut,
    HorairesOut,
    NoeudOut,
    PlageOut,
    ProfessionnelOut,
    TelecomOut,
    UniteOut,
    UniteResumeOut,
)

__all__ = [
    "COLONNES", "LIST_CRITERIA", "RESULT_FIELDS", "UNITE_HORS_ETAG", "LigneExtractionOut",
    "AlternativesOut", "LotCapacitesBrutIn", "ChiffreOut", "DisponibiliteOut",
    "DISPONIBILITE_HORS_ETAG", "ETABLISSEMENT_HORS_ETAG", "ConceptDeclareOut", "UniteProcheOut", "LibelleOut", "LibellesOut",
    "AdresseOut", "ApplicationCreeeOut", "ApplicationIn", "ApplicationOut", "ApplicationsOut",
    "CapaciteEnregistreeOut", "CapaciteIn", "CapaciteMajOut", "CapaciteOut", "CapacitesIn",
    "CarteOut", "CodeOut", "CodeTableOut", "CommuneOut", "CommunesOut", "ContactOut",
    "CoordonneesOut", "DetailOut", "Entree", "EquipementOut", "ErreurDetail", "ErreurOut",
    "EtablissementOut", "EtablissementsOut", "EtapesOut", "ExplicationOut", "FermetureOut",
    "HealthOut", "HierarchieOut", "HistoriqueLigneOut", "HistoriqueOut", "HorairesOut",
    "LotCapacitesOut", "MiseAJourIn", "NoeudOut", "ParRegionOut", "PlageOut",
    "ProfessionnelOut", "QualiteOut", "RechercheIn", "RechercheQuery", "RelachementOut",
    "ReponseOut", "ResultatLotOut", "ResultatOut", "SerieOut", "Sortie", "SuggestionOut",
    "SuggestionsOut", "TableOut", "TableResumeOut", "TableauOut", "TablesOut", "TelecomOut",
    "UniteOut", "UniteResumeOut", "erreur",
    "AideOut",
    "AptitudesOut",
    "ArbreOut",
    "BrouillonGardeOut",
    "BrouillonOut",
    "BrouillonResumeOut",
    "BrouillonsOut",
    "ConflitOut",
    "CritereOut",
    "EcarteOut",
    "EgArbreOut",
    "EgEditeOut",
    "ErreurAideOut",
    "FicheOut",
    "FichesOut",
    "JournalOut",
    "LigneJournalOut",
    "LotOut",
    "MoiOut",
    "NoeudArbreOut",
    "OublieOut",
    "PropositionOut",
    "PublicationOut",
    "PublieOut",
    "QualiteAideOut",
    "RemarqueOut",
]
