"""The validation sheet: what a referent physician ticks, annotates and signs, on paper or by mail.

One unit a page (a pôle gives one file, one unit after another): every attribute in plain French,
each section with "conforme / à corriger" boxes and room for remarks, a name / date / signature
block, and a reference (unit id, version, date) so a sheet sent back matches the version it judged.
The PDF is tagged (`pdf_balise.py`): a section per unit, headings, paragraphs and label / value
tables in reading order, boxes and rules as artifacts, in French.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from fpdf.enums import MethodReturnValue, XPos, YPos

from ..edition.circuit import Etat
from ..edition.fiche import Fiche
from ..edition.saisie import Saisie
from ..errors import NotFoundError
from .fiche_pdf import (
    ACCENT,
    INK,
    MUTED,
    ORGANISATION_TYPES,
    FicheWriter,
    _Fiche,
    contact_lines,
    equipement_text,
    local_text,
    plages_text,
)
from .pdf_balise import Balisage


def _lib(saisie: Saisie, table: str, code: str | None) -> str:
    if not code:
        return "—"
    label = saisie.nom.label(table, code)
    return label if label != code else f"code {code} (inconnu)"


def _libs(saisie: Saisie, table: str, codes: Iterable[str] | None) -> list[str]:
    return [_lib(saisie, table, c) for c in codes or ()]


def reference(f: Fiche, genere_le: datetime) -> str:
    """The sheet's reference: unit id, version and date (printed on every page)."""
    return f"Réf. {f.kind.upper()} {f.id} · version {f.version} · {local_text(genere_le)}"


def hierarchie(saisie: Saisie, f: Fiche) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    chain = []
    parent = f.data.get("oi_id")
    while parent:
        try:
            oi = saisie.fiche("oi", parent).data
        except NotFoundError:  # a dangling parent still prints the unit
            break
        chain.append(oi)
        parent = oi.get("parent_id")
    try:
        eg = saisie.fiche("eg", f.data.get("eg_id", "")).data
    except NotFoundError:
        eg = {"id": f.data.get("eg_id"), "nom": ""}
    if eg.get("ej_id"):
        try:
            ej = saisie.fiche("ej", eg["ej_id"]).data
            out.append(("Entité juridique", f"{ej.get('nom', '')} (FINESS {ej['id']})"))
        except NotFoundError:
            pass
    out.append(("Établissement (site)", f"{eg.get('nom', '')} (FINESS {eg.get('id')})"))
    for oi in reversed(chain):
        out.append((ORGANISATION_TYPES.get(str(oi.get("type")), "Organisation"), oi.get("nom", "")))
    return out


NATURES = {"medical": "médical", "soignant": "soignant", "administratif": "administratif"}


class _PageFeuille(_Fiche):
    """A validation sheet's page: its running footer (the reference) is an artifact."""

    balisage: Balisage | None = None

    def footer(self) -> None:
        if self.balisage is None:
            super().footer()
            return
        with self.balisage.artefact():
            super().footer()


class _Feuille(FicheWriter):
    """The unit sheet's writer, tighter: a typical unit (six sections, verdicts, signature) fits one
    A4 page. Every text it draws is tagged; boxes and rules are artifacts."""

    page_class = _PageFeuille

    def __init__(self, compress: bool) -> None:
        super().__init__(compress)
        self.b = Balisage(self.pdf)
        assert isinstance(self.pdf, _PageFeuille)
        self.pdf.balisage = self.b

    def _place(self, hauteur: float) -> None:
        """Start a new page now if `hauteur` mm would not fit (a tagged text stays on one page)."""
        p = self.pdf
        if p.get_y() + hauteur > p.page_break_trigger:
            p.add_page()

    def _hauteur(self, w: float, h: float, text: str) -> float:
        out = self.pdf.multi_cell(w, h, text, align="L", dry_run=True,
                                  output=MethodReturnValue.HEIGHT)
        return float(out)  # type: ignore[arg-type]

    def title(self, text: str, subtitle: str) -> None:
        p = self.pdf
        p.set_font("DejaVu", "B", 16)
        p.set_text_color(*ACCENT)
        with self.b.contenu("/H1"):
            p.multi_cell(0, 8, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.set_font("DejaVu", "", 9.5)
        p.set_text_color(*MUTED)
        with self.b.contenu("/P"):
            p.multi_cell(0, 5, subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.ln(2)

    def section(self, text: str, cases: bool = True) -> None:
        """A heading with, on its right, the two boxes to tick."""
        p = self.pdf
        if p.get_y() > p.h - 40:
            p.add_page()
        p.ln(1)
        y = p.get_y()
        p.set_font("DejaVu", "B", 10.5)
        p.set_text_color(*ACCENT)
        with self.b.contenu("/H2"):
            p.cell(p.w - p.l_margin - p.r_margin - (64 if cases else 0), 6, text)
        if cases:
            p.set_font("DejaVu", "", 8.8)
            p.set_text_color(*INK)
            p.set_draw_color(*INK)
            x = p.w - p.r_margin - 62
            for label in ("Conforme", "À corriger"):
                with self.b.artefact():
                    p.rect(x, y + 1.2, 3.4, 3.4)
                p.set_xy(x + 4.5, y)
                with self.b.contenu("/P"):
                    p.cell(24, 6, label)
                x += 32
        p.set_xy(p.l_margin, y + 6)
        p.set_draw_color(*ACCENT)
        with self.b.artefact():
            p.line(p.l_margin, p.get_y(), p.w - p.r_margin, p.get_y())
        p.ln(1)

    def line(self, text: str, label: str | None = None, color: tuple[int, int, int] = INK) -> None:
        """A paragraph, or (with `label`) a row of the section's label / value table."""
        p = self.pdf
        p.set_text_color(*color)
        p.set_font("DejaVu", "", 8.8)
        if label:
            self._place(self._hauteur(p.w - p.l_margin - p.r_margin - 52, 4.6, text or "—"))
            with self.b.groupe("/TR"):
                p.set_font("DejaVu", "B", 8.8)
                with self.b.contenu("/TH"):
                    p.cell(52, 4.6, label)
                p.set_font("DejaVu", "", 8.8)
                with self.b.contenu("/TD"):
                    p.multi_cell(0, 4.6, text or "—", align="L", new_x=XPos.LMARGIN,
                                 new_y=YPos.NEXT)
        else:
            self._place(self._hauteur(0, 4.6, text))
            with self.b.contenu("/P"):
                p.multi_cell(0, 4.6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def item(self, text: str) -> None:
        """One entry of a section's list (aptitudes, equipment, schedule, contacts)."""
        p = self.pdf
        p.set_text_color(*INK)
        p.set_font("DejaVu", "", 8.8)
        self._place(self._hauteur(0, 4.6, f"• {text}"))
        with self.b.groupe("/LI"), self.b.contenu("/LBody"):
            p.multi_cell(0, 4.6, f"• {text}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def verdict(self) -> None:
        """Room for remarks under a section: a label and a ruled line."""
        p = self.pdf
        self._place(9)
        p.set_font("DejaVu", "", 8)
        p.set_text_color(*MUTED)
        with self.b.contenu("/P"):
            p.cell(0, 5.5, "Remarques :", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.set_draw_color(*MUTED)
        p.ln(1.5)
        with self.b.artefact():
            p.line(p.l_margin, p.get_y(), p.w - p.r_margin, p.get_y())
        p.ln(0.5)

    def signature(self) -> None:
        p = self.pdf
        if p.get_y() > p.h - 58:
            p.add_page()
        self.section("Validation", cases=False)
        p.set_font("DejaVu", "", 8.8)
        p.set_text_color(*INK)
        with self.b.contenu("/P"):
            p.multi_cell(0, 4.6, "Je certifie avoir relu cette fiche. Cocher « conforme » ou « à "
                         "corriger » pour chaque partie ci-dessus, puis renvoyer la fiche signée.",
                         align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        p.ln(2)
        width = (p.w - p.l_margin - p.r_margin - 8) / 3
        y = p.get_y()
        p.set_draw_color(*ACCENT)
        with self.b.groupe("/Table"), self.b.groupe("/TR"):
            for i, label in enumerate(("Nom et fonction", "Date", "Signature")):
                x = p.l_margin + i * (width + 4)
                with self.b.artefact():
                    p.rect(x, y, width, 20)
                p.set_xy(x + 2, y + 1.5)
                p.set_font("DejaVu", "B", 8.5)
                with self.b.contenu("/TH"):
                    p.cell(width - 4, 4.5, label)
        p.set_xy(p.l_margin, y + 22)


def _unite(w: _Feuille, saisie: Saisie, f: Fiche, genere_le: datetime) -> None:
    d = f.data
    w.pdf.add_page()
    w.pdf.footer_text = reference(f, genere_le)
    w.pdf.start_section(str(d.get("nom", f.id)))  # a bookmark per unit in a pôle's file
    with w.b.groupe("/Sect", titre=str(d.get("nom", f.id))):
        _contenu_unite(w, saisie, f, genere_le)


def _contenu_unite(w: _Feuille, saisie: Saisie, f: Fiche, genere_le: datetime) -> None:
    d = f.data
    etat = Etat(f.etat).libelle
    w.title(str(d.get("nom", "Unité")), f"Fiche de validation · {reference(f, genere_le)} · "
            f"état {etat}" + (f" · validée par {f.valide_par}" if f.valide_par else ""))

    def bloc(titre: str, lignes: Sequence[tuple[str, str]] | Sequence[str], vide: str) -> None:
        w.section(titre)
        if not lignes:
            w.line(vide, color=MUTED)
        elif isinstance(lignes[0], tuple):
            with w.b.groupe("/Table"):
                for ligne in lignes:
                    assert isinstance(ligne, tuple)
                    w.line(ligne[1], ligne[0])
        else:
            with w.b.groupe("/L"):
                for ligne in lignes:
                    w.item(str(ligne))
        w.verdict()

    ident = [*hierarchie(saisie, f), ("Identifiant", f.id)]
    if d.get("id_externe_synchro"):
        ident.append(("Synchronisation (id. externe)", d["id_externe_synchro"]))
    bloc("Identification et rattachement", ident, "")
    amin, amax = d.get("age_min"), d.get("age_max")
    age = ("non renseigné" if amin is None and amax is None else
           f"de {amin if amin is not None else '?'} à {amax if amax is not None else '?'} ans")
    offre = [("Champ d'activité", _lib(saisie, "TRE_R227", d.get("champ"))),
             ("Activité opérationnelle", _lib(saisie, "TRE_R211", d.get("activite"))),
             ("Mode de prise en charge", _lib(saisie, "TRE_R213", d.get("mode_prise_en_charge"))),
             ("Type d'offre", _lib(saisie, "TRE_R244", d.get("categorie_organisation"))),
             ("Âge des patients", age),
             ("Publics", ", ".join(_libs(saisie, "TRE_R239", d.get("publics"))) or "tous"),
             ("Spécialisations", ", ".join(_libs(saisie, "TRE_R245", d.get("specialisations")))
              or "—"),
             ("Unité sensible", "oui (masquée au public)" if d.get("sensible") else "non")]
    bloc("Offre et patientèle", offre, "")
    apt = ([f"Acte : {x}" for x in _libs(saisie, "TRE_R210", d.get("actes"))]
           + [f"Compétence : {x}" for x in _libs(saisie, "TRE_R243", d.get("competences"))])
    bloc("Aptitudes (actes et compétences spécifiques)", apt, "Aucune aptitude déclarée.")
    eqs = []
    for e in d.get("equipements") or ():
        car = e.get("caracteristique")
        eqs.append(equipement_text({
            "libelle": _lib(saisie, "TRE_R212", e.get("code")),
            "caracteristique": {"code": car, "libelle": _lib(saisie, "TRE_R340", car)} if car else None,
            "valeur": e.get("valeur"), "quantite": e.get("quantite") or 1}))
    bloc("Équipements", eqs, "Aucun équipement déclaré.")
    bloc("Horaires et fermetures", plages_text(d.get("horaires")), "")
    contacts = [{**c, "nature": NATURES.get(c.get("nature") or "", c.get("nature"))}
                for c in d.get("contacts") or ()]
    bloc("Contacts", contact_lines(contacts), "Aucun contact.")
    a = d.get("adresse")
    adresse = (", ".join(str(a[k]) for k in ("numero", "type_voie", "voie", "lieu_dit", "code_postal",
                                              "localite") if a.get(k))
               if a else "celle de l'établissement")
    bloc("Adresse", [("Adresse", adresse)], "")
    if d.get("commentaire"):
        bloc("Commentaire de l'établissement", [str(d["commentaire"])], "")
    w.signature()


def feuilles_validation(saisie: Saisie, fiches: Sequence[Fiche], *, titre: str,
                        genere_le: datetime, compress: bool = True) -> bytes:
    """One PDF: a validation sheet per unit, each starting on its own page."""
    w = _Feuille(compress)
    w.pdf.set_title(f"Fiches de validation — {titre}")
    w.pdf.set_creator("ror-orientation")
    w.pdf.set_lang("fr-FR")
    if not fiches:
        w.pdf.add_page()
        w.title(titre, "Aucune unité sous cette organisation.")
    for f in fiches:
        _unite(w, saisie, f, genere_le)
    w.pdf.alias_nb_pages()
    return w.output()
