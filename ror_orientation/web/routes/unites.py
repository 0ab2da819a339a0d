"""Sheets: a unit (UO) with everything about it, and an establishment site (EG) with its units.

What a caller sees depends on its rights (`droits.py`): sensitive units are 404 to public readers,
contacts are filtered by confidentiality, capacity is installed-only for them. Answers carry an ETag
over the stored data and the caller's level; time-derived fields are computed at answer time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ...droits import Appelant, capacites_visibles, contacts_visibles
from ...errors import NotFoundError
from ...horaires import DAYS, Horaires, is_open, next_opening
from ...nomenclatures import Nomenclatures
from ...offre import Adresse, Capacite, EntiteGeographique, UniteOperationnelle
from ...serialisation import to_plain
from ...service import Service
from ..schemas import EtablissementOut, HistoriqueOut, UniteOut
from . import ERRORS, Authentifie, Lecteur, etag_response, json_response, service

router = APIRouter(prefix="/api/v1", tags=["fiches"], responses=ERRORS)

UoId = Annotated[str, Path(min_length=1, max_length=64)]


def code(nom: Nomenclatures, table: str, value: str | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"code": value, "libelle": nom.label(table, value)}


def codes(nom: Nomenclatures, table: str, values: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"code": v, "libelle": nom.label(table, v)} for v in values]


def adresse_plain(a: Adresse | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "ligne": a.ligne(),
        "numero": a.numero,
        "type_voie": a.type_voie,
        "voie": a.voie,
        "lieu_dit": a.lieu_dit,
        "code_postal": a.code_postal,
        "localite": a.localite,
        "commune_insee": a.commune_insee,
    }


def capacite_stable(nom: Nomenclatures, c: Capacite) -> dict[str, Any]:
    return {
        "nature": code(nom, "TRE_R329", c.nature),
        "statut": code(nom, "TRE_R330", c.statut),
        "temporalite": code(nom, "TRE_R331", c.temporalite),
        "genre": code(nom, "TRE_R332", c.genre),
        "nombre": c.nombre,
        "source": code(nom, "TRE_R335", c.source),
        "crise": code(nom, "TRE_R336", c.crise),
        "type_lit_supplementaire": code(nom, "TRE_R334", c.type_lit_supplementaire),
        "maj": c.maj.isoformat() if c.maj else None,
    }


def capacite_plain(
    nom: Nomenclatures, c: Capacite, now: datetime, stale_after_min: float
) -> dict[str, Any]:
    """A record with labels, the age of its figure in minutes and whether it is stale."""
    out = capacite_stable(nom, c)
    age = (now - c.maj).total_seconds() / 60.0 if c.maj is not None else None
    out["age_minutes"] = round(age, 1) if age is not None else None
    out["perime"] = age is None or age > stale_after_min
    return out


def horaires_plain(h: Horaires) -> dict[str, Any]:
    jours = (*DAYS, "jours fériés")
    return {
        "permanent": h.permanent,
        "ferme_jours_feries": h.ferme_jours_feries,
        "plages": [
            {
                "jour": p.jour,
                "jour_libelle": jours[p.jour],
                "debut": p.debut.strftime("%H:%M"),
                "fin": p.fin.strftime("%H:%M"),
            }
            for p in h.plages
        ],
        "debut_validite": h.debut_validite.isoformat() if h.debut_validite else None,
        "fin_validite": h.fin_validite.isoformat() if h.fin_validite else None,
        "fermetures": [
            {
                "debut": f.debut.isoformat(),
                "reouverture_prevue": (
                    f.reouverture_prevue.isoformat() if f.reouverture_prevue else None
                ),
                "definitive": f.definitive,
                "motif": f.motif,
            }
            for f in h.fermetures
        ],
    }


def ej_plain(svc: Service, eg: EntiteGeographique) -> dict[str, Any] | None:
    """The site's legal entity, or None when it has none or it is not in the store."""
    if not eg.ej_id:
        return None
    try:
        e = svc.store.get_ej(eg.ej_id)
    except NotFoundError:
        return None
    return {"id": e.id, "nom": e.nom, "type": None}


def hierarchie_plain(
    svc: Service, uo: UniteOperationnelle, eg: EntiteGeographique
) -> dict[str, Any]:
    nom = svc.nomenclatures
    ej = ej_plain(svc, eg)
    chain: list[dict[str, Any]] = []
    oi_id, seen = uo.oi_id, set()
    while oi_id and oi_id not in seen:  # walk up to the pôle (guarding against a cycle)
        seen.add(oi_id)
        try:
            oi = svc.store.get_oi(oi_id)
        except NotFoundError:
            break
        chain.append({"id": oi.id, "nom": oi.nom, "type": code(nom, "TRE_R207", oi.type)})
        oi_id = oi.parent_id
    return {
        "ej": ej,
        "eg": {"id": eg.id, "nom": eg.nom, "type": code(nom, "JDV_J55", eg.categorie)},
        "organisations": list(reversed(chain)),
    }


def _visible_uo(svc: Service, appelant: Appelant, uo_id: str) -> UniteOperationnelle:
    return svc.unite_visible(appelant, uo_id)  # a hidden unit answers like a missing one


def fiche_unite(
    svc: Service, appelant: Appelant, uo: UniteOperationnelle, now: datetime
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The unit's sheet and its stable part (what the ETag covers)."""
    nom = svc.nomenclatures
    eg = svc.store.get_eg(uo.eg_id)
    caps = capacites_visibles(appelant, uo)
    profs = []
    for p in svc.store.professionnels_of_uo(uo.id):
        acts = tuple(x.activite for x in p.exercices if x.uo_id == uo.id and x.activite)
        profs.append(
            {
                "id": p.id,
                "nom": p.nom,
                "prenom": p.prenom,
                "profession": code(nom, "TRE_G15", p.profession),
                "specialite": code(nom, "TRE_R38", p.specialite),
                "activites": codes(nom, "TRE_R211", acts),
            }
        )
    adresse = uo.adresse or eg.adresse
    coords = eg.coordonnees
    stable = {
        "id": uo.id,
        "nom": uo.nom,
        "eg_id": uo.eg_id,
        "hierarchie": hierarchie_plain(svc, uo, eg),
        "champ": code(nom, "TRE_R227", uo.champ),
        "activites": codes(nom, "TRE_R211", uo.activites),
        "mode_prise_en_charge": code(nom, "TRE_R213", uo.mode_prise_en_charge),
        "categorie_organisation": code(nom, "TRE_R244", uo.categorie_organisation),
        "actes": codes(nom, "TRE_R210", uo.actes),
        "competences": codes(nom, "TRE_R243", uo.competences),
        "publics": codes(nom, "TRE_R239", uo.publics),
        "age_min": uo.age_min,
        "age_max": uo.age_max,
        "equipements": [
            {
                "code": e.code,
                "libelle": nom.label("TRE_R212", e.code),
                "caracteristique": code(nom, "TRE_R340", e.caracteristique),
                "valeur": e.valeur,
                "quantite": e.quantite,
            }
            for e in uo.equipements
        ],
        "horaires": horaires_plain(uo.horaires),
        "contacts": [
            {
                "fonction": c.fonction,
                "nature": c.nature,
                "nom": c.nom,
                "telecoms": [
                    {
                        "canal": t.canal.value,
                        "valeur": t.valeur,
                        "confidentialite": t.confidentialite.value,
                    }
                    for t in c.telecoms
                ],
            }
            for c in contacts_visibles(appelant, uo)
        ],
        "capacites": [capacite_stable(nom, c) for c in caps],
        "professionnels": profs,
        "adresse": adresse_plain(adresse),
        "coordonnees": {"lat": coords.lat, "lon": coords.lon} if coords else None,
        "sensible": uo.sensible,
        "statut": uo.statut.value,
        "id_externe_synchro": uo.id_externe_synchro,
        "commentaire": uo.commentaire,
        "maj": uo.maj.isoformat() if uo.maj else None,
        "genere": uo.genere,
    }
    prochaine = next_opening(uo.horaires, now)
    data = stable | {
        "capacites": [capacite_plain(nom, c, now, svc.settings.stale_after_minutes) for c in caps],
        "ouvert_maintenant": is_open(uo.horaires, now),
        "ouverture_prochaine": prochaine.isoformat() if prochaine else None,
    }
    return data, stable


@router.get("/unites/{uo_id}", response_model=UniteOut, summary="A unit's sheet")
def unite(request: Request, appelant: Lecteur, uo_id: UoId) -> Response:
    svc = service(request)
    uo = _visible_uo(svc, appelant, uo_id)
    niveau = "complet" if appelant.lecture_complete(uo.eg_id) else "public"
    data, stable = fiche_unite(svc, appelant, uo, datetime.now(UTC))
    return etag_response(request, stable, data, niveau)


@router.get(
    "/unites/{uo_id}/capacites/historique",
    response_model=HistoriqueOut,
    summary="The history of a unit's capacity records, newest first",
)
def historique(
    request: Request,
    appelant: Authentifie,
    uo_id: UoId,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    svc = service(request)
    uo = svc.unite_visible(appelant, uo_id)
    appelant.exiger_historique(uo.eg_id)
    rows = svc.store.capacite_history(uo_id, limit=limit)
    return json_response(
        {
            "uo_id": uo_id,
            "historique": [
                {
                    "id": r["id"],
                    "recu_le": r["recu_le"].isoformat(),
                    "auteur": r["auteur"],
                    "capacite": to_plain(r["capacite"]),
                }
                for r in rows
            ],
        }
    )


@router.get(
    "/etablissements/{eg_id}",
    response_model=EtablissementOut,
    summary="An establishment site (EG) with its units",
)
def etablissement(
    request: Request, appelant: Lecteur, eg_id: Annotated[str, Path(min_length=1, max_length=32)]
) -> Response:
    svc = service(request)
    nom = svc.nomenclatures
    eg = svc.store.get_eg(eg_id)
    ej = ej_plain(svc, eg)
    uos = svc.store.get_many("uo", svc.store.uo_ids_of_eg(eg_id))
    unites = [
        {
            "id": u.id,
            "nom": u.nom,
            "champ": code(nom, "TRE_R227", u.champ),
            "activites": codes(nom, "TRE_R211", u.activites),
            "mode_prise_en_charge": code(nom, "TRE_R213", u.mode_prise_en_charge),
            "sensible": u.sensible,
        }
        for u in sorted(uos.values(), key=lambda u: (u.nom, u.id))
        if appelant.voit_uo(u)
    ]
    data = {
        "id": eg.id,
        "nom": eg.nom,
        "ej": ej,
        "categorie": code(nom, "JDV_J55", eg.categorie),
        "adresse": adresse_plain(eg.adresse),
        "coordonnees": (
            {"lat": eg.coordonnees.lat, "lon": eg.coordonnees.lon} if eg.coordonnees else None
        ),
        "region": eg.region,
        "departement": eg.departement,
        "telephone": eg.telephone,
        "ouvert": eg.ouvert,
        "unites": unites,
        "genere": eg.genere,
    }
    niveau = "complet" if appelant.lecture_complete(eg.id) else "public"
    return etag_response(request, data, data, niveau)
