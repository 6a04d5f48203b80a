"""The contract between the template's formulas and the xlwings UDFs in `udfs/`.

Every status UDF takes the same ranges in the same order (all input data areas), so
one engine run serves them all (the UDF module memoises on the inputs' content).
The template writes `status_formula(...)` into each table's status column as a
legacy array formula (Excel 2016 has no dynamic arrays).
"""

from __future__ import annotations

from .model import Layout

STATUS_UDF = {
    "KAK": "DAK_STATUS_KAK",
    "RAB": "DAK_STATUS_RAB",
    "Peserta": "DAK_STATUS_PESERTA",
    "Narasumber": "DAK_STATUS_NARASUMBER",
    "Pendamping": "DAK_STATUS_PENDAMPING",
    "Jadwal": "DAK_STATUS_JADWAL",
    "Realisasi": "DAK_STATUS_REALISASI",
}
TOTAL_UDF = "DAK_TOTAL"  # DAK_TOTAL(kode menu/rincian, <the same ranges>) -> rupiah

# Order of the ranges every status/total UDF receives after its own arguments.
ARG_TABLES = ("Sentra", "KAK", "RAB", "SSH", "Peserta", "Narasumber", "Pendamping", "Jadwal",
              "Realisasi")


def profil_range(layout: Layout) -> str:
    form = layout.profil
    first, last = form.fields[0].row, form.fields[-1].row
    return f"'{form.sheet}'!${form.value_column}${first}:${form.value_column}${last}"


def table_range(layout: Layout, key: str) -> str:
    """The whole data area of a table (all columns, all capacity rows, no header)."""
    t = layout.tables[key]
    return f"'{t.sheet}'!$A${t.first_row}:${t.last_letter}${t.last_row}"


def argument_ranges(layout: Layout) -> list[str]:
    return [profil_range(layout)] + [table_range(layout, k) for k in ARG_TABLES]


# Workbook-level name the VBA sets TRUE once it found Python, xlplugin and the matching
# xlwings; the template defines it FALSE. xlwings' wrapper returns a missing Python as
# English text (not an Excel error), so IFERROR alone would not keep the cells blank.
PYTHON_READY_NAME = "xlp_PythonSiap"


def status_formula(layout: Layout, key: str) -> str:
    """Blank where macros are off or Python is absent; the row statuses otherwise."""
    args = ",".join(argument_ranges(layout))
    return f'=IFERROR(IF({PYTHON_READY_NAME},{STATUS_UDF[key]}({args}),""),"")'


def total_formula(layout: Layout, code_cell: str) -> str:
    args = ",".join(argument_ranges(layout))
    return f'=IFERROR(IF({PYTHON_READY_NAME},{TOTAL_UDF}({code_cell},{args}),""),"")'
