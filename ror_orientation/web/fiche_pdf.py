"""A unit sheet as a PDF: what establishments send to their physicians to validate on paper.

Renders the API's unit sheet (`UniteOut` as plain JSON) so that paper and screen show the same facts,
with the contacts the caller may see. The font is vendored (DejaVu Sans) so accents never depend on
a system font.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

if TYPE_CHECKING:
    from fpdf.fonts import FontFace

FONT_DIR = Path(__file__).parent / "static" / "fonts"
PARIS = ZoneInfo("Europe/Paris")
JOURS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche", "Jours fériés")
ORGANISATION_TYPES = {"1": "Pôle", "2": "Service", "3": "UF", "4": "UE"}
CANAUX = {"telephone": "Tél.", "mobile": "Mobile", "bip": "Bip", "fax": "Fax", "email": "Courriel",
          "mssante": "MSSanté", "url": "Site"}
CONFIDENTIALITE = {"1": "public", "2": "restreint", "3": "confidentiel"}
INK = (33, 37, 41)
MUTED = (90, 98, 106)
ACCENT = (0, 74, 141)
STALE = (176, 42, 0)
LABEL_MM = 50  # width of the label column ("Mode de prise en charge" fits)


def libelle(value: Any) -> str:
    """A coded value as the API sends it ({"code", "libelle"}), or a bare code, as readable text."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        lib, code = value.get("libelle"), value.get("code")
        if lib and code and lib != code:
            return str(lib)
        return str(lib or code or "")
    return str(value)


def parse_instant(value: Any) -> datetime | None:
    """An ISO timestamp from the API, UTC-aware; None if absent or unreadable."""
    if not value:
        return None
    try:
        t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def age_text(minutes: float | None) -> str:
    """How old a figure is, the way a regulator reads it: "il y a 12 min", "il y a 9 h 05"."""
    if minutes is None:
        return "âge inconnu"
    m = max(0, int(round(minutes)))
    if m < 1:
        return "à l'instant"
    if m < 60:
        return f"il y a {m} min"
    if m < 48 * 60:
        return f"il y a {m // 60} h {m % 60:02d}"
    return f"il y a {m // (24 * 60)} j"


def local_text(instant: datetime | None) -> str:
    return instant.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if instant else "—"


def plages_text(horaires: Mapping[str, Any] | None) -> list[str]:
    """Opening hours, one line per day kind ("Lundi : 08:00–18:00"); "24 h/24, 7 j/7" if permanent."""
    if not horaires:
        return ["Horaires non renseignés"]
    if horaires.get("permanent"):
        lines = ["Ouvert 24 h/24, 7 j/7"]
    else:
        by_day: dict[int, list[str]] = {}
        for p in horaires.get("plages") or ():
            by_day.setdefault(int(p["jour"]), []).append(f"{str(p['debut'])[:5]}–{str(p['fin'])[:5]}")
        lines = [f"{JOURS[d]} : {', '.join(v)}" for d, v in sorted(by_day.items()) if 0 <= d < 8]
        if not lines:
            lines = ["Horaires non renseignés"]
    if horaires.get("ferme_jours_feries"):
        lines.append("Fermé les jours fériés")
    for f in horaires.get("fermetures") or ():
        kind = "Fermeture définitive" if f.get("definitive") else "Fermeture"
        fin = f" → réouverture prévue le {f['reouverture_prevue']}" if f.get("reouverture_prevue") else ""
        motif = f" ({f['motif']})" if f.get("motif") else ""
        lines.append(f"{kind} depuis le {f.get('debut', '?')}{fin}{motif}")
    return lines


def capacite_age_minutes(cap: Mapping[str, Any], now: datetime) -> float | None:
    if cap.get("age_minutes") is not None:
        return float(cap["age_minutes"])
    maj = parse_instant(cap.get("maj"))
    return (now - maj).total_seconds() / 60 if maj else None


INSTALLES = ("01", "08", "09")  # TRE_R330: installed capacity, judged against its own horizon
PREVISIONS = {"02": "+1 h", "03": "+24 h", "04": "+48 h", "05": "+7 j"}


def capacite_perimee(cap: Mapping[str, Any], now: datetime, stale_after_minutes: float,
                     installed_stale_after_minutes: float = 180 * 24 * 60.0) -> bool:
    if cap.get("perime") is not None:
        return bool(cap["perime"])
    age = capacite_age_minutes(cap, now)
    statut = cap.get("statut")
    code = statut.get("code") if isinstance(statut, Mapping) else statut
    horizon = installed_stale_after_minutes if code in INSTALLES else stale_after_minutes
    return age is not None and age > horizon


def disponibilite_lines(d: Mapping[str, Any] | None, now: datetime) -> list[tuple[str, bool]]:
    """The one bed figure as the cards and the CSV say it (its `texte`), with the time of its oldest
    record, then the forecasts, labelled as such: (line, stale)."""
    if not d:
        return []
    texte = str(d.get("texte") or "")
    compte = d.get("compte") or None
    lines = []
    if compte:
        maj = parse_instant(compte.get("maj"))
        age = (now - maj).total_seconds() / 60 if maj else None
        texte = texte.removesuffix(" — PÉRIMÉ")
        perime = bool(d.get("perime"))
        lines.append((f"{texte} — chiffre le plus ancien : {local_text(maj)}, {age_text(age)}"
                      + (" — PÉRIMÉ" if perime else ""), perime))
    else:
        lines.append((texte, False))
    if d.get("visible") and compte and compte.get("temporalite") == "01":
        for p in d.get("previsions") or ():
            label = PREVISIONS.get(str(p.get("temporalite")), str(p.get("temporalite")))
            lines.append((f"Prévision {label} (pas une disponibilité actuelle) : {p.get('nombre')}",
                          bool(p.get("perime"))))
    return lines


class _Fiche(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} — page {self.page_no()}/{{nb}}", align="C")


class FicheWriter:
    """Lays out one sheet, section by section, on A4 portrait."""

    page_class: type[_Fiche] = _Fiche  # a writer may draw its pages' footer its own way

    def __init__(self, compress: bool) -> None:
        pdf = self.page_class(orientation="P", unit="mm", format="A4")
        pdf.set_compression(compress)
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=16)
        self.pdf = pdf

    def title(self, text: str, subtitle: str) -> None:
        p = self.pdf
        p.set_font("DejaVu", "B", 16)
        p.set_text_color(*ACCENT)
        p.multi_cell(0, 8, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.set_font("DejaVu", "", 9.5)
        p.set_text_color(*MUTED)
        p.multi_cell(0, 5, subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.ln(2)

    def section(self, text: str) -> None:
        p = self.pdf
        if p.get_y() > p.h - 40:
            p.add_page()
        p.ln(2)
        p.set_font("DejaVu", "B", 11.5)
        p.set_text_color(*ACCENT)
        p.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.set_draw_color(*ACCENT)
        p.line(p.l_margin, p.get_y(), p.w - p.r_margin, p.get_y())
        p.ln(1.5)

    def line(self, text: str, label: str | None = None, color: tuple[int, int, int] = INK) -> None:
        p = self.pdf
        p.set_text_color(*color)
        if label:
            p.set_font("DejaVu", "B", 9.5)
            p.cell(LABEL_MM, 5.2, label)
            p.set_font("DejaVu", "", 9.5)
            p.multi_cell(0, 5.2, text or "—", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            p.set_font("DejaVu", "", 9.5)
            p.multi_cell(0, 5.2, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullets(self, items: Iterable[str], empty: str) -> None:
        items = [i for i in items if i]
        if not items:
            self.line(empty, color=MUTED)
        for item in items:
            self.line(f"• {item}")

    def table(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
              stale_rows: frozenset[int] = frozenset()) -> None:
        p = self.pdf
        p.set_font("DejaVu", "", 8.5)
        p.set_text_color(*INK)
        with p.table(col_widths=tuple(widths), text_align="LEFT", line_height=4.6,
                     headings_style=_heading_style()) as table:
            head = table.row()
            for h in headings:
                head.cell(h)
            for i, values in enumerate(rows):
                row = table.row()
                for v in values:
                    if i in stale_rows:
                        p.set_text_color(*STALE)
                    row.cell(v)
                p.set_text_color(*INK)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _heading_style() -> FontFace:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)


def hierarchie_lines(fiche: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(level, name) from the legal entity down to the unit: EJ / EG / pôle / service / UF / UO."""
    h = fiche.get("hierarchie") or {}
    lines: list[tuple[str, str]] = []
    ej, eg = h.get("ej"), h.get("eg")
    if ej:
        lines.append(("Entité juridique", f"{ej.get('nom', '')} (FINESS {ej.get('id', '?')})"))
    if eg:
        lines.append(("Entité géographique", f"{eg.get('nom', '')} (FINESS {eg.get('id', '?')})"))
    for oi in h.get("organisations") or ():
        t = oi.get("type")
        code = t.get("code") if isinstance(t, Mapping) else t
        kind = ORGANISATION_TYPES.get(str(code), libelle(t) or "Organisation")
        lines.append((kind, str(oi.get("nom", ""))))
    lines.append(("Unité opérationnelle", str(fiche.get("nom", ""))))
    return lines


def contact_lines(contacts: Iterable[Mapping[str, Any]]) -> list[str]:
    out = []
    for c in contacts:
        who = " — ".join(x for x in (libelle(c.get("fonction")), libelle(c.get("nature")),
                                      c.get("nom") or "") if x)
        tels = []
        for t in c.get("telecoms") or ():
            level = CONFIDENTIALITE.get(str(t.get("confidentialite")), "")
            suffix = f" ({level})" if level and level != "public" else ""
            canal = libelle(t.get("canal"))
            tels.append(f"{CANAUX.get(canal, canal)} {t.get('valeur', '')}{suffix}")
        out.append(f"{who or 'Contact'} : {', '.join(tels) or 'aucun moyen de contact visible'}")
    return out


def equipement_text(e: Mapping[str, Any]) -> str:
    text = libelle(e) if "libelle" in e else libelle(e.get("equipement") or e.get("code"))
    if e.get("caracteristique") and e.get("valeur") is not None:
        text += f" — {libelle(e['caracteristique'])} : {e['valeur']:g}"
    if (e.get("quantite") or 1) > 1:
        text += f" (×{e['quantite']})"
    return text


def fiche_pdf(fiche: Mapping[str, Any], *, genere_le: datetime, stale_after_minutes: float = 240.0,
              installed_stale_after_minutes: float = 180 * 24 * 60.0,
              compress: bool = True) -> bytes:
    """The PDF of one unit sheet, as the caller may see it (contacts already filtered by the API)."""
    w = FicheWriter(compress)
    w.pdf.footer_text = (f"ROR — fiche de « {fiche.get('nom', '')} » générée le "
                         f"{local_text(genere_le)}, à valider par les médecins de l'unité")
    w.pdf.set_title(f"Fiche unité — {fiche.get('nom', '')}")
    w.pdf.set_creator("ror-orientation")
    w.pdf.add_page()
    h = fiche.get("hierarchie") or {}
    eg = h.get("eg") or {}
    w.title(str(fiche.get("nom", "Unité")),
            f"{eg.get('nom', '')} · unité {fiche.get('id', '')} · statut {libelle(fiche.get('statut')) or '—'}")
    if fiche.get("genere"):
        w.line("Données générées (démonstration) : cette unité n'existe pas dans le ROR.", color=STALE)

    w.section("Hiérarchie")
    for level, name in hierarchie_lines(fiche):
        w.line(name, level)
    adresse = fiche.get("adresse") or eg.get("adresse")
    if isinstance(adresse, Mapping) and adresse.get("ligne"):
        adresse = adresse["ligne"]
    elif isinstance(adresse, Mapping):
        adresse = ", ".join(str(adresse.get(k)) for k in ("numero", "type_voie", "voie", "lieu_dit",
                                                           "code_postal", "localite") if adresse.get(k))
    if adresse:
        w.line(str(adresse), "Adresse")

    w.section("Offre")
    w.line(libelle(fiche.get("champ")), "Champ")
    w.line(libelle(fiche.get("activite")), "Activité opérationnelle")
    w.line(libelle(fiche.get("mode_prise_en_charge")), "Mode de prise en charge")
    if fiche.get("categorie_organisation"):
        w.line(libelle(fiche.get("categorie_organisation")), "Type d'offre")
    amin, amax = fiche.get("age_min"), fiche.get("age_max")
    w.line(f"{amin if amin is not None else '?'} à {amax if amax is not None else '?'} ans", "Patientèle")
    if fiche.get("publics"):
        w.line(", ".join(libelle(p) for p in fiche["publics"]), "Publics")

    w.section("Horaires")
    ouvert = fiche.get("ouvert_maintenant")
    if ouvert is not None:
        state = "Ouvert maintenant" if ouvert else "Fermé maintenant"
        prochaine = parse_instant(fiche.get("ouverture_prochaine"))
        if not ouvert and prochaine:
            state += f" — prochaine ouverture le {local_text(prochaine)}"
        w.line(state, color=INK if ouvert else STALE)
    for text in plages_text(fiche.get("horaires")):
        w.line(text)

    w.section("Contacts")
    w.bullets(contact_lines(fiche.get("contacts") or ()), "Aucun contact visible avec vos droits.")

    w.section("Aptitudes")
    actes = [libelle(a) for a in fiche.get("actes") or ()]
    competences = [libelle(c) for c in fiche.get("competences") or ()]
    w.bullets([f"Acte : {a}" for a in actes] + [f"Compétence : {c}" for c in competences],
              "Aucune aptitude déclarée.")

    w.section("Équipements")
    w.bullets([equipement_text(e) for e in fiche.get("equipements") or ()], "Aucun équipement déclaré.")

    w.section("Lits et places")
    for text, stale in disponibilite_lines(fiche.get("disponibilite"), genere_le):
        w.line(text, "Disponibilité" if text and not text.startswith("Prévision") else "",
               color=STALE if stale else INK)
    caps = list(fiche.get("capacites") or ())
    if not caps:
        w.line("Aucune capacité publiée.", color=MUTED)
    else:
        rows: list[list[str]] = []
        perimees: set[int] = set()
        for i, c in enumerate(caps):
            age = capacite_age_minutes(c, genere_le)
            perime = capacite_perimee(c, genere_le, stale_after_minutes,
                                      installed_stale_after_minutes)
            if perime:
                perimees.add(i)
            rows.append([libelle(c.get("nature")), libelle(c.get("statut")),
                         libelle(c.get("temporalite")), libelle(c.get("genre")),
                         str(c.get("nombre", "")), local_text(parse_instant(c.get("maj"))),
                         age_text(age) + (" — PÉRIMÉ" if perime else "")])
        w.table(("Nature", "Statut", "Temporalité", "Genre", "Nombre", "Mise à jour", "Âge"),
                rows, (14, 18, 17, 17, 12, 22, 26), frozenset(perimees))

    pros = fiche.get("professionnels") or ()
    w.section("Professionnels")
    w.bullets([" ".join(x for x in (p.get("prenom"), p.get("nom")) if x)
               + (f" — {libelle(p.get('profession'))}" if p.get("profession") else "")
               + (f", {libelle(p.get('specialite'))}" if p.get("specialite") else "")
               for p in pros], "Aucun professionnel rattaché.")
    if fiche.get("commentaire"):
        w.section("Commentaire")
        w.line(str(fiche["commentaire"]))
    w.pdf.alias_nb_pages()
    return w.output()
