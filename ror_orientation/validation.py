"""Rules an entity must satisfy before it is stored: coded fields, ranges, capacity combinations.

Importers, the API and the CLI all call `validate`, so a rule is written once and errors read the same
whichever door the data came through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from .errors import ValidationError
from .nomenclatures import Nomenclatures
from .offre import (
    Capacite,
    EntiteGeographique,
    EntiteJuridique,
    Identifiant,
    Lieu,
    OrganisationInterne,
    Professionnel,
    UniteOperationnelle,
)

FINESS_RE = re.compile(r"^[0-9][0-9AB][0-9]{7}$")
# A site without FINESS number (cabinet, centre de santé: TRE_R02 categories) is known by its
# national structure id (idNatSt: a type digit then the FINESS, SIREN, SIRET or RPPS number) or SIRET.
SIRET_RE = re.compile(r"^[0-9]{14}$")
ID_NAT_ST_RE = re.compile(r"^[0-9][0-9AB][0-9A-Z]{8,20}$")
MAX_AGE = 150  # the IG's examples publish 150 as "no upper bound"
# How many of each UCUM time unit make a year, from UCUM's definitions (a = 365.25 d, mo = a / 12,
# wk = 7 d). Which units an age range may use is the ROR value set's business (JDV_J37, checked as
# the field `uo.tranche_age.unite`), not this table's.
AGE_UNITS = {"a": 1.0, "mo": 12.0, "wk": 365.25 / 7, "d": 365.25, "h": 365.25 * 24,
             "min": 365.25 * 1440, "s": 365.25 * 86400, "ms": 365.25 * 86400e3}
MAX_NOMBRE = 100_000  # beds or places in one capacity record; the engine holds counts as int32

# Sane bounds for every instant the offer records: nothing before the ROR existed, nothing later than
# now plus a small clock-skew tolerance (a figure cannot be true in the future). Instants a query
# asks about (opening at, cursors) get a wide fixed window instead.
INSTANT_MIN = datetime(2000, 1, 1, tzinfo=UTC)
QUERY_INSTANT_MAX = datetime(2100, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(minutes=5)

# TRE_R330 statuts for which the R334 "type de lit supplémentaire" makes sense.
STATUT_SUPPLEMENTAIRE = "06"


def check_recorded_instant(value: datetime | None, field: str, now: datetime | None = None) -> None:
    """A time at which something was true: aware, not before 2000, not after now + clock skew."""
    if value is None:
        return
    if value.tzinfo is None:
        raise ValidationError(f"{field}: needs a time zone (e.g. 2026-11-26T10:00:00Z)", field=field)
    latest = (now or datetime.now(UTC)) + CLOCK_SKEW
    if value < INSTANT_MIN:
        raise ValidationError(f"{field}: {value.isoformat()} is before {INSTANT_MIN.date()}",
                              field=field)
    if value > latest:
        raise ValidationError(f"{field}: {value.isoformat()} is in the future (latest accepted "
                              f"{latest.replace(microsecond=0).isoformat()})", field=field)


def check_text(value: str | None, field: str) -> None:
    """A name or label: no control character (NUL, escapes, line breaks) — they corrupt logs, CSV
    and terminals, and no legitimate name holds one."""
    if value is None:
        return
    for i, ch in enumerate(value):
        if ord(ch) < 32 or 127 <= ord(ch) < 160:
            raise ValidationError(f"{field}: control character U+{ord(ch):04X} at position {i} "
                                  "is not allowed", field=field)


def check_query_instant(value: datetime | None, field: str) -> None:
    """An instant a query asks about: within [2000, 2100), so every later computation is defined."""
    if value is None:
        return
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not INSTANT_MIN <= aware < QUERY_INSTANT_MAX:
        raise ValidationError(f"{field}: {value.isoformat()} is outside [{INSTANT_MIN.year}, "
                              f"{QUERY_INSTANT_MAX.year})", field=field)


def validate_capacite(c: Capacite, nom: Nomenclatures, field: str = "capacite",
                      now: datetime | None = None) -> None:
    """Check one capacity record's codes, its time, and that its dimensions combine as the ROR
    allows."""
    check_recorded_instant(c.maj, f"{field}.maj", now)
    for name in ("nature", "statut", "temporalite", "genre", "source", "crise",
                 "type_lit_supplementaire", "type_fermeture", "affectation_temporaire"):
        nom.check(f"capacite.{name}", getattr(c, name))
    if (isinstance(c.nombre, bool) or not isinstance(c.nombre, int)
            or not 0 <= c.nombre <= MAX_NOMBRE):
        raise ValidationError(f"{field}.nombre: must be an integer in [0, {MAX_NOMBRE}], "
                              f"got {c.nombre!r}", field=f"{field}.nombre")
    if c.type_lit_supplementaire is not None and c.statut != STATUT_SUPPLEMENTAIRE:
        raise ValidationError(
            f"{field}: type_lit_supplementaire {c.type_lit_supplementaire} needs statut "
            f"{STATUT_SUPPLEMENTAIRE} (supplémentaire), got statut {c.statut}",
            field=f"{field}.type_lit_supplementaire")
    if c.statut == STATUT_SUPPLEMENTAIRE and c.type_lit_supplementaire is None:
        raise ValidationError(
            f"{field}: statut {STATUT_SUPPLEMENTAIRE} (supplémentaire) needs a type_lit_supplementaire",
            field=f"{field}.type_lit_supplementaire")
    if c.temporalite != "01" and c.statut in {"01", "08", "09"}:
        raise ValidationError(
            f"{field}: statut {c.statut} (installé/autorisé) is only given for temporalite 01 (courant),"
            f" got temporalite {c.temporalite}", field=f"{field}.temporalite")


def _check_coords(lat: float, lon: float, field: str) -> None:
    if not (-90.0 <= lat <= 90.0):
        raise ValidationError(f"{field}.lat: latitude {lat} out of range [-90, 90]", field=f"{field}.lat")
    if not (-180.0 <= lon <= 180.0):
        raise ValidationError(f"{field}.lon: longitude {lon} out of range [-180, 180]",
                              field=f"{field}.lon")


def validate(entity: object, nom: Nomenclatures, *, complet: bool = True) -> None:
    """Raise a ValidationError (or UnknownCodeError) naming the field; warn on deprecated codes.
    `complet=False` is a working copy under edition: a unit's activity may still be unchosen
    ("", required again at submission and publication)."""
    if isinstance(entity, EntiteJuridique):
        if not entity.id:
            raise ValidationError("ej.id: required", field="ej.id")
        nom.check("ej.agregat_statut_juridique", entity.agregat_statut_juridique)
        _check_identifiants(entity.identifiants, nom, "ej", "identifiant.structure")
    elif isinstance(entity, EntiteGeographique):
        if not (FINESS_RE.match(entity.id) or entity.id.startswith("G") or SIRET_RE.match(entity.id)
                or ID_NAT_ST_RE.match(entity.id)):
            raise ValidationError(f"eg.id: {entity.id!r} is neither a FINESS number (9 characters), "
                                  "a SIRET nor a national structure id", field="eg.id")
        nom.check("eg.categorie", entity.categorie)
        for a in entity.aides_financieres:
            nom.check("eg.aides_financieres", a)
        _check_identifiants(entity.identifiants, nom, "eg", "identifiant.structure")
        for contact in entity.contacts:
            nom.check("contact.nature", contact.nature_code)
        if entity.coordonnees is not None:
            _check_coords(entity.coordonnees.lat, entity.coordonnees.lon, "eg.coordonnees")
    elif isinstance(entity, OrganisationInterne):
        nom.check("oi.type", entity.type)
    elif isinstance(entity, UniteOperationnelle):
        validate_uo(entity, nom, complet=complet)
    elif isinstance(entity, Professionnel):
        nom.check("professionnel.profession", entity.profession)
        nom.check("professionnel.specialite", entity.specialite)
        for ex in entity.exercices:
            nom.check("exercice.activite", ex.activite)
            for e in ex.equipements:
                nom.check("exercice.equipements", e)
            nom.check("exercice.mode_exercice", ex.mode_exercice)
            for sf in ex.savoir_faire:
                nom.check("exercice.savoir_faire", sf)
    else:
        raise ValidationError(f"unknown entity type {type(entity).__name__}")


def validate_uo(uo: UniteOperationnelle, nom: Nomenclatures, *, complet: bool = True) -> None:
    if not uo.id:
        raise ValidationError("uo.id: required", field="uo.id")
    if not uo.nom or not uo.nom.strip():
        raise ValidationError("uo.nom: required", field="uo.nom")
    nom.check("uo.champ", uo.champ)
    # one activité opérationnelle per unit (ME 3.0, IG 1..1), at most one mode
    if complet and not uo.activite.strip():
        raise ValidationError("uo.activite: required (one activité opérationnelle TRE_R211 per unit)",
                              field="uo.activite")
    if uo.activite:
        nom.check("uo.activite", uo.activite)
    nom.check("uo.mode_prise_en_charge", uo.mode_prise_en_charge)
    nom.check("uo.categorie_organisation", uo.categorie_organisation)
    for a in uo.actes:
        nom.check("uo.actes", a)
    for c in uo.competences:
        nom.check("uo.competences", c)
    for p in uo.publics:
        nom.check("uo.publics", p)
    for s in uo.specialisations:
        nom.check("uo.specialisations", s)
    for temporalite in uo.temporalites_accueil:
        nom.check("uo.temporalites_accueil", temporalite)
    for e in uo.equipements:
        nom.check("uo.equipements.code", e.code)
        nom.check("uo.equipements.caracteristique", e.caracteristique)
    for name in ("age_min", "age_max"):
        v = getattr(uo, name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= MAX_AGE):
            raise ValidationError(f"uo.{name}: must be an integer age in [0, {MAX_AGE}], got {v!r}",
                                  field=f"uo.{name}")
    if uo.age_min is not None and uo.age_max is not None and uo.age_min > uo.age_max:
        raise ValidationError(f"uo.age_min: {uo.age_min} is above age_max {uo.age_max}",
                              field="uo.age_min")
    _validate_capacites(uo.capacites, nom, "uo")
    for i, plage in enumerate(uo.horaires.plages):
        if not 0 <= plage.jour <= 7:
            raise ValidationError(f"uo.horaires.plages[{i}].jour: must be 0 (lundi) to 7 (fériés)",
                                  field=f"uo.horaires.plages[{i}].jour")
        nom.check("uo.horaires.type_horaire", plage.type_horaire)
    nom.check("uo.type_maternite", uo.type_maternite)
    nom.check("uo.ouverture_annuelle", uo.ouverture_annuelle)
    _check_identifiants(uo.identifiants, nom, "uo", "identifiant.offre")
    nom.check("uo.region", uo.region)
    for contact in uo.contacts:
        nom.check("contact.nature", contact.nature_code)
    if uo.tranche_age is not None:
        t = uo.tranche_age
        nom.check("uo.tranche_age.unite", t.unite)
        if t.unite not in AGE_UNITS:  # a unit JDV_J37 would add: refused until its year is known
            raise ValidationError(f"uo.tranche_age.unite: {t.unite!r} has no conversion to years",
                                  field="uo.tranche_age.unite")
        for name in ("min", "max"):
            v = getattr(t, name)
            if v is not None and not 0 <= v / AGE_UNITS[t.unite] <= MAX_AGE:
                raise ValidationError(f"uo.tranche_age.{name}: {v} {t.unite} is outside [0, {MAX_AGE}] "
                                      "years", field=f"uo.tranche_age.{name}")
    for k, lieu in enumerate(uo.lieux):
        _check_lieu(lieu, nom, f"uo.lieux[{k}]")


def _check_identifiants(identifiants: tuple[Identifiant, ...], nom: Nomenclatures, kind: str,
                        field: str) -> None:
    """Identifier types from a table we ship are checked; an empty value is refused."""
    for i, ident in enumerate(identifiants):
        if not ident.valeur:
            raise ValidationError(f"{kind}.identifiants[{i}].valeur: required",
                                  field=f"{kind}.identifiants[{i}].valeur")
        if ident.type is not None and field in ("identifiant.structure", "identifiant.offre"):
            nom.check(field, ident.type)


def _check_lieu(lieu: Lieu, nom: Nomenclatures, field: str) -> None:
    if not lieu.id:
        raise ValidationError(f"{field}.id: required", field=f"{field}.id")
    for f in lieu.fonctions:
        nom.check("lieu.fonctions", f)
    nom.check("lieu.region", lieu.region)
    for ident in lieu.identifiants:
        if ident.type is not None:
            nom.check("identifiant.lieu", ident.type)
    if lieu.coordonnees is not None:
        _check_coords(lieu.coordonnees.lat, lieu.coordonnees.lon, f"{field}.coordonnees")
    _validate_capacites(lieu.capacites, nom, field)
    for e in lieu.equipements:
        nom.check("uo.equipements.code", e.code)
        nom.check("uo.equipements.caracteristique", e.caracteristique)


def _validate_capacites(capacites: Sequence[Capacite], nom: Nomenclatures, field: str) -> None:
    """Each record valid, and one record per key (a unit's or one of its places')."""
    seen: set[tuple[str, str, str, str, str | None, str | None]] = set()
    for i, cap in enumerate(capacites):
        validate_capacite(cap, nom, f"{field}.capacites[{i}]")
        if cap.key in seen:
            raise ValidationError(f"{field}.capacites[{i}]: duplicate capacity key {cap.key}",
                                  field=f"{field}.capacites[{i}]")
        seen.add(cap.key)
