"""Find a table's header row and columns by header text, so moved columns still read.

The layout says where each header should be; a user may have moved, renamed or
deleted a column. Each column is found by its header text; a column whose text is
not found but whose expected place holds an unknown header is taken as renamed
(noted); otherwise it is missing (its values read as empty, reported as GALAT).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout.model import Table, column_letter
from .errors import CATATAN, GALAT, ReadProblem
from .grid import Grid

SCAN_ROWS = 25  # how far below the expected header row a moved header is searched
# The header of the status column the template puts right of a table (the builder takes
# it from here; the reader must not import the builder and openpyxl). Statuses are
# written only under this header.
STATUS_HEADER = "Status Periksa"
# Right of it (template 0.2 on), the hidden column of the status Validasi stored as a
# value, which the status cell shows while Python does not answer.
STORED_HEADER = "Status Tersimpan"


def norm(value: object) -> str:
    """Header text as compared: spaces collapsed, case folded, the required mark '*' ignored."""
    if value is None:
        return ""
    return " ".join(str(value).split()).rstrip(" *").casefold()


@dataclass
class TableColumns:
    header_row: int
    columns: dict[str, int]  # field key -> 1-based column of the worksheet
    problems: list[ReadProblem] = field(default_factory=list)
    # 1-based column of the status header on the header row; None when the table has
    # no status column or it is not found with certainty (then no status is written)
    status: int | None = None
    # 1-based column of the stored-status header, only right next to the status column
    stored: int | None = None


def locate_columns(grid: Grid, table: Table, sheet: str) -> TableColumns:
    cols = _locate_inputs(grid, table, sheet)
    if table.status:
        cols.status = _locate_status(grid, table, sheet, cols)
    if cols.status is not None and norm(grid.value(cols.header_row, cols.status + 1)) == _STORED:
        cols.stored = cols.status + 1
    return cols


def _locate_inputs(grid: Grid, table: Table, sheet: str) -> TableColumns:
    expected = {norm(c.header): c.key for c in table.columns}
    row, score = _best_header_row(grid, table, expected)
    if score == 0:
        return _fallback(table, sheet)
    headers = [norm(v) for v in grid.row_values(row)]
    found: dict[str, int] = {}
    for col, text in enumerate(headers, start=1):
        key = expected.get(text)
        if key and key not in found:
            found[key] = col
    problems = []
    if row != table.header_row:
        problems.append(ReadProblem(
            CATATAN, sheet, f"A{row}",
            f"Judul tabel di sheet '{sheet}' ada di baris {row}, bukan baris "
            f"{table.header_row} seperti di template; data dibaca mulai baris {row + 1}."))
    claimed = set(found.values())
    for c in table.columns:
        if c.key in found:
            continue
        text = grid.value(row, c.index)
        # the status header is never a renamed input column: a deleted last column
        # brings it to that column's place, and reading it as input would be wrong
        if c.index not in claimed and norm(text) not in expected \
                and norm(text) not in (_STATUS, _STORED):
            found[c.key] = c.index
            claimed.add(c.index)
            if text not in (None, ""):
                problems.append(ReadProblem(
                    CATATAN, sheet, f"{c.letter}{row}",
                    f"Judul kolom di sel {c.letter}{row} sheet '{sheet}' berisi '{text}', bukan "
                    f"'{c.header}'; kolom ini dibaca sebagai '{c.header}'."))
            continue
        level = GALAT if c.is_input else CATATAN
        problems.append(ReadProblem(
            level, sheet, f"{c.letter}{row}",
            f"Kolom '{c.header}' tidak ditemukan pada baris judul {row} sheet '{sheet}' "
            f"(seharusnya di sel {c.letter}{row}); isinya dianggap kosong."))
    moved = [c for c in table.columns if found.get(c.key, c.index) != c.index]
    if moved:
        names = ", ".join(f"'{c.header}' di kolom {column_letter(found[c.key])}" for c in moved)
        problems.append(ReadProblem(
            CATATAN, sheet, None,
            f"Urutan kolom sheet '{sheet}' berbeda dari template; dibaca menurut judulnya: "
            f"{names}."))
    return TableColumns(row, found, problems)


_STATUS = norm(STATUS_HEADER)
_STORED = norm(STORED_HEADER)


def _locate_status(grid: Grid, table: Table, sheet: str, cols: TableColumns) -> int | None:
    """The status column: the one cell of the header row reading 'Status Periksa', right
    of nothing the reader took as an input column. Anything else (no such header, two
    of them) is uncertain: the template position may hold the user's own column (a
    column inserted there, or typed over the header), so nothing is written."""
    row = cols.header_row
    hits = [col for col, text in enumerate(grid.row_values(row), start=1)
            if norm(text) == _STATUS and col not in cols.columns.values()]
    if len(hits) == 1:
        return hits[0]
    expected = column_letter(len(table.columns) + 1)
    if hits:
        where = ", ".join(f"{column_letter(c)}{row}" for c in hits)
        reason = f"ada lebih dari satu kolom berjudul '{STATUS_HEADER}' ({where})"
    else:
        reason = (f"judul kolom '{STATUS_HEADER}' tidak ditemukan pada baris judul {row} "
                  f"(seharusnya di sel {expected}{row})")
    cols.problems.append(ReadProblem(
        CATATAN, sheet, f"{expected}{row}",
        f"Kolom status di sheet '{sheet}' tidak dapat dipastikan: {reason}; status baris "
        "tidak ditulis agar isi kolom lain tidak tertimpa. Kembalikan judul "
        f"'{STATUS_HEADER}' di kanan tabel untuk melihat status per baris."))
    return None


def _best_header_row(grid: Grid, table: Table, expected: dict[str, str]) -> tuple[int, int]:
    best_row, best = table.header_row, -1
    last = min(grid.height, table.header_row + SCAN_ROWS)
    for row in [table.header_row, *range(1, last + 1)]:
        score = sum(1 for v in grid.row_values(row) if norm(v) in expected)
        if score > best:
            best_row, best = row, score
    return best_row, max(best, 0)


def _fallback(table: Table, sheet: str) -> TableColumns:
    problem = ReadProblem(
        GALAT, sheet, f"A{table.header_row}",
        f"Baris judul tabel '{table.title}' tidak ditemukan di sheet '{sheet}' (seharusnya "
        f"baris {table.header_row}, mis. '{table.columns[0].header}'); kolom dibaca menurut "
        "posisi template.")
    return TableColumns(table.header_row, {c.key: c.index for c in table.columns}, [problem])
