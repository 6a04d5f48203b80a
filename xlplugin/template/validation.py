"""Excel data validation for input cells, by layout type, with Indonesian messages.

Works with macros off: dropdowns (menu -> rincian -> varian dependent through INDIRECT), whole
and decimal numbers >= 0, dates in a wide range, NIK as 16 characters of text.
openpyxl stores list sources without a leading "=", as Excel expects.

The input prompt a selected cell shows is the column's help in one line (`help.toml`:
what to type, unit, example, the rules that read it); a free-text column with help gets
a validation that accepts anything, for its prompt alone. The error message keeps the
type's own rule.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from ..layout.model import Column, Layout, Table, help_for
from .sheets.daftar import dependent_source, list_name

DATE_MIN, DATE_MAX = "DATE(2000,1,1)", "DATE(2100,12,31)"
DEPENDS_LABEL = {"rincian": "Menu", "varian": "Rincian"}  # the parent column, as users see it
# Lists whose items are "ID — label": the engine also reads the ID typed alone ("jpl-a1"),
# so Excel warns instead of refusing it.
ID_LISTS = {"aturan_persetujuan": "JPL-A1"}
NUMBER_RULES = {
    "int": ("whole", "bilangan bulat 0 atau lebih"),
    "money": ("whole", "nilai rupiah bulat 0 atau lebih, tanpa titik/Rp"),
    "decimal": ("decimal", "angka 0 atau lebih (desimal memakai koma sesuai pengaturan Windows)"),
}


def validation_for(label: str, kind: str, list_key: str | None,
                   depends_on_cell: str | None = None,
                   prompt: str | None = None) -> DataValidation | None:
    """The validation of one input column/field (None for free text without `prompt`);
    `prompt`, when given, is the input message in place of the type's rule."""
    dv = _typed(label, kind, list_key, depends_on_cell)
    if dv is None and prompt:
        dv = DataValidation(allow_blank=True, showErrorMessage=False, showInputMessage=True)
        dv.promptTitle = _title(label)
    if dv is not None and prompt:
        dv.prompt = prompt[:255]
    return dv


def _typed(label: str, kind: str, list_key: str | None,
           depends_on_cell: str | None) -> DataValidation | None:
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
        help_ = help_for(table.key, col.key)
        dv = validation_for(col.header, col.type, col.list, _depends_cell(table, col),
                            help_.prompt() if help_ else None)
        if dv is not None:
            dv.add(f"{col.letter}{table.first_row}:{col.letter}{table.last_row}")
            ws.add_data_validation(dv)


def add_form_validations(ws, layout: Layout) -> None:
    form = layout.profil
    for f in form.fields:
        help_ = help_for(form.key, f.key)
        dv = validation_for(f.label, f.type, f.list, prompt=help_.prompt() if help_ else None)
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
    if list_key in ID_LISTS:
        message = (f"sebaiknya dipilih dari daftar; ID aturannya saja (mis. {ID_LISTS[list_key]}) "
                   "juga dibaca.")
        return _dv("list", label, message, formula1=source, errorStyle="warning")
    return _dv("list", label, message, formula1=source)


def _dv(dv_type: str, label: str, message: str, errorStyle: str = "stop",
        **kw) -> DataValidation:
    return DataValidation(
        type=dv_type, allow_blank=True, showErrorMessage=True, showInputMessage=True,
        errorStyle=errorStyle, errorTitle="Isian tidak sah"[:32],
        error=f"{label}: {message}"[:255], promptTitle=_title(label),
        prompt=message[0].upper() + message[1:255], **kw,
    )


def _title(label: str) -> str:
    return (label if len(label) <= 28 else label[:27] + "…")[:32]

