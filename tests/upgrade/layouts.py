"""Small layouts for the migration tests, made in code from the current one: tables of a
few rows (fast to build) with one difference each between the 'old' and the 'new'."""

from __future__ import annotations

from dataclasses import replace

import openpyxl

from xlplugin.adapters.file import FileAdapter
from xlplugin.layout import load_layout
from xlplugin.layout.model import Column, Layout, Table
from xlplugin.template.build import build_workbook, save_bytes
from xlplugin.upgrade.carry import carry
from xlplugin.upgrade.leftovers import add_report_sheet
from xlplugin.upgrade.place import finish, new_workbook
from xlplugin.upgrade.source import read_raw
from xlplugin.upgrade.steps import Step

CAPACITY = 6


def small(version: str, capacity: int = CAPACITY) -> Layout:
    """The current layout with every table `capacity` rows long."""
    layout = load_layout()
    tables = {k: replace(t, capacity=capacity) for k, t in layout.tables.items()}
    return replace(layout, version=version, tables=tables)


def with_columns(layout: Layout, table: str, columns: list[Column]) -> Layout:
    """`layout` with `table`'s columns replaced (positions renumbered)."""
    cols = tuple(replace(c, index=i) for i, c in enumerate(columns, start=1))
    tables = {**layout.tables, table: replace(layout.tables[table], columns=cols)}
    return replace(layout, tables=tables)


def with_table(layout: Layout, table: str, **changes) -> Layout:
    return replace(layout, tables={**layout.tables, table: replace(layout.tables[table],
                                                                   **changes)})


def old_workbook(path, layout: Layout, pack, rows: dict[str, list[dict | None]]):
    """A workbook of `layout` whose tables hold `rows` (None: a blank row), typed as a
    user types them, saved at `path` (no VBA needed: the upgrade reads cells only)."""
    wb = build_workbook(None, pack, layout)
    for key, records in rows.items():
        table: Table = layout.tables[key]
        ws = wb[table.sheet]
        for i, record in enumerate(records):
            for col, value in (record or {}).items():
                ws.cell(table.first_row + i, table.column(col).index, value)
    path.write_bytes(save_bytes(wb))
    return path


def upgrade_between(tmp_path, old: Layout, new: Layout, pack, rows, **changes):
    """The old workbook carried into `new` through one step of `changes`: the new
    workbook's values (openpyxl) and the leftovers."""
    source = old_workbook(tmp_path / "lama.xlsx", old, pack, rows)
    with FileAdapter(source) as adapter:
        raw = read_raw(adapter, old)
    step = Step(old.version, new.version, {k: tuple(v) for k, v in changes.items()})
    leftovers = carry(raw, [step])
    wb, placed = new_workbook(raw, new, pack)
    leftovers += placed.leftovers
    add_report_sheet(wb, leftovers, source.name, f"tata letak {old.version}")
    target = tmp_path / "baru.xlsm"
    target.write_bytes(finish(wb, new, pack))
    return openpyxl.load_workbook(target), leftovers
