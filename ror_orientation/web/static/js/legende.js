// Map legend of the population dashboard (peuplement spec §5): classes from num/den, and their colours.

// `api`: the class exactly as GET /api/v1/peuplement/carte sends it (CarteOut.regions[].classe).
export const CLASSES = [
  { id: "nd", api: "Donnée non disponible", libelle: "Donnée non disponible", couleur: "#c9ced4" },
  { id: "aucun", api: "Aucun EG peuplé ou en cours de peuplement", libelle: "Aucun EG peuplé ou en cours de peuplement", couleur: "#fff5eb" },
  { id: "faible", api: "Faible", libelle: "Faible (1 à 25 %)", couleur: "#c6dbef" },
  { id: "moyen", api: "Moyen", libelle: "Moyen (26 à 50 %)", couleur: "#6baed6" },
  { id: "avance", api: "Avancé", libelle: "Avancé (51 à 75 %)", couleur: "#2171b5" },
  { id: "tres_avance", api: "Très avancé", libelle: "Très avancé (plus de 75 %)", couleur: "#08306b" },
];
const PAR_ID = Object.fromEntries(CLASSES.map((c) => [c.id, c]));
const PAR_API = Object.fromEntries(CLASSES.map((c) => [c.api, c.id]));

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

/** The id of a class as the API names it; a name the API does not document throws. */
export function classeDeLibelle(libelle) {
  const id = PAR_API[libelle];
  if (!id) throw new Error(`classe de carte inconnue : ${libelle}`);
  return id;
}

export function couleur(classe) { return (PAR_ID[classe] || PAR_ID.nd).couleur; }
export function libelleClasse(classe) { return (PAR_ID[classe] || PAR_ID.nd).libelle; }
