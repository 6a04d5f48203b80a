"""Small python-docx helpers shared by the report and the KAK documents."""

from __future__ import annotations

from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"
PLACEHOLDER_PREFIX = "[Diisi oleh dinas: "


def new_document(title: str, author: str = "xlplugin"):
    doc = Document()
    page_setup(doc.sections[0])
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(11)
    for name in ("Heading 1", "Heading 2", "Title"):
        doc.styles[name].font.name = FONT
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, author, author
    props.revision = 1
    return doc


def page_setup(section) -> None:
    """A4 portrait, margins, and "Halaman n dari m" in the footer, all written
    explicitly: python-docx's blank document is US Letter, and Word and LibreOffice
    must cut the same pages whichever makes the PDF."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.25)
    _page_numbers(section)


def _page_numbers(section) -> None:
    """'Halaman n dari m' in the footer, as PAGE and NUMPAGES fields (both programs
    compute them when they lay out the pages)."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Halaman ")
    _field(p, "PAGE")
    p.add_run(" dari ")
    _field(p, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, instruction), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def centered(doc, text: str, size: int = 12, bold: bool = True):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    return p


def placeholder(doc, what: str):
    """A clearly marked field the dinas writes: yellow, in brackets."""
    p = doc.add_paragraph()
    run = p.add_run(f"{PLACEHOLDER_PREFIX}{what}]")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    run.italic = True
    return p


def para(doc, text: str, bold: bool = False, style: str | None = None):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold = bold
    return p


def rupiah(value: int | None) -> str:
    return "-" if value is None else f"{value:,}".replace(",", ".")


def persen(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.2f}".replace(".", ",") + "%"


def table(doc, headers: list[str], rows: list[tuple], widths_cm: list[float],
          numeric: set[int] = frozenset(), bold_last: bool = False):
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for i, h in enumerate(headers):
        cell = t.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(h)
        run.bold, run.font.size = True, Pt(9)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell, "D9E1F2")
    _repeat_header(t.rows[0])
    for n, values in enumerate(rows):
        cells = t.add_row().cells
        for i, v in enumerate(values):
            run = cells[i].paragraphs[0].add_run("" if v is None else str(v))
            run.font.size = Pt(9)
            run.bold = bold_last and n == len(rows) - 1
            if i in numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, w in enumerate(widths_cm):
        t.columns[i].width = Cm(w)
        for cell in t.columns[i].cells:
            cell.width = Cm(w)
    doc.add_paragraph()
    return t


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def shade(cell, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour)
    tc_pr.append(shd)


def signature(doc, tempat_tanggal: str, jabatan: str, nama: str, nip: str) -> None:
    for text, bold in ((tempat_tanggal, False), (jabatan, False), ("", False), ("", False),
                       ("", False), (nama, True), (f"NIP {nip}", False)):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(9)
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold = bold
        run.underline = bold
