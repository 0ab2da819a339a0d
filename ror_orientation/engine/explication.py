"""The explanation of one result: criteria matched, distance, beds and their age, opening, crisis,
and the score breakdown — built for the page only, with labels from the nomenclatures.
"""

from __future__ import annotations

from typing import Any

from ..disponibilite import en_crise as crise_de
from ..graphe import construction as gc
from ..memo import remember
from ..nomenclatures import Nomenclatures
from ..offre import EntiteGeographique, UniteOperationnelle

MODE, TYPE_OFFRE, TYPE_OFFRE_JDV, CHAMP = "R213", "R244", "J238", "R227"
CATEGORIE_EG = "J55"  # the FINESS category of the unit's EG
TABLES = {"R210": "TRE_R210", "R211": "TRE_R211", "R243": "TRE_R243", "R212": "TRE_R212",
          "R239": "TRE_R239", "R245": "TRE_R245", "R213": "TRE_R213", "R244": "TRE_R244",
          "J238": "TRE_R244", "R227": "TRE_R227", "R336": "TRE_R336", "R240": "TRE_R240",
          "J55": "JDV_J55"}


# What each kind of concept is, in words ("Thrombolyse par voie veineuse (acte)").
KINDS = {"R210": "acte", "R211": "activité", "R243": "compétence", "R212": "équipement",
         "R239": "public", "R245": "spécialisation", "R213": "mode de prise en charge",
         "R244": "type d'offre", "J238": "type d'offre", "R227": "champ",
         "R240": "temporalité d'accueil", "J55": "catégorie d'établissement"}


class Libelles:
    """Concept id ("R210:0460") → its label, cached."""

    def __init__(self, nomenclatures: Nomenclatures) -> None:
        self.nomenclatures = nomenclatures
        self._cache: dict[str, str] = {}

    def __call__(self, concept: str) -> str:
        hit = self._cache.get(concept)
        if hit is None:
            kind, code = concept.split(":", 1) if ":" in concept else ("", concept)
            table = TABLES.get(kind)
            hit = concept
            if table is not None and table in self.nomenclatures.tables:
                hit = self.nomenclatures.label(table, code)
            self._cache[concept] = hit
        return hit


def unit_concepts(uo: UniteOperationnelle, eg: EntiteGeographique | None) -> set[str]:
    """Every concept id a unit holds, as the text and desired aptitudes name them: its own codes
    and its EG's category."""
    out = set(gc.uo_concepts(uo))
    if uo.mode_prise_en_charge:
        out.add(f"{MODE}:{uo.mode_prise_en_charge}")
    if uo.categorie_organisation:
        out.add(f"{TYPE_OFFRE}:{uo.categorie_organisation}")
        out.add(f"{TYPE_OFFRE_JDV}:{uo.categorie_organisation}")
    out.add(f"{CHAMP}:{uo.champ}")
    if eg is not None and eg.categorie:
        out.add(f"{CATEGORIE_EG}:{eg.categorie}")
    return out


CRITERES_KEPT = 1024  # shared criteria texts kept per engine (`Explications`'s `kept`)


def criteres_requete(plan: Any, libelle: Libelles, has_distance: bool,
                     kept: dict[Any, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The criteria every result of this query meets (computed once per query and fallback step).
    `kept`: the texts already made by the engine's queries, by what they say (sex, equipment,
    weight, radius, beds, the opening minute): queries a few seconds apart with the same
    constraints share them (the radius and date formatting cost µs on every page)."""
    key = (plan.contraintes, has_distance)
    known: tuple[str, ...] | None = plan.criteres.get(key)
    if known is not None:
        return known
    req, c = plan.req, plan.contraintes
    t = plan.instant
    said = (req.sexe, req.equipements, req.poids_min_kg, c.rayon_km if has_distance else None,
            c.lits_min, (t.year, t.month, t.day, t.hour, t.minute) if c.ouvert_requis else None)
    if kept is not None:
        known = kept.get(said)
        if known is not None:
            plan.criteres[key] = known
            return known
    crit: list[str] = []
    if req.sexe is not None:
        crit.append(f"sexe {req.sexe.value}")
    crit += [f"équipement {libelle('R212:' + e)}" for e in req.equipements]
    if req.poids_min_kg is not None:
        crit.append(f"poids ≥ {req.poids_min_kg:g} kg")
    if c.rayon_km is not None and has_distance:
        crit.append(f"à moins de {c.rayon_km:g} km")
    if c.lits_min:
        crit.append(f"au moins {c.lits_min} lit(s) disponible(s)")
    if c.ouvert_requis:  # "%d/%m/%Y à %H:%M", without strftime (µs per page)
        crit.append(f"ouvert le {t.day:02d}/{t.month:02d}/{t.year} à {t.hour:02d}:{t.minute:02d}")
    known = plan.criteres[key] = tuple(crit)
    if kept is not None:
        remember(kept, said, known, CRITERES_KEPT)
    return known


class Explications:
    """The explanations of one page of a query (`plan`: engine._Plan): what every result shares —
    the aptitudes asked, the criteria the query imposes (`criteres_requete`), which criteria
    the unit's own codes may add, the freshness threshold — worked out once, then each result's
    own texts (`textes`); 20 results cost 20 small tuples, not 20 readings of the query."""

    __slots__ = ("plan", "libelle", "communs", "tete", "partages", "have_needed", "stale_min",
                 "rien", "communs_seuls")

    def __init__(self, plan: Any, libelle: Libelles, distances: set[bool],
                 kept: dict[Any, tuple[str, ...]] | None = None) -> None:
        """`kept`: the engine's shared texts (`criteres_requete`), read before any is made."""
        req = plan.req
        self.plan = plan
        self.libelle = libelle
        # the criteria every result meets, with a distance and without one
        self.communs = {d: criteres_requete(plan, libelle, d, kept) for d in distances}
        tete = kept.get(("aptitudes", req.aptitudes)) if kept is not None else None
        if tete is None:
            tete = tuple(f"aptitude {libelle(apt)}" for apt in req.aptitudes)
            if kept is not None:
                kept[("aptitudes", req.aptitudes)] = tete
        self.tete = tete
        self.partages = {d: (*tete, *c) for d, c in self.communs.items()}
        self.have_needed = plan.texte is not None or bool(req.aptitudes_souhaitees)
        self.stale_min = plan.reg.stale_after.total_seconds() / 60.0
        # nothing of the unit's own codes can be said (no activity, text, champ, mode, type
        # d'offre nor age asked): each result's criteria are the shared ones
        self.rien = not (req.activites or plan.texte is not None or req.champs or req.modes
                         or req.categories_organisation or req.age is not None)
        # nor any desired aptitude: a result out of crisis says the shared criteria only
        self.communs_seuls = self.rien and not req.aptitudes_souhaitees

    def textes(self, uo: UniteOperationnelle, eg: EntiteGeographique | None, has_distance: bool,
               en_crise: bool, site: list[tuple[str, str]] | None = None, nomme: bool = False
               ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None]:
        """What one result's explanation says in words (`eg`: its site, whose category it holds):
        the criteria it meets, the desired aptitudes found and missing, its crisis; `nomme`: the
        unit's names hold the words of the text (`Comprehension.noms`), looked up for the page.
        When nothing of the unit's own is said, the criteria are the one tuple every result of
        the page shares."""
        req = self.plan.req
        if self.communs_seuls and not en_crise:
            return self.partages[has_distance], (), (), None
        # the unit's concepts, read once for the text's criteria and the desired aptitudes
        have = unit_concepts(uo, eg) if self.have_needed else set()
        crit = list(self.partages[has_distance]) if self.rien \
            else self._criteres(uo, have, site, nomme, has_distance)
        found: tuple[str, ...] = ()
        manquantes: tuple[str, ...] = ()
        if req.aptitudes_souhaitees:
            found = tuple(a for a in req.aptitudes_souhaitees if a in have)
            manquantes = tuple(a for a in req.aptitudes_souhaitees if a not in found)
        crise = None
        if en_crise:
            crise = crise_de(uo.capacites)
            crit.append(f"crise: {self.libelle('R336:' + crise)}" if crise else "crise")
        return tuple(crit), found, manquantes, crise

    def _criteres(self, uo: UniteOperationnelle, have: set[str],
                  site: list[tuple[str, str]] | None, nomme: bool, has_distance: bool) -> list[str]:
        """The criteria a result meets: the aptitudes asked, what of the unit's own codes the
        query asked for (activity, concepts of the text, champ, mode, type d'offre, age), then
        the shared ones."""
        plan, libelle = self.plan, self.libelle
        req = plan.req
        crit = list(self.tete)
        if uo.activite in req.activites:
            crit.append(f"activité {libelle('R211:' + uo.activite)}")
        if plan.texte is not None:
            for c in plan.texte.concepts:
                if c in have:
                    source = plan.texte.source(c)
                    said = f" ← « {source} »" if source and source != "codes" else ""
                    crit.append(f"{libelle(c)} ({KINDS.get(c.split(':', 1)[0], 'critère')}){said}")
            for besoin, unite in site or ():
                crit.append(f"sur le même site : « {besoin} » par l'unité {unite}")
            if nomme:
                crit.append(f"nom correspondant à « {req.texte} »")
        if req.champs:
            crit.append(f"champ {libelle('R227:' + uo.champ)}")
        if req.modes and uo.mode_prise_en_charge:
            crit.append(f"mode {libelle('R213:' + uo.mode_prise_en_charge)}")
        if req.categories_organisation and uo.categorie_organisation:
            crit.append(f"type d'offre {libelle('R244:' + uo.categorie_organisation)}")
        if req.age is not None:
            crit.append(f"âge {req.age} ans dans [{uo.age_min if uo.age_min is not None else '…'}, "
                        f"{uo.age_max if uo.age_max is not None else '…'}]")
        crit += self.communs[has_distance]
        return crit
