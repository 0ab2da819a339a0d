// Small DOM and formatting helpers shared by the pages (text is always set as text, never as HTML).

/** Create an element: h("li", {class: "x", "data-id": 3}, "text", child, ...). */
export function h(tag, attrs = {}, ...enfants) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const e of enfants.flat()) {
    if (e === undefined || e === null || e === false) continue;
    el.append(e instanceof Node ? e : document.createTextNode(String(e)));
  }
  return el;
}

export function vider(el, ...enfants) { el.replaceChildren(...enfants.flat().filter(Boolean)); return el; }

/** A coded value ({code, libelle}: CodeOut) or plain text, as text; null → "". */
export function libelle(v) {
  if (v === null) return "";
  if (typeof v === "object") return v.libelle;
  return String(v);
}

export function minutesDepuis(iso, maintenant = new Date()) {
  if (!iso) return null;
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? null : (maintenant - t) / 60000;
}

/** Age of a figure as a regulator reads it: "il y a 12 min", "il y a 9 h 05", "il y a 3 j". */
export function texteAge(minutes) {
  if (minutes === null || minutes === undefined) return "âge inconnu";
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return "à l'instant";
  if (m < 60) return `il y a ${m} min`;
  if (m < 48 * 60) return `il y a ${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}`;
  return `il y a ${Math.floor(m / 1440)} j`;
}

const FMT_DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });
export function texteDate(iso) {
  if (!iso) return "—";
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? String(iso) : FMT_DATE.format(t);
}

export function texteKm(km) {
  if (km === null || km === undefined) return "";
  return km < 10 ? `${km.toFixed(1).replace(".", ",")} km` : `${Math.round(km)} km`;
}

export function badgePerime() {
  return h("span", { class: "badge perime", title: "Chiffre ancien : à vérifier par téléphone" }, "périmé");
}

/** A duration in minutes as a person says it: "30 min", "4 h", "1 h 30", "24 h". */
export function texteDuree(minutes) {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}` : `${m / 60} h`;
}

/** A French phone number in pairs ("02 51 06 96 81", "+33 2 51 06 96 81"); "" when there is none. */
export function texteTelephone(numero) {
  const brut = String(numero || "").replace(/[\s.\-()]/g, "");
  if (!/\d/.test(brut)) return "";
  if (/^0\d{9}$/.test(brut)) return brut.replace(/(\d{2})(?=\d)/g, "$1 ");
  if (/^\+33\d{9}$/.test(brut)) return `+33 ${brut.slice(3, 4)} ${brut.slice(4).replace(/(\d{2})(?=\d)/g, "$1 ")}`;
  return String(numero).trim();
}

/** Lowercase, no accents, hyphens and apostrophes as spaces: the server's `territoire.fold`. */
export function plier(texte) {
  return String(texte).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[-'’]/g, " ").replace(/\bsaint /g, "st ").replace(/\s+/g, " ").trim();
}

/** Mark the current page in the header navigation. */
export function marquerPage(nom) {
  const a = document.querySelector(`.entete nav a[data-page="${nom}"]`);
  if (a) a.setAttribute("aria-current", "page");
}
