"""The Profil sheet: a form of label / value / note rows, cells from the layout."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName

from ...layout.model import Layout, column_index
from ...reports.sheet import write_value
from .. import styles
from ..formulas import quote_sheet
from ..validation import add_form_validations
from .tables import BANNER_LINE, BANNER_NAME, cell_value, protect

NOTES = {
    "bool": "Pilih Ya/Tidak",
    "date": "Tanggal, format dd/mm/yyyy",
    "money": "Rupiah, angka tanpa titik",
    "int": "Angka",
}


def build_profil_sheet(ws, layout: Layout, profil=None) -> None:
    form = layout.profil
    subtitle = "Kolom bertanda * wajib diisi. Sel putih diisi; sel lain terkunci."
    styles.style_title_block(ws, form.title, subtitle, form.instructions, layout.meta, 4)
    _banner_line(ws, form.fields[0].row - 1)
    label_col, value_col = column_index(form.label_column), column_index(form.value_column)
    note_col = column_index(form.note_column)
    for number, f in enumerate(form.fields, start=1):
        ws.cell(f.row, 1, number).font = styles.BODY_FONT
        label = ws.cell(f.row, label_col, f.label + (" *" if f.required else ""))
        label.font, label.fill, label.border = styles.BODY_FONT, styles.LABEL_FILL, styles.BOX
        label.alignment = styles.WRAP_TOP
        value = ws.cell(f.row, value_col)
        styles.style_input(value, f.type, f.key)
        value.alignment = Alignment(horizontal="left", vertical="top")
        if profil is not None:
            write_value(value, cell_value(getattr(profil, f.key, None), f.type))
        note = ws.cell(f.row, note_col, NOTES.get(f.type, ""))
        note.font = styles.SUBTITLE_FONT
        ws.row_dimensions[f.row].height = 30 if len(f.label) > 55 else None
    _widths(ws, form)
    add_form_validations(ws, layout)
    _setup(ws, form)


def _banner_line(ws, row: int) -> None:
    cell = ws.cell(row, 1, BANNER_LINE)
    cell.font = styles.Font(name=styles.FONT_NAME, size=10, bold=True, color="C00000")
    ws.defined_names[BANNER_NAME] = DefinedName(
        BANNER_NAME, attr_text=f"{quote_sheet(ws.title)}!${row}:${row}")


def _widths(ws, form) -> None:
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions[form.label_column].width = 62
    ws.column_dimensions[form.value_column].width = 44
    ws.column_dimensions[form.note_column].width = 28


def _setup(ws, form) -> None:
    ws.freeze_panes = f"A{form.fields[0].row}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:{form.note_column}{form.fields[-1].row}"
    protect(ws)
