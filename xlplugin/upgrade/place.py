"""Write the carried values into a freshly built current template.

The template is built exactly as `xlplugin build` builds it (`template.build`): the
openpyxl workbook first, the values written into its input cells with the column's
input style (as the builder writes records), then the cached formula values and the
macro layer (VBA project, ribbon). Validations, protection and formulas are the
template's own; only input cells and stored statuses are written.
"""

from __future__ import annotations

from collections import Counter
from copy import copy

from ..layout.model import Layout, Table
from ..layout.udf import stored_letter
from ..reports.sheet import write_value
from ..template import styles
from ..template.build import build_workbook, workbook_bytes
from ..template.sheets.daftar import resolve_lists
from ..template.sheets.tables import _prototype
from .leftovers import NO_TABLE, NOT_OFFERED, OVERFLOW, REMOVED, Leftover
from .source import RawBook, RawCell, header_of

COMPUTED = "kolom ini dihitung otomatis di templat baru"


class Placed:
    """What went where: cells per sheet of the new workbook, and what did not fit."""

    def __init__(self):
        self.cells: Counter[str] = Counter()
        self.rows: Counter[str] = Counter()
        self.leftovers: list[Leftover] = []


def new_workbook(book: RawBook, layout: Layout, pack) -> tuple[object, Placed]:
    """The current template's openpyxl workbook holding `book`'s values."""
    wb = build_workbook(None, pack, layout)
    placed = Placed()
    offered = _offers(book.layout, layout, pack)
    _place_profil(wb, book, layout, placed)
    for key, rows in book.tables.items():
        table = layout.tables.get(key)
        if table is None:
            for row in rows:
                _left(placed, key, book, row.cells, NO_TABLE)
            continue
        _place_table(wb[table.sheet], table, rows, book, offered, placed)
    return wb, placed


def finish(wb, layout: Layout, pack) -> bytes:
    """The .xlsm bytes, as `template.build.build_bytes` makes them."""
    return workbook_bytes(wb, pack, layout)


def _place_profil(wb, book: RawBook, layout: Layout, placed: Placed) -> None:
    form = layout.profil
    keys = {f.key for f in form.fields}
    ws = wb[form.sheet]
    for key, cell in book.profil.items():
        if key not in keys:
            placed.leftovers.append(Leftover(cell.sheet, cell.cell, header_of(book.layout, "Profil", key),
                                             cell.value, REMOVED))
            continue
        write_value(ws[form.cell(key)], cell.value)
        placed.cells[form.sheet] += 1


def _place_table(ws, table: Table, rows, book: RawBook, offered, placed: Placed) -> None:
    columns = {c.key: c for c in table.columns}
    protos = {c.key: _prototype(ws, styles.style_input, c.type, c.key, c.width)
              for c in table.columns if c.is_input}
    stored = stored_letter(table)
    last = 0
    for row in rows:
        if row.offset >= table.capacity:
            _left(placed, table.key, book, row.cells, OVERFLOW.format(kapasitas=table.capacity))
            continue
        number = table.first_row + row.offset
        written = 0
        for key, cell in row.cells.items():
            col = columns.get(key)
            reason = REMOVED if col is None else COMPUTED if not col.is_input else \
                _not_offered(cell.value, offered.get((table.key, key)))
            if reason:
                _left(placed, table.key, book, {key: cell}, reason)
                continue
            target = ws.cell(number, col.index)
            target._style = copy(protos[key])
            write_value(target, cell.value)
            written += 1
        if stored and row.stored is not None:
            write_value(ws[f"{stored}{number}"], row.stored.value)
        if written:
            placed.cells[table.sheet] += written
            placed.rows[table.sheet] += 1
            last = max(last, number)
    if last:
        ws.print_area = table.print_area(last).replace("$", "")


def _offers(old: Layout, new: Layout, pack) -> dict[tuple[str, str], tuple[str, set]]:
    """(table, column) -> (list key, values the new template offers) for every list
    column whose old list offered values the new one does not: only a value that was
    a valid choice before and is not any more is a leftover (a value that was never
    on the list is carried as typed, and reported by validation as before)."""
    before, after = resolve_lists(old, pack), resolve_lists(new, pack)
    out = {}
    for key, table in new.tables.items():
        for col in table.columns:
            now = after.get(col.list) if col.list else None
            was = before.get(col.list) if col.list else None
            if isinstance(now, list) and isinstance(was, list) and set(was) - set(now):
                out[(key, col.key)] = (col.list, set(now), set(was))
    return out


def _not_offered(value: object, offer) -> str | None:
    if offer is None or not isinstance(value, str):
        return None
    name, now, was = offer
    text = value.strip()
    return NOT_OFFERED.format(daftar=name) if text in was and text not in now else None


def _left(placed: Placed, table: str, book: RawBook, cells: dict[str, RawCell],
          reason: str) -> None:
    for key, cell in cells.items():
        placed.leftovers.append(Leftover(cell.sheet, cell.cell, header_of(book.layout, table, key),
                                         cell.value, reason))
