"""A search's page as the engine holds it: one list per figure of its lines (ids, records, scores,
distances, opening, and the explanation's texts and numbers), gathered from the arrays in one pass.

The `Resultat` and `Explication` objects of the contract are built from these lists the first time
a caller reads them (`Page.resultats`); a caller that encodes a page (the search routes) reads the
lists and builds none: per line, those objects and their conversion back into plain values cost
more than the page's numbers themselves.
"""

from __future__ import annotations

from datetime import datetime

from ..offre import EntiteGeographique, UniteOperationnelle
from ..requete import Explication, Resultat, make_explication, make_resultat


class Page:
    """The lines of one page, column by column (index j: the j-th result shown).

    `expliquee`: the explanation's columns are filled (`criteres` … `crises`); the explanation's
    distance, score and opening are the line's own (`distances`, `scores`, `ouverts`).
    `detail_noms` / `details`: the score components, one list of weighted values per component."""

    __slots__ = ("uo_ids", "unites", "egs", "scores", "distances", "ouverts", "expliquee",
                 "criteres", "trouvees", "manquantes", "lits_disponibles", "lits_maj",
                 "lits_age_min", "lits_perimes", "prochaines", "detail_noms", "details", "crises",
                 "_resultats")

    def __init__(self, uo_ids: list[str], unites: list[UniteOperationnelle],
                 egs: list[EntiteGeographique | None], scores: list[float],
                 distances: list[float | None], ouverts: list[bool | None]) -> None:
        self.uo_ids = uo_ids
        self.unites = unites
        self.egs = egs
        self.scores = scores
        self.distances = distances
        self.ouverts = ouverts
        self.expliquee = False
        self.criteres: list[tuple[str, ...]] = []
        self.trouvees: list[tuple[str, ...]] = []
        self.manquantes: list[tuple[str, ...]] = []
        self.lits_disponibles: list[int | None] = []
        self.lits_maj: list[datetime | None] = []
        self.lits_age_min: list[float | None] = []
        self.lits_perimes: list[bool] = []
        self.prochaines: list[datetime | None] = []
        self.detail_noms: tuple[str, ...] = ()
        self.details: list[list[float]] = []
        self.crises: list[str | None] = []
        self._resultats: tuple[Resultat, ...] | None = None

    def __len__(self) -> int:
        return len(self.uo_ids)

    def explication(self, j: int) -> Explication | None:
        """The explanation of line `j`, as the contract's object (None: not explained)."""
        if not self.expliquee:
            return None
        # positional, in the order of Explication's fields
        return make_explication(
            self.criteres[j], self.trouvees[j], self.manquantes[j], self.distances[j],
            self.lits_disponibles[j], self.lits_maj[j], self.lits_age_min[j],
            self.lits_perimes[j], self.ouverts[j], self.prochaines[j], self.scores[j],
            dict(zip(self.detail_noms, [col[j] for col in self.details], strict=True)),
            self.crises[j])

    def resultats(self) -> tuple[Resultat, ...]:
        """The page's results, built once, on first read."""
        if self._resultats is None:
            self._resultats = tuple([
                make_resultat(uo.id, uo.eg_id, uo.nom, eg.nom if eg else "", self.scores[j],
                              self.distances[j], self.explication(j), self.ouverts[j])
                for j, (uo, eg) in enumerate(zip(self.unites, self.egs, strict=True))])
        return self._resultats
