"""Population tracking ("suivi du peuplement"): the national programme's quarterly indicators,
computed from the offer itself (see ../shared/specs/peuplement.md).

perimetre (target rows) → criteres (unit criteria 1–7) → statut (EG status per row, one pass over the
store) → tableau (region × champ table) → snapshots (quarters kept) → publication (what CLI and API
print); legende (map classes), trimestre (quarters), qualite (section 6 checks).
"""

from .criteres import CRITERES, StatutPeuplement
from .perimetre import CHAMP_UO, CHAMPS, CHAMPS_TABLEAU, LigneCible, lignes_cible
from .statut import Parametres, calculer, detail_eg
from .trimestre import Trimestre, fin_de_trimestre

__all__ = ["CHAMPS", "CHAMPS_TABLEAU", "CHAMP_UO", "CRITERES", "LigneCible", "Parametres",
           "StatutPeuplement", "Trimestre", "calculer", "detail_eg", "fin_de_trimestre",
           "lignes_cible"]
