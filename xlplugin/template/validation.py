"""Excel data validation for input cells, by layout type, with Indonesian messages.

Works with macros off: dropdowns (menu -> rincian -> varian dependent through INDIRECT), whole
and decimal numbers >= 0, dates in a wide range, NIK as 16 characters of text.
openpyxl stores list sources without a leading "=", as Excel expects.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from ..layout.model import Column, Layout, Table
from .sheets.daftar import dependent_source, list_name

DATE_MIN, DATE_MAX = "DATE(2000,1,1)", "DATE(2100,12,31)"
DEPENDS_LABEL = {"rincian": "Menu", "varian": "Rincian"}  # the parent column, as users see it
NUMBER_RULES = {
    "int": ("whole", "bilangan bulat 0 atau lebih"),
    "money": ("whole", "nilai rupiah bulat 0 atau lebih, tanpa titik/Rp"),
    "decimal": ("decimal", "angka 0 atau lebih (desimal memakai koma sesuai pengaturan Windows)"),
}


def validation_for(label: str, kind: str, list_key: str | None,
                   depends_on_cell: str | None = None) -> DataValidation | None:
    """The validation of one input column/field, or None for free text."""
    if list_key:
        return _list(label, list_key, depends_on_cell)
    if kind in NUMBER_RULES:
        dv_type, what = NUMBER_RULES[kind]
        return _dv(dv_type, label, f"harus {what}.", operator="greaterThanOrEqual",
                   formula1="0")
    if kind == "percent":
        return _dv("decimal", label, "harus persen 0 sampai 100 (tanpa tanda %).",
                   operator="between", formula1="0", formula2="100")
    if kind == "date":
        return _dv("date", label, "harus tanggal (dd/mm/yyyy) antara tahun 2000 dan 2100.",
                   operator="between", formula1=DATE_MIN, formula2=DATE_MAX)
    if kind == "nik":
        return _dv("textLength", label, "harus NIK 16 digit, ditulis sebagai teks.",
                   operator="equal", formula1="16")
    return None


def add_table_validations(ws, layout: Layout, table: Table) -> None:
    for col in table.columns:
        if not col.is_input:
            continue
        dv = validation_for(col.header, col.type, col.list, _depends_cell(table, col))
        if dv is not None:
            dv.add(f"{col.letter}{table.first_row}:{col.letter}{table.last_row}")
            ws.add_data_validation(dv)


def add_form_validations(ws, layout: Layout) -> None:
    form = layout.profil
    for f in form.fields:
        dv = validation_for(f.label, f.type, f.list)
        if dv is not None:
            dv.add(form.cell(f.key))
            ws.add_data_validation(dv)


def _depends_cell(table: Table, col: Column) -> str | None:
    if not col.depends_on:
        return None
    return f"${table.column(col.depends_on).letter}{table.first_row}"


def _list(label: str, list_key: str, depends_on_cell: str | None) -> DataValidation:
    if depends_on_cell:
        source = dependent_source(list_key, depends_on_cell)
        parent = DEPENDS_LABEL[list_key]
        message = (f"harus dipilih dari daftar; pilih {parent} lebih dahulu, daftar mengikuti "
                   f"{parent}.")
    else:
        source = list_name(list_key)
        message = "harus dipilih dari daftar pilihan."
    return _dv("list", label, message, formula1=source)


def _dv(dv_type: str, label: str, message: str, **kw) -> DataValidation:
    short = label if len(label) <= 28 else label[:27] + "…"
    return DataValidation(
        type=dv_type, allow_blank=True, showErrorMessage=True, showInputMessage=True,
        errorStyle="stop", errorTitle="Isian tidak sah"[:32],
        error=f"{label}: {message}"[:255], promptTitle=short[:32],
        prompt=message[0].upper() + message[1:255], **kw,
    )

