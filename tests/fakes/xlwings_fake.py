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

What Excel refuses, the fake refuses too (`ExcelRefusal`, the COM error pywin32 raises),
each rule citing the documentation it models:

- Sheet protection (`Worksheet.Protect`, https://learn.microsoft.com/office/vba/api/excel.worksheet.protect,
  and "Lock or unlock specific areas of a protected worksheet",
  https://support.microsoft.com/office/75481b72-db8a-4267-8c43-042a5f2cd93a): on a protected
  sheet a value goes only into an unlocked cell (`Contents`: "protects the locked cells");
  formatting a cell, locked or not, needs `AllowFormattingCells`
  (https://learn.microsoft.com/office/vba/api/excel.protection.allowformattingcells);
  a row height needs `AllowFormattingRows`; inserting or deleting rows needs
  `AllowInsertingRows`/`AllowDeletingRows`, and deleting also needs every cell of the rows
  unlocked ("If a cell is locked ... you can't delete the row", Protect a worksheet,
  https://support.microsoft.com/office/3179efdb-1285-4d49-a9c3-f4ca36276de6). The print area
  is set only on an unprotected sheet here (not verified in Excel: modelled strictly).
  `UserInterfaceOnly` is not modelled as an exemption: it is lost on save and reopen (the
  Protect page's remark) and only applies to macros, so nothing may rely on it.
- `Unprotect` without the password of a password-protected sheet fails
  (https://learn.microsoft.com/office/vba/api/excel.worksheet.unprotect).
- Tables (ListObjects) cannot be resized, and table rows not inserted, on a protected sheet
  ("Overview of Excel tables", https://support.microsoft.com/office/7ab0bb7d-3a9e-4b56-a3c9-6c94334e492c:
  table features are unavailable on a protected worksheet).
- Multi-cell (legacy) array formulas: no part of the array can be changed, cleared, and no
  row can be inserted into or deleted from inside it ("You can't change part of an array",
  Guidelines and examples of array formulas,
  https://support.microsoft.com/office/7d94a64e-3ff3-4686-9372-ecfd5caa57c7).
- `Range.FormulaArray` takes at most 255 characters ("The FormulaArray property also has a
  character limit of 255", https://learn.microsoft.com/office/vba/api/excel.range.formulaarray);
  Excel answers a longer one with "Unable to set the FormulaArray property".

What Excel does by itself when whole rows are inserted (`Range.Insert`,
https://learn.microsoft.com/office/vba/api/excel.range.insert), the fake does too, since
the row management relies on it:

- The new rows take the formats of the row above (`CopyOrigin` xlFormatFromLeftOrAbove,
  the default): fill, number format, bold and the cell's lock.
- Every reference to a cell that moved follows it: in the formulas of every sheet (array
  formulas included), in conditional-format and data-validation ranges and formulas, in
  defined names and in the print area. A range that spans the insertion row (it starts
  above and ends at or below it) grows; one at or below it moves; one above it stays;
  text inside quotes is not a reference and stays. This is the behaviour spreadsheet
  libraries document as Excel's ("Formulas are always automatically expanded when you
  insert new rows ... inside existing formulas", https://www.bettersolutions.com/excel/EED883/YI824010881.htm;
  EPPlus adjusts "formulas, styles, tables, ... data validations, ... conditional
  formatting" like Excel, https://github.com/EPPlusSoftware/EPPlus/wiki/Insert-and-delete-rows,-columns-and-ranges).
  Excel's own support page on it was not at hand; tests/excel confirms it in Excel.
- `Range.Replace` (xlwings `replace_all`) over a range that holds a whole array formula
  replaces in the array's formula and keeps it an array; over part of one it is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from openpyxl.utils import column_index_from_string, get_column_letter

ERRORS = {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"}
_A1 = re.compile(r"\$?([A-Za-z]+)\$?(\d+)")


class ExcelRefusal(Exception):
    """What pywin32 raises when Excel refuses a call (a `pywintypes.com_error`)."""


PROTECTED = ("The cell or chart you're trying to change is on a protected sheet. To make a "
             "change, unprotect the sheet.")
PART_OF_ARRAY = "You can't change part of an array."
FORMULA_ARRAY_LIMIT = 255
FORMULA_ARRAY_REFUSED = "Unable to set the FormulaArray property of the Range class"
MAX_ROW = 1_048_576

# Protect's Allow* arguments, as the OOXML <sheetProtection> attribute that forbids each
# (attribute true = the action is protected, i.e. not allowed).
ALLOW_ATTRS = {
    "AllowFormattingCells": "formatCells", "AllowFormattingColumns": "formatColumns",
    "AllowFormattingRows": "formatRows", "AllowInsertingColumns": "insertColumns",
    "AllowInsertingRows": "insertRows", "AllowInsertingHyperlinks": "insertHyperlinks",
    "AllowDeletingColumns": "deleteColumns", "AllowDeletingRows": "deleteRows",
    "AllowSorting": "sort", "AllowFiltering": "autoFilter",
    "AllowUsingPivotTables": "pivotTables",
}


class FakeProtection:
    """`Worksheet.Protection`: the Allow* flags of the current protection."""

    def __init__(self, **allow):
        for name in ALLOW_ATTRS:
            setattr(self, name, bool(allow.get(name, False)))


class FakeCell:
    __slots__ = ("bold", "color", "error", "formula", "locked", "number_format", "value")

    def __init__(self, value=None, formula=None, color=None, error=False,
                 number_format="General", bold=False, locked=None):
        self.value, self.formula, self.color, self.error = value, formula, color, error
        self.number_format, self.bold = number_format, bold
        self.locked = locked  # None: the column's (or Excel's default, locked) applies


class FakeBook:
    def __init__(self, sheets: dict[str, dict[tuple[int, int], FakeCell]], fullname: str = ""):
        self._sheets = [FakeSheet(self, name, cells) for name, cells in sheets.items()]
        self.fullname = fullname
        self.calls: list[str] = []  # what the adapter asked for, to assert thinness
        self.clipboard: list[list[tuple]] | None = None  # formats of the copied cells
        self.names: dict[str, str] = {}  # workbook-level defined names: name -> refers to
        self.active = self._sheets[0] if self._sheets else None  # `book.sheets.active`
        self.app = FakeApp()
        self.app.books.append(self)
        self.api = FakeBookApi()

    @property
    def name(self) -> str:
        return self.fullname.replace("\\", "/").rsplit("/", 1)[-1]

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
                    cells[(c.row, c.column)] = FakeCell(
                        v, f, rgb, isinstance(v, str) and v in ERRORS, fmt, bold,
                        bool(c.protection.locked) if c.has_style else None)
            sheets[ws.title] = cells
        book = cls(sheets, str(path))
        for ws in formulas.worksheets:
            book.sheets[ws.title]._load_structure(ws)
        book.names = {name: d.attr_text for name, d in formulas.defined_names.items()}
        return book

    @property
    def sheets(self) -> FakeSheets:
        return FakeSheets(self._sheets, self)

    def rows_inserted(self, sheet: FakeSheet, row: int, n: int) -> None:
        """Excel's own adjustment after n rows were inserted before `row` of `sheet`:
        every reference to a moved cell follows it, on every sheet and in every name."""
        def adjust(text: str | None, host: str | None) -> str | None:
            return _shift_references(text, host, sheet.name, row, n) if text else text

        for s in self._sheets:
            for cell in s.cells.values():
                if cell.formula:
                    cell.formula = adjust(cell.formula, s.name)
            for rule in s.conditional_formats + s.validations:
                rule.formulas = [adjust(f, s.name) for f in rule.formulas]
            s.names = {k: adjust(v, s.name) for k, v in s.names.items()}
        self.names = {k: adjust(v, None) for k, v in self.names.items()}
        for rule in sheet.conditional_formats + sheet.validations:
            rule.ranges = [[_moved(r1, row, n), c1, _moved(r2, row, n), c2]
                           for r1, c1, r2, c2 in rule.ranges]
        if sheet.print_area:
            sheet.print_area = adjust(sheet.print_area, sheet.name)


class FakeBookApi:
    """`book.api`, the COM Workbook: only `Saved`, "True if no changes have been made to
    the specified workbook since it was last saved" (https://learn.microsoft.com/office/vba/api/excel.workbook.saved).
    A book loaded from its file is saved; any value written through a range is a change."""

    def __init__(self):
        self.Saved = True


class FakeBooks:
    """`app.books`: the open books. `open(fullname)` as xlwings 0.37's `Books.open`
    (https://docs.xlwings.org/en/stable/api/books.html): "Opens a Book if it is not open
    yet and returns it. If it is already open, it doesn't raise an exception but simply
    returns the Book object"; a path that does not exist raises FileNotFoundError (its
    source checks `os.path.exists` before asking Excel); two books of the same name from
    different folders raise ValueError ("Cannot open two workbooks named ...")."""

    def __init__(self, app: FakeApp):
        self.app, self._books = app, []

    def append(self, book: FakeBook) -> None:
        book.app = self.app
        self._books.append(book)

    def open(self, fullname) -> FakeBook:
        import os

        fullname = os.fspath(fullname)
        if not os.path.exists(fullname):
            raise FileNotFoundError(f"No such file: '{fullname}'")
        fullname = os.path.realpath(fullname)
        name = os.path.basename(fullname)
        for book in self._books:
            if book.name.casefold() == name.casefold():
                if not os.path.samefile(book.fullname, fullname):
                    raise ValueError(f"Cannot open two workbooks named '{name}', even if "
                                     "they are saved in different locations.")
                return book
        book = FakeBook.from_file(fullname)
        self.append(book)
        return book

    def __iter__(self):
        return iter(self._books)

    def __len__(self) -> int:
        return len(self._books)


class FakeApp:
    """`book.app`: what the ribbon entry points use (message box, status bar, books)."""

    def __init__(self):
        self.interactive = True
        self.status_bar = False
        self.alerts: list[tuple[str | None, str]] = []
        self.books = FakeBooks(self)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append((mode, prompt))
        return "ok"


class FakeRule:
    """A conditional format or data validation: its ranges ([r1, c1, r2, c2] each, on its
    own sheet) and formulas (as the file stores them, without '=')."""

    def __init__(self, ranges: list[list[int]], formulas: list[str]):
        self.ranges, self.formulas = ranges, formulas

    @property
    def sqref(self) -> str:
        return " ".join(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
                        for r1, c1, r2, c2 in self.ranges)


class FakeSheets:
    def __init__(self, sheets: list[FakeSheet], book: FakeBook | None = None):
        self._sheets, self._book = sheets, book

    @property
    def active(self) -> FakeSheet:
        return self._book.active

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
        self.unlocked_columns: set[int] = set()  # column styles with locked=False
        self.password: str | None = None
        self.protected = False
        self.protection = FakeProtection()
        self.protect_objects, self.protect_scenarios = False, False
        self.arrays: list[tuple[int, int, int, int]] = []  # multi-cell array formulas
        self.list_objects: dict[str, list[int]] = {}  # ListObject name -> [r1, c1, r2, c2]
        self.print_area: str | None = None
        self.conditional_formats: list[FakeRule] = []
        self.validations: list[FakeRule] = []  # data validations
        self.names: dict[str, str] = {}  # sheet-level defined names
        self.api = FakeSheetApi(self)
        self.page_setup = FakePageSetup(self)

    def activate(self) -> None:
        self.book.active = self

    def _load_structure(self, ws) -> None:
        from openpyxl.utils.cell import range_boundaries

        for dim in ws.column_dimensions.values():
            if dim.min and dim.max and dim.protection is not None \
                    and not dim.protection.locked:
                self.unlocked_columns.update(range(dim.min, dim.max + 1))
        p = ws.protection
        if p.sheet:
            self.protected = True
            self.password = p.password or None
            self.protection = FakeProtection(**{
                name: not bool(getattr(p, attr)) for name, attr in ALLOW_ATTRS.items()})
            self.protect_objects, self.protect_scenarios = bool(p.objects), bool(p.scenarios)
        for ref in ws.array_formulae.values():
            c1, r1, c2, r2 = range_boundaries(ref)
            if (r1, c1) != (r2, c2):
                self.arrays.append((r1, c1, r2, c2))
        for name, ref in ws.tables.items():  # openpyxl's TableList: name -> ref
            c1, r1, c2, r2 = range_boundaries(ref)
            self.list_objects[name] = [r1, c1, r2, c2]
        if ws.print_area:
            self.print_area = ws.print_area.split("!")[-1]
        for cf in ws.conditional_formatting:
            self.conditional_formats.append(FakeRule(
                _ranges(cf.sqref), [f for rule in cf.rules for f in (rule.formula or ())]))
        for dv in ws.data_validations.dataValidation:
            self.validations.append(FakeRule(
                _ranges(dv.sqref), [f for f in (dv.formula1, dv.formula2) if f]))
        self.names = {name: d.attr_text for name, d in ws.defined_names.items()}

    def shift_rows(self, start: int, n: int) -> None:
        """Rows >= start move by n (n < 0: rows start+n .. start-1 are gone)."""
        gone = range(start + n, start) if n < 0 else range(0)

        def moved(r: int) -> int:
            return r + n if r >= start else r

        self.cells = {(moved(r), c): cell for (r, c), cell in self.cells.items()
                      if r not in gone}
        self.heights = {moved(r): h for r, h in self.heights.items() if r not in gone}
        self.arrays = [(moved(a[0]) if a[0] >= start else a[0], a[1], moved(a[2]), a[3])
                       for a in self.arrays]
        for t in self.list_objects.values():
            t[0], t[2] = (moved(t[0]) if t[0] >= start else t[0]), moved(t[2])

    @property
    def tables(self) -> FakeTables:
        """`sheet.tables` (xlwings' Tables collection: by name, `in`, iteration)."""
        return FakeTables(self)

    def array_at(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        """The multi-cell array formula holding cell (r, c), if any."""
        for a in self.arrays:
            if a[0] <= r <= a[2] and a[1] <= c <= a[3]:
                return a
        return None

    def copy_formats_down(self, source: int, rows: range) -> None:
        """Inserted rows take the formats of the row above (Insert's default CopyOrigin)."""
        above = [(c, cell) for (r, c), cell in self.cells.items() if r == source]
        for r in rows:
            for c, cell in above:
                self.cells[(r, c)] = FakeCell(color=cell.color, number_format=cell.number_format,
                                              bold=cell.bold, locked=cell.locked)

    # ------------------------------------------------------------ Excel's rules
    def is_locked(self, r: int, c: int) -> bool:
        cell = self.cells.get((r, c))
        if cell is not None and cell.locked is not None:
            return cell.locked
        return c not in self.unlocked_columns

    def refuse_unless_allowed(self, allow: str) -> None:
        if self.protected and not getattr(self.protection, allow):
            raise ExcelRefusal(PROTECTED)

    def refuse_values(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Values may change only in unlocked cells of a protected sheet, and an array
        formula only as a whole."""
        if self.protected and any(self.is_locked(r, c) for r in range(r1, r2 + 1)
                                  for c in range(c1, c2 + 1)):
            raise ExcelRefusal(PROTECTED)
        for a in self.arrays:
            overlaps = not (r2 < a[0] or r1 > a[2] or c2 < a[1] or c1 > a[3])
            covers = r1 <= a[0] and c1 <= a[1] and r2 >= a[2] and c2 >= a[3]
            if overlaps and not covers:
                raise ExcelRefusal(PART_OF_ARRAY)

    def drop_arrays_within(self, r1: int, c1: int, r2: int, c2: int) -> None:
        self.arrays = [a for a in self.arrays
                       if not (r1 <= a[0] and c1 <= a[1] and r2 >= a[2] and c2 >= a[3])]

    def refuse_row_change(self, r1: int, r2: int, *, insert: bool) -> None:
        """Whole rows r1..r2 inserted (before r1) or deleted."""
        if self.protected:
            self.refuse_unless_allowed("AllowInsertingRows" if insert else "AllowDeletingRows")
            if any(t[0] <= r1 <= t[2] for t in self.list_objects.values()):
                raise ExcelRefusal(PROTECTED)  # tables do not grow on a protected sheet
            if not insert and any(self.is_locked(r, c) for (r, c) in self.cells
                                  if r1 <= r <= r2):
                raise ExcelRefusal(PROTECTED)
        for a in self.arrays:
            inside = a[0] < r1 <= a[2] if insert else not (r2 < a[0] or r1 > a[2])
            whole = not insert and r1 <= a[0] and r2 >= a[2]
            if inside and not whole:
                raise ExcelRefusal(PART_OF_ARRAY)

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


class FakeSheetApi:
    """The COM Worksheet (`sheet.api`): protection members only."""

    def __init__(self, sheet: FakeSheet):
        self._sheet = sheet

    @property
    def ProtectContents(self) -> bool:
        return self._sheet.protected

    @property
    def Protection(self) -> FakeProtection:
        return self._sheet.protection

    @property
    def ProtectDrawingObjects(self) -> bool:
        return self._sheet.protected and self._sheet.protect_objects

    @property
    def ProtectScenarios(self) -> bool:
        return self._sheet.protected and self._sheet.protect_scenarios

    def Protect(self, Password=None, DrawingObjects=None, Contents=None, Scenarios=None,
                UserInterfaceOnly=None, **allow) -> None:
        unknown = set(allow) - set(ALLOW_ATTRS)
        if unknown:
            raise TypeError(f"Protect() got unexpected arguments {sorted(unknown)}")
        sheet = self._sheet
        sheet.book.calls.append(f"protect {sheet.name}")
        if sheet.protected and sheet.password and Password != sheet.password:
            raise ExcelRefusal("The password you supplied is not correct.")
        sheet.protected = True
        sheet.password = Password or None
        sheet.protection = FakeProtection(**allow)
        sheet.protect_objects = bool(DrawingObjects)  # Protect's defaults: False, True
        sheet.protect_scenarios = True if Scenarios is None else bool(Scenarios)

    def Unprotect(self, Password=None) -> None:
        sheet = self._sheet
        sheet.book.calls.append(f"unprotect {sheet.name}")
        if sheet.protected and sheet.password and Password != sheet.password:
            raise ExcelRefusal("The password you supplied is not correct.")
        sheet.protected = False
        sheet.protection = FakeProtection()


class FakeTables:
    """xlwings' `Tables` of a sheet: `tables[name]`, `name in tables`, iteration."""

    def __init__(self, sheet: FakeSheet):
        self._sheet = sheet

    def _key(self, name: str) -> str | None:
        # ListObject names are case-insensitive, as every Excel name
        return next((k for k in self._sheet.list_objects if k.lower() == name.lower()), None)

    def __getitem__(self, name: str) -> FakeTable:
        key = self._key(name)
        if key is None:
            raise KeyError(name)
        return FakeTable(self._sheet, key)

    def __contains__(self, name: str) -> bool:
        return self._key(name) is not None

    def __iter__(self):
        return (FakeTable(self._sheet, k) for k in list(self._sheet.list_objects))

    def __len__(self) -> int:
        return len(self._sheet.list_objects)


class FakeTable:
    """An xlwings Table (ListObject): its range and `resize`."""

    def __init__(self, sheet: FakeSheet, name: str):
        self.sheet, self.name = sheet, name

    @property
    def range(self) -> FakeRange:
        r1, c1, r2, c2 = self.sheet.list_objects[self.name]
        return FakeRange(self.sheet, r1, c1, r2, c2)

    def resize(self, new_range: FakeRange) -> None:
        if self.sheet.protected:
            raise ExcelRefusal(PROTECTED)
        self.sheet.list_objects[self.name] = [new_range.r1, new_range.c1, new_range.r2,
                                              new_range.c2]


class FakePageSetup:
    """`sheet.page_setup` (xlwings): the print area, as `$A$1:$M$160` or None."""

    def __init__(self, sheet: FakeSheet):
        self._sheet = sheet

    @property
    def print_area(self) -> str | None:
        return self._sheet.print_area

    @print_area.setter
    def print_area(self, value: str | None) -> None:
        if self._sheet.protected:
            raise ExcelRefusal(PROTECTED)
        self._sheet.print_area = value


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
            width = max((len(line) for line in rows), default=0)
            self.sheet.refuse_values(self.r1, self.c1, self.r1 + len(rows) - 1,
                                     self.c1 + max(width, 1) - 1)
            for i, line in enumerate(rows):
                for j, v in enumerate(line):
                    self._put(self.r1 + i, self.c1 + j, v)
            return
        self.sheet.refuse_values(self.r1, self.c1, self.r2, self.c2)
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                self._put(r, c, data)

    def _put(self, r: int, c: int, v) -> None:
        self.sheet.book.api.Saved = False  # a change since the last save (Workbook.Saved)
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
        """The first cell's formula (or value as text); any cell of an array formula
        shows the array's formula, as Excel's formula bar does."""
        cell = self._formula_cell()
        if cell is None:
            return ""
        return cell.formula or ("" if cell.value is None else str(cell.value))

    def _formula_cell(self) -> FakeCell | None:
        array = self.sheet.array_at(self.r1, self.c1)
        at = (array[0], array[1]) if array else (self.r1, self.c1)
        return self.sheet.cells.get(at)

    @property
    def has_array(self) -> bool:
        """Whether the range is part of a legacy array formula (`Range.HasArray`)."""
        return all(self.sheet.array_at(r, c) for r in range(self.r1, self.r2 + 1)
                   for c in range(self.c1, self.c2 + 1))

    @property
    def formula_array(self) -> str | None:
        cell = self._formula_cell()
        return None if cell is None else cell.formula

    @formula_array.setter
    def formula_array(self, formula: str) -> None:
        """A legacy array formula over the whole range (Ctrl+Shift+Enter)."""
        if len(formula) > FORMULA_ARRAY_LIMIT:
            raise ExcelRefusal(FORMULA_ARRAY_REFUSED)
        self.sheet.refuse_values(self.r1, self.c1, self.r2, self.c2)
        self.sheet.drop_arrays_within(self.r1, self.c1, self.r2, self.c2)
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                cell = self.sheet.cells.setdefault((r, c), FakeCell())
                cell.formula, cell.value, cell.error = formula, None, False
        if (self.r1, self.c1) != (self.r2, self.c2):
            self.sheet.arrays.append((self.r1, self.c1, self.r2, self.c2))

    # ---------------------------------------------------------------- rows
    def insert(self, shift: str, copy_origin: str = "format_from_left_or_above") -> None:
        """Whole rows only (the row management the product does): cells, arrays, tables
        and row heights at or below the first row move down; a table or array that spans
        the insertion point grows (Excel's own adjustment)."""
        self._require_whole_rows(shift, "down")
        n = self.r2 - self.r1 + 1
        self.sheet.refuse_row_change(self.r1, self.r2, insert=True)
        if self.r2 + n > MAX_ROW and any(r > MAX_ROW - n for r, _ in self.sheet.cells):
            raise ExcelRefusal("To prevent possible loss of data, Excel cannot shift "
                               "nonblank cells off of the worksheet.")
        self.sheet.shift_rows(self.r1, n)
        source = self.r1 - 1 if copy_origin == "format_from_left_or_above" else self.r1 + n
        self.sheet.copy_formats_down(source, range(self.r1, self.r1 + n))
        self.sheet.book.rows_inserted(self.sheet, self.r1, n)

    def delete(self, shift: str | None = None) -> None:
        self._require_whole_rows(shift or "up", "up")
        self.sheet.refuse_row_change(self.r1, self.r2, insert=False)
        self.sheet.shift_rows(self.r2 + 1, -(self.r2 - self.r1 + 1))

    def _require_whole_rows(self, shift: str, expected: str) -> None:
        if shift != expected or (self.c1, self.c2) != (1, 16384):
            raise NotImplementedError("the fake inserts/deletes whole rows only "
                                      "(sheet.range('6:8'))")

    def replace_all(self, old: str, new: str, *, whole: bool = False,
                    match_case: bool = False) -> None:
        """xlwings' `replace_all`: one cell through its Formula, more through Excel's
        Range.Replace, which changes an array formula only when the range holds all of it."""
        pattern = re.compile(re.escape(old), 0 if match_case else re.IGNORECASE)

        def replaced(text: str) -> str:
            if whole:
                return new if pattern.fullmatch(text) else text
            return pattern.sub(lambda _: new, text)

        if self.shape == (1, 1):
            before = self.formula
            after = replaced(before)
            if after != before:
                self.sheet.refuse_values(self.r1, self.c1, self.r1, self.c1)
                self._put(self.r1, self.c1, after)
            return
        changes = {}
        for (r, c), cell in self.sheet.cells.items():
            if not (self.r1 <= r <= self.r2 and self.c1 <= c <= self.c2):
                continue
            text = cell.formula or (cell.value if isinstance(cell.value, str) else None)
            if text is not None and replaced(text) != text:
                changes[(r, c)] = replaced(text)
        for r, c in changes:
            array = self.sheet.array_at(r, c)
            if array and not (self.r1 <= array[0] and self.c1 <= array[1]
                              and self.r2 >= array[2] and self.c2 >= array[3]):
                raise ExcelRefusal(PART_OF_ARRAY)
            if self.sheet.protected and self.sheet.is_locked(r, c):
                raise ExcelRefusal(PROTECTED)
        for (r, c), text in changes.items():
            cell = self.sheet.cells[(r, c)]
            if cell.formula:
                cell.formula, cell.value = text, None  # an array stays an array
            else:
                cell.value = text

    def clear_contents(self) -> None:
        self.sheet.refuse_values(self.r1, self.c1, self.r2, self.c2)
        self.sheet.drop_arrays_within(self.r1, self.c1, self.r2, self.c2)
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
        self.sheet.refuse_unless_allowed("AllowFormattingCells")
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
        self.sheet.refuse_unless_allowed("AllowFormattingRows")
        for r in range(self.r1, self.r2 + 1):
            self.sheet.heights[r] = float(value)

    # ---------------------------------------------------------------- colour
    @property
    def color(self):
        cell = self.sheet.cells.get((self.r1, self.c1))
        return None if cell is None else cell.color

    @color.setter
    def color(self, value) -> None:
        self.sheet.refuse_unless_allowed("AllowFormattingCells")
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
    if first.replace("$", "").isdigit() and (last or first).replace("$", "").isdigit():
        return int(first.replace("$", "")), 1, int((last or first).replace("$", "")), 16384
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


def _ranges(sqref) -> list[list[int]]:
    """An openpyxl MultiCellRange as [r1, c1, r2, c2] lists."""
    return [[r.min_row, r.min_col, r.max_row, r.max_col] for r in sqref.ranges]


def _moved(r: int, row: int, n: int) -> int:
    """Row r after n rows were inserted before `row` (the sheet's last row stays put)."""
    return r + n if row <= r < MAX_ROW else r


_STRING = re.compile(r'"(?:[^"]|"")*"')
# A cell or row-range reference, with its sheet when it has one: not part of a longer
# name (lst_kode_baris, LOG10( ...) and not a sheet name itself (A1!B2).
_REFERENCE = re.compile(
    r"(?<![\w.$'!\]])"
    r"(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?"
    r"(?P<ref>\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?\d+:\$?\d+)"
    r"(?![\w(!:])")
_END = re.compile(r"(\$?[A-Za-z]{0,3}\$?)(\d+)")


def _shift_references(text: str, host: str | None, target: str, row: int, n: int) -> str:
    """`text` (a formula, a name's definition, a rule's formula) on sheet `host` (None: a
    workbook-level name) after n rows were inserted before `row` of sheet `target`.

    Written independently of the product's own adjuster (regular expressions, not
    openpyxl's tokenizer), so that tests comparing the two compare two readings."""
    def reference(m: re.Match) -> str:
        sheet = m["sheet"]
        name = sheet.strip("'").replace("''", "'") if sheet else host
        if name is None or name.lower() != target.lower():
            return m[0]
        ref = ":".join(_END.sub(lambda e: e[1] + str(_moved(int(e[2]), row, n)), end)
                       for end in m["ref"].split(":"))
        return (f"{sheet}!" if sheet else "") + ref

    pieces = []
    last = 0
    for quoted in _STRING.finditer(text):  # text in quotes is never a reference
        pieces.append(_REFERENCE.sub(reference, text[last:quoted.start()]))
        pieces.append(quoted[0])
        last = quoted.end()
    pieces.append(_REFERENCE.sub(reference, text[last:]))
    return "".join(pieces)
