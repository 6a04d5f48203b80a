"""The old workbook's input cells, read through ITS layout, raw: each value as the
cell holds it (what the user typed, invalid values too), with the sheet and cell it
came from so anything that cannot be placed can be pointed at.

Columns are found by header text (`io.headers.locate_columns`, as every reader does),
so a column the user moved still carries. Formula columns are not read: the new
template computes them. Rows keep their position below the header (nothing is
compacted); blank rows are simply not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from ..io.headers import locate_columns, norm
from ..layout.model import Layout, Table, column_index, column_letter


@dataclass
class RawCell:
    value: object
    sheet: str | None = None  # where the old workbook held it (None: made by a step)
    cell: str | None = None


@dataclass
class RawRow:
    offset: int  # 0 = first data row below the header
    cells: dict[str, RawCell] = field(default_factory=dict)  # column key -> value
    stored: RawCell | None = None  # the stored status ("Status Tersimpan")


@dataclass
class RawBook:
    layout: Layout  # the layout it was read through
    profil: dict[str, RawCell] = field(default_factory=dict)
    tables: dict[str, list[RawRow]] = field(default_factory=dict)
    # pictures pasted on input sheets (e.g. a Dokumentasi row's photo): not cells, so
    # not carried; each is listed for the user to paste again
    pictures: list[RawCell] = field(default_factory=list)


def read_raw(adapter, layout: Layout) -> RawBook:
    """Every input value of the workbook behind `adapter` (a FileAdapter)."""
    present = adapter.sheet_names()
    book = RawBook(layout)
    sheet = _actual(present, layout.profil.sheet)
    if sheet is not None:
        book.profil = _profil(adapter.grid(sheet), layout, sheet)
    for key, table in layout.tables.items():
        sheet = _actual(present, table.sheet)
        book.tables[key] = _rows(adapter.grid(sheet), table, sheet) if sheet else []
    book.pictures = _pictures(adapter, present, layout)
    return book


def _pictures(adapter, present: list[str], layout: Layout) -> list[RawCell]:
    from ..ooxml.pictures import sheet_pictures

    package = getattr(adapter, "package", None)
    if package is None:
        return []
    sheets = [layout.profil.sheet, *(t.sheet for t in layout.tables.values())]
    out = []
    for name in filter(None, (_actual(present, s) for s in sheets)):
        for pic in sheet_pictures(package, name):
            out.append(RawCell(f"gambar ({len(pic.data):,} bita)".replace(",", "."), name,
                               f"{column_letter(pic.column)}{pic.row}"))
    return out


def _actual(present: list[str], wanted: str) -> str | None:
    """The workbook's name for a layout sheet (case and spaces aside, as the reader)."""
    if wanted in present:
        return wanted
    return {norm(name): name for name in present}.get(norm(wanted))


def _profil(grid, layout: Layout, sheet: str) -> dict[str, RawCell]:
    form = layout.profil
    label_col, value_col = column_index(form.label_column), column_index(form.value_column)
    rows = {}
    for row in range(1, grid.height + 1):
        rows.setdefault(norm(grid.value(row, label_col)), row)
    out = {}
    for f in form.fields:
        row = rows.get(norm(f.label), f.row)
        value = raw_value(grid.value(row, value_col))
        if value is not None:
            out[f.key] = RawCell(value, sheet, f"{form.value_column}{row}")
    return out


def _rows(grid, table: Table, sheet: str) -> list[RawRow]:
    cols = locate_columns(grid, table, sheet)
    inputs = [(c.key, cols.columns[c.key]) for c in table.columns
              if c.is_input and c.key in cols.columns]
    out = []
    for row in range(cols.header_row + 1, grid.height + 1):
        raw = RawRow(row - cols.header_row - 1)
        for key, col in inputs:
            value = raw_value(grid.value(row, col))
            if value is not None:
                raw.cells[key] = RawCell(value, sheet, f"{column_letter(col)}{row}")
        if raw.cells:  # a stored status of an empty row says nothing worth carrying
            if cols.stored is not None:
                stored = raw_value(grid.value(row, cols.stored))
                if stored is not None:
                    raw.stored = RawCell(stored, sheet, f"{column_letter(cols.stored)}{row}")
            out.append(raw)
    return out


def raw_value(value: object) -> object:
    """A grid value as it is written back: None for empty; a whole float as the int it
    was typed as (the grid gives every number as float); a date-time at midnight as
    the date typed."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    return value


def header_of(layout: Layout, table: str, key: str) -> str:
    """The header (Profil: the label) a layout shows for a column; the key when none."""
    try:
        if table == "Profil":
            return layout.profil.field(key).label
        return layout.tables[table].column(key).header
    except (KeyError, ValueError):
        return key
