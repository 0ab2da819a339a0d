"""The quality requirements of the national list (spec §6), each a separate named check.

A check returns one `Item` per thing it judges (a target row, an EG or a unit) with conforme / écart /
non applicable and, for an écart, why; `agreger` counts them per region and département and keeps the
items in écart so an ARS can act. The data is read once (`collecter`) as the store's typed
projections of EGs and units (only the fields the checks read).

FINESS codes we read (one place to correct them, shared with the generator's catalogue): médecine
d'urgence is activité 14 with modalité 30 (structure des urgences) or 31 (urgences pédiatriques);
soins critiques 15 with modalité 07 for paediatric réanimation (any other modalité: adult);
gynécologie-obstétrique 03 with modalité 19 for réanimation néonatale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from ..errors import ValidationError
from ..offre import Statut
from ..store import EGProjection, Store
from ..territoire import fold
from .criteres import Referentiels, StatutPeuplement, evaluer_uo, uo_compte
from .perimetre import (
    ESMS_DOMICILE,
    ESMS_PA,
    ESMS_PH,
    SANITAIRE,
    autorisation_compte,
    eg_ferme,
    eg_ouvert,
)
from .perimetre import lignes_cible as _lignes_cible
from .statut import Parametres, StatutEG, statuts_lignes

ACTIVITE_URGENCE = "14"
MODALITES_URGENCE = frozenset({"30"})
MODALITES_URGENCE_PEDIATRIQUE = frozenset({"31"})
ACTIVITE_REANIMATION = "15"
ACTIVITE_OBSTETRIQUE = "03"
MODALITES_REANIMATION_PEDIATRIQUE = frozenset({"07"})
MODALITES_REANIMATION_NEONATALE = frozenset({"19"})
UO_URGENCES, UO_URGENCES_PEDIATRIQUES = "157", "249"
UO_REANIMATION_ADULTE = frozenset({"121", "122", "123", "124", "125", "126", "127", "129"})
UO_REANIMATION_PEDIATRIQUE = frozenset({"130"})
UO_REANIMATION_NEONATALE = frozenset({"128"})
FRAICHEUR_JOURS = 365
SEUIL_UNITES = 8
PART_RECENTE = 0.25
MEDICO_SOCIAL = ESMS_PA | ESMS_PH | ESMS_DOMICILE


class Resultat(StrEnum):
    CONFORME = "conforme"
    ECART = "ecart"
    NON_APPLICABLE = "non_applicable"


@dataclass(frozen=True, slots=True)
class Item:
    exigence: str
    resultat: Resultat
    eg_id: str
    region: str | None
    departement: str | None
    uo_id: str | None = None
    champ: str | None = None
    motif: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"exigence": self.exigence, "resultat": self.resultat.value, "eg_id": self.eg_id,
                "uo_id": self.uo_id, "champ": self.champ, "region": self.region,
                "departement": self.departement, "motif": self.motif}


@dataclass(frozen=True, slots=True)
class Unite:
    """What the checks need of a unit."""

    id: str
    nom: str
    champ: str | None
    activite: str
    maj: datetime | None  # last update
    compte: bool  # not a draft, not definitively closed
    ferme: bool  # definitively closed
    statut: StatutPeuplement | None  # population status when counted


@dataclass(slots=True)
class Donnees:
    egs: dict[str, EGProjection]
    unites: dict[str, list[Unite]]
    eg_avec_oi: set[str]
    statuts: list[StatutEG]
    parametres: Parametres
    refs: Referentiels

    def lignes(self) -> dict[str, list[StatutEG]]:
        out: dict[str, list[StatutEG]] = defaultdict(list)
        for s in self.statuts:
            out[s.ligne.eg_id].append(s)
        return out


def collecter(store: Store, parametres: Parametres | None = None) -> Donnees:
    """Read the EGs, units and organisations once, and compute the population statuses."""
    p = parametres or Parametres()
    day = p.jour()
    refs = Referentiels.from_nomenclatures(store.nomenclatures)
    egs = {e.id: e for e in store.offre.eg_projections()}
    unites: dict[str, list[Unite]] = defaultdict(list)
    evaluations = []
    for u in store.offre.uo_projections():
        e = egs.get(u.eg_id)
        compte = uo_compte(u, day)
        ferme = not compte and u.statut != Statut.BROUILLON
        statut = None
        if compte:
            ev = evaluer_uo(u, refs, categorie_eg=e.categorie if e is not None else None,
                            adresse_eg=e.adresse if e is not None else None)
            evaluations.append(ev)
            statut = ev.statut
        unites[u.eg_id].append(Unite(u.id, u.nom or "", u.champ, u.activite, u.maj, compte, ferme,
                                     statut))
    eg_avec_oi = store.offre.eg_ids_with_oi()
    lignes = [ligne for e in egs.values()
              for ligne in _lignes_cible(e, date_min=p.date_min, reference=day,
                                         categories_ror=refs.categories_eg,
                                         date_ouverture_requise=p.date_ouverture_requise)]
    statuts = statuts_lignes(lignes, evaluations, quirk_mixte=p.quirk_mixte)
    return Donnees(egs, dict(unites), eg_avec_oi, statuts, p, refs)


def _item(code: str, res: Resultat, e: EGProjection, motif: str = "", *,
          uo_id: str | None = None, champ: str | None = None) -> Item:
    return Item(code, res, e.id, e.region, e.departement, uo_id=uo_id, champ=champ, motif=motif)


def _eg_cibles(d: Donnees) -> list[EGProjection]:
    seen = dict.fromkeys(s.ligne.eg_id for s in d.statuts)
    return [d.egs[i] for i in seen]


def ex1_2(d: Donnees) -> list[Item]:
    """EX1.2: a target EG exists in the offer — our rule: it carries a unit or an organisation."""
    out = []
    for e in _eg_cibles(d):
        present = bool(d.unites.get(e.id)) or e.id in d.eg_avec_oi
        out.append(_item("EX1.2", Resultat.CONFORME if present else Resultat.ECART, e,
                         "" if present else "EG absente de l'offre (aucune unité ni organisation)"))
    return out


def ex2(d: Donnees) -> list[Item]:
    """EX2: the offer's open/closed state agrees with FINESS (units open ⇔ EG open in FINESS)."""
    out = []
    day = d.parametres.jour()
    for eg_id, units in d.unites.items():
        e = d.egs.get(eg_id)
        if e is None:
            continue
        publies = [u for u in units if u.compte or u.ferme]
        if not publies:
            out.append(_item("EX2", Resultat.NON_APPLICABLE, e, "aucune unité publiée"))
            continue
        finess_ouvert = not eg_ferme(e, day)
        offre_ouverte = any(u.compte for u in publies)
        if finess_ouvert == offre_ouverte:
            out.append(_item("EX2", Resultat.CONFORME, e))
        elif finess_ouvert:
            out.append(_item("EX2", Resultat.ECART, e,
                             "ouverte dans FINESS, toutes ses unités sont fermées définitivement"))
        else:
            out.append(_item("EX2", Resultat.ECART, e,
                             "fermée ou caduque dans FINESS, des unités restent ouvertes dans l'offre"))
    return out


def cp4(d: Donnees) -> list[Item]:
    """CP4: each target row is finalisé (the "% qualité" of the table)."""
    out = []
    for s in d.statuts:
        e = d.egs[s.ligne.eg_id]
        ok = s.statut is StatutPeuplement.FINALISE
        out.append(_item("CP4", Resultat.CONFORME if ok else Resultat.ECART, e,
                         "" if ok else f"statut {s.statut.libelle}", champ=s.ligne.champ))
    return out


def co4(d: Donnees) -> list[Item]:
    """CO4: the EG's category is a FINESS category of the ROR (JDV_J55) and fits its units: a
    medico-social EG (PA, PH, domicile) holds no sanitaire unit (champ 01–03)."""
    out = []
    for eg_id, units in d.unites.items():
        e = d.egs.get(eg_id)
        if e is None:
            continue
        cat = e.categorie or ""
        if cat not in d.refs.categories_eg:
            out.append(_item("CO4", Resultat.ECART, e, f"catégorie {cat!r} absente de JDV_J55"))
            continue
        if cat in MEDICO_SOCIAL:
            bad = [u for u in units if u.compte and u.champ in ("01", "02", "03")]
            if bad:
                for u in bad:
                    out.append(_item("CO4", Resultat.ECART, e,
                                     f"unité de champ {u.champ} dans une EG médico-sociale "
                                     f"(catégorie {cat})", uo_id=u.id))
                continue
        out.append(_item("CO4", Resultat.CONFORME, e))
    return out


def _norm(value: str) -> str:
    return "".join(value.split()).upper()


def st3(d: Donnees) -> list[Item]:
    """ST3: no two open structures share a national id (FINESS number, SIRET) in the same region."""
    day = d.parametres.jour()
    groups: dict[tuple[str, str | None, str], list[str]] = defaultdict(list)
    ouverts = [e for e in d.egs.values()
               if eg_ouvert(e, day, date_ouverture_requise=d.parametres.date_ouverture_requise)]
    for e in ouverts:
        groups[("finess", e.region, _norm(e.id))].append(e.id)
        if e.siret:
            groups[("siret", e.region, _norm(e.siret))].append(e.id)
    doublons: dict[str, list[str]] = defaultdict(list)
    for (kind, _region, key), ids in groups.items():
        if len(ids) > 1:
            for i in ids:
                others = ", ".join(x for x in ids if x != i)
                doublons[i].append(f"{kind} {key} partagé avec {others}")
    return [_item("ST3", Resultat.ECART if e.id in doublons else Resultat.CONFORME, e,
                  "; ".join(doublons.get(e.id, ()))) for e in ouverts]


def re1_2(d: Donnees) -> list[Item]:
    """RE1.2 freshness: no unit; or < 8 units with one updated within a year; or ≥ 8 units with at
    least 25 % updated within a year."""
    since = d.parametres.jour() - timedelta(days=FRAICHEUR_JOURS)
    out = []
    for e in _eg_cibles(d):
        units = [u for u in d.unites.get(e.id, ()) if u.compte]
        n = len(units)
        recent = sum(1 for u in units if u.maj is not None and u.maj.date() >= since)
        ok = n == 0 or (recent >= 1 if n < SEUIL_UNITES else recent >= PART_RECENTE * n)
        out.append(_item("RE1.2", Resultat.CONFORME if ok else Resultat.ECART, e,
                         "" if ok else f"{recent} unité(s) sur {n} mise(s) à jour depuis {since.isoformat()}"))
    return out


def _autorise(e: EGProjection, activite: str, modalites: frozenset[str] | None, d: Donnees,
              exclure: frozenset[str] = frozenset()) -> bool:
    for a in e.autorisations:
        if (a.activite or "").zfill(2) != activite:
            continue
        if not autorisation_compte(a, d.parametres.date_min):
            continue
        mod = a.modalite
        if modalites is not None and mod not in modalites:
            continue
        if mod in exclure:
            continue
        return True
    return False


def co1(d: Donnees) -> list[Item]:
    """CO1: an urgences (157) or urgences pédiatriques (249) unit says "urgence" in its name and its
    EG holds the matching médecine d'urgence authorisation (structure des urgences, or paediatric)."""
    out = []
    for eg_id, units in d.unites.items():
        e = d.egs.get(eg_id)
        if e is None:
            continue
        for u in units:
            if not u.compte or u.activite not in {UO_URGENCES, UO_URGENCES_PEDIATRIQUES}:
                continue
            motifs = []
            if "urgence" not in fold(u.nom):
                motifs.append(f"le nom {u.nom!r} ne contient pas « urgence »")
            for activite, modalites, quoi in (
                    (UO_URGENCES, MODALITES_URGENCE, "structure des urgences"),
                    (UO_URGENCES_PEDIATRIQUES, MODALITES_URGENCE_PEDIATRIQUE,
                     "structure des urgences pédiatriques")):
                if activite == u.activite and not _autorise(e, ACTIVITE_URGENCE, modalites, d):
                    motifs.append(f"l'EG n'a pas d'autorisation de {quoi} (activité "
                                  f"{ACTIVITE_URGENCE}, modalité {', '.join(sorted(modalites))})")
            out.append(_item("CO1", Resultat.ECART if motifs else Resultat.CONFORME, e,
                             "; ".join(motifs), uo_id=u.id))
    return out


def _soins_critiques(code: str, libelle: str, activite: str, modalites: frozenset[str] | None,
                     uo_activites: frozenset[str], exclure: frozenset[str] = frozenset()
                     ) -> Callable[[Donnees], list[Item]]:
    def check(d: Donnees) -> list[Item]:
        out = []
        for e in _eg_cibles(d):
            if e.categorie not in SANITAIRE:
                continue
            if not _autorise(e, activite, modalites, d, exclure):
                out.append(_item(code, Resultat.NON_APPLICABLE, e, f"pas d'autorisation de {libelle}"))
                continue
            ok = any(u.compte and u.activite in uo_activites for u in d.unites.get(e.id, ()))
            out.append(_item(code, Resultat.CONFORME if ok else Resultat.ECART, e,
                             "" if ok else f"autorisée en {libelle} sans unité d'activité "
                             f"{', '.join(sorted(uo_activites))}"))
        return out

    check.__name__ = code.lower()
    check.__doc__ = f"{code}: an EG authorised for {libelle} has a unit with the matching activity."
    return check


ex3 = _soins_critiques("EX3", "réanimation adulte", ACTIVITE_REANIMATION, None,
                       UO_REANIMATION_ADULTE, exclure=MODALITES_REANIMATION_PEDIATRIQUE)
ex4 = _soins_critiques("EX4", "réanimation pédiatrique", ACTIVITE_REANIMATION,
                       MODALITES_REANIMATION_PEDIATRIQUE, UO_REANIMATION_PEDIATRIQUE)
ex5 = _soins_critiques("EX5", "réanimation néonatale", ACTIVITE_OBSTETRIQUE,
                       MODALITES_REANIMATION_NEONATALE, UO_REANIMATION_NEONATALE)

EXIGENCES: dict[str, tuple[str, Callable[[Donnees], list[Item]]]] = {
    "EX1.2": ("l'EG du périmètre cible existe dans l'offre", ex1_2),
    "EX2": ("l'état ouvert/fermé de l'EG concorde avec FINESS", ex2),
    "CP4": ("le statut de peuplement de l'EG est finalisé", cp4),
    "CO4": ("la catégorie de l'EG concorde avec FINESS", co4),
    "ST3": ("pas deux structures ouvertes avec le même identifiant national dans une région", st3),
    "RE1.2": ("fraîcheur des mises à jour des unités", re1_2),
    "CO1": ("les unités d'urgences sont nommées et autorisées comme telles", co1),
    "EX3": ("réanimation adulte autorisée ⇒ unité de réanimation adulte", ex3),
    "EX4": ("réanimation pédiatrique autorisée ⇒ unité de réanimation pédiatrique", ex4),
    "EX5": ("réanimation néonatale autorisée ⇒ unité de réanimation néonatale", ex5),
}


def exigences_valides(codes: Iterable[str] | None) -> list[str]:
    if codes is None:
        return list(EXIGENCES)
    out = []
    by_upper = {c.upper(): c for c in EXIGENCES}
    for code in codes:
        c = by_upper.get(code.strip().upper())
        if c is None:
            raise ValidationError(f"exigence: unknown quality check {code!r}, expected one of "
                                  f"{', '.join(EXIGENCES)}", field="exigence")
        out.append(c)
    return out


@dataclass(slots=True)
class Agregat:
    conforme: int = 0
    ecart: int = 0
    non_applicable: int = 0
    ecarts: list[Item] = field(default_factory=list)

    def add(self, item: Item, keep: bool) -> None:
        setattr(self, item.resultat.value, getattr(self, item.resultat.value) + 1)
        if item.resultat is Resultat.ECART and keep:
            self.ecarts.append(item)

    def to_dict(self, with_items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"conforme": self.conforme, "ecart": self.ecart,
                               "non_applicable": self.non_applicable}
        if with_items:
            out["ecarts"] = [i.to_dict() for i in self.ecarts]
        return out


def agreger(code: str, items: Iterable[Item], *, region: str | None = None,
            departement: str | None = None, max_ecarts: int | None = None) -> dict[str, Any]:
    """Counts of one check overall, per region and per département, with the items in écart."""
    total = Agregat()
    regions: dict[str, Agregat] = defaultdict(Agregat)
    deps: dict[str, Agregat] = defaultdict(Agregat)
    for it in items:
        if region is not None and it.region != region:
            continue
        if departement is not None and it.departement != departement:
            continue
        keep = max_ecarts is None or total.ecart < max_ecarts
        total.add(it, keep)
        regions[it.region or "?"].add(it, False)
        deps[it.departement or "?"].add(it, False)
    return {"exigence": code, "libelle": EXIGENCES[code][0], **total.to_dict(),
            "ecarts_tronques": max_ecarts is not None and total.ecart > max_ecarts,
            "par_region": {k: v.to_dict(False) for k, v in sorted(regions.items())},
            "par_departement": {k: v.to_dict(False) for k, v in sorted(deps.items())}}


def controler(store: Store, *, exigences: Iterable[str] | None = None, region: str | None = None,
              departement: str | None = None, parametres: Parametres | None = None,
              max_ecarts: int | None = 1000) -> dict[str, Any]:
    """Run the quality checks and aggregate them (the API's and CLI's single call)."""
    codes = exigences_valides(exigences)
    d = collecter(store, parametres)
    return {"exigences": [agreger(c, EXIGENCES[c][1](d), region=region, departement=departement,
                                  max_ecarts=max_ecarts) for c in codes]}
