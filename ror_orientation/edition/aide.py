"""Live help on a unit being written: the population criteria it meets or misses, the naming
charter, and the first rule it breaks — computed on the draft as typed, never stored.

The criteria are those of the population indicators (`peuplement/criteres.py`), so what the page
says is what the quarterly table will count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import ValidationError
from ..horaires import Fermeture
from ..nomenclatures import Nomenclatures
from ..offre import Adresse, Contact, Statut
from ..peuplement.criteres import CRITERES, Referentiels, criteres_uo, statut_de
from ..peuplement.perimetre import ESMS_DOMICILE
from ..serialisation import CodecError, from_plain
from .charte import verifier_nom
from .fiche import construire

# What to do when a criterion fails, in the words of the form.
A_FAIRE = {
    1: "choisissez le champ d'activité",
    2: "choisissez l'activité opérationnelle (une par unité)",
    3: "choisissez le mode de prise en charge",
    4: "renseignez l'âge minimum et l'âge maximum de la patientèle",
    5: "renseignez l'adresse (voie ou lieu-dit, code postal, localité) de l'unité ou de son site",
    6: "ajoutez un contact avec sa fonction ou sa nature et un téléphone ou courriel avec sa "
       "confidentialité",
    7: "choisissez le type d'offre (catégorie d'organisation)",
}


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Fermetures:
    fermetures: tuple[Fermeture, ...] = ()


@dataclass(frozen=True, slots=True)
class Brouillon:
    """A unit as typed, read field by field: a draft that breaks a rule (an age typed as text) is
    still judged on the criteria its other fields meet, as the population table would."""

    id: str
    eg_id: str
    nom: str
    champ: str
    activite: str  # "" while not chosen
    mode_prise_en_charge: str | None
    categorie_organisation: str | None
    age_min: int | None
    age_max: int | None
    contacts: tuple[Contact, ...]
    adresse: Adresse | None
    statut: Statut = Statut.PUBLIE
    horaires: _Fermetures = field(default_factory=_Fermetures)

    @classmethod
    def lire(cls, data: dict[str, Any]) -> Brouillon:
        def texte(name: str) -> str | None:
            v = data.get(name)
            return v if isinstance(v, str) and v else None

        def entier(name: str) -> int | None:
            v = data.get(name)
            return v if isinstance(v, int) and not isinstance(v, bool) else None

        contacts = data.get("contacts")
        return cls(id=texte("id") or "", eg_id=texte("eg_id") or "", nom=texte("nom") or "",
                   champ=texte("champ") or "",
                   activite=texte("activite") or "",
                   mode_prise_en_charge=texte("mode_prise_en_charge"),
                   categorie_organisation=texte("categorie_organisation"),
                   age_min=entier("age_min"), age_max=entier("age_max"),
                   contacts=tuple(c for c in (_lu(Contact, x) for x in contacts) if c is not None)
                   if isinstance(contacts, list) else (),
                   adresse=_lu(Adresse, data.get("adresse")))


def _lu(cls: type[T], value: object) -> T | None:
    """One sub-object of a draft, or None when it is absent or does not read."""
    if value is None:
        return None
    try:
        return from_plain(cls, value)
    except CodecError:
        return None


def _refs(nom: Nomenclatures, cache: dict[int, Referentiels] = {}) -> Referentiels:  # noqa: B006
    key = id(nom)
    if key not in cache:
        cache[key] = Referentiels.from_nomenclatures(nom)
    return cache[key]


def aider_uo(data: dict[str, Any], nom: Nomenclatures, eg: dict[str, Any] | None) -> dict[str, Any]:
    """The help panel of one unit: criteria (with what is missing), charter remarks, rule broken."""
    categorie = (eg or {}).get("categorie")
    res = criteres_uo(Brouillon.lire(data), _refs(nom), categorie_eg=categorie,
                      adresse_eg=_lu(Adresse, (eg or {}).get("adresse")))
    criteres = [{"critere": n, "libelle": CRITERES[n], "ok": ok, "a_faire": None if ok else A_FAIRE[n]}
                for n, ok in sorted(res.items())]
    statut = statut_de(res)
    erreur = None
    try:
        construire("uo", {**data, "id": data.get("id") or "brouillon"}, nom, complet=False)
    except ValidationError as exc:
        erreur = {"field": exc.field, "message": exc.message}
    charte = [r.to_dict() for r in verifier_nom(data.get("nom"))]
    qualite = []
    if data.get("champ") and categorie in ESMS_DOMICILE and not data.get("categorie_organisation"):
        qualite.append({"champ": "categorie_organisation",
                        "message": "un service à domicile précise son type d'offre"})
    if not (data.get("horaires") or {}).get("permanent") and not (data.get("horaires") or {}).get(
            "plages"):
        qualite.append({"champ": "horaires", "message": "horaires non renseignés : la régulation "
                        "ne saura pas si l'unité est ouverte"})
    if not data.get("actes") and not data.get("competences"):
        qualite.append({"champ": "aptitudes", "message": "aucune aptitude : voyez les propositions "
                        "tirées des unités de même activité"})
    return {"statut_peuplement": statut.value, "statut_libelle": statut.libelle,
            "criteres": criteres, "charte": charte, "erreur": erreur, "qualite": qualite}
