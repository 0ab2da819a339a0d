// The regulator's search screen: criteria ⇄ URL, suggestions, the ranked list with its explanation,
// and the markers on the offline map. The URL holds the query so a search can be shared or reloaded.
import { cle, config, ErreurApi, lire, phraseErreur } from "./api.js";
import { initAcces } from "./acces.js";
import { Combobox } from "./combobox.js";
import {
  cercleRayon, creerCarte, deplier, dessinerCommunes, dessinerContours, dessinerVilles, marqueurNumerote, marqueurPatient,
} from "./carte.js";
import {
  badgePerime, h, marquerPage, minutesDepuis, plier, texteAge, texteDate, texteDuree, texteKm, texteTelephone, vider,
} from "./dom.js";

const L = window.L;
const cfg = config();
const API = cfg.api || "/api/v1";
const $ = (id) => document.getElementById(id);

// Nomenclature table of a suggestion → the search criterion it fills, and how its value is written.
const CRITERES = {
  TRE_R211: { nom: "activites", type: "Activité" },
  TRE_R210: { nom: "aptitudes", type: "Aptitude (acte)", prefixe: "R210:" },
  TRE_R243: { nom: "aptitudes", type: "Aptitude (compétence)", prefixe: "R243:" },
  TRE_R244: { nom: "categories_organisation", type: "Type d'offre" },
  TRE_R212: { nom: "equipements", type: "Équipement" },
  TRE_R213: { nom: "modes", type: "Mode de prise en charge" },
  TRE_R239: { nom: "publics", type: "Public" },
  TRE_R245: { nom: "specialisations", type: "Spécialisation" },
  TRE_R240: { nom: "temporalites_accueil", type: "Temporalité d'accueil" },
  TRE_R227: { nom: "champs", type: "Champ" },
};
const LISTES = [...new Set(Object.values(CRITERES).map((c) => c.nom)), "mots"];

// An API field at fault → the form field that shows the sentence (every criterion the page sends).
const CHAMP_DU_CRITERE = {
  age: "age", sexe: "sexe", rayon_km: "rayon_km", lits_min: "lits_min", ouvert_a: "ouvert_a",
  commune: "lieu", code_postal: "lieu", lat: "lieu", lon: "lieu", lieu: "lieu",
  age_max_lits_minutes: "fraicheur", texte: "texte",
  ...Object.fromEntries(LISTES.map((nom) => [nom, "texte"])),
};

// The deployment's staleness threshold (settings.stale_after_minutes): the default freshness.
const SEUIL_PERIME = cfg.stale_after_minutes;
const FRAICHEURS = [...new Set([15, 30, 60, 120, 240, 480, 720, 1440, SEUIL_PERIME])].sort((a, b) => a - b);
const TOUTE_ANCIENNETE = "toute";
const DERNIERE_RECHERCHE = "ror.derniere-recherche";

const etat = {
  puces: [], // {critere, valeur, libelle}
  lieu: null, // {commune?, code_postal?, lat?, lon?, nom}
  curseur: null,
  params: null,
  rang: 0,
};

// ---------------------------------------------------------------- map
const carte = creerCarte($("carte"), cfg);
dessinerContours(carte).then(() => Promise.all([dessinerCommunes(carte), dessinerVilles(carte)])).catch(() => {});
const couche = L.layerGroup().addTo(carte);
let marqueurLieu = null, cercle = null, depli = null;
const marqueurs = new Map(); // uo_id → the marker that shows it (its site's group marker when grouped)
const sites = new Map(); // "lat,lon" → {marqueur, membres: [{res, rang}]}

/** The patient's point and, when a radius applies, the search circle around it. */
let rayonElargi = null; // km: the radius the engine's fallback widened to, when it did

function montrerLieu() {
  if (marqueurLieu) { marqueurLieu.remove(); marqueurLieu = null; }
  if (cercle) { cercle.remove(); cercle = null; }
  const l = etat.lieu;
  if (l && l.lat != null && l.lon != null) {
    marqueurLieu = marqueurPatient(l.lat, l.lon).addTo(carte);
    const km = rayonElargi || Number($("rayon_km").value);
    if (km > 0) cercle = cercleRayon(l.lat, l.lon, km).addTo(carte);
  }
}
$("rayon_km").addEventListener("change", () => { rayonElargi = null; montrerLieu(); });

let choixPoint = false;
function basculerChoixPoint(actif) {
  choixPoint = actif;
  $("choisir-point").setAttribute("aria-pressed", String(actif));
  $("carte").classList.toggle("choix-point", actif);
  $("lieu-etat").textContent = actif ? "Cliquez sur la carte pour placer le patient." : "";
}
$("choisir-point").addEventListener("click", () => basculerChoixPoint(!choixPoint));
carte.on("click", (ev) => {
  if (!choixPoint) return;
  const lat = Math.round(ev.latlng.lat * 1e5) / 1e5, lon = Math.round(ev.latlng.lng * 1e5) / 1e5;
  etat.lieu = { lat, lon, nom: `Point choisi (${String(lat).replace(".", ",")} ; ${String(lon).replace(".", ",")})` };
  $("lieu").value = etat.lieu.nom;
  basculerChoixPoint(false);
  $("lieu-etat").textContent = "Point de la carte utilisé comme position du patient.";
  montrerLieu();
});

// ---------------------------------------------------------------- criteria chips
function dessinerPuces() {
  vider($("puces"), etat.puces.map((p, i) => h("span", { class: "puce" },
    h("span", {}, p.libelle),
    h("button", {
      type: "button", "aria-label": `Retirer ${p.libelle}`, title: "Retirer",
      onclick: () => { etat.puces.splice(i, 1); dessinerPuces(); $("texte").focus(); },
    }, "×"))));
}

const majuscule = (mot) => mot.charAt(0).toUpperCase() + mot.slice(1);

// A suggestion is {concept, table, genre, code, libelle, actif, synonyme, texte} (docs/api.md, SuggestionOut).
function ajouterPuce(s) {
  const c = CRITERES[s.table];
  const libelle = s.libelle;
  // An active code is a hard criterion. A withdrawn one (e.g. "Coronarographie", replaced in the
  // nomenclature) is searched as words, which the engine maps to the codes units use today.
  const puce = !c || !s.actif
    ? { critere: "mots", valeur: libelle, libelle }
    : { critere: c.nom, valeur: (c.prefixe || "") + s.code, libelle };
  if (!etat.puces.some((p) => p.critere === puce.critere && p.valeur === puce.valeur)) etat.puces.push(puce);
  $("texte").value = "";
  dessinerPuces();
}

new Combobox($("texte"), $("texte-liste"), {
  source: async (q, signal) => (await lire(`${API}/suggest`, { q, limit: 20 }, { signal })).suggestions,
  texte: (s) => s.libelle,
  type: (s) => [CRITERES[s.table] ? CRITERES[s.table].type : majuscule(s.genre), s.actif ? "" : "ancien code"].filter(Boolean).join(" · "),
  choisir: ajouterPuce,
});

/** "Fougères (35300, Ille-et-Vilaine)": the name with accents, its postcode and département. */
const libelleCommune = (c) => `${c.nom} (${[c.code_postal, c.departement_nom].filter(Boolean).join(", ")})`;
const lieuDe = (c) => ({ commune: c.insee, lat: c.lat, lon: c.lon, nom: libelleCommune(c) });

new Combobox($("lieu"), $("lieu-liste"), {
  source: async (q, signal) => (await lire(`${API}/communes/suggest`, { q, limit: 8 }, { signal })).communes,
  texte: libelleCommune,
  type: (c) => `INSEE ${c.insee}`,
  choisir: (c) => {
    etat.lieu = lieuDe(c);
    $("lieu").value = etat.lieu.nom;
    effacerErreur("lieu");
    $("lieu-etat").textContent = "";
    montrerLieu();
    carte.setView([c.lat, c.lon], Math.max(carte.getZoom(), 9));
  },
});
$("lieu").addEventListener("input", () => { etat.lieu = null; });

// ---------------------------------------------------------------- freshness of bed figures
for (const m of FRAICHEURS) {
  $("fraicheur").append(h("option", { value: m }, m === SEUIL_PERIME ? `${texteDuree(m)} (seuil du déploiement)` : texteDuree(m)));
}
$("fraicheur").append(h("option", { value: TOUTE_ANCIENNETE }, "Toute ancienneté (chiffres périmés signalés)"));
$("fraicheur").value = String(SEUIL_PERIME);
$("fraicheur-aide").textContent = `Un chiffre plus ancien ne compte pas comme place libre. Seuil du déploiement : ${texteDuree(SEUIL_PERIME)}.`;
vider($("legende-perime"), badgePerime(), ` : chiffre de lits mis à jour il y a plus de ${texteDuree(SEUIL_PERIME)} (seuil du déploiement) — à vérifier par téléphone avant d'orienter.`);

// ---------------------------------------------------------------- form ⇄ URL
document.querySelectorAll("input[name=quand]").forEach((r) => r.addEventListener("change", () => {
  $("ouvert_a").disabled = quand() !== "date";
  if (quand() === "date" && !$("ouvert_a").value) $("ouvert_a").value = localPourChamp(new Date());
}));
const quand = () => document.querySelector("input[name=quand]:checked").value;
const profil = () => document.querySelector("input[name=profil]:checked").value;

function localPourChamp(d) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The API criteria of the form, plus `lieu` and `lib` (display hints kept in the URL only). */
async function lireFormulaire() {
  const p = { profil: profil() };
  const texte = $("texte").value.trim();
  if (texte) p.texte = texte;
  for (const nom of LISTES) {
    const v = etat.puces.filter((x) => x.critere === nom).map((x) => x.valeur);
    if (v.length) p[nom] = v;
  }
  if (etat.puces.length) p.lib = etat.puces.map((x) => `${x.critere}|${x.valeur}|${x.libelle}`);
  if ($("age").value !== "") p.age = $("age").value;
  if ($("sexe").value) p.sexe = $("sexe").value;
  if (!etat.lieu && $("lieu").value.trim()) {
    etat.lieu = await resoudreLieu($("lieu").value.trim());
    $("lieu").value = etat.lieu.nom;
    montrerLieu();
  }
  const l = etat.lieu;
  if (l) {
    if (l.commune) p.commune = l.commune;
    else if (l.code_postal) p.code_postal = l.code_postal;
    else if (l.lat != null) { p.lat = l.lat; p.lon = l.lon; }
    p.lieu = l.nom;
    if ($("rayon_km").value) p.rayon_km = $("rayon_km").value;
  }
  if (Number($("lits_min").value) > 0) p.lits_min = $("lits_min").value;
  if ($("fraicheur").value === TOUTE_ANCIENNETE) p.fraicheur = TOUTE_ANCIENNETE;
  else p.age_max_lits_minutes = $("fraicheur").value;
  const q = quand();
  if (q === "maintenant") p.ouvert_maintenant = "true";
  else if (q === "indifferent") p.ouvert_maintenant = "false";
  else if ($("ouvert_a").value) p.ouvert_a = new Date($("ouvert_a").value).toISOString();
  return p;
}

/** A form field's fault, said in French next to it. */
class ErreurChamp extends Error {
  constructor(champ, message) { super(message); this.champ = champ; }
}

/**
 * The place typed but not chosen from the list: taken only when it names one commune exactly (its
 * name, its INSEE code, or a postcode); anything else asks for a choice — never a silent guess.
 */
async function resoudreLieu(texte) {
  const communes = (await lire(`${API}/communes/suggest`, { q: texte, limit: 20 })).communes;
  if (/^\d{5}$/.test(texte)) {
    const parCode = communes.filter((c) => c.code_postal === texte);
    if (parCode.length) {
      const noms = parCode.map((c) => c.nom);
      return { code_postal: texte, lat: parCode[0].lat, lon: parCode[0].lon,
        nom: `${texte} (${noms.slice(0, 3).join(", ")}${noms.length > 3 ? "…" : ""})` };
    }
  }
  const parInsee = communes.find((c) => c.insee === texte.toUpperCase());
  if (parInsee) return lieuDe(parInsee);
  const q = plier(texte);
  const exactes = communes.filter((c) => plier(c.nom) === q || plier(libelleCommune(c)) === q);
  if (exactes.length === 1) return lieuDe(exactes[0]);
  if (exactes.length > 1) {
    throw new ErreurChamp("lieu", `Plusieurs communes s'appellent « ${texte} » : choisissez la bonne dans la liste.`);
  }
  if (communes.length) {
    throw new ErreurChamp("lieu", `« ${texte} » n'est pas le nom complet d'une commune : choisissez-la dans la liste (par exemple ${libelleCommune(communes[0])}).`);
  }
  throw new ErreurChamp("lieu", `Aucune commune ne correspond à « ${texte} » (nom, code postal ou code INSEE).`);
}

function remplirFormulaire(sp) {
  const radio = (nom, v) => { const r = document.querySelector(`input[name=${nom}][value="${v}"]`); if (r) r.checked = true; };
  radio("profil", sp.get("profil") || "samu");
  $("texte").value = sp.get("texte") || "";
  const libs = new Map(sp.getAll("lib").map((s) => { const [c, v, ...l] = s.split("|"); return [`${c}|${v}`, l.join("|")]; }));
  etat.puces = [];
  for (const nom of LISTES) {
    for (const v of sp.getAll(nom)) etat.puces.push({ critere: nom, valeur: v, libelle: libs.get(`${nom}|${v}`) || v });
  }
  dessinerPuces();
  $("age").value = sp.get("age") || "";
  $("sexe").value = sp.get("sexe") || "";
  const lat = sp.get("lat"), lon = sp.get("lon");
  etat.lieu = null;
  if (sp.get("commune") || sp.get("code_postal") || lat) {
    etat.lieu = {
      commune: sp.get("commune") || undefined, code_postal: sp.get("code_postal") || undefined,
      lat: lat ? Number(lat) : undefined, lon: lon ? Number(lon) : undefined,
      nom: sp.get("lieu") || sp.get("commune") || sp.get("code_postal") || `${lat} ; ${lon}`,
    };
  }
  $("lieu").value = etat.lieu ? etat.lieu.nom : "";
  $("rayon_km").value = sp.get("rayon_km") || "50";
  if (etat.lieu && etat.lieu.lat == null) restaurerPoint(etat.lieu);
  montrerLieu();
  $("fraicheur").value = sp.get("fraicheur") === TOUTE_ANCIENNETE ? TOUTE_ANCIENNETE
    : FRAICHEURS.includes(Number(sp.get("age_max_lits_minutes"))) ? sp.get("age_max_lits_minutes") : String(SEUIL_PERIME);
  $("lits_min").value = sp.get("lits_min") || "0";
  if (sp.get("ouvert_a")) {
    radio("quand", "date");
    $("ouvert_a").value = localPourChamp(new Date(sp.get("ouvert_a")));
  } else radio("quand", sp.get("ouvert_maintenant") === "false" ? "indifferent" : "maintenant");
  $("ouvert_a").disabled = quand() !== "date";
}

/** The patient's point of a place kept in the URL as an INSEE code or a postcode (reload, shared
 * link, back, "Retour à la recherche"): the commune lookup accepts both. */
async function restaurerPoint(lieu) {
  try {
    const communes = lieu.commune
      ? (await lire(`${API}/communes/suggest`, { q: lieu.commune, limit: 20 })).communes.filter((x) => x.insee === lieu.commune)
      : (await lire(`${API}/communes/suggest`, { q: lieu.code_postal, limit: 20 })).communes.filter((x) => x.code_postal === lieu.code_postal);
    const [c] = communes;
    if (!c || etat.lieu !== lieu) return;
    lieu.lat = c.lat; lieu.lon = c.lon;
    if (lieu.commune && /^\d[\dAB]\d{3}$/.test(lieu.nom)) { lieu.nom = libelleCommune(c); $("lieu").value = lieu.nom; }
    montrerLieu();
    ajusterCarte();
  } catch { /* the search still runs: only the dot is missing */ }
}

function versApi(p) {
  const { lieu, lib, mots, fraicheur, ...criteres } = p; // display hints are not criteria
  const texte = [...(mots || []), criteres.texte || ""].join(" ").trim();
  if (texte) criteres.texte = texte; else delete criteres.texte;
  return criteres;
}

function urlDe(p) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) (Array.isArray(v) ? v : [v]).forEach((x) => sp.append(k, x));
  return `${location.pathname}?${sp}`;
}

// ---------------------------------------------------------------- search
$("form-recherche").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  effacerErreurs();
  let p;
  try { p = await lireFormulaire(); } catch (e) { signalerErreur(e); return; }
  const url = urlDe(p);
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  await chercher(p, false);
  $("resultats").focus({ preventScroll: window.innerWidth >= 900 });
});

$("form-recherche").addEventListener("reset", () => {
  etat.puces = []; etat.lieu = null; dessinerPuces(); montrerLieu();
  setTimeout(() => { $("ouvert_a").disabled = true; }, 0);
  history.pushState(null, "", location.pathname);
  effacerErreurs();
  viderCarte();
  vider($("liste-resultats"));
  $("relachements").hidden = true; $("non-compris").hidden = true; $("suite").hidden = true;
  $("resultats-etat").textContent = "Saisissez vos critères puis lancez la recherche.";
});

$("suite").addEventListener("click", () => chercher(etat.params, true));

window.addEventListener("popstate", () => {
  remplirFormulaire(new URLSearchParams(location.search));
  effacerErreurs();
  if (location.search) lireFormulaire().then((p) => chercher(p, false)).catch(signalerErreur);
});

function afficherErreur(message) {
  $("resultats-etat").textContent = message;
  $("resultats").dataset.etat = "erreur";
}

const libelleDe = (el) => (document.querySelector(`label[for="${el.id}"]`)?.firstChild?.textContent || el.name).trim();

/** The sentence for an API refusal naming a field: what to type, in the form's own words. */
function phraseChamp(e, el) {
  const nom = libelleDe(el);
  if (e.status === 401 || e.status === 403) return `${nom} : ce critère demande une clé de régulation (menu « Accès »).`;
  if (el.id === "lieu") return "Lieu du patient : aucune commune n'a ce code INSEE ou ce code postal. Choisissez une commune dans la liste.";
  if (el.id === "texte") return "Critère de recherche : un code n'existe pas dans les nomenclatures. Retirez-le et choisissez une suggestion.";
  if (el.type === "number") {
    const min = el.min || "0", max = el.max;
    return max ? `${nom} : saisissez un nombre entre ${min} et ${max}.` : `${nom} : saisissez un nombre d'au moins ${min}.`;
  }
  if (el.type === "datetime-local") return `${nom} : saisissez une date et une heure valides.`;
  return `${nom} : valeur non acceptée, choisissez-en une autre.`;
}

/** An error of the form or of the API: next to its field when it names one, in the status line otherwise. */
function signalerErreur(e) {
  const id = e instanceof ErreurChamp ? e.champ : e instanceof ErreurApi && e.field ? CHAMP_DU_CRITERE[e.field] : null;
  const el = id ? $(id) : null;
  if (!el) { afficherErreur(phraseErreur(e)); return; }
  const message = e instanceof ErreurChamp ? e.message : phraseChamp(e, el);
  const p = h("p", { class: "erreur-champ", id: `${id}-erreur` }, message);
  (el.closest(".saisie") || el).after(p);
  el.setAttribute("aria-invalid", "true");
  el.setAttribute("aria-describedby", [el.getAttribute("aria-describedby"), p.id].filter(Boolean).join(" "));
  afficherErreur(`Recherche non lancée : ${message}`);
  el.focus();
}

function effacerErreur(id) {
  const el = $(id), p = $(`${id}-erreur`);
  if (p) p.remove();
  if (!el) return;
  el.removeAttribute("aria-invalid");
  const reste = (el.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== `${id}-erreur`);
  if (reste.length) el.setAttribute("aria-describedby", reste.join(" ")); else el.removeAttribute("aria-describedby");
}

function effacerErreurs() {
  document.querySelectorAll(".erreur-champ").forEach((p) => effacerErreur(p.id.replace(/-erreur$/, "")));
}

let derniere = 0; // only the latest search may paint: answers can arrive out of order

async function chercher(p, suite) {
  const moi = ++derniere;
  const zone = $("resultats");
  zone.dataset.etat = "chargement";
  $("resultats-etat").textContent = "Recherche en cours…";
  etat.params = p;
  const criteres = { ...versApi(p), limit: 20 };
  if (suite && etat.curseur) criteres.curseur = etat.curseur;
  let r;
  try {
    r = await lire(`${API}/recherche`, criteres);
  } catch (e) {
    if (moi === derniere) signalerErreur(e);
    return;
  }
  if (moi !== derniere) return;
  // "Retour à la recherche" on a unit sheet comes back here (the pages send no referrer)
  try { sessionStorage.setItem(DERNIERE_RECHERCHE, location.pathname + location.search); } catch { /* private mode */ }
  if (!suite) {
    vider($("liste-resultats")); viderCarte(); etat.rang = 0;
  }
  etat.curseur = r.curseur_suivant;
  const elargi = r.relachements.filter((x) => x.critere === "rayon_km").pop();
  rayonElargi = elargi ? parseFloat(elargi.apres) : null; // "100 km": the circle shows the radius searched
  montrerLieu();
  afficherRelachements(r);
  afficherNonCompris(r);
  for (const res of r.resultats) afficherResultat(res, ++etat.rang);
  dessinerMarqueurs();
  $("suite").hidden = !r.curseur_suivant;
  const n = r.total;
  let texte = n === 0 ? aucune(r)
    : `${n} unité${n > 1 ? "s" : ""} trouvée${n > 1 ? "s" : ""}${n > etat.rang ? ` (${etat.rang} affichées)` : ""}.`;
  if (r.tronque) texte += " Recherche interrompue par son budget de temps : la liste peut être incomplète.";
  $("resultats-etat").textContent = texte;
  zone.dataset.etat = "pret";
  ajusterCarte();
}

// Honest "nothing": the words not understood, and the closest concepts to pick instead.
function afficherNonCompris(r) {
  const box = $("non-compris");
  if (!r.non_compris.length && !r.vouliez_vous_dire.length) { box.hidden = true; return; }
  vider(box,
    r.non_compris.length ? h("p", {}, `Mots non compris : ${r.non_compris.map((m) => `« ${m} »`).join(", ")}.`) : null,
    r.vouliez_vous_dire.length ? h("p", {}, `Vouliez-vous dire : ${r.vouliez_vous_dire.join(", ")} ?`) : null);
  box.hidden = false;
}

/** One relaxation of the engine's fallback (engine/repli.py) in plain words. */
function phraseRelachement(x) {
  switch (x.critere) {
    case "rayon_km": return `rayon élargi de ${x.avant} à ${x.apres}`;
    case "age_max_lits": return `chiffres de lits plus anciens que ${x.avant.replace(/ 00$/, "")} acceptés`;
    case "lits_min": return `minimum de ${x.avant} lit${Number(x.avant) > 1 ? "s" : ""} libre${Number(x.avant) > 1 ? "s" : ""} abandonné`;
    case "ouvert": return "unités fermées en ce moment acceptées si elles ouvrent bientôt";
    case "texte": return `recherche faite ${x.apres}`;
    default: return `critère « ${x.critere} » assoupli`;
  }
}

/** Successive radius steps (50 → 100 → 200 km) said once, from the first to the last. */
function regrouper(relachements) {
  const out = [];
  for (const x of relachements) {
    const prec = out[out.length - 1];
    if (prec && prec.critere === x.critere) prec.apres = x.apres; else out.push({ ...x });
  }
  return out;
}

/** Units found only after relaxing: what was relaxed, above the list. */
function afficherRelachements(r) {
  const box = $("relachements");
  if (!r.relachements.length || !r.total) { box.hidden = true; return; }
  vider(box, h("strong", {}, "Aucune unité ne répondait exactement à vos critères. Pour vous en proposer, la recherche a assoupli :"),
    h("ul", {}, regrouper(r.relachements).map((x) => h("li", {}, phraseRelachement(x)))));
  box.hidden = false;
}

/** Nothing at all: one sentence, with what was tried in vain. */
function aucune(r) {
  if (!r.relachements.length) return "Aucune unité ne répond à ces critères.";
  return `Aucune unité ne répond à ces critères, même après assouplissement : ${regrouper(r.relachements).map(phraseRelachement).join(" ; ")}.`;
}

const PREVISIONS = { "02": "+1 h", "03": "+24 h", "04": "+48 h", "05": "+7 j" };

/**
 * The beds of a result as the API words them (DisponibiliteOut.texte: "1 lit disponible + 6
 * supplémentaires (Plan blanc)"), with the age of the figure: "… · il y a 12 min".
 */
function texteLits(res) {
  const d = res.disponibilite;
  if (!d) return { texte: cle() ? "Lits libres : non renseignés" : "Lits libres : accès régulation", perime: false };
  if (d.sans_objet) return { texte: `Lits : ${d.texte}`, perime: false };
  if (!d.visible) return { texte: `${d.texte} (disponibilité : accès régulation)`, perime: false };
  const maj = d.compte ? d.compte.maj : null;
  const age = maj ? minutesDepuis(maj) : null;
  const previsions = d.compte && d.compte.temporalite === "01" ? d.previsions : [];
  const texte = [d.texte.replace(/ — PÉRIMÉ$/, ""), age !== null ? texteAge(age) : null].filter(Boolean).join(" · ")
    + (previsions.length ? ` · prévision ${previsions.map((p) => `${PREVISIONS[p.temporalite]} : ${p.nombre}`).join(", ")}` : "");
  return { texte, perime: Boolean(d.perime), maj };
}

function faitsLits(res) {
  const l = texteLits(res);
  return h("span", { class: "lits", title: l.maj ? `Chiffre le plus ancien du total : ${texteDate(l.maj)}` : null },
    l.texte, l.perime ? [" ", badgePerime()] : null);
}

// Score components (engine/scoring.py Weights) → why a unit ranks where it does, in plain words.
const RAISONS = {
  texte: () => "répond à votre recherche",
  aptitudes: (res) => `a ${res.explication.aptitudes_trouvees.length > 1 ? "les aptitudes souhaitées" : "l'aptitude souhaitée"}`,
  patientele: () => "patientèle adaptée",
  distance: (res) => (res.distance_km != null ? `proche (${texteKm(res.distance_km)})` : "proche"),
  lits: (res) => {
    const d = res.disponibilite; // d.unite: "lits", "places", "salles"… as the API counts them
    if (!d || !d.nombre) return "capacité disponible";
    return d.nombre > 1 ? `${d.nombre} ${d.unite} libres` : `1 ${d.unite.replace(/s$/, "")} libre`;
  },
  ouverture: () => "ouvert maintenant",
};

/** "Pourquoi ici : proche (1,1 km), ouvert maintenant" — the two largest parts of its score. */
function pourquoi(res) {
  const ex = res.explication;
  if (!ex) return null;
  const parts = Object.entries(ex.detail_score).filter(([k, v]) => v > 0.005 && RAISONS[k])
    .sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k]) => RAISONS[k](res));
  if (!parts.length) return null;
  const phrase = parts.join(", ");
  return h("p", { class: "pourquoi" }, h("span", { class: "etiquette" }, "Pourquoi : "),
    phrase.charAt(0).toUpperCase() + phrase.slice(1), ".");
}

/** The engine's criteria lines (engine/explication.py) in plain French for the details. */
function critereLisible(c) {
  return c
    .replace(/^âge (\d+) ans dans \[(\S+), (\S+)\]$/, (m, a, min, max) => `âge ${a} ans accepté (${min} à ${max} ans)`)
    .replace(/^au moins (\d+) lit\(s\) disponible\(s\)$/, (m, n) => `au moins ${n} lit${n > 1 ? "s" : ""} disponible${n > 1 ? "s" : ""}`)
    .replace(/^crise: /, "crise : ").replace(/^crise$/, "crise déclarée")
    .replace(/^sexe F$/, "patiente").replace(/^sexe H$/, "patient");
}

function telephone(res) {
  const numero = texteTelephone(res.telephone);
  if (!numero) return null;
  return h("a", { class: "tel", href: `tel:${numero.replace(/\s/g, "")}` },
    h("span", { class: "numero" }, `☎ ${numero}`),
    res.telephone_fonction ? h("span", { class: "fonction" }, ` (${res.telephone_fonction})`) : null);
}

function afficherResultat(res, rang) {
  const ouvert = res.ouvert;
  const fiche = `/uo/${encodeURIComponent(res.uo_id)}`;
  const ex = res.explication;
  const details = ex && (ex.criteres.length || ex.aptitudes_trouvees.length || ex.aptitudes_manquantes.length)
    ? h("details", { class: "details" }, h("summary", {}, "Détails"), explication(ex)) : null;
  const li = h("li", { class: "resultat", id: `res-${rang}`, "data-uo": res.uo_id },
    h("span", { class: "rang", "aria-hidden": "true" }, rang),
    h("div", { class: "corps" },
      h("div", { class: "titre" },
        h("h3", {}, h("a", { href: fiche }, h("span", { class: "sr-only" }, `${rang}. `), res.nom)),
        h("span", { class: "vite" },
          res.distance_km != null ? h("span", { class: "distance" }, texteKm(res.distance_km)) : null,
          ouvert === true ? h("span", { class: "badge ouvert" }, "ouvert") : null,
          ouvert === false ? h("span", { class: "badge ferme" }, "fermé") : null)),
      h("p", { class: "eg", title: [res.eg_nom, res.commune].filter(Boolean).join(" · ") },
        res.genere ? h("span", { class: "badge genere", title: "Données générées (démonstration)" }, "démo") : null,
        [res.eg_nom, res.commune].filter(Boolean).join(" · "),
        ouvert === false && res.ouverture_prochaine ? ` · ouvre le ${texteDate(res.ouverture_prochaine)}` : ""),
      h("p", { class: "faits" }, faitsLits(res), telephone(res)),
      h("div", { class: "raisons" }, pourquoi(res), details)));
  $("liste-resultats").append(li);
  li.addEventListener("mouseenter", () => surligner(res.uo_id, false));
  li.addEventListener("focusin", () => surligner(res.uo_id, false));
  if (res.lat != null && res.lon != null) {
    const site = `${res.lat.toFixed(4)},${res.lon.toFixed(4)}`;
    if (!sites.has(site)) sites.set(site, { lat: res.lat, lon: res.lon, membres: [], marqueur: null });
    sites.get(site).membres.push({ res, rang });
  }
}

/** The popup of one unit: beds, phone, distance and the sheet. */
function bulle(res, rang) {
  const l = texteLits(res);
  const numero = texteTelephone(res.telephone);
  return h("div", { class: "bulle" }, h("strong", {}, `${rang}. ${res.nom}`),
    res.eg_nom ? h("div", { class: "aide" }, res.eg_nom) : null,
    h("div", {}, l.texte, l.perime ? [" ", badgePerime()] : null),
    numero ? h("div", {}, h("a", { href: `tel:${numero.replace(/\s/g, "")}` }, `☎ ${numero}`)) : null,
    res.distance_km != null ? h("div", {}, `À ${texteKm(res.distance_km)} du patient`) : null,
    h("a", { href: `/uo/${encodeURIComponent(res.uo_id)}` }, "Ouvrir la fiche"));
}

function marqueurUnite(res, rang, ll) {
  const m = marqueurNumerote(ll.lat, ll.lng, rang, `${rang}. ${res.nom}`);
  m.bindPopup(() => bulle(res, rang));
  m.on("add", () => {
    m.getElement()?.classList.add("marqueur-uo");
    m.getElement()?.setAttribute("data-uo", res.uo_id);
  });
  m.on("click", () => surligner(res.uo_id, true));
  return m;
}

/** One marker per site: a unit alone, or the site's first rank with "+n" spreading its units on click. */
function dessinerMarqueurs() {
  for (const site of sites.values()) {
    if (site.marqueur) { site.marqueur.remove(); site.marqueur = null; }
    const [premier] = site.membres;
    if (site.membres.length === 1) {
      site.marqueur = marqueurUnite(premier.res, premier.rang, L.latLng(site.lat, site.lon)).addTo(couche);
    } else {
      const rangs = site.membres.map((x) => x.rang);
      const titre = `${site.membres.length} unités sur ce site (n° ${rangs.join(", ")}) — ${premier.res.eg_nom || ""}`;
      const m = marqueurNumerote(site.lat, site.lon, premier.rang, titre, site.membres.length - 1).addTo(couche);
      m.getElement()?.setAttribute("data-uo", site.membres.map((x) => x.res.uo_id).join(" "));
      m.on("click", () => deplierSite(site));
      site.marqueur = m;
    }
    for (const x of site.membres) marqueurs.set(x.res.uo_id, site.marqueur);
  }
}

function replier() {
  if (depli) { depli.remove(); depli = null; }
}

function deplierSite(site) {
  replier();
  depli = deplier(carte, L.latLng(site.lat, site.lon), site.membres,
    (x, ll) => marqueurUnite(x.res, x.rang, ll));
}
carte.on("zoomstart", replier);
carte.on("click", (ev) => { if (!choixPoint && ev.originalEvent && !ev.originalEvent.defaultPrevented) replier(); });

function viderCarte() {
  replier(); couche.clearLayers(); marqueurs.clear(); sites.clear();
}

function explication(ex) {
  const trouvees = ex.aptitudes_trouvees, manquantes = ex.aptitudes_manquantes;
  return h("div", { class: "explication" },
    (trouvees.length || manquantes.length) ? h("div", { class: "etiquettes" },
      trouvees.map((a) => h("span", { class: "apt" }, a)),
      manquantes.map((a) => h("span", { class: "apt manque", title: "Souhaitée mais absente" }, `${a} (absente)`))) : null,
    ex.criteres.length ? h("ul", { class: "criteres" }, ex.criteres.map((c) => h("li", {}, critereLisible(c)))) : null);
}

function surligner(uo, defiler) {
  document.querySelectorAll(".resultat.actif").forEach((x) => x.classList.remove("actif"));
  document.querySelectorAll(".marqueur-uo.actif").forEach((x) => x.classList.remove("actif"));
  const li = document.querySelector(`.resultat[data-uo="${CSS.escape(uo)}"]`);
  li?.classList.add("actif");
  marqueurs.get(uo)?.getElement()?.classList.add("actif");
  if (defiler) li?.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/** Frame the units found and the patient; the search circle only when few units are found. */
function ajusterCarte() {
  const points = [...sites.values()].map((s) => L.latLng(s.lat, s.lon));
  if (marqueurLieu) points.push(marqueurLieu.getLatLng());
  if (!points.length) return;
  const cadre = L.latLngBounds(points);
  if (cercle && sites.size < 3) cadre.extend(cercle.getBounds());
  if (cadre.getNorthEast().equals(cadre.getSouthWest())) carte.setView(cadre.getCenter(), 10);
  else carte.fitBounds(cadre, { padding: [30, 30], maxZoom: 11 });
}

// ---------------------------------------------------------------- start
marquerPage("recherche");
initAcces(() => { if (location.search) lireFormulaire().then((p) => chercher(p, false)).catch(() => {}); });
if (location.search) {
  remplirFormulaire(new URLSearchParams(location.search));
  lireFormulaire().then((p) => chercher(p, false)).catch(signalerErreur);
}
