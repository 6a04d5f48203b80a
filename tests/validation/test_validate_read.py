"""Reading a workbook through the layout: text stays text, moved columns are found,
what is missing is reported in Indonesian with sheet and cell, bad files raise clearly."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from xlplugin.adapters.file import FileAdapter, load_dokumen
from xlplugin.domain.values import Invalid
from xlplugin.io.errors import GALAT
from xlplugin.io.reader import read_workbook
from xlplugin.layout import load_layout
from xlplugin.ooxml.errors import WorkbookReadError
from xlplugin.validation import validate_workbook

LAYOUT = load_layout()
PESERTA = LAYOUT.tables["Peserta"]


def _edit(path, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)


def test_nik_and_nib_text_keep_leading_zeros(book):
    def put(wb):
        ws = wb[PESERTA.sheet]
        ws[PESERTA.cell("nik", PESERTA.first_row)] = "0201010101900001"
        ws[PESERTA.cell("nib", PESERTA.first_row)] = "0120000000001"
    _edit(book, put)
    doc, _ = load_dokumen(book)
    first = next(p for p in doc.peserta if p.row == PESERTA.first_row)
    assert first.nik == "0201010101900001" and first.nib == "0120000000001"


def test_nik_typed_as_number_is_invalid_not_converted(book):
    _edit(book, lambda wb: wb[PESERTA.sheet].__setitem__(
        PESERTA.cell("nik", PESERTA.first_row), 3201010101900001))
    doc, _ = load_dokumen(book)
    first = next(p for p in doc.peserta if p.row == PESERTA.first_row)
    assert isinstance(first.nik, Invalid) and "teks" in first.nik.reason


def test_moved_column_is_found_by_header_and_finding_points_at_real_cell(book):
    kak = LAYOUT.tables["KAK"]
    jpl = kak.column("jpl")
    last = len(kak.columns)

    def swap(wb):  # swap the JPL column with the last column of the table
        ws = wb[kak.sheet]
        for row in range(kak.header_row, kak.header_row + 30):
            a, b = ws.cell(row, jpl.index), ws.cell(row, last)
            a.value, b.value = b.value, a.value
    _edit(book, swap)
    with FileAdapter(book) as adapter:
        findings = validate_workbook(adapter)
        read = read_workbook(adapter)
    [jpl_finding] = [f for f in findings if f.rule == "JPL-A2"]
    assert jpl_finding.cell.startswith(kak.columns[-1].letter)
    assert any("Urutan kolom" in p.message for p in read.problems)


def test_renamed_header_is_read_by_position_and_noted(book):
    cell = f"{PESERTA.column('nik').letter}{PESERTA.header_row}"
    _edit(book, lambda wb: wb[PESERTA.sheet].__setitem__(cell, "No. KTP"))
    doc, problems = load_dokumen(book)
    assert all(isinstance(p.nik, str) for p in doc.peserta)
    [note] = [p for p in problems if p.cell == cell]
    assert "No. KTP" in note.message and "NIK" in note.message and note.level != GALAT


def test_missing_column_is_galat_naming_sheet_and_cell(book):
    def drop(wb):
        ws = wb[PESERTA.sheet]
        ws.delete_cols(PESERTA.column("nik").index)
        ws.cell(PESERTA.header_row, len(PESERTA.columns) - 1).value = "Sudah Menjual"
    _edit(book, drop)
    _, problems = load_dokumen(book)
    nik = [p for p in problems if "'NIK'" in p.message]
    assert nik and nik[0].level == GALAT and "sheet 'Peserta'" in nik[0].message


def test_missing_sheet_is_reported_and_rest_still_read(book):
    _edit(book, lambda wb: wb.remove(wb["Narasumber"]))
    doc, problems = load_dokumen(book)
    assert doc.narasumber == [] and doc.rab
    [p] = [p for p in problems if p.sheet == "Narasumber"]
    assert p.level == GALAT and "tidak ditemukan" in p.message


def test_sheet_renamed_in_case_and_spaces_is_still_read(book):
    def rename(wb):  # openpyxl refuses a pure case change, so add a trailing space too
        wb["Sentra"].title = "SENTRA "
    _edit(book, rename)
    doc, problems = load_dokumen(book)
    assert doc.sentra and any(p.sheet == "SENTRA " and p.level != GALAT for p in problems)


def test_excel_error_value_is_read_as_error_text(book):
    from xlplugin.ooxml.patch import patch_package

    kak = LAYOUT.tables["KAK"]
    ref = kak.cell("jpl", kak.first_row)
    with FileAdapter(book) as a:
        part = a.package.sheets[kak.sheet]
        data = a.package.read(part).decode()
        import re
        data = re.sub(rf'<c r="{ref}"([^>]*?)(/>|>.*?</c>)',
                      f'<c r="{ref}" t="e"><v>#REF!</v></c>', data, count=1, flags=re.DOTALL)
        out = book.with_name("err.xlsx")
        with open(out, "wb") as fh:
            patch_package(a.package._zip, fh, {part: data.encode()})
    doc, _ = load_dokumen(out)
    first = next(k for k in doc.kegiatan if k.row == kak.first_row)
    assert isinstance(first.jpl, Invalid) and first.jpl.raw == "#REF!"


@pytest.mark.parametrize("content, words", [
    (b"this is not a workbook", "bukan buku kerja"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "kata sandi"),
])
def test_unreadable_file_raises_indonesian_reason(tmp_path, content, words):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookReadError, match=words):
        load_dokumen(path)


def test_missing_workbook_part_and_truncated_zip_are_clear(book, tmp_path):
    stripped = tmp_path / "tanpa.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(stripped, "w") as dst:
        for info in src.infolist():
            if info.filename != "xl/workbook.xml":
                dst.writestr(info, src.read(info))
    with pytest.raises(WorkbookReadError, match="xl/workbook.xml"):
        load_dokumen(stripped)
    cut = tmp_path / "potong.xlsx"
    cut.write_bytes(book.read_bytes()[:4000])
    with pytest.raises(WorkbookReadError, match="rusak"):
        load_dokumen(cut)
    with pytest.raises(WorkbookReadError, match="tidak ditemukan"):
        load_dokumen(tmp_path / "tidak-ada.xlsx")
