"""The status text the findings writer puts in a status cell: its level first, within
Excel's limits. (That it equals what the live check shows for the same row is
tests/validation/test_live_status.py.)"""

from __future__ import annotations

from xlplugin.adapters.file import FileAdapter
from xlplugin.engine.status import OK, STATUS_MAX
from xlplugin.layout import load_layout
from xlplugin.validation import validate_workbook, write_findings

LAYOUT = load_layout()


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
