"""Validate a workbook through an adapter and write the findings back into it.

The ribbon buttons (Validasi, Bersihkan Sorotan) and `xlplugin validate` call exactly
these three functions; the adapter decides how cells are reached (a file or a live
Excel book), everything else happens here once:

- `validate_workbook(adapter)`: read through the layout, run the engine, point each
  finding at the cell where this workbook really holds the value;
- `write_findings(adapter, findings)`: clear the previous run's colours (from the
  register kept on Temuan), colour the flagged cells, update the status columns, and
  fill Temuan (list, time of check, fingerprint of the inputs, new register);
- `clear_highlights(adapter)`: restore every cell the last run coloured.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from .domain.colours import LEVEL_COLOURS
from .domain.finding import Finding
from .io.errors import ReadProblem
from .io.reader import WorkbookRead, read_workbook
from .layout import load_layout
from .layout.model import Layout
from .template.sheets.temuan import (
    LEVEL_RANK,
    Fingerprint,
    Row,
    TemuanSheet,
    read_register,
    row_heights,
    temuan_cells,
)

_READ = "_xlplugin_read"  # the adapter's memo of its last read (one read per button press)


def validate_workbook(adapter, layout: Layout | None = None) -> list[Finding]:
    """All findings of the workbook, sorted, each at the cell it really concerns.

    Besides the rules over the data, BACA-VERSI over the template version the workbook
    states. The read problems (`read_problems`) become BACA-SHEET/BACA-KOLOM findings
    through `engine.baca.read_finding` wherever they are shown."""
    from .engine import validate
    from .engine.baca import read_findings

    layout = layout or load_layout()
    read = _read(adapter, layout)
    found = [read.locate(f, layout) for f in validate(read.doc, layout=layout)]
    found += read_findings(versi=_stated_version(adapter), layout=layout)
    return sorted(found, key=Finding.sort_key)


_CORE = "docProps/core.xml"  # where Excel, LibreOffice and openpyxl keep the properties
_NS_CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


def _stated_version(adapter):
    """The template version in the workbook's `keywords` property ("template 2023.1",
    written by the template build): the version, None when the workbook states none,
    or `engine.baca.UNREAD` when the properties cannot be reached (a live workbook
    outside Windows Excel)."""
    import re

    from .engine.baca import UNREAD

    package = getattr(adapter, "package", None)
    if package is not None:
        from .ooxml.errors import WorkbookReadError
        from .ooxml.package import parse_xml

        try:
            root = parse_xml(package.read(_CORE), _CORE) if package.has(_CORE) else None
        except WorkbookReadError:
            root = None  # an unreadable properties part states no version
        keywords = root.findtext(f"{_NS_CORE}keywords") if root is not None else None
    else:
        try:  # Windows Excel through COM; other platforms lack this object model
            keywords = adapter.book.api.BuiltinDocumentProperties("Keywords").Value
        except Exception:  # noqa: BLE001 - COM raises its own error types
            return UNREAD
    match = re.search(r"\btemplate\s+(\S+)", keywords or "", re.IGNORECASE)
    return match[1] if match else None


def read_problems(adapter, layout: Layout | None = None) -> list[ReadProblem]:
    """What did not match the template while reading (moved columns, missing sheets)."""
    return _read(adapter, layout or load_layout()).problems


def write_findings(adapter, findings: list[Finding], layout: Layout | None = None, *,
                   now: datetime | None = None) -> None:
    layout = layout or load_layout()
    read = _read(adapter, layout)
    temuan = TemuanSheet(layout)
    _restore(adapter, layout)
    marks = _marks(read.problems, findings)
    register = []
    for sheet, colours in marks.items():
        tokens = adapter.format_tokens(sheet, colours)
        register += [(sheet, ref, tokens[ref]) for ref in sorted(colours, key=_cell_order)]
        adapter.highlight(sheet, colours)
    _write_status(adapter, layout, read, findings)
    _set_print_areas(adapter, layout, read)
    rows = [_problem_row(p) for p in read.problems] + [_finding_row(f) for f in findings]
    stamp = (now or datetime.now()).strftime("%d-%m-%Y %H:%M")
    cells = temuan_cells(layout, rows, stamp, fingerprints(adapter, layout, read, stored=True),
                         register)
    adapter.write_cells(temuan.name, cells, (1, 1, temuan.last_col),
                        (temuan.first_row, row_heights(layout, rows)))


def clear_highlights(adapter, layout: Layout | None = None) -> int:
    """Give every cell coloured by the last check its own format back; returns how many."""
    layout = layout or load_layout()
    temuan = TemuanSheet(layout)
    count = _restore(adapter, layout)
    adapter.write_cells(temuan.name, [], (temuan.first_row, temuan.register_col,
                                          temuan.last_col))
    return count


def fingerprints(adapter, layout: Layout, read: WorkbookRead, *,
                 stored: bool) -> list[Fingerprint]:
    from .io.fingerprint import compute, parts

    computed = read.prints or [  # the reader computes them while it holds the grids
        (part, compute(part, adapter.grid(read.sheets[part.sheet])
                       if part.sheet in read.sheets else None))
        for part in parts(layout)]
    return [Fingerprint(part.key, part.formula(), value, value if stored else None)
            for part, value in computed]


# ---------------------------------------------------------------- internals
def _read(adapter, layout: Layout) -> WorkbookRead:
    read = getattr(adapter, _READ, None)
    if read is None:
        read = read_workbook(adapter, layout)
        setattr(adapter, _READ, read)
    return read


def _restore(adapter, layout: Layout) -> int:
    temuan = TemuanSheet(layout)
    if temuan.name not in adapter.sheet_names():
        return 0
    by_sheet: dict[str, dict[str, str]] = defaultdict(dict)
    for sheet, ref, token in read_register(layout, adapter.grid(temuan.name)):
        by_sheet[sheet][ref] = token
    for sheet, tokens in by_sheet.items():
        adapter.restore_formats(sheet, tokens)
    return sum(len(t) for t in by_sheet.values())


def _marks(problems: list[ReadProblem], findings: list[Finding]) -> dict[str, dict[str, str]]:
    """sheet -> {cell: colour}: each flagged cell in the colour of its worst finding."""
    worst: dict[tuple[str, str], str] = {}
    for f in findings:
        ref = f.cell or (f"A{f.row}" if f.row else None)
        if ref is None:
            continue
        key = (f.sheet, ref)
        if key not in worst or LEVEL_RANK[f.level] < LEVEL_RANK[worst[key]]:
            worst[key] = f.level
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (sheet, ref), level in worst.items():
        out[sheet][ref] = LEVEL_COLOURS[level]
    return out


def _write_status(adapter, layout: Layout, read: WorkbookRead, findings: list[Finding]) -> None:
    """The cached status texts: the same `row_statuses` the live status UDFs show.

    Written only into the column the reader found under the status header: the
    template's position may hold the user's own column (one inserted before it, or
    typed over it). Without that header the reader has already said why no status is
    written (a CATATAN on Temuan)."""
    from .engine.status import OK, row_statuses

    aliases = {actual: declared for declared, actual in read.sheets.items()}
    texts = row_statuses(findings, layout, aliases)
    for key, table in layout.tables.items():
        actual = read.sheets.get(table.sheet)
        cols = read.columns.get(key)
        if not table.status or actual is None or cols is None or cols.status is None:
            continue
        last = read.last_rows.get(key, cols.header_row + table.capacity)  # a grown table
        rows = range(cols.header_row + 1, last + 1)
        filled = {r.row for r in getattr(read.doc, _attr(key))}
        values = {row: texts.get((key, row), OK) for row in filled}
        adapter.set_status(actual, cols.status, rows, values)
        if cols.stored is not None:  # shown while Python does not answer
            adapter.set_status(actual, cols.stored, rows, values)


def _set_print_areas(adapter, layout: Layout, read: WorkbookRead) -> None:
    """Each input sheet prints down to its last filled row: a print area fixed when the
    template was built would stop at row 25 of a table the user filled to row 160."""
    for key, table in layout.tables.items():
        actual = read.sheets.get(table.sheet)
        cols = read.columns.get(key)
        if actual is None or cols is None:
            continue
        rows = [r.row for r in getattr(read.doc, _attr(key))]
        width = max([*cols.columns.values(), cols.status or 0], default=len(table.columns))
        if table.status and not cols.status:
            width += 1  # the template's status column, right of the table
        adapter.set_print_area(actual, table.print_area(max(rows, default=None), width,
                                                        cols.header_row))


def _attr(table_key: str) -> str:
    from .domain.records import TABLE_ATTR

    return TABLE_ATTR[table_key]


def _finding_row(f: Finding) -> Row:
    return Row(f.level, f.rule, f.clause, f.sheet, f.cell, f.row, f.message)


def _problem_row(p: ReadProblem) -> Row:
    """A read problem as its BACA-* finding (rule ID, severity and clause of the pack)."""
    from .engine.baca import read_finding

    return _finding_row(read_finding(p))


def _cell_order(ref: str) -> tuple[int, int]:
    from .ooxml.sheet_xml import split_ref

    return split_ref(ref)
