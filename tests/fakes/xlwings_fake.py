"""A faithful fake of the part of the xlwings API the live adapter uses, for Linux tests.

Same call shapes and conversions as xlwings 0.37 (Book/Sheets/Sheet/Range):
- `book.sheets[name]`, `book.sheets[0]`, iteration, `len`; `sheet.name`;
- `sheet.range("A1")`, `sheet.range("A1:B2")`, `sheet.range((r, c))`,
  `sheet.range((r1, c1), (r2, c2))`; `sheet.used_range`; `range.last_cell.row/.column`;
- `range.options(ndim=2, err_to_str=True).value`: numbers as float, dates as datetime,
  empty as None, errors None unless err_to_str; one cell -> scalar, one row or column ->
  flat list, else list of lists (ndim=2 always list of lists);
- `range.value = ...`: scalar fills every cell of the range, a list of lists is written
  from the top-left; a string starting with "=" becomes a formula (its cached value
  unknown: None, as Excel would show before recalculation in this fake); a leading
  apostrophe makes the rest text; digits typed into a cell not formatted as text
  ("@") become a number, as Excel does (a NIB loses its leading zeros);
- `range.formula` (first cell: formula or value as text), `range.color` get/set (RGB
  tuple, "#rrggbb" or None), `range.clear_contents()`;
- `range.copy()` to the clipboard and `range.paste(paste="formats")`: the copied
  cells' formats (here: fill colour, number format, bold) tiled over the target, values
  untouched; `range.number_format` (first cell).

It is loaded from a real workbook file (openpyxl, formulas and cached values), so the
file adapter and the live adapter can be compared on the same workbook.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from openpyxl.utils import column_index_from_string, get_column_letter

ERRORS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"}
_A1 = re.compile(r"\$?([A-Za-z]+)\$?(\d+)")


class FakeCell:
    __slots__ = ("bold", "color", "error", "formula", "number_format", "value")

    def __init__(self, value=None, formula=None, color=None, error=False,
                 number_format="General", bold=False):
        self.value, self.formula, self.color, self.error = value, formula, color, error
        self.number_format, self.bold = number_format, bold


class FakeBook:
    def __init__(self, sheets: dict[str, dict[tuple[int, int], FakeCell]], fullname: str = ""):
        self._sheets = [FakeSheet(self, name, cells) for name, cells in sheets.items()]
        self.fullname = fullname
        self.calls: list[str] = []  # what the adapter asked for, to assert thinness
        self.clipboard: list[list[tuple]] | None = None  # formats of the copied cells

    @classmethod
    def from_file(cls, path) -> FakeBook:
        import openpyxl

        formulas = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
        sheets = {}
        for ws in formulas.worksheets:
            cached = values[ws.title]
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    v = cached.cell(c.row, c.column).value
                    f = c.value if isinstance(c.value, str) and c.value.startswith("=") else None
                    if f is None and hasattr(c.value, "text"):  # array formula: Excel's
                        f = c.value.text  # Range.Formula shows it without braces
                    rgb = _rgb(c.fill)
                    fmt, bold = c.number_format or "General", bool(c.font and c.font.b)
                    if v is None and f is None and rgb is None and fmt == "General" \
                            and not bold:
                        continue  # Excel's used range counts formatted empty cells too
                    cells[(c.row, c.column)] = FakeCell(v, f, rgb, isinstance(v, str)
                                                        and v in ERRORS, fmt, bold)
            sheets[ws.title] = cells
        return cls(sheets, str(path))

    @property
    def sheets(self) -> FakeSheets:
        return FakeSheets(self._sheets)


class FakeSheets:
    def __init__(self, sheets: list[FakeSheet]):
        self._sheets = sheets

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._sheets[key]
        for s in self._sheets:
            if s.name.lower() == key.lower():  # Excel sheet names are case-insensitive
                return s
        raise KeyError(key)

    def __iter__(self):
        return iter(self._sheets)

    def __len__(self):
        return len(self._sheets)


class FakeSheet:
    def __init__(self, book: FakeBook, name: str, cells: dict):
        self.book, self.name, self.cells = book, name, cells
        self.heights: dict[int, float] = {}

    def range(self, cell1, cell2=None) -> FakeRange:
        self.book.calls.append(f"range {self.name}")
        r1, c1, r2, c2 = _bounds(cell1)
        if cell2 is not None:
            _, _, r2, c2 = _bounds(cell2)
        return FakeRange(self, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))

    @property
    def used_range(self) -> FakeRange:
        if not self.cells:
            return FakeRange(self, 1, 1, 1, 1)
        rows = [r for r, _ in self.cells]
        cols = [c for _, c in self.cells]
        return FakeRange(self, min(rows), min(cols), max(rows), max(cols))


class FakeRange:
    def __init__(self, sheet: FakeSheet, r1: int, c1: int, r2: int, c2: int, **options):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2
        self._options = options

    def options(self, convert=None, **options) -> FakeRange:
        return FakeRange(self.sheet, self.r1, self.c1, self.r2, self.c2, **options)

    @property
    def row(self) -> int:
        return self.r1

    @property
    def column(self) -> int:
        return self.c1

    @property
    def shape(self) -> tuple[int, int]:
        return self.r2 - self.r1 + 1, self.c2 - self.c1 + 1

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(self.sheet, self.r2, self.c2, self.r2, self.c2)

    @property
    def address(self) -> str:
        a = f"${get_column_letter(self.c1)}${self.r1}"
        return a if self.shape == (1, 1) else f"{a}:${get_column_letter(self.c2)}${self.r2}"

    # ---------------------------------------------------------------- values
    @property
    def value(self):
        err_to_str = self._options.get("err_to_str", False)
        rows = [[_read(self.sheet.cells.get((r, c)), err_to_str)
                 for c in range(self.c1, self.c2 + 1)] for r in range(self.r1, self.r2 + 1)]
        if self._options.get("ndim") == 2:
            return rows
        if self.shape == (1, 1):
            return rows[0][0]
        if self.shape[0] == 1:
            return rows[0]
        if self.shape[1] == 1:
            return [line[0] for line in rows]
        return rows

    @value.setter
    def value(self, data) -> None:
        if isinstance(data, (list, tuple)):
            rows = data if data and isinstance(data[0], (list, tuple)) else [list(data)]
            for i, line in enumerate(rows):
                for j, v in enumerate(line):
                    self._put(self.r1 + i, self.c1 + j, v)
            return
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                self._put(r, c, data)

    def _put(self, r: int, c: int, v) -> None:
        cell = self.sheet.cells.setdefault((r, c), FakeCell())
        cell.error = False
        if isinstance(v, str) and v.startswith("="):
            cell.formula, cell.value = v, None
        elif isinstance(v, str) and v.startswith("'"):
            cell.formula, cell.value = None, v[1:]
        elif isinstance(v, str) and cell.number_format != "@" and _numeric(v):
            cell.formula, cell.value = None, float(v)  # Excel reads typed digits as a number
        else:
            cell.formula = None
            cell.value = float(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @property
    def formula(self):
        cell = self.sheet.cells.get((self.r1, self.c1))
        if cell is None:
            return ""
        return cell.formula or ("" if cell.value is None else str(cell.value))

    def clear_contents(self) -> None:
        for (r, c), cell in list(self.sheet.cells.items()):
            if self.r1 <= r <= self.r2 and self.c1 <= c <= self.c2:
                cell.value, cell.formula, cell.error = None, None, False

    # ---------------------------------------------------------------- formats
    @property
    def number_format(self) -> str:
        cell = self.sheet.cells.get((self.r1, self.c1))
        return "General" if cell is None else cell.number_format

    def copy(self, destination=None) -> None:
        if destination is not None:
            raise NotImplementedError("the fake copies to the clipboard only")
        empty = FakeCell()
        self.sheet.book.clipboard = [
            [_format(self.sheet.cells.get((r, c), empty)) for c in range(self.c1, self.c2 + 1)]
            for r in range(self.r1, self.r2 + 1)]

    def paste(self, paste=None, operation=None, skip_blanks=False, transpose=False) -> None:
        if paste != "formats":
            raise NotImplementedError("the fake pastes formats only")
        source = self.sheet.book.clipboard
        if source is None:
            raise RuntimeError("nothing copied")  # Excel: PasteSpecial method failed
        for i, r in enumerate(range(self.r1, self.r2 + 1)):
            for j, c in enumerate(range(self.c1, self.c2 + 1)):
                color, number_format, bold = source[i % len(source)][j % len(source[0])]
                cell = self.sheet.cells.get((r, c))
                if cell is None and (color, number_format, bold) == _format(FakeCell()):
                    continue
                cell = self.sheet.cells.setdefault((r, c), FakeCell())
                cell.color, cell.number_format, cell.bold = color, number_format, bold

    # ---------------------------------------------------------------- row height
    @property
    def row_height(self):
        heights = {self.sheet.heights.get(r, 15.0) for r in range(self.r1, self.r2 + 1)}
        return heights.pop() if len(heights) == 1 else None  # as xlwings: None if mixed

    @row_height.setter
    def row_height(self, value) -> None:
        for r in range(self.r1, self.r2 + 1):
            self.sheet.heights[r] = float(value)

    # ---------------------------------------------------------------- colour
    @property
    def color(self):
        cell = self.sheet.cells.get((self.r1, self.c1))
        return None if cell is None else cell.color

    @color.setter
    def color(self, value) -> None:
        if isinstance(value, str):
            h = value.lstrip("#")
            value = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                if value is None and (r, c) not in self.sheet.cells:
                    continue
                self.sheet.cells.setdefault((r, c), FakeCell()).color = value


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower() not in ("nan", "inf", "-inf", "infinity")


def _format(cell: FakeCell) -> tuple:
    return cell.color, cell.number_format, cell.bold


def _bounds(cell) -> tuple[int, int, int, int]:
    if isinstance(cell, FakeRange):
        return cell.r1, cell.c1, cell.r2, cell.c2
    if isinstance(cell, tuple):
        return cell[0], cell[1], cell[0], cell[1]
    first, _, last = cell.partition(":")
    m1 = _A1.fullmatch(first)
    m2 = _A1.fullmatch(last or first)
    return (int(m1[2]), column_index_from_string(m1[1].upper()),
            int(m2[2]), column_index_from_string(m2[1].upper()))


def _read(cell: FakeCell | None, err_to_str: bool):
    if cell is None or cell.value is None:
        return None
    v = cell.value
    if cell.error:
        return v if err_to_str else None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, datetime):
        return v
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day)
    if isinstance(v, time):  # Excel keeps a time as a day fraction; xlwings reads a float
        return (v.hour * 3600 + v.minute * 60 + v.second) / 86400
    return v


def _rgb(fill) -> tuple[int, int, int] | None:
    if fill is None or fill.fill_type != "solid":
        return None
    rgb = fill.fgColor.rgb if fill.fgColor is not None else None
    if not isinstance(rgb, str) or len(rgb) < 6:
        return None
    h = rgb[-6:]
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
