// The record form of the editing page: every field of EG, organisation and unit, built from the
// record's plain JSON and read back into it (fields the form does not show are kept as they are).
import { config, lire } from "./api.js";
import { Combobox } from "./combobox.js";
import { h, vider } from "./dom.js";

const $ = (id) => document.getElementById(id);
const JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "jours fériés"];
const NATURES = [["", "—"], ["medical", "médical"], ["soignant", "soignant"], ["administratif", "administratif"]];
const CANAUX = [["telephone", "téléphone"], ["mobile", "mobile"], ["email", "courriel"], ["fax", "fax"],
  ["mssante", "MSSanté"], ["bip", "bip"], ["url", "site"]];
const CONFID = [["1", "public"], ["2", "restreint (professionnels)"], ["3", "confidentiel (régulation)"]];
const tables = {};
let surChangement = () => {};

/** What to call when the user changes a field (the page keeps a draft of it). */
export function brancher(changement) { surChangement = changement; }
const changement = (nomChamp) => surChangement(nomChamp);

export async function table(id) {
  if (!tables[id]) tables[id] = (await lire(`${config().api}/nomenclatures/${id}`)).codes.filter((c) => c.actif);
  return tables[id];
}

export function libelleCode(id, code) {
  const c = (tables[id] || []).find((x) => x.code === code);
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

function champ(label, controle, aide) {
  // the label points at the control itself, or at the first input of a composite control
  const id = controle.id ? controle.id : controle.querySelector("input,select,textarea")?.id;
  return h("div", { class: "champ" }, h("label", { for: id }, label), controle, aide ? h("p", { class: "aide" }, aide) : null);
}

function entree(id, valeur, attrs = {}) {
  return h("input", { id, name: id, type: "text", value: valeur ?? "", ...attrs });
}

/** A multi-valued code picker searching by words and synonyms (the search box's understanding). */
function selecteur(id, prefixes, codes, tableId, { unique = false } = {}) {
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
  // `unique`: one value at most (a unit's one activité opérationnelle): choosing replaces it
  bloc.ajouter = (v) => { if (!valeurs.includes(v)) { if (unique) valeurs.splice(0); valeurs.push(v); dessiner(); changement(id); } };
  new Combobox(input, liste, {
    source: async (q, signal) => (await lire(`${config().api}/suggest`, { q, limit: 15 }, { signal })).suggestions
      .filter((s) => prefixes.some((p) => String(s.concept).startsWith(p))),
    texte: (s) => s.libelle,
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
    liste.lastChild.confidentialite = c.confidentialite;  // the contact's own level, not in the form
  };
  (contacts || []).forEach(bloc);
  return h("div", {}, liste, h("button", { type: "button", class: "secondaire", onclick: () => { bloc(); changement("contacts"); } }, "+ Contact"));
}

function optionsParents(kind, data, noeuds) {
  const ois = noeuds.filter((n) => n.kind === "oi" && n.id !== data.id);
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

/** The form of one record; `noeuds`: the tree (for "Rattachée à"); `editeur`: may write. */
export async function construireFormulaire(kind, data, { noeuds = [], editeur = false } = {}) {
  const f = $("formulaire");
  const blocs = [champ("Nom", entree("f-nom", data.nom, { required: true, "data-champ": "nom", autocomplete: "off" }),
    "En minuscules avec une majuscule initiale ; les sigles avec leur signification.")];
  if (kind === "ej") {
    blocs.push(adresseEditeur(data.adresse, "Adresse du siège"),
      h("p", { class: "aide" }, `Entité juridique FINESS ${data.id}.`));
  } else if (kind === "eg") {
    blocs.push(champ("Téléphone du site", entree("f-telephone", data.telephone, { inputmode: "tel" })),
      adresseEditeur(data.adresse, "Adresse du site"),
      h("p", { class: "aide" }, `FINESS ${data.id} · catégorie ${libelleCode("JDV_J55", data.categorie)} — l'identité FINESS vient des imports.`));
  } else if (kind === "oi") {
    blocs.push(champ("Type", await select("f-type", "TRE_R207", data.type, { vide: false })),
      champ("Rattachée à", optionsParents(kind, data, noeuds)));
  } else if (kind === "uo") {
    const tableApt = (v) => (v.startsWith("R210") ? "TRE_R210" : "TRE_R243");
    const apt = [...(data.actes || []).map((c) => `R210:${c}`), ...(data.competences || []).map((c) => `R243:${c}`)];
    blocs.push(
      champ("Rattachée à", optionsParents(kind, data, noeuds)),
      h("fieldset", {}, h("legend", {}, "Offre"),
        champ("Champ d'activité", await select("f-champ", "TRE_R227", data.champ, { vide: false })),
        champ("Activité opérationnelle (une par unité)", selecteur("f-activite", ["R211:"], data.activite ? [`R211:${data.activite}`] : [], () => "TRE_R211", { unique: true })),
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
  if (!editeur) {  // a validator reads; only editors write (the API refuses them anyway)
    f.querySelectorAll("input, select, textarea, button").forEach((el) => { el.disabled = true; });
  }
}

export function valeur(id) { const el = $(id); return el ? el.value.trim() : ""; }
function entier(id) { const v = valeur(id); return v === "" ? null : (/^\d+$/.test(v) ? Number(v) : v); }
function multiples(id) { return [...($(id)?.selectedOptions || [])].map((o) => o.value); }
export function sansVides(objet) {
  return Object.fromEntries(Object.entries(objet).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && !v.length)));
}

/** The record as the form shows it: the loaded data, overwritten by every field of the form. */
export function lireFormulaire(kind, data) {
  const out = { ...data, nom: valeur("f-nom") };
  if (kind === "ej") {
    out.adresse = lireAdresse(data.adresse) || {};
  } else if (kind === "eg") {
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
      activite: $("f-activite-bloc").valeurs.map((v) => v.split(":")[1])[0] || "",
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
        confidentialite: fs.confidentialite,
      })),
      adresse: lireAdresse(data.adresse),
      id_externe_synchro: valeur("f-synchro") || null,
      sensible: $("f-sensible").checked || null,
      commentaire: valeur("f-commentaire") || null,
    });
  }
  return sansVides(out);
}
