// The ARIA 1.2 combobox pattern (editable, list autocomplete): arrows move, Enter chooses, Escape
// closes; suggestions are fetched on each keystroke after a short debounce, stale requests aborted.
import { h, vider } from "./dom.js";

export class Combobox {
  /**
   * @param {HTMLInputElement} input  the role=combobox input
   * @param {HTMLElement} liste        the role=listbox element
   * @param {{source: (q: string, signal: AbortSignal) => Promise<any[]>, texte: (x: any) => string,
   *          type?: (x: any) => string, choisir: (x: any) => void, delai?: number, min?: number}} options
   */
  constructor(input, liste, options) {
    this.input = input; this.liste = liste; this.o = { delai: 80, min: 1, ...options };
    this.items = []; this.actif = -1; this.minuteur = null; this.requete = null; this.version = 0;
    input.addEventListener("input", () => this.planifier());
    input.addEventListener("keydown", (ev) => this.touche(ev));
    input.addEventListener("blur", () => setTimeout(() => this.fermer(), 150));
    liste.addEventListener("mousedown", (ev) => ev.preventDefault());  // keep focus in the input
  }

  planifier() {
    clearTimeout(this.minuteur);
    this.minuteur = setTimeout(() => this.chercher(), this.o.delai);
  }

  async chercher() {
    const q = this.input.value.trim();
    if (q.length < this.o.min) { this.fermer(); return; }
    this.requete?.abort();
    this.requete = new AbortController();
    const version = ++this.version;
    try {
      const items = await this.o.source(q, this.requete.signal);
      if (version === this.version) this.ouvrir(items || [], q);
    } catch (e) {
      if (e.name !== "AbortError") this.fermer();
    }
  }

  ouvrir(items, q = "") {
    this.items = items; this.actif = -1;
    this.liste.dataset.q = q; // which text these suggestions answer
    const id = this.liste.id;
    vider(this.liste, items.map((x, i) => h("li", {
      id: `${id}-${i}`, role: "option", "aria-selected": "false",
      onclick: () => this.choisir(i),
    }, h("span", {}, this.o.texte(x)), this.o.type ? h("span", { class: "type" }, this.o.type(x)) : null)));
    const visible = items.length > 0;
    this.liste.hidden = !visible;
    this.input.setAttribute("aria-expanded", String(visible));
    this.input.removeAttribute("aria-activedescendant");
  }

  fermer() {
    this.liste.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.actif = -1;
  }

  get ouvert() { return !this.liste.hidden && this.items.length > 0; }

  deplacer(pas) {
    if (!this.ouvert) return;
    const n = this.items.length;
    this.actif = this.actif < 0 ? (pas > 0 ? 0 : n - 1) : (this.actif + pas + n) % n;
    [...this.liste.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === this.actif)));
    const li = this.liste.children[this.actif];
    this.input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  touche(ev) {
    if (ev.key === "ArrowDown") {
      ev.preventDefault();
      if (!this.ouvert) { this.chercher(); return; }
      this.deplacer(1);
    } else if (ev.key === "ArrowUp") {
      ev.preventDefault(); this.deplacer(-1);
    } else if (ev.key === "Enter") {
      if (this.ouvert && this.actif >= 0) { ev.preventDefault(); this.choisir(this.actif); }
      else this.fermer();
    } else if (ev.key === "Escape") {
      if (this.ouvert) { ev.preventDefault(); ev.stopPropagation(); this.fermer(); }
      else if (this.input.value) { this.input.value = ""; }
    } else if (ev.key === "Tab") {
      this.fermer();
    }
  }

  choisir(i) {
    const x = this.items[i];
    this.fermer();
    this.version++;  // a late answer must not reopen the list
    clearTimeout(this.minuteur);
    this.o.choisir(x);
  }
}
