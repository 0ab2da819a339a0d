"""Reader of the new FINESS JSON fluxes (ANS): "structures" (EJ → EG) and "activités" (authorisations).

    read_finess_json(path, activites=None, base=None, *, nomenclatures=None) -> ImportResult

`path` is a structures flux (`pmej[].ege[]`), or an activities flux (`pmej[].activitesAutorisees[]`),
recognised by content. With `activites` given too, the authorisations go onto the sites just read;
an activities flux alone goes onto sites held by `base` (an `Offre` or a `Store`), whose other fields are
kept. Codes come as plain strings (daily samples) or as `{code, system}` (schema v1): both are read.
In this flux `coordonneeX` holds the Lambert-93 NORTHING and `coordonneeY` the EASTING; without them the
BAN latitude / longitude is used. Sites outside JDV_J55 are skipped and counted; an EJ none of whose
sites is in the perimeter is left out. An authorisation without a site (`egeId` null) goes to the EJ's
site when it has exactly one, else it is skipped and counted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from ..errors import ImportFormatError, ValidationError
from ..nomenclatures import Nomenclatures, default_nomenclatures
from ..offre import Adresse, Autorisation, Coordonnees, EntiteGeographique, EntiteJuridique, Offre
from ..projection import system_of, to_wgs84
from ..validation import FINESS_RE
from . import ImportResult, Known, as_known, keep_held_figures, phone
from .localisation import locate

SOURCE = "finess:json-structures"
SITE_ADDRESS_USAGES = ("03", "02")  # the site's own address first, then the legal one


def _get(obj: dict[str, Any], *names: str) -> Any:
    """A key under any of its spellings (the samples and the schema differ in case)."""
    for n in names:
        if n in obj:
            return obj[n]
    lowered = {k.lower(): v for k, v in obj.items()}
    for n in names:
        if n.lower() in lowered:
            return lowered[n.lower()]
    return None


def _code(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("code")
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _date(value: Any, where: str, name: str, fieldname: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ImportFormatError(name, where, f"not a date: {value!r}", field=fieldname) from None


def load_json(path: Path) -> dict[str, Any]:
    try:
        data = orjson.loads(Path(path).read_bytes())
    except orjson.JSONDecodeError as exc:
        raise ImportFormatError(Path(path).name, None, f"not JSON: {exc}", field="json") from None
    if not isinstance(data, dict) or not isinstance(data.get("pmej"), list):
        raise ImportFormatError(Path(path).name, None, "not a FINESS flux (no 'pmej' list)", field="pmej")
    return data


def is_activites(data: dict[str, Any]) -> bool:
    return any("activitesAutorisees" in pm for pm in data["pmej"])


def read_finess_json(path: Path, activites: Path | None = None, base: Offre | Known | None = None, *,
                     nomenclatures: Nomenclatures | None = None) -> ImportResult:
    path = Path(path)
    data = load_json(path)
    if is_activites(data):
        result = ImportResult(source="finess:json-activites")
        _apply_activites(result, data, path.name, {}, base)
        return result
    j55 = (nomenclatures or default_nomenclatures()).table("JDV_J55")
    find = as_known(base)
    result = ImportResult(source=SOURCE)
    ege_ids: dict[str, str] = {}
    for i, pm in enumerate(data["pmej"]):
        where = f"pmej[{i}]"
        info = _get(pm, "informationsGeneralesPMEJ", "informationsGeneralesPmej") or {}
        ej_id = _code(_get(info, "numFinessPm"))
        if not ej_id or not FINESS_RE.match(ej_id):
            raise ImportFormatError(path.name, where, f"not a FINESS number: {ej_id!r}",
                                    field="numFinessPm")
        kept = 0
        for k, ege in enumerate(pm.get("ege") or []):
            result.read += 1
            eg = _eg(ege, ej_id, path.name, f"{where}.ege[{k}]")
            ege_id = _code(_get(ege.get("informationsGeneralesEGE") or {}, "egeId"))
            if ege_id:
                ege_ids[ege_id] = eg.id
            if eg.categorie not in j55:
                result.skip(f"{path.name}:{where}.ege[{k}]", f"category {eg.categorie} outside JDV_J55",
                            eg.id)
                continue
            result.offre.add(eg)
            kept += 1
        if not kept:
            result.skip(f"{path.name}:{where}", "EJ without a site in the perimeter", ej_id)
            continue
        nom = _text(_get(info, "denominationLonguePmSmsse")) or _text(_get(info, "denominationPm"))
        result.offre.add(EntiteJuridique(id=ej_id, nom=nom or ej_id,
                                         statut_juridique=_code(_get(info, "statutJuridique")),
                                         source=SOURCE))
    find.prefetch("eg", result.offre.eg)
    for finess, eg in result.offre.eg.items():
        result.offre.eg[finess] = keep_held_figures(eg, find.eg(finess))
    if activites is not None:
        _apply_activites(result, load_json(activites), Path(activites).name, ege_ids, base)
    return result


def _eg(ege: dict[str, Any], ej_id: str, name: str, where: str) -> EntiteGeographique:
    info = ege.get("informationsGeneralesEGE") or {}
    finess = _code(_get(info, "numFinessEge"))
    if not finess or not FINESS_RE.match(finess):
        raise ImportFormatError(name, where, f"not a FINESS number: {finess!r}", field="numFinessEge")
    categorie = _code(_get(ege, "categorieEntiteGeographiqueExercice"))
    if not categorie:
        raise ImportFormatError(name, where, "mandatory value missing",
                                field="categorieEntiteGeographiqueExercice")
    adresses = ege.get("adresse") or []
    adr = next((a for u in SITE_ADDRESS_USAGES for a in adresses if _code(a.get("usageAdresse")) == u),
               adresses[0] if adresses else {})
    insee = _code(adr.get("cogCommune"))
    lieu = locate(insee=insee, postcode=_code(adr.get("codePostal")), city=_text(adr.get("ligneAcheminement")),
                  finess=finess)
    telephone = next((phone(str(c["telecom"]["telephone"])) for c in ege.get("contact") or []
                      if (c.get("telecom") or {}).get("telephone")), None)
    nom = _text(_get(info, "nomEgeLong")) or _text(_get(info, "nomEgeCourt")) or finess
    return EntiteGeographique(
        id=finess, ej_id=ej_id, nom=nom, categorie=categorie,
        adresse=Adresse(numero=_text(adr.get("numeroVoie")), type_voie=_text(adr.get("typeVoie")),
                        voie=_text(adr.get("libelleVoie")), lieu_dit=_text(adr.get("lieuDit")),
                        code_postal=_code(adr.get("codePostal")), localite=_text(adr.get("ligneAcheminement")),
                        commune_insee=lieu.commune_insee),
        coordonnees=_coordonnees(adr.get("coordonneesGeographique") or {}, lieu.departement, name,
                                 f"{where}.adresse"),
        region=lieu.region, departement=lieu.departement, telephone=telephone,
        date_ouverture=_date(_get(info, "dateOuverture"), where, name, "dateOuverture"),
        date_fermeture=_date(_get(info, "dateFermeture"), where, name, "dateFermeture"),
        siret=_code(_get(info, "siret")) or _code(ege.get("siret")), source=SOURCE)


def _coordonnees(geo: dict[str, Any], dep: str | None, name: str, where: str) -> Coordonnees | None:
    northing, easting = _code(geo.get("coordonneeX")), _code(geo.get("coordonneeY"))
    try:
        if northing and easting:
            return to_wgs84(float(easting), float(northing), system_of(None, dep))
        lat, lon = _code(geo.get("directionLatitude")), _code(geo.get("directionLongitude"))
        if lat and lon:
            return Coordonnees(float(lat), float(lon))
    except ValueError as exc:  # float() of a non-number
        raise ImportFormatError(name, where, f"not a number: {exc}", field="coordonneeX") from None
    except ValidationError as exc:
        raise ImportFormatError(name, where, exc.message, field="coordonneeX") from None
    return None


def _autorisation(item: dict[str, Any], name: str, where: str) -> tuple[Autorisation, str | None, str]:
    """(authorisation, egeId or None, etatObjet) of one `activitesAutorisees` item, either shape."""
    nature = item.get("nature")
    if isinstance(nature, dict):  # daily sample: {caracteristiquesGeneriques, nature{codeNature, ...}}
        generic = item.get("caracteristiquesGeneriques") or {}
        code_nature = _code(nature.get("codeNature"))
        specific = nature.get("caracteristiquesSpecifiques") or {}
    else:  # schema v1: {natureAMF: {caracteristiquesGeneriques, caracteristiquesSpecifiquesAMF}}
        key = next((k for k, v in item.items() if k.startswith("nature") and v), None)
        if key is None:
            raise ImportFormatError(name, where, "no nature", field="nature")
        code_nature = key[len("nature"):]
        generic = item[key].get("caracteristiquesGeneriques") or {}
        specific = next((v for k, v in item[key].items() if k.startswith("caracteristiquesSpecifiques")), {})
    codes = next((v for k, v in (specific or {}).items() if k.startswith("typeActivite") and v), specific or {})
    activite = next((_code(v) for k, v in codes.items() if k.lower().startswith("activite") and _code(v)), None)
    if activite is None:
        raise ImportFormatError(name, where, "no activity code", field="typeActivite")
    modalite = _code(codes.get("modaliteActivite")) or _code(codes.get("modeFonctionnement"))
    fin = (_get(generic, "dateFinActiviteAutorisee") or _get(generic, "dateFinEffectiveActivite")
           or _get(generic, "dateCaduciteAutorisation"))
    aut = Autorisation(activite=activite, modalite=modalite, forme=_code(codes.get("formeActivite")),
                       date_debut=_date(_get(generic, "dateDebutActiviteAutorisee"), where, name,
                                        "dateDebutActiviteAutorisee"),
                       date_fin=_date(fin, where, name, "dateFinActiviteAutorisee"), nature=code_nature)
    return aut, _code(_get(generic, "egeId")), _code(_get(generic, "etatObjet")) or "A"


def _apply_activites(result: ImportResult, data: dict[str, Any], name: str, ege_ids: dict[str, str],
                     base: Offre | Known | None) -> None:
    find = as_known(base)
    per_site: dict[str, list[Autorisation]] = {}
    for i, pm in enumerate(data["pmej"]):
        ej_id = _code(_get(pm, "numFiness", "numeroFiness"))
        sites = sorted({eg.id for eg in result.offre.eg.values() if eg.ej_id == ej_id}
                       | set(_sites_in_base(base, ej_id or "")))
        items: list[tuple[str, Any, str | None]] = [
            (f"pmej[{i}].activitesAutorisees[{k}]", a, None)
                 for k, a in enumerate(pm.get("activitesAutorisees") or [])]
        for k, ege in enumerate(pm.get("ege") or []):
            items += [(f"pmej[{i}].ege[{k}].activitesExercees[{m}]", a, _code(ege.get("numFinessEge")))
                      for m, a in enumerate(ege.get("activitesExercees") or [])]
        for where, item, site in items:
            result.read += 1
            aut, ege_id, etat = _autorisation(item, name, where)
            if etat != "A":
                result.skip(f"{name}:{where}", "authorisation not active", aut.activite)
                continue
            site = site or (ege_ids.get(ege_id) if ege_id else None) or (sites[0] if len(sites) == 1 else None)
            if site is None:
                result.skip(f"{name}:{where}", "authorisation not tied to one known site", ej_id or "")
                continue
            per_site.setdefault(site, []).append(aut)
    for site, auts in per_site.items():
        eg = result.offre.eg.get(site) or find.eg(site)
        if eg is None:
            result.skip(f"{name}", "authorisations of a site neither read nor held", site)
            continue
        result.offre.eg[site] = replace(eg, autorisations=tuple(auts))


def _sites_in_base(base: Offre | Known | None, ej_id: str) -> list[str]:
    if base is None:
        return []
    if isinstance(base, Offre):
        return [eg.id for eg in base.eg.values() if eg.ej_id == ej_id]
    return list(base.eg_ids_of_ej(ej_id))
