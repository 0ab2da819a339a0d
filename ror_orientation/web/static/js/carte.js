// Offline maps: Leaflet (vendored) drawing the shipped region and département outlines; a tile layer
// only when the `tile_url` setting is given. The overseas regions can be drawn as insets near the
// mainland so that a national choropleth shows all 18 regions at once.
const L = window.L;
const cache = new Map();

export const METROPOLE = [[41.2, -5.4], [51.2, 9.8]];

export function chargerGeo(nom) {
  if (!cache.has(nom)) {
    cache.set(nom, fetch(`/static/geo/${nom}.geojson`).then((r) => {
      if (!r.ok) throw new Error(`contours ${nom} indisponibles`);
      return r.json();
    }));
  }
  return cache.get(nom);
}

export function creerCarte(el, cfg, options = {}) {
  const carte = L.map(el, { zoomSnap: 0.25, minZoom: 2, maxZoom: 18, keyboard: true, ...options, zoomControl: false });
  L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(carte);
  carte.attributionControl.setPrefix("Leaflet");
  carte.attributionControl.addAttribution("Contours IGN, communes INSEE et La Poste (Licence Ouverte)");
  if (cfg.tile_url) {
    L.tileLayer(cfg.tile_url, { maxZoom: 18, attribution: cfg.tile_attribution || "" }).addTo(carte);
  }
  carte.fitBounds(METROPOLE);
  return carte;
}

export async function dessinerContours(carte, { departements = true } = {}) {
  const [regions, depts] = await Promise.all([
    chargerGeo("regions"), departements ? chargerGeo("departements") : Promise.resolve(null),
  ]);
  if (depts) {
    L.geoJSON(depts, { interactive: false, style: { color: "#8c98a4", weight: 0.6, fill: false } }).addTo(carte);
  }
  L.geoJSON(regions, {
    interactive: false,
    style: { color: "#4a5561", weight: 1.3, fillColor: "#ffffff", fillOpacity: carte.options.fondRegions ?? 0.55 },
  }).addTo(carte);
}

// Overseas regions as insets below the mainland, left to right (INSEE region codes).
export const ENCARTS = ["01", "02", "03", "04", "06"];
const ENCART_LARGEUR = 2.6; // degrees of longitude
const ENCART_HAUTEUR = 1.9; // degrees of latitude
const ENCART_ORIGINE = [-5.0, 38.9]; // lon, lat of the first inset's south-west corner

function boite(geometry) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visiter = (c) => {
    if (typeof c[0] === "number") {
      x0 = Math.min(x0, c[0]); y0 = Math.min(y0, c[1]); x1 = Math.max(x1, c[0]); y1 = Math.max(y1, c[1]);
    } else c.forEach(visiter);
  };
  visiter(geometry.coordinates);
  return [x0, y0, x1, y1];
}

/** The inset box of an overseas region: [[south, west], [north, east]] in map coordinates. */
export function cadreEncart(code) {
  const i = ENCARTS.indexOf(code);
  const x = ENCART_ORIGINE[0] + i * (ENCART_LARGEUR + 0.4);
  return [[ENCART_ORIGINE[1], x], [ENCART_ORIGINE[1] + ENCART_HAUTEUR, x + ENCART_LARGEUR]];
}

/** A copy of an overseas region's feature scaled and moved into its inset box. */
export function enEncart(feature) {
  const code = feature.properties.code;
  if (!ENCARTS.includes(code)) return feature;
  const [x0, y0, x1, y1] = boite(feature.geometry);
  const [[s, w], [n, e]] = cadreEncart(code);
  const k = Math.min(((e - w) * 0.86) / (x1 - x0), ((n - s) * 0.8) / (y1 - y0));
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, tx = (w + e) / 2, ty = (s + n) / 2 - 0.08;
  const deplacer = (c) => (typeof c[0] === "number" ? [tx + (c[0] - cx) * k, ty + (c[1] - cy) * k] : c.map(deplacer));
  return { ...feature, geometry: { ...feature.geometry, coordinates: deplacer(feature.geometry.coordinates) } };
}

const NOMS_COURTS = { "01": "Guadel.", "02": "Martin.", "03": "Guyane", "04": "Réunion", "06": "Mayotte" };

export function dessinerCadresEncarts(carte, noms) {
  const etroite = carte.getSize().x < 560; // a phone: full names would overlap
  for (const code of ENCARTS) {
    const cadre = cadreEncart(code);
    L.rectangle(cadre, { color: "#8c98a4", weight: 1, fill: false, interactive: false, dashArray: "3 3" }).addTo(carte);
    L.tooltip({ permanent: true, direction: "top", className: "etiquette-encart", offset: [0, 4] })
      .setLatLng([cadre[0][0] + 0.06, (cadre[0][1] + cadre[1][1]) / 2])
      .setContent(etroite ? NOMS_COURTS[code] : noms[code] || code)
      .addTo(carte);
  }
}

/** A numbered unit marker; `autres` > 0 draws the count of the other units at the same site. */
export function marqueurNumerote(lat, lon, numero, titre, autres = 0) {
  const html = autres > 0 ? `${numero}<span class="groupe">+${autres}</span>` : String(numero);
  return L.marker([lat, lon], {
    title: titre, alt: titre, keyboard: true, riseOnHover: true,
    // the better ranked on top where markers overlap: marker 1 is always clickable
    zIndexOffset: 100000 - Math.min(numero, 99) * 1000,
    icon: L.divIcon({ className: autres > 0 ? "marqueur-uo marqueur-groupe" : "marqueur-uo", html, iconSize: [24, 24] }),
  });
}

/** The patient's place: drawn under the units' markers and never catching a click meant for them. */
export function marqueurPatient(lat, lon) {
  return L.marker([lat, lon], {
    title: "Position du patient", alt: "Position du patient", keyboard: false, interactive: false,
    zIndexOffset: -1000, icon: L.divIcon({ className: "marqueur-patient", iconSize: [16, 16] }),
  });
}

/** The search radius around the patient, in metres on the ground. */
export function cercleRayon(lat, lon, km) {
  return L.circle([lat, lon], { radius: km * 1000, interactive: false, color: "#c0392b", weight: 1.5,
    dashArray: "6 4", fillColor: "#c0392b", fillOpacity: 0.04 });
}

// Town labels by zoom: the larger the town, the earlier it shows (INSEE municipal population).
const SEUILS_VILLES = [[10, 10000], [9, 20000], [8, 40000], [7, 100000], [6, 200000], [0, 500000]];

function etiquette(texte) {
  const span = document.createElement("span");
  span.textContent = texte;
  return span;
}

const ZOOM_COMMUNES = 10; // commune outlines from this zoom: a département or two on screen

/**
 * Commune outlines at close zoom, fetched per département shown (`/static/geo/communes/<code>`,
 * shipped simplified): the whole country's would weigh megabytes for a view of a few towns.
 */
export async function dessinerCommunes(carte) {
  const depts = (await chargerGeo("departements")).features.map((f) => {
    const [x0, y0, x1, y1] = boite(f.geometry);
    return { code: f.properties.code, cadre: L.latLngBounds([y0, x0], [y1, x1]) };
  });
  const couche = L.layerGroup();
  const dessines = new Set();
  const redessiner = () => {
    if (carte.getZoom() < ZOOM_COMMUNES) { couche.remove(); return; }
    couche.addTo(carte);
    const vue = carte.getBounds();
    for (const d of depts) {
      if (dessines.has(d.code) || !vue.intersects(d.cadre)) continue;
      dessines.add(d.code);
      chargerGeo(`communes/${d.code}`).then((geo) => {
        L.geoJSON(geo, { interactive: false, style: { color: "#a9b4bf", weight: 0.6, fill: false } }).addTo(couche);
      }).catch(() => dessines.delete(d.code));
    }
  };
  carte.on("zoomend moveend", redessiner);
  redessiner();
  return couche;
}

/** Labels of the main towns (shipped `villes` points), redrawn for the zoom and the visible area. */
export async function dessinerVilles(carte) {
  const villes = (await chargerGeo("villes")).features;
  const couche = L.layerGroup().addTo(carte);
  const redessiner = () => {
    couche.clearLayers();
    const z = carte.getZoom();
    const seuil = SEUILS_VILLES.find(([zoom]) => z >= zoom)[1];
    const vue = carte.getBounds().pad(0.1);
    for (const f of villes) {
      const p = f.properties;
      if (p.population < seuil) continue;
      const [lon, lat] = f.geometry.coordinates;
      if (!vue.contains([lat, lon])) continue;
      L.marker([lat, lon], { interactive: false, keyboard: false, zIndexOffset: -2000,
        icon: L.divIcon({ className: "ville", html: etiquette(p.nom), iconSize: [6, 6] }) }).addTo(couche);
    }
  };
  carte.on("zoomend moveend", redessiner);
  redessiner();
  return couche;
}

/**
 * Spread the markers of one site around it (a "spiderfy"), with a leg to the site: several units of
 * one hospital share its coordinates. Returns the spread markers' layer; `fermer()` removes it.
 */
export function deplier(carte, centre, membres, fabriquer) {
  const couche = L.layerGroup().addTo(carte);
  const p0 = carte.latLngToLayerPoint(centre);
  const n = membres.length;
  const rayon = Math.max(34, 12 + n * 5);
  membres.forEach((m, i) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    const ll = carte.layerPointToLatLng(L.point(p0.x + rayon * Math.cos(angle), p0.y + rayon * Math.sin(angle)));
    L.polyline([centre, ll], { color: "#004a8d", weight: 1.2, interactive: false }).addTo(couche);
    const marqueur = fabriquer(m, ll);
    marqueur.setZIndexOffset(200000 - i);  // the spread units above every other marker
    marqueur.addTo(couche);
  });
  return couche;
}
