// The population dashboard: region × champ table (counts behind each percentage, change since the
// previous quarter), the choropleth of the 18 regions (overseas as insets) by the legend classes of
// spec §5, the EG not finalisé of a clicked region with the failing criterion per unit, and the CSV
// of what is shown. On a phone the table keeps only the indicator chosen (no sideways scrolling).
import { config, ErreurApi, lire, messageErreur } from "./api.js";
import { initAcces } from "./acces.js";
import { cadreEncart, creerCarte, chargerGeo, enEncart, ENCARTS } from "./carte.js";
import { CLASSES, classeDeLibelle, couleur, libelleClasse } from "./legende.js";
import { h, marquerPage, vider } from "./dom.js";

const L = window.L;
const cfg = config();
const API = `${cfg.api || "/api/v1"}/peuplement`;
const $ = (id) => document.getElementById(id);
const NON_DISPONIBLE = "Donnée non disponible";
const PAGE_EG = 20; // EG listed at a time under a clicked region
const INDICATEURS = { peuples: "% EG peuplés ou en cours", qualite: "% EG respectant le critère qualité" };
const CHAMPS = ["MCO", "PSY", "SSR", "ESMS PA", "ESMS PH"];
const STATUTS = { en_cours: "En cours", a_faire: "À faire", finalise: "Finalisé" };

const etat = { tableau: null, carte: null, champ: null, couches: new Map(), noms: {}, region: null };
const champAffiche = () => etat.champ;

// ---------------------------------------------------------------- French numbers and sentences
const FMT_ENTIER = new Intl.NumberFormat("fr-FR");
const FMT_POINTS = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });

/** "+3,2 pts", "−0,5 pt", "0,0 pt" (French: "point" is singular below 2); "—" without a change. */
export function textePoints(v) {
  if (v === null || v === undefined) return "—";
  return `${FMT_POINTS.format(v)} ${Math.abs(v) >= 2 ? "pts" : "pt"}`;
}

const pluriel = (n, un, plusieurs) => `${FMT_ENTIER.format(n)} ${n > 1 ? plusieurs : un}`;

/** An API error as a sentence for this page (the API's own messages are for developers). */
function phrase(e) {
  if (!(e instanceof ErreurApi)) return "Le serveur ne répond pas : vérifiez la connexion puis réessayez.";
  if (e.status >= 500) return "Le serveur a rencontré une erreur : réessayez dans un instant.";
  const parChamp = {
    trimestre: "Aucun instantané n'a été pris pour ce trimestre : choisissez-en un autre, ou le calcul courant.",
    champ: "Ce champ d'activité n'existe pas : choisissez MCO, PSY, SSR, ESMS PA ou ESMS PH.",
    region: "Cette région n'existe pas : choisissez une région sur la carte ou dans le tableau.",
    indicateur: "Cet indicateur n'existe pas : choisissez « peuplés ou en cours » ou « critère qualité ».",
    statut: "Ce statut de peuplement n'existe pas : finalisé, en cours ou à faire.",
    eg_id: "Cet établissement est introuvable dans l'offre.",
  };
  if (e.field && parChamp[e.field]) return parChamp[e.field];
  if ([401, 403, 429].includes(e.status)) return messageErreur(e);
  if (e.status === 404) return "Cette donnée est introuvable.";
  return `La demande n'a pas abouti (erreur ${e.status}) : réessayez.`;
}

// ---------------------------------------------------------------- state ⇄ URL
function lireEtatUrl() {
  const sp = new URLSearchParams(location.search);
  if (CHAMPS.includes(sp.get("champ"))) $("champ-activite").value = sp.get("champ");
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
const elCarte = $("carte-peuplement");
const carte = creerCarte(elCarte, { ...cfg, tile_url: null }, { zoomControl: false, fondRegions: 1 });
const etroite = () => carte.getSize().x < 560; // a phone: inset labels on two rows
const cadrer = () => carte.fitBounds([[etroite() ? 36.9 : 37.9, -5.6], [51.2, 10]]);
cadrer();

/** The overseas insets: a dashed box each, its name below it (outside the shape, dark on white);
 * on a narrow map every other name goes one line lower so that neighbours never touch. */
function dessinerEncarts() {
  ENCARTS.forEach((code, i) => {
    const cadre = cadreEncart(code);
    L.rectangle(cadre, { color: "#5a626a", weight: 1, fill: false, interactive: false, dashArray: "3 3" }).addTo(carte);
    const decale = etroite() && i % 2 === 1;
    L.tooltip({ permanent: true, direction: "bottom", interactive: false, offset: [0, decale ? 24 : 2],
      className: `etiquette-encart-peuplement${decale ? " decale" : ""}` })
      .setLatLng([cadre[0][0], (cadre[0][1] + cadre[1][1]) / 2])
      .setContent(etat.noms[code] || code)
      .addTo(carte);
  });
}

function styleRegion(code) {
  const choisie = code === etat.region;
  return { weight: choisie ? 3 : 1, color: choisie ? "#ffbf47" : "#ffffff" };
}

const pretCarte = chargerGeo("regions").then((geo) => {
  const features = geo.features.map(enEncart);
  for (const f of features) etat.noms[f.properties.code] = f.properties.nom;
  dessinerEncarts();
  L.geoJSON({ type: "FeatureCollection", features }, {
    style: (f) => ({ className: `region region-${f.properties.code}`, ...styleRegion(f.properties.code),
      fillColor: couleur("nd"), fillOpacity: 1 }),
    onEachFeature: (f, couche) => {
      const code = f.properties.code;
      etat.couches.set(code, couche);
      couche.on("click", () => montrerRegion(code));
      couche.on("mouseover", () => couche.setStyle({ weight: 3, color: "#ffbf47" }));
      couche.on("mouseout", () => couche.setStyle(styleRegion(code)));
    },
  }).addTo(carte);
});

function dessinerLegende() {
  vider($("legende"), h("ul", { class: "legende", "aria-label": "Légende de la carte" }, CLASSES.map((c) => h("li", { "data-classe": c.id },
    h("span", { class: "pastille", style: `background:${c.couleur}`, "aria-hidden": "true" }), c.libelle))));
}

function colorer() {
  const regions = etat.carte?.regions || {};
  for (const [code, couche] of etat.couches) {
    const r = regions[code];
    const classe = r ? classeDeLibelle(r.classe) : "nd";
    couche.setStyle({ fillColor: couleur(classe), ...styleRegion(code) });
    const el = couche.getElement?.();
    if (el) { el.setAttribute("data-classe", classe); el.setAttribute("data-region", code); }
    const pct = r && r.pct !== null && r.pct !== undefined ? `${r.pct} %` : NON_DISPONIBLE;
    couche.unbindTooltip().bindTooltip(`${etat.noms[code] || code} — ${pct} (${libelleClasse(classe)})`, { sticky: true });
  }
}

// ---------------------------------------------------------------- table
const nb = (v) => (v === null || v === undefined ? "—" : FMT_ENTIER.format(v));

/** The counts a percentage is made of, in words (shown in the cell on a phone). */
function comptes(c, ind) {
  const sur = `sur ${pluriel(c.cible, "EG cible", "EG cibles")}`;
  return ind === "peuples"
    ? `${pluriel(c.finalise, "finalisé", "finalisés")} + ${FMT_ENTIER.format(c.en_cours)} en cours ${sur}`
    : `${pluriel(c.finalise, "finalisé", "finalisés")} ${sur}`;
}

function cellulePct(cur, ind, prec) {
  const evo = cur[`evolution_${ind}`];
  const avant = cur.precedent && cur.precedent.disponible ? cur.precedent[`pct_${ind}`] : null;
  const depuis = prec ? (avant ? `depuis ${prec} (${avant})` : `pas de donnée en ${prec}`) : "pas de trimestre précédent";
  const sens = evo > 0 ? "hausse" : evo < 0 ? "baisse" : "stable";
  return h("td", { class: `nombre pct pct-${ind}`, "data-indicateur": ind },
    h("span", { class: "valeur" }, cur[`pct_${ind}`]),
    h("span", { class: `evolution ${evo === null || evo === undefined ? "sans" : sens}`, title: `Évolution ${depuis}`,
      "data-points": evo ?? "" }, textePoints(evo), h("span", { class: "sr-only" }, ` ${depuis}`)),
    h("span", { class: "comptes" }, comptes(cur, ind)));
}

function dessinerTableau() {
  const t = etat.tableau, c = champ();
  const prec = t.precedent ? t.precedent.libelle : null;
  const colonnes = 5; // cible, finalisés, en cours, two percentages
  const entete = h("thead", {}, h("tr", {},
    h("th", { scope: "col" }, "Région"),
    h("th", { scope: "col", class: "nombre compte" }, "EG cibles"),
    h("th", { scope: "col", class: "nombre compte" }, "Finalisés"),
    h("th", { scope: "col", class: "nombre compte" }, "En cours"),
    ...["peuples", "qualite"].map((ind) => h("th", { scope: "col", class: `nombre pct pct-${ind}` },
      INDICATEURS[ind], h("span", { class: "sous-titre-col" }, prec ? `évolution depuis ${prec}` : "évolution"))),
    h("th", { scope: "col", class: "nombre applications" }, "Applications connectées")));
  const corps = h("tbody", {}, t.lignes.map((l) => {
    const cur = l.champs[c];
    const total = l.region === "TOTAL";
    const nom = total ? "TOTAL" : h("button", { type: "button", class: "lien", onclick: () => montrerRegion(l.region),
      "aria-label": `${l.libelle} : voir les EG non finalisés` }, l.libelle);
    const classes = [total ? "total" : "", etat.region === l.region ? "selection" : "", cur.disponible ? "" : "sans-donnee"];
    const donnees = cur.disponible
      ? [h("td", { class: "nombre compte cible" }, nb(cur.cible)), h("td", { class: "nombre compte finalise" }, nb(cur.finalise)),
        h("td", { class: "nombre compte en-cours" }, nb(cur.en_cours)), cellulePct(cur, "peuples", prec), cellulePct(cur, "qualite", prec)]
      : [h("td", { class: "nd", colspan: colonnes }, NON_DISPONIBLE)];
    return h("tr", { class: classes.join(" ").trim() || null, "data-region": l.region },
      h("th", { scope: "row" }, nom), ...donnees, h("td", { class: "nombre applications" }, nb(l.applications)));
  }));
  const table = $("tableau");
  table.dataset.indicateur = indicateur();
  vider(table, h("caption", { class: "sr-only" }, `Peuplement ${c}, ${t.libelle}${prec ? `, évolution depuis ${prec}` : ""}`), entete, corps);
  majCsv();
}

function classeRegion(code) {
  const r = etat.carte ? etat.carte.regions[code] : undefined;
  return r ? classeDeLibelle(r.classe) : "nd";
}

const FMT_CSV = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });

function csvDeCeQuiEstMontre() {
  const t = etat.tableau, c = champ();
  const prec = t.precedent ? t.precedent.trimestre : "precedent";
  const lignes = [["region", "libelle", "champ", "cible", "finalise", "en_cours", "pct_peuples",
    "evolution_peuples_points", "pct_qualite", "evolution_qualite_points", `cible_${prec}`,
    `pct_peuples_${prec}`, `pct_qualite_${prec}`, "applications", `classe_carte_${indicateur()}`]];
  const v = (x) => (x === null || x === undefined ? "" : x);
  const pts = (x) => (x === null || x === undefined ? "" : FMT_CSV.format(x));
  for (const l of t.lignes) {
    const cur = l.champs[c], pr = cur.precedent;
    lignes.push([l.region, l.libelle, c, v(cur.cible), v(cur.finalise), v(cur.en_cours), cur.pct_peuples,
      pts(cur.evolution_peuples), cur.pct_qualite, pts(cur.evolution_qualite), v(pr?.cible),
      pr ? pr.pct_peuples : NON_DISPONIBLE, pr ? pr.pct_qualite : NON_DISPONIBLE, l.applications,
      l.region === "TOTAL" ? "" : libelleClasse(classeRegion(l.region))]);
  }
  const echapper = (x) => (/[;"\n]/.test(String(x)) ? `"${String(x).replace(/"/g, '""')}"` : String(x));
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
function resumeRegion(code) {
  const ligne = etat.tableau?.lignes.find((l) => l.region === code);
  const cur = ligne?.champs[champ()];
  if (!cur) return "";
  if (!cur.disponible) return `${champ()}, ${etat.tableau.libelle} : ${NON_DISPONIBLE.toLowerCase()}.`;
  return `${champ()}, ${etat.tableau.libelle} : ${cur.pct_peuples} peuplés ou en cours (${comptes(cur, "peuples")}) ; `
    + `${cur.pct_qualite} respectant le critère qualité.`;
}

let demandeRegion = 0; // only the latest click may paint

async function montrerRegion(code) {
  const t0 = performance.now();
  const moi = ++demandeRegion;
  etat.region = code;
  ecrireEtatUrl();
  document.querySelectorAll("#tableau tr.selection").forEach((tr) => tr.classList.remove("selection"));
  document.querySelector(`#tableau tr[data-region="${code}"]`)?.classList.add("selection");
  for (const [c, couche] of etat.couches) couche.setStyle(styleRegion(c));
  const zone = $("detail-region");
  zone.hidden = false;
  zone.dataset.etat = "chargement";
  const nom = etat.noms[code] || code;
  $("detail-titre").textContent = `${nom} — EG ${champ()} non finalisés`;
  $("detail-resume").textContent = resumeRegion(code);
  vider($("detail-contenu"), h("p", { class: "etat" }, "Chargement…"));
  let d;
  try {
    d = await lire(`${API}/etablissements`, { region: code, champ: champ(), statut: ["en_cours", "a_faire"], limit: 100000 });
  } catch (e) {
    if (moi !== demandeRegion) return;
    vider($("detail-contenu"), h("p", { class: "etat erreur", role: "alert" }, phrase(e)));
    zone.dataset.etat = "erreur";
    return;
  }
  if (moi !== demandeRegion) return;
  afficherListe(d.etablissements);
  zone.dataset.etat = "pret";
  zone.focus({ preventScroll: true });
  zone.scrollIntoView({ block: "nearest" });
  // click → list laid out: the figure the tests and the bench report (issue: under 300 ms)
  requestAnimationFrame(() => performance.measure("peuplement:region", { start: t0, end: performance.now() }));
}

function texteUnites(eg) {
  const n = eg.n_finalise + eg.n_en_cours + eg.n_a_faire;
  if (!n) return "aucune unité de ce champ dans l'offre";
  const non = eg.n_en_cours + eg.n_a_faire;
  return `${pluriel(non, "unité", "unités")} sur ${FMT_ENTIER.format(n)} non ${non > 1 ? "finalisées" : "finalisée"}`;
}

function afficherListe(egs) {
  if (!egs.length) {
    vider($("detail-contenu"), h("p", {}, "Aucun EG non finalisé dans ce champ (état actuel de l'offre)."));
    return;
  }
  const liste = h("div", { class: "liste-eg" });
  const suite = h("button", { type: "button", class: "secondaire" });
  vider($("detail-contenu"),
    h("p", { class: "aide" }, `${pluriel(egs.length, "EG non finalisé", "EG non finalisés")} (état actuel de l'offre). `
      + "Ouvrez un établissement pour voir, par unité, le critère qui manque."),
    liste, suite);
  let montres = 0;
  const montrerSuite = () => {
    for (const eg of egs.slice(montres, montres + PAGE_EG)) {
      const bloc = h("details", { class: "eg-ecart", "data-eg": eg.eg_id },
        h("summary", {}, h("strong", { class: "eg-nom" }, eg.nom || `EG ${eg.eg_id}`), " ",
          h("span", { class: `statut ${eg.statut}` }, STATUTS[eg.statut]), " ",
          h("span", { class: "eg-info" }, [`FINESS ${eg.eg_id}`, eg.departement ? `dép. ${eg.departement}` : null, texteUnites(eg)].filter(Boolean).join(" · "))),
        h("div", { class: "eg-detail" }, h("p", { class: "aide" }, "Chargement…")));
      bloc.addEventListener("toggle", () => { if (bloc.open) chargerEg(bloc, eg.eg_id); });
      liste.append(bloc);
    }
    montres = Math.min(egs.length, montres + PAGE_EG);
    suite.hidden = montres >= egs.length;
    suite.textContent = `Afficher les suivants (${montres} sur ${egs.length})`;
  };
  suite.addEventListener("click", montrerSuite);
  montrerSuite();
}

async function chargerEg(bloc, egId) {
  if (bloc.dataset.charge) return;
  bloc.dataset.charge = "1";
  try {
    const d = await lire(`${API}/eg/${encodeURIComponent(egId)}`);
    const lignes = d.lignes.filter((l) => l.champ === champ());
    if (!lignes.length) {
      vider(bloc.querySelector(".eg-detail"), h("p", {}, "Cet établissement n'a plus de ligne dans ce champ (état actuel de l'offre)."));
      return;
    }
    vider(bloc.querySelector(".eg-detail"), lignes.map((l) => {
      const unites = l.unites.filter((u) => u.statut !== "finalise");
      // each missing criterion once, with how many units miss it; then each unit with its numbers
      const manques = new Map();
      for (const u of unites) for (const c of u.criteres_en_echec) {
        const m = manques.get(c.critere) || { libelle: c.libelle, n: 0 };
        m.n += 1;
        manques.set(c.critere, m);
      }
      return h("div", { class: "ligne-eg" },
        h("p", {}, h("span", { class: `statut ${l.statut}` }, STATUTS[l.statut]), ` ${l.pourquoi}.`),
        manques.size ? h("ul", { class: "manques", "aria-label": "Critères manquants" },
          [...manques.entries()].sort((a, b) => a[0] - b[0]).map(([n, m]) => h("li", { "data-critere": n },
            h("strong", {}, `Critère ${n}`), ` — ${m.libelle} : manque à ${pluriel(m.n, "unité", "unités")}`))) : null,
        unites.length ? h("ul", { class: "unites-ecart", "aria-label": "Unités non finalisées" }, unites.map((u) => h("li", { "data-uo": u.uo_id },
          h("span", { class: "uo-nom" }, u.nom), " : ",
          u.criteres_en_echec.length
            ? `${u.criteres_en_echec.length > 1 ? "critères" : "critère"} ${u.criteres_en_echec.map((c) => c.critere).join(", ")} manquant${u.criteres_en_echec.length > 1 ? "s" : ""}`
            : u.statut_libelle))) : null);
    }));
  } catch (e) {
    delete bloc.dataset.charge;
    vider(bloc.querySelector(".eg-detail"), h("p", { class: "aide erreur", role: "alert" }, phrase(e)));
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
    etat.tableau = tableau; etat.carte = legende; etat.champ = base.champ;
  } catch (e) {
    if (moi !== chargement) return;
    const ancien = etat.tableau ? ` Les chiffres affichés sont encore ceux de ${etat.tableau.libelle}, ${champAffiche()}.` : "";
    $("peuplement-etat").textContent = phrase(e) + ancien;
    document.body.dataset.etat = "erreur";
    return;
  }
  colorer();
  dessinerTableau();
  const t = etat.tableau;
  const prec = t.precedent ? ` comparé à ${t.precedent.libelle}${t.precedent.disponible ? "" : " (pas d'instantané : évolution « — »)"}` : "";
  $("peuplement-etat").textContent = `${t.libelle}${prec} — carte : ${INDICATEURS[indicateur()]}, ${champ()}.`;
  if (etat.region) $("detail-resume").textContent = resumeRegion(etat.region);
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
  if (ev.target.id === "champ-activite") charger().then(() => { if (etat.region) montrerRegion(etat.region); });
  else charger();
});
$("form-peuplement").addEventListener("submit", (ev) => ev.preventDefault());

marquerPage("peuplement");
dessinerLegende();
initAcces(charger);
const regionVoulue = new URLSearchParams(location.search).get("region");
const voulu = lireEtatUrl();
chargerTrimestres(voulu).then(charger).then(() => { if (regionVoulue) montrerRegion(regionVoulue); });
