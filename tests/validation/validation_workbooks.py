"""Workbooks for the validation tests, built by code through the layout.

`template_workbook(doc, path)` uses the real template build when it exists
(`xlplugin.template.build.build_template`), else lays out the sheets with openpyxl
through the layout (headers at the layout's header row, Profil values in its value
column, the Temuan sheet from its own module, an array formula in each status
column as the template has).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from xlplugin.domain.records import TABLE_ATTR, field_names
from xlplugin.domain.values import Invalid
from xlplugin.layout import load_layout


def template_workbook(doc, path: Path, *, use_builder: bool = True) -> Path:
    """The real template filled with `doc` (a build failure fails the test), or, where a
    test asks for a macro-free workbook, one laid out by openpyxl through the layout."""
    if not use_builder:
        return openpyxl_workbook(doc, path)
    from xlplugin.template.build import build_template

    target = path.with_suffix(".xlsm")
    out = build_template(doc=doc, out=target)
    return Path(out) if out else target


def cell_value(value):
    if isinstance(value, Invalid):
        return value.raw
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def openpyxl_workbook(doc, path: Path) -> Path:
    import openpyxl
    from openpyxl.worksheet.formula import ArrayFormula

    from xlplugin.io.headers import STATUS_HEADER
    from xlplugin.layout.udf import legacy_status_formula
    from xlplugin.template.sheets.temuan import build_temuan_sheet

    layout = load_layout()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    form = layout.profil
    ws = wb.create_sheet(form.sheet)
    ws["A1"] = form.title
    for f in form.fields:
        ws[f"{form.label_column}{f.row}"] = f.label
        value = cell_value(getattr(doc.profil, f.key))
        if value is not None:
            ws[form.cell(f.key)] = value
            if isinstance(value, date):
                ws[form.cell(f.key)].number_format = "dd/mm/yyyy"
    for key, table in layout.tables.items():
        ws = wb.create_sheet(table.sheet)
        ws["A1"] = table.title
        for c in table.columns:
            ws[f"{c.letter}{table.header_row}"] = c.header
        if table.status:
            ws.cell(table.header_row, len(table.columns) + 1, STATUS_HEADER)
            ref = f"{table.status_letter}{table.first_row}:{table.status_letter}{table.last_row}"
            ws[f"{table.status_letter}{table.first_row}"] = ArrayFormula(
                ref, legacy_status_formula(layout, key))
        for record in getattr(doc, TABLE_ATTR[key]):
            for name in field_names(type(record)):
                value = cell_value(getattr(record, name))
                if value is None:
                    continue
                cell = ws[table.cell(name, record.row)]
                cell.value = value
                if isinstance(value, date):
                    cell.number_format = "dd/mm/yyyy"
                elif table.column(name).type in ("nik", "code"):
                    cell.number_format = "@"
    ws = wb.create_sheet(layout.outputs["Temuan"].sheet)
    build_temuan_sheet(ws, layout, None)
    wb.save(path)
    return path
