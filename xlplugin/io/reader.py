"""Read a workbook through the published layout into a Dokumen, with problems as data.

Works over any grid source (the file adapter over python-calamine, the live adapter
over xlwings): `sheet_names()` and `grid(name)`. Everything that does not match the
template becomes a `ReadProblem` naming sheet and cell; only an unreadable file
raises (`WorkbookReadError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import Protocol

from ..domain.finding import Finding
from ..domain.records import Dokumen
from ..layout import load_layout
from ..layout.binding import RawRow, bind_dokumen
from ..layout.model import Layout, Table, column_index, column_letter
from ..ooxml.errors import NotTemplateError, WorkbookReadError
from .errors import CATATAN, GALAT, ReadProblem
from .fingerprint import Part, compute, profil_part, table_part
from .grid import Grid
from .headers import TableColumns, locate_columns, norm

DOKUMENTASI = "Dokumentasi"  # the table whose rows carry pasted photos


class GridSource(Protocol):
    """What the reader needs of a workbook. A source may also offer
    `table_end(sheet, name) -> int | None`: the last data row of the Excel table `name`
    on `sheet` (a table grows when the user types below it), so a grown table is read
    to its end rather than to the template's capacity."""

    def sheet_names(self) -> list[str]: ...

    def grid(self, sheet: str) -> Grid: ...


@dataclass
class WorkbookRead:
    """What was read, and how the layout's places map onto this workbook's places."""

    doc: Dokumen
    problems: list[ReadProblem]
    sheets: dict[str, str]  # layout sheet name -> actual sheet name (missing: absent)
    columns: dict[str, TableColumns] = field(default_factory=dict)  # by table key
    profil_rows: dict[int, int] = field(default_factory=dict)  # layout row -> actual row
    last_rows: dict[str, int] = field(default_factory=dict)  # by table key: last row read
    prints: list[tuple[Part, float]] = field(default_factory=list)  # input fingerprints

    def locate(self, finding: Finding, layout: Layout) -> Finding:
        """The finding pointed at the cell where this workbook really holds the value."""
        sheet = self.sheets.get(finding.sheet, finding.sheet)
        cell = finding.cell
        table = layout.table_for_sheet(finding.sheet)
        if cell and table and table.key in self.columns:
            cell = _move_column(cell, table, self.columns[table.key])
        elif cell and finding.sheet == layout.profil.sheet:
            cell = _move_row(cell, self.profil_rows)
        if sheet == finding.sheet and cell == finding.cell:
            return finding
        row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) if cell else finding.row
        return replace(finding, sheet=sheet, cell=cell, row=row)


def read_workbook(source: GridSource, layout: Layout | None = None) -> WorkbookRead:
    """Raises `NotTemplateError` for a workbook that is not of the template (see
    `require_template`): validate, report, KAK, diff and rekap all read through here."""
    layout = layout or load_layout()
    problems: list[ReadProblem] = []
    present = source.sheet_names()
    listed = getattr(source, "listed_sheets", None)
    require_template(present, layout, _source_name(source), listed() if listed else None)
    sheets = resolve_sheets(present, _input_sheets(layout), problems, _optional_sheets(layout))
    profil, profil_rows, profil_print = _read_profil(source, layout, sheets, problems)
    tables, columns, last_rows = {}, {}, {}
    prints = [(profil_part(layout), profil_print)]
    for key, table in layout.tables.items():
        actual = sheets.get(table.sheet)
        if actual is None:
            tables[key] = []
            prints.append((table_part(table), 0.0))
            continue
        grid = source.grid(actual)
        cols = locate_columns(grid, table, actual)
        problems.extend(_reported(cols, table))
        columns[key] = cols
        end = _table_end(source, actual, table)
        # past the capacity, a table's rows are read (and get a status) as far as the
        # sheet holds anything: a table declared down to row 1,048,576 costs nothing
        last = last_rows[key] = max(cols.header_row + table.capacity, min(end, grid.height))
        tables[key] = _rows(grid, table, cols, last)
        _check_overflow(grid, table, cols, last, actual, problems)
        part = table_part(table, end)
        prints.append((part, compute(part, grid)))
        del grid  # a sheet's grid is the largest thing read; keep only the typed records
    doc = bind_dokumen(layout, profil, tables)
    _attach_pictures(source, layout, doc, sheets, columns, problems)
    return WorkbookRead(doc, problems, sheets, columns, profil_rows, last_rows, prints)


def _attach_pictures(source: GridSource, layout: Layout, doc: Dokumen, sheets: dict[str, str],
                     columns: dict[str, TableColumns], problems: list[ReadProblem]) -> None:
    """Pictures pasted onto Dokumentasi rows become their record's `gambar`. Only a file
    source has a package to read drawings from; the live adapter reads none."""
    package = getattr(source, "package", None)
    table = layout.tables.get(DOKUMENTASI)
    actual = sheets.get(table.sheet) if table is not None else None
    if package is None or actual is None or DOKUMENTASI not in columns:
        return
    from ..ooxml.pictures import sheet_pictures

    by_row = {record.row: record for record in doc.dokumentasi}
    header_row = columns[DOKUMENTASI].header_row
    for picture in sheet_pictures(package, actual):
        record = by_row.get(picture.row)
        if record is not None:
            record.gambar = (*record.gambar, picture.data)
        elif picture.row > header_row:  # a picture in the title block is decoration
            cell = f"{column_letter(picture.column)}{picture.row}"
            problems.append(ReadProblem(
                CATATAN, actual, cell,
                f"Gambar di sel {cell} sheet '{actual}' berada pada baris tanpa isian; gambar "
                "itu tidak masuk laporan. Isi Kode Kegiatan dan Keterangan Foto pada baris "
                "itu, atau pindahkan gambarnya ke baris foto yang sudah diisi."))


def template_sheets_present(present: list[str], layout: Layout) -> list[str]:
    """The template's input sheets this workbook has (names compared as the reader
    compares them: case and spaces aside)."""
    have = {norm(name) for name in present}
    return [name for name in _input_sheets(layout) if norm(name) in have]


def require_template(present: list[str], layout: Layout, name: str,
                     listed: list[str] | None = None) -> None:
    """Refuse a workbook that is not of the template: fewer than half of the template's
    input sheets. A user may delete or rename a sheet or two (each is reported and read
    as empty); a workbook without most of them is another workbook, and its totals,
    findings and statuses would be made up. `listed`: every sheet name the workbook
    lists, readable or not; a template whose listed sheets cannot be reached is a
    damaged template, not another workbook."""
    wanted = _input_sheets(layout)
    found = template_sheets_present(present, layout)
    if 2 * len(found) >= len(wanted):
        return
    if listed and 2 * len(template_sheets_present(listed, layout)) >= len(wanted):
        raise WorkbookReadError(
            f"Berkas {name} rusak: sheet templat tercantum dalam daftar sheet, tetapi isinya "
            "tidak dapat ditemukan di dalam berkas. Buka di Excel, simpan ulang sebagai "
            ".xlsm, lalu coba lagi.")
    listed = ", ".join(wanted[:5]) + ", ..."
    have = (f"hanya {len(found)} dari {len(wanted)} sheet templat ada "
            f"({', '.join(found)})" if found else
            f"tidak ada satu pun sheet templat ({listed})")
    raise NotTemplateError(
        f"Berkas {name} bukan buku kerja templat RAB/KAK DAK Nonfisik: {have}. Isi data pada "
        "templat resmi (RAB_KAK_DAK_Nonfisik_IKM_2023.xlsm), lalu jalankan lagi.")


def _source_name(source: GridSource) -> str:
    path = getattr(source, "path", None)
    return Path(path).name if path is not None else "ini"


def resolve_sheets(present: list[str], wanted: list[str], problems: list[ReadProblem],
                   optional: frozenset[str] = frozenset()) -> dict[str, str]:
    """Layout sheet name -> this workbook's sheet name. A missing sheet is a problem
    unless `optional` (a sheet older templates lack, e.g. Persetujuan): read as empty."""
    by_norm = {norm(name): name for name in present}
    out = {}
    for name in wanted:
        if name in present:
            out[name] = name
        elif norm(name) in by_norm:
            out[name] = by_norm[norm(name)]
            problems.append(ReadProblem(
                CATATAN, out[name], None,
                f"Sheet '{out[name]}' dibaca sebagai sheet '{name}' dari template."))
        elif name not in optional:
            problems.append(ReadProblem(
                GALAT, name, None,
                f"Sheet '{name}' tidak ditemukan di buku kerja; isinya dianggap kosong. "
                "Jangan mengganti nama atau menghapus sheet template."))
    return out


def _input_sheets(layout: Layout) -> list[str]:
    return [layout.profil.sheet] + [t.sheet for t in layout.tables.values()]


def _reported(cols: TableColumns, table: Table) -> list[ReadProblem]:
    """The column problems worth a finding: an `optional` column (one older templates
    lack) that is not there is read as empty without a word."""
    absent = {f"{c.letter}{cols.header_row}" for c in table.columns
              if c.optional and c.key not in cols.columns}
    return [p for p in cols.problems if not (p.level == GALAT and p.cell in absent)]


def _optional_sheets(layout: Layout) -> frozenset[str]:
    return frozenset(t.sheet for t in layout.tables.values() if t.optional)


def _read_profil(source: GridSource, layout: Layout, sheets: dict[str, str],
                 problems: list[ReadProblem]) -> tuple[dict, dict[int, int], float]:
    form = layout.profil
    actual = sheets.get(form.sheet)
    if actual is None:
        return {}, {}, 0.0
    grid = source.grid(actual)
    label_col, value_col = column_index(form.label_column), column_index(form.value_column)
    label_rows = {}
    for row in range(1, grid.height + 1):
        label_rows.setdefault(norm(grid.value(row, label_col)), row)
    values, rows = {}, {}
    for f in form.fields:
        row = label_rows.get(norm(f.label), f.row)
        if row == f.row and norm(grid.value(row, label_col)) != norm(f.label):
            problems.append(ReadProblem(
                CATATAN, actual, f"{form.label_column}{f.row}",
                f"Keterangan di sel {form.label_column}{f.row} sheet '{actual}' bukan "
                f"'{f.label}'; nilainya dibaca dari sel {form.value_column}{f.row}."))
        rows[f.row] = row
        values[f.key] = grid.value(row, value_col)
    return values, rows, compute(profil_part(layout), grid)


def _table_end(source: GridSource, sheet: str, table: Table) -> int:
    """The last data row of the workbook's own Excel table, 0 when unknown."""
    table_end = getattr(source, "table_end", None)
    return (table_end(sheet, table.name) or 0) if table_end else 0


def _rows(grid: Grid, table: Table, cols: TableColumns, last: int) -> list[RawRow]:
    """(row, values in column order) for every row of the table's data area."""
    places = [cols.columns.get(c.key) for c in table.columns]  # 1-based, None: missing
    first = cols.header_row + 1
    lines = grid.rows[first - 1:min(last, grid.height)]
    numbers = range(first, first + len(lines))
    need = max((p for p in places if p), default=0)
    if all(places) and len(places) > 1 and min(map(len, lines), default=need) >= need:
        return list(zip(numbers, map(itemgetter(*[p - 1 for p in places]), lines)))
    return [(row, tuple(line[p - 1] if p and p <= len(line) else None for p in places))
            for row, line in zip(numbers, lines)]


def _check_overflow(grid: Grid, table: Table, cols: TableColumns, last: int, sheet: str,
                    problems: list[ReadProblem]) -> None:
    inputs = [cols.columns[c.key] for c in table.columns if c.is_input and c.key in cols.columns]
    for row in range(last + 1, grid.height + 1):
        line = grid.row_values(row)
        if any(col <= len(line) and line[col - 1] not in (None, "") for col in inputs):
            problems.append(ReadProblem(
                GALAT, sheet, f"A{row}",
                f"Ada isian di baris {row} sheet '{sheet}', di bawah baris terakhir tabel "
                f"({last}); baris itu tidak diperiksa. Pindahkan ke dalam tabel."))
            return


def _move_column(cell: str, table: Table, cols: TableColumns) -> str:
    letters = cell.rstrip("0123456789")
    index = column_index(letters)
    for c in table.columns:
        if c.index == index and c.key in cols.columns:
            return f"{column_letter(cols.columns[c.key])}{cell[len(letters):]}"
    return cell


def _move_row(cell: str, rows: dict[int, int]) -> str:
    letters = cell.rstrip("0123456789")
    row = int(cell[len(letters):])
    return f"{letters}{rows.get(row, row)}"


