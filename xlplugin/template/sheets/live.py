"""The hidden `Status Langsung` sheet: the one Python call of the live check.

Column B counts each input table's filled rows (native formulas), column C says where
each status table's statuses start in the result; column D holds the array formula
`DAK_PERIKSA`, whose result the table sheets' status cells and the Rekap's Python
totals read by position. The names it defines are the
contract of `xlplugin.layout.udf`.
"""

from __future__ import annotations

from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

from ...layout import udf
from ...layout.model import Layout, column_letter
from .. import styles
from .rekap import REKAP_COLUMNS, rekap_rows
from .tables import protect


def kode_range(layout: Layout, pack) -> tuple[str, int]:
    """The Rekap code column over its code rows, and how many rows that is."""
    rows = rekap_rows(layout, pack)
    first, last = min(rows.codes.values()), max(rows.codes.values())
    letter = column_letter(REKAP_COLUMNS.index("kode") + 1)
    sheet = udf.quote_sheet(layout.outputs["Rekap"].sheet)
    return f"{sheet}!${letter}${first}:${letter}${last}", last - first + 1


def build_live_sheet(ws, wb, layout: Layout, pack) -> None:
    if ws.title != udf.LIVE_SHEET:
        raise ValueError(f"sheet {ws.title!r} bukan {udf.LIVE_SHEET!r} (layout.toml)")
    ref, codes = kode_range(layout, pack)
    ws.cell(udf.LIVE_TITLE_ROW, 1, layout.outputs["StatusLangsung"].title).font = \
        styles.TITLE_FONT
    ws.cell(udf.LIVE_TITLE_ROW + 1, 1,
            "Dipakai rumus kolom Status Periksa dan Rekap; isinya dihitung ulang setiap "
            "kali data berubah.").font = styles.SUBTITLE_FONT
    _counts(ws, layout)
    _result_block(ws, layout, codes)
    for name, target in udf.defined_names(layout, ref, codes).items():
        wb.defined_names[name] = DefinedName(name, attr_text=target)
    protect(ws)


def _counts(ws, layout: Layout) -> None:
    """Per table its row count (B) and, for a status table, where its statuses start in
    the result column (C); the totals' start below the tables."""
    header = udf.LIVE_HEADER_ROW
    titles = ("Tabel", "Baris sampai baris terisi terakhir", "Mulai di kolom hasil (baris ke-)")
    for col, title in enumerate(titles, start=1):
        styles.style_header(ws.cell(header, col, title))
    for letter, width in (("A", 24), ("B", 16), ("C", 16)):
        ws.column_dimensions[letter].width = width
    status = udf.status_tables(layout)
    for i, key in enumerate(udf.ARG_TABLES):
        row = udf.LIVE_FIRST_ROW + i
        ws.cell(row, 1, layout.tables[key].sheet).font = styles.BODY_FONT
        ws.cell(row, 2, udf.count_formula(layout, key)).font = styles.BODY_FONT
        if key in status:
            ws.cell(row, 3, udf.start_formula(layout, key)).font = styles.BODY_FONT
    row = udf.LIVE_FIRST_ROW + len(udf.ARG_TABLES)
    ws.cell(row, 1, "Total RAB per kode Rekap").font = styles.BODY_FONT
    ws.cell(row, 3, udf.start_formula(layout, udf.TOTAL_KEY)).font = styles.BODY_FONT


def _result_block(ws, layout: Layout, codes: int) -> None:
    cell = ws[f"{udf.RESULT_COLUMN}{udf.LIVE_HEADER_ROW}"]
    cell.value = "Hasil: status setiap tabel berurutan, lalu total RAB per kode Rekap"
    styles.style_header(cell)
    ws.column_dimensions[udf.RESULT_COLUMN].width = 60
    block = udf.result_range(layout, codes)
    ws[block.split(":")[0]].value = ArrayFormula(block, udf.check_formula())
