"""Read a written rekap back with python-calamine (a reader independent of openpyxl)."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from xlplugin.rekap.table import TITLE_ROWS


def table(path: Path, sheet: str, start_row: int = 1) -> list[dict]:
    """The sheet's table as dicts keyed by header (rows up to the first blank one)."""
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    header_index = start_row - 1 + TITLE_ROWS
    header = rows[header_index]
    out = []
    for row in rows[header_index + 1:]:
        if not any(v not in ("", None) for v in row):
            break
        out.append(dict(zip(header, row, strict=False)))
    return out


def cell_rows(path: Path, sheet: str) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
