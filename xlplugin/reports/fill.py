"""Fill the workbook's own Lampiran 1-5 sheets with a report's annex tables.

The same tables the exported annex workbook prints (`reports.lampiran`, through
`build_report`), written under the template frame's header rows through the workbook
adapter: the file adapter for `xlplugin report --isi-lampiran` and `xlplugin demo`,
the live adapter for the Ekspor Laporan button. Where things go comes from the frame
declaration (`reports.frame.template_frame`); how they look from the frame's hidden
style rows (`like:<row>` roles), so a filled sheet prints like the exported one.

Each fill first clears everything the previous fill wrote (values and formats from the
first data row down), so filling twice gives the same sheet. Only the Lampiran sheets
are written; the input sheets are only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ..adapters.base import CellSpec, like
from ..layout import load_layout
from ..layout.model import Layout
from ..ooxml.errors import WorkbookReadError
from .export import pack_for, read_source
from .frame import AnnexFrame, template_frame
from .kop import report_kop
from .lampiran import NIHIL, LampiranTable, nihil_column
from .model import Report, build_report
from .sheet import row_height

EXCEL_EPOCH = date(1899, 12, 30)  # serial day 0 of Excel's 1900 date system (from March 1900)
NO_DATA = NIHIL  # the word an Indonesian annex prints in an empty table


@dataclass(frozen=True)
class Filled:
    """What one fill wrote: per Lampiran sheet, the number of table rows."""

    jenis: str
    rows: dict[str, int]


def fill_lampiran(adapter, jenis: str, mask_nik: bool = True, *,
                  layout: Layout | None = None) -> Filled:
    """Write the five annexes of report `jenis` into the workbook's Lampiran sheets.

    Raises WorkbookReadError (an Indonesian message) when a Lampiran sheet is missing
    or no longer has the template's frame; nothing is written then.
    """
    layout = layout or load_layout()
    doc = read_source(adapter)
    report = build_report(doc, jenis, pack_for(doc), mask_nik=mask_nik, findings=[])
    sheets = {t.key: _sheet_name(adapter, layout, t.key) for t in report.lampiran}
    for table in report.lampiran:
        _check_frame(adapter, sheets[table.key], template_frame(table.nomor))
    rows = {}
    for table in report.lampiran:
        sheet, frame = sheets[table.key], template_frame(table.nomor)
        cells, heights = annex_cells(report, table, frame, adapter.grid(sheet).height)
        adapter.write_cells(sheet, cells, (frame.first_row, 1, frame.ncols),
                            (frame.first_row, heights))
        rows[sheet] = len(table.rows)
    return Filled(jenis, rows)


def annex_cells(report: Report, table: LampiranTable, frame: AnnexFrame,
                previous_end: int = 0) -> tuple[list[CellSpec], dict[int, float]]:
    """The cells of one filled annex, from the frame's first data row down, and the
    heights of the data rows. Every cell up to `previous_end` (how far the sheet
    reached before) gets a format, so a shorter fill leaves no stale borders."""
    cells: dict[tuple[int, int], CellSpec] = {}
    heights: dict[int, float] = {}
    rows = table.rows or []
    for i, data in enumerate(rows):
        r = frame.first_row + i
        heights[r] = row_height(table, data.cells, data.level)
        for c, (col, value) in enumerate(zip(table.columns, data.cells), start=1):
            cells[(r, c)] = CellSpec(r, c, cell_value(value, col.kind),
                                     role=like(frame.style_row(data.level)))
    if not rows:
        r = frame.first_row
        target = nihil_column(table)
        for c in range(1, frame.ncols + 1):
            cells[(r, c)] = CellSpec(r, c, NO_DATA if c == target + 1 else None,
                                     role=like(frame.style_row("data")))
    last_row = frame.last_row(max(len(rows), 1))
    notes = notes_of(report, table)
    for i, text in enumerate(notes, start=1):
        cells[(last_row + i, 1)] = CellSpec(last_row + i, 1, text,
                                            role=like(frame.style_row("catatan")))
    sig = frame.signature_row(last_row, len(notes))
    lines = report_kop(report, table).tanda_tangan
    for i, text in enumerate(lines):
        kind = "ttd_nama" if i == len(lines) - 2 else "ttd"
        cells[(sig + i, frame.sign_col)] = CellSpec(sig + i, frame.sign_col, text or None,
                                                    role=like(frame.style_row(kind)))
    blank = like(frame.style_row("kosong"))
    for r in range(frame.first_row, max(sig + len(lines) - 1, previous_end) + 1):
        for c in range(1, frame.ncols + 1):
            cells.setdefault((r, c), CellSpec(r, c, None, role=blank))
    return sorted(cells.values(), key=lambda s: (s.row, s.col)), heights


def notes_of(report: Report, table: LampiranTable) -> list[str]:
    """Which report the rows belong to (the template's title is the same for all three),
    and the table's own note (NIK masking)."""
    text = f"Isi lampiran: {report.nama_laporan} TA {report.tahun}, periode {report.rentang}."
    if table.nomor == 1:  # the template's headers say "Periode Ini"; these are the report's
        text += (f" Kolom (8) = {table.columns[7].header}; "
                 f"kolom (9) = {table.columns[8].header}.")
    return [text] + ([table.catatan] if table.catatan else [])


def cell_value(value: object, kind: str) -> object:
    """A table value as the cell holds it: exact int rupiah, a date as its serial day
    (the frame's date format shows it), a percentage as a fraction; '' as no value."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        if kind == "percent":
            value = value / 100
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return (value - EXCEL_EPOCH).days
    return value


def _sheet_name(adapter, layout: Layout, key: str) -> str:
    """The workbook's own spelling of the Lampiran sheet (Excel ignores case)."""
    wanted = layout.outputs[key].sheet
    for name in adapter.sheet_names():
        if name.lower() == wanted.lower():
            return name
    raise WorkbookReadError(
        f"Sheet '{wanted}' tidak ada di buku kerja; lampiran tidak dapat diisi. Gunakan "
        "templat terbaru (perintah 'xlplugin build') lalu salin data ke dalamnya.")


def _check_frame(adapter, sheet: str, frame: AnnexFrame) -> None:
    """Write only into a sheet that still has the template's frame: the column-number
    row (1)..(n) where the declaration puts it, and the hidden style rows above."""
    grid = adapter.grid(sheet)
    row = frame.header_row + 1
    numbers = [grid.value(row, c) for c in range(1, frame.ncols + 1)]
    if numbers != [f"({c})" for c in range(1, frame.ncols + 1)]:
        raise WorkbookReadError(
            f"Sheet '{sheet}' tidak lagi berbentuk bingkai lampiran templat (baris nomor "
            f"kolom (1)..({frame.ncols}) tidak ada di baris {row}); lampiran tidak diisi. "
            "Gunakan templat terbaru.")
