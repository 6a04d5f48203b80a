"""A table the user grew by typing below it (Excel extends the table) is read and checked
to its end, with the published layout; rows below the table are still reported."""

from __future__ import annotations

import openpyxl
import pytest

from xlplugin.adapters.file import FileAdapter
from xlplugin.io.reader import read_workbook
from xlplugin.layout import load_layout
from xlplugin.validation import validate_workbook, write_findings

LAYOUT = load_layout()
NARASUMBER = LAYOUT.tables["Narasumber"]
BELOW = NARASUMBER.last_row + 1  # the first row past the template's capacity


def _copy_first_row_below(path, *, grow_table: bool) -> None:
    """What a user does in Excel: types a row under the table (which Excel then extends)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[NARASUMBER.sheet]
    for c in NARASUMBER.columns:
        if c.is_input:
            ws.cell(BELOW, c.index, ws.cell(NARASUMBER.first_row, c.index).value)
    if grow_table:
        table = ws.tables[NARASUMBER.name]
        table.ref = f"{table.ref.split(':')[0]}:{NARASUMBER.status_letter}{BELOW}"
    wb.save(path)


@pytest.fixture
def grown(book):
    _copy_first_row_below(book, grow_table=True)
    return book


def test_table_grown_past_capacity_is_read_to_its_excel_table_end(grown):
    with FileAdapter(grown) as adapter:
        read = read_workbook(adapter)  # the published layout, not a grown one
    rows = [r.row for r in read.doc.narasumber]
    assert BELOW in rows
    assert read.last_rows[NARASUMBER.key] == BELOW
    assert not [p for p in read.problems if p.sheet == NARASUMBER.sheet]


def test_row_past_capacity_gets_its_status_and_counts_in_the_fingerprint(grown, tmp_path):
    out = tmp_path / "diperiksa.xlsm"
    with FileAdapter(grown) as adapter:
        write_findings(adapter, validate_workbook(adapter))
        read = read_workbook(adapter)
        adapter.save(out)
    part = next(p for p, _ in read.prints if p.key == NARASUMBER.key)
    assert part.last_row == BELOW and f"${BELOW}" in part.formula()
    with FileAdapter(out) as adapter:
        status = adapter.grid(NARASUMBER.sheet).value(BELOW, len(NARASUMBER.columns) + 1)
    assert status  # "OK" or the row's findings, as on every other filled row


def test_row_typed_below_a_table_that_did_not_grow_is_reported_not_checked(book):
    _copy_first_row_below(book, grow_table=False)
    with FileAdapter(book) as adapter:
        read = read_workbook(adapter)
    assert BELOW not in [r.row for r in read.doc.narasumber]
    below = [p for p in read.problems if p.sheet == NARASUMBER.sheet and f"{BELOW}" in p.message]
    assert below and below[0].level == "GALAT" and "tidak diperiksa" in below[0].message
