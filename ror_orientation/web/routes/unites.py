"""Sheets: a unit (UO) with everything about it, and an establishment site (EG) with its units.

What a caller sees depends on its rights (`droits.py`): sensitive units are 404 to public readers,
contacts are filtered by confidentiality, capacity is installed-only for them. Answers carry an ETag
over the stored data and the caller's level; time-derived fields are computed at answer time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from ...disponibilite import COURANT, INSTALLES, Chiffre, Disponibilite, Fraicheur, en_crise
from ...droits import (
    Appelant,
    capacites_visibles,
    contacts_eg_visibles,
    contacts_visibles,
    telephone_eg,
    voit_lits,
)
from ...errors import NotFoundError
from ...horaires import DAYS, Fermeture, Horaires, Plage, is_open, next_opening
from ...nomenclatures import Nomenclatures
from ...offre import (
    Adresse,
    Capacite,
    Contact,
    Coordonnees,
    EntiteGeographique,
    EntiteJuridique,
    Equipement,
    Identifiant,
    Lieu,
    Professionnel,
    UniteOperationnelle,
)
from ...service import Service
from ..wire import (
    ETABLISSEMENT_HORS_ETAG,
    UNITE_HORS_ETAG,
    AdresseOut,
    CapaciteEnregistreeOut,
    CapaciteOut,
    ChiffreOut,
    CodeOut,
    ContactOut,
    CoordonneesOut,
    DisponibiliteOut,
    EquipementOut,
    EtablissementOut,
    FermetureOut,
    HierarchieOut,
    HistoriqueLigneOut,
    HistoriqueOut,
    HorairesOut,
    IdentifiantOut,
    LieuOut,
    NoeudOut,
    PlageOut,
    ProfessionnelOut,
    TelecomOut,
    TrancheAgeOut,
    UniteOut,
    UniteResumeOut,
    ZoneOut,
)
from . import ERRORS, Authentifie, Lecteur, etag_response, json_response, service

router = APIRouter(prefix="/api/v1", tags=["fiches"], responses=ERRORS)

# `ror` (routes/__init__.py): ROR ids such as "24/1073" keep their slash, raw or percent-encoded,
# and a route's own suffix (/capacites/historique) is never read as part of an id.
UoId = Annotated[str, Path(min_length=1, max_length=64)]
JOURS = (*DAYS, "jours fériés")


def code(nom: Nomenclatures, table: str, value: str | None) -> CodeOut | None:
    if value is None:
        return None
    return CodeOut(code=value, libelle=nom.label(table, value))


def code_requis(nom: Nomenclatures, table: str, value: str) -> CodeOut:
    return CodeOut(code=value, libelle=nom.label(table, value))


def codes(nom: Nomenclatures, table: str, values: tuple[str, ...]) -> list[CodeOut]:
    return [CodeOut(code=v, libelle=nom.label(table, v)) for v in values]


def adresse_out(a: Adresse) -> AdresseOut:
    return AdresseOut(
        ligne=a.ligne(),
        numero=a.numero,
        type_voie=a.type_voie,
        voie=a.voie,
        lieu_dit=a.lieu_dit,
        code_postal=a.code_postal,
        localite=a.localite,
        commune_insee=a.commune_insee,
    )


def coordonnees_out(c: Coordonnees | None) -> CoordonneesOut | None:
    return CoordonneesOut(lat=c.lat, lon=c.lon) if c is not None else None


def capacite_out(
    nom: Nomenclatures, c: Capacite, now: datetime, fraicheur: Fraicheur
) -> CapaciteOut:
    """A record with labels, the age of its figure in minutes and whether it is stale (installed
    capacity against its own, much longer horizon)."""
    horizon = fraicheur.installes if c.statut in INSTALLES else fraicheur.libres
    age = (now - c.maj).total_seconds() / 60.0 if c.maj is not None else None
    return CapaciteOut(
        nature=code_requis(nom, "TRE_R329", c.nature),
        statut=code_requis(nom, "TRE_R330", c.statut),
        temporalite=code_requis(nom, "TRE_R331", c.temporalite),
        genre=code_requis(nom, "TRE_R332", c.genre),
        nombre=c.nombre,
        source=code_requis(nom, "TRE_R335", c.source),
        crise=code(nom, "TRE_R336", c.crise),
        type_lit_supplementaire=code(nom, "TRE_R334", c.type_lit_supplementaire),
        type_fermeture=code(nom, "TRE_R333", c.type_fermeture),
        affectation_temporaire=code(nom, "TRE_R337", c.affectation_temporaire),
        maj=c.maj,
        age_minutes=round(age, 1) if age is not None else None,
        perime=age is None or age > horizon.total_seconds() / 60.0,
    )


def chiffre_out(c: Chiffre | None) -> ChiffreOut | None:
    if c is None:
        return None
    return ChiffreOut(nombre=c.nombre, maj=c.maj, age_minutes=c.age_minutes, perime=c.perime,
                      temporalite=c.temporalite, prevision=c.temporalite != COURANT,
                      crise=c.crise, type_lit_supplementaire=c.type_lit)


def disponibilite_out(d: Disponibilite) -> DisponibiliteOut:
    """The one bed figure (`disponibilite.py`) as every answer carries it."""
    return DisponibiliteOut(
        natures=list(d.natures), unite=d.unite, sans_objet=d.sans_objet, visible=d.visible,
        nombre=d.nombre, perime=d.perime, texte=d.texte, crise=d.crise,
        hors_crise_comptes=d.hors_crise_comptes, compte=chiffre_out(d.compte),
        installe=chiffre_out(d.installe), maintenant=chiffre_out(d.maintenant),
        supplementaires=[c for c in map(chiffre_out, d.supplementaires) if c is not None],
        mobilisables=[c for c in map(chiffre_out, d.mobilisables) if c is not None],
        previsions=[c for c in map(chiffre_out, d.previsions) if c is not None],
    )


def plage_out(p: Plage, nom: Nomenclatures | None = None) -> PlageOut:
    return PlageOut(jour=p.jour, jour_libelle=JOURS[p.jour], debut=p.debut.strftime("%H:%M"),
                    fin=p.fin.strftime("%H:%M"),
                    type_horaire=code(nom, "TRE_R252", p.type_horaire) if nom is not None else None)


def fermeture_out(f: Fermeture) -> FermetureOut:
    return FermetureOut(
        debut=f.debut.isoformat(),
        reouverture_prevue=f.reouverture_prevue.isoformat() if f.reouverture_prevue else None,
        definitive=f.definitive,
        motif=f.motif,
    )


def horaires_out(h: Horaires, nom: Nomenclatures | None = None) -> HorairesOut:
    return HorairesOut(
        permanent=h.permanent,
        ferme_jours_feries=h.ferme_jours_feries,
        plages=[plage_out(p, nom) for p in h.plages],
        debut_validite=h.debut_validite.isoformat() if h.debut_validite else None,
        fin_validite=h.fin_validite.isoformat() if h.fin_validite else None,
        fermetures=[fermeture_out(f) for f in h.fermetures],
    )


def contact_out(c: Contact) -> ContactOut:
    return ContactOut(
        fonction=c.fonction,
        nature=c.nature,
        nature_code=c.nature_code,
        nom=c.nom,
        telecoms=[
            TelecomOut(canal=t.canal.value, valeur=t.valeur,
                       confidentialite=t.confidentialite.value)
            for t in c.telecoms
        ],
    )


def equipement_out(nom: Nomenclatures, e: Equipement) -> EquipementOut:
    return EquipementOut(
        code=e.code,
        libelle=nom.label("TRE_R212", e.code),
        caracteristique=code(nom, "TRE_R340", e.caracteristique),
        valeur=e.valeur,
        quantite=e.quantite,
    )


def professionnel_out(nom: Nomenclatures, p: Professionnel, uo_id: str) -> ProfessionnelOut:
    ici = [x for x in p.exercices if x.uo_id == uo_id]
    acts = tuple(x.activite for x in ici if x.activite)
    mode = next((x.mode_exercice for x in ici if x.mode_exercice), None)
    return ProfessionnelOut(
        id=p.id,
        nom=p.nom,
        prenom=p.prenom,
        profession=code_requis(nom, "TRE_G15", p.profession),
        specialite=code(nom, "TRE_R38", p.specialite),
        activites=codes(nom, "TRE_R211", acts),
        mode_exercice=code(nom, "TRE_R23", mode),
        savoir_faire=codes(nom, "JDV_J209", tuple(dict.fromkeys(s for x in ici for s in x.savoir_faire))),
        nom_exercice=next((x.nom_exercice for x in ici if x.nom_exercice), None),
    )


def identifiants_out(identifiants: tuple[Identifiant, ...]) -> list[IdentifiantOut]:
    return [IdentifiantOut(valeur=i.valeur, type=i.type, systeme=i.systeme) for i in identifiants]


def lieu_out(svc: Service, appelant: Appelant, uo: UniteOperationnelle, lieu: Lieu,
             now: datetime) -> LieuOut:
    """One place, its capacity filtered like the unit's (installed only for public readers)."""
    nom = svc.nomenclatures
    return LieuOut(
        id=lieu.id, nom=lieu.nom, statut=lieu.statut, fonctions=codes(nom, "TRE_R343", lieu.fonctions),
        identifiants=identifiants_out(lieu.identifiants),
        adresse=adresse_out(lieu.adresse) if lieu.adresse is not None else None,
        commune_cog=lieu.commune_cog, region=lieu.region, coordonnees=coordonnees_out(lieu.coordonnees),
        capacites=[capacite_out(nom, c, now, svc.fraicheur())
                   for c in capacites_visibles(appelant, replace(uo, capacites=lieu.capacites))],
        equipements=[equipement_out(nom, e) for e in lieu.equipements])


def ej_of(svc: Service, eg: EntiteGeographique) -> EntiteJuridique | None:
    """The site's legal entity, or None when it has none or it is not in the store."""
    if not eg.ej_id:
        return None
    try:
        return svc.store.get_ej(eg.ej_id)
    except NotFoundError:
        return None


def ej_out(e: EntiteJuridique | None) -> NoeudOut | None:
    return NoeudOut(id=e.id, nom=e.nom, type=None) if e else None


def hierarchie_out(svc: Service, uo: UniteOperationnelle, eg: EntiteGeographique) -> HierarchieOut:
    nom = svc.nomenclatures
    chain: list[NoeudOut] = []
    oi_id, seen = uo.oi_id, set()
    while oi_id and oi_id not in seen:  # walk up to the pôle (guarding against a cycle)
        seen.add(oi_id)
        try:
            oi = svc.store.get_oi(oi_id)
        except NotFoundError:
            break
        chain.append(NoeudOut(id=oi.id, nom=oi.nom, type=code(nom, "TRE_R207", oi.type)))
        oi_id = oi.parent_id
    return HierarchieOut(
        ej=ej_out(ej_of(svc, eg)),
        eg=NoeudOut(id=eg.id, nom=eg.nom, type=code(nom, "JDV_J55", eg.categorie)),
        organisations=list(reversed(chain)),
    )


def fiche_unite(
    svc: Service, appelant: Appelant, uo: UniteOperationnelle, now: datetime
) -> UniteOut:
    """The unit's sheet as this caller may see it (`UNITE_HORS_ETAG` lists its clock-derived
    parts)."""
    nom = svc.nomenclatures
    eg = svc.store.get_eg(uo.eg_id)
    adresse = uo.adresse or eg.adresse
    ouvert = is_open(uo.horaires, now)
    return UniteOut(
        id=uo.id,
        nom=uo.nom,
        eg_id=uo.eg_id,
        hierarchie=hierarchie_out(svc, uo, eg),
        champ=code_requis(nom, "TRE_R227", uo.champ),
        activite=code_requis(nom, "TRE_R211", uo.activite),
        mode_prise_en_charge=code(nom, "TRE_R213", uo.mode_prise_en_charge),
        categorie_organisation=code(nom, "TRE_R244", uo.categorie_organisation),
        actes=codes(nom, "TRE_R210", uo.actes),
        competences=codes(nom, "TRE_R243", uo.competences),
        publics=codes(nom, "TRE_R239", uo.publics),
        age_min=uo.age_min,
        age_max=uo.age_max,
        equipements=[equipement_out(nom, e) for e in uo.equipements],
        horaires=horaires_out(uo.horaires, nom),
        ouvert_maintenant=ouvert,
        ouverture_prochaine=None if ouvert else next_opening(uo.horaires, now),
        contacts=[contact_out(c) for c in contacts_visibles(appelant, uo)],
        disponibilite=disponibilite_out(svc.disponibilite(appelant, uo, now)),
        capacites=[
            capacite_out(nom, c, now, svc.fraicheur())
            for c in capacites_visibles(appelant, uo)
        ],
        professionnels=[
            professionnel_out(nom, p, uo.id) for p in svc.store.professionnels_of_uo(uo.id)
        ],
        adresse=adresse_out(adresse) if adresse is not None else None,
        coordonnees=coordonnees_out(eg.coordonnees),
        sensible=uo.sensible,
        statut=uo.statut.value,
        id_externe_synchro=uo.id_externe_synchro,
        commentaire=uo.commentaire,
        maj=uo.maj,
        genere=uo.genere,
        identifiants=identifiants_out(uo.identifiants),
        lieux=[lieu_out(svc, appelant, uo, lieu, now) for lieu in uo.lieux],
        tranche_age=TrancheAgeOut(min=uo.tranche_age.min, max=uo.tranche_age.max,
                                  unite=uo.tranche_age.unite) if uo.tranche_age else None,
        secteur_psychiatrique=uo.secteur_psychiatrique, region=uo.region,
        zones_intervention=[ZoneOut(type=z.type, code=z.code) for z in uo.zones_intervention],
        type_maternite=code(nom, "TRE_R253", uo.type_maternite),
        ouverture_annuelle=code(nom, "TRE_R238", uo.ouverture_annuelle),
        temporalites_accueil=codes(nom, "TRE_R240", uo.temporalites_accueil),
    )


def capacite_enregistree_out(c: Capacite) -> CapaciteEnregistreeOut:
    return CapaciteEnregistreeOut(
        nature=c.nature,
        statut=c.statut,
        temporalite=c.temporalite,
        genre=c.genre,
        nombre=c.nombre,
        source=c.source,
        maj=c.maj,
        crise=c.crise,
        type_lit_supplementaire=c.type_lit_supplementaire,
    )


def unite_resume_out(
    svc: Service, appelant: Appelant, u: UniteOperationnelle, now: datetime
) -> UniteResumeOut:
    nom = svc.nomenclatures
    return UniteResumeOut(
        id=u.id,
        nom=u.nom,
        champ=code_requis(nom, "TRE_R227", u.champ),
        activite=code_requis(nom, "TRE_R211", u.activite),
        mode_prise_en_charge=code(nom, "TRE_R213", u.mode_prise_en_charge),
        sensible=u.sensible,
        genere=u.genere,
        disponibilite=disponibilite_out(svc.disponibilite(appelant, u, now)),
    )


@router.get(
    "/unites/{uo_id:ror}/capacites/historique",
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
        HistoriqueOut(
            uo_id=uo_id,
            historique=[
                HistoriqueLigneOut(
                    id=r["id"],
                    recu_le=r["recu_le"],
                    auteur=r["auteur"],
                    capacite=capacite_enregistree_out(r["capacite"]),
                )
                for r in rows
            ],
        )
    )


@router.get("/unites/{uo_id:ror}", response_model=UniteOut, summary="A unit's sheet")
def unite(request: Request, appelant: Lecteur, uo_id: UoId) -> Response:
    svc = service(request)
    uo = svc.unite_visible(appelant, uo_id)  # a hidden unit answers like a missing one
    niveau = "complet" if appelant.lecture_complete(uo.eg_id) else "public"
    fiche = fiche_unite(svc, appelant, uo, datetime.now(UTC))
    return etag_response(request, fiche, niveau, UNITE_HORS_ETAG)


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
    uos = svc.store.get_many("uo", svc.store.uo_ids_of_eg(eg_id))
    now = datetime.now(UTC)
    visibles = [u for u in sorted(uos.values(), key=lambda u: (u.nom, u.id)) if appelant.voit_uo(u)]
    lits = voit_lits(appelant, eg.id)
    crises = sorted({c for u in visibles if (c := en_crise(u.capacites))}) if lits else []
    ej = ej_of(svc, eg)
    fiche = EtablissementOut(
        id=eg.id,
        nom=eg.nom,
        ej=ej_out(ej),
        categorie=code_requis(nom, "JDV_J55", eg.categorie),
        adresse=adresse_out(eg.adresse),
        coordonnees=coordonnees_out(eg.coordonnees),
        region=eg.region,
        departement=eg.departement,
        telephone=telephone_eg(appelant, eg),
        ouvert=eg.ouvert,
        unites=[unite_resume_out(svc, appelant, u, now) for u in visibles],
        genere=eg.genere,
        en_crise=bool(crises) if lits else None,
        crises=crises,
        contacts=[contact_out(c) for c in contacts_eg_visibles(appelant, eg)],
        siret=eg.siret,
        identifiants=identifiants_out(eg.identifiants),
        date_ouverture=eg.date_ouverture.isoformat() if eg.date_ouverture else None,
        date_fermeture=eg.date_fermeture.isoformat() if eg.date_fermeture else None,
        aides_financieres=codes(nom, "TRE_R241", eg.aides_financieres),
        accueil_famille=eg.accueil_famille,
        ej_statut_juridique=code(nom, "TRE_R72", ej.statut_juridique) if ej else None,
    )
    niveau = "complet" if appelant.lecture_complete(eg.id) else "public"
    return etag_response(request, fiche, niveau, ETABLISSEMENT_HORS_ETAG)
