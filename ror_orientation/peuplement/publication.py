"""What the CLI and the API publish: the table of a quarter (or of now) beside the previous quarter,
with connected applications per region; the legend of a map; taking a snapshot.

One call per output, so both adapters are thin and cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from ..applications import count_per_region
from ..store import LigneSnapshotEG, Store
from ..territoire import REGIONS
from . import snapshots
from .legende import legende
from .statut import Calcul, Parametres, calculer_en_cache
from .tableau import INDICATEURS, Tableau, champ_valide, tableau_de, to_dict
from .trimestre import Trimestre

# How a missing opening date is read, by name (CLI --date-ouverture, API ?date_ouverture=).
MODES_OUVERTURE: dict[str, bool | None] = {"auto": None, "requise": True, "facultative": False}
MODES_OUVERTURE_INV = {v: k for k, v in MODES_OUVERTURE.items()}


def applications_par_region(store: Store) -> dict[str, int]:
    """Active connected applications per region, from the registry (zero where none)."""
    return {r: n for r, n in count_per_region(store).items() if r in REGIONS}


def _region_of_departement(dep: str) -> str | None:
    from ..territoire import default_territoire

    return default_territoire().region_of_departement(dep)


def tableau_courant(store: Store, parametres: Parametres | None = None) -> tuple[Tableau, Calcul]:
    """The table computed now from the store."""
    calcul = calculer_en_cache(store, parametres)
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
                                 "date_ouverture": MODES_OUVERTURE_INV[p.date_ouverture_requise]}}
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
    tableau, calcul = tableau_courant(store, p)
    snapshots.enregistrer(store, t, tableau, statuts=calcul.statuts)
    return t


def etablissements(store: Store, *, trimestre: str | None = None, region: str | None = None,
                   champ: str | None = None, statut: str | Iterable[str] | None = None,
                   limit: int = 1000, parametres: Parametres | None = None) -> dict[str, Any]:
    """The target rows of a quarter (or now) with their status and unit counts, filtered — the
    list an ARS works from ("which EGs of my region are still à faire in MCO?"). `statut` may
    name several statuses (en_cours and a_faire: the rows not finalisé)."""
    from ..errors import ValidationError
    from .criteres import StatutPeuplement

    champ_f = champ_valide(champ)[0] if champ is not None else None
    voulus = None if statut is None else {statut} if isinstance(statut, str) else set(statut)
    connus = {s.value for s in StatutPeuplement}
    for v in sorted(voulus or ()):
        if v not in connus:
            raise ValidationError(f"statut: unknown status {v!r}, expected one of "
                                  f"{', '.join(s.value for s in StatutPeuplement)}", field="statut")
    if region is not None and region not in REGIONS:
        raise ValidationError(f"region: unknown region code {region!r}", field="region")
    if trimestre is not None:
        t = Trimestre.parse(trimestre)
        snapshots.exiger(store, t)
        un_seul = next(iter(voulus)) if voulus is not None and len(voulus) == 1 else None
        rows = [_ligne(r) for r in
                snapshots.lignes_eg(store, t, region=region, champ=champ_f, statut=un_seul)
                if voulus is None or r.statut in voulus]
    else:
        calcul = calculer_en_cache(store, parametres)
        # a region's rows come from the pass's per-region index (no scan of every row per click)
        source = calcul.statuts if region is None else calcul.lignes_region(region)
        rows = [_ligne(LigneSnapshotEG(s.ligne.eg_id, s.ligne.champ, s.ligne.region,
                                       s.ligne.departement, s.statut.value, s.n_finalise,
                                       s.n_en_cours, s.n_a_faire))
                for s in source
                if (champ_f is None or s.ligne.champ == champ_f)
                and (voulus is None or s.statut.value in voulus)]
        if region is None:
            rows.sort(key=lambda r: (r["region"] or "", r["champ"], r["eg_id"]))
    page = rows[:limit]
    noms = store_noms_eg(store, [r["eg_id"] for r in page])
    for r in page:
        r["nom"] = noms.get(r["eg_id"], "")
    return {"trimestre": trimestre, "total": len(rows), "tronque": len(rows) > limit,
            "etablissements": page}


def _ligne(r: LigneSnapshotEG) -> dict[str, Any]:
    return {"eg_id": r.eg_id, "champ": r.champ, "region": r.region, "departement": r.departement,
            "statut": r.statut, "n_finalise": r.n_finalise, "n_en_cours": r.n_en_cours,
            "n_a_faire": r.n_a_faire}


def store_noms_eg(store: Store, ids: list[str]) -> dict[str, str]:
    """Names of EGs by id, read in batches."""
    return {e.id: e.nom or "" for e in store.offre.eg_projections(ids)}


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
