"""Entry points over an openpyxl workbook: its grid and defined names, and the cached value
of every formula cell."""

from __future__ import annotations

from openpyxl.worksheet.formula import ArrayFormula

from .cells import Formula
from .evaluate import Evaluator


def grid_of(wb) -> dict[str, dict[tuple[int, int], object]]:
    """Cell contents of an openpyxl workbook, formulas wrapped as `Formula`."""
    grid = {}
    for ws in wb.worksheets:
        cells = {}
        for (row, col), cell in ws._cells.items():
            v = cell._value
            if isinstance(v, ArrayFormula):
                cells[(row, col)] = Formula(v.text)
            elif cell.data_type == "f" and isinstance(v, str):
                cells[(row, col)] = Formula(v)
            elif v is not None:
                cells[(row, col)] = v
        grid[ws.title] = cells
    return grid


def names_of(wb) -> dict[str, str]:
    """Workbook-level defined names and what they refer to."""
    return {name: dn.attr_text for name, dn in wb.defined_names.items()}


def compute_cached(wb) -> dict[str, dict[str, object]]:
    """{sheet: {A1 address: value}} for every formula cell of `wb` (the anchor of an array)."""
    from openpyxl.utils.cell import get_column_letter

    grid = grid_of(wb)
    ev = Evaluator(grid, names_of(wb))
    out: dict[str, dict[str, object]] = {}
    for sheet, cells in grid.items():
        values = {}
        for (row, col), raw in cells.items():
            if isinstance(raw, Formula):
                values[f"{get_column_letter(col)}{row}"] = ev.value(sheet, row, col)
        if values:
            out[sheet] = values
    return out
