"""Editing the offer: create, edit, move, close, reopen, and the circuit up to publication.

Every write goes to the record's working copy (compare-and-set on its version, so two people never
overwrite each other), with one journal line per field changed. Publication is the only door to the
offer's own tables, through `Store.import_offre` (validation, links, one transaction, structure
version bumped) and the publication feed the other workers poll.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ..droits import Appelant, Droit, introuvable
from ..errors import ConflictError, ForbiddenError, NotFoundError, RorError, ValidationError
from ..nomenclatures import Nomenclatures
from ..offre import Offre, Statut
from ..store import Store
from ..store.edition import EditionStore, Entree, LigneFiche, publie, publies_de_eg
from .aptitudes import Pratiques
from .circuit import Action, Etat, suivant
from .fiche import LIBELLES, PROTEGES, Fiche, construire, eg_de, etiquette, kind_checked, parent_de
from .fiche import plain as to_plain
from .journal import differences
from .personnes import auteur as nom_auteur
from .personnes import qui

if TYPE_CHECKING:  # networkx (~11 MiB) is imported where a graph is built
    import networkx as nx


class Conflit(ConflictError):
    """A save based on an older version: carries both so the page can show the difference."""

    code = "conflit_version"

    def __init__(self, actuelle: Fiche, proposee: dict[str, Any]) -> None:
        super().__init__(
            f"{actuelle.kind} {actuelle.id}: changed by {actuelle.modifie_par or 'an import'} "
            f"since you loaded it (now version {actuelle.version}); compare and save again",
            field="If-Match")
        self.actuelle = actuelle
        self.proposee = proposee


class PreconditionRequise(RorError):
    status = 428
    code = "precondition_required"


@dataclass(frozen=True, slots=True)
class Publication:
    """What one publication wrote, and what it left aside (with why)."""

    publies: list[tuple[str, str]]
    ecartes: list[dict[str, str]]


def _auteur(appelant: Appelant) -> str:
    return nom_auteur(appelant)


def _email(appelant: Appelant) -> str | None:
    return appelant.personne.email if appelant.personne is not None else None


class Saisie:
    """The editing entry point over one store (one per worker process)."""

    def __init__(self, store: Store, nomenclatures: Nomenclatures | None = None) -> None:
        self.store = store
        self.sql = EditionStore(store)
        self.nom = nomenclatures or store.nomenclatures

    def pratiques(self, offre: Offre, graphe: nx.Graph) -> Pratiques:
        """Peer units' aptitudes by (activity, mode), walked on the engine's offer graph (kept
        current in place by each publication: nothing to rebuild)."""
        return Pratiques(graphe, offre)

    # -- rights -------------------------------------------------------------------------------
    def _exiger(self, appelant: Appelant, droit: Droit, kind: str, eg_id: str | None,
                verbe: str) -> None:
        """Admins do everything; an editor / validator only in its own EGs; each refusal says why."""
        if appelant.admin:
            return
        nom = appelant.nom
        if droit not in appelant.droits:
            raise ForbiddenError(f"application {nom!r} has no {droit.value} right: it may not {verbe}")
        if eg_id is None:
            raise ForbiddenError(f"only an administrator may {verbe} an {LIBELLES[kind]}; "
                                 f"application {nom!r} works in its EGs")
        if eg_id not in appelant.eg_ids:
            mine = ", ".join(sorted(appelant.eg_ids)) or "none"
            raise ForbiddenError(f"application {nom!r} may {verbe} in EG {mine} only; this "
                                 f"{LIBELLES[kind]} belongs to EG {eg_id}", field="eg_id")

    # -- reads --------------------------------------------------------------------------------
    def _fiche_de(self, ligne: LigneFiche | None, kind: str, id_: str) -> Fiche:
        pub = publie(self.store, kind, id_)
        if ligne is None:
            if pub is None:
                raise NotFoundError(f"{kind} {id_!r} not found", field=f"{kind}_id")
            return Fiche(kind, id_, pub, 0, Etat.PUBLIE.value, pub)
        return Fiche(kind, id_, ligne.data, ligne.version, ligne.etat, pub, ligne.modifie_par,
                     ligne.modifie_le, ligne.valide_par, ligne.valide_le, ligne.soumis_par,
                     ligne.soumis_le, ligne.retour, ligne.publie_le)

    def fiche(self, kind: str, id_: str) -> Fiche:
        kind_checked(kind)
        return self._fiche_de(self.sql.fiche(kind, id_), kind, id_)

    def lire(self, appelant: Appelant, kind: str, id_: str) -> Fiche:
        f = self.fiche(kind, id_)
        self._exiger_visible(appelant, f)
        self._exiger_lecture(appelant, f)
        return f

    def exiger_visible(self, appelant: Appelant, kind: str, id_: str) -> None:
        """Before any refusal that would name it: a unit the caller may not see answers like a
        missing one (same 404), so no editing route tells a hidden unit from no unit."""
        self._exiger_visible(appelant, self.fiche(kind, id_))

    def _exiger_visible(self, appelant: Appelant, f: Fiche) -> None:
        if f.kind != "uo" or appelant.admin or f.eg_id in appelant.eg_ids:
            return
        pub = f.publie  # outside its EG, a unit is what search shows of it, if anything
        if pub is None or not (appelant.lecture_complete(f.eg_id or "") or (
                not pub.get("sensible") and pub.get("statut") == Statut.PUBLIE.value)):
            raise introuvable(f.id)

    def _exiger_lecture(self, appelant: Appelant, f: Fiche) -> None:
        if appelant.admin or f.eg_id in appelant.eg_ids:
            return
        if f.kind == "ej" and (Droit.EDITEUR in appelant.droits or Droit.VALIDATEUR in appelant.droits):
            return  # an editor sees its legal entity's name
        raise ForbiddenError(f"application {appelant.nom!r} may not read the working copies of "
                             f"EG {f.eg_id}", field="eg_id")

    def arbre(self, appelant: Appelant, eg_id: str) -> dict[str, Any]:
        """The EG's tree — published records overlaid by their working copies — for the page."""
        droit = Droit.VALIDATEUR if Droit.VALIDATEUR in appelant.droits else Droit.EDITEUR
        self._exiger(appelant, droit, "eg", eg_id, "edit" if droit == Droit.EDITEUR else "validate")
        eg = self.fiche("eg", eg_id)
        ois, uos = publies_de_eg(self.store, eg_id)
        noeuds: dict[tuple[str, str], dict[str, Any]] = {}
        for kind, rows in (("oi", ois), ("uo", uos)):
            for d in rows:
                noeuds[(kind, d["id"])] = {"kind": kind, "id": d["id"], "data": d, "etat": "publie",
                                           "version": 0}
        for ligne in self.sql.fiches(eg_ids=[eg_id]):
            if ligne.kind in ("oi", "uo"):
                noeuds[(ligne.kind, ligne.id)] = {"kind": ligne.kind, "id": ligne.id,
                                                  "data": ligne.data, "etat": ligne.etat,
                                                  "version": ligne.version}
        out = []
        for n in noeuds.values():
            d = n["data"]
            out.append({"kind": n["kind"], "id": n["id"], "nom": d.get("nom", ""),
                        "parent_id": parent_de(n["kind"], d), "etat": n["etat"],
                        "type": d.get("type"), "version": n["version"],
                        "ferme": _ferme(n["kind"], d)})
        out.sort(key=lambda n: (n["kind"] != "oi", n["nom"].casefold(), n["id"]))
        ej_id = eg.data.get("ej_id")
        ej_nom = None
        if ej_id:
            try:
                ej_nom = self.fiche("ej", ej_id).data.get("nom")
            except NotFoundError:  # an EJ named by FINESS but never imported: its id stands
                pass
        return {"eg": {"id": eg_id, "nom": eg.data.get("nom"), "etat": eg.etat, "ej_id": ej_id,
                       "ej_nom": ej_nom}, "noeuds": out}

    # -- writes -------------------------------------------------------------------------------
    def creer(self, appelant: Appelant, kind: str, data: dict[str, Any]) -> Fiche:
        """A new record, as a working copy in brouillon (published only through the circuit)."""
        kind_checked(kind)
        data = {k: v for k, v in data.items() if k not in PROTEGES[kind] or k == "id"}
        if kind in ("oi", "uo"):
            eg_id = data.get("eg_id")
            if not isinstance(eg_id, str) or not eg_id:
                raise ValidationError(f"{kind}.eg_id: required", field=f"{kind}.eg_id")
            if not data.get("id"):
                data["id"] = f"{eg_id}-{kind}-{secrets.token_hex(4)}"
        if kind == "uo":
            data.setdefault("activite", "")  # chosen in the form, required to submit
            data.setdefault("mode_prise_en_charge", None)
        if kind == "eg" and not appelant.admin:
            raise ForbiddenError("creating an EG (a FINESS site) needs the admin right; ask your "
                                 "regional administrator", field="eg.id")
        eg_id = eg_de(kind, data)
        self._exiger(appelant, Droit.EDITEUR, kind, eg_id, "edit")
        entity = construire(kind, data, self.nom, complet=False)
        new = to_plain(entity)
        self._verifier_liens(kind, new)
        if self.sql.fiche(kind, entity.id) is not None or publie(self.store, kind, entity.id):
            raise ConflictError(f"{kind}.id: {entity.id!r} already exists", field=f"{kind}.id",
                                code="existe")
        quand = datetime.now(UTC)
        with self.store.transaction() as conn:
            if not self.sql.inserer(conn, kind, entity.id, eg_id, parent_de(kind, new), new,
                                    nouveau=True, auteur=_auteur(appelant), quand=quand):
                raise ConflictError(f"{kind}.id: {entity.id!r} already exists", field=f"{kind}.id",
                                    code="existe")
            self.sql.journaliser(conn, kind, entity.id, eg_id, 1, _auteur(appelant), quand,
                                 [Entree("creation"), *differences(None, new)], _email(appelant))
        return self.fiche(kind, entity.id)

    def copier(self, appelant: Appelant, uo_id: str, nom: str | None = None,
               oi_id: str | None = None) -> Fiche:
        """A new unit with the source's attributes (a template); never its ids or bed figures."""
        src = self.lire(appelant, "uo", uo_id).data
        data = {k: v for k, v in src.items()
                if k not in ("id", "id_externe_synchro", "capacites", "statut", "maj", "genere")}
        data["nom"] = nom or f"{src.get('nom', '')} (copie)"
        if oi_id is not None:
            data["oi_id"] = oi_id or None
        return self.creer(appelant, "uo", data)

    def enregistrer(self, appelant: Appelant, kind: str, id_: str, data: dict[str, Any],
                    if_match: str | None, *, action: str = "modification") -> Fiche:
        """Save a new version of the record (If-Match must name the version it was based on)."""
        actuelle = self.fiche(kind, id_)
        self._exiger(appelant, Droit.EDITEUR, kind, actuelle.eg_id, "edit")
        if not isinstance(data, dict):
            raise ValidationError(f"{kind}: expected an object", field=kind)
        merged = {**{k: v for k, v in data.items() if k not in PROTEGES[kind]},
                  **{k: actuelle.data[k] for k in PROTEGES[kind] if k in actuelle.data}}
        merged["id"] = id_
        if eg_de(kind, merged) != actuelle.eg_id:
            raise ValidationError(f"{kind}.eg_id: a record does not change EG by a save "
                                  f"(it belongs to EG {actuelle.eg_id})", field=f"{kind}.eg_id")
        if if_match is None:
            raise PreconditionRequise(f"If-Match: send the ETag of the version you edited "
                                      f"(current: {actuelle.etag})", field="If-Match")
        if if_match.strip().removeprefix("W/") != actuelle.etag:
            raise Conflit(actuelle, self.normaliser(kind, merged))
        new = to_plain(construire(kind, merged, self.nom, complet=False))
        self._verifier_liens(kind, new)
        entrees = differences(actuelle.data, new)
        if not entrees:
            self.sql.oublier_brouillon(appelant.application_id or 0, qui(appelant), kind, id_)
            return actuelle
        if action != "modification":
            entrees = [Entree(action, commentaire=_resume(entrees)), *entrees]
        return self._ecrire(appelant, actuelle, new, entrees, merged)

    def _ecrire(self, appelant: Appelant, actuelle: Fiche, new: dict[str, Any],
                entrees: list[Entree], proposee: dict[str, Any]) -> Fiche:
        kind, id_ = actuelle.kind, actuelle.id
        quand, auteur = datetime.now(UTC), _auteur(appelant)
        with self.store.transaction() as conn:
            workflow = {"etat": Etat.BROUILLON.value, "modifie_par": auteur, "modifie_le": quand,
                        "valide_par": None, "valide_le": None, "soumis_par": None,
                        "soumis_le": None}
            if actuelle.version == 0:
                ok = self.sql.inserer(conn, kind, id_, actuelle.eg_id, parent_de(kind, new), new,
                                      nouveau=False, auteur=auteur, quand=quand)
            else:
                ok = self.sql.remplacer(conn, kind, id_, actuelle.version,
                                        {"data": new, "parent_id": parent_de(kind, new),
                                         **workflow})
            if not ok:  # another save won the race between our read and our write
                raise Conflit(self.fiche(kind, id_), self.normaliser(kind, proposee))
            self.sql.journaliser(conn, kind, id_, actuelle.eg_id, actuelle.version + 1, auteur,
                                 quand, entrees, _email(appelant))
            self.sql.oublier_brouillon(appelant.application_id or 0, qui(appelant), kind, id_,
                                   conn)
        return self.fiche(kind, id_)

    def deplacer(self, appelant: Appelant, kind: str, id_: str, parent_id: str | None,
                 if_match: str | None) -> Fiche:
        """Move under another parent: a UO under an organisation, an organisation under another
        (or under the EG with None), an EG under another EJ."""
        if kind not in ("eg", "oi", "uo"):
            raise ValidationError(f"kind: an {LIBELLES.get(kind, kind)} has no parent to change",
                                  field="kind")
        if kind == "eg" and not appelant.admin:
            raise ForbiddenError("moving an EG to another entité juridique needs the admin right "
                                 "(a FINESS change)", field="parent_id")
        f = self.fiche(kind, id_)
        champ = {"eg": "ej_id", "oi": "parent_id", "uo": "oi_id"}[kind]
        return self.enregistrer(appelant, kind, id_, {**f.data, champ: parent_id}, if_match,
                                action="deplacement")

    def fermer(self, appelant: Appelant, kind: str, id_: str, *, debut: date,
               reouverture_prevue: date | None, definitive: bool, motif: str | None,
               if_match: str | None) -> list[Fiche]:
        """Close provisionally (with its planned reopening) or definitively. An organisation closes
        every unit under it; an EG closes definitively (its FINESS closing date)."""
        if definitive == (reouverture_prevue is not None):
            raise ValidationError("reouverture_prevue: give a planned reopening date for a "
                                  "provisional closure, none for a definitive one",
                                  field="reouverture_prevue")
        if reouverture_prevue is not None and reouverture_prevue <= debut:
            raise ValidationError("reouverture_prevue: must be after debut", field="reouverture_prevue")
        if kind == "uo":
            f = self.fiche("uo", id_)
            h = dict(f.data.get("horaires") or {})
            fermeture = {"debut": debut.isoformat(), "definitive": definitive}
            if reouverture_prevue is not None:
                fermeture["reouverture_prevue"] = reouverture_prevue.isoformat()
            if motif:
                fermeture["motif"] = motif
            h["fermetures"] = [*(h.get("fermetures") or []), fermeture]
            return [self.enregistrer(appelant, "uo", id_, {**f.data, "horaires": h}, if_match,
                                     action="fermeture")]
        if kind == "eg":
            if not definitive:
                raise ValidationError("definitive: an EG closes definitively (FINESS closing "
                                      "date); close its units for a provisional closure",
                                      field="definitive")
            f = self.fiche("eg", id_)
            return [self.enregistrer(appelant, "eg", id_, {**f.data, "date_fermeture":
                                                           debut.isoformat()}, if_match,
                                     action="fermeture")]
        if kind == "oi":
            return [self.fermer(appelant, "uo", u, debut=debut,
                                reouverture_prevue=reouverture_prevue, definitive=definitive,
                                motif=motif, if_match=self.fiche("uo", u).etag)[0]
                    for u in self._unites_sous(appelant, id_)]
        raise ValidationError("kind: an entité juridique closes through its EGs", field="kind")

    def rouvrir(self, appelant: Appelant, kind: str, id_: str, *, le: date,
                if_match: str | None) -> list[Fiche]:
        """Reopen from `le`: a provisional closure ends that day, a definitive one is withdrawn."""
        if kind == "uo":
            f = self.fiche("uo", id_)
            h = dict(f.data.get("horaires") or {})
            jour, gardees = le.isoformat(), []
            for fe in h.get("fermetures") or []:
                if fe.get("debut", "") > jour:
                    gardees.append(fe)  # a closure planned later stays planned
                elif fe.get("definitive"):
                    continue  # withdrawn
                elif fe.get("reouverture_prevue") and fe["reouverture_prevue"] <= jour:
                    gardees.append(fe)  # already over: kept as history
                elif fe.get("debut", "") < jour:
                    gardees.append({**fe, "reouverture_prevue": jour})
            h["fermetures"] = [g for g in gardees if g]
            return [self.enregistrer(appelant, "uo", id_, {**f.data, "horaires": h}, if_match,
                                     action="reouverture")]
        if kind == "eg":
            f = self.fiche("eg", id_)
            data = {k: v for k, v in f.data.items() if k != "date_fermeture"}
            return [self.enregistrer(appelant, "eg", id_, data, if_match, action="reouverture")]
        if kind == "oi":
            return [self.rouvrir(appelant, "uo", u, le=le, if_match=self.fiche("uo", u).etag)[0]
                    for u in self._unites_sous(appelant, id_)]
        raise ValidationError("kind: an entité juridique reopens through its EGs", field="kind")

    # -- the circuit --------------------------------------------------------------------------
    def _etape(self, appelant: Appelant, kind: str, id_: str, action: Action, droit: Droit,
               verbe: str, values: dict[str, Any], commentaire: str | None = None) -> Fiche:
        f = self.fiche(kind, id_)
        self._exiger(appelant, droit, kind, f.eg_id, verbe)
        if f.version == 0:
            raise ConflictError(f"{kind} {id_}: nothing to {action.value} (no change since "
                                "publication)", field="etat", code="etat_invalide")
        etat = suivant(Etat(f.etat), action, f"{kind} {id_}")
        quand, auteur = datetime.now(UTC), _auteur(appelant)
        values = {k: (quand if v is _NOW else v) for k, v in values.items()}
        with self.store.transaction() as conn:
            if not self.sql.marquer(conn, kind, id_, f.version, {"etat": etat.value, **values}):
                raise ConflictError(f"{kind} {id_}: saved again meanwhile (version {f.version} is no "
                                    f"longer the current one): reload it", field="version",
                                    code="conflit_version")
            self.sql.journaliser(conn, kind, id_, f.eg_id, f.version, auteur, quand,
                                 [Entree(action.value, "etat", f.etat, etat.value, commentaire)],
                                 _email(appelant))
        return self.fiche(kind, id_)

    def soumettre(self, appelant: Appelant, kind: str, id_: str) -> Fiche:
        """To validation: the record must be whole (a unit has its activité opérationnelle)."""
        construire(kind, self.fiche(kind, id_).data, self.nom)
        return self._etape(appelant, kind, id_, Action.SOUMETTRE, Droit.EDITEUR, "edit",
                           {"soumis_par": _auteur(appelant), "soumis_le": _NOW, "retour": None})

    def valider(self, appelant: Appelant, kind: str, id_: str, signataire: str | None) -> Fiche:
        """Validated by the referent physician or director: their name, the key's name, the time.
        The name is the person's own; a `signataire` other than them is a paper validation they
        entered, and says so."""
        p = appelant.personne
        signe = (signataire or "").strip()
        if p is None:
            signe_par = f"{signe} ({appelant.nom})" if signe else appelant.nom
        elif not signe or signe.casefold() == p.nom.casefold():
            signe_par = f"{p.nom} ({appelant.nom})"
        else:
            signe_par = f"{signe}, saisi par {p.nom} ({appelant.nom})"
        signe_par = signe_par[:160]
        return self._etape(appelant, kind, id_, Action.VALIDER, Droit.VALIDATEUR, "validate",
                           {"valide_par": signe_par, "valide_le": _NOW}, commentaire=signe_par)

    def retourner(self, appelant: Appelant, kind: str, id_: str, commentaire: str) -> Fiche:
        if not commentaire or not commentaire.strip():
            raise ValidationError("commentaire: say what to correct", field="commentaire")
        return self._etape(appelant, kind, id_, Action.RETOURNER, Droit.VALIDATEUR, "validate",
                           {"retour": commentaire.strip(), "valide_par": None, "valide_le": None},
                           commentaire=commentaire.strip())

    def etape_pole(self, appelant: Appelant, oi_id: str, action: Action,
                   signataire: str | None = None) -> tuple[list[Fiche], list[dict[str, str]]]:
        """Submit or validate an organisation and everything under it that awaits this step (each
        record in its own transaction); the others are listed with why."""
        racine = self.fiche("oi", oi_id)
        droit, verbe, attendu = {Action.SOUMETTRE: (Droit.EDITEUR, "edit", Etat.BROUILLON),
                                 Action.VALIDER: (Droit.VALIDATEUR, "validate", Etat.A_VALIDER)}[action]
        self._exiger(appelant, droit, "oi", racine.eg_id, verbe)
        faites, ecartes = [], []
        for kind, i in [("oi", oi_id), *self._sous_arbre(racine.eg_id or "", oi_id)]:
            f = self.fiche(kind, i)
            if f.version == 0 or f.etat == Etat.PUBLIE.value:
                continue
            if f.etat != attendu.value:
                ecartes.append({"kind": kind, "id": i, "etat": f.etat,
                                "motif": f"état {Etat(f.etat).libelle}"})
                continue
            faites.append(self.soumettre(appelant, kind, i) if action == Action.SOUMETTRE
                          else self.valider(appelant, kind, i, signataire))
        return faites, ecartes

    def publier(self, appelant: Appelant, kind: str, id_: str) -> Publication:
        """Publish a validated record, or a whole organisation (its validated sub-organisations and
        units) at once, in one transaction of the offer's store."""
        racine = self.fiche(kind, id_)
        self._exiger(appelant, Droit.EDITEUR, kind, racine.eg_id, "publish")
        lot: list[Fiche] = [racine]
        if kind == "oi":
            lot += [self.fiche(k, i) for k, i in self._sous_arbre(racine.eg_id or "", id_)]
        a_publier, ecartes = [], []
        for f in lot:
            if f.version == 0 or f.etat == Etat.PUBLIE.value:
                continue
            if f.etat != Etat.VALIDE.value:
                ecartes.append({"kind": f.kind, "id": f.id, "etat": f.etat,
                                "motif": f"état {Etat(f.etat).libelle}: it must be validated first"})
                continue
            a_publier.append(f)
        if not a_publier:
            raise ConflictError(f"{kind} {id_}: nothing validated to publish"
                                + (f" ({len(ecartes)} record(s) not validated)" if ecartes else ""),
                                field="etat", code="etat_invalide")
        ids = {(f.kind, f.id) for f in a_publier}
        for f in a_publier:  # a new parent must be published first, or in the same batch
            parent = parent_de(f.kind, f.data)
            pkind = {"eg": "ej", "oi": "oi", "uo": "oi"}.get(f.kind)
            if parent and pkind and (pkind, parent) not in ids and publie(self.store, pkind,
                                                                          parent) is None:
                raise ConflictError(f"{f.kind} {f.id}: its parent {pkind} {parent} is not published "
                                    "yet: validate and publish it (or the whole pôle) first",
                                    field="parent_id", code="parent_non_publie")
        offre = Offre()
        for f in a_publier:
            entity = construire(f.kind, f.data, self.nom)
            if f.kind == "uo":  # bed figures keep their own, newer, flow
                courant = publie(self.store, "uo", f.id) or {}
                caps = construire("uo", {**f.data, "capacites": courant.get("capacites", [])},
                                  self.nom).capacites
                entity = replace(entity, statut=Statut.PUBLIE, capacites=caps,
                                 maj=datetime.now(UTC))
            offre.add(entity)
        self.store.import_offre(offre, source=f"edition:{appelant.nom}")
        quand, auteur = datetime.now(UTC), _auteur(appelant)
        with self.store.transaction() as conn:
            for f in a_publier:  # a version saved since stays a brouillon (its older one is out)
                self.sql.marquer(conn, f.kind, f.id, f.version,
                                 {"etat": Etat.PUBLIE.value, "nouveau": False,
                                  "publie_version": f.version, "publie_le": quand})
                self.sql.journaliser(conn, f.kind, f.id, f.eg_id, f.version, auteur, quand,
                                     [Entree("publication", "etat", f.etat, "publie")],
                                     _email(appelant))
            self.sql.annoncer(conn, sorted(ids), quand)
        return Publication(sorted(ids), ecartes)

    # -- drafts -------------------------------------------------------------------------------
    def garder_brouillon(self, appelant: Appelant, kind: str, id_: str, data: dict[str, Any],
                         base_version: int) -> datetime:
        """Keep what the user typed, unvalidated (they are mid-way): only its shape is checked."""
        f = self.fiche(kind, id_)
        self._exiger(appelant, Droit.EDITEUR, kind, f.eg_id, "edit")
        if not isinstance(data, dict):
            raise ValidationError("data: expected an object", field="data")
        quand = datetime.now(UTC)
        self.sql.garder_brouillon(appelant.application_id or 0, qui(appelant), kind, id_, data,
                                  base_version, quand)
        return quand

    # -- helpers ------------------------------------------------------------------------------
    def normaliser(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """A proposal as the codec would store it (defaults filled), so comparing it with a stored
        version shows only what the person changed; as sent when it does not build yet."""
        try:
            return to_plain(construire(kind, data, self.nom, complet=False))
        except (RorError, TypeError, ValueError, KeyError):
            return data

    def _verifier_liens(self, kind: str, data: dict[str, Any]) -> None:
        """The parent exists (published or being written) and sits in the same EG; no cycle."""
        eg_id = eg_de(kind, data)
        parent = parent_de(kind, data)
        if kind == "eg":
            if parent and self._existe("ej", parent) is None:
                raise ValidationError(f"eg.ej_id: unknown entité juridique {parent!r}",
                                      field="eg.ej_id")
            return
        if kind in ("oi", "uo"):
            if eg_id and self._existe("eg", eg_id) is None:
                raise ValidationError(f"{kind}.eg_id: unknown EG {eg_id!r}", field=f"{kind}.eg_id")
            champ = "parent_id" if kind == "oi" else "oi_id"
            seen = {data["id"]} if kind == "oi" else set()
            while parent:
                p = self._existe("oi", parent)
                if p is None:
                    raise ValidationError(f"{kind}.{champ}: unknown organisation {parent!r}",
                                          field=f"{kind}.{champ}")
                if p.get("eg_id") != eg_id:
                    raise ValidationError(f"{kind}.{champ}: organisation {parent!r} belongs to EG "
                                          f"{p.get('eg_id')}, not {eg_id}", field=f"{kind}.{champ}")
                if parent in seen:
                    raise ValidationError(f"{kind}.{champ}: {parent!r} would be its own ancestor",
                                          field=f"{kind}.{champ}")
                seen.add(parent)
                parent = p.get("parent_id")

    def _existe(self, kind: str, id_: str) -> dict[str, Any] | None:
        ligne = self.sql.fiche(kind, id_)
        return ligne.data if ligne is not None else publie(self.store, kind, id_)

    def _sous_arbre(self, eg_id: str, oi_id: str) -> list[tuple[str, str]]:
        """Every organisation and unit under an organisation (working copies included)."""
        ois, uos = publies_de_eg(self.store, eg_id)
        parents: dict[tuple[str, str], str | None] = {("oi", d["id"]): d.get("parent_id") for d in ois}
        parents.update({("uo", d["id"]): d.get("oi_id") for d in uos})
        for ligne in self.sql.fiches(eg_ids=[eg_id]):
            if ligne.kind in ("oi", "uo"):
                parents[(ligne.kind, ligne.id)] = ligne.parent_id
        out, frontier = [], {oi_id}
        while frontier:
            nxt = {i for (k, i), p in parents.items() if p in frontier and k == "oi"}
            out += [(k, i) for (k, i), p in parents.items() if p in frontier]
            frontier = nxt - {oi_id}
        return sorted(set(out), key=lambda x: (x[0] != "oi", x[1]))

    def _unites_sous(self, appelant: Appelant, oi_id: str) -> list[str]:
        f = self.fiche("oi", oi_id)
        self._exiger(appelant, Droit.EDITEUR, "oi", f.eg_id, "edit")
        return [i for k, i in self._sous_arbre(f.eg_id or "", oi_id) if k == "uo"]

    def etag(self, kind: str, id_: str) -> str:
        f = self.fiche(kind, id_)
        return etiquette(f.version, f.data)


_NOW = object()  # placeholder for "the time of this step", filled in `_etape`


def _ferme(kind: str, d: dict[str, Any]) -> bool:
    if kind == "uo":
        today = date.today().isoformat()
        for f in (d.get("horaires") or {}).get("fermetures") or ():
            if f.get("debut", "") <= today and (f.get("definitive") or
                                                 (f.get("reouverture_prevue") or "9") > today):
                return True
    return kind == "eg" and bool(d.get("date_fermeture"))


def _resume(entrees: Iterable[Entree]) -> str:
    return ", ".join(e.champ or "" for e in entrees)
