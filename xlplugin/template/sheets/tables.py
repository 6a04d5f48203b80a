"""An input-table sheet: title block, Excel table, formula and status columns, records.

Input columns are formatted and unlocked through their column style (so empty rows need
no cell records); formula cells are written in every capacity row, grey and locked.
The live-check status column sits right of the table, one formula per row that reads
the live result or, while Python does not answer, the hidden stored column beside it
(`xlplugin.layout.udf`).
"""

from __future__ import annotations

import math
from copy import copy
from datetime import date, datetime
from decimal import Decimal

from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo

from ...domain.values import Invalid
from ...io.headers import STATUS_HEADER, STORED_HEADER
from ...layout.model import Layout, Table, help_for
from ...layout.udf import status_formula, stored_letter
from ...reports.sheet import write_value
from .. import styles
from ..formulas import expand, formula_columns, quote_sheet
from ..validation import add_table_validations

STATUS_WIDTH = 48
BANNER_NAME = "xlp_BannerMakro"
BANNER_LINE = ("Makro belum aktif: kolom Status Periksa dan tab pita 'DAK Nonfisik' baru bekerja "
               "setelah Anda klik 'Aktifkan Konten' (Enable Content). Lihat sheet Petunjuk.")
BANNER_ROW_OFFSET = 1  # the banner line sits one row above the header
PRINT_WIDTH_CHARS = 260  # column-width characters that stay readable on one A4 landscape
TEXT_TYPES = {"code", "text", "enum", "nik"}


# Header notes: Excel sizes a note's box from these (points), not from its text.
NOTE_AUTHOR = "xlplugin"
NOTE_WIDTH_PT, NOTE_CHARS_PER_LINE, NOTE_LINE_PT, NOTE_PADDING_PT = 320, 55, 14, 10


class CapacityError(ValueError):
    """More records than the table's capacity: an Indonesian message for the user."""


def build_table_sheet(ws, layout: Layout, table: Table, records: list | None = None) -> None:
    subtitle = (f"Tabel Excel {table.name}: kolom putih diisi; kolom abu-abu dihitung otomatis "
                f"dan terkunci. Kapasitas {table.capacity:,} baris.".replace(",", "."))
    styles.style_title_block(ws, table.title, subtitle, table.instructions, layout.meta,
                             _instruction_span(table))
    _banner_line(ws, table)
    _headers(ws, table)
    _input_columns(ws, table)
    _default_row_height(ws, layout, table)
    _formula_cells(ws, layout, table)
    if table.status:
        _status_column(ws, layout, table)
    ws.add_table(_excel_table(table))
    add_table_validations(ws, layout, table)
    write_records(ws, table, records or [])
    _sheet_setup(ws, table, len(records or []))


def _instruction_span(table: Table, chars: float = 130) -> int:
    total, span = 0.0, 0
    for col in table.columns:
        total += col.width
        span += 1
        if total >= chars:
            break
    return max(span, 1)


def _banner_line(ws, table: Table) -> None:
    row = table.header_row - BANNER_ROW_OFFSET
    cell = ws.cell(row, 1, BANNER_LINE)
    cell.font = styles.Font(name=styles.FONT_NAME, size=10, bold=True, color="C00000")
    ref = f"{quote_sheet(ws.title)}!${row}:${row}"
    ws.defined_names[BANNER_NAME] = DefinedName(BANNER_NAME, attr_text=ref)


def _headers(ws, table: Table) -> None:
    for col in table.columns:
        cell = ws.cell(table.header_row, col.index, col.header)
        styles.style_header(cell)
        ws.column_dimensions[col.letter].width = col.width
        _header_note(cell, table, col)
    ws.row_dimensions[table.header_row].height = 54


def _header_note(cell, table: Table, col) -> None:
    """The column's help (`help.toml`) as the header cell's note."""
    help_ = help_for(table.key, col.key) if col.is_input else None
    if help_ is None:
        return
    text = help_.note()
    lines = sum(1 + len(line) // NOTE_CHARS_PER_LINE for line in text.split("\n"))
    cell.comment = Comment(text, NOTE_AUTHOR, width=NOTE_WIDTH_PT,
                           height=NOTE_LINE_PT * lines + NOTE_PADDING_PT)


def _input_columns(ws, table: Table) -> None:
    """Column styles: every empty row of an input column is formatted and unlocked."""
    for col in table.columns:
        if col.is_input:
            dim = ws.column_dimensions[col.letter]
            dim.number_format = styles.number_format(col.type, col.key)
            dim.protection = styles.UNLOCKED
            dim.font = styles.BODY_FONT
            dim.alignment = styles.input_alignment(col.type, col.width)


def _default_row_height(ws, layout: Layout, table: Table) -> None:
    """A table meant for paragraphs or photos (`row_height` in the layout, e.g. Narasi)
    gets taller data rows, so a user sees several wrapped lines while typing without
    resizing; the title block keeps its own heights (not the sheet's default height)."""
    height = layout.raw.get("tables", {}).get(table.key, {}).get("row_height")
    if height:
        for row in range(table.first_row, table.last_row + 1):
            ws.row_dimensions[row].height = height


def _formula_cells(ws, layout: Layout, table: Table) -> None:
    for col in formula_columns(table):
        proto = _prototype(ws, styles.style_formula, col.type)
        for row in range(table.first_row, table.last_row + 1):
            cell = ws.cell(row, col.index, expand(layout, table, col.formula, row))
            cell._style = copy(proto)


def _status_column(ws, layout: Layout, table: Table) -> None:
    """Per row: the live status (or the stored one); right of it the hidden stored column."""
    col = len(table.columns) + 1
    styles.style_header(ws.cell(table.header_row, col, STATUS_HEADER))
    styles.style_header(ws.cell(table.header_row, col + 1, STORED_HEADER))
    ws.column_dimensions[table.status_letter].width = STATUS_WIDTH
    stored = ws.column_dimensions[stored_letter(table)]
    stored.width, stored.hidden = STATUS_WIDTH, True
    proto = _prototype(ws, _style_status)
    for row in range(table.first_row, table.last_row + 1):
        ws.cell(row, col, status_formula(layout, table.key, row))._style = copy(proto)
        ws.cell(row, col + 1)._style = copy(proto)


def _style_status(cell) -> None:
    cell.fill = styles.STATUS_FILL
    cell.font = styles.BODY_FONT
    cell.protection = styles.LOCKED
    cell.alignment = Alignment(vertical="top")


def _excel_table(table: Table) -> ExcelTable:
    result = ExcelTable(displayName=table.name, ref=table.ref)
    result.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True,
                                           showColumnStripes=False, showFirstColumn=False,
                                           showLastColumn=False)
    return result


def _sheet_setup(ws, table: Table, filled: int) -> None:
    ws.freeze_panes = f"{'B' if len(table.columns) > 12 else 'A'}{table.first_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{table.header_row}:{table.header_row}"
    width = sum(c.width for c in table.columns) + (STATUS_WIDTH if table.status else 0)
    ws.page_setup.fitToWidth = max(1, math.ceil(width / PRINT_WIDTH_CHARS))
    if ws.page_setup.fitToWidth > 1:
        ws.print_title_cols = "A:A"  # each page keeps the row's code
    ws.print_area = table.print_area(table.header_row + filled).replace("$", "")
    ws.page_margins.left = ws.page_margins.right = 0.4
    protect(ws)


def protect(ws) -> None:
    """Protection without a password (documented in Petunjuk): guards formulas, not secrets."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False  # False = allowed: users may widen columns and rows
    p.formatRows = False
    p.autoFilter = False
    p.sort = False


# ---------------------------------------------------------------- records
def write_records(ws, table: Table, records: list) -> None:
    if len(records) > table.capacity:
        raise CapacityError(
            f"Sheet {table.sheet}: {len(records)} baris melebihi kapasitas tabel "
            f"({table.capacity} baris).")
    for col in table.columns:
        if not col.is_input:
            continue
        proto = _prototype(ws, styles.style_input, col.type, col.key, col.width)
        for i, record in enumerate(records):
            value = cell_value(getattr(record, col.key), col.type)
            if value is None:
                continue
            cell = ws.cell(table.first_row + i, col.index)
            cell._style = copy(proto)
            write_value(cell, value)  # a name typed as "=..." stays text, never a formula
    _row_heights(ws, table, records)


def _row_heights(ws, table: Table, records: list) -> None:
    """Rows with wrapped text get a height: not every program re-fits rows on load."""
    wrapped = [c for c in table.columns if c.is_input and styles.input_alignment(
        c.type, c.width).wrap_text]
    for i, record in enumerate(records):
        lines = max((math.ceil(len(str(getattr(record, c.key) or "")) / (c.width * 1.05))
                     for c in wrapped), default=1)
        dim = ws.row_dimensions[table.first_row + i]
        if lines > 1 and 13.5 * lines > (dim.height or 0):  # never below a set row height
            dim.height = 13.5 * lines


def cell_value(value: object, kind: str) -> object:
    """A record field as the cell value a user would have typed."""
    if value is None:
        return None
    if isinstance(value, Invalid):
        return value.raw
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (date, datetime, int, float, Decimal)):
        if kind in TEXT_TYPES:
            return str(value)
        return value
    return str(value)


def _prototype(ws, styler, *args):
    cell = Cell(ws)
    styler(cell, *args)
    return cell._style
