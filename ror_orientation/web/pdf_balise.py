"""Tagged PDF for the sheets fpdf2 lays out: a nested structure tree (Document > Sect > H1, H2, P,
Table > TR > TH / TD, L > LI > LBody) whose leaves mark the content they cover, decoration and
running footers as artifacts, /MarkInfo and /Lang: what PDF/UA asks of a text document, so a screen
reader reads a validation sheet in order, headings first.

fpdf2 only builds a flat tree (image alternate texts); `Balisage` replaces its builder with a nested
one that fpdf2 still serialises at output (every element is a PDF object it writes, pages linked
by /Pg). It writes the marked-content operators through fpdf2's content-stream writer (`FPDF._out`,
the one way to emit operators): the tests read the tree and the operators back, so a change in
fpdf2 shows there, not in a reader's screen reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fpdf import FPDF
from fpdf.structure_tree import StructElem, StructureTreeBuilder


class Balisage(StructureTreeBuilder):
    """fpdf2's structure tree, nested: a stack of open groups; leaves carry one marked-content id
    (MCID) on one page each."""

    def __init__(self, pdf: FPDF) -> None:
        super().__init__()
        self.pdf = pdf
        self.pile: list[StructElem] = [self.doc_struct_elem]
        self.mcids: dict[int, int] = {}
        pdf.struct_builder = self
        pdf._set_min_pdf_version("1.4")  # /MarkInfo, /StructTreeRoot

    def __iter__(self) -> Iterator[Any]:
        """Every object of the tree, nested ones included (fpdf2 writes what this yields)."""
        yield self.struct_tree_root
        yield self.struct_tree_root.parent_tree
        todo = [self.doc_struct_elem]
        while todo:
            e = todo.pop()
            yield e
            todo.extend(reversed([k for k in e.k if isinstance(k, StructElem)]))

    def next_mcid_for_page(self, page_number: int) -> int:
        return self.mcids.get(page_number, 0)

    def add_marked_content(self, page_number: int, struct_type: str, mcid: int | None = None,
                           title: str | None = None, alt_text: str | None = None
                           ) -> tuple[StructElem, int]:
        """A leaf under the innermost open group (fpdf2 calls this too, for images and links)."""
        spid = self.spid_per_page_number.setdefault(page_number, len(self.spid_per_page_number))
        parent = self.pile[-1]
        e = StructElem(struct_type=struct_type, parent=parent, kids=[] if mcid is None else [mcid],
                       page_number=page_number, title=title, alt=alt_text)
        e.pg = self.pdf.pages[page_number]  # type: ignore[assignment]  # fpdf2 types it None until output
        parent.k.append(e)
        if mcid is not None:
            self.struct_tree_root.parent_tree.nums[spid].append(e)
            self.mcids[page_number] = mcid + 1
        return e, spid

    @contextmanager
    def groupe(self, struct_type: str, titre: str | None = None) -> Iterator[StructElem]:
        """An element that holds others (Sect, Table, TR, L, LI): no content of its own."""
        parent = self.pile[-1]
        e = StructElem(struct_type=struct_type, parent=parent, kids=[],
                       page_number=self.pdf.page, title=titre)
        parent.k.append(e)
        self.pile.append(e)
        try:
            yield e
        finally:
            self.pile.pop()

    @contextmanager
    def contenu(self, struct_type: str) -> Iterator[None]:
        """A leaf (H1, H2, P, TH, TD, LBody) marking what is drawn inside: one page only."""
        pdf = self.pdf
        page = pdf.page
        mcid = self.next_mcid_for_page(page)
        _e, spid = self.add_marked_content(page, struct_type, mcid=mcid)
        pdf.pages[page].struct_parents = spid
        pdf._out(f"{struct_type} <</MCID {mcid}>> BDC")
        yield
        if pdf.page != page:
            raise RuntimeError(f"{struct_type}: marked content ran over a page break (make room "
                               "before it)")
        pdf._out("EMC")

    @contextmanager
    def artefact(self) -> Iterator[None]:
        """Decoration or a running footer: drawn, but not part of what is read."""
        self.pdf._out("/Artifact BMC")
        yield
        self.pdf._out("EMC")
