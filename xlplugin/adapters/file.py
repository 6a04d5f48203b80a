"""A workbook file: python-calamine reads values, the XML patch writes findings.

Nothing is written until `save(path)`; then only the changed parts (the sheets whose
highlights, status values or findings really changed, and styles.xml) are written
and every other part is copied unchanged, through a temp file and an atomic rename.
Input sheets are edited on their bytes (`SheetPatch`: a few cells of a large sheet);
only Temuan, whose rows are rewritten, is parsed into a tree.

`load_dokumen(path)` is the whole read of a file: this adapter opened, the workbook
read through the layout of the template version it says it is. It lives here, above
`xlplugin.io`, because it opens the file adapter; the reader itself works over any
grid source.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..domain.records import Dokumen
from ..io.errors import ReadProblem
from ..io.grid import Grid, clean_rows
from ..io.reader import read_workbook
from ..io.version import layout_of_package
from ..layout.model import column_letter
from ..ooxml.errors import WorkbookReadError
from ..ooxml.limits import (
    PackageLimitError,
    check_sheet_extent,
    check_sheet_text,
    shared_string_sizes,
)
from ..ooxml.memory import memory_ceiling
from ..ooxml.package import (
    WORKBOOK,
    WORKBOOK_RELS,
    Package,
    open_package,
    parse_xml,
    rels_part,
    resolve_target,
)
from ..ooxml.patch import CALC_CHAIN, patch_package
from ..ooxml.safe_write import write_atomic
from ..ooxml.sheet_patch import SheetPatch
from ..ooxml.sheet_xml import SheetXml, split_ref
from ..ooxml.styles_xml import Styles
from .base import WorkbookAdapter, like_row, make_token, parse_token

STYLES = "xl/styles.xml"
_ERROR_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*?t="e"[^>]*>(?:<f[^>]*?(?:/>|>.*?</f>))?'
                         rb"<v>([^<]*)</v>", re.DOTALL)
_TAG_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_REL = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_TABLE = re.compile(rb"<(?:[\w.-]+:)?table\b([^>]*)>")
TABLE_REL = "/relationships/table"


class FileAdapter(WorkbookAdapter):
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.package: Package = open_package(self.path)
        self._book = None
        # grids are the largest objects of a check: kept only while someone holds them
        self._grids: weakref.WeakValueDictionary[str, Grid] = weakref.WeakValueDictionary()
        self._sheets: dict[str, SheetPatch] = {}
        self._xml: dict[str, bytes] = {}  # sheet XML read for its grid, kept for the writer
        self._styles: Styles | None = None
        self._sst: list[int] | None = None  # shared string sizes, for the read limits
        self._print_areas: dict[str, str] = {}

    # ---------------------------------------------------------------- reading
    def sheet_names(self) -> list[str]:
        return list(self.package.sheets)

    def listed_sheets(self) -> list[str]:
        """Every sheet name workbook.xml lists, its part found or not (a damaged
        template is told apart from another workbook by these)."""
        return list(self.package.listed)

    def grid(self, sheet: str) -> Grid:
        grid = self._grids.get(sheet)
        if grid is None:
            grid = self._grids[sheet] = self._read_grid(sheet)
        return grid

    def table_end(self, sheet: str, name: str) -> int | None:
        """The last data row of the Excel table `name` on `sheet` (its `ref` in
        xl/tables/tableN.xml, less a totals row), None when the sheet has no such table.
        A table the user grew by typing below it ends below the template's capacity."""
        part = self.package.sheets.get(sheet)
        if part is None:
            return None
        rels = rels_part(part)
        if not self.package.has(rels):
            return None
        found = []
        for m in _REL.finditer(self.package.read(rels)):
            rel = _tag_attrs(m[1])
            if not rel.get("Type", "").endswith(TABLE_REL) or rel.get("TargetMode") == "External":
                continue
            target = resolve_target(part, rel.get("Target", ""))
            head = _TABLE.search(self.package.read(target)) if self.package.has(target) else None
            if head is not None:
                found.append(_tag_attrs(head[1]))
        wanted = name.casefold()
        named = [t for t in found if wanted in (t.get("name", "").casefold(),
                                                t.get("displayName", "").casefold())]
        table = named[0] if named else (found[0] if len(found) == 1 else None)
        if table is None or ":" not in table.get("ref", ""):
            return None
        try:
            last = split_ref(table["ref"].partition(":")[2])[0]
            return last - int(table.get("totalsRowCount") or 0)
        except (TypeError, ValueError):
            return None

    def _read_grid(self, sheet: str) -> Grid:
        from python_calamine import CalamineWorkbook

        data = self._xml.get(sheet) or self.package.read(self.package.sheets[sheet])
        # what calamine will allocate, counted before it does: A1..farthest cell, and a
        # copy of its shared string for every cell pointing at one
        check_sheet_extent(data, sheet, self.path.name)
        check_sheet_text(data, self._shared_sizes, sheet, self.path.name)
        if sheet not in self._sheets:  # the writer edits these bytes: not inflated twice
            self._xml[sheet] = data
        if self._book is None:
            self.package.check_unchanged()  # calamine opens the path once more
        try:
            with memory_ceiling():
                if self._book is None:
                    self._book = CalamineWorkbook.from_path(str(self.path))
                rows = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                rows = clean_rows(rows)
        except MemoryError:
            raise PackageLimitError(
                f"Sheet '{sheet}' dalam berkas {self.path.name} memerlukan memori melebihi "
                "batas saat dibaca; berkas terlalu besar untuk diperiksa. Simpan ulang dari "
                "Excel tanpa isi/format di luar tabel.") from None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - CalamineError, a Rust panic (pyo3's
            # PanicException is a BaseException): all mean a damaged sheet
            raise WorkbookReadError(
                f"Sheet '{sheet}' dalam berkas {self.path.name} tidak dapat dibaca (isinya "
                "rusak). Buka di Excel, simpan ulang sebagai .xlsm, lalu coba lagi.",
                detail=f"{type(exc).__name__}: {exc}") from None
        self._overlay_errors(data, rows)
        return Grid(rows)

    def _shared_sizes(self) -> list[int]:
        """An upper bound of each shared string's length (read once per file)."""
        if self._sst is None:
            part = self._shared_part()
            self._sst = shared_string_sizes(self.package.read(part)) if part else []
        return self._sst

    def _shared_part(self) -> str | None:
        """The shared strings part, found as the reader finds it (the workbook's rels)."""
        rels = WORKBOOK_RELS
        if self.package.has(rels):
            for m in _REL.finditer(self.package.read(rels)):
                rel = _tag_attrs(m[1])
                if rel.get("Type", "").endswith("/sharedStrings"):
                    target = resolve_target(WORKBOOK, rel.get("Target", ""))
                    return target if self.package.has(target) else None
        return "xl/sharedStrings.xml" if self.package.has("xl/sharedStrings.xml") else None

    @staticmethod
    def _overlay_errors(data: bytes, rows: list[list[object]]) -> None:
        """calamine reads error cells as empty; the grid shows them as their text."""
        if b't="e"' not in data:
            return
        for ref, text in _ERROR_CELL.findall(data):
            r, c = split_ref(ref.decode())
            while len(rows) < r:
                rows.append([])
            line = rows[r - 1]
            line.extend([None] * (c - len(line)))
            line[c - 1] = text.decode()

    # ---------------------------------------------------------------- writing
    def _sheet(self, sheet: str) -> SheetPatch:
        if sheet not in self._sheets:
            if sheet not in self.package.sheets:
                raise WorkbookReadError(
                    f"Sheet '{sheet}' tidak ada di berkas {self.path.name}; temuan tidak dapat "
                    "ditulis. Gunakan template terbaru.")
            part, name = self.package.sheets[sheet], self.path.name
            data = self._xml.pop(sheet, None) or self.package.read(part)
            self._sheets[sheet] = SheetPatch(data, lambda data: parse_xml(data, part, name))
        return self._sheets[sheet]

    def _tree(self, sheet: str) -> SheetXml:
        return self._sheet(sheet).tree()

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = Styles(self.package.read(STYLES))
        return self._styles

    def format_tokens(self, sheet: str, cells: Iterable[str]) -> dict[str, str]:
        xml = self._sheet(sheet)
        out = {}
        for ref in cells:
            s = xml.style(ref)
            out[ref] = make_token(s, self.styles.fill_rgb(s))
        return out

    def restore_formats(self, sheet: str, tokens: Mapping[str, str]) -> None:
        if sheet not in self.package.sheets:
            return
        xml = self._sheet(sheet)
        count = len(self.styles.xfs)
        for ref, token in tokens.items():
            t = parse_token(token)
            if t.get("s", "").isdigit() and int(t["s"]) < count:
                xml.set_style(ref, int(t["s"]))
            else:  # written by the live adapter: only the colour is known
                xml.set_style(ref, self.styles.with_fill(xml.style(ref), t.get("c") or None))

    def highlight(self, sheet: str, colours: Mapping[str, str]) -> None:
        xml = self._sheet(sheet)
        for ref, rgb in colours.items():
            xml.set_style(ref, self.styles.with_fill(xml.style(ref), rgb))

    def write_cells(self, sheet: str, cells: list, clear: tuple[int, int, int],
                    heights: tuple[int, Mapping[int, float]] | None = None) -> None:
        xml = self._tree(sheet)
        xml.clear_region(*clear)
        if heights is not None:
            start, sizes = heights
            for number in [n for n in xml.row_numbers() if n >= start] + list(sizes):
                xml.set_height(number, sizes.get(number))
        for spec in cells:
            source = like_row(spec.role)
            if source is None:
                style = self.styles.role(spec.role)
            else:
                style = xml.style(f"{column_letter(spec.col)}{source}")
                if not style and spec.value is None and not spec.formula:
                    continue  # nothing and no format: no cell
            xml.write(spec.ref, spec.value, spec.formula, style)
        xml.prune_rows(clear[0])
        xml.update_dimension()

    def set_status(self, sheet: str, column: int, rows: range, texts: Mapping[int, str]) -> None:
        self._sheet(sheet).set_status(column, rows, texts)

    def save(self, target: Path | str, *, backup: bool = False) -> Path | None:
        """Write the patched workbook to `target` atomically; returns the backup path."""
        parts = {self.package.sheets[name]: xml for name, xml in self._sheets.items()
                 if xml.changed}
        if self._styles is not None and self._styles.changed:
            parts[STYLES] = self._styles
        if self._print_areas:
            parts[WORKBOOK] = _PrintAreas(self, self._print_areas)
        replace = _Rendered(parts)
        drop = (CALC_CHAIN,) if any(xml.changed for xml in self._sheets.values()) else ()
        in_place = Path(target).resolve() == self.path.resolve()

        def write(fh) -> None:
            patch_package(self.package._zip, fh, replace, drop)
            if in_place:  # release the source before it is renamed over (Windows)
                self.close()

        return write_atomic(target, write, backup=backup)

    def set_print_area(self, sheet: str, ref: str) -> None:
        if sheet in self.package.sheets:
            self._print_areas[sheet] = ref

    def close(self) -> None:
        self._xml.clear()
        if self._book is not None:
            self._book.close()
            self._book = None
        self.package.close()


def load_dokumen(path: Path | str) -> tuple[Dokumen, list[ReadProblem]]:
    """The typed content of a workbook file and what did not match the template."""
    with FileAdapter(path) as adapter:  # each known template version by its own layout
        read = read_workbook(adapter, layout_of_package(adapter.package))
    return read.doc, read.problems


class _PrintAreas:
    """workbook.xml with the print areas set, rendered when the zip writer reaches it."""

    def __init__(self, adapter: FileAdapter, areas: dict[str, str]):
        self._adapter, self._areas = adapter, areas

    def to_bytes(self) -> bytes:
        from .print_areas import with_print_areas

        package = self._adapter.package
        return with_print_areas(package.read(WORKBOOK), self._areas, WORKBOOK,
                                package.path.name)


class _Rendered(Mapping):
    """Part name -> new bytes, rendered when the zip writer asks for that part, so only
    one rewritten sheet is held as bytes at a time (a large sheet is tens of MB)."""

    def __init__(self, parts: dict):
        self._parts = parts

    def __getitem__(self, name: str) -> bytes:
        return self._parts[name].to_bytes()

    def __iter__(self):
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)


def _tag_attrs(text: bytes) -> dict[str, str]:
    """A start tag's attributes by local name, values unescaped."""
    return {k.decode().rpartition(":")[2]: _unescape((a or b).decode("utf-8", "replace"))
            for k, a, b in _TAG_ATTR.findall(text)}


_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(text: str) -> str:
    """XML's own entities and character references (xml.sax.saxutils would pull in
    urllib and http: a tenth of a second of start-up for this)."""
    if "&" not in text:
        return text

    def one(m: re.Match) -> str:
        name = m[1]
        if name[0] != "#":
            return _NAMED[name]
        try:
            digits = name[1:]
            return chr(int(digits.lstrip("x"), 16) if digits[0] == "x" else int(digits))
        except (ValueError, OverflowError):  # no such character: keep the text as written
            return m[0]

    return _ENTITY.sub(one, text)
