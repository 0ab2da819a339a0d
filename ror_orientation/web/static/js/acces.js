// The header's access panel: the application key that gives the caller its rights (kept locally).
import { cle, enregistrerCle } from "./api.js";

export function initAcces(surChangement) {
  const etat = document.getElementById("acces-etat");
  const form = document.getElementById("form-cle");
  const champ = document.getElementById("cle");
  const details = document.getElementById("acces");
  if (!form) return;
  const afficher = () => { etat.textContent = cle() ? "Accès avec clé" : "Accès public"; };
  afficher();
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    enregistrerCle(champ.value.trim());
    champ.value = "";
    details.open = false;
    afficher();
    surChangement?.();
  });
  document.getElementById("cle-oublier").addEventListener("click", () => {
    enregistrerCle("");
    details.open = false;
    afficher();
    surChangement?.();
  });
  details.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { details.open = false; details.querySelector("summary").focus(); }
  });
}
