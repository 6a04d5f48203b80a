"""Small python-docx helpers shared by the report and the KAK documents."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..domain.money import format_number, format_percent
from .metrics import text_width

FONT = "Arial"  # Liberation Sans where Arial is absent: the same widths (see metrics)
LANGUAGE = "id-ID"
TABLE_SIZE = 9  # points, header and body of every table
CELL_PADDING_CM = 0.38 + 0.1  # Word's default 0.19 cm left and right, and some slack
PLACEHOLDER_PREFIX = "[Diisi oleh dinas: "
DRAF = "DRAF"
RED = RGBColor(0xC0, 0, 0)


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
    props.language = LANGUAGE
    _language(doc)
    return doc


def _language(doc) -> None:
    """Tag the text Indonesian (python-docx's blank document says en-US): Word and
    LibreOffice then check spelling, hyphenate and read numbers as Indonesian."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)


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


def draf_header(doc) -> None:
    """"DRAF", red and bold, in the header of every section (and of a different first
    page, where one is set), so no page of a draft can pass for the final report."""
    for section in doc.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            p = header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(DRAF)
            run.bold, run.font.size, run.font.color.rgb = True, Pt(14), RED


def picture(doc, blob: bytes, max_width_cm: float, max_height_cm: float):
    """A centred picture as large as fits `max_width_cm` x `max_height_cm` (never
    enlarged beyond its own size), its aspect kept. Returns its paragraph."""
    image = Image.from_blob(blob)
    width, height = image.width, image.height  # EMU at the picture's own resolution
    scale = min(1.0, Cm(max_width_cm) / width, Cm(max_height_cm) / height)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True  # the caption stays under its picture
    p.add_run().add_picture(BytesIO(blob), width=int(width * scale), height=int(height * scale))
    return p


def para(doc, text: str, bold: bool = False, style: str | None = None):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold = bold
    return p


def rupiah(value: int | None) -> str:
    return "-" if value is None else format_number(value)


def persen(value: Decimal | None) -> str:
    return "-" if value is None else format_percent(value)


def fit_widths(headers: list[str], rows: list[tuple], widths_cm: list[float]) -> list[float]:
    """Column widths in which no word is cut across two lines ("N/o", "Volum/e",
    "K01-/01"): a column too narrow for its longest word is widened, and the width
    it takes is given back by the columns with room to spare, widest first, so the
    table keeps its total width."""
    need = []
    for i, header in enumerate(headers):
        words = [(w, True) for w in header.split()]
        words += [(w, False) for r in rows if i < len(r) and r[i] is not None
                  for w in str(r[i]).split()]
        points = max((text_width(w, TABLE_SIZE, b) for w, b in words), default=0.0)
        need.append(points / 72 * 2.54 + CELL_PADDING_CM)
    widths = [max(w, n) for w, n in zip(widths_cm, need)]
    excess = sum(widths) - sum(widths_cm)
    for i in sorted(range(len(widths)), key=lambda i: widths[i] - need[i], reverse=True):
        give = min(excess, widths[i] - need[i])
        if give <= 0:
            break
        widths[i] -= give
        excess -= give
    return [round(w, 2) for w in widths]


def table(doc, headers: list[str], rows: list[tuple], widths_cm: list[float],
          numeric: set[int] = frozenset(), bold_last: bool = False):
    widths_cm = fit_widths(headers, rows, widths_cm)
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for i, h in enumerate(headers):
        cell = t.rows[0].cells[i]
        cell.text = ""
        run = unbroken_run(cell.paragraphs[0], h)
        run.bold, run.font.size = True, Pt(TABLE_SIZE)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell, "D9E1F2")
    _repeat_header(t.rows[0])
    for n, values in enumerate(rows):
        cells = t.add_row().cells
        for i, v in enumerate(values):
            run = unbroken_run(cells[i].paragraphs[0], "" if v is None else str(v))
            run.font.size = Pt(TABLE_SIZE)
            run.bold = bold_last and n == len(rows) - 1
            if i in numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, w in enumerate(widths_cm):
        t.columns[i].width = Cm(w)
        for cell in t.columns[i].cells:
            cell.width = Cm(w)
    doc.add_paragraph()
    return t


_JOINED = re.compile(r"(?<=\w)-(?=\w)")


def unbroken_run(paragraph, text: str):
    """A run whose hyphens inside a word ("12-04-2023", "K01-01", "30-45") are Word's
    non-breaking hyphens, so neither Word nor LibreOffice ends a line there. The text
    still reads "-" to any reader of the file."""
    run = paragraph.add_run()
    for i, part in enumerate(_JOINED.split(text)):
        if i:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            run._r.add_t(part)
    return run


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
