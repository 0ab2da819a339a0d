"""Establishment status per target row (spec §3) and the one pass over the store that computes them.

The pass reads the store's typed projections of EGs and units (only the fields the rules read), so
the national scale (~30,000 EG, ~300,000 units) computes in seconds. The national quirk — units mixing finalisé and à faire with
none en cours make the EG à faire — is reproduced by default (`quirk_mixte=True`, to match the
published figures); `quirk_mixte=False` gives the corrected reading, en cours.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..errors import NotFoundError
from ..nomenclatures import Nomenclatures
from ..offre import Adresse, Statut
from ..store import Store
from .criteres import (
    EvaluationUO,
    Referentiels,
    StatutPeuplement,
    criteres_uo,
    evaluer_uo,
    statut_de,
    uo_compte,
)
from .perimetre import (
    DATE_MIN_AUTORISATION,
    LigneCible,
    champ_uo_de,
    lignes_cible,
    motif_hors_perimetre,
)


@dataclass(frozen=True, slots=True)
class Parametres:
    """What a computation depends on besides the data."""

    date_min: date = DATE_MIN_AUTORISATION  # authorisations ending before it are ignored
    reference: date | None = None  # the day closures and caducités are judged at (None: today)
    quirk_mixte: bool = True  # reproduce the national mixed finalisé/à faire quirk
    # an EG needs an opening date (national rule): True always, False never, None (auto) unless its
    # record comes from a source that carries none (Eurostat, SAE, FHIR) — see perimetre.py
    date_ouverture_requise: bool | None = None

    def jour(self) -> date:
        return self.reference or date.today()


@dataclass(frozen=True, slots=True)
class StatutEG:
    """One target row with its status and the counts of its units by status."""

    ligne: LigneCible
    statut: StatutPeuplement
    n_finalise: int = 0
    n_en_cours: int = 0
    n_a_faire: int = 0

    @property
    def n_uo(self) -> int:
        return self.n_finalise + self.n_en_cours + self.n_a_faire


def statut_eg(n_finalise: int, n_en_cours: int, n_a_faire: int, *,
              quirk_mixte: bool = True) -> StatutPeuplement:
    """The row's status from its units' statuses (spec §3)."""
    if n_finalise + n_en_cours + n_a_faire == 0:
        return StatutPeuplement.A_FAIRE
    if n_en_cours == 0 and n_a_faire == 0:
        return StatutPeuplement.FINALISE
    if n_en_cours > 0:
        return StatutPeuplement.EN_COURS
    if n_finalise > 0 and not quirk_mixte:
        return StatutPeuplement.EN_COURS  # corrected reading of a finalisé + à faire mix
    return StatutPeuplement.A_FAIRE  # national quirk (or nothing but à faire)


def statuts_lignes(lignes: Iterable[LigneCible], evaluations: Iterable[EvaluationUO], *,
                   quirk_mixte: bool = True) -> list[StatutEG]:
    """Status of each target row given the evaluations of the counted units (in-memory form)."""
    per_eg: dict[str, Counter[tuple[str | None, StatutPeuplement]]] = defaultdict(Counter)
    for ev in evaluations:
        per_eg[ev.eg_id][(ev.champ, ev.statut)] += 1
    return [_statut_ligne(ligne, per_eg.get(ligne.eg_id), quirk_mixte) for ligne in lignes]


def _statut_ligne(ligne: LigneCible, counts: Counter[tuple[str | None, StatutPeuplement]] | None,
                  quirk_mixte: bool) -> StatutEG:
    n = {s: 0 for s in StatutPeuplement}
    want = champ_uo_de(ligne.champ)
    for (champ, s), k in (counts or {}).items():
        if want is None or champ == want:
            n[s] += k
    f, e, a = n[StatutPeuplement.FINALISE], n[StatutPeuplement.EN_COURS], n[StatutPeuplement.A_FAIRE]
    return StatutEG(ligne, statut_eg(f, e, a, quirk_mixte=quirk_mixte), f, e, a)


@dataclass(slots=True)
class Calcul:
    """Everything one pass produces: target rows with statuses, and what was read."""

    statuts: list[StatutEG]
    n_eg: int
    n_uo: int
    parametres: Parametres = field(default_factory=Parametres)
    _par_region: dict[str | None, list[StatutEG]] | None = field(default=None, repr=False)

    def lignes_region(self, region: str | None) -> list[StatutEG]:
        """The rows of one region (by the row's own region), ordered by champ then EG: built once
        per cached pass, so a dashboard's click on a region reads one list instead of every row."""
        if self._par_region is None:
            index: dict[str | None, list[StatutEG]] = defaultdict(list)
            for s in self.statuts:
                index[s.ligne.region].append(s)
            for rows in index.values():
                rows.sort(key=lambda s: (s.ligne.champ, s.ligne.eg_id))
            self._par_region = dict(index)
        return self._par_region.get(region, [])


# (store, its description's version and name, its reference tables (id: the entry keeps the
# object), parameters) → (the tables, the pass)
_CACHE: dict[tuple[str, int, str, int, Parametres], tuple[Nomenclatures, Calcul]] = {}
_CACHE_SIZE = 4


def calculer_en_cache(store: Store, parametres: Parametres | None = None) -> Calcul:
    """`calculer`, reused while the store's description is unchanged (its structure version and
    the name of its last write: a store regenerated in place of another has the same count), its
    reference tables are the same and the day is the same: the dashboard asks for the table
    several times per page, and one pass costs seconds at national scale. Capacity updates do not
    change a population status."""
    p = parametres or Parametres()
    key = (store.url, store.structure_version(), store.structure_id(), id(store.nomenclatures),
           replace(p, reference=p.jour()))
    hit = _CACHE.get(key)
    if hit is None:
        hit = (store.nomenclatures, calculer(store, p))
        while len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    return hit[1]


def calculer(store: Store, parametres: Parametres | None = None) -> Calcul:
    """Target rows and their statuses over the whole store, in one read of each table."""
    p = parametres or Parametres()
    refs = Referentiels.from_nomenclatures(store.nomenclatures)
    day = p.jour()
    lignes: list[LigneCible] = []
    eg_info: dict[str, tuple[str, Adresse]] = {}  # eg_id → (categorie, adresse) for target EGs
    n_eg = n_uo = 0
    for e in store.offre.eg_projections():
        n_eg += 1
        rows = lignes_cible(e, date_min=p.date_min, reference=day,
                            categories_ror=refs.categories_eg,
                            date_ouverture_requise=p.date_ouverture_requise)
        if rows:
            lignes.extend(rows)
            eg_info[e.id] = (e.categorie or "", e.adresse)
    per_eg: dict[str, Counter[tuple[str | None, StatutPeuplement]]] = defaultdict(Counter)
    for u in store.offre.uo_projections():
        n_uo += 1
        info = eg_info.get(u.eg_id)
        if info is None or u.statut == Statut.BROUILLON or not uo_compte(u, day):
            continue
        res = criteres_uo(u, refs, categorie_eg=info[0], adresse_eg=info[1])
        per_eg[u.eg_id][(u.champ, statut_de(res))] += 1
    statuts = [_statut_ligne(ligne, per_eg.get(ligne.eg_id), p.quirk_mixte) for ligne in lignes]
    return Calcul(statuts, n_eg, n_uo, p)


@dataclass(slots=True)
class DetailEG:
    """Why an EG has the status it has: its target rows, and each unit with the criteria it fails."""

    eg_id: str
    nom: str
    categorie: str
    region: str | None
    departement: str | None
    lignes: list[tuple[StatutEG, list[EvaluationUO]]]
    non_comptees: list[dict[str, str]]
    hors_perimetre: str | None = None  # why the EG has no target row

    def to_dict(self) -> dict[str, Any]:
        return {
            "eg_id": self.eg_id, "nom": self.nom, "categorie": self.categorie,
            "region": self.region, "departement": self.departement,
            "dans_le_perimetre": bool(self.lignes), "hors_perimetre": self.hors_perimetre,
            "lignes": [{
                "champ": s.ligne.champ, "statut": s.statut.value, "statut_libelle": s.statut.libelle,
                "uo": {"finalise": s.n_finalise, "en_cours": s.n_en_cours, "a_faire": s.n_a_faire},
                "pourquoi": _pourquoi(s),
                "unites": [ev.to_dict() for ev in evs],
            } for s, evs in self.lignes],
            "uo_non_comptees": self.non_comptees,
        }


def _pourquoi(s: StatutEG) -> str:
    if s.statut is StatutPeuplement.FINALISE:
        return "toutes les unités sont finalisées"
    if s.n_uo == 0:
        return "aucune unité comptée de ce champ"
    if s.statut is StatutPeuplement.EN_COURS:
        non = s.n_en_cours + s.n_a_faire
        return (f"{non} unité{'s' if non > 1 else ''} sur {s.n_uo} non "
                f"finalisée{'s' if non > 1 else ''}")
    if s.n_finalise:
        return ("des unités finalisées et d'autres à faire, aucune en cours : à faire selon la "
                "règle nationale")
    return "aucune unité ne remplit un critère"


def detail_eg(store: Store, eg_id: str, parametres: Parametres | None = None) -> DetailEG:
    """One EG's rows and units, each unit with the criteria it fails (the "why not finalisé?")."""
    p = parametres or Parametres()
    refs = Referentiels.from_nomenclatures(store.nomenclatures)
    day = p.jour()
    e = next(store.offre.eg_projections([eg_id]), None)
    if e is None:
        raise NotFoundError(f"eg {eg_id!r} not found", field="eg_id")
    units = list(store.offre.uo_projections(eg_id))
    lignes = lignes_cible(e, date_min=p.date_min, reference=day, categories_ror=refs.categories_eg,
                          date_ouverture_requise=p.date_ouverture_requise)
    evaluations: list[EvaluationUO] = []
    non_comptees: list[dict[str, str]] = []
    for u in units:
        if not uo_compte(u, day):
            motif = "brouillon" if u.statut == Statut.BROUILLON else "fermée définitivement"
            non_comptees.append({"uo_id": u.id, "nom": u.nom or "", "motif": motif})
            continue
        evaluations.append(evaluer_uo(u, refs, categorie_eg=e.categorie, adresse_eg=e.adresse))
    statuts = statuts_lignes(lignes, evaluations, quirk_mixte=p.quirk_mixte)
    out = []
    for s in statuts:
        want = champ_uo_de(s.ligne.champ)
        out.append((s, [ev for ev in evaluations if want is None or ev.champ == want]))
    hors = None if lignes else motif_hors_perimetre(
        e, date_min=p.date_min, reference=day, categories_ror=refs.categories_eg,
        date_ouverture_requise=p.date_ouverture_requise)
    return DetailEG(e.id, e.nom or "", e.categorie or "", e.region, e.departement, out,
                    non_comptees, hors)
