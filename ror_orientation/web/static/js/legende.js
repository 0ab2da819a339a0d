// Map legend of the population dashboard (peuplement spec §5): classes from num/den, and their colours.

export const CLASSES = [
  { id: "nd", libelle: "Donnée non disponible", couleur: "#c9ced4" },
  { id: "aucun", libelle: "Aucun EG peuplé ou en cours de peuplement", couleur: "#fff5eb" },
  { id: "faible", libelle: "Faible (1 à 25 %)", couleur: "#c6dbef" },
  { id: "moyen", libelle: "Moyen (26 à 50 %)", couleur: "#6baed6" },
  { id: "avance", libelle: "Avancé (51 à 75 %)", couleur: "#2171b5" },
  { id: "tres_avance", libelle: "Très avancé (plus de 75 %)", couleur: "#08306b" },
];
const PAR_ID = Object.fromEntries(CLASSES.map((c) => [c.id, c]));

/** pct = 100 × num / den rounded half up to an integer, then classed (spec §5). */
export function classeDe(num, den) {
  if (num === null || num === undefined || !den) return "nd";
  if (num === 0) return "aucun";
  const pct = Math.floor((100 * num) / den + 0.5 + 1e-9);
  if (pct <= 25) return "faible";
  if (pct <= 50) return "moyen";
  if (pct <= 75) return "avance";
  return "tres_avance";
}

/** A class given by the API (its id or its French label) mapped to ours; unknown → null. */
export function classeNormalisee(valeur) {
  if (!valeur) return null;
  const v = String(valeur).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  if (PAR_ID[v]) return v;
  if (v.startsWith("donnee") || v === "non_disponible" || v === "nd") return "nd";
  if (v.startsWith("aucun")) return "aucun";
  if (v.startsWith("faible")) return "faible";
  if (v.startsWith("moyen")) return "moyen";
  if (v.startsWith("tres")) return "tres_avance";
  if (v.startsWith("avance")) return "avance";
  return null;
}

export function couleur(classe) { return (PAR_ID[classe] || PAR_ID.nd).couleur; }
export function libelleClasse(classe) { return (PAR_ID[classe] || PAR_ID.nd).libelle; }
