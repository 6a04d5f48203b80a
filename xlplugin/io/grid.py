"""A sheet's values as a plain grid, the same shape from every reader.

Row 1 / column 1 is cell A1; empty cells are None; numbers arrive as float (as
calamine and xlwings give them); text stays text (a NIK is never turned into a
number here); Excel error values arrive as their text ("#N/A").
"""

from __future__ import annotations

from collections.abc import Sequence


class Grid:
    __slots__ = ("__weakref__", "rows")  # weakly cached by the file adapter

    def __init__(self, rows: Sequence[Sequence[object]]):
        self.rows = rows

    @property
    def height(self) -> int:
        return len(self.rows)

    def value(self, row: int, col: int) -> object:
        if row < 1 or col < 1 or row > len(self.rows):
            return None
        line = self.rows[row - 1]
        return line[col - 1] if col <= len(line) else None

    def row_values(self, row: int) -> Sequence[object]:
        return self.rows[row - 1] if 1 <= row <= len(self.rows) else ()


def clean_rows(rows: list[list[object]]) -> list[list[object]]:
    """calamine gives '' for empty cells; the grid uses None, as xlwings does.

    In place (a sheet's grid is the largest object of a check: no second copy), and
    only rows that hold an empty string are rebuilt."""
    if not isinstance(rows, list):
        rows = list(rows)
    for i, line in enumerate(rows):
        if "" in line:
            rows[i] = [None if v == "" else v for v in line]
    return rows
