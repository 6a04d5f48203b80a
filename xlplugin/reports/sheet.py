"""Render one annex (`LampiranTable`) onto an openpyxl worksheet as a printable page.

Used for the exported annex workbook and for the template's Lampiran sheets. Layout:
title block, header row, a row numbering the columns (1)..(n), data rows, a note, and
the Kepala Dinas signature block; A4, fit to width, header rows repeated on every page,
"Halaman n dari m" in the footer.

Every plain text is written as text, never as a formula (values starting with
= + - @ included); only `Formula` values become formulas.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from .frame import STYLE_ROWS, AnnexFrame
from .lampiran import NIHIL, LampiranTable, Row, nihil_column
from .metrics import lines_needed, width_for

FONT = "Arial"  # Liberation Sans where Arial is absent: the same widths (see metrics)
SIZE = 9  # header and data rows
LINE_POINTS = 12.0  # one line of 9 pt text, as Excel spaces it
MAX_GROWTH = 3  # see fitted_widths
INJECTION_PREFIXES = ("=", "+", "-", "@")
MONEY = '#,##0;-#,##0;"-"'
PERCENT = '0.00%'
DECIMAL_FMT = '#,##0.##'
INTEGER = '#,##0'
DATE = 'dd-mm-yyyy'
PAGE_FOOTER = "Halaman &P dari &N"  # &P page, &N pages: Excel and LibreOffice both fill them
FORMATS = {"money": MONEY, "percent": PERCENT, "decimal": DECIMAL_FMT, "int": INTEGER,
           "date": DATE, "no": "General", "text": "@"}

LINE = Side(style="thin", color="000000")
GRID = Border(left=LINE, right=LINE, top=LINE, bottom=LINE)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
LEVEL_FILL = {"menu": PatternFill("solid", fgColor="D9D9D9"),
              "rincian": PatternFill("solid", fgColor="EDEDED"),
              "kegiatan": PatternFill("solid", fgColor="F6F6F6"),
              "total": PatternFill("solid", fgColor="D9E1F2")}
BOLD_LEVELS = {"menu", "rincian", "kegiatan", "total"}
LEVELS = ("data", *BOLD_LEVELS)


class Formula(str):
    """A cell formula the template means to write (e.g. a Profil reference)."""


@dataclass(frozen=True)
class Kop:
    """Title block lines above the table, and the signature block below it."""

    judul: list = field(default_factory=list)  # str | Formula, first lines bold
    tanda_tangan: list = field(default_factory=list)  # place/date, jabatan, name, NIP


@dataclass(frozen=True)
class Placement:
    """Where the renderer put things: the writers and tests read it."""

    header_row: int
    first_row: int
    last_row: int  # last data row (header_row + 1 when empty)
    last_column: str
    signature_row: int


def write_value(cell, value) -> None:
    """A value as data: a Formula as formula, any other text as text (no injection)."""
    if isinstance(value, Formula):
        cell.value = str(value)
        return
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never 'f', whatever the first character
        if value.startswith(INJECTION_PREFIXES):
            cell.quotePrefix = True  # Excel keeps it text when the user edits the cell


def render_annex(ws, table: LampiranTable, kop: Kop, *, spare_rows: int = 0,
                 frame: AnnexFrame | None = None) -> Placement:
    """Lay `table` out on `ws` (an empty sheet) where `frame` says (the template passes its
    declared frame; an export lays the title at the top). `spare_rows` blank rows."""
    frame = frame or AnnexFrame(len(table.columns), len(kop.judul), spare_rows=spare_rows)
    if len(kop.judul) != frame.title_lines:
        raise ValueError(f"Lampiran {table.nomor}: {len(kop.judul)} title lines, frame has "
                         f"{frame.title_lines}")
    ncols = len(table.columns)
    last = get_column_letter(ncols)
    # The template's frame keeps its declared widths (the fill cannot widen them); an
    # export widens a column so no word of its rows (a date, a code) is cut in two.
    widths = [c.width for c in table.columns] if frame.has_style_rows else fitted_widths(table)
    if frame.has_style_rows:
        _style_rows(ws, table, frame)
    _title_block(ws, kop.judul, widths, frame.title_row)
    header_row = frame.header_row
    _header(ws, table, header_row, widths)
    r = frame.first_row
    rows = table.rows
    if not rows and not frame.has_style_rows:  # an exported empty annex says so
        cells = [None] * ncols
        cells[nihil_column(table)] = NIHIL
        rows = [Row(tuple(cells))]
    for data in rows:
        _data_row(ws, table, r, data.cells, data.level, widths)
        r += 1
    for _ in range(frame.spare_rows):
        _data_row(ws, table, r, (None,) * ncols, "data", widths)
        r += 1
    last_row = frame.last_row(r - frame.first_row)
    if table.catatan:
        note = ws.cell(row=last_row + 1, column=1)
        write_value(note, table.catatan)
        style_note(note)
    sig = frame.signature_row(last_row, 1 if table.catatan else 0)
    _signature(ws, kop.tanda_tangan, sig, frame.sign_col)
    _print_setup(ws, table, header_row, sig + len(kop.tanda_tangan), last,
                 print_area=not frame.has_style_rows)
    return Placement(header_row, frame.first_row, last_row, last, sig)


def _style_rows(ws, table: LampiranTable, frame: AnnexFrame) -> None:
    """The template's hidden, empty style rows: one per kind of line the fill writes,
    formatted by the same functions that format the visible lines."""
    for kind in STYLE_ROWS:
        row = frame.style_row(kind)
        if kind in LEVELS:
            _data_row(ws, table, row, (None,) * len(table.columns), kind)
        elif kind == "catatan":
            style_note(ws.cell(row=row, column=1))
        elif kind in ("ttd", "ttd_nama"):
            style_signature(ws.cell(row=row, column=frame.sign_col), kind == "ttd_nama")
        ws.row_dimensions[row].hidden = True


def style_note(cell) -> None:
    cell.font = Font(name=FONT, size=8, italic=True)


def _title_block(ws, lines: list, widths: list[float], top: int = 1) -> None:
    last = get_column_letter(len(widths))
    for i, text in enumerate(lines, start=1):
        r = top + i - 1
        cell = ws.cell(row=r, column=1)
        write_value(cell, text)
        size = 12 if i <= 2 else 10
        cell.font = Font(name=FONT, size=size, bold=i <= 3)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{r}:{last}{r}")
        # Merged cells do not grow with wrapped text: give long lines their height.
        lines = lines_needed(str(text), sum(widths), size, i <= 3) if text else 1
        ws.row_dimensions[r].height = lines * size * 1.45


def _header(ws, table: LampiranTable, row: int, widths: list[float]) -> None:
    for i, col in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
        for r, text in ((row, col.header), (row + 1, f"({i})")):
            cell = ws.cell(row=r, column=i)
            write_value(cell, text)
            cell.font = Font(name=FONT, size=9, bold=r == row, italic=r != row)
            cell.fill = HEAD_FILL
            cell.border = GRID
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lines = max(lines_needed(c.header, w, SIZE, True) for c, w in zip(table.columns, widths))
    ws.row_dimensions[row].height = max(42.0, LINE_POINTS * lines + 6)


def _data_row(ws, table: LampiranTable, row: int, cells: tuple, level: str,
              widths: list[float] | None = None) -> None:
    ws.row_dimensions[row].height = row_height(table, cells, level, widths)
    styles = _styles_of(ws)
    for i, (col, value) in enumerate(zip(table.columns, cells), start=1):
        cell = ws.cell(row=row, column=i)
        kind = col.kind
        if kind == "decimal" and isinstance(value, (int, Decimal)) and value == int(value):
            kind = "int"  # Excel prints "24." under #,##0.## (LibreOffice "24")
        key = (kind, level)
        if key in styles:  # the same look as a cell styled before: copy its style record
            cell._style = copy(styles[key])
        else:
            _style_data_cell(cell, kind, level)
            styles[key] = copy(cell._style)
        if col.kind == "percent" and isinstance(value, Decimal):
            value = value / 100  # the annex shows a real percentage format
        write_value(cell, value)


def _styles_of(ws) -> dict:
    """Per sheet, the style record of each (column kind, line kind) once made: building
    Font/Alignment objects and registering them per cell took most of an export's time
    at 2,000 RAB lines; a copied record gives the cell the very same style indices."""
    if ws not in _STYLE_CACHE:
        _STYLE_CACHE[ws] = {}
    return _STYLE_CACHE[ws]


_STYLE_CACHE: WeakKeyDictionary = WeakKeyDictionary()


def _style_data_cell(cell, kind: str, level: str) -> None:
    cell.number_format = FORMATS[kind]
    cell.border = GRID
    cell.font = Font(name=FONT, size=9, bold=level in BOLD_LEVELS)
    if level in LEVEL_FILL:
        cell.fill = LEVEL_FILL[level]
    numeric = kind in {"money", "percent", "decimal", "int"}
    cell.alignment = Alignment(
        horizontal="right" if numeric else ("center" if kind in {"no", "date"} else None),
        vertical="top", wrap_text=not numeric)


def row_height(table: LampiranTable, cells: tuple, level: str = "data",
               widths: list[float] | None = None) -> float:
    """Points for a row whose text wraps: neither Excel nor LibreOffice grows a row
    written by openpyxl, so a long name would be cut off when printed. Lines are
    counted with Arial's widths (`metrics`) in the columns' widths."""
    widths = widths or [c.width for c in table.columns]
    bold = level in BOLD_LEVELS
    lines = 1
    for col, width, value in zip(table.columns, widths, cells):
        if isinstance(value, str) and col.kind in {"text", "no"}:
            lines = max(lines, lines_needed(value, width, SIZE, bold))
    return LINE_POINTS * lines + 1


def fitted_widths(table: LampiranTable) -> list[float]:
    """Each column's width, widened where a word of the header or of a row (a date, a
    code, an amount, a unit such as "kamar/malam") would not fit on one line: both
    programs would cut it mid-word. Bold is assumed: the wider of the two. A column
    grows to at most `MAX_GROWTH` times its width: one pasted web address must not
    shrink the whole page to fit it."""
    widths = []
    for i, col in enumerate(table.columns):
        tokens = col.header.split()
        for row in table.rows:
            value = row.cells[i] if i < len(row.cells) else None
            if col.kind in {"money", "int"} and isinstance(value, int):
                tokens.append(f"{value:,}")  # "," and "." are equally wide in Arial
            elif col.kind in {"text", "no"} and isinstance(value, str):
                tokens += value.split()
        need = max((width_for(t, SIZE, True) for t in tokens), default=0.0)
        widths.append(round(max(col.width, min(need, col.width * MAX_GROWTH)), 1))
    return widths


def _signature(ws, lines: list, row: int, col: int) -> None:
    """Right-hand block: place and date, jabatan, three blank lines, name, NIP.

    Not merged: each line is left-aligned text that runs over the empty cells to its
    right, so the fill can move the block below any number of rows without merges."""
    for i, text in enumerate(lines):
        cell = ws.cell(row=row + i, column=col)
        write_value(cell, text)
        style_signature(cell, i == len(lines) - 2)


def style_signature(cell, is_name: bool) -> None:
    cell.font = Font(name=FONT, size=10, bold=is_name, underline="single" if is_name else None)
    cell.alignment = Alignment(horizontal="left", wrap_text=False)


def _print_setup(ws, table: LampiranTable, header_row: int, end_row: int, last: str, *,
                 print_area: bool = True) -> None:
    """A4, fit to width, header rows on every page, "Halaman n dari m" in the footer.
    Every setting is written explicitly (fitToHeight 0, margins, centring) so Excel and
    LibreOffice, which default differently, cut the same pages. The template's sheets
    get no print area: the fill changes how far they reach, and the used range prints."""
    ps = ws.page_setup
    ps.paperSize = ws.PAPERSIZE_A4
    ps.orientation = "landscape" if table.landscape else "portrait"
    ps.fitToWidth, ps.fitToHeight = 1, 0  # all columns on the page; as many pages as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row + 1}"
    if print_area:
        ws.print_area = f"A1:{last}{end_row}"
    ws.print_options.horizontalCentered = True
    m = ws.page_margins
    m.left = m.right = 0.4
    m.top, m.bottom, m.header, m.footer = 0.6, 0.7, 0.3, 0.3
    ws.oddFooter.left.text = f"Lampiran {table.nomor} - {table.judul}"
    ws.oddFooter.right.text = PAGE_FOOTER
    ws.freeze_panes = f"A{header_row + 2}"


