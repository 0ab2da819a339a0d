"""Unit-level population criteria 1–7 and the unit's status (finalisé / en cours / à faire), spec §2.

A unit is judged on its typed fields (a model unit, or the store's projection that decodes only
these fields, so the national scale reads fast). Our rules
where the national logic is silent: a draft unit does not count; a definitive closure that has begun
removes the unit; a unit without its own address is judged on its EG's address (the ROR places a unit
that has no address of its own at its site); criterion 6 needs one contact that has a function or a
nature *and* carries a complete telecom (telecoms belong to contacts in our model).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from ..horaires import Fermeture
from ..nomenclatures import Nomenclatures
from ..offre import Adresse, Contact, Statut
from .perimetre import ESMS_DOMICILE


class StatutPeuplement(StrEnum):
    FINALISE = "finalise"
    EN_COURS = "en_cours"
    A_FAIRE = "a_faire"

    @property
    def libelle(self) -> str:
        return {"finalise": "finalisé", "en_cours": "en cours", "a_faire": "à faire"}[self.value]


CRITERES: dict[int, str] = {
    1: "champ d'activité connu de la nomenclature",
    2: "activité opérationnelle (une par unité) connue de la nomenclature",
    3: "mode de prise en charge connu de la nomenclature",
    4: "âge minimum et âge maximum de la patientèle",
    5: "adresse : voie ou lieu-dit, localité et code postal",
    6: "un contact avec fonction ou nature et un télécom complet (canal, valeur, confidentialité)",
    7: "catégorie d'organisation (ESMS à domicile 209, 354, 460)",
}


class Fermetures(Protocol):
    @property
    def fermetures(self) -> tuple[Fermeture, ...]: ...


class UOCritere(Protocol):
    """What the criteria read of a unit (a model unit or its stored projection)."""

    @property
    def id(self) -> str: ...
    @property
    def eg_id(self) -> str: ...
    @property
    def nom(self) -> str: ...
    @property
    def champ(self) -> str: ...
    @property
    def activite(self) -> str: ...
    @property
    def mode_prise_en_charge(self) -> str | None: ...
    @property
    def categorie_organisation(self) -> str | None: ...
    @property
    def age_min(self) -> int | None: ...
    @property
    def age_max(self) -> int | None: ...
    @property
    def horaires(self) -> Fermetures: ...
    @property
    def contacts(self) -> tuple[Contact, ...]: ...
    @property
    def adresse(self) -> Adresse | None: ...
    @property
    def statut(self) -> Statut: ...


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


def uo_compte(uo: UOCritere, reference: date | None = None) -> bool:
    """A unit counts unless it is a draft or definitively closed (a provisional closure counts)."""
    if uo.statut == Statut.BROUILLON:
        return False
    day = reference or date.today()
    return not any(f.definitive and f.debut <= day for f in uo.horaires.fermetures)


def adresse_complete(adresse: Adresse | None) -> bool:
    return adresse is not None and adresse.is_complete()


def contact_complet(contacts: Iterable[Contact]) -> bool:
    for c in contacts:
        if not (c.fonction or c.nature):
            continue
        for t in c.telecoms:
            if t.canal and t.valeur and t.confidentialite:
                return True
    return False


def criteres_uo(uo: UOCritere, refs: Referentiels, *, categorie_eg: str | None,
                adresse_eg: Adresse | None) -> dict[int, bool]:
    """Each applicable criterion → whether it holds (criterion 7 only for domicile categories)."""
    out = {
        1: uo.champ in refs.champs,
        2: uo.activite in refs.activites,
        3: uo.mode_prise_en_charge in refs.modes,
        4: uo.age_min is not None and uo.age_max is not None,
        5: adresse_complete(uo.adresse if uo.adresse is not None else adresse_eg),
        6: contact_complet(uo.contacts),
    }
    if categorie_eg in ESMS_DOMICILE:
        out[7] = uo.categorie_organisation in refs.categories_organisation
    return out


def statut_de(criteres: dict[int, bool]) -> StatutPeuplement:
    if all(criteres.values()):
        return StatutPeuplement.FINALISE
    if any(criteres.values()):
        return StatutPeuplement.EN_COURS
    return StatutPeuplement.A_FAIRE


def evaluer_uo(uo: UOCritere, refs: Referentiels, *, categorie_eg: str | None,
               adresse_eg: Adresse | None) -> EvaluationUO:
    res = criteres_uo(uo, refs, categorie_eg=categorie_eg, adresse_eg=adresse_eg)
    return EvaluationUO(uo.id, uo.eg_id, uo.champ, uo.nom or "", statut_de(res),
                        tuple(n for n, ok in res.items() if not ok))
