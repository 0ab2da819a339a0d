// The population dashboard: region × champ table (a quarter beside the previous one), the choropleth
// of the 18 regions (overseas as insets) by the legend classes of spec §5, the EG not finalisé of a
// clicked region with the failing criterion per unit, and the CSV of what is shown.
import { config, lire, messageErreur } from "./api.js";
import { initAcces } from "./acces.js";
import { creerCarte, chargerGeo, dessinerCadresEncarts, enEncart } from "./carte.js";
import { CLASSES, classeDeLibelle, couleur, libelleClasse } from "./legende.js";
import { h, marquerPage, vider } from "./dom.js";

const L = window.L;
const cfg = config();
const API = `${cfg.api || "/api/v1"}/peuplement`;
const $ = (id) => document.getElementById(id);
const NON_DISPONIBLE = "Donnée non disponible";
const PAGE_EG = 20; // EG listed at a time under a clicked region
const INDICATEURS = { peuples: "% EG peuplés ou en cours", qualite: "% EG respectant le critère qualité" };

const etat = { tableau: null, carte: null, couches: new Map(), noms: {}, region: null };

// ---------------------------------------------------------------- state ⇄ URL
function lireEtatUrl() {
  const sp = new URLSearchParams(location.search);
  if (sp.get("champ")) $("champ-activite").value = sp.get("champ");
  const ind = sp.get("indicateur") === "qualite" ? "qualite" : "peuples";
  document.querySelector(`input[name=indicateur][value=${ind}]`).checked = true;
  return sp.get("trimestre") || "";
}
const champ = () => $("champ-activite").value;
const indicateur = () => document.querySelector("input[name=indicateur]:checked").value;
const trimestre = () => $("trimestre").value;

function ecrireEtatUrl() {
  const sp = new URLSearchParams({ champ: champ(), indicateur: indicateur() });
  if (trimestre()) sp.set("trimestre", trimestre());
  if (etat.region) sp.set("region", etat.region);
  history.replaceState(null, "", `${location.pathname}?${sp}`);
}

// ---------------------------------------------------------------- map
const carte = creerCarte($("carte-peuplement"), { ...cfg, tile_url: null }, { zoomControl: true, fondRegions: 1 });
carte.fitBounds([[38.6, -5.6], [51.2, 10]]);
const pretCarte = chargerGeo("regions").then((geo) => {
  const features = geo.features.map(enEncart);
  for (const f of features) etat.noms[f.properties.code] = f.properties.nom;
  dessinerCadresEncarts(carte, etat.noms);
  L.geoJSON({ type: "FeatureCollection", features }, {
    style: (f) => ({ className: `region region-${f.properties.code}`, color: "#ffffff", weight: 1,
      fillColor: couleur("nd"), fillOpacity: 1 }),
    onEachFeature: (f, couche) => {
      etat.couches.set(f.properties.code, couche);
      couche.on("click", () => montrerRegion(f.properties.code));
      couche.on("mouseover", () => couche.setStyle({ weight: 2.5, color: "#ffbf47" }));
      couche.on("mouseout", () => couche.setStyle({ weight: 1, color: "#ffffff" }));
    },
  }).addTo(carte);
});

function dessinerLegende() {
  vider($("legende"), h("ul", { class: "legende" }, CLASSES.map((c) => h("li", { "data-classe": c.id },
    h("span", { class: "pastille", style: `background:${c.couleur}`, "aria-hidden": "true" }), c.libelle))));
}

function colorer() {
  const regions = etat.carte?.regions || {};
  for (const [code, couche] of etat.couches) {
    const r = regions[code];
    const classe = r ? classeDeLibelle(r.classe) : "nd";
    couche.setStyle({ fillColor: couleur(classe) });
    const el = couche.getElement?.();
    if (el) { el.setAttribute("data-classe", classe); el.setAttribute("data-region", code); }
    const pct = r && r.pct !== null && r.pct !== undefined ? `${r.pct} %` : NON_DISPONIBLE;
    couche.unbindTooltip().bindTooltip(`${etat.noms[code] || code} — ${pct} (${libelleClasse(classe)})`, { sticky: true });
  }
}

// ---------------------------------------------------------------- table
function cellule(c, cle) {
  return c ? c[cle] : NON_DISPONIBLE; // the API sends "Donnée non disponible" itself
}

function pct(c, cle) {
  const v = cellule(c, cle);
  return h("td", { class: v === NON_DISPONIBLE ? "nombre nd" : "nombre" }, v);
}

function dessinerTableau() {
  const t = etat.tableau, c = champ();
  const courant = t.libelle;
  const prec = t.precedent ? t.precedent.libelle : "Trimestre précédent";
  const entete = h("thead", {},
    h("tr", {}, h("th", { scope: "col", rowspan: 2 }, "Région"), h("th", { scope: "colgroup", colspan: 2, class: "nombre" }, "Nb EG cible"),
      h("th", { scope: "colgroup", colspan: 2, class: "nombre" }, INDICATEURS.peuples),
      h("th", { scope: "colgroup", colspan: 2, class: "nombre" }, INDICATEURS.qualite),
      h("th", { scope: "col", rowspan: 2, class: "nombre" }, "Applications connectées")),
    h("tr", {}, [0, 1, 2].flatMap(() => [h("th", { scope: "col", class: "nombre" }, prec), h("th", { scope: "col", class: "nombre" }, courant)])));
  const corps = h("tbody", {}, t.lignes.map((l) => {
    const cur = l.champs[c], pr = cur?.precedent;
    const total = l.region === "TOTAL";
    const nom = total ? "TOTAL" : h("button", { type: "button", class: "lien", onclick: () => montrerRegion(l.region),
      "aria-label": `${l.libelle} : voir les EG non finalisés` }, l.libelle);
    return h("tr", { class: [total ? "total" : "", etat.region === l.region ? "selection" : ""].join(" ").trim() || null, "data-region": l.region },
      h("th", { scope: "row" }, nom),
      h("td", { class: "nombre" }, pr?.cible ?? "—"), h("td", { class: "nombre" }, cur?.cible ?? "—"),
      pct(pr, "pct_peuples"), pct(cur, "pct_peuples"), pct(pr, "pct_qualite"), pct(cur, "pct_qualite"),
      h("td", { class: "nombre" }, l.applications));
  }));
  vider($("tableau"), h("caption", { class: "sr-only" }, `Peuplement ${c}, ${courant} et ${prec}`), entete, corps);
  majCsv();
}

function classeRegion(code) {
  const r = etat.carte ? etat.carte.regions[code] : undefined;
  return r ? classeDeLibelle(r.classe) : "nd";
}

function csvDeCeQuiEstMontre() {
  const t = etat.tableau, c = champ();
  const courant = t.trimestre ?? "courant", prec = t.precedent ? t.precedent.trimestre : "precedent";
  const lignes = [["region", "libelle", "champ", `cible_${prec}`, `cible_${courant}`, `pct_peuples_${prec}`,
    `pct_peuples_${courant}`, `pct_qualite_${prec}`, `pct_qualite_${courant}`, "applications",
    `classe_carte_${indicateur()}`]];
  for (const l of t.lignes) {
    const cur = l.champs[c], pr = cur?.precedent;
    lignes.push([l.region, l.libelle, c, pr?.cible ?? "", cur?.cible ?? "", cellule(pr, "pct_peuples"),
      cellule(cur, "pct_peuples"), cellule(pr, "pct_qualite"), cellule(cur, "pct_qualite"), l.applications,
      l.region === "TOTAL" ? "" : libelleClasse(classeRegion(l.region))]);
  }
  const echapper = (v) => (/[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return "\ufeff" + lignes.map((l) => l.map(echapper).join(";")).join("\n") + "\n";
}

let urlCsv = null;
function majCsv() {
  if (urlCsv) URL.revokeObjectURL(urlCsv);
  urlCsv = URL.createObjectURL(new Blob([csvDeCeQuiEstMontre()], { type: "text/csv;charset=utf-8" }));
  const a = $("csv");
  a.href = urlCsv;
  a.download = `peuplement-${champ().replace(" ", "-")}-${trimestre() || "courant"}.csv`;
}

// ---------------------------------------------------------------- region detail
async function montrerRegion(code) {
  etat.region = code;
  ecrireEtatUrl();
  document.querySelectorAll("#tableau tr.selection").forEach((tr) => tr.classList.remove("selection"));
  document.querySelector(`#tableau tr[data-region="${code}"]`)?.classList.add("selection");
  const zone = $("detail-region");
  zone.hidden = false;
  const nom = etat.noms[code] || code;
  $("detail-titre").textContent = `${nom} — EG ${champ()} non finalisés`;
  vider($("detail-contenu"), h("p", { class: "etat" }, "Chargement…"));
  zone.focus({ preventScroll: true });
  zone.scrollIntoView({ block: "nearest", behavior: "smooth" });
  let q;
  try {
    q = await lire(`${API}/qualite`, { exigence: "CP4", region: code, max_ecarts: 2000 });
  } catch (e) { vider($("detail-contenu"), h("p", { class: "etat" }, messageErreur(e))); return; }
  if (etat.region !== code) return;
  const ex = q.exigences[0];
  const ecarts = ex ? ex.ecarts.filter((i) => i.champ === champ()) : [];
  if (!ecarts.length) {
    vider($("detail-contenu"), h("p", {}, "Aucun EG non finalisé dans ce champ (état actuel de l'offre)."));
    return;
  }
  const liste = h("div", { class: "liste-eg" });
  const suite = h("button", { type: "button", class: "secondaire" });
  vider($("detail-contenu"),
    h("p", { class: "aide" }, `${ecarts.length} EG non finalisé${ecarts.length > 1 ? "s" : ""} (état actuel de l'offre). Ouvrez un établissement pour voir, par unité, le critère qui manque.`),
    liste, suite);
  let montres = 0;
  const montrerSuite = () => {
    for (const it of ecarts.slice(montres, montres + PAGE_EG)) {
      const bloc = h("details", { class: "eg-ecart", "data-eg": it.eg_id },
        h("summary", {}, h("strong", { class: "eg-nom" }, `EG ${it.eg_id}`), " — ", it.motif, it.departement ? ` (dép. ${it.departement})` : ""),
        h("div", { class: "eg-detail" }, h("p", { class: "aide" }, "Chargement…")));
      bloc.addEventListener("toggle", () => { if (bloc.open) chargerEg(bloc, it.eg_id); });
      liste.append(bloc);
      chargerEg(bloc, it.eg_id);
    }
    montres = Math.min(ecarts.length, montres + PAGE_EG);
    suite.hidden = montres >= ecarts.length;
    suite.textContent = `Afficher les suivants (${montres} sur ${ecarts.length})`;
  };
  suite.addEventListener("click", montrerSuite);
  montrerSuite();
}

async function chargerEg(bloc, egId) {
  if (bloc.dataset.charge) return;
  bloc.dataset.charge = "1";
  try {
    const d = await lire(`${API}/eg/${encodeURIComponent(egId)}`);
    bloc.querySelector(".eg-nom").textContent = `${d.nom} (${d.eg_id})`;
    const lignes = d.lignes.filter((l) => l.champ === champ());
    vider(bloc.querySelector(".eg-detail"), lignes.map((l) => h("div", {},
      h("p", {}, h("span", { class: `statut ${l.statut}` }, l.statut_libelle), ` ${l.pourquoi}`),
      h("ul", {}, l.unites.filter((u) => u.statut !== "finalise").map((u) => h("li", {},
        `${u.nom} : `, u.criteres_en_echec.length ? u.criteres_en_echec.map((c) => `critère ${c.critere} — ${c.libelle}`).join(" ; ") : u.statut_libelle))))));
  } catch (e) {
    delete bloc.dataset.charge;
    vider(bloc.querySelector(".eg-detail"), h("p", { class: "aide" }, messageErreur(e)));
  }
}

// ---------------------------------------------------------------- loading
let chargement = 0; // only the latest request may paint: answers can arrive out of order

async function charger() {
  const moi = ++chargement;
  $("peuplement-etat").textContent = "Chargement…";
  document.body.dataset.etat = "chargement";
  const base = { champ: champ() };
  if (trimestre()) base.trimestre = trimestre();
  try {
    const [tableau, legende] = await Promise.all([
      lire(API, { ...base, precedent: "true" }),
      lire(`${API}/carte`, { ...base, indicateur: indicateur() }),
      pretCarte,
    ]);
    if (moi !== chargement) return;
    etat.tableau = tableau; etat.carte = legende;
  } catch (e) {
    if (moi !== chargement) return;
    $("peuplement-etat").textContent = messageErreur(e);
    document.body.dataset.etat = "erreur";
    return;
  }
  colorer();
  dessinerTableau();
  const t = etat.tableau;
  $("peuplement-etat").textContent = `${t.libelle}${t.precedent ? ` comparé à ${t.precedent.libelle}${t.precedent.disponible ? "" : " (pas d'instantané)"}` : ""} — carte : ${INDICATEURS[indicateur()]}, ${champ()}.`;
  document.body.dataset.etat = "pret";
  ecrireEtatUrl();
}

async function chargerTrimestres(voulu) {
  const select = $("trimestre");
  const options = [h("option", { value: "" }, "Calcul courant")];
  try {
    // The snapshotted quarters, read from one region's series (every snapshot covers all regions).
    const s = await lire(`${API}/series/11`);
    for (const e of [...s.serie].reverse()) options.push(h("option", { value: e.trimestre }, e.libelle));
  } catch { /* no snapshot yet: current computation only */ }
  vider(select, options);
  if ([...select.options].some((o) => o.value === voulu)) select.value = voulu;
}

$("form-peuplement").addEventListener("change", (ev) => {
  if (ev.target.id === "trimestre" || ev.target.id === "champ-activite") charger().then(() => { if (etat.region) montrerRegion(etat.region); });
  else charger();
});
$("form-peuplement").addEventListener("submit", (ev) => ev.preventDefault());

marquerPage("peuplement");
dessinerLegende();
initAcces(charger);
const regionVoulue = new URLSearchParams(location.search).get("region");
const voulu = lireEtatUrl();
chargerTrimestres(voulu).then(charger).then(() => { if (regionVoulue) montrerRegion(regionVoulue); });
