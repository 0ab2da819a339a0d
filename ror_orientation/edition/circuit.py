"""The validation circuit: brouillon → à valider → validé → publié, and the return for correction.

A pure state machine: which action is allowed from which state, and why not. Saving a change sends
a record back to brouillon (what was validated is no longer what is written); the published record
stays in search until the new version is published.
"""

from __future__ import annotations

from enum import StrEnum

from ..errors import ConflictError


class Etat(StrEnum):
    BROUILLON = "brouillon"
    A_VALIDER = "a_valider"
    VALIDE = "valide"
    PUBLIE = "publie"

    @property
    def libelle(self) -> str:
        return {"brouillon": "brouillon", "a_valider": "à valider", "valide": "validé",
                "publie": "publié"}[self.value]


class Action(StrEnum):
    SOUMETTRE = "soumettre"
    VALIDER = "valider"
    RETOURNER = "retourner"
    PUBLIER = "publier"


_TRANSITIONS: dict[Action, tuple[frozenset[Etat], Etat]] = {
    Action.SOUMETTRE: (frozenset({Etat.BROUILLON}), Etat.A_VALIDER),
    Action.VALIDER: (frozenset({Etat.A_VALIDER}), Etat.VALIDE),
    Action.RETOURNER: (frozenset({Etat.A_VALIDER, Etat.VALIDE}), Etat.BROUILLON),
    Action.PUBLIER: (frozenset({Etat.VALIDE}), Etat.PUBLIE),
}
_CONSEIL = {
    Action.SOUMETTRE: "only a brouillon is submitted",
    Action.VALIDER: "submit it for validation first",
    Action.RETOURNER: "only a record waiting for validation or validated can be returned",
    Action.PUBLIER: "it must be validated first",
}


def suivant(etat: Etat, action: Action, quoi: str = "record") -> Etat:
    """The state after `action`, or a 409 saying why the action does not apply."""
    depuis, vers = _TRANSITIONS[action]
    if etat not in depuis:
        raise ConflictError(f"{quoi}: cannot {action.value} in état {etat.libelle} "
                            f"({_CONSEIL[action]})", field="etat", code="etat_invalide")
    return vers
