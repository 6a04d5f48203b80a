"""What the UDF cost model reads from a built workbook: formulas, names, tables, values, VBA.

- formulas straight from each worksheet part (array formulas with their range, shared
  formulas translated to each cell as Excel would);
- defined names (workbook and sheet scope) and Excel tables (for structured references);
- cached cell values through python-calamine (as `bench.udf_call.udf_arguments` reads them),
  only for the sheets that are asked for;
- the functions the `xlwings_udfs` VBA module declares (pyOpenVBA), with the Python
  module each calls and whether it is volatile (`Application.Volatile`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from lxml import etree
from openpyxl.formula.translate import Translator

from xlplugin.ooxml.cached import sheet_parts
from xlplugin.ooxml.package import WORKBOOK, Relationships, rels_part, resolve_target

from .udf_cost_formula import column_letters, column_number, parse_area

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
UDF_VBA_MODULE = "xlwings_udfs"
_CELL_REF = re.compile(r"^([A-Z]+)([0-9]+)$")


@dataclass(frozen=True)
class FormulaCell:
    sheet: str
    row: int
    col: int
    text: str  # without the leading "="
    array: str | None = None  # "M6:M2005" for a legacy array formula


@dataclass(frozen=True)
class ExcelTable:
    name: str
    sheet: str
    r1: int
    c1: int
    r2: int
    c2: int
    header_rows: int
    totals_rows: int
    columns: tuple[str, ...]


@dataclass(frozen=True)
class VbaUdfs:
    names: frozenset[str]  # upper case
    modules: tuple[str, ...]  # Python modules the wrappers call, e.g. udfs.dak_udfs
    volatile: frozenset[str]


@dataclass
class Book:
    path: Path
    sheets: list[str]
    formulas: dict[str, list[FormulaCell]]
    names: dict[tuple[str | None, str], str]  # (sheet scope or None, NAME) -> formula
    tables: dict[str, ExcelTable]  # upper-case name -> table
    _values: dict[str, list] = field(default_factory=dict, repr=False)
    _formula_at: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, path: Path) -> Book:
        path = Path(path)
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
            sheets = list(parts)
            names = _defined_names(z.read(WORKBOOK), sheets)
            tables, formulas = {}, {}
            for sheet, part in parts.items():
                formulas[sheet] = _sheet_formulas(sheet, z.read(part))
                for t in _sheet_tables(z, sheet, part):
                    tables[t.name.upper()] = t
        book = cls(path, sheets, formulas, names, tables)
        book._formula_at = {(f.sheet, f.row, f.col): f for fs in formulas.values() for f in fs}
        return book

    def formula_at(self, sheet: str, row: int, col: int) -> FormulaCell | None:
        """The formula written in that cell (not the cells an array formula spills to)."""
        return self._formula_at.get((sheet, row, col))

    def name(self, text: str, sheet: str | None) -> tuple[str | None, str] | None:
        """(scope sheet, formula) of defined name `text` as seen from `sheet`."""
        key = text.upper()
        if (sheet, key) in self.names:
            return sheet, self.names[(sheet, key)]
        if (None, key) in self.names:
            return None, self.names[(None, key)]
        return None

    # -------------------------------------------------------------- values
    def grid(self, sheet: str) -> list:
        if sheet not in self._values:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(self.path))
            try:
                self._values[sheet] = book.get_sheet_by_name(sheet).to_python(
                    skip_empty_area=False)
            finally:
                book.close()
        return self._values[sheet]

    def value(self, sheet: str, row: int, col: int) -> object:
        """The cached value: None when empty, float for numbers, datetime for dates."""
        rows = self.grid(sheet)
        raw = rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else ""
        return com_value(raw)

    def values(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> tuple:
        """The area as COM hands it over: a tuple of row tuples (a scalar for one cell)."""
        rows = self.grid(sheet)
        width = c2 - c1 + 1
        out = []
        for r in range(r1 - 1, r2):
            row = rows[r] if r < len(rows) else ()
            cells = row[c1 - 1:c2]
            out.append(tuple(com_value(v) for v in cells) + (None,) * (width - len(cells)))
        if r1 == r2 and c1 == c2:
            return out[0][0]
        return tuple(out)

    # -------------------------------------------------------------- VBA
    def vba_udfs(self) -> VbaUdfs:
        """The functions of the `xlwings_udfs` module (none when the file has no VBA)."""
        from pyopenvba import ExcelFile, PyOpenVBAError

        source = ""
        try:
            with ExcelFile(self.path) as book:
                for module in book.vba_project().modules:
                    if module.name == UDF_VBA_MODULE:
                        source = module.source
        except PyOpenVBAError:  # no VBA project: a plain .xlsx in a test
            return VbaUdfs(frozenset(), (), frozenset())
        return parse_vba_udfs(source)


def parse_vba_udfs(source: str) -> VbaUdfs:
    names, volatile, modules = set(), set(), []
    for m in re.finditer(r"^\s*(?:Public\s+)?Function\s+(\w+)\s*\((.*?)^\s*End Function",
                         source, re.MULTILINE | re.DOTALL | re.IGNORECASE):
        name, body = m.group(1).upper(), m.group(2)
        names.add(name)
        if re.search(r"Application\.Volatile", body, re.IGNORECASE):
            volatile.add(name)
        for module in re.findall(r'CallUDF\(\s*"([^"]+)"', body):
            if module not in modules:
                modules.append(module)
    return VbaUdfs(frozenset(names), tuple(modules), frozenset(volatile))


# ---------------------------------------------------------------- values as COM gives them
# What Excel's Range.Value gives a COM client: None for empty cells, floats for numbers,
# (pywintypes) datetimes for dates, and an int code for an error value.
COM_ERRORS = {"#DIV/0!": -2146826281, "#N/A": -2146826246, "#NAME?": -2146826259,
              "#NULL!": -2146826288, "#NUM!": -2146826252, "#REF!": -2146826265,
              "#VALUE!": -2146826273}
_EPOCH = datetime(1899, 12, 30)


def com_value(value: object) -> object:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return datetime.combine(_EPOCH.date(), value)
    if isinstance(value, timedelta):
        return _EPOCH + value
    if isinstance(value, str) and value in COM_ERRORS:
        return COM_ERRORS[value]
    return value


# ---------------------------------------------------------------- parts
def _defined_names(xml: bytes, sheets: list[str]) -> dict:
    root = etree.fromstring(xml)
    out = {}
    for el in root.iter(f"{NS}definedName"):
        local = el.get("localSheetId")
        scope = sheets[int(local)] if local is not None and int(local) < len(sheets) else None
        out[(scope, el.get("name").upper())] = el.text or ""
    return out


def _sheet_formulas(sheet: str, xml: bytes) -> list[FormulaCell]:
    out, shared = [], {}
    for _, cell in etree.iterparse(io.BytesIO(xml), tag=f"{NS}c"):
        f = cell.find(f"{NS}f")
        if f is not None:
            m = _CELL_REF.match(cell.get("r"))
            row, col = int(m.group(2)), column_number(m.group(1))
            kind, text = f.get("t"), f.text
            if kind == "shared":
                si = f.get("si")
                if text:
                    shared[si] = (text, cell.get("r"))
                else:
                    master, origin = shared[si]
                    text = Translator("=" + master, origin).translate_formula(
                        cell.get("r"))[1:]
            if text and kind != "dataTable":
                out.append(FormulaCell(sheet, row, col, text,
                                       f.get("ref") if kind == "array" else None))
        cell.clear()
    return out


def _sheet_tables(z: zipfile.ZipFile, sheet: str, part: str) -> list[ExcelTable]:
    rels = rels_part(part)
    if rels not in z.namelist():
        return []
    out = []
    for rel in Relationships.parse(z.read(rels)).of_type(TABLE_REL):
        root = etree.fromstring(z.read(resolve_target(part, rel.target)))
        ref = parse_area(root.get("ref"))
        columns = tuple(c.get("name") for c in root.iter(f"{NS}tableColumn"))
        out.append(ExcelTable(root.get("displayName") or root.get("name"), sheet, ref.r1,
                              ref.c1, ref.r2, ref.c2, int(root.get("headerRowCount", "1")),
                              int(root.get("totalsRowCount", "0")), columns))
    return out


def cell_name(sheet: str, row: int, col: int) -> str:
    return f"'{sheet}'!{column_letters(col)}{row}"
