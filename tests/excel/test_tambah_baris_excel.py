"""Tambah Baris in real Excel: what tests/validation/test_rows.py proves through the fake,
confirmed where only Excel can confirm it.

Each test names the Excel behaviour the Linux fake models and the product relies on:
inserting whole rows inside a table grows the table and every reference to its data area
on every sheet (formulas, array formulas, defined names, data validations, conditional
formats), the new rows take the row above's formats (lock included), the per-row status
formula is filled into the new rows and the live block's row count and input names
grow, and the sheet ends protected as before. The InputBox of the ribbon
button itself needs a person: click Tambah Baris on RAB, type 5, OK, and expect the
message "5 baris kosong ditambahkan ...".
"""

from __future__ import annotations

import re

import pytest

from xlplugin.excel import rows
from xlplugin.layout import load_layout
from xlplugin.layout.udf import status_formula

pytestmark = pytest.mark.excel
LAYOUT = load_layout()
RAB, KAK = LAYOUT.tables["RAB"], LAYOUT.tables["KAK"]
N = 5
LAST = RAB.last_row
STATUS = len(RAB.columns) + 1
XL_VALIDATE_LIST = 3  # XlDVType.xlValidateList
ALLOW = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
         "AllowInsertingRows", "AllowDeletingRows", "AllowSorting", "AllowFiltering")


def _rab_area(end: int) -> re.Pattern:
    # Excel drops quotes a sheet name does not need: 'RAB'! may come back as RAB!
    return re.compile(rf"'?RAB'?!\$A\${RAB.first_row}:\$L\${end}\b")


def _protection(sheet) -> tuple:
    api = sheet.api
    return (api.ProtectContents, *(getattr(api.Protection, a) for a in ALLOW))


@pytest.fixture
def grown(book):
    rab = book.sheets[RAB.sheet]
    for key, value in (("kode_baris", "R-TERAKHIR"), ("uraian", "Baris terakhir"),
                       ("volume", 2.0), ("harga_satuan", 1000.0)):
        rab.range((LAST, RAB.column(key).index)).value = value  # white cells, sheet locked
    before = _protection(rab)
    message = rows.tambah_baris_sheet(rab, N)
    return book, rab, before, message


def test_excel_grows_the_table_and_moves_the_full_last_row_below_the_new_rows(grown):
    _, rab, _, message = grown
    assert rab.tables[RAB.name].range.last_cell.row == LAST + N
    assert rab.range((LAST + N, RAB.column("kode_baris").index)).value == "R-TERAKHIR"
    assert rab.range((LAST, RAB.column("kode_baris").index)).value is None
    assert message.startswith(f"{N} baris kosong ditambahkan")


def test_the_status_formula_is_filled_into_the_new_rows_not_an_array(grown):
    _, rab, *_ = grown
    for row in (RAB.first_row, LAST, LAST + N):
        assert not rab.range((row, STATUS)).has_array, row
        assert rab.range((row, STATUS)).formula.replace(" ", "") == \
            status_formula(LAYOUT, "RAB", row), row


def test_excel_grew_the_live_row_count_and_the_rab_input_name(grown):
    book, *_ = grown
    count = book.sheets["Status Langsung"].range("B6").formula
    assert f"$A${LAST + N}" in count
    assert f"$L${LAST + N}," in book.names["xlp_Isi_RAB"].refers_to


def test_excel_grew_every_reference_to_the_rab_data_area(grown):
    book, *_ = grown
    kak = book.sheets[KAK.sheet]
    assert re.search(rf"\$I\$6:\$I\${LAST + N}\b",
                     kak.range(KAK.cell("anggaran", KAK.first_row)).formula)
    assert f"$A${LAST + N})" in book.names["lst_kode_baris"].refers_to


def test_new_rows_have_lists_colours_and_locks_of_the_row_above(grown):
    _, rab, *_ = grown
    new = LAST + 1
    assert rab.range((new, RAB.column("kode_kegiatan").index)).api.Validation.Type == \
        XL_VALIDATE_LIST
    assert rab.range((new, RAB.column("kategori").index)).api.FormatConditions.Count >= 1
    assert rab.range((new, RAB.column("kode_baris").index)).api.Locked is False
    assert rab.range((new, RAB.column("jumlah").index)).api.Locked is True
    assert rab.range((new, RAB.column("jumlah").index)).formula == \
        f"=ROUND(F{new}*H{new},0)"


def test_the_sheet_is_protected_as_before(grown):
    _, rab, before, _ = grown
    assert _protection(rab) == before


def test_statuses_cover_the_new_rows_after_a_recalculation(grown):
    book, rab, *_ = grown
    book.app.calculate()
    assert rab.range((LAST + N, STATUS)).value  # the moved line has its status
    assert rab.range((LAST + 1, STATUS)).value in (None, "")  # an empty new row has none


def test_saved_grown_workbook_is_read_to_its_new_end(grown, tmp_path):
    from xlplugin.adapters.file import FileAdapter
    from xlplugin.io.reader import read_workbook

    book, *_ = grown
    out = tmp_path / "bertambah.xlsm"
    book.save(str(out))
    with FileAdapter(out) as adapter:
        read = read_workbook(adapter)
    assert LAST + N in [r.row for r in read.doc.rab]
