// Drafts that cannot be lost: each change is written to this browser at once (localStorage), then
// sent to the server's draft store after a short pause; without network the changes wait here and
// leave when it comes back. The indicator says which: "Enregistré à 14:32" / "Hors ligne, 3
// modifications en attente".
const CLE = "ror.edition.attente";

export class FileAttente {
  /** @param envoyer async (entree) => {enregistre_le}; throws TypeError when the network is down */
  constructor(envoyer, surEtat, { delai = 600 } = {}) {
    this.envoyer = envoyer; this.surEtat = surEtat; this.delai = delai;
    this.horsLigne = !navigator.onLine; this.dernier = null; this.minuteur = null; this.envoi = null;
    this.relancer = false;
    this.cle = CLE;
    window.addEventListener("online", () => { this.horsLigne = false; this.vider(); });
    window.addEventListener("offline", () => { this.horsLigne = true; this.signaler(); });
    window.addEventListener("pagehide", () => this.vider(true));
    setInterval(() => { if (this.total()) this.vider(); }, 5000);
  }

  /** Whose changes these are: each person of a shared key has their own queue in this browser. */
  proprietaire(email) { this.cle = email ? `${CLE}:${email}` : CLE; this.signaler(); }

  lire() {
    try { return JSON.parse(localStorage.getItem(this.cle) || "{}"); } catch { return {}; }
  }

  ecrire(file) { localStorage.setItem(this.cle, JSON.stringify(file)); }

  /** Keep the form's state for one record now; count the fields changed since the last send. */
  ajouter(kind, id, data, baseVersion, champ) {
    const file = this.lire();
    const k = `${kind}/${id}`;
    const champs = new Set(file[k]?.champs || []);
    if (champ) champs.add(champ);
    file[k] = { kind, id, data, base_version: baseVersion, champs: [...champs], quand: Date.now() };
    this.ecrire(file);
    this.signaler();
    clearTimeout(this.minuteur);
    this.minuteur = setTimeout(() => this.vider(), this.delai);
  }

  entree(kind, id) { return this.lire()[`${kind}/${id}`] || null; }

  retirer(kind, id) {
    const file = this.lire();
    delete file[`${kind}/${id}`];
    this.ecrire(file);
    this.signaler();
  }

  total() { return Object.values(this.lire()).reduce((n, e) => n + Math.max(1, e.champs.length), 0); }

  async vider(dernierSouffle = false) {
    // a call during a send (a change typed meanwhile, the network back) is owed one more pass when
    // it returns: the send read the queue before that change, or failed before the network came
    // back, and nothing else would send it before the next 5 s retry
    if (this.envoi) { this.relancer = true; return this.envoi; }
    this.relancer = false;
    this.envoi = (async () => {
      for (const e of Object.values(this.lire())) {
        try {
          const r = await this.envoyer(e, dernierSouffle);
          const actuelle = this.lire()[`${e.kind}/${e.id}`];
          if (actuelle && actuelle.quand === e.quand) this.retirer(e.kind, e.id);
          this.horsLigne = false;
          this.dernier = r?.enregistre_le ? new Date(r.enregistre_le) : new Date();
        } catch (err) {
          if (err instanceof TypeError) { this.horsLigne = true; break; }  // no network: keep all
          // refused for good (invalid, not allowed, gone); a 401, 429 or 5xx keeps it for later
          if ([400, 403, 404, 409, 413].includes(err.status)) this.retirer(e.kind, e.id);
          else break;
        }
      }
      this.signaler();
    })();
    try { await this.envoi; } finally { this.envoi = null; }
    if (this.relancer && this.total()) await this.vider(dernierSouffle);
  }

  signaler() {
    const n = this.total();
    let texte; let etat;
    if (n && (this.horsLigne || !navigator.onLine)) {
      etat = "hors-ligne";
      texte = `Hors ligne, ${n} modification${n > 1 ? "s" : ""} en attente`;
    } else if (n) {
      etat = "en-cours"; texte = `Enregistrement… (${n} modification${n > 1 ? "s" : ""} en attente)`;
    } else if (this.dernier) {
      etat = "enregistre";
      texte = `Brouillon enregistré à ${this.dernier.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" })}`;
    } else { etat = "vide"; texte = "Aucune modification"; }
    this.surEtat(etat, texte);
  }
}
