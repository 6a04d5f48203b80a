"""Statuses go under the 'Status Periksa' header the reader found, never over user data.

The template puts the status column right of each table; users insert columns (a
"No. HP" after NIK), type their own notes over the status header, delete a column.
Every case here is built by code from the sample (`corpus.insert_column` does to the
XML what Excel does on inserting a column) and validated through the CLI; the input
cells, the inserted column's included, must all be there afterwards.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import TABLES, TEMUAN, Book, base_workbook, insert_column, put_text, shift_columns
from python_calamine import CalamineWorkbook
from runner import lost_cells

from xlplugin.cli.main import main
from xlplugin.layout.model import column_letter

PESERTA = TABLES["Peserta"]
STATUS = len(PESERTA.columns) + 1  # the template's status position (1-based)


@pytest.fixture(scope="module")
def sample() -> Path:
    return base_workbook()


def variant(sample: Path, tmp_path: Path, edit) -> Path:
    book = Book(sample.read_bytes())
    edit(book)
    path = tmp_path / "varian.xlsm"
    path.write_bytes(book.to_bytes())
    return path


def validate(path: Path, tmp_path: Path, capsys) -> tuple[int, Path, str]:
    out = tmp_path / "keluaran.xlsm"
    code = main(["validate", str(path), "-o", str(out)])
    return code, out, capsys.readouterr().out


def sheet_rows(path: Path, sheet: str) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    try:
        return wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    finally:
        wb.close()


def column(rows: list[list], col: int, first: int, last: int) -> list:
    return [rows[r - 1][col - 1] if col <= len(rows[r - 1]) else "" for r in range(first, last + 1)]


def filled_rows(rows: list[list]) -> list[int]:
    return [r for r in range(PESERTA.first_row, len(rows) + 1) if rows[r - 1][0] not in ("", None)]


def test_status_follows_its_header_past_a_column_inserted_after_nik(sample, tmp_path, capsys):
    at = PESERTA.column("nik").index + 1
    path = variant(sample, tmp_path, lambda b: insert_column(
        b, "Peserta", at, "No. HP", lambda n: f"0812{n:08d}"))
    code, out, _ = validate(path, tmp_path, capsys)
    assert code == 1
    assert lost_cells(path, out)[0] == 0
    before, after = sheet_rows(path, PESERTA.sheet), sheet_rows(out, PESERTA.sheet)
    rows = filled_rows(before)
    assert len(rows) == 120
    last_input = STATUS  # the table's last column, one right of its template place
    assert column(after, last_input, rows[0], rows[-1]) == column(before, last_input,
                                                                  rows[0], rows[-1])
    statuses = column(after, STATUS + 1, rows[0], rows[-1])
    assert all(statuses) and statuses.count("OK") < len(statuses)  # the breaches show


def test_notes_typed_over_the_status_header_are_kept_and_temuan_says_why(sample, tmp_path,
                                                                        capsys):
    header = f"{column_letter(STATUS)}{PESERTA.header_row}"

    def notes(book: Book) -> None:
        def edit(root):
            put_text(root, header, "Keterangan")
            for n in range(PESERTA.first_row, PESERTA.first_row + 120):
                put_text(root, f"{column_letter(STATUS)}{n}", f"catatan {n}")
        book.edit(PESERTA.sheet, edit)
    path = variant(sample, tmp_path, notes)
    code, out, printed = validate(path, tmp_path, capsys)
    assert code == 1
    after = sheet_rows(out, PESERTA.sheet)
    rows = range(PESERTA.first_row, PESERTA.first_row + 120)
    assert column(after, STATUS, rows[0], rows[-1]) == [f"catatan {n}" for n in rows]
    assert "Kolom status di sheet 'Peserta' tidak dapat dipastikan" in printed
    temuan = "\n".join(str(v) for line in sheet_rows(out, TEMUAN) for v in line)
    assert "status baris tidak ditulis" in temuan


def test_column_inserted_at_the_status_position_keeps_its_notes(sample, tmp_path, capsys):
    path = variant(sample, tmp_path, lambda b: insert_column(
        b, "Peserta", STATUS, "Keterangan", lambda n: f"catatan {n}"))
    code, out, _ = validate(path, tmp_path, capsys)
    assert code == 1
    before, after = sheet_rows(path, PESERTA.sheet), sheet_rows(out, PESERTA.sheet)
    rows = filled_rows(before)
    assert column(after, STATUS, rows[0], rows[-1]) == [f"catatan {n}" for n in rows]
    assert all(column(after, STATUS + 1, rows[0], rows[-1]))


def test_deleted_last_column_is_missing_and_the_status_header_is_not_read_as_it(
        sample, tmp_path, capsys):
    path = variant(sample, tmp_path, lambda b: b.edit(
        PESERTA.sheet, lambda root: shift_columns(root, len(PESERTA.columns), -1)))
    code, out, printed = validate(path, tmp_path, capsys)
    assert code == 1
    last = PESERTA.columns[-1]
    # an optional column (added by a later template) is missing silently, a required one
    # is reported; neither is read from the status header that moved into its place
    assert (f"Kolom '{last.header}' tidak ditemukan" in printed) != last.optional
    assert f"dibaca sebagai '{last.header}'" not in printed
    assert lost_cells(path, out)[0] == 0
    after = sheet_rows(out, PESERTA.sheet)
    rows = filled_rows(sheet_rows(path, PESERTA.sheet))
    assert all(column(after, STATUS - 1, rows[0], rows[-1]))  # status where its header is


def test_two_status_headers_mean_no_status_is_written(sample, tmp_path, capsys):
    far = f"{column_letter(STATUS + 2)}{PESERTA.header_row}"
    path = variant(sample, tmp_path, lambda b: b.edit(
        PESERTA.sheet, lambda root: put_text(root, far, "Status Periksa")))
    code, out, printed = validate(path, tmp_path, capsys)
    assert code == 1
    assert "lebih dari satu kolom berjudul 'Status Periksa'" in printed
    before, after = sheet_rows(path, PESERTA.sheet), sheet_rows(out, PESERTA.sheet)
    rows = filled_rows(before)
    assert column(after, STATUS, rows[0], rows[-1]) == column(before, STATUS, rows[0], rows[-1])


def test_sample_status_column_is_still_written_where_the_template_put_it(sample, tmp_path,
                                                                         capsys):
    path = tmp_path / "sampel.xlsm"
    shutil.copy2(sample, path)
    code, out, printed = validate(path, tmp_path, capsys)
    assert code == 1 and "tidak dapat dipastikan" not in printed
    after = sheet_rows(out, PESERTA.sheet)
    rows = filled_rows(after)
    assert all(column(after, STATUS, rows[0], rows[-1]))
