"""Apply the migration steps, oldest first, to the old workbook's raw values.

Each kind of change (`steps.KINDS`) is one small function over the `RawBook`; a value
a step takes away (a removed column) becomes a `Leftover` at once, with the cell it
came from. The result is keyed by the current layout's tables and columns, ready for
`place`.
"""

from __future__ import annotations

import copy

from ..domain.kode import code_key
from .leftovers import PICTURE, REMOVED, Leftover
from .source import RawBook, RawCell, RawRow, header_of
from .steps import Step


def carry(book: RawBook, steps: list[Step], *, slot_approvals=None) -> list[Leftover]:
    """`book` (changed in place) moved through `steps`; returns what no step could keep.
    `slot_approvals`: (kode kegiatan key, rule ID, label) of every limit the old KAK
    approval slot resolves today (see `approvals_from_slot`)."""
    leftovers = [Leftover(p.sheet, p.cell, "Gambar", p.value, PICTURE) for p in book.pictures]
    for step in steps:
        for kind, fn in _KINDS.items():
            for change in step.of(kind):
                fn(book, change, leftovers, slot_approvals or [])
    return leftovers


def _rows(book: RawBook, table: str) -> list[RawRow]:
    return book.tables.setdefault(table, [])


def _renamed(book, change, leftovers, _) -> None:
    for row in _rows(book, change["table"]):
        if change["old"] in row.cells:
            row.cells[change["new"]] = row.cells.pop(change["old"])


def _added(book, change, leftovers, _) -> None:
    """A new column: its default in every filled row (none given: left empty)."""
    if "default" not in change:
        return
    for row in _rows(book, change["table"]):
        row.cells.setdefault(change["column"], RawCell(change["default"]))


def _removed(book, change, leftovers, _) -> None:
    for row in _rows(book, change["table"]):
        cell = row.cells.pop(change["column"], None)
        if cell is not None:
            leftovers.append(Leftover(cell.sheet, cell.cell,
                                      header_of(book.layout, change["table"], change["column"]),
                                      cell.value, REMOVED))


def _moved(book, change, leftovers, _) -> None:
    """A column now kept in another table: the same row position there."""
    target = _rows(book, change["to_table"])
    by_offset = {r.offset: r for r in target}
    for row in _rows(book, change["table"]):
        cell = row.cells.pop(change["column"], None)
        if cell is None:
            continue
        dest = by_offset.get(row.offset)
        if dest is None:
            dest = by_offset[row.offset] = RawRow(row.offset)
            target.append(dest)
        dest.cells[change.get("to_column", change["column"])] = cell
    target.sort(key=lambda r: r.offset)


def _list_value(book, change, leftovers, _) -> None:
    for row in _rows(book, change["table"]):
        cell = row.cells.get(change["column"])
        if cell is not None and isinstance(cell.value, str) \
                and cell.value.strip() == change["old"]:
            cell.value = change["new"]


def _table_added(book, change, leftovers, _) -> None:
    _rows(book, change["table"])


def _approvals(book, change, leftovers, slot_approvals) -> None:
    """One row of the approvals table per limit the old single slot resolves today:
    the same letter (number, date, reason) where the new template records it. The slot
    itself is left as it is (see the migration table for why)."""
    target = _rows(book, change["to"])
    slots = {}
    for row in _rows(book, change["table"]):
        kode = row.cells.get("kode_kegiatan")
        if kode is not None:
            slots.setdefault(code_key(kode.value), row)
    offset = max((r.offset for r in target), default=-1) + 1
    for kode, _rule, label in slot_approvals:
        row = slots.get(kode)
        if row is None:
            continue
        values = {"kode_kegiatan": row.cells["kode_kegiatan"], "aturan": RawCell(label),
                  **{k: row.cells[change[k]] for k in ("nomor", "tanggal", "alasan")
                     if change[k] in row.cells}}
        cells = {new: copy.copy(values[old]) for new, old in change["columns"].items()
                 if old in values}
        for cell in cells.values():  # made by the step: no old cell of its own
            cell.sheet = cell.cell = None
        target.append(RawRow(offset, cells))
        offset += 1


# The order kinds apply in within one step: tables exist before columns move into
# them, keys settle (renamed, moved, removed) before defaults fill them, and values are
# renamed before the approvals copy them.
_KINDS = {
    "table_added": _table_added,
    "column_renamed": _renamed,
    "column_moved": _moved,
    "column_removed": _removed,
    "column_added": _added,
    "list_value_renamed": _list_value,
    "approvals_from_slot": _approvals,
}
