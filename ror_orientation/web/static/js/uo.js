// The unit sheet page: what a regulator needs to call and decide, printable, with a PDF export.
import { config, cle, lire, lireBinaire, phraseErreur } from "./api.js";
import { initAcces } from "./acces.js";
import { badgePerime, h, libelle, minutesDepuis, texteAge, texteDate, texteDuree, texteTelephone, vider } from "./dom.js";

const cfg = config();
const API = cfg.api || "/api/v1";
const $ = (id) => document.getElementById(id);
const uoId = document.getElementById("contenu").dataset.uo;
const CANAUX = { telephone: "Tél.", mobile: "Mobile", bip: "Bip", fax: "Fax", email: "Courriel", mssante: "MSSanté", url: "Site" };
const CONFIDENTIALITE = { 2: "restreint", 3: "confidentiel — régulation" };
// Contact.nature and UniteOperationnelle.statut are plain codes in the API (offre.py).
const NATURES = { medical: "médical", soignant: "soignant", administratif: "administratif" };
const STATUTS = { brouillon: "brouillon", valide: "validée", publie: "publiée" };

function lien(t) {
  const v = t.valeur || "";
  if (["telephone", "mobile", "bip"].includes(t.canal)) {
    const numero = texteTelephone(v);
    return numero ? h("a", { href: `tel:${numero.replace(/\s/g, "")}` }, numero) : h("span", {}, "numéro non renseigné");
  }
  if (["email", "mssante"].includes(t.canal) && v) return h("a", { href: `mailto:${v}` }, v);
  return h("span", {}, v);
}

function contacts(f) {
  if (!f.contacts.length) return h("p", { class: "aide" }, cle() ? "Aucun contact visible." : "Aucun contact public. Les contacts restreints demandent une clé de régulation.");
  return f.contacts.map((c) => h("div", { class: "contact" },
    h("strong", {}, [c.fonction, NATURES[c.nature] || c.nature, c.nom].filter(Boolean).map(libelle).join(" — ") || "Contact"),
    h("ul", {}, c.telecoms.map((t) => h("li", {}, `${CANAUX[t.canal] || t.canal} `, lien(t),
      CONFIDENTIALITE[t.confidentialite] ? h("span", { class: "confidentialite" }, `(${CONFIDENTIALITE[t.confidentialite]})`) : null)))));
}

const STATUTS_INSTALLES = ["01", "08", "09"];

function disponibilite(f) {
  // the same figure and words as the result card, the PDF and the extractions (disponibilite.py)
  const d = f.disponibilite;
  if (!d) return null;
  const texte = d.texte.replace(/ — PÉRIMÉ$/, "");
  const age = d.compte ? (minutesDepuis(d.compte.maj) ?? d.compte.age_minutes) : null;
  const previsions = d.visible && d.compte?.temporalite === "01" ? d.previsions : [];
  return h("p", { class: "disponibilite", id: "uo-disponibilite" }, h("strong", {}, texte),
    age !== null && age !== undefined ? h("span", { class: "age" }, ` (${texteAge(age)})`) : null,
    d.perime ? [" ", badgePerime()] : null,
    previsions.length ? h("span", { class: "aide" }, ` · prévisions : ${previsions.map((p) =>
      `${{ "02": "+1 h", "03": "+24 h", "04": "+48 h", "05": "+7 j" }[p.temporalite] || p.temporalite} : ${p.nombre}`).join(", ")}`) : null);
}

function lits(f) {
  if (!f.capacites.length) return [disponibilite(f), h("p", { class: "aide" }, "Aucune capacité publiée.")];
  const lignes = f.capacites.map((c) => {
    // age_minutes / perime were computed when the answer was made; a cached (304) sheet may be
    // older, so both are recomputed from `maj` (docs/api.md: clients recompute them). Installed
    // capacity has its own, much longer horizon than free-bed figures.
    const seuil = STATUTS_INSTALLES.includes(c.statut.code)
      ? cfg.installed_stale_after_minutes : cfg.stale_after_minutes;
    const age = minutesDepuis(c.maj);
    const perime = age !== null && age > seuil;
    return h("tr", { class: perime ? "perime" : null },
      h("td", { "data-label": "Nature" }, libelle(c.nature)), h("td", { "data-label": "Statut" }, libelle(c.statut)),
      h("td", { "data-label": "Temporalité" }, libelle(c.temporalite)), h("td", { "data-label": "Genre" }, libelle(c.genre)),
      h("td", { class: "nombre", "data-label": "Nombre" }, c.nombre),
      h("td", { class: "age", "data-label": "Mis à jour", title: c.maj ? `Mis à jour le ${texteDate(c.maj)}` : null },
        texteAge(age), perime ? [" ", badgePerime()] : null));
  });
  const legende = h("p", { class: "legende-perime" }, badgePerime(),
    ` : chiffre mis à jour il y a plus de ${texteDuree(cfg.stale_after_minutes)} (capacités installées : plus de ${Math.round(cfg.installed_stale_after_minutes / 1440)} j), seuils du déploiement — à vérifier par téléphone.`);
  return [disponibilite(f), legende, h("div", { class: "defilement" }, h("table", { class: "tableau lits" },
    h("caption", { class: "sr-only" }, "Capacités de l'unité, avec l'âge de chaque chiffre"),
    h("thead", {}, h("tr", {}, ["Nature", "Statut", "Temporalité", "Genre", "Nombre", "Mis à jour"].map((t, i) => h("th", { scope: "col", class: i === 4 ? "nombre" : null }, t)))),
    h("tbody", {}, lignes)))];
}

function hierarchie(f) {
  const hi = f.hierarchie, niveaux = [];
  if (hi.ej) niveaux.push(["Entité juridique", `${hi.ej.nom} (FINESS ${hi.ej.id})`]);
  niveaux.push(["Établissement", `${hi.eg.nom} (FINESS ${hi.eg.id})`]);
  for (const oi of hi.organisations) niveaux.push([libelle(oi.type) || "Organisation", oi.nom]);
  niveaux.push(["Unité", f.nom]);
  return niveaux.map(([n, t], i) => h("li", { style: `--niveau:${i}` }, h("span", { class: "niveau" }, n), " ", t));
}

function offre(f) {
  const lignes = [
    ["Champ", libelle(f.champ)],
    ["Activité", libelle(f.activite)],
    ["Mode", libelle(f.mode_prise_en_charge)],
    ["Type d'offre", libelle(f.categorie_organisation)],
    ["Patientèle", `${f.age_min ?? "?"} à ${f.age_max ?? "?"} ans`],
    ["Publics", f.publics.map(libelle).join(", ")],
    ["Accueil", (f.temporalites_accueil ?? []).map(libelle).join(", ")],
    ["Adresse", f.adresse?.ligne],
  ].filter(([, v]) => v);
  return lignes.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]);
}

function horaires(f) {
  const ho = f.horaires, out = [];
  if (ho.permanent) out.push("Ouvert 24 h/24, 7 j/7");
  const parJour = new Map();
  for (const p of ho.plages) {
    const k = p.jour_libelle;
    parJour.set(k, [...(parJour.get(k) || []), `${p.debut.slice(0, 5)}–${p.fin.slice(0, 5)}`]);
  }
  for (const [j, v] of parJour) out.push(`${j} : ${v.join(", ")}`);
  if (!out.length) out.push("Horaires non renseignés");
  if (ho.ferme_jours_feries) out.push("Fermé les jours fériés");
  for (const fe of ho.fermetures) out.push(`${fe.definitive ? "Fermeture définitive" : "Fermeture"} depuis le ${fe.debut}${fe.reouverture_prevue ? `, réouverture prévue le ${fe.reouverture_prevue}` : ""}${fe.motif ? ` (${fe.motif})` : ""}`);
  return out.map((t) => h("li", {}, t));
}

function afficher(f) {
  document.title = `${f.nom} — Fiche unité — ROR`;
  $("uo-nom").textContent = f.nom;
  $("uo-sous-titre").textContent = [f.hierarchie.eg.nom, libelle(f.champ), f.sensible ? "unité sensible" : null,
    f.genere ? "données générées (démonstration)" : null].filter(Boolean).join(" · ");
  vider($("uo-ouverture"), f.ouvert_maintenant
    ? h("span", { class: "badge ouvert" }, "ouvert maintenant")
    : [h("span", { class: "badge ferme" }, "fermé maintenant"), f.ouverture_prochaine ? ` — prochaine ouverture ${texteDate(f.ouverture_prochaine)}` : ""]);
  vider($("uo-contacts"), contacts(f));
  vider($("uo-lits"), lits(f));
  vider($("uo-hierarchie"), hierarchie(f));
  vider($("uo-offre"), offre(f));
  vider($("uo-horaires"), horaires(f));
  const apt = [...f.actes.map((a) => `${libelle(a)}`), ...f.competences.map((c) => `${libelle(c)}`)];
  vider($("uo-aptitudes"), apt.length ? apt.map((t) => h("li", {}, t)) : h("li", { class: "aide" }, "Aucune aptitude déclarée"));
  vider($("uo-equipements"), f.equipements.length ? f.equipements.map((e) => h("li", {}, e.libelle,
    e.caracteristique && e.valeur != null ? ` — ${libelle(e.caracteristique)} : ${e.valeur}` : "", e.quantite > 1 ? ` (×${e.quantite})` : ""))
    : h("li", { class: "aide" }, "Aucun équipement déclaré"));
  vider($("uo-professionnels"), f.professionnels.length ? f.professionnels.map((p) => h("li", {},
    `${p.prenom} ${p.nom} — ${libelle(p.profession)}${p.specialite ? `, ${libelle(p.specialite)}` : ""}`))
    : h("li", { class: "aide" }, "Aucun professionnel rattaché"));
  $("uo-maj").textContent = `Unité ${f.id}${f.id_externe_synchro ? ` (id. établissement ${f.id_externe_synchro})` : ""} · fiche mise à jour le ${texteDate(f.maj)} · fiche ${STATUTS[f.statut] || f.statut}`;
  $("fiche").hidden = false;
  $("fiche-etat").textContent = "";
}

async function charger() {
  try {
    afficher(await lire(`${API}/unites/${encodeURIComponent(uoId)}`));
  } catch (e) {
    $("fiche").hidden = true;
    $("fiche-etat").textContent = e.status === 404 ? "Cette unité n'existe pas ou n'est pas visible avec vos droits." : phraseErreur(e);
  }
}

$("imprimer").addEventListener("click", () => window.print());
$("export-pdf").addEventListener("click", async (ev) => {
  if (!cle()) return; // public read: the plain link is enough
  ev.preventDefault();
  try {
    const blob = await lireBinaire(ev.currentTarget.getAttribute("href"));
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: `fiche-${uoId}.pdf` });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    $("fiche-etat").textContent = phraseErreur(e);
  }
});
// The last search of this tab (kept by the search page: the pages send no referrer), with its place.
try {
  const derniere = sessionStorage.getItem("ror.derniere-recherche");
  if (derniere && derniere.startsWith("/?")) $("retour").href = derniere;
} catch { /* storage refused: back to an empty search */ }

initAcces(charger);
charger();
