"""What the CLI and the API publish: the table of a quarter (or of now) beside the previous quarter,
with connected applications per region; the legend of a map; taking a snapshot.

One call per output, so both adapters are thin and cannot disagree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ..store import Store
from ..territoire import REGIONS
from . import snapshots
from .legende import legende
from .statut import Calcul, Parametres, calculer
from .tableau import INDICATEURS, Tableau, champ_valide, tableau_de, to_dict
from .trimestre import Trimestre


def applications_par_region(store: Store) -> dict[str, int]:
    """Active connected applications per region, from the API's registry (zero where none, and
    zero everywhere while the registry is not installed)."""
    try:
        from .. import applications
    except ImportError:
        return {}
    count = getattr(applications, "count_per_region", None)
    if count is None:
        return {}
    return {r: n for r, n in count(store).items() if r in REGIONS}


def _region_of_departement(dep: str) -> str | None:
    from ..territoire import default_territoire

    return default_territoire().region_of_departement(dep)


def tableau_courant(store: Store, parametres: Parametres | None = None) -> tuple[Tableau, Calcul]:
    """The table computed now from the store."""
    calcul = calculer(store, parametres)
    return tableau_de(calcul.statuts, _region_of_departement), calcul


def publier(store: Store, *, trimestre: str | None = None, precedent: bool = False,
            champ: str | None = None, parametres: Parametres | None = None,
            aujourd_hui: date | None = None) -> dict[str, Any]:
    """The table as a dict: a snapshotted quarter (404 if none), or computed now; with `precedent`,
    the previous quarter's snapshot beside it ("Donnée non disponible" where none was taken)."""
    champs = champ_valide(champ)
    p = parametres or Parametres()
    if trimestre is not None:
        t = Trimestre.parse(trimestre)
        tableau = snapshots.exiger(store, t)
        pris = snapshots.pris_le(store, t)
        entete: dict[str, Any] = {"trimestre": str(t), "libelle": t.libelle, "source": "snapshot",
                                  "pris_le": pris.isoformat() if pris else None}
    else:
        t = Trimestre.de_date(aujourd_hui or p.jour())
        tableau, _calcul = tableau_courant(store, p)
        entete = {"trimestre": None, "libelle": f"{t.libelle} (calcul courant)", "source": "calcul",
                  "calcule_le": datetime.now(UTC).isoformat(timespec="seconds"),
                  "parametres": {"date_min_autorisation": p.date_min.isoformat(),
                                 "quirk_mixte": p.quirk_mixte,
                                 "date_ouverture_requise": p.date_ouverture_requise}}
    prev_tableau = None
    if precedent:
        pt = t.precedent()
        prev_tableau = snapshots.charger(store, pt)
        entete["precedent"] = {"trimestre": str(pt), "libelle": pt.libelle,
                               "disponible": prev_tableau is not None}
    else:
        entete["precedent"] = None
    return to_dict(tableau, champs=champs, entete=entete, precedent=prev_tableau,
                   avec_precedent=precedent, applications=applications_par_region(store))


def prendre_snapshot(store: Store, trimestre: str | None = None,
                     parametres: Parametres | None = None) -> Trimestre:
    """Compute now and store as the given quarter (default: the current one), replacing it."""
    p = parametres or Parametres()
    t = Trimestre.parse(trimestre) if trimestre else Trimestre.de_date(p.jour())
    tableau, _ = tableau_courant(store, p)
    snapshots.enregistrer(store, t, tableau)
    return t


def carte(store: Store, *, champ: str, indicateur: str = "peuples", trimestre: str | None = None,
          parametres: Parametres | None = None) -> dict[str, Any]:
    """Legend class per region for one champ and indicator, from a snapshot or computed now."""
    from ..errors import ValidationError

    (c,) = champ_valide(champ)
    if indicateur not in INDICATEURS:
        raise ValidationError(f"indicateur: unknown indicator {indicateur!r}, expected one of "
                              f"{', '.join(INDICATEURS)}", field="indicateur")
    if trimestre is not None:
        tableau = snapshots.exiger(store, Trimestre.parse(trimestre))
    else:
        tableau, _ = tableau_courant(store, parametres)
    return {"trimestre": trimestre, **legende(tableau, c, indicateur)}
