"""The persons who edit under an establishment's key: declared on the key, named on each request.

An establishment's team (quality, nursing, IT referents, the validating physicians) shares one
application key; each person is declared on it by e-mail and name and names themself on every editing
request (`X-ROR-Utilisateur: <e-mail>`), so drafts are per person and per record, and the journal and
the validations say who. A key that declares nobody keeps working as one person (its drafts are the
key's own); once it declares someone, every editing request must name a declared person.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from ..droits import Appelant, Droit, Personne
from ..errors import AuthenticationError, ForbiddenError, ValidationError
from ..store.edition import EditionStore, LignePersonne
from ..validation import check_text

ENTETE = "X-ROR-Utilisateur"
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")


def email_valide(value: str, field: str = "email") -> str:
    """An e-mail as stored and compared: trimmed, lower-cased, of the plain `local@domain` form."""
    email = value.strip().lower()
    if not _EMAIL.match(email) or "." not in email.rpartition("@")[2]:
        raise ValidationError(f"{field}: {value!r} is not an e-mail address", field=field)
    return email


def _exiger_editeur(appelant: Appelant) -> int:
    if appelant.application_id is None:
        raise AuthenticationError("declaring persons needs an application key")
    if not (appelant.admin or Droit.EDITEUR in appelant.droits or Droit.VALIDATEUR in appelant.droits):
        raise ForbiddenError(f"application {appelant.nom!r} has no editing or validating right: it "
                             "declares no persons")
    return appelant.application_id


def declarer(sql: EditionStore, appelant: Appelant, email: str, nom: str) -> LignePersonne:
    """Declare a person on the caller's own key (the key holder vouches for its team)."""
    app_id = _exiger_editeur(appelant)
    email = email_valide(email)
    nom = nom.strip()
    if not nom:
        raise ValidationError("nom: required", field="nom")
    if len(nom) > 120:
        raise ValidationError("nom: at most 120 characters", field="nom")
    check_text(nom, "nom")
    sql.declarer_personne(app_id, email, nom, datetime.now(UTC))
    out = sql.personne(app_id, email)
    assert out is not None
    return out


def retirer(sql: EditionStore, appelant: Appelant, email: str) -> None:
    """A person leaves the team: their name stays in the journal, the key no longer accepts it."""
    app_id = _exiger_editeur(appelant)
    email = email_valide(email)
    if not sql.retirer_personne(app_id, email, datetime.now(UTC)):
        raise ValidationError(f"email: {email} is not a declared person of application "
                              f"{appelant.nom!r}", field="email", status=404, code="not_found")


def identifier(sql: EditionStore, appelant: Appelant, entete: str | None) -> Appelant:
    """The caller with the person it names; refused naming the header when the person is unknown,
    withdrawn, or missing while the key declares persons."""
    if appelant.application_id is None:
        return appelant
    if entete is None or not entete.strip():
        if sql.personnes(appelant.application_id):
            raise ValidationError(f"{ENTETE}: application {appelant.nom!r} declares its persons: "
                                  "name yourself with your e-mail", field=ENTETE, status=428,
                                  code="personne_requise")
        return appelant
    email = email_valide(entete, ENTETE)
    p = sql.personne(appelant.application_id, email)
    if p is None or p.retire_le is not None:
        raise ForbiddenError(f"{ENTETE}: {email} is not a declared person of application "
                             f"{appelant.nom!r}" + (" (withdrawn)" if p is not None else ""),
                             field=ENTETE)
    return replace(appelant, personne=Personne(p.email, p.nom))


def qui(appelant: Appelant) -> str:
    """The draft owner's key within an application: the person's e-mail, or "" for the key itself."""
    return appelant.personne.email if appelant.personne is not None else ""


def auteur(appelant: Appelant) -> str:
    """How the journal and the workflow name the author: the person, then the key."""
    cle = f"{appelant.nom}#{appelant.application_id}"
    return cle if appelant.personne is None else f"{appelant.personne.nom} ({cle})"
