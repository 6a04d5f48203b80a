"""One status text: the cached value the findings writer puts in a status cell is the
text the live status UDF computes for that row from the same workbook's cells."""

from __future__ import annotations

from datetime import date, datetime

import udfs.dak_udfs as udf
from xlplugin.adapters.file import FileAdapter
from xlplugin.engine.status import OK, STATUS_MAX
from xlplugin.layout import load_layout
from xlplugin.layout.model import column_index
from xlplugin.layout.udf import ARG_TABLES, STATUS_UDF
from xlplugin.validation import validate_workbook, write_findings

LAYOUT = load_layout()


def _xlwings_value(value):
    """What xlwings hands a UDF: datetimes for dates (calamine gives date for some)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def udf_args_from(adapter) -> dict:
    """The UDF arguments Excel would pass: the template's ranges, read from the file."""
    form = LAYOUT.profil
    profil_grid = adapter.grid(form.sheet)
    col = column_index(form.value_column)
    args = {"profil": [_xlwings_value(profil_grid.value(f.row, col)) for f in form.fields]}
    for param, key in zip(udf.TABLE_PARAMS, ARG_TABLES):
        table, grid = LAYOUT.tables[key], adapter.grid(LAYOUT.tables[key].sheet)
        args[param] = [[_xlwings_value(grid.value(r, c)) for c in range(1, len(table.columns) + 1)]
                       for r in range(table.first_row, table.last_row + 1)]
    return args


def test_written_status_equals_the_live_udf_status_on_every_row(book, tmp_path):
    out = tmp_path / "hasil.xlsx"
    with FileAdapter(book) as a:
        write_findings(a, validate_workbook(a))
        a.save(out)
    udf._analyse.cache_clear()
    with FileAdapter(out) as a:
        args = udf_args_from(a)
        compared = 0
        for key in STATUS_UDF:
            table = LAYOUT.tables[key]
            live = [row[0] for row in getattr(udf, STATUS_UDF[key])(**args)]
            grid = a.grid(table.sheet)
            written = [grid.value(r, len(table.columns) + 1) or ""
                       for r in range(table.first_row, table.last_row + 1)]
            assert written == live, key
            compared += sum(1 for s in live if s)
    assert compared > 0
    udf._analyse.cache_clear()


def test_breached_row_status_starts_with_its_level_and_fits_excel(book, tmp_path):
    out = tmp_path / "hasil.xlsx"
    with FileAdapter(book) as a:
        findings = validate_workbook(a)
        write_findings(a, findings)
        a.save(out)
    with FileAdapter(out) as a:
        texts = [a.grid(t.sheet).value(r, len(t.columns) + 1)
                 for t in LAYOUT.tables.values() if t.status
                 for r in range(t.first_row, t.last_row + 1)]
    shown = [t for t in texts if t]
    assert all(len(t) <= STATUS_MAX for t in shown)
    assert any(t.startswith("PELANGGARAN: ") for t in shown) and OK in shown
