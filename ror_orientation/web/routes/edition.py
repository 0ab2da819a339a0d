"""Editing the offer over HTTP: a thin adapter over `edition.Saisie` (parse → one call → answer).

Records carry an ETag (version + digest); writes need `If-Match` and a stale one answers 409 with
both versions. Autosaved drafts live per person and per record until saved: the person is named by
`X-ROR-Utilisateur` (their e-mail, declared on the key; see `edition/personnes.py`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path as Chemin
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Header, Path, Query, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ...droits import Appelant, Droit
from ...edition.aide import aider_uo
from ...edition.circuit import Action
from ...edition.fiche import Fiche
from ...edition.fusion import ecarts, fusionner
from ...edition.journal import en_csv
from ...edition.personnes import ENTETE, declarer, identifier, qui, retirer
from ...edition.saisie import Conflit
from ...errors import ForbiddenError, NotFoundError, ValidationError
from ...service import Service
from ..wire.base import Sortie
from ..wire.edition import (
    AideOut,
    ArbreOut,
    BrouillonGardeOut,
    BrouillonsOut,
    ConflitOut,
    EcartsOut,
    FicheOut,
    FichesOut,
    JournalOut,
    LotOut,
    MoiOut,
    OublieOut,
    PersonnesOut,
    PublicationOut,
)
from . import ERRORS, Authentifie, json_response, service

S = TypeVar("S", bound=Sortie)

def editant(request: Request, appelant: Authentifie,
            utilisateur: Annotated[str | None, Header(alias=ENTETE, description=(
                "E-mail of the person typing, declared on the key (required once the key "
                "declares persons)"))] = None) -> Appelant:
    """The caller and the person acting under its key (drafts, journal, validations)."""
    return identifier(_svc(request).saisie.sql, appelant, utilisateur)


Editant = Annotated[Appelant, Depends(editant)]


def _visible(request: Request, appelant: Authentifie) -> None:
    """Every route on one record: a unit the caller may not see is missing, before any other
    answer (a rights refusal, a body error) could tell it exists."""
    kind, record_id = request.path_params.get("kind"), request.path_params.get("record_id")
    if kind is not None and record_id is not None:
        _svc(request).saisie.exiger_visible(appelant, kind, record_id)


router = APIRouter(prefix="/api/v1/edition", tags=["édition"], responses=ERRORS,
                   dependencies=[Depends(_visible)])
# The validation sheet sits beside the unit sheet's PDF, outside the JSON API.
papier = APIRouter(tags=["édition"], include_in_schema=False)
CONFLIT: dict[int | str, dict[str, Any]] = {
    409: {"model": ConflitOut, "description": "Stale If-Match: both versions"},
    428: {"description": "If-Match missing"}}

Kind = Annotated[Literal["ej", "eg", "oi", "uo"], Path(description="ej, eg, oi or uo")]
Id = Annotated[str, Path(min_length=1, max_length=64)]
IfMatch = Annotated[str | None, Header(alias="If-Match")]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DonneesIn(_In):
    data: dict[str, Any] = Field(description="The record as the model's plain JSON (every field)")


class BrouillonIn(_In):
    data: dict[str, Any]
    base_version: int = Field(ge=0, description="The version the form was loaded from")


class DeplacementIn(_In):
    parent_id: str | None = Field(max_length=64, description="New parent (None: directly under "
                                                              "the EG)")


class FermetureIn(_In):
    debut: date
    reouverture_prevue: date | None = None
    definitive: bool = False
    motif: str | None = Field(None, max_length=500)


class ReouvertureIn(_In):
    le: date | None = None


class ValidationIn(_In):
    signataire: str | None = Field(None, max_length=160, description="Name of the physician or "
                                                                     "director who validates")


class RetourIn(_In):
    commentaire: str = Field(max_length=4000, description="What to correct")


class EcartsIn(_In):
    data: dict[str, Any] = Field(description="The proposed record (a stale draft, a 409's proposal)")
    miennes: list[str] = Field(default_factory=list, max_length=2000,
                               description="Paths (as in `differences`) where the proposal wins")


class CopieIn(_In):
    nom: str | None = Field(None, max_length=300)
    oi_id: str | None = Field(None, max_length=64)


def _sortie(model: type[S], data: Any) -> S:
    """The answer as its wire model: a key the model does not declare fails here, not in a client."""
    return model.model_validate(data)


def _svc(request: Request) -> Service:
    return service(request)


def _fiche_response(f: Fiche, status: int = 200, extra: dict[str, Any] | None = None) -> Response:
    return json_response(FicheOut.model_validate({**f.to_dict(), **(extra or {})}), status=status,
                         headers={"ETag": f.etag, "Cache-Control": "private, no-store"})


def _conflit_response(exc: Conflit) -> Response:
    """409 with the one error shape plus both versions (what is stored now, what was sent), and
    what differs element by element."""
    body = {"error": exc.to_dict(), "actuelle": exc.actuelle.to_dict(), "proposee": exc.proposee,
            "differences": [e.to_dict() for e in ecarts(exc.actuelle.data, exc.proposee)]}
    return json_response(ConflitOut.model_validate(body), status=409,
                         headers={"ETag": exc.actuelle.etag})


def _eg_plain(svc: Service, eg_id: str | None) -> dict[str, Any] | None:
    if not eg_id:
        return None
    try:
        return svc.saisie.fiche("eg", eg_id).data
    except NotFoundError:  # an EG being written may not exist yet: help without it
        return None


def _propositions(svc: Service, data: dict[str, Any]) -> dict[str, Any]:
    if svc.engine is None:
        return {"pairs": 0, "propositions": []}
    svc.synchroniser_publications()  # the graph follows what any worker published
    pratiques = svc.saisie.pratiques(svc.engine.offre, svc.engine.graph)
    deja = {f"R210:{c}" for c in data.get("actes") or ()} | {
        f"R243:{c}" for c in data.get("competences") or ()}
    pairs, props = pratiques.proposer(
        data["activite"] if isinstance(data.get("activite"), str) else None,
        data.get("mode_prise_en_charge"), svc.nomenclatures,
        exclure=data["id"] if isinstance(data.get("id"), str) else None)
    return {"pairs": pairs, "propositions": [p.to_dict() for p in props if p.code not in deja]}


def _aide(svc: Service, kind: str, data: dict[str, Any]) -> dict[str, Any] | None:
    if kind != "uo":
        return None
    aide = aider_uo(data, svc.nomenclatures, _eg_plain(svc, data.get("eg_id")))
    aide["aptitudes"] = _propositions(svc, data)
    return aide


# ------------------------------------------------------------------------------------- reads
def _personne(p: Any) -> dict[str, Any]:
    return {"email": p.email, "nom": p.nom, "ajoute_le": p.ajoute_le.isoformat()}


class PersonneIn(_In):
    nom: str = Field(min_length=1, max_length=120, description="First and last name")


@router.get("/personnes", response_model=PersonnesOut, summary="The persons declared on the caller's key")
def personnes(request: Request, appelant: Authentifie) -> Response:
    rows = _svc(request).saisie.sql.personnes(appelant.application_id or 0)
    return json_response(_sortie(PersonnesOut, {"personnes": [_personne(p) for p in rows]}))


@router.put("/personnes/{email}", response_model=PersonnesOut, summary="Declare a person on the caller's key")
def declarer_personne(request: Request, appelant: Authentifie,
                      email: Annotated[str, Path(max_length=254)], corps: PersonneIn) -> Response:
    sql = _svc(request).saisie.sql
    declarer(sql, appelant, email, corps.nom)
    return personnes(request, appelant)


@router.delete("/personnes/{email}", response_model=PersonnesOut, summary="Withdraw a person from the caller's key")
def retirer_personne(request: Request, appelant: Authentifie,
                     email: Annotated[str, Path(max_length=254)]) -> Response:
    retirer(_svc(request).saisie.sql, appelant, email)
    return personnes(request, appelant)


@router.get("/moi", response_model=MoiOut, summary="The caller's editing rights, EGs and persons")
def moi(request: Request, appelant: Authentifie,
        utilisateur: Annotated[str | None, Header(alias=ENTETE)] = None) -> Response:
    """Never refuses for a missing person: the page asks it who is typing from `personnes`."""
    svc = _svc(request)
    declares = svc.saisie.sql.personnes(appelant.application_id or 0)
    if utilisateur and utilisateur.strip():
        appelant = identifier(svc.saisie.sql, appelant, utilisateur)
    egs = []
    for eg_id in sorted(appelant.eg_ids):
        try:
            egs.append({"id": eg_id, "nom": svc.saisie.fiche("eg", eg_id).data.get("nom")})
        except NotFoundError:  # a revoked EG id in an old key: listed without its name
            egs.append({"id": eg_id, "nom": None})
    return json_response(_sortie(MoiOut, {"nom": appelant.nom, "application_id": appelant.application_id,
                          "droits": sorted(d.value for d in appelant.droits), "egs": egs,
                          "editeur": appelant.admin or Droit.EDITEUR in appelant.droits,
                          "validateur": appelant.admin or Droit.VALIDATEUR in appelant.droits,
                          "personne": None if appelant.personne is None else next(
                              (_personne(p) for p in declares
                               if p.email == appelant.personne.email), None),
                          "personnes": [_personne(p) for p in declares]}))


@router.get("/arbre/{eg_id}", response_model=ArbreOut, summary="An EG's tree (published records and working copies)")
def arbre(request: Request, appelant: Editant, eg_id: Id) -> Response:
    return json_response(_sortie(ArbreOut, _svc(request).saisie.arbre(appelant, eg_id)))


@router.get("/brouillons", response_model=BrouillonsOut, summary="The caller's unsaved drafts (autosaved)")
def brouillons(request: Request, appelant: Editant) -> Response:
    rows = _svc(request).saisie.sql.brouillons(appelant.application_id or 0, qui(appelant))
    return json_response(_sortie(BrouillonsOut, {"brouillons": [
        {"kind": b.kind, "id": b.id, "base_version": b.base_version,
         "enregistre_le": b.enregistre_le.isoformat(), "nom": b.data.get("nom")} for b in rows]}))


@router.post("/aide", response_model=AideOut, summary="Live help on a unit as typed (criteria, charter, aptitudes)")
def aide(request: Request, appelant: Editant, corps: DonneesIn) -> Response:
    svc = _svc(request)
    eg_id = corps.data.get("eg_id")
    if not appelant.admin and eg_id not in appelant.eg_ids:
        raise ForbiddenError(f"application {appelant.nom!r} works in EG "
                             f"{', '.join(sorted(appelant.eg_ids)) or 'none'} only", field="eg_id")
    return json_response(_sortie(AideOut, _aide(svc, "uo", corps.data)))


@router.get("/{kind}/{record_id}", response_model=FicheOut, summary="A record under edition, with the caller's draft")
def lire(request: Request, appelant: Editant, kind: Kind, record_id: Id) -> Response:
    svc = _svc(request)
    f = svc.saisie.lire(appelant, kind, record_id)
    b = svc.saisie.sql.brouillon(appelant.application_id or 0, qui(appelant), kind,
                                 record_id)
    brouillon = None if b is None else {"data": b.data, "base_version": b.base_version,
                                        "enregistre_le": b.enregistre_le.isoformat(),
                                        "herite": b.personne != qui(appelant)}
    return _fiche_response(f, extra={"brouillon": brouillon,
                                     "aide": _aide(svc, kind, b.data if b else f.data)})


@router.get("/{kind}/{record_id}/journal", response_model=JournalOut, responses={200: {"content": {"text/csv": {}}}}, summary="The record's audit trail (JSON or CSV)")
def journal(request: Request, appelant: Editant, kind: Kind, record_id: Id,
            format: Annotated[Literal["json", "csv"], Query()] = "json") -> Response:
    svc = _svc(request)
    svc.saisie.lire(appelant, kind, record_id)
    lignes = svc.saisie.sql.journal(kind, record_id)
    if format == "csv":
        return Response(en_csv(lignes), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="historique-{quote(record_id, safe="")}.csv"'})
    return json_response(_sortie(JournalOut, {"kind": kind, "id": record_id, "lignes": [x.to_dict() for x in lignes]}))


@router.post("/{kind}/{record_id}/ecarts", response_model=EcartsOut, summary="A proposal against the stored version: differences per nested element, and the merge chosen")
def comparer(request: Request, appelant: Editant, kind: Kind, record_id: Id,
             corps: EcartsIn) -> Response:
    saisie = _svc(request).saisie
    f = saisie.lire(appelant, kind, record_id)
    proposee = saisie.normaliser(kind, {**corps.data, "id": record_id})
    diffs = ecarts(f.data, proposee)
    connus = {e.texte: e.chemin for e in diffs}
    inconnus = [c for c in corps.miennes if c not in connus]
    if inconnus:
        raise ValidationError(f"miennes: {inconnus[0]!r} is not a difference between the stored "
                              "version and the proposal", field="miennes")
    fusion = fusionner(f.data, proposee, {connus[c] for c in corps.miennes})
    return json_response(_sortie(EcartsOut, {"version": f.version, "etag": f.etag,
                                             "differences": [e.to_dict() for e in diffs],
                                             "fusion": fusion}),
                         headers={"ETag": f.etag, "Cache-Control": "private, no-store"})


# ------------------------------------------------------------------------------------- writes
@router.post("/{kind}", response_model=FicheOut, status_code=201, summary="Create a record (a working copy in brouillon)")
def creer(request: Request, appelant: Editant, kind: Kind, corps: DonneesIn) -> Response:
    return _fiche_response(_svc(request).saisie.creer(appelant, kind, corps.data), status=201)


@router.put("/{kind}/{record_id}", response_model=FicheOut, responses=CONFLIT, summary="Save a new version (If-Match required)")
def enregistrer(request: Request, appelant: Editant, kind: Kind, record_id: Id, corps: DonneesIn,
                if_match: IfMatch = None) -> Response:
    svc = _svc(request)
    try:
        f = svc.saisie.enregistrer(appelant, kind, record_id, corps.data, if_match)
    except Conflit as exc:
        return _conflit_response(exc)
    return _fiche_response(f, extra={"aide": _aide(svc, kind, f.data)})


@router.put("/{kind}/{record_id}/brouillon", response_model=BrouillonGardeOut, summary="Autosave what the user typed (per key, per record)")
def garder(request: Request, appelant: Editant, kind: Kind, record_id: Id,
           corps: BrouillonIn) -> Response:
    svc = _svc(request)
    quand = svc.saisie.garder_brouillon(appelant, kind, record_id, corps.data, corps.base_version)
    return json_response(_sortie(BrouillonGardeOut, {"enregistre_le": quand.isoformat(), "aide": _aide(svc, kind, corps.data)}))


@router.delete("/{kind}/{record_id}/brouillon", response_model=OublieOut, summary="Drop the caller's draft")
def oublier(request: Request, appelant: Editant, kind: Kind, record_id: Id) -> Response:
    svc = _svc(request)
    svc.saisie.lire(appelant, kind, record_id)
    svc.saisie.sql.oublier_brouillon(appelant.application_id or 0, qui(appelant), kind,
                                     record_id)
    return json_response(_sortie(OublieOut, {"oublie": True}))


def _ecrire(fn: Any) -> Response:
    try:
        out = fn()
    except Conflit as exc:
        return _conflit_response(exc)
    if isinstance(out, list):
        return json_response(_sortie(FichesOut, {"fiches": [f.to_dict() for f in out]}))
    return _fiche_response(out)


@router.post("/{kind}/{record_id}/deplacer", response_model=FicheOut, responses=CONFLIT, summary="Move under another parent")
def deplacer(request: Request, appelant: Editant, kind: Kind, record_id: Id, corps: DeplacementIn,
             if_match: IfMatch = None) -> Response:
    return _ecrire(lambda: _svc(request).saisie.deplacer(appelant, kind, record_id, corps.parent_id,
                                                         if_match))


@router.post("/{kind}/{record_id}/fermer", response_model=FichesOut, responses=CONFLIT, summary="Close provisionally or definitively")
def fermer(request: Request, appelant: Editant, kind: Kind, record_id: Id, corps: FermetureIn,
           if_match: IfMatch = None) -> Response:
    return _ecrire(lambda: _svc(request).saisie.fermer(
        appelant, kind, record_id, debut=corps.debut, reouverture_prevue=corps.reouverture_prevue,
        definitive=corps.definitive, motif=corps.motif, if_match=if_match))


@router.post("/{kind}/{record_id}/rouvrir", response_model=FichesOut, responses=CONFLIT, summary="Reopen (ends or withdraws the closure)")
def rouvrir(request: Request, appelant: Editant, kind: Kind, record_id: Id,
            corps: Annotated[ReouvertureIn, Body()] = ReouvertureIn(),  # noqa: B008
            if_match: IfMatch = None) -> Response:
    le = corps.le or datetime.now(UTC).date()
    return _ecrire(lambda: _svc(request).saisie.rouvrir(appelant, kind, record_id, le=le,
                                                        if_match=if_match))


@router.post("/{kind}/{record_id}/soumettre", response_model=FicheOut, summary="Send for validation")
def soumettre(request: Request, appelant: Editant, kind: Kind, record_id: Id) -> Response:
    return _fiche_response(_svc(request).saisie.soumettre(appelant, kind, record_id))


@router.post("/{kind}/{record_id}/valider", response_model=FicheOut, summary="Validate (validator right: name and time kept)")
def valider(request: Request, appelant: Editant, kind: Kind, record_id: Id,
            corps: Annotated[ValidationIn, Body()] = ValidationIn()) -> Response:  # noqa: B008
    return _fiche_response(_svc(request).saisie.valider(appelant, kind, record_id, corps.signataire))


@router.post("/{kind}/{record_id}/retourner", response_model=FicheOut, summary="Return for correction, with a comment")
def retourner(request: Request, appelant: Editant, kind: Kind, record_id: Id,
              corps: RetourIn) -> Response:
    return _fiche_response(_svc(request).saisie.retourner(appelant, kind, record_id, corps.commentaire))


@router.post("/oi/{record_id}/pole/soumettre", response_model=LotOut,
             summary="Submit a pôle and every brouillon under it")
def soumettre_pole(request: Request, appelant: Editant, record_id: Id) -> Response:
    faites, ecartes = _svc(request).saisie.etape_pole(appelant, record_id, Action.SOUMETTRE)
    return json_response(_sortie(LotOut, {"fiches": [f.to_dict() for f in faites], "ecartes": ecartes}))


@router.post("/oi/{record_id}/pole/valider", response_model=LotOut,
             summary="Validate a pôle and every record under it awaiting validation")
def valider_pole(request: Request, appelant: Editant, record_id: Id,
                 corps: Annotated[ValidationIn, Body()] = ValidationIn()) -> Response:  # noqa: B008
    faites, ecartes = _svc(request).saisie.etape_pole(appelant, record_id, Action.VALIDER,
                                                      corps.signataire)
    return json_response(_sortie(LotOut, {"fiches": [f.to_dict() for f in faites], "ecartes": ecartes}))


@router.post("/{kind}/{record_id}/publier", response_model=PublicationOut, summary="Publish a validated record, or a whole pôle")
def publier(request: Request, appelant: Editant, kind: Kind, record_id: Id) -> Response:
    svc = _svc(request)
    pub = svc.saisie.publier(appelant, kind, record_id)
    svc.synchroniser()  # this worker's engine at once; the others on their next search
    return json_response(_sortie(PublicationOut, {"publies": [{"kind": k, "id": i} for k, i in pub.publies],
                          "ecartes": pub.ecartes}))


@router.post("/uo/{record_id}/copie", response_model=FicheOut, status_code=201, summary="A new unit copied from this one")
def copier(request: Request, appelant: Editant, record_id: Id, corps: CopieIn) -> Response:
    return _fiche_response(_svc(request).saisie.copier(appelant, record_id, corps.nom, corps.oi_id),
                           status=201)


# ------------------------------------------------------------------------------------- offline
SERVICE_WORKER = Chemin(__file__).resolve().parent.parent / "static" / "js" / "edition-sw.js"


@papier.get("/edition-sw.js")
def service_worker() -> FileResponse:
    """The editing page's service worker, from the site root so its scope can be /edition; always
    revalidated, so a new release replaces it at the next visit."""
    return FileResponse(SERVICE_WORKER, media_type="text/javascript; charset=utf-8", headers={
        "Cache-Control": "no-cache", "Service-Worker-Allowed": "/edition",
        "X-Content-Type-Options": "nosniff"})


# ------------------------------------------------------------------------------------- paper
@papier.get("/edition/{kind}/{record_id}/validation.pdf")
def feuille(request: Request, appelant: Authentifie, kind: Literal["oi", "uo"], record_id: Id
            ) -> Response:
    """The validation sheet: a unit, or a pôle with one unit a page (needs the caller's key)."""
    from ..feuille_validation import feuilles_validation

    svc = _svc(request)
    racine = svc.saisie.lire(appelant, kind, record_id)
    if kind == "uo":
        fiches = [racine]
    else:
        fiches = [svc.saisie.fiche("uo", i) for k, i in
                  svc.saisie._sous_arbre(racine.eg_id or "", record_id) if k == "uo"]
    body = feuilles_validation(svc.saisie, fiches, titre=racine.data.get("nom", record_id),
                               genere_le=datetime.now(UTC))
    filename = f"validation-{quote(record_id, safe='')}.pdf"
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store"})

