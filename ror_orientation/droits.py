"""Who may read and write what: the rights of a calling application and the checks built on them.

Five rights (public read, regulator read, establishment editor, validator, administrator); one `Appelant` per
request; every visibility rule of the API (sensitive units, contact confidentiality, capacity status,
capacity writes) is a small function here so that search, sheets and extractions agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypedDict

from .errors import ForbiddenError, NotFoundError, ValidationError
from .offre import (
    Canal,
    Capacite,
    Confidentialite,
    Contact,
    EntiteGeographique,
    Statut,
    UniteOperationnelle,
)
from .requete import Requete

STATUT_INSTALLE = "01"  # TRE_R330: the only capacity figure public readers see


class Droit(StrEnum):
    LECTURE_PUBLIQUE = "lecture_publique"
    LECTURE_REGULATION = "lecture_regulation"
    EDITEUR = "editeur"
    VALIDATEUR = "validateur"  # referent physician or director: validates edited records of its EGs
    ADMIN = "admin"


def parse_droits(values: Iterable[str], field: str = "droits") -> frozenset[Droit]:
    """Rights from text; an unknown one is refused naming it."""
    out = set()
    for v in values:
        v = v.strip()
        if not v:
            continue
        try:
            out.add(Droit(v))
        except ValueError:
            known = ", ".join(d.value for d in Droit)
            raise ValidationError(
                f"{field}: unknown right {v!r} (known: {known})", field=field
            ) from None
    if not out:
        raise ValidationError(f"{field}: at least one right is needed", field=field)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Personne:
    """A person declared on an application's key, acting in its name (editing: their own drafts,
    their name in the journal and on validations)."""

    email: str
    nom: str


@dataclass(frozen=True, slots=True)
class Appelant:
    """The caller of one request: an application (or anonymous) with its rights, and the person
    acting under its key when one is named."""

    application_id: int | None
    nom: str
    droits: frozenset[Droit]
    eg_ids: frozenset[str] = frozenset()
    personne: Personne | None = None

    @classmethod
    def anonyme(cls) -> Appelant:
        return cls(None, "anonyme", frozenset({Droit.LECTURE_PUBLIQUE}))

    @property
    def regulation(self) -> bool:
        """Full read: sensitive units, every contact, every capacity figure."""
        return Droit.LECTURE_REGULATION in self.droits or Droit.ADMIN in self.droits

    @property
    def admin(self) -> bool:
        return Droit.ADMIN in self.droits

    @property
    def niveau(self) -> str:
        """A short label of what this caller sees (part of cache keys: ETags differ per level)."""
        return "regulation" if self.regulation else "public"

    def lecture_complete(self, eg_id: str) -> bool:
        """Full read of this EG: a regulator, an admin, or the editor of that EG."""
        return self.regulation or (Droit.EDITEUR in self.droits and eg_id in self.eg_ids)

    @property
    def eg_complets(self) -> frozenset[str]:
        """The EGs this caller reads in full without regulator read (an editor's own EGs)."""
        return self.eg_ids if Droit.EDITEUR in self.droits else frozenset()

    def voit_uo(self, uo: UniteOperationnelle) -> bool:
        """A sensitive or unpublished unit is invisible to public readers."""
        if self.lecture_complete(uo.eg_id):
            return True
        return not uo.sensible and uo.statut == Statut.PUBLIE

    def peut_ecrire_capacites(self, eg_id: str) -> bool:
        return self.admin or (Droit.EDITEUR in self.droits and eg_id in self.eg_ids)

    def exiger_ecriture_capacites(self, eg_id: str, field: str = "uo_id") -> None:
        if not self.peut_ecrire_capacites(eg_id):
            raise ForbiddenError(
                f"application {self.nom!r} may not write the capacity of EG {eg_id}", field=field
            )

    def exiger_admin(self) -> None:
        if not self.admin:
            raise ForbiddenError("this route needs the admin right")

    def exiger_historique(self, eg_id: str) -> None:
        if not (self.lecture_complete(eg_id) or self.admin):
            raise ForbiddenError(
                "reading the capacity history needs regulator read or editing this EG"
            )


def introuvable(uo_id: str, field: str = "uo_id") -> NotFoundError:
    """The one answer for a unit that does not exist *or* that the caller may not see: the same
    status, code, message and field, so a hidden unit cannot be told from a missing one."""
    return NotFoundError(f"uo {uo_id!r} not found", field=field)


def exiger_visible(appelant: Appelant, uo: UniteOperationnelle, field: str = "uo_id") -> None:
    if not appelant.voit_uo(uo):
        raise introuvable(uo.id, field)


class Portee(TypedDict):
    """What of the offer a caller's queries may see (the fields of `Requete` that say it)."""

    voir_sensibles: bool
    eg_visibles: tuple[str, ...]
    voir_lits: bool


def portee(appelant: Appelant) -> Portee:
    """Hidden units (sensitive or unpublished) only for full readers of their EG, and the
    free-bed figures (filter by sex, bed score) only for regulators, so no count, score or cursor
    is derived from them. A route building a query gives it these (`Requete(..., **portee(a))`)."""
    return {"voir_sensibles": appelant.regulation,
            "eg_visibles": tuple(sorted(appelant.eg_complets)),
            "voir_lits": appelant.regulation}


def restreindre(requete: Requete, appelant: Appelant) -> Requete:
    """The query narrowed to what this caller may see (`portee`), whatever the route put in it.
    A query already narrowed so is returned as it is: a copy of its forty fields on every search
    cost more than the check."""
    vue = portee(appelant)
    if (requete.voir_sensibles == vue["voir_sensibles"] and requete.voir_lits == vue["voir_lits"]
            and requete.eg_visibles == vue["eg_visibles"]):
        return requete
    return replace(requete, **vue)


TOUS_NIVEAUX = frozenset(Confidentialite)
NIVEAU_PUBLIC = frozenset({Confidentialite.PUBLIC})


def confidentialites_visibles(appelant: Appelant, eg_id: str) -> frozenset[Confidentialite]:
    """Public readers see level 1 only; full readers see restricted (2) and confidential (3) too.
    (The same two sets every time: every result line asks.)"""
    return TOUS_NIVEAUX if appelant.lecture_complete(eg_id) else NIVEAU_PUBLIC


def contacts_visibles(appelant: Appelant, uo: UniteOperationnelle) -> list[Contact]:
    """The unit's contacts with only the telecoms this caller may see. A contact above the caller's
    level is hidden whole, its telecoms too (even a public one); a contact whose every telecom is
    hidden is hidden."""
    return filtrer_contacts(appelant, uo.eg_id, uo.contacts)


def contacts_eg_visibles(appelant: Appelant, eg: EntiteGeographique) -> list[Contact]:
    """The site's contacts (as the national ROR publishes them), filtered like a unit's."""
    return filtrer_contacts(appelant, eg.id, eg.contacts)


def telephone_eg(appelant: Appelant, eg: EntiteGeographique) -> str | None:
    """The site's phone for this caller: the first phone of the contacts it may see; a site without
    published contacts (FINESS) has only its public switchboard number."""
    if not eg.contacts:
        return eg.telephone
    return next((t.valeur for c in contacts_eg_visibles(appelant, eg) for t in c.telecoms
                 if t.canal in (Canal.TELEPHONE, Canal.MOBILE)), None)


def filtrer_contacts(appelant: Appelant, eg_id: str, contacts: Iterable[Contact]) -> list[Contact]:
    """Both levels at once: the contact's own (TRE_R283) and each telecom's."""
    allowed = confidentialites_visibles(appelant, eg_id)
    out = []
    for c in contacts:
        if c.confidentialite not in allowed:
            continue
        telecoms = tuple(t for t in c.telecoms if t.confidentialite in allowed)
        if len(telecoms) == len(c.telecoms):
            out.append(c)  # nothing hidden: the contact as it is (no copy on every answer line)
        elif telecoms:
            out.append(replace(c, telecoms=telecoms))
    return out


def capacites_visibles(appelant: Appelant, uo: UniteOperationnelle) -> list[Capacite]:
    """Public readers see installed capacity only (statut 01)."""
    if appelant.lecture_complete(uo.eg_id):
        return list(uo.capacites)
    return [c for c in uo.capacites if c.statut == STATUT_INSTALLE]


def voit_lits(appelant: Appelant, eg_id: str) -> bool:
    """Available/occupied figures (free beds) are for full readers only."""
    return appelant.lecture_complete(eg_id)
