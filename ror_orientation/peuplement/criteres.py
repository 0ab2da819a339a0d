"""Unit-level population criteria 1–7 and the unit's status (finalisé / en cours / à faire), spec §2.

A unit is judged on the codec's plain dict so the national scale needs no model objects. Our rules
where the national logic is silent: a draft unit does not count; a definitive closure that has begun
removes the unit; a unit without its own address is judged on its EG's address (the ROR places a unit
that has no address of its own at its site); criterion 6 needs one contact that has a function or a
nature *and* carries a complete telecom (telecoms belong to contacts in our model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ..nomenclatures import Nomenclatures
from .perimetre import ESMS_DOMICILE, plain


class StatutPeuplement(StrEnum):
    FINALISE = "finalise"
    EN_COURS = "en_cours"
    A_FAIRE = "a_faire"

    @property
    def libelle(self) -> str:
        return {"finalise": "finalisé", "en_cours": "en cours", "a_faire": "à faire"}[self.value]


CRITERES: dict[int, str] = {
    1: "champ d'activité connu de la nomenclature",
    2: "au moins une activité opérationnelle connue de la nomenclature",
    3: "mode de prise en charge connu de la nomenclature",
    4: "âge minimum et âge maximum de la patientèle",
    5: "adresse: voie ou lieu-dit, localité et code postal",
    6: "un contact avec fonction ou nature et un télécom complet (canal, valeur, confidentialité)",
    7: "catégorie d'organisation (ESMS à domicile 209, 354, 460)",
}


@dataclass(frozen=True, slots=True)
class Referentiels:
    """The code sets criteria 1–3 and 7 check against (TRE_R227, TRE_R211, TRE_R213, TRE_R244)."""

    champs: frozenset[str]
    activites: frozenset[str]
    modes: frozenset[str]
    categories_organisation: frozenset[str]
    categories_eg: frozenset[str]  # JDV_J55: the ROR's list of EG categories

    @classmethod
    def from_nomenclatures(cls, nom: Nomenclatures) -> Referentiels:
        def codes(table_id: str) -> frozenset[str]:
            return frozenset(nom.table(table_id).codes)

        return cls(codes("TRE_R227"), codes("TRE_R211"), codes("TRE_R213"), codes("TRE_R244"),
                   codes("JDV_J55"))


@dataclass(frozen=True, slots=True)
class EvaluationUO:
    """One counted unit's verdict: its status and the criteria it fails (empty when finalisé)."""

    uo_id: str
    eg_id: str
    champ: str | None
    nom: str
    statut: StatutPeuplement
    echecs: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"uo_id": self.uo_id, "nom": self.nom, "champ": self.champ,
                "statut": self.statut.value, "statut_libelle": self.statut.libelle,
                "criteres_en_echec": [{"critere": n, "libelle": CRITERES[n]} for n in self.echecs]}


def uo_compte(uo: Any, reference: date | None = None) -> bool:
    """A unit counts unless it is a draft or definitively closed (a provisional closure counts)."""
    u = plain(uo)
    if u.get("statut") == "brouillon":
        return False
    day = (reference or date.today()).isoformat()
    for f in (u.get("horaires") or {}).get("fermetures") or ():
        if f.get("definitive") and str(f.get("debut") or "") <= day:
            return False
    return True


def adresse_complete(adresse: dict[str, Any] | None) -> bool:
    a = adresse or {}
    return bool((a.get("voie") or a.get("lieu_dit")) and a.get("localite") and a.get("code_postal"))


def contact_complet(contacts: list[dict[str, Any]] | None) -> bool:
    for c in contacts or ():
        if not (c.get("fonction") or c.get("nature")):
            continue
        for t in c.get("telecoms") or ():
            if t.get("canal") and t.get("valeur") and t.get("confidentialite"):
                return True
    return False


def criteres_uo(uo: Any, refs: Referentiels, *, categorie_eg: str | None,
                adresse_eg: dict[str, Any] | None) -> dict[int, bool]:
    """Each applicable criterion → whether it holds (criterion 7 only for domicile categories)."""
    u = plain(uo)
    age_min, age_max = u.get("age_min"), u.get("age_max")
    out = {
        1: u.get("champ") in refs.champs,
        2: any(a in refs.activites for a in u.get("activites") or ()),
        3: u.get("mode_prise_en_charge") in refs.modes,
        4: age_min is not None and age_max is not None,
        5: adresse_complete(u.get("adresse") if u.get("adresse") is not None else adresse_eg),
        6: contact_complet(u.get("contacts")),
    }
    if categorie_eg in ESMS_DOMICILE:
        out[7] = u.get("categorie_organisation") in refs.categories_organisation
    return out


def statut_de(criteres: dict[int, bool]) -> StatutPeuplement:
    if all(criteres.values()):
        return StatutPeuplement.FINALISE
    if any(criteres.values()):
        return StatutPeuplement.EN_COURS
    return StatutPeuplement.A_FAIRE


def evaluer_uo(uo: Any, refs: Referentiels, *, categorie_eg: str | None,
               adresse_eg: dict[str, Any] | None) -> EvaluationUO:
    u = plain(uo)
    res = criteres_uo(u, refs, categorie_eg=categorie_eg, adresse_eg=adresse_eg)
    return EvaluationUO(u["id"], u["eg_id"], u.get("champ"), u.get("nom") or "", statut_de(res),
                        tuple(n for n, ok in res.items() if not ok))
