"""The contract between the template's formulas and the xlwings UDFs in `udfs/`.

One call serves the whole workbook (issue 13). A hidden sheet, "Status Langsung",
holds one legacy array formula, `DAK_PERIKSA`, that receives the Profil column, the
Rekap code column and every input table trimmed to its filled rows, and returns one
column: each checked table's statuses, one table after the other, then the RAB total of
every Rekap code (the fewest cells Excel has to take back; a start cell per table says
where its statuses begin). Trimming is
native and not volatile: a helper cell per table counts the rows up to its last filled
row, and the table's argument is the INDEX-bounded range
`INDEX(A6:L2005,1,1):INDEX(A6:L2005,n,12)` held in a defined name. A one-cell edit
therefore sends the filled rows once through COM, not every capacity row once per
formula.

Each table row shows its status with an ordinary formula: the live text while Python
answers, else the text Validasi stored as a value in the hidden "Status Tersimpan"
column beside it, so macros off, LibreOffice and Protected View keep the last result.

Workbooks built before (the "legacy" contract: seven status arrays and 21 DAK_TOTAL
cells, each passing every capacity range) still call `STATUS_UDF`/`TOTAL_UDF`; the UDF
module keeps them, and `legacy_*_formula` below describe them.
"""

from __future__ import annotations

from .model import Layout, Table, column_letter, quote_sheet

STATUS_UDF = {
    "KAK": "DAK_STATUS_KAK",
    "RAB": "DAK_STATUS_RAB",
    "Peserta": "DAK_STATUS_PESERTA",
    "Narasumber": "DAK_STATUS_NARASUMBER",
    "Pendamping": "DAK_STATUS_PENDAMPING",
    "Jadwal": "DAK_STATUS_JADWAL",
    "Realisasi": "DAK_STATUS_REALISASI",
}
TOTAL_UDF = "DAK_TOTAL"  # legacy: DAK_TOTAL(kode, <the same ranges>) -> rupiah
CHECK_UDF = "DAK_PERIKSA"  # DAK_PERIKSA(kode, profil, <tables>) -> statuses and totals

# Order of the tables the 0.1.0 UDFs receive after their own arguments.
LEGACY_TABLES = ("Sentra", "KAK", "RAB", "SSH", "Peserta", "Narasumber", "Pendamping",
                 "Jadwal", "Realisasi")
# Order of the tables DAK_PERIKSA receives after the Rekap codes and the Profil column
# (a new table goes at the end, with its parameter in `udfs.dak_udfs`). Narasi and
# Dokumentasi are not passed: no rule reads them (they feed the report only), so the
# live check would send their long texts through COM on every edit for nothing.
ARG_TABLES = (*LEGACY_TABLES, "Persetujuan")

# Workbook-level name the VBA sets TRUE once it found Python, xlplugin and the matching
# xlwings; the template defines it FALSE. xlwings' wrapper returns a missing Python as
# English text (not an Excel error), so IFERROR alone would not keep the cells blank.
PYTHON_READY_NAME = "xlp_PythonSiap"

LIVE_SHEET = "Status Langsung"
LIVE_TITLE_ROW = 1
LIVE_HEADER_ROW = 3
LIVE_FIRST_ROW = 4  # first table's count, and first row of the live result block
COUNT_COLUMN = "B"  # the filled-row count of each ARG_TABLES entry, in that order
START_COLUMN = "C"  # where each status table's statuses start in the result column
RESULT_COLUMN = "D"  # the result: the status tables' statuses one after the other, then
# the totals; each table has as many as the rows passed (its count, at least one)
GROWTH = 2  # tables may grow by Tambah Baris to this many times their capacity

PROFIL_NAME = "xlp_Profil"
KODE_NAME = "xlp_Kode"
RESULT_NAME = "xlp_Hasil"
TOTAL_KEY = "Total"  # the start name of the totals: xlp_Mulai_Total


def status_tables(layout: Layout) -> list[str]:
    """The tables with a status column, in argument order: the order of their statuses
    in the result column."""
    return [k for k in ARG_TABLES if layout.tables[k].status]


def input_name(key: str) -> str:
    return f"xlp_Isi_{key}"


def count_name(key: str) -> str:
    return f"xlp_Baris_{key}"


def start_name(key: str) -> str:
    return f"xlp_Mulai_{key}"


def _row_of(key: str) -> int:
    """The live sheet's row of a table's count and start (the totals' start below)."""
    return LIVE_FIRST_ROW + (ARG_TABLES.index(key) if key in ARG_TABLES else len(ARG_TABLES))


def count_cell(key: str) -> str:
    """`'Status Langsung'!$B$6`: the filled-row count of one table."""
    return f"{quote_sheet(LIVE_SHEET)}!${COUNT_COLUMN}${_row_of(key)}"


def start_cell(key: str) -> str:
    return f"{quote_sheet(LIVE_SHEET)}!${START_COLUMN}${_row_of(key)}"


def start_formula(layout: Layout, key: str) -> str:
    """Where a status table's statuses (or, for TOTAL_KEY, the totals) start in the
    result column, 0-based: after every status table before it, each one row at least."""
    before = status_tables(layout)
    before = before[:before.index(key)] if key in before else before
    if not before:
        return "=0"
    last = before[-1]
    return (f"={START_COLUMN}{_row_of(last)}+MAX(1,{COUNT_COLUMN}{_row_of(last)})")


def result_height(layout: Layout, codes: int = 0) -> int:
    """Rows of the result column: every status table grown to GROWTH x its capacity by
    Tambah Baris, and the totals (rows past a table's end show no status; Tambah Baris
    stops there)."""
    return GROWTH * sum(layout.tables[k].capacity for k in status_tables(layout)) + codes


def table_limit(layout: Layout, key: str) -> int:
    """The most rows a table may have and still get live statuses."""
    return GROWTH * layout.tables[key].capacity


def result_range(layout: Layout, codes: int) -> str:
    end = LIVE_FIRST_ROW + result_height(layout, codes) - 1
    return f"{RESULT_COLUMN}{LIVE_FIRST_ROW}:{RESULT_COLUMN}{end}"


def profil_range(layout: Layout) -> str:
    form = layout.profil
    first, last = form.fields[0].row, form.fields[-1].row
    return f"{quote_sheet(form.sheet)}!${form.value_column}${first}:${form.value_column}${last}"


def table_range(layout: Layout, key: str) -> str:
    """The whole data area of a table (all columns, all capacity rows, no header)."""
    t = layout.tables[key]
    return f"{quote_sheet(t.sheet)}!$A${t.first_row}:${t.last_letter}${t.last_row}"


def filled_range(layout: Layout, key: str) -> str:
    """The data area down to the counted last filled row (at least one row): native,
    not volatile, and a reference, so xlwings receives a Range of just those rows.

    Written INDEX(area,1,1):INDEX(area,n,width) rather than A6:INDEX(...): Excel and
    LibreOffice read both, the `formulas` package only the first."""
    t = layout.tables[key]
    area = table_range(layout, key)
    last = f"INDEX({area},MAX(1,{count_cell(key)}),{len(t.columns)})"
    return f"INDEX({area},1,1):{last}"


def count_formula(layout: Layout, key: str) -> str:
    """Rows from the first data row to the last row with any input (0 when empty).

    The input columns' texts are joined row by row, so one 1-D array is measured
    whatever the column count (formula columns show 0 on empty rows and are left out).
    SUMPRODUCT makes Excel and LibreOffice evaluate MAX's argument as an array without
    array entry. A cell holding an error makes the count fall back to the capacity."""
    t = layout.tables[key]
    sheet = quote_sheet(t.sheet)
    columns = [f"{sheet}!${c.letter}${t.first_row}:${c.letter}${t.last_row}"
               for c in t.columns if c.is_input]
    header = f"ROW({sheet}!$A${t.header_row})"
    joined = "&".join(columns)
    return (f"=IFERROR(SUMPRODUCT(MAX((LEN({joined})>0)*(ROW({columns[0]})-{header}))),"
            f"{t.capacity})")


def defined_names(layout: Layout, kode_range: str, codes: int) -> dict[str, str]:
    """Every workbook name the live contract uses, and what it refers to."""
    result = result_range(layout, codes).replace(RESULT_COLUMN, f"${RESULT_COLUMN}$")
    names = {PROFIL_NAME: profil_range(layout), KODE_NAME: kode_range,
             RESULT_NAME: f"{quote_sheet(LIVE_SHEET)}!{result}",
             start_name(TOTAL_KEY): start_cell(TOTAL_KEY)}
    for key in ARG_TABLES:
        names[input_name(key)] = filled_range(layout, key)
        names[count_name(key)] = count_cell(key)
    for key in status_tables(layout):
        names[start_name(key)] = start_cell(key)
    return names


def check_formula() -> str:
    """The one array formula of the live result block (under 255 characters, so VBA's
    Range.FormulaArray can enter it again)."""
    args = ",".join([KODE_NAME, PROFIL_NAME] + [input_name(k) for k in ARG_TABLES])
    return f'=IF({PYTHON_READY_NAME},{CHECK_UDF}({args}),"")'


def stored_letter(table: Table) -> str | None:
    """The hidden column right of the status column holding the stored status values."""
    return column_letter(len(table.columns) + 2) if table.status else None


def status_formula(layout: Layout, key: str, row: int) -> str:
    """One row's status: live while Python answers, the stored text otherwise. The live
    one is the row's place among its table's passed rows, counted from the table's start
    in the result column; a row past them (emptied since) shows none."""
    t = layout.tables[key]
    place = f"ROW()-ROW(${t.status_letter}${t.header_row})"
    stored = f"{stored_letter(t)}{row}"
    live = (f'IF({place}>MAX(1,{count_name(key)}),"",'
            f'IFERROR(INDEX({RESULT_NAME},{start_name(key)}+{place}),""))')
    return f'=IF({PYTHON_READY_NAME},{live},{stored}&"")'


def total_formula(header_cell: str) -> str:
    """A Rekap row's Python total: its place below the header, after the statuses."""
    place = f"ROW()-ROW({header_cell})"
    return (f'=IF({PYTHON_READY_NAME},IFERROR(INDEX({RESULT_NAME},'
            f'{start_name(TOTAL_KEY)}+{place}),""),"")')


# ---------------------------------------------------------------- legacy contract (0.1.0)
def argument_ranges(layout: Layout) -> list[str]:
    return [profil_range(layout)] + [table_range(layout, k) for k in LEGACY_TABLES]


def legacy_status_formula(layout: Layout, key: str) -> str:
    """The array formula of a 0.1.0 status column: every capacity range, every call."""
    args = ",".join(argument_ranges(layout))
    return f'=IFERROR(IF({PYTHON_READY_NAME},{STATUS_UDF[key]}({args}),""),"")'


def legacy_total_formula(layout: Layout, code_cell: str) -> str:
    args = ",".join(argument_ranges(layout))
    return f'=IFERROR(IF({PYTHON_READY_NAME},{TOTAL_UDF}({code_cell},{args}),""),"")'
