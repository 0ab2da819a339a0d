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
  const carte = L.map(el, { zoomSnap: 0.25, minZoom: 2, maxZoom: 18, keyboard: true, ...options });
  carte.attributionControl.setPrefix("Leaflet");
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

export function marqueurNumerote(lat, lon, numero, titre) {
  return L.marker([lat, lon], {
    title: titre, alt: titre, keyboard: true, riseOnHover: true,
    icon: L.divIcon({ className: "marqueur-uo", html: String(numero), iconSize: [24, 24] }),
  });
}

export function marqueurPatient(lat, lon) {
  return L.marker([lat, lon], {
    title: "Position du patient", alt: "Position du patient", keyboard: false, zIndexOffset: 1000,
    icon: L.divIcon({ className: "marqueur-patient", iconSize: [16, 16] }),
  });
}
