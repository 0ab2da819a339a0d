// The editing page: the establishment's tree on the left, the record's form on the right, live help
// beside it. Every change is a draft at once (attente.js); "Enregistrer" writes a version with
// If-Match; a conflict shows both versions field by field.
import { initAcces } from "./acces.js";
import { ErreurApi, cle, config, entetes, messageErreur } from "./api.js";
import { FileAttente } from "./attente.js";
import { h, marquerPage, vider } from "./dom.js";
import { brancher, construireFormulaire, lireFormulaire, sansVides, table, valeur } from "./formulaire.js";

const API = `${config().api || "/api/v1"}/edition`;
const COURANT = "ror.edition.courant";
const PERSONNE = "ror.edition.personne";  // the e-mail of the person typing, per key (X-ROR-Utilisateur)
const $ = (id) => document.getElementById(id);
const ACTIONS = { import: "repris du fichier importé :", conflit_import: "conflit avec l'import (valeur saisie gardée) :" };
const ETATS = { brouillon: "Brouillon", a_valider: "À valider", valide: "Validé", publie: "Publié" };
// A record not named yet (its name is null in the tree and in the caller's EGs) shows its id.
const nomAffiche = (x) => (x.nom ? x.nom : x.id);

const etat = { moi: null, eg: null, arbre: null, fiche: null, aideMinuteur: null };

function personne() {
  try { return JSON.parse(localStorage.getItem(PERSONNE) || "{}")[cle()] || ""; } catch { return ""; }
}

function choisirPersonne(email) {
  let toutes = {};
  try { toutes = JSON.parse(localStorage.getItem(PERSONNE) || "{}"); } catch { /* start again */ }
  if (email) toutes[cle()] = email; else delete toutes[cle()];
  localStorage.setItem(PERSONNE, JSON.stringify(toutes));
}

/** The person's header: every editing request names who is typing (their drafts, the journal). */
function entetesPersonne() { const p = personne(); return p ? { "X-ROR-Utilisateur": p } : {}; }

// ------------------------------------------------------------------------------- network
async function appel(methode, chemin, corps, entetesEnPlus = {}, { keepalive = false } = {}) {
  const r = await fetch(chemin, {
    method: methode, keepalive,
    headers: { Accept: "application/json", "Content-Type": "application/json", ...entetes(), ...entetesPersonne(), ...entetesEnPlus },
    body: corps === undefined ? undefined : JSON.stringify(corps),
  });
  let json = null;
  try { json = r.status === 204 ? null : await r.json(); } catch { /* not JSON */ }
  if (!r.ok) {
    const e = json?.error || {};
    const err = new ErreurApi(r.status, e.code || "http", e.message || `Erreur ${r.status}`, e.field);
    err.corps = json;
    throw err;
  }
  return { json, etag: r.headers.get("ETag") };
}

const attente = new FileAttente(
  async (e, dernierSouffle) => (await appel("PUT", `${API}/${e.kind}/${encodeURIComponent(e.id)}/brouillon`,
    { data: e.data, base_version: e.base_version }, {}, { keepalive: dernierSouffle })).json,
  (sorte, texte) => { const i = $("indicateur"); i.dataset.etat = sorte; i.textContent = texte; },
);

function message(texte, sorte = "erreur") {
  const p = $("edition-etat");
  p.textContent = texte; p.dataset.sorte = sorte; p.hidden = !texte;
}

// ------------------------------------------------------------------------------- tree
function dessinerArbre() {
  const racine = $("arbre");
  const noeuds = etat.arbre?.noeuds || [];
  const enfants = new Map();
  for (const n of noeuds) {
    const p = n.parent_id && noeuds.some((m) => m.kind === "oi" && m.id === n.parent_id) ? n.parent_id : "";
    if (!enfants.has(p)) enfants.set(p, []);
    enfants.get(p).push(n);
  }
  const branche = (parent, niveau) => (enfants.get(parent) || []).map((n) => {
    const sous = n.kind === "oi" ? branche(n.id, niveau + 1) : [];
    const actif = etat.fiche && etat.fiche.kind === n.kind && etat.fiche.id === n.id;
    return h("li", {
      role: "treeitem", tabindex: actif ? "0" : "-1", "aria-level": niveau, "aria-selected": String(!!actif),
      "data-kind": n.kind, "data-id": n.id, "aria-expanded": sous.length ? "true" : null,
    }, h("span", { class: `noeud noeud-${n.kind}` },
      h("span", { class: "noeud-nom" }, nomAffiche(n)),
      h("span", { class: `etiquette-etat etat-${n.etat}` }, ETATS[n.etat] || n.etat),
      n.ferme ? h("span", { class: "etiquette-etat etat-ferme" }, "fermé") : null),
    sous.length ? h("ul", { role: "group" }, sous) : null);
  });
  const eg = etat.arbre?.eg;
  const ej = eg?.ej_id ? { id: eg.ej_id, nom: eg.ej_nom } : null;
  const niveauEg = ej ? 2 : 1;
  const actifEg = etat.fiche && etat.fiche.kind === "eg";
  const noeudEg = eg ? h("li", { role: "treeitem", tabindex: actifEg ? "0" : "-1", "aria-level": niveauEg, "aria-selected": String(actifEg),
    "aria-expanded": "true", "data-kind": "eg", "data-id": eg.id },
  h("span", { class: "noeud noeud-eg" }, h("span", { class: "noeud-nom" }, nomAffiche(eg)),
    h("span", { class: `etiquette-etat etat-${eg.etat}` }, ETATS[eg.etat] || eg.etat)),
  h("ul", { role: "group" }, branche("", niveauEg + 1))) : null;
  const actifEj = !!(etat.fiche && etat.fiche.kind === "ej");
  vider(racine, !eg ? branche("", 1) : !ej ? noeudEg : h("li", { role: "treeitem", tabindex: actifEj ? "0" : "-1", "aria-level": 1,
    "aria-selected": String(actifEj), "aria-expanded": "true", "data-kind": "ej", "data-id": ej.id },
  h("span", { class: "noeud noeud-ej" }, h("span", { class: "noeud-nom" }, `Entité juridique : ${nomAffiche(ej)}`)),
  h("ul", { role: "group" }, noeudEg)));
  if (!racine.querySelector("[tabindex='0']")) racine.querySelector("[role=treeitem]")?.setAttribute("tabindex", "0");
}

function itemsVisibles() { return [...$("arbre").querySelectorAll("[role=treeitem]")]; }

$("arbre").addEventListener("click", (ev) => {
  const li = ev.target.closest("[role=treeitem]");
  if (li) { ev.stopPropagation(); ouvrir(li.dataset.kind, li.dataset.id); }
});
$("arbre").addEventListener("keydown", (ev) => {
  const items = itemsVisibles();
  const i = items.indexOf(document.activeElement);
  if (i < 0) return;
  let cible = null;
  if (ev.key === "ArrowDown") cible = items[Math.min(i + 1, items.length - 1)];
  else if (ev.key === "ArrowUp") cible = items[Math.max(i - 1, 0)];
  else if (ev.key === "Home") cible = items[0];
  else if (ev.key === "End") cible = items[items.length - 1];
  else if (ev.key === "Enter" || ev.key === " ") {
    ev.preventDefault(); ouvrir(items[i].dataset.kind, items[i].dataset.id); return;
  }
  if (cible) {
    ev.preventDefault();
    items.forEach((x) => x.setAttribute("tabindex", "-1"));
    cible.setAttribute("tabindex", "0"); cible.focus();
  }
});

async function chargerArbre() {
  // an administrator's new legal entity has no site yet: no tree to ask for (asking for
  // "undefined" answered 404, whose "Introuvable." replaced the message of the save)
  etat.arbre = etat.eg ? (await appel("GET", `${API}/arbre/${encodeURIComponent(etat.eg)}`)).json : null;
  dessinerArbre();
}


function formeOptions() { return { noeuds: etat.arbre?.noeuds || [], editeur: !!etat.moi?.editeur }; }

function changement(nomChamp) {
  if (!etat.fiche) return;
  const data = lireFormulaire(etat.fiche.kind, etat.fiche.data);
  attente.ajouter(etat.fiche.kind, etat.fiche.id, data, etat.fiche.version, nomChamp);
  clearTimeout(etat.aideMinuteur);
  if (etat.fiche.kind === "uo") etat.aideMinuteur = setTimeout(() => aider(data), 400);
}

brancher(changement);
$("formulaire").addEventListener("input", (ev) => changement(ev.target.id || ev.target.className));
$("formulaire").addEventListener("change", (ev) => changement(ev.target.id || ev.target.className));
$("formulaire").addEventListener("submit", (ev) => { ev.preventDefault(); enregistrer(); });

// ------------------------------------------------------------------------------- help
async function aider(data) {
  try {
    const { json } = await appel("POST", `${API}/aide`, { data });
    dessinerAide(json);
  } catch { /* offline: the help waits for the network */ }
}

function dessinerAide(aide) {
  const bloc = $("aide");
  if (!aide) { bloc.hidden = true; return; }
  bloc.hidden = false;
  $("aide-statut").textContent = `Peuplement : ${aide.statut_libelle}`;
  $("aide-statut").dataset.statut = aide.statut_peuplement;
  vider($("aide-criteres"), aide.criteres.map((c) => h("li", { class: c.ok ? "ok" : "manque", "data-critere": c.critere },
    h("span", { "aria-hidden": "true" }, c.ok ? "✓ " : "✗ "), c.ok ? c.libelle : `${c.libelle} — ${c.a_faire}`)));
  const err = $("aide-erreur");
  err.hidden = !aide.erreur;
  err.textContent = aide.erreur ? `À corriger avant d'enregistrer : ${aide.erreur.message}` : "";
  vider($("aide-charte"), aide.charte.map((r) => h("li", { "data-code": r.code }, `Nom : ${r.message}`,
    r.proposition ? h("button", { type: "button", class: "lien", onclick: () => { $("f-nom").value = r.proposition; changement("f-nom"); } },
      ` Écrire « ${r.proposition} »`) : null)));
  vider($("aide-qualite"), aide.qualite.map((q) => h("li", {}, q.message)));
  const apt = aide.aptitudes || { propositions: [] };
  $("aide-aptitudes").hidden = !apt.propositions.length;
  $("aide-aptitudes-pairs").textContent = `D'après ${apt.pairs} unités de même activité et même mode. Confirmez chacune.`;
  vider($("aide-aptitudes-liste"), apt.propositions.map((p) => h("li", {}, h("label", {},
    h("input", { type: "checkbox", value: p.code, checked: p.cochee }),
    ` ${p.libelle} (${Math.round(p.part * 100)} %)`))));
}

$("aide-aptitudes-ajouter").addEventListener("click", () => {
  const bloc = $("f-aptitudes-bloc");
  $("aide-aptitudes-liste").querySelectorAll("input:checked").forEach((c) => bloc.ajouter(c.value));
});

// ------------------------------------------------------------------------------- records
function afficherFiche(f) {
  etat.fiche = f;
  $("fiche-vide").hidden = true;
  $("fiche-entete").hidden = false;
  $("actions-fiche").hidden = false;
  $("historique").hidden = false;
  const e = $("fiche-etat");
  e.textContent = ETATS[f.etat] || f.etat; e.className = `etiquette-etat etat-${f.etat}`;
  $("fiche-version").textContent = `version ${f.version}` + (f.valide_par ? ` · validée par ${f.valide_par}` : "")
    + (f.modifie_par ? ` · modifiée par ${f.modifie_par.split("#")[0]}` : "");
  $("fiche-retour").hidden = !f.retour;
  // an import that met this working copy says so in the same place (edition/rapprochement.py)
  $("fiche-retour").textContent = !f.retour ? "" : f.retour.startsWith("Import ") ? f.retour : `Retour pour correction : ${f.retour}`;
  $("publier").textContent = f.kind === "oi" ? "Publier tout ce pôle" : "Publier";
  $("copier").hidden = f.kind !== "uo";
  // the validation sheet: a unit, or every unit of a pôle in one file (one unit a page)
  $("pdf").hidden = $("mail").hidden = !["uo", "oi"].includes(f.kind);
  $("pdf").textContent = f.kind === "oi" ? "Fiches de validation du pôle (un PDF)" : "Fiche de validation (PDF)";
  for (const b of ["enregistrer", "soumettre", "publier", "copier", "fermer-fiche"]) $(b).disabled = !etat.moi?.editeur;
  $("valider").disabled = !etat.moi?.validateur;
  $("soumettre-pole").hidden = f.kind !== "oi"; $("soumettre-pole").disabled = !etat.moi?.editeur;
  $("valider-pole").hidden = f.kind !== "oi"; $("valider-pole").disabled = !etat.moi?.validateur;
  $("retourner").disabled = !etat.moi?.validateur;
  $("t-fiche").textContent = `${{ uo: "Unité", oi: "Organisation", eg: "Établissement", ej: "Entité juridique" }[f.kind] || "Fiche"} — ${f.data.nom || f.id}`;
  localStorage.setItem(COURANT, JSON.stringify({ eg: etat.eg, kind: f.kind, id: f.id }));
  dessinerArbre();
}

// `annonce`: what the step that opens the fiche has to say, shown at once; said after the opening it
// would replace the message of a save typed meanwhile ("Version 2 enregistrée").
async function ouvrir(kind, id, annonce = "") {
  message(annonce, "ok");
  $("conflit").hidden = true;
  $("form-fermeture").hidden = true;
  try {
    const { json: f } = await appel("GET", `${API}/${kind}/${encodeURIComponent(id)}`);
    const local = attente.entree(kind, id);
    const repris = local || f.brouillon;
    afficherFiche(f);
    await construireFormulaire(kind, repris ? repris.data : f.data, formeOptions());
    const note = $("fiche-reprise");
    note.hidden = !repris;
    if (repris) {
      const quand = local ? new Date(local.quand) : new Date(f.brouillon.enregistre_le);
      note.textContent = `Modifications non enregistrées reprises (saisies le ${quand.toLocaleString("fr-FR")}).`;
      if (repris.base_version !== f.version) montrerConflit(f, repris.data);
    }
    dessinerAide(repris && kind === "uo" ? null : f.aide);
    if (repris && kind === "uo") aider(repris.data);
    chargerHistorique();
  } catch (e) {
    if (e instanceof ErreurApi && e.status === 404) localStorage.removeItem(COURANT);
    message(messageErreur(e));
  }
}

async function enregistrer(choix = null) {
  if (!etat.fiche) return;
  const { kind, id } = etat.fiche;
  const data = choix || lireFormulaire(etat.fiche.kind, etat.fiche.data);
  try {
    const { json } = await appel("PUT", `${API}/${kind}/${encodeURIComponent(id)}`, { data }, { "If-Match": etat.fiche.etag });
    attente.retirer(kind, id);
    $("conflit").hidden = true;
    $("fiche-reprise").hidden = true;
    afficherFiche(json);
    if (choix) await construireFormulaire(kind, json.data, formeOptions());
    dessinerAide(json.aide);
    message(`Version ${json.version} enregistrée.`, "ok");
    await chargerArbre();
    chargerHistorique();
  } catch (e) {
    if (e instanceof ErreurApi && e.status === 409 && e.corps?.actuelle) { montrerConflit(e.corps.actuelle, data, e.corps.differences); return; }
    message(messageErreur(e));
    const nomChamp = (e.field || "").replace(/^(uo|oi|eg|ej)\./, "").split(/[.[]/)[0];
    const cible = $("formulaire").querySelector(`[data-champ='${nomChamp}'] input, [data-champ='${nomChamp}']`)
      || $(`f-${nomChamp.replace(/_/g, "-")}`);
    cible?.focus?.();
  }
}

function texteValeur(v) { return v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v); }

/** Both versions element by element (the server names each difference, down to
 * `contacts[1].telecoms[0].valeur`); the person picks a side per row, the server merges. */
async function montrerConflit(actuelle, mienne, differences = null) {
  let diffs = differences;
  if (!diffs) {
    try {
      diffs = (await appel("POST", `${API}/${actuelle.kind}/${encodeURIComponent(actuelle.id)}/ecarts`, { data: mienne })).json.differences;
    } catch (e) { message(messageErreur(e)); return; }
  }
  vider($("conflit-lignes"), diffs.map((d) => h("tr", { "data-champ": d.chemin }, h("th", { scope: "row" }, d.chemin),
    h("td", {}, h("label", {}, h("input", { type: "radio", name: `choix-${d.chemin}`, value: "actuelle" }), ` ${texteValeur(d.actuelle)}`)),
    h("td", {}, h("label", {}, h("input", { type: "radio", name: `choix-${d.chemin}`, value: "mienne", checked: true }), ` ${texteValeur(d.proposee)}`)))));
  $("conflit").hidden = false;
  $("conflit").actuelle = actuelle; $("conflit").mienne = mienne;
  etat.fiche = { ...etat.fiche, etag: actuelle.etag, version: actuelle.version };
  message(`${actuelle.modifie_par?.split("#")[0] || "Quelqu'un"} a enregistré la version ${actuelle.version} entre-temps : choisissez élément par élément.`, "alerte");
}

$("conflit-enregistrer").addEventListener("click", async () => {
  const c = $("conflit");
  const miennes = [...c.querySelectorAll("tr[data-champ]")]
    .filter((tr) => tr.querySelector("input:checked")?.value === "mienne").map((tr) => tr.dataset.champ);
  try {
    const { json } = await appel("POST", `${API}/${c.actuelle.kind}/${encodeURIComponent(c.actuelle.id)}/ecarts`, { data: c.mienne, miennes });
    etat.fiche = { ...etat.fiche, etag: json.etag, version: json.version };
    enregistrer(json.fusion);
  } catch (e) { message(messageErreur(e)); }
});

async function etape(action, corps) {
  const { kind, id } = etat.fiche;
  try {
    const { json } = await appel("POST", `${API}/${kind}/${encodeURIComponent(id)}/${action}`, corps);
    if (action === "publier") {
      const n = json.publies.length;
      await ouvrir(kind, id, `${n} fiche${n > 1 ? "s" : ""} publiée${n > 1 ? "s" : ""}` + (json.ecartes.length
        ? ` ; non publiées : ${json.ecartes.map((x) => `${x.id} (${ETATS[x.etat] || x.etat})`).join(", ")}` : "."));
    } else {
      afficherFiche(json);
      message(`Fiche : ${ETATS[json.etat]}.`, "ok");
    }
    await chargerArbre();
    chargerHistorique();
  } catch (e) { message(messageErreur(e)); }
}

async function lot(action, corps) {
  const { id } = etat.fiche;
  try {
    const { json } = await appel("POST", `${API}/oi/${encodeURIComponent(id)}/pole/${action}`, corps);
    const n = json.fiches.length;
    await ouvrir("oi", id, `${n} fiche${n > 1 ? "s" : ""} ${action === "soumettre" ? "soumise" : "validée"}${n > 1 ? "s" : ""}`
      + (json.ecartes.length ? ` ; laissées : ${json.ecartes.map((x) => `${x.id} (${x.motif})`).join(", ")}` : "."));
    await chargerArbre();
  } catch (e) { message(messageErreur(e)); }
}

$("soumettre-pole").addEventListener("click", () => lot("soumettre", undefined));
$("valider-pole").addEventListener("click", () => lot("valider", { signataire: valeur("signataire") || null }));
$("enregistrer").addEventListener("click", () => enregistrer());
$("soumettre").addEventListener("click", () => etape("soumettre"));
$("valider").addEventListener("click", () => etape("valider", { signataire: valeur("signataire") || null }));
$("retourner").addEventListener("click", () => {
  if (!valeur("retour-commentaire")) { message("Dites ce qu'il faut corriger."); $("retour-commentaire").focus(); return; }
  etape("retourner", { commentaire: valeur("retour-commentaire") });
});
$("publier").addEventListener("click", () => etape("publier"));
$("copier").addEventListener("click", async () => {
  try {
    const { json } = await appel("POST", `${API}/uo/${encodeURIComponent(etat.fiche.id)}/copie`, {});
    await chargerArbre();
    await ouvrir("uo", json.id, "Copie créée : renommez-la et adaptez-la.");
  } catch (e) { message(messageErreur(e)); }
});

// closing and reopening
$("fermer-fiche").addEventListener("click", () => { $("form-fermeture").hidden = false; $("ferm-debut").focus(); });
$("ferm-annuler").addEventListener("click", () => { $("form-fermeture").hidden = true; });
$("form-fermeture").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const definitive = document.querySelector("input[name=ferm-sorte]:checked").value === "definitive";
  await fermeture("fermer", { debut: valeur("ferm-debut"), definitive,
    reouverture_prevue: definitive ? null : valeur("ferm-reouverture") || null, motif: valeur("ferm-motif") || null });
});
$("rouvrir").addEventListener("click", () => fermeture("rouvrir", {}));

async function fermeture(action, corps) {
  const { kind, id } = etat.fiche;
  try {
    await appel("POST", `${API}/${kind}/${encodeURIComponent(id)}/${action}`, corps, { "If-Match": etat.fiche.etag });
    $("form-fermeture").hidden = true;
    await chargerArbre();
    await ouvrir(kind, id, action === "fermer" ? "Fermeture enregistrée." : "Réouverture enregistrée.");
  } catch (e) {
    if (e instanceof ErreurApi && e.status === 409 && e.corps?.actuelle) { montrerConflit(e.corps.actuelle, lireFormulaire(etat.fiche.kind, etat.fiche.data), e.corps.differences); return; }
    message(messageErreur(e));
  }
}

// ------------------------------------------------------------------------------- paper, history
async function telecharger(chemin, nom) {
  const r = await fetch(chemin, { headers: { ...entetes(), ...entetesPersonne() } });
  if (!r.ok) throw new ErreurApi(r.status, "http", `Erreur ${r.status}`, null);
  const blob = await r.blob();
  const a = h("a", { href: URL.createObjectURL(blob), download: nom });
  document.body.append(a); a.click(); a.remove();
  return blob;
}

$("pdf").addEventListener("click", async (ev) => {
  ev.preventDefault();
  const { kind, id } = etat.fiche;
  try { await telecharger(`/edition/${kind}/${encodeURIComponent(id)}/validation.pdf`, `validation-${id}.pdf`); }
  catch (e) { message(messageErreur(e)); }
});

$("mail").addEventListener("click", async (ev) => {
  ev.preventDefault();
  const { kind, id, data, version } = etat.fiche;
  const nom = `validation-${id}.pdf`;
  const sujet = `Fiche ROR à valider : ${data.nom} (réf. ${id}, version ${version})`;
  const corps = "Bonjour,\n\nMerci de relire la fiche jointe, de cocher « conforme » ou « à corriger » pour chaque partie, et de me la renvoyer signée.\n";
  try {
    const r = await fetch(`/edition/${kind}/${encodeURIComponent(id)}/validation.pdf`, { headers: entetes() });
    const fichier = new File([await r.blob()], nom, { type: "application/pdf" });
    if (navigator.canShare?.({ files: [fichier] })) { await navigator.share({ files: [fichier], title: sujet, text: corps }); return; }
    const a = h("a", { href: URL.createObjectURL(fichier), download: nom });
    document.body.append(a); a.click(); a.remove();
    window.location.href = `mailto:?subject=${encodeURIComponent(sujet)}&body=${encodeURIComponent(`${corps}\n(Pièce jointe : ${nom}, téléchargée à l'instant.)`)}`;
  } catch (e) { message(messageErreur(e)); }
});

$("csv").addEventListener("click", async (ev) => {
  ev.preventDefault();
  const { kind, id } = etat.fiche;
  try { await telecharger(`${API}/${kind}/${encodeURIComponent(id)}/journal?format=csv`, `historique-${id}.csv`); }
  catch (e) { message(messageErreur(e)); }
});

async function chargerHistorique() {
  if (!etat.fiche) return;
  try {
    const { json } = await appel("GET", `${API}/${etat.fiche.kind}/${encodeURIComponent(etat.fiche.id)}/journal`);
    vider($("historique-lignes"), json.lignes.slice(0, 200).map((l) => h("li", {},
      h("time", { datetime: l.quand }, new Date(l.quand).toLocaleString("fr-FR")), " ", l.auteur.split("#")[0], " — ",
      l.champ ? `${ACTIONS[l.action] || l.action} ${l.champ} : ${texteValeur(l.ancien)} → ${texteValeur(l.nouveau)}` : ACTIONS[l.action] || l.action,
      l.commentaire ? ` (${l.commentaire})` : "")));
  } catch { /* the history waits for the network */ }
}

// ------------------------------------------------------------------------------- creation
function ouvrirAjout(kind) {
  const parent = etat.fiche?.kind === "oi" ? etat.fiche : etat.fiche?.kind === "uo" && etat.fiche.data.oi_id
    ? { id: etat.fiche.data.oi_id, data: { nom: (etat.arbre.noeuds.find((n) => n.id === etat.fiche.data.oi_id) || {}).nom } } : null;
  $("ajout-kind").value = kind;
  $("form-ajout").parentId = parent?.id || null;
  $("ajout-parent").textContent = parent ? parent.data.nom : etat.arbre.eg.nom;
  $("ajout-type-champ").hidden = kind !== "oi";
  $("ajout-champ-champ").hidden = kind !== "uo";
  $("form-ajout").hidden = false;
  $("ajout-nom").value = "";
  $("ajout-nom").focus();
}

$("ajout-oi").addEventListener("click", () => ouvrirAjout("oi"));
$("ajout-uo").addEventListener("click", () => ouvrirAjout("uo"));
$("ajout-annuler").addEventListener("click", () => { $("form-ajout").hidden = true; });
$("form-ajout").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const kind = valeur("ajout-kind");
  const parent = $("form-ajout").parentId;
  const data = kind === "oi"
    ? { eg_id: etat.eg, nom: valeur("ajout-nom"), type: valeur("ajout-type"), parent_id: parent }
    : { eg_id: etat.eg, nom: valeur("ajout-nom"), champ: valeur("ajout-champ"), oi_id: parent };
  try {
    const { json } = await appel("POST", `${API}/${kind}`, { data: sansVides(data) });
    $("form-ajout").hidden = true;
    await chargerArbre();
    await ouvrir(kind, json.id);
    $("f-nom").focus();
  } catch (e) { message(messageErreur(e)); }
});

// EJ and EG (administrators: a FINESS identity is the region's to declare)
const EGS_OUVERTS = "ror.edition.egs";  // EGs an administrator opened or created in this browser

function egsOuverts() { try { return JSON.parse(localStorage.getItem(EGS_OUVERTS) || "[]"); } catch { return []; } }

function retenirEg(id, nom) {
  const liste = egsOuverts().filter((e) => e.id !== id);
  localStorage.setItem(EGS_OUVERTS, JSON.stringify([{ id, nom }, ...liste].slice(0, 30)));
}

function ouvrirStructure(kind) {
  $("structure-kind").value = kind;
  $("t-structure").textContent = kind === "ej" ? "Nouvelle entité juridique" : "Nouvel établissement (entité géographique)";
  $("structure-ej-champ").hidden = kind !== "eg";
  $("structure-categorie-champ").hidden = kind !== "eg";
  $("structure-ej").value = etat.fiche?.kind === "ej" ? etat.fiche.id : etat.arbre?.eg?.ej_id || "";
  $("structure-id").value = ""; $("structure-nom").value = "";
  $("form-structure").hidden = false;
  $("structure-id").focus();
}

async function choisirEg(id) {
  etat.eg = id; etat.fiche = null;
  $("formulaire").hidden = true; $("actions-fiche").hidden = true; $("fiche-entete").hidden = true;
  $("aide").hidden = true; $("fiche-vide").hidden = false;
  if (![...$("eg").options].some((o) => o.value === id)) $("eg").append(h("option", { value: id }, id));
  $("eg").value = id;
  await chargerArbre();
}

$("ajout-ej").addEventListener("click", () => ouvrirStructure("ej"));
$("ajout-eg").addEventListener("click", () => ouvrirStructure("eg"));
$("structure-annuler").addEventListener("click", () => { $("form-structure").hidden = true; });
$("form-structure").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const kind = valeur("structure-kind");
  const data = kind === "ej" ? { id: valeur("structure-id"), nom: valeur("structure-nom") }
    : { id: valeur("structure-id"), nom: valeur("structure-nom"), categorie: valeur("structure-categorie"), ej_id: valeur("structure-ej") || null };
  try {
    const { json } = await appel("POST", `${API}/${kind}`, { data: sansVides(data) });
    $("form-structure").hidden = true;
    if (kind === "eg") { retenirEg(json.id, json.data.nom); await choisirEg(json.id); }
    await ouvrir(kind, json.id, `${kind === "ej" ? "Entité juridique" : "Établissement"} ${json.id} créé${kind === "ej" ? "e" : ""} (brouillon).`);
  } catch (e) { message(messageErreur(e)); }
});
$("form-ouvrir-eg").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const id = valeur("ouvrir-eg");
  try {
    await choisirEg(id);
    retenirEg(id, etat.arbre.eg.nom);
  } catch (e) { message(messageErreur(e)); }
});

document.addEventListener("keydown", (ev) => {
  // Ctrl+S, or ⌘S on a Mac
  if ([ev.ctrlKey, ev.metaKey].some(Boolean) && ev.key === "s") { ev.preventDefault(); enregistrer(); }
  if (ev.altKey && ev.key === "o") { ev.preventDefault(); ouvrirAjout("oi"); }
  if (ev.altKey && ev.key === "u") { ev.preventDefault(); ouvrirAjout("uo"); }
});

// ------------------------------------------------------------------------------- start
async function demarrer() {
  message("");
  if (!cle()) { message("Saisissez la clé d'application de votre établissement (en haut à droite) pour éditer.", "alerte"); return; }
  try {
    etat.moi = (await appel("GET", `${API}/moi`)).json;
  } catch (e) {
    if (e instanceof ErreurApi && e.field === "X-ROR-Utilisateur") { choisirPersonne(""); return demarrer(); }
    message(messageErreur(e)); return;
  }
  const personnes = etat.moi.personnes || [];
  $("personne-bloc").hidden = !personnes.length;
  vider($("personne"), [h("option", { value: "" }, "— choisissez —"),
    ...personnes.map((p) => h("option", { value: p.email }, `${p.nom} (${p.email})`))]);
  $("personne").value = etat.moi.personne?.email || "";
  attente.proprietaire(etat.moi.personne?.email || "");
  if (personnes.length && !etat.moi.personne) {
    message("Plusieurs personnes travaillent avec cette clé : dites qui vous êtes (vos brouillons sont les vôtres).", "alerte");
    $("personne").focus();
    return;
  }
  vider($("ajout-type"), (await table("TRE_R207")).map((c) => h("option", { value: c.code }, c.libelle)));
  vider($("ajout-champ"), (await table("TRE_R227")).map((c) => h("option", { value: c.code }, c.libelle)));
  await Promise.all(["TRE_R211", "TRE_R210", "TRE_R243", "JDV_J55"].map(table));
  const admin = etat.moi.droits.includes("admin");
  $("admin-bloc").hidden = !admin;
  if (admin) vider($("structure-categorie"), (await table("JDV_J55")).map((c) => h("option", { value: c.code }, c.libelle)));
  const egs = [...etat.moi.egs, ...(admin ? egsOuverts().filter((e) => !etat.moi.egs.some((m) => m.id === e.id)) : [])];
  if (!egs.length) {
    message(admin ? "Créez une entité juridique puis un établissement, ou ouvrez un établissement par son n° FINESS."
      : "Cette clé ne donne accès à aucun établissement.", admin ? "alerte" : "erreur");
    return;
  }
  const courant = JSON.parse(localStorage.getItem(COURANT) || "null");
  vider($("eg"), egs.map((e) => h("option", { value: e.id }, `${nomAffiche(e)} (${e.id})`)));
  etat.eg = courant && egs.some((e) => e.id === courant.eg) ? courant.eg : egs[0].id;
  $("eg").value = etat.eg;
  await chargerArbre();
  attente.signaler();
  if (courant && courant.eg === etat.eg) await ouvrir(courant.kind, courant.id);
  attente.vider();
}

$("personne").addEventListener("change", () => { choisirPersonne($("personne").value); demarrer(); });

$("eg").addEventListener("change", () => choisirEg($("eg").value));

// Offline reopening: the page, its scripts and its last reads kept by a service worker.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/edition-sw.js", { scope: "/edition" }).catch(() => { /* the page works without it */ });
}

marquerPage("edition");
initAcces(demarrer);
demarrer();
