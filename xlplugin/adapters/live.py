"""An open Excel workbook through xlwings: used by the ribbon buttons.

Thin on purpose: values in and out through `sheet.range(...)`, one call per block;
colours through `range.color`. Everything else (finding headers, binding records,
the engine, what to write) is the same code the file adapter uses.

The template's sheets are protected (no password) and Excel refuses any formatting on a
protected sheet, and values in its locked cells, whatever the caller
(https://learn.microsoft.com/office/vba/api/excel.worksheet.protect). So every write
runs inside `unprotected(sheet)`: it unprotects, writes, and protects again with exactly
the options the sheet had, also when the write fails. `UserInterfaceOnly` protection
would spare the unprotecting but is lost on save and reopen, and a sheet saved while a
macro ran unprotected would stay open to typing over formulas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from ..domain.colours import LEVEL_COLOURS
from ..io.grid import Grid, clean_rows
from .base import WorkbookAdapter, WorkbookWriteError, like_blocks, make_token, parse_token

FORMULA_START = ("=", "+", "-", "@")
CONVERTED_START = "0123456789.($"  # what Excel may turn into a number or date on entry
DEFAULT_HEIGHT = 15  # Excel's standard row height for the template's font
FILE_PREFIX = "_xlfn."  # how a file stores newer functions; typed formulas go without it
# Worksheet.Protect's Allow* arguments, read back from Worksheet.Protection.
ALLOW = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
         "AllowInsertingColumns", "AllowInsertingRows", "AllowInsertingHyperlinks",
         "AllowDeletingColumns", "AllowDeletingRows", "AllowSorting", "AllowFiltering",
         "AllowUsingPivotTables")


@contextmanager
def unprotected(sh) -> Iterator[None]:
    """The sheet unprotected for the block, then protected again as it was."""
    api = sh.api
    if not api.ProtectContents:
        yield
        return
    options = {name: bool(getattr(api.Protection, name)) for name in ALLOW}
    options.update(DrawingObjects=bool(api.ProtectDrawingObjects),
                   Scenarios=bool(api.ProtectScenarios))
    try:
        api.Unprotect()
    except Exception as exc:  # a password we do not know: say what to do
        raise WorkbookWriteError(
            f"Sheet '{sh.name}' diproteksi dengan kata sandi, sehingga hasil pemeriksaan "
            "tidak dapat ditulis. Buka proteksinya (Tinjau > Buka Proteksi Lembar), lalu "
            "ulangi.") from exc
    try:
        yield
    finally:
        api.Protect(Contents=True, **options)


class LiveAdapter(WorkbookAdapter):
    def __init__(self, book):
        self.book = book
        self._grids: dict[str, Grid] = {}

    # ---------------------------------------------------------------- reading
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def grid(self, sheet: str) -> Grid:
        if sheet not in self._grids:
            sh = self.book.sheets[sheet]
            last = sh.used_range.last_cell
            values = sh.range((1, 1), (last.row, last.column)).options(
                ndim=2, err_to_str=True).value
            self._grids[sheet] = Grid(clean_rows(values or []))
        return self._grids[sheet]

    def table_end(self, sheet: str, name: str) -> int | None:
        """The last data row of the Excel table `name` (a table grown by Tambah Baris ends
        below the template's capacity)."""
        tables = self.book.sheets[sheet].tables
        return tables[name].range.last_cell.row if name in tables else None

    # ---------------------------------------------------------------- writing
    def format_tokens(self, sheet: str, cells: Iterable[str]) -> dict[str, str]:
        sh = self.book.sheets[sheet]
        return {ref: make_token(None, _hex(sh.range(ref).color)) for ref in cells}

    def restore_formats(self, sheet: str, tokens: Mapping[str, str]) -> None:
        if sheet not in self.sheet_names():
            return
        sh = self.book.sheets[sheet]
        with unprotected(sh):
            for ref, token in tokens.items():
                colour = parse_token(token).get("c")
                sh.range(ref).color = f"#{colour}" if colour else None

    def highlight(self, sheet: str, colours: Mapping[str, str]) -> None:
        sh = self.book.sheets[sheet]
        with unprotected(sh):
            for ref, rgb in colours.items():
                sh.range(ref).color = f"#{rgb}"

    def set_print_area(self, sheet: str, ref: str) -> None:
        sh = self.book.sheets[sheet]
        with unprotected(sh):
            sh.page_setup.print_area = ref

    def write_cells(self, sheet: str, cells: list, clear: tuple[int, int, int],
                    heights: tuple[int, Mapping[int, float]] | None = None) -> None:
        sh = self.book.sheets[sheet]
        with unprotected(sh):
            self._write_cells(sh, cells, clear, heights)
        self._grids.pop(sheet, None)

    def _write_cells(self, sh, cells: list, clear: tuple[int, int, int],
                     heights: tuple[int, Mapping[int, float]] | None) -> None:
        first_row, first_col, last_col = clear
        last_row = max([sh.used_range.last_cell.row, first_row] + [c.row for c in cells])
        block = sh.range((first_row, first_col), (last_row, last_col))
        block.clear_contents()
        block.color = None
        self._paste_formats(sh, cells)
        rows = [[None] * (last_col - first_col + 1) for _ in range(last_row - first_row + 1)]
        for spec in cells:
            rows[spec.row - first_row][spec.col - first_col] = (
                spec.formula.replace(FILE_PREFIX, "") if spec.formula else _literal(spec.value))
        block.value = rows
        if heights is not None:
            start, sizes = heights
            if start <= last_row:
                sh.range((start, first_col), (last_row, first_col)).row_height = DEFAULT_HEIGHT
            for number, height in sizes.items():
                sh.range((number, first_col)).row_height = height
        for spec in cells:
            if spec.role.startswith("level:"):
                sh.range(spec.ref).color = f"#{LEVEL_COLOURS[spec.role[6:]]}"

    @staticmethod
    def _paste_formats(sh, cells: list) -> None:
        """`like:<row>` cells: Excel pastes that row's formats, before the values go in
        (a text format must be in place before a NIB like '0012...' is entered)."""
        for source, r1, r2, c1, c2 in like_blocks(cells):
            sh.range((source, c1), (source, c2)).copy()  # a one-row source tiles the block
            sh.range((r1, c1), (r2, c2)).paste(paste="formats")

    def set_status(self, sheet: str, column: int, rows: range, texts: Mapping[int, str]) -> None:
        sh = self.book.sheets[sheet]
        column_range = sh.range((rows.start, column), (rows.stop - 1, column))
        if str(sh.range((rows.start, column)).formula).startswith("="):
            return  # the status UDF array formula keeps the column live by itself
        with unprotected(sh):
            column_range.value = [[_literal(texts.get(r, "")) or None] for r in rows]


def _literal(value: object) -> object:
    """Text that Excel would read as a formula, a number, a date or a boolean is entered
    as text (leading apostrophe): '=1+1', '0012', '08-05-2023', 'TRUE' stay what they are."""
    if isinstance(value, str) and value and (
            value.startswith(FORMULA_START) or value[0] in CONVERTED_START
            or value.upper() in ("TRUE", "FALSE")):
        return "'" + value
    return value


def _hex(colour) -> str:
    if colour is None:
        return ""
    if isinstance(colour, str):
        return colour.lstrip("#").upper()
    r, g, b = colour
    return f"{r:02X}{g:02X}{b:02X}"
