// Calls to the JSON API (/api/v1) with the caller's application key, and the API's one error shape.
const CLE = "ror.cle";

export function config() {
  const node = document.getElementById("config");
  return node ? JSON.parse(node.textContent) : {};
}

export function cle() {
  try { return localStorage.getItem(CLE) || ""; } catch { return ""; }
}

export function enregistrerCle(valeur) {
  if (valeur) localStorage.setItem(CLE, valeur); else localStorage.removeItem(CLE);
}

export function entetes() {
  const k = cle();
  return k ? { Authorization: `Bearer ${k}` } : {};
}

export class ErreurApi extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status; this.code = code; this.field = field;
  }
}

/** Query string from an object: arrays repeat their key; empty values are left out. */
export function parametres(objet) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(objet)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x)); else p.append(k, String(v));
  }
  return p;
}

async function erreur(reponse) {
  let corps = null;
  try { corps = await reponse.json(); } catch { /* not JSON */ }
  const e = corps && corps.error;
  if (e) return new ErreurApi(e.status, e.code, e.message, e.field);
  return new ErreurApi(reponse.status, "http", `Erreur ${reponse.status}`, null);
}

export async function lire(chemin, params = {}, { signal } = {}) {
  const qs = parametres(params).toString();
  const r = await fetch(qs ? `${chemin}?${qs}` : chemin, { headers: { Accept: "application/json", ...entetes() }, signal });
  if (!r.ok) throw await erreur(r);
  return r.json();
}

export async function lireBinaire(chemin) {
  const r = await fetch(chemin, { headers: entetes() });
  if (!r.ok) throw await erreur(r);
  return r.blob();
}

/** A French sentence for an API error on the reading pages (search, sheet): never the server's own
 * (English) wording; a field at fault is said next to that field by the page itself. */
export function phraseErreur(e) {
  if (e instanceof ErreurApi && [400, 422].includes(e.status)) return "Demande refusée : une valeur saisie n'est pas acceptée.";
  if (e instanceof ErreurApi && e.status >= 500) return "Le serveur n'a pas pu répondre : réessayez dans un instant.";
  return messageErreur(e);
}

/** A readable French message for an API error. */
export function messageErreur(e) {
  if (e instanceof ErreurApi) {
    if (e.status === 401) return "Clé d'application refusée ou absente.";
    if (e.status === 403) return "Vos droits ne permettent pas cette lecture.";
    if (e.status === 404) return "Introuvable.";
    if (e.status === 429) return "Trop de requêtes : réessayez dans quelques secondes.";
    return e.field ? `${e.message} (champ ${e.field})` : e.message;
  }
  return "Le serveur ne répond pas.";
}
