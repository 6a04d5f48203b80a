"""Render one annex (`LampiranTable`) onto an openpyxl worksheet as a printable page.

Used for the template's Lampiran sheets (the fill patches them later) and by tests; the
exported annex workbook streams the same plan with XlsxWriter (`annex_writer`). What
goes where, and how it looks, is decided in `annex_plan`: title block, header row, a
row numbering the columns (1)..(n), data rows, a note, and the Kepala Dinas signature
block; A4, fit to width, header rows repeated on every page, "Halaman n dari m" in the
footer.

Every plain text is written as text, never as a formula (values starting with
= + - @ included); only `Formula` values become formulas.
"""

from __future__ import annotations

from copy import copy
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

# Re-exported: callers (fill, kop, template, tests) import the layout names from here.
from .annex_plan import (  # noqa: F401
    DATE,
    DECIMAL_FMT,
    FONT,
    FORMATS,
    INTEGER,
    LINE_POINTS,
    MARGINS,
    MAX_GROWTH,
    MONEY,
    NOTE,
    PAGE_FOOTER,
    PERCENT,
    SIZE,
    AnnexPlan,
    Formula,
    Kop,
    Look,
    Placement,
    as_written,
    fitted_widths,
    is_injection,
    plan_annex,
    row_height,
    signature_look,
)
from .frame import AnnexFrame
from .lampiran import LampiranTable

LINE = Side(style="thin", color="000000")
GRID = Border(left=LINE, right=LINE, top=LINE, bottom=LINE)


def write_value(cell, value) -> None:
    """A value as data: a Formula as formula, any other text as text (no injection)."""
    if isinstance(value, Formula):
        cell.value = str(value)
        return
    value = as_written(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never 'f', whatever the first character
        if is_injection(value):
            cell.quotePrefix = True  # Excel keeps it text when the user edits the cell


def render_annex(ws, table: LampiranTable, kop: Kop, *, spare_rows: int = 0,
                 frame: AnnexFrame | None = None) -> Placement:
    """Lay `table` out on `ws` (an empty sheet) where `frame` says (the template passes its
    declared frame; an export lays the title at the top). `spare_rows` blank rows."""
    plan = plan_annex(table, kop, spare_rows=spare_rows, frame=frame)
    apply_plan(ws, plan)
    return plan.placement


def apply_plan(ws, plan: AnnexPlan) -> None:
    for i, width in enumerate(plan.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for planned in plan.rows:
        if planned.height is not None:
            ws.row_dimensions[planned.row].height = planned.height
        if planned.hidden:
            ws.row_dimensions[planned.row].hidden = True
        for column, value, look in planned.cells:
            cell = ws.cell(row=planned.row, column=column)
            cell._style = copy(_style_record(ws, cell, look))
            write_value(cell, value)
        if planned.merge_to:
            ws.merge_cells(start_row=planned.row, start_column=1, end_row=planned.row,
                           end_column=planned.merge_to)
    _print_setup(ws, plan)


def _style_record(ws, cell, look: Look):
    """The style record of `look` on this sheet, made once: building Font/Alignment
    objects and registering them per cell took most of an export's time at 2,000 RAB
    lines; a copied record gives the cell the very same style indices."""
    styles = _STYLE_CACHE.setdefault(ws, {})
    if look not in styles:
        style_cell(cell, look)
        styles[look] = copy(cell._style)
    return styles[look]


_STYLE_CACHE: WeakKeyDictionary = WeakKeyDictionary()


def style_cell(cell, look: Look) -> None:
    """`look` in openpyxl's terms."""
    cell.font = Font(name=FONT, size=look.size, bold=look.bold, italic=look.italic,
                     underline="single" if look.underline else None)
    cell.alignment = Alignment(horizontal=look.horizontal, vertical=look.vertical,
                               wrap_text=look.wrap)
    if look.border:
        cell.border = GRID
    if look.fill:
        cell.fill = PatternFill("solid", fgColor=look.fill)
    cell.number_format = look.num_format


def style_note(cell) -> None:
    style_cell(cell, NOTE)


def style_signature(cell, is_name: bool) -> None:
    style_cell(cell, signature_look(is_name))


def _print_setup(ws, plan: AnnexPlan) -> None:
    """A4, fit to width, header rows on every page, "Halaman n dari m" in the footer.
    Every setting is written explicitly (fitToHeight 0, margins, centring) so Excel and
    LibreOffice, which default differently, cut the same pages. The template's sheets
    get no print area: the fill changes how far they reach, and the used range prints."""
    page = plan.page
    ps = ws.page_setup
    ps.paperSize = ws.PAPERSIZE_A4
    ps.orientation = "landscape" if page.landscape else "portrait"
    ps.fitToWidth, ps.fitToHeight = 1, 0  # all columns on the page; as many pages as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "{}:{}".format(*page.title_rows)
    if page.print_area:
        ws.print_area = page.print_area
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.left.text = page.footer_left
    ws.oddFooter.right.text = PAGE_FOOTER
    ws.freeze_panes = f"A{page.freeze_row}"
