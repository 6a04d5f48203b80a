"""Write one reviewer table on a new sheet: title block, header, typed rows, filter, frozen header.

Every rekap sheet is a `Tabel` (columns with a format, rows of plain values); this
module is the only place that styles cells, so all sheets look and filter alike.
Text is always written as text (`reports.sheet.write_value`): a kab/kota name or
a message starting with = + - @ never becomes a formula.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from ..domain.values import Invalid
from ..reports.sheet import write_value
from ..template.styles import DATE, INTEGER, RUPIAH

PERSEN = "0.00%"
FORMATS = {"rupiah": RUPIAH, "persen": PERSEN, "tanggal": DATE, "angka": INTEGER,
           "teks": "@", "umum": "General"}
WIDTHS = {"rupiah": 17, "persen": 10, "tanggal": 12, "angka": 9, "teks": 22, "umum": 12}

FONT = "Calibri"
TITLE_FONT = Font(name=FONT, size=14, bold=True, color="1F4E78")
NOTE_FONT = Font(name=FONT, size=10, italic=True, color="595959")
HEADER_FONT = Font(name=FONT, size=10, bold=True, color="FFFFFF")
BODY_FONT = Font(name=FONT, size=10)
BOLD_FONT = Font(name=FONT, size=10, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
TOTAL_FILL = PatternFill("solid", fgColor="BDD7EE")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
TITLE_ROWS = 3  # title, note, blank; the header follows
FIT_TO_WIDTH_COLUMNS = 16


@dataclass(frozen=True)
class Kolom:
    header: str
    format: str = "umum"  # a key of FORMATS
    width: float | None = None


@dataclass
class Tabel:
    judul: str
    keterangan: str
    kolom: list[Kolom]
    baris: list[list] = field(default_factory=list)
    total: list | None = None  # written under the table, outside the filter range
    beku_kolom: int = 1  # columns kept visible when scrolling right


@dataclass(frozen=True)
class Letak:
    """Where a table landed: charts and tests read this instead of guessing addresses."""

    header_row: int
    first_row: int
    last_row: int  # == header_row when the table has no rows
    total_row: int | None
    last_column: str


def write_table(ws, tabel: Tabel, start_row: int = 1) -> Letak:
    _title(ws, tabel, start_row)
    header_row = start_row + TITLE_ROWS
    for i, kolom in enumerate(tabel.kolom, start=1):
        cell = ws.cell(header_row, i)
        write_value(cell, kolom.header)
        cell.font, cell.fill, cell.alignment, cell.border = (
            HEADER_FONT, HEADER_FILL, HEADER_ALIGN, BOX)
        width = kolom.width or WIDTHS[kolom.format]
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[header_row].height = 48
    row = header_row
    for values in tabel.baris:
        row += 1
        _row(ws, row, tabel.kolom, values, BODY_FONT)
    last = get_column_letter(len(tabel.kolom))
    total_row = None
    if tabel.total is not None:
        total_row = row + 2
        _row(ws, total_row, tabel.kolom, tabel.total, BOLD_FONT, TOTAL_FILL)
    if start_row == 1:
        ws.freeze_panes = f"{get_column_letter(tabel.beku_kolom + 1)}{header_row + 1}"
        ws.auto_filter.ref = f"A{header_row}:{last}{max(row, header_row + 1)}"
        _print_setup(ws, header_row, tabel.beku_kolom)
    return Letak(header_row, header_row + 1, row, total_row, last)


def _print_setup(ws, header_row: int, frozen: int) -> None:
    """Landscape A4; the header row and the identifying columns repeat on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = f"{header_row}:{header_row}"
    if ws.max_column <= FIT_TO_WIDTH_COLUMNS:  # a narrow table prints as wide as the page
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.print_title_cols = f"A:{get_column_letter(frozen)}"


def _title(ws, tabel: Tabel, row: int) -> None:
    write_value(ws.cell(row, 1), tabel.judul)
    ws.cell(row, 1).font = TITLE_FONT
    write_value(ws.cell(row + 1, 1), tabel.keterangan)
    ws.cell(row + 1, 1).font = NOTE_FONT


def _row(ws, row: int, kolom: list[Kolom], values: list, font: Font, fill=None) -> None:
    styles = [_style(ws, k.format, font, fill) for k in kolom]
    for i, (k, value, style) in enumerate(zip(kolom, values, styles, strict=True), start=1):
        cell = ws.cell(row, i)
        write_value(cell, cell_value(value, k.format))
        cell._style = copy(style)


def _style(ws, fmt: str, font: Font, fill) -> StyleArray:
    """The style of a body cell, built once per sheet and (format, font, fill), then
    copied: assigning font/border/format per cell costs openpyxl a hash each (10x slower)."""
    cache = _STYLES.setdefault(ws, {})
    key = (fmt, id(font), id(fill))
    if key not in cache:
        cell = Cell(ws)
        cell.number_format = FORMATS[fmt]
        cell.font, cell.border = font, BOX
        if fill is not None:
            cell.fill = fill
        cache[key] = cell._style
    return cache[key]


_STYLES: WeakKeyDictionary = WeakKeyDictionary()  # sheet -> {(format, font, fill): style}


def cell_value(value: object, fmt: str) -> object:
    """What a cell holds: exact ints for rupiah, a fraction for a percent, dates as dates."""
    if isinstance(value, Invalid):
        return str(value.raw)
    if fmt == "persen" and isinstance(value, Decimal):
        return float(value / 100)  # the engine's percent is 0-100; Excel's is a fraction
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, (int, float, str, date)):
        return value
    return str(value)
