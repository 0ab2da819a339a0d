// The editing page: the establishment's tree on the left, the record's form on the right, live help
// beside it. Every change is a draft at once (attente.js); "Enregistrer" writes a version with
// If-Match; a conflict shows both versions field by field.
import { initAcces } from "./acces.js";
import { ErreurApi, cle, config, entetes, lire, messageErreur } from "./api.js";
import { FileAttente } from "./attente.js";
import { Combobox } from "./combobox.js";
import { h, marquerPage, vider } from "./dom.js";

const API = `${config().api || "/api/v1"}/edition`;
const COURANT = "ror.edition.courant";
const $ = (id) => document.getElementById(id);
const JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "jours fériés"];
const NATURES = [["", "—"], ["medical", "médical"], ["soignant", "soignant"], ["administratif", "administratif"]];
const CANAUX = [["telephone", "téléphone"], ["mobile", "mobile"], ["email", "courriel"], ["fax", "fax"],
  ["mssante", "MSSanté"], ["bip", "bip"], ["url", "site"]];
const CONFID = [["1", "public"], ["2", "restreint (professionnels)"], ["3", "confidentiel (régulation)"]];
const ETATS = { brouillon: "Brouillon", a_valider: "À valider", valide: "Validé", publie: "Publié" };

const etat = { moi: null, eg: null, arbre: null, fiche: null, tables: {}, aideMinuteur: null };

// ------------------------------------------------------------------------------- network
async function appel(methode, chemin, corps, entetesEnPlus = {}, { keepalive = false } = {}) {
  const r = await fetch(chemin, {
    method: methode, keepalive,
    headers: { Accept: "application/json", "Content-Type": "application/json", ...entetes(), ...entetesEnPlus },
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

// ------------------------------------------------------------------------------- nomenclatures
async function table(id) {
  if (!etat.tables[id]) etat.tables[id] = (await lire(`${config().api}/nomenclatures/${id}`)).codes.filter((c) => c.actif);
  return etat.tables[id];
}

function libelleCode(id, code) {
  const c = (etat.tables[id] || []).find((x) => x.code === code);
  return c ? c.libelle : code;
}

async function select(id, tableId, valeur, { vide = true, multiple = false } = {}) {
  const codes = await table(tableId);
  const s = h("select", { id, name: id, multiple });
  if (vide && !multiple) s.append(h("option", { value: "" }, "—"));
  const choisis = new Set(multiple ? valeur || [] : [valeur]);
  for (const c of codes) s.append(h("option", { value: c.code, selected: choisis.has(c.code) }, c.libelle));
  for (const v of choisis) {  // a code no longer active is shown, kept, and named as such
    if (v && !codes.some((c) => c.code === v)) s.append(h("option", { value: v, selected: true }, `${v} (code retiré de la nomenclature)`));
  }
  return s;
}

function selectListe(id, options, valeur) {
  return h("select", { id }, options.map(([v, l]) => h("option", { value: v, selected: v === (valeur ?? "") }, l)));
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
      h("span", { class: "noeud-nom" }, n.nom || n.id),
      h("span", { class: `etiquette-etat etat-${n.etat}` }, ETATS[n.etat] || n.etat),
      n.ferme ? h("span", { class: "etiquette-etat etat-ferme" }, "fermé") : null),
    sous.length ? h("ul", { role: "group" }, sous) : null);
  });
  const eg = etat.arbre?.eg;
  const actifEg = etat.fiche && etat.fiche.kind === "eg";
  vider(racine, eg ? h("li", { role: "treeitem", tabindex: actifEg ? "0" : "-1", "aria-level": 1, "aria-selected": String(actifEg),
    "aria-expanded": "true", "data-kind": "eg", "data-id": eg.id },
  h("span", { class: "noeud noeud-eg" }, h("span", { class: "noeud-nom" }, eg.nom || eg.id),
    h("span", { class: `etiquette-etat etat-${eg.etat}` }, ETATS[eg.etat] || eg.etat)),
  h("ul", { role: "group" }, branche("", 2))) : branche("", 1));
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
  etat.arbre = await lire(`${API}/arbre/${encodeURIComponent(etat.eg)}`, {}, {});
  dessinerArbre();
}

// ------------------------------------------------------------------------------- form
function champ(label, controle, aide) {
  const id = controle.id || controle.querySelector?.("input,select,textarea")?.id;
  return h("div", { class: "champ" }, h("label", { for: id }, label), controle, aide ? h("p", { class: "aide" }, aide) : null);
}

function entree(id, valeur, attrs = {}) {
  return h("input", { id, name: id, type: "text", value: valeur ?? "", ...attrs });
}

/** A multi-valued code picker searching by words and synonyms (the search box's understanding). */
function selecteur(id, prefixes, codes, tableId) {
  const bloc = h("div", { class: "selecteur", id: `${id}-bloc`, "data-champ": id });
  const puces = h("ul", { class: "puces", id: `${id}-puces` });
  const liste = h("ul", { id: `${id}-liste`, role: "listbox", class: "suggestions", hidden: true });
  const input = h("input", { id, type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
    "aria-controls": `${id}-liste`, placeholder: "Tapez un mot (ex. brûlure, thrombolyse)…", autocomplete: "off" });
  const valeurs = [...codes];
  const dessiner = () => vider(puces, valeurs.map((v, i) => h("li", { class: "puce", "data-code": v },
    libelleCode(v.split(":")[0] === "R243" ? "TRE_R243" : tableId(v), v.split(":").pop()),
    h("button", { type: "button", "aria-label": `Retirer ${v}`, onclick: () => { valeurs.splice(i, 1); dessiner(); changement(id); } }, "×"))));
  bloc.valeurs = valeurs;
  bloc.ajouter = (v) => { if (!valeurs.includes(v)) { valeurs.push(v); dessiner(); changement(id); } };
  new Combobox(input, liste, {
    source: async (q, signal) => (await lire(`${config().api}/suggest`, { q, limit: 15 }, { signal })).suggestions
      .filter((s) => prefixes.some((p) => String(s.concept).startsWith(p))),
    texte: (s) => s.label || s.texte,
    type: (s) => (s.synonyme ? `synonyme : ${s.synonyme}` : s.table),
    choisir: (s) => { input.value = ""; bloc.ajouter(s.concept); },
  });
  dessiner();
  bloc.append(puces, h("div", { class: "combo" }, input, liste));
  return bloc;
}

function plagesEditeur(plages) {
  const corps = h("tbody", { id: "plages" });
  const ligne = (p = { jour: 0, debut: "08:00", fin: "18:00" }) => corps.append(h("tr", {},
    h("td", {}, h("select", { "aria-label": "Jour", class: "p-jour" }, JOURS.map((j, i) => h("option", { value: i, selected: i === Number(p.jour) }, j)))),
    h("td", {}, h("input", { type: "time", class: "p-debut", "aria-label": "Début", value: String(p.debut).slice(0, 5) })),
    h("td", {}, h("input", { type: "time", class: "p-fin", "aria-label": "Fin", value: String(p.fin).slice(0, 5) })),
    h("td", {}, h("button", { type: "button", class: "secondaire", onclick: (ev) => { ev.target.closest("tr").remove(); changement("horaires"); } }, "Retirer"))));
  (plages || []).forEach(ligne);
  return h("div", { "data-champ": "horaires" }, h("table", { class: "plages" }, corps),
    h("button", { type: "button", class: "secondaire", onclick: () => { ligne(); changement("horaires"); } }, "+ Plage horaire"));
}

async function equipementsEditeur(equipements) {
  const [codes, cars] = await Promise.all([table("TRE_R212"), table("TRE_R340")]);
  const corps = h("tbody", { id: "equipements" });
  const ligne = (e = {}) => corps.append(h("tr", {},
    h("td", {}, h("select", { "aria-label": "Équipement", class: "e-code" },
      codes.map((c) => h("option", { value: c.code, selected: c.code === e.code }, c.libelle)),
      e.code && !codes.some((c) => c.code === e.code) ? h("option", { value: e.code, selected: true }, `${e.code} (code retiré)`) : null)),
    h("td", {}, h("select", { "aria-label": "Caractéristique (limite)", class: "e-car" }, h("option", { value: "" }, "—"),
      cars.map((c) => h("option", { value: c.code, selected: c.code === e.caracteristique }, c.libelle)))),
    h("td", {}, h("input", { type: "number", step: "any", min: 0, class: "e-valeur", "aria-label": "Valeur (ex. kg)", value: e.valeur ?? "" })),
    h("td", {}, h("input", { type: "number", min: 1, class: "e-quantite", "aria-label": "Quantité", value: e.quantite ?? 1 })),
    h("td", {}, h("button", { type: "button", class: "secondaire", onclick: (ev) => { ev.target.closest("tr").remove(); changement("equipements"); } }, "Retirer"))));
  (equipements || []).forEach(ligne);
  return h("div", { "data-champ": "equipements", class: "defilant" },
    h("table", { class: "plages" }, h("thead", {}, h("tr", {}, ["Équipement", "Limite", "Valeur", "Quantité", ""].map((t) => h("th", { scope: "col" }, t)))), corps),
    h("button", { type: "button", class: "secondaire", onclick: () => { ligne(); changement("equipements"); } }, "+ Équipement"));
}

function fermeturesTexte(fermetures) {
  if (!fermetures?.length) return null;
  return h("ul", { class: "simple", id: "fermetures" }, fermetures.map((f) => h("li", {},
    `${f.definitive ? "Fermeture définitive" : "Fermeture provisoire"} à partir du ${f.debut}`
    + (f.reouverture_prevue ? `, réouverture le ${f.reouverture_prevue}` : "") + (f.motif ? ` (${f.motif})` : ""))));
}

function contactsEditeur(contacts) {
  const liste = h("div", { id: "contacts", "data-champ": "contacts" });
  const bloc = (c = {}) => {
    const t = (c.telecoms || [])[0] || {};
    liste.append(h("fieldset", { class: "contact" }, h("legend", {}, "Contact"),
      h("div", { class: "ligne" },
        champ("Fonction", entree(`c-fonction-${liste.children.length}`, c.fonction, { class: "c-fonction" })),
        champ("Nature", Object.assign(selectListe(`c-nature-${liste.children.length}`, NATURES, c.nature), { className: "c-nature" })),
        champ("Nom", entree(`c-nom-${liste.children.length}`, c.nom, { class: "c-nom" }))),
      h("div", { class: "ligne" },
        champ("Canal", Object.assign(selectListe(`c-canal-${liste.children.length}`, CANAUX, t.canal || "telephone"), { className: "c-canal" })),
        champ("Numéro ou adresse", entree(`c-valeur-${liste.children.length}`, t.valeur, { class: "c-valeur" })),
        champ("Confidentialité", Object.assign(selectListe(`c-confid-${liste.children.length}`, CONFID, t.confidentialite || "1"), { className: "c-confid" }))),
      h("button", { type: "button", class: "secondaire", onclick: (ev) => { ev.target.closest("fieldset").remove(); changement("contacts"); } }, "Retirer ce contact")));
    liste.lastChild.autres = (c.telecoms || []).slice(1);  // further telecoms are kept as they are
  };
  (contacts || []).forEach(bloc);
  return h("div", {}, liste, h("button", { type: "button", class: "secondaire", onclick: () => { bloc(); changement("contacts"); } }, "+ Contact"));
}

function optionsParents(kind, data) {
  const ois = (etat.arbre?.noeuds || []).filter((n) => n.kind === "oi" && n.id !== data.id);
  const actuel = kind === "uo" ? data.oi_id : data.parent_id;
  return h("select", { id: "f-parent" }, h("option", { value: "" }, "(directement sous l'établissement)"),
    ois.map((o) => h("option", { value: o.id, selected: o.id === actuel }, o.nom)));
}

function adresseEditeur(a, legende) {
  return h("fieldset", {}, h("legend", {}, legende),
    h("div", { class: "ligne" },
      champ("N°", entree("f-numero", a?.numero, { size: 4 })),
      champ("Voie", entree("f-voie", a?.voie)),
      champ("Lieu-dit", entree("f-lieu-dit", a?.lieu_dit))),
    h("div", { class: "ligne" },
      champ("Code postal", entree("f-cp", a?.code_postal, { inputmode: "numeric", size: 6 })),
      champ("Localité", entree("f-localite", a?.localite))));
}

function lireAdresse(a) {
  const out = sansVides({ ...(a || {}), numero: valeur("f-numero"), voie: valeur("f-voie"),
    lieu_dit: valeur("f-lieu-dit"), code_postal: valeur("f-cp"), localite: valeur("f-localite") });
  return Object.keys(out).length ? out : null;
}

async function construireFormulaire(kind, data) {
  const f = $("formulaire");
  const blocs = [champ("Nom", entree("f-nom", data.nom, { required: true, "data-champ": "nom", autocomplete: "off" }),
    "En minuscules avec une majuscule initiale ; les sigles avec leur signification.")];
  if (kind === "eg") {
    blocs.push(champ("Téléphone du site", entree("f-telephone", data.telephone, { inputmode: "tel" })),
      adresseEditeur(data.adresse, "Adresse du site"),
      h("p", { class: "aide" }, `FINESS ${data.id} · catégorie ${libelleCode("JDV_J55", data.categorie)} — l'identité FINESS vient des imports.`));
  } else if (kind === "oi") {
    blocs.push(champ("Type", await select("f-type", "TRE_R207", data.type, { vide: false })),
      champ("Rattachée à", optionsParents(kind, data)));
  } else if (kind === "uo") {
    const tableApt = (v) => (v.startsWith("R210") ? "TRE_R210" : "TRE_R243");
    const apt = [...(data.actes || []).map((c) => `R210:${c}`), ...(data.competences || []).map((c) => `R243:${c}`)];
    blocs.push(
      champ("Rattachée à", optionsParents(kind, data)),
      h("fieldset", {}, h("legend", {}, "Offre"),
        champ("Champ d'activité", await select("f-champ", "TRE_R227", data.champ, { vide: false })),
        champ("Activités opérationnelles", selecteur("f-activites", ["R211:"], (data.activites || []).map((c) => `R211:${c}`), () => "TRE_R211")),
        champ("Mode de prise en charge", await select("f-mode", "TRE_R213", data.mode_prise_en_charge)),
        champ("Type d'offre (catégorie d'organisation)", await select("f-categorie", "TRE_R244", data.categorie_organisation))),
      h("fieldset", {}, h("legend", {}, "Patientèle"),
        h("div", { class: "ligne" },
          champ("Âge minimum", entree("f-age-min", data.age_min, { type: "number", min: 0, max: 130, inputmode: "numeric" })),
          champ("Âge maximum", entree("f-age-max", data.age_max, { type: "number", min: 0, max: 130, inputmode: "numeric" }))),
        champ("Publics", await select("f-publics", "TRE_R239", data.publics, { multiple: true })),
        champ("Spécialisations de prise en charge", await select("f-specialisations", "TRE_R245", data.specialisations, { multiple: true }))),
      h("fieldset", {}, h("legend", {}, "Aptitudes"),
        champ("Actes et compétences spécifiques", selecteur("f-aptitudes", ["R210:", "R243:"], apt, tableApt))),
      h("fieldset", {}, h("legend", {}, "Horaires"),
        h("label", {}, h("input", { type: "checkbox", id: "f-permanent", checked: !!data.horaires?.permanent }), " Ouvert 24 h/24, 7 j/7"),
        h("label", {}, h("input", { type: "checkbox", id: "f-feries", checked: !!data.horaires?.ferme_jours_feries }), " Fermé les jours fériés"),
        plagesEditeur(data.horaires?.plages), fermeturesTexte(data.horaires?.fermetures)),
      h("fieldset", {}, h("legend", {}, "Équipements"), await equipementsEditeur(data.equipements)),
      h("fieldset", {}, h("legend", {}, "Contacts"), contactsEditeur(data.contacts)),
      adresseEditeur(data.adresse, "Adresse de l'unité (vide : celle de l'établissement)"),
      h("fieldset", {}, h("legend", {}, "Divers"),
        champ("Identifiant de synchronisation", entree("f-synchro", data.id_externe_synchro)),
        h("label", {}, h("input", { type: "checkbox", id: "f-sensible", checked: !!data.sensible }), " Unité sensible (masquée au public)"),
        champ("Commentaire (ce que la nomenclature ne permet pas de dire)",
          h("textarea", { id: "f-commentaire", rows: 3 }, data.commentaire || ""))),
    );
  }
  vider(f, blocs);
  f.hidden = false;
  if (!etat.moi?.editeur) {  // a validator reads; only editors write (the API refuses them anyway)
    f.querySelectorAll("input, select, textarea, button").forEach((el) => { el.disabled = true; });
  }
}

function valeur(id) { const el = $(id); return el ? el.value.trim() : ""; }
function entier(id) { const v = valeur(id); return v === "" ? null : (/^\d+$/.test(v) ? Number(v) : v); }
function multiples(id) { return [...($(id)?.selectedOptions || [])].map((o) => o.value); }
function sansVides(objet) {
  return Object.fromEntries(Object.entries(objet).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && !v.length)));
}

/** The record as the form shows it: the loaded data, overwritten by every field of the form. */
function lireFormulaire() {
  const { kind, data } = etat.fiche;
  const out = { ...data, nom: valeur("f-nom") };
  if (kind === "eg") {
    out.telephone = valeur("f-telephone") || null;
    out.adresse = lireAdresse(data.adresse) || {};
  } else if (kind === "oi") {
    out.type = valeur("f-type");
    out.parent_id = valeur("f-parent") || null;
  } else if (kind === "uo") {
    const apt = $("f-aptitudes-bloc").valeurs;
    Object.assign(out, {
      oi_id: valeur("f-parent") || null,
      champ: valeur("f-champ"),
      activites: $("f-activites-bloc").valeurs.map((v) => v.split(":")[1]),
      mode_prise_en_charge: valeur("f-mode") || null,
      categorie_organisation: valeur("f-categorie") || null,
      age_min: entier("f-age-min"), age_max: entier("f-age-max"),
      publics: multiples("f-publics"), specialisations: multiples("f-specialisations"),
      actes: apt.filter((v) => v.startsWith("R210:")).map((v) => v.slice(5)),
      competences: apt.filter((v) => v.startsWith("R243:")).map((v) => v.slice(5)),
      horaires: sansVides({
        ...(data.horaires || {}),
        permanent: $("f-permanent").checked || null,
        ferme_jours_feries: $("f-feries").checked || null,
        plages: [...$("plages").children].map((tr) => ({
          jour: Number(tr.querySelector(".p-jour").value),
          debut: tr.querySelector(".p-debut").value, fin: tr.querySelector(".p-fin").value })),
      }),
      equipements: [...$("equipements").children].map((tr) => {
        const v = tr.querySelector(".e-valeur").value; const q = Number(tr.querySelector(".e-quantite").value) || 1;
        return sansVides({ code: tr.querySelector(".e-code").value, caracteristique: tr.querySelector(".e-car").value || null,
          valeur: v === "" ? null : Number(v), quantite: q === 1 ? null : q });
      }),
      contacts: [...$("contacts").children].map((fs) => sansVides({
        fonction: fs.querySelector(".c-fonction").value.trim(), nature: fs.querySelector(".c-nature").value,
        nom: fs.querySelector(".c-nom").value.trim(),
        telecoms: [...(fs.querySelector(".c-valeur").value.trim() ? [{ canal: fs.querySelector(".c-canal").value,
          valeur: fs.querySelector(".c-valeur").value.trim(), confidentialite: fs.querySelector(".c-confid").value }] : []),
        ...(fs.autres || [])],
      })),
      adresse: lireAdresse(data.adresse),
      id_externe_synchro: valeur("f-synchro") || null,
      sensible: $("f-sensible").checked || null,
      commentaire: valeur("f-commentaire") || null,
    });
  }
  return sansVides(out);
}

function changement(nomChamp) {
  if (!etat.fiche) return;
  const data = lireFormulaire();
  attente.ajouter(etat.fiche.kind, etat.fiche.id, data, etat.fiche.version, nomChamp);
  clearTimeout(etat.aideMinuteur);
  if (etat.fiche.kind === "uo") etat.aideMinuteur = setTimeout(() => aider(data), 400);
}

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
  $("fiche-retour").textContent = f.retour ? `Retour pour correction : ${f.retour}` : "";
  $("publier").textContent = f.kind === "oi" ? "Publier tout ce pôle" : "Publier";
  $("copier").hidden = f.kind !== "uo";
  for (const b of ["enregistrer", "soumettre", "publier", "copier", "fermer-fiche"]) $(b).disabled = !etat.moi?.editeur;
  $("valider").disabled = !etat.moi?.validateur;
  $("soumettre-pole").hidden = f.kind !== "oi"; $("soumettre-pole").disabled = !etat.moi?.editeur;
  $("valider-pole").hidden = f.kind !== "oi"; $("valider-pole").disabled = !etat.moi?.validateur;
  $("retourner").disabled = !etat.moi?.validateur;
  $("t-fiche").textContent = `${{ uo: "Unité", oi: "Organisation", eg: "Établissement" }[f.kind] || "Fiche"} — ${f.data.nom || f.id}`;
  localStorage.setItem(COURANT, JSON.stringify({ eg: etat.eg, kind: f.kind, id: f.id }));
  dessinerArbre();
}

async function ouvrir(kind, id) {
  message("");
  $("conflit").hidden = true;
  $("form-fermeture").hidden = true;
  try {
    const { json: f } = await appel("GET", `${API}/${kind}/${encodeURIComponent(id)}`);
    const local = attente.entree(kind, id);
    const repris = local || f.brouillon;
    afficherFiche(f);
    await construireFormulaire(kind, repris ? repris.data : f.data);
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
  const data = choix || lireFormulaire();
  try {
    const { json } = await appel("PUT", `${API}/${kind}/${encodeURIComponent(id)}`, { data }, { "If-Match": etat.fiche.etag });
    attente.retirer(kind, id);
    $("conflit").hidden = true;
    $("fiche-reprise").hidden = true;
    afficherFiche(json);
    if (choix) await construireFormulaire(kind, json.data);
    dessinerAide(json.aide);
    message(`Version ${json.version} enregistrée.`, "ok");
    await chargerArbre();
    chargerHistorique();
  } catch (e) {
    if (e instanceof ErreurApi && e.status === 409 && e.corps?.actuelle) { montrerConflit(e.corps.actuelle, data); return; }
    message(messageErreur(e));
    const nomChamp = (e.field || "").replace(/^(uo|oi|eg|ej)\./, "").split(/[.[]/)[0];
    const cible = $("formulaire").querySelector(`[data-champ='${nomChamp}'] input, [data-champ='${nomChamp}']`)
      || $(`f-${nomChamp.replace(/_/g, "-")}`);
    cible?.focus?.();
  }
}

function texteValeur(v) { return v === undefined || v === null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v); }

function montrerConflit(actuelle, mienne) {
  const champs = [...new Set([...Object.keys(actuelle.data), ...Object.keys(mienne)])]
    .filter((k) => JSON.stringify(actuelle.data[k] ?? null) !== JSON.stringify(mienne[k] ?? null));
  vider($("conflit-lignes"), champs.map((k) => h("tr", { "data-champ": k }, h("th", { scope: "row" }, k),
    h("td", {}, h("label", {}, h("input", { type: "radio", name: `choix-${k}`, value: "actuelle" }), ` ${texteValeur(actuelle.data[k])}`)),
    h("td", {}, h("label", {}, h("input", { type: "radio", name: `choix-${k}`, value: "mienne", checked: true }), ` ${texteValeur(mienne[k])}`)))));
  $("conflit").hidden = false;
  $("conflit").actuelle = actuelle; $("conflit").mienne = mienne;
  etat.fiche = { ...etat.fiche, etag: actuelle.etag, version: actuelle.version };
  message(`${actuelle.modifie_par?.split("#")[0] || "Quelqu'un"} a enregistré la version ${actuelle.version} entre-temps : choisissez champ par champ.`, "alerte");
}

$("conflit-enregistrer").addEventListener("click", () => {
  const c = $("conflit");
  const fusion = { ...c.actuelle.data };
  c.querySelectorAll("tr[data-champ]").forEach((tr) => {
    const k = tr.dataset.champ;
    if (tr.querySelector("input:checked")?.value === "mienne") {
      if (c.mienne[k] === undefined) delete fusion[k]; else fusion[k] = c.mienne[k];
    }
  });
  enregistrer(fusion);
});

async function etape(action, corps) {
  const { kind, id } = etat.fiche;
  try {
    const { json } = await appel("POST", `${API}/${kind}/${encodeURIComponent(id)}/${action}`, corps);
    if (action === "publier") {
      const n = json.publies.length;
      await ouvrir(kind, id);
      message(`${n} fiche${n > 1 ? "s" : ""} publiée${n > 1 ? "s" : ""}` + (json.ecartes.length
        ? ` ; non publiées : ${json.ecartes.map((x) => `${x.id} (${ETATS[x.etat] || x.etat})`).join(", ")}` : "."), "ok");
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
    await ouvrir("oi", id);
    await chargerArbre();
    const n = json.fiches.length;
    message(`${n} fiche${n > 1 ? "s" : ""} ${action === "soumettre" ? "soumise" : "validée"}${n > 1 ? "s" : ""}`
      + (json.ecartes.length ? ` ; laissées : ${json.ecartes.map((x) => `${x.id} (${x.motif})`).join(", ")}` : "."), "ok");
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
    await ouvrir("uo", json.id);
    message("Copie créée : renommez-la et adaptez-la.", "ok");
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
    await ouvrir(kind, id);
    message(action === "fermer" ? "Fermeture enregistrée." : "Réouverture enregistrée.", "ok");
  } catch (e) {
    if (e instanceof ErreurApi && e.status === 409 && e.corps?.actuelle) { montrerConflit(e.corps.actuelle, lireFormulaire()); return; }
    message(messageErreur(e));
  }
}

// ------------------------------------------------------------------------------- paper, history
async function telecharger(chemin, nom) {
  const r = await fetch(chemin, { headers: entetes() });
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
      l.champ ? `${l.action} ${l.champ} : ${texteValeur(l.ancien)} → ${texteValeur(l.nouveau)}` : l.action,
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

document.addEventListener("keydown", (ev) => {
  if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); enregistrer(); }
  if (ev.altKey && ev.key === "o") { ev.preventDefault(); ouvrirAjout("oi"); }
  if (ev.altKey && ev.key === "u") { ev.preventDefault(); ouvrirAjout("uo"); }
});

// ------------------------------------------------------------------------------- start
async function demarrer() {
  message("");
  if (!cle()) { message("Saisissez la clé d'application de votre établissement (en haut à droite) pour éditer.", "alerte"); return; }
  try {
    etat.moi = await lire(`${API}/moi`);
  } catch (e) { message(messageErreur(e)); return; }
  if (!etat.moi.egs.length) { message("Cette clé ne donne accès à aucun établissement."); return; }
  const courant = JSON.parse(localStorage.getItem(COURANT) || "null");
  const egs = etat.moi.egs;
  vider($("eg"), egs.map((e) => h("option", { value: e.id }, `${e.nom || e.id} (${e.id})`)));
  etat.eg = courant && egs.some((e) => e.id === courant.eg) ? courant.eg : egs[0].id;
  $("eg").value = etat.eg;
  vider($("ajout-type"), (await table("TRE_R207")).map((c) => h("option", { value: c.code }, c.libelle)));
  vider($("ajout-champ"), (await table("TRE_R227")).map((c) => h("option", { value: c.code }, c.libelle)));
  await Promise.all(["TRE_R211", "TRE_R210", "TRE_R243", "JDV_J55"].map(table));
  await chargerArbre();
  attente.signaler();
  if (courant && courant.eg === etat.eg) await ouvrir(courant.kind, courant.id);
  attente.vider();
}

$("eg").addEventListener("change", async () => {
  etat.eg = $("eg").value; etat.fiche = null;
  $("formulaire").hidden = true; $("actions-fiche").hidden = true; $("fiche-entete").hidden = true;
  $("aide").hidden = true; $("fiche-vide").hidden = false;
  await chargerArbre();
});

marquerPage("edition");
initAcces(demarrer);
demarrer();
