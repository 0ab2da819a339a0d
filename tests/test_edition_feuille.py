"""The validation sheet is a tagged PDF: a structure tree (Document > Sect per unit > H1, H2, P,
Table > TR > TH / TD, L > LI > LBody), marked content on every text, /MarkInfo and /Lang; read back
with pypdf, each heading's text is the heading, no word is broken across lines, and the reference
"Réf. UO … · version N · date" is still there."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import pypdf
import pytest

from ror_orientation.edition import Saisie
from ror_orientation.web.feuille_validation import feuilles_validation
from tests.api_support import make_store
from tests.test_edition import EDITEUR

LONG = ("Prise en charge des accidents vasculaires cérébraux à la phase aiguë, thrombolyse et "
        "thrombectomie mécanique en lien avec la neuroradiologie interventionnelle, astreinte "
        "de neurologie vasculaire et filière de rééducation précoce")


@pytest.fixture
def pdf(tmp_path) -> pypdf.PdfReader:
    store = make_store(tmp_path / "s.sqlite")
    saisie = Saisie(store)
    f = saisie.fiche("uo", "uo-unv")
    saisie.enregistrer(EDITEUR, "uo", "uo-unv", {**f.data, "commentaire": LONG}, f.etag)
    f = saisie.fiche("uo", "uo-unv")
    body = feuilles_validation(saisie, [f, f], titre="Pôle", genere_le=datetime(
        2026, 12, 4, 9, 30, tzinfo=UTC))
    store.close()
    return pypdf.PdfReader(io.BytesIO(body))


def _textes(reader: pypdf.PdfReader) -> dict[tuple[int, int], str]:
    """Text drawn inside each marked-content sequence, by (page index, MCID)."""
    out: dict[tuple[int, int], list[str]] = defaultdict(list)
    for i, page in enumerate(reader.pages):
        pile: list[int | None] = []

        def avant(op: bytes, args: list[Any], cm: Any, tm: Any, pile=pile) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else {}
                pile.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif op == b"BMC":
                pile.append(None)
            elif op == b"EMC" and pile:
                pile.pop()

        def texte(t: str, *_: Any, i=i, pile=pile) -> None:
            if pile and pile[-1] is not None:
                out[(i, pile[-1])].append(t)

        page.extract_text(visitor_operand_before=avant, visitor_text=texte)
    return {k: "".join(v) for k, v in out.items()}


def _feuilles(reader: pypdf.PdfReader) -> list[tuple[str, str, int]]:
    """Leaves of the structure tree in order: (type, text, depth)."""
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    textes = _textes(reader)
    out: list[tuple[str, str, int]] = []

    def walk(e: Any, depth: int) -> None:
        e = e.get_object()
        kids = e.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        for k in kids:
            if isinstance(k, int):
                page = pages[e.raw_get("/Pg").idnum]
                out.append((str(e["/S"]), textes.get((page, k), ""), depth))  # as drawn
            elif k is not None:
                walk(k, depth + 1)

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"], 0)
    return out


def _normal(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip()


def test_the_sheet_declares_a_structure_tree_marked_content_and_its_language(pdf):
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/Lang"] == "fr-FR"
    tree = root["/StructTreeRoot"].get_object()
    [document] = tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]
    sections = [k.get_object() for k in document.get_object()["/K"]]
    assert [s["/S"] for s in sections] == ["/Sect", "/Sect"]  # one per unit
    assert "/ParentTree" in tree
    assert all("/StructParents" in p for p in pdf.pages)


def test_headings_paragraphs_and_tables_carry_their_text(pdf):
    leaves = [(s, _normal(t), d) for s, t, d in _feuilles(pdf)]
    h1 = [t for s, t, _ in leaves if s == "/H1"]
    assert h1 == ["Unité neuro-vasculaire", "Unité neuro-vasculaire"]
    h2 = [t for s, t, _ in leaves if s == "/H2"]
    assert h2[:3] == ["Identification et rattachement", "Offre et patientèle",
                      "Aptitudes (actes et compétences spécifiques)"]
    assert "Validation" in h2
    th = {t for s, t, _ in leaves if s == "/TH"}
    assert {"Mode de prise en charge", "Âge des patients", "Nom et fonction", "Signature"} <= th
    rows = [(s, t) for s, t, _ in leaves if s in ("/TH", "/TD")]
    i = rows.index(("/TH", "Mode de prise en charge"))
    assert rows[i + 1] == ("/TD", "Hospitalisation complète (HC)")  # label then its value
    assert all(t for s, t, _ in leaves if s != "/TD"), "a tagged leaf without text"
    assert any(s == "/LBody" for s, _, _ in leaves)


def test_no_word_is_broken_across_lines_and_the_reference_is_there(pdf):
    leaves = _feuilles(pdf)
    [commentaire] = [t for s, t, _ in leaves if s == "/LBody" and "thrombolyse" in t][:1]
    assert "\n" in commentaire.strip() or len(commentaire) > 120  # it does wrap
    assert _normal(commentaire) == f"• {LONG}"  # wrapped at spaces only
    certif = next(t for s, t, _ in leaves if s == "/P" and t.strip().startswith("Je certifie"))
    assert _normal(certif).endswith("puis renvoyer la fiche signée.")
    sub = next(t for s, t, _ in leaves if s == "/P" and "Fiche de validation" in t)
    assert re.search(r"Réf\. UO uo-unv · version 1 · 04/12/2026", _normal(sub)), sub
    text = pdf.pages[0].extract_text()
    assert "Réf. UO uo-unv · version 1" in text  # the running footer too (an artifact)
