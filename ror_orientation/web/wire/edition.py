"""Wire models of the editing API (`routes/edition.py`): one per JSON shape, for the OpenAPI.

Records travel as the model's plain JSON (`data`), the one lossless codec of `serialisation.py`, so
every field of the model is editable without a second description of it here.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import Sortie
from .erreurs import ErreurDetail


class _Edition(Sortie):
    """Editing answers: closed shapes like every answer (records travel whole in `data`)."""


class CritereOut(_Edition):
    critere: int
    libelle: str
    ok: bool
    a_faire: str | None


class RemarqueOut(_Edition):
    champ: str
    code: str
    message: str
    proposition: str | None = None


class PropositionOut(_Edition):
    code: str = Field(description='"R210:xxxx" (acte) or "R243:yyy" (compétence)')
    libelle: str
    part: float = Field(description="Share of peer units declaring it")
    pairs: int
    cochee: bool = Field(description="Pre-ticked (the user still confirms)")


class AptitudesOut(_Edition):
    pairs: int
    propositions: list[PropositionOut]


class ErreurAideOut(_Edition):
    """The first rule the unit as typed breaks (the error a save would answer)."""

    field: str | None
    message: str


class QualiteAideOut(_Edition):
    """A quality remark (not a rule: the unit saves, but a regulator would miss it)."""

    champ: str
    message: str


class EcarteOut(_Edition):
    """A record a step over a whole pôle left alone, with why."""

    kind: str
    id: str
    etat: str
    motif: str


class AideOut(_Edition):
    """Live help on a unit: population criteria, naming charter, first rule broken, aptitudes."""

    statut_peuplement: str
    statut_libelle: str
    criteres: list[CritereOut]
    charte: list[RemarqueOut]
    erreur: ErreurAideOut | None
    qualite: list[QualiteAideOut]
    aptitudes: AptitudesOut


class BrouillonOut(_Edition):
    data: dict[str, Any]
    base_version: int
    enregistre_le: str
    herite: bool = Field(description="Written under the key before it declared persons (taken "
                                     "over by the next person who saves it)")


class FicheOut(_Edition):
    """A record under edition: its working copy (or the published record at version 0)."""

    kind: str
    id: str
    version: int
    etag: str
    etat: str = Field(description="brouillon, a_valider, valide or publie")
    data: dict[str, Any]
    publie: bool = Field(description="A published version exists")
    modifie_par: str | None
    modifie_le: str | None
    soumis_par: str | None
    soumis_le: str | None
    valide_par: str | None
    valide_le: str | None
    retour: str | None
    publie_le: str | None
    brouillon: BrouillonOut | None = None
    aide: AideOut | None = None


class FichesOut(_Edition):
    fiches: list[FicheOut]


class LotOut(_Edition):
    """A step applied to a whole pôle: the records it moved, the others with why."""

    fiches: list[FicheOut]
    ecartes: list[EcarteOut]


class EcartOut(_Edition):
    """One element that differs between two versions, down to a nested one."""

    chemin: str = Field(description='e.g. "nom", "contacts[1].telecoms[0].valeur", '
                                    '"horaires.plages[2].fin"')
    segments: list[str | int]
    actuelle: Any = Field(description="Value in the stored version (null: absent)")
    proposee: Any = Field(description="Value in the proposed one (null: absent)")


class ConflitOut(_Edition):
    """409: the error, the version stored now, the one that was sent, and what differs."""

    error: ErreurDetail
    actuelle: FicheOut
    proposee: dict[str, Any]
    differences: list[EcartOut]


class EcartsOut(_Edition):
    """A proposal against the stored version: what differs, and the merge keeping `miennes`."""

    version: int
    etag: str
    differences: list[EcartOut]
    fusion: dict[str, Any]


class NoeudArbreOut(_Edition):
    kind: str
    id: str
    nom: str
    parent_id: str | None
    etat: str
    type: str | None
    version: int
    ferme: bool


class EgArbreOut(_Edition):
    id: str
    nom: str | None
    etat: str
    ej_id: str | None
    ej_nom: str | None = Field(description="The legal entity's name (the tree's root)")


class ArbreOut(_Edition):
    eg: EgArbreOut
    noeuds: list[NoeudArbreOut]


class BrouillonResumeOut(_Edition):
    kind: str
    id: str
    base_version: int
    enregistre_le: str
    nom: str | None


class BrouillonsOut(_Edition):
    brouillons: list[BrouillonResumeOut]


class BrouillonGardeOut(_Edition):
    enregistre_le: str
    aide: AideOut | None


class OublieOut(_Edition):
    oublie: bool


class LigneJournalOut(_Edition):
    n: int
    kind: str
    id: str
    version: int
    action: str
    champ: str | None
    ancien: Any
    nouveau: Any
    commentaire: str | None
    auteur: str
    personne: str | None = Field(description="The author's e-mail (a person declared on the key)")
    quand: str


class JournalOut(_Edition):
    kind: str
    id: str
    lignes: list[LigneJournalOut]


class PublieOut(_Edition):
    kind: str
    id: str


class PublicationOut(_Edition):
    publies: list[PublieOut]
    ecartes: list[EcarteOut]


class EgEditeOut(_Edition):
    id: str
    nom: str | None


class PersonneOut(_Edition):
    """A person declared on a key: edits and validates in their own name."""

    email: str
    nom: str
    ajoute_le: str


class PersonnesOut(_Edition):
    personnes: list[PersonneOut]


class MoiOut(_Edition):
    nom: str
    application_id: int | None
    droits: list[str]
    egs: list[EgEditeOut]
    editeur: bool
    validateur: bool
    personne: PersonneOut | None = Field(description="The person named by X-ROR-Utilisateur")
    personnes: list[PersonneOut] = Field(description="The persons declared on the key (the page "
                                                     "asks who is typing when there are any)")
