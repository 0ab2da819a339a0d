// The editing page's service worker: a page closed while offline reopens offline. It keeps the
// page shell, its scripts and styles, and the last answers the page read (the caller's rights, the
// tree, the records, the nomenclatures) — network first, this copy only when the network fails.
// The unsent changes themselves wait in the page's localStorage queue (attente.js) and leave when
// the network is back. Served from the site root (/edition-sw.js), scope /edition; nothing is
// loaded from elsewhere.
const CACHE = "ror-edition-v1";
const COQUILLE = [
  "/edition",
  "/static/css/app.css", "/static/css/edition.css",
  "/static/js/edition.js", "/static/js/formulaire.js", "/static/js/attente.js", "/static/js/api.js",
  "/static/js/dom.js", "/static/js/acces.js", "/static/js/combobox.js",
];
// GET answers kept for offline reading: the edition API's reads and the nomenclature tables.
const LECTURES = [/^\/api\/v1\/edition\//, /^\/api\/v1\/nomenclatures(\/|$)/, /^\/static\//];

self.addEventListener("install", (ev) => {
  ev.waitUntil(caches.open(CACHE).then((c) => c.addAll(COQUILLE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil(caches.keys()
    .then((noms) => Promise.all(noms.filter((n) => n.startsWith("ror-edition-") && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

/** Network first; a successful answer replaces the kept one; no network: the kept one. */
async function reseauPuisCopie(requete, cle) {
  const cache = await caches.open(CACHE);
  try {
    const reponse = await fetch(requete);
    if (reponse.ok) await cache.put(cle, reponse.clone());
    return reponse;
  } catch (erreur) {
    const copie = await cache.match(cle);
    if (copie) return copie;
    throw erreur;
  }
}

self.addEventListener("fetch", (ev) => {
  const r = ev.request;
  const url = new URL(r.url);
  if (r.method !== "GET" || url.origin !== self.location.origin) return;
  if (r.mode === "navigate" && url.pathname === "/edition") {
    ev.respondWith(reseauPuisCopie(r, "/edition"));  // the shell, whatever its query string
  } else if (LECTURES.some((m) => m.test(url.pathname))) {
    // One copy per URL and per person typing (two people of one key read their own drafts).
    const qui = r.headers.get("X-ROR-Utilisateur") || "";
    const cle = qui ? `${url.pathname}${url.search}${url.search ? "&" : "?"}__qui=${encodeURIComponent(qui)}` : url.pathname + url.search;
    ev.respondWith(reseauPuisCopie(r, cle));
  }
});
