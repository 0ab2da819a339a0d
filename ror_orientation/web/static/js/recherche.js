// The regulator's search screen: criteria ⇄ URL, suggestions, the ranked list with its explanation,
// and the markers on the offline map. The URL holds the query so a search can be shared or reloaded.
import { cle, config, lire, messageErreur } from "./api.js";
import { initAcces } from "./acces.js";
import { Combobox } from "./combobox.js";
import { creerCarte, dessinerContours, marqueurNumerote, marqueurPatient } from "./carte.js";
import { badgePerime, h, marquerPage, minutesDepuis, texteAge, texteDate, texteKm, vider } from "./dom.js";

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
  TRE_R227: { nom: "champs", type: "Champ" },
};
const LISTES = [...new Set(Object.values(CRITERES).map((c) => c.nom)), "mots"];
const LIBELLES_CRITERES = {
  rayon_km: "Rayon", aptitudes: "Aptitudes requises", aptitudes_souhaitees: "Aptitudes souhaitées",
  lits_min: "Lits libres minimum", ouvert_maintenant: "Ouvert maintenant", ouvert_a: "Ouvert à",
  age: "Âge", sexe: "Sexe", texte: "Texte", activites: "Activités",
};

const etat = {
  puces: [], // {critere, valeur, libelle}
  lieu: null, // {commune?, code_postal?, lat?, lon?, nom}
  curseur: null,
  params: null,
  rang: 0,
};

// ---------------------------------------------------------------- map
const carte = creerCarte($("carte"), cfg);
dessinerContours(carte).catch(() => {});
const couche = L.layerGroup().addTo(carte);
let marqueurLieu = null;
const marqueurs = new Map(); // uo_id → marker

function montrerLieu() {
  if (marqueurLieu) { marqueurLieu.remove(); marqueurLieu = null; }
  const l = etat.lieu;
  if (l && l.lat != null && l.lon != null) marqueurLieu = marqueurPatient(l.lat, l.lon).addTo(carte);
}

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

// A suggestion is {concept, table, code, libelle, actif, synonyme, texte} (docs/api.md, SuggestionOut).
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
  type: (s) => [CRITERES[s.table] ? CRITERES[s.table].type : s.table, s.actif ? "" : "ancien code"].filter(Boolean).join(" · "),
  choisir: ajouterPuce,
});

new Combobox($("lieu"), $("lieu-liste"), {
  source: async (q, signal) => (await lire(`${API}/communes/suggest`, { q, limit: 8 }, { signal })).communes,
  texte: (c) => `${c.nom} (${c.code_postal})`,
  type: (c) => `dép. ${c.departement}`,
  choisir: (c) => {
    etat.lieu = { commune: c.insee, lat: c.lat, lon: c.lon, nom: `${c.nom} (${c.code_postal})` };
    $("lieu").value = etat.lieu.nom;
    $("lieu-etat").textContent = "";
    montrerLieu();
    carte.setView([c.lat, c.lon], Math.max(carte.getZoom(), 9));
  },
});
$("lieu").addEventListener("input", () => { etat.lieu = null; });

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
  if (!etat.lieu && $("lieu").value.trim()) etat.lieu = await resoudreLieu($("lieu").value.trim());
  const l = etat.lieu;
  if (l) {
    if (l.commune) p.commune = l.commune;
    else if (l.code_postal) p.code_postal = l.code_postal;
    else if (l.lat != null) { p.lat = l.lat; p.lon = l.lon; }
    p.lieu = l.nom;
    if ($("rayon_km").value) p.rayon_km = $("rayon_km").value;
  }
  if (Number($("lits_min").value) > 0) p.lits_min = $("lits_min").value;
  const q = quand();
  if (q === "maintenant") p.ouvert_maintenant = "true";
  else if (q === "indifferent") p.ouvert_maintenant = "false";
  else if ($("ouvert_a").value) p.ouvert_a = new Date($("ouvert_a").value).toISOString();
  return p;
}

async function resoudreLieu(texte) {
  const communes = (await lire(`${API}/communes/suggest`, { q: texte, limit: 1 })).communes;
  if (!communes.length) throw new Error(`Lieu inconnu : « ${texte} »`);
  const c = communes[0];
  $("lieu").value = `${c.nom} (${c.code_postal})`;
  return { commune: c.insee, lat: c.lat, lon: c.lon, nom: $("lieu").value };
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
  if (etat.lieu && etat.lieu.lat == null && etat.lieu.commune) {
    lire(`${API}/communes/suggest`, { q: etat.lieu.commune, limit: 1 }).then((r) => {
      const c = r.communes.find((x) => x.insee === etat.lieu?.commune);
      if (c) { etat.lieu.lat = c.lat; etat.lieu.lon = c.lon; montrerLieu(); }
    }).catch(() => {});
  }
  montrerLieu();
  $("rayon_km").value = sp.get("rayon_km") || "50";
  $("lits_min").value = sp.get("lits_min") || "0";
  if (sp.get("ouvert_a")) {
    radio("quand", "date");
    $("ouvert_a").value = localPourChamp(new Date(sp.get("ouvert_a")));
  } else radio("quand", sp.get("ouvert_maintenant") === "false" ? "indifferent" : "maintenant");
  $("ouvert_a").disabled = quand() !== "date";
}

function versApi(p) {
  const { lieu, lib, mots, ...criteres } = p; // display hints are not criteria
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
  let p;
  try { p = await lireFormulaire(); } catch (e) { afficherErreur(e.message); return; }
  const url = urlDe(p);
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  await chercher(p, false);
  $("resultats").focus({ preventScroll: window.innerWidth >= 900 });
});

$("form-recherche").addEventListener("reset", () => {
  etat.puces = []; etat.lieu = null; dessinerPuces(); montrerLieu();
  setTimeout(() => { $("ouvert_a").disabled = true; }, 0);
  history.pushState(null, "", location.pathname);
  vider($("liste-resultats")); couche.clearLayers(); marqueurs.clear();
  $("relachements").hidden = true; $("non-compris").hidden = true; $("suite").hidden = true;
  $("resultats-etat").textContent = "Saisissez vos critères puis lancez la recherche.";
});

$("suite").addEventListener("click", () => chercher(etat.params, true));

window.addEventListener("popstate", () => {
  remplirFormulaire(new URLSearchParams(location.search));
  if (location.search) lireFormulaire().then((p) => chercher(p, false)).catch(() => {});
});

function afficherErreur(message) {
  $("resultats-etat").textContent = message;
  $("resultats").dataset.etat = "erreur";
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
    if (moi === derniere) afficherErreur(messageErreur(e));
    return;
  }
  if (moi !== derniere) return;
  if (!suite) {
    vider($("liste-resultats")); couche.clearLayers(); marqueurs.clear(); etat.rang = 0;
  }
  etat.curseur = r.curseur_suivant;
  afficherRelachements(r);
  afficherNonCompris(r);
  for (const res of r.resultats) afficherResultat(res, ++etat.rang);
  $("suite").hidden = !r.curseur_suivant;
  const n = r.total;
  let texte = n === 0 ? "Aucune unité ne répond à ces critères."
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

function afficherRelachements(r) {
  const box = $("relachements");
  if (!r.relachements.length) { box.hidden = true; return; }
  vider(box,
    h("strong", {}, "Aucune unité ne répondait exactement. Critères assouplis :"),
    h("ul", {}, r.relachements.map((x) => h("li", {},
      `${LIBELLES_CRITERES[x.critere] || x.critere} : ${x.avant || "—"} → ${x.apres || "abandonné"}`))));
  box.hidden = false;
}

const PREVISIONS = { "02": "+1 h", "03": "+24 h", "04": "+48 h", "05": "+7 j" };

// A result's facts (beds, opening) are its own keys, sent with or without the explanation; the bed
// figure is the one function's (disponibilite.py): the same words as the sheet, the PDF and the CSV.
function faitsLits(res) {
  const d = res.disponibilite;
  if (d) {
    if (d.sans_objet) return h("li", { class: "lits" }, "Lits / places : sans objet");
    if (!d.visible) {
      return h("li", { class: "lits" }, d.texte, h("span", { class: "aide" }, " (disponibilité : accès régulation)"));
    }
    const maj = d.compte ? d.compte.maj : null;
    const age = maj ? minutesDepuis(maj) : null;
    const previsions = d.compte && d.compte.temporalite === "01" ? d.previsions : [];
    return h("li", { class: "lits", title: maj ? `Plus ancien chiffre du total : ${texteDate(maj)}` : null },
      h("strong", {}, d.texte.replace(/ — PÉRIMÉ$/, "")),
      age !== null ? h("span", { class: "age" }, `(${texteAge(age)})`) : null,
      d.perime ? badgePerime() : null,
      previsions.length ? h("span", { class: "aide" }, ` prévision ${previsions.map((p) => `${PREVISIONS[p.temporalite]} : ${p.nombre}`).join(", ")}`) : null);
  }
  const lits = res.lits_disponibles;
  if (lits === null) {
    return cle()
      ? h("li", { class: "lits" }, "Lits libres : non renseignés")
      : h("li", { class: "lits" }, "Lits libres : non communiqués", h("span", { class: "aide" }, " (accès régulation)"));
  }
  const maj = res.lits_maj;
  const age = minutesDepuis(maj);
  const perime = res.lits_perimes;
  return h("li", { class: "lits", title: maj ? `Mis à jour le ${texteDate(maj)}` : null },
    h("strong", {}, `${lits} lit${lits > 1 ? "s" : ""} libre${lits > 1 ? "s" : ""}`),
    h("span", { class: "age" }, `(${texteAge(age)})`), perime ? badgePerime() : null);
}

function afficherResultat(res, rang) {
  const ouvert = res.ouvert;
  const li = h("li", { class: "resultat", id: `res-${rang}`, "data-uo": res.uo_id },
    h("span", { class: "rang", "aria-hidden": "true" }, rang),
    h("h3", {}, h("a", { href: `/uo/${encodeURIComponent(res.uo_id)}` }, h("span", { class: "sr-only" }, `${rang}. `), res.nom)),
    h("p", { class: "eg" }, [res.eg_nom, res.commune].filter(Boolean).join(" · ")),
    h("ul", { class: "faits" },
      res.distance_km != null ? h("li", { class: "distance" }, texteKm(res.distance_km)) : null,
      faitsLits(res),
      ouvert === true ? h("li", {}, h("span", { class: "badge ouvert" }, "ouvert")) : null,
      ouvert === false ? h("li", {}, h("span", { class: "badge ferme" }, "fermé"),
        res.ouverture_prochaine ? ` ouvre ${texteDate(res.ouverture_prochaine)}` : "") : null,
      res.telephone ? h("li", {}, h("a", { href: `tel:${res.telephone.replace(/\s/g, "")}`,
        title: res.telephone_fonction }, `☎ ${res.telephone}`)) : null,
      res.genere ? h("li", {}, h("span", { class: "badge genere" }, "données générées")) : null),
    explication(res.explication));
  $("liste-resultats").append(li);
  if (res.lat != null && res.lon != null) {
    const m = marqueurNumerote(res.lat, res.lon, rang, `${rang}. ${res.nom}`).addTo(couche);
    m.getElement()?.classList.add("marqueur-uo");
    m.getElement()?.setAttribute("data-uo", res.uo_id);
    m.bindPopup(() => h("div", {}, h("strong", {}, `${rang}. ${res.nom}`), h("br"), res.eg_nom || "",
      h("br"), h("a", { href: `/uo/${encodeURIComponent(res.uo_id)}` }, "Ouvrir la fiche")));
    m.on("click", () => surligner(res.uo_id, true));
    marqueurs.set(res.uo_id, m);
    li.addEventListener("mouseenter", () => surligner(res.uo_id, false));
    li.addEventListener("focusin", () => surligner(res.uo_id, false));
  }
}

function explication(ex) {
  if (!ex) return null;
  const trouvees = ex.aptitudes_trouvees, manquantes = ex.aptitudes_manquantes;
  return h("div", { class: "explication" },
    (trouvees.length || manquantes.length) ? h("div", { class: "etiquettes" },
      trouvees.map((a) => h("span", { class: "apt" }, a)),
      manquantes.map((a) => h("span", { class: "apt manque", title: "Souhaitée mais absente" }, a))) : null,
    ex.criteres.length ? h("ul", { class: "criteres" }, ex.criteres.map((c) => h("li", {}, c))) : null);
}

function surligner(uo, defiler) {
  document.querySelectorAll(".resultat.actif").forEach((x) => x.classList.remove("actif"));
  document.querySelectorAll(".marqueur-uo.actif").forEach((x) => x.classList.remove("actif"));
  const li = document.querySelector(`.resultat[data-uo="${CSS.escape(uo)}"]`);
  li?.classList.add("actif");
  marqueurs.get(uo)?.getElement()?.classList.add("actif");
  if (defiler) li?.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

function ajusterCarte() {
  const points = [...marqueurs.values()].map((m) => m.getLatLng());
  if (marqueurLieu) points.push(marqueurLieu.getLatLng());
  if (points.length === 1) carte.setView(points[0], 9);
  else if (points.length > 1) carte.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 10 });
}

// ---------------------------------------------------------------- start
marquerPage("recherche");
initAcces(() => { if (location.search) lireFormulaire().then((p) => chercher(p, false)).catch(() => {}); });
if (location.search) {
  remplirFormulaire(new URLSearchParams(location.search));
  lireFormulaire().then((p) => chercher(p, false)).catch((e) => afficherErreur(e.message));
}
