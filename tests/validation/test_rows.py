"""Tambah Baris on the sample workbook, through the fake that refuses what Excel refuses
and adjusts what Excel adjusts (tests/fakes/xlwings_fake.py), and removing a row by
clearing its white cells.

RAB is made full first: its last capacity row holds a line, so the insertion has to
happen inside the table, on a protected sheet. Workbooks of template 0.1.0 carry a
status array that Tambah Baris clears and enters again (`legacy`); today's template has
one status formula per row, filled down with the table's formula columns.
"""

from __future__ import annotations

import re

import pytest
import xlwings
from xlwings_fake import ALLOW_ATTRS, ExcelRefusal, FakeBook

from xlplugin.adapters.live import LiveAdapter
from xlplugin.excel import rows
from xlplugin.excel.ribbon import PesanPengguna
from xlplugin.io.reader import read_workbook
from xlplugin.layout import load_layout
from xlplugin.layout.udf import legacy_status_formula, status_formula
from xlplugin.sample import EXPECTED_BREACHES
from xlplugin.template.formulas import expand
from xlplugin.validation import validate_workbook

LAYOUT = load_layout()
RAB = LAYOUT.tables["RAB"]
SSH = LAYOUT.tables["SSH"]
N = 5
LAST = RAB.last_row  # the template's last data row: the new rows go in here
STATUS = len(RAB.columns) + 1
INPUTS = [c for c in RAB.columns if c.is_input]
STORED = len(RAB.columns) + 2  # the hidden stored status, right of the status column


def _as_0_1_0(fake) -> None:
    """The status columns of a template 0.1.0 workbook: one legacy array per table."""
    for table in LAYOUT.tables.values():
        if not table.status:
            continue
        sheet = fake.sheets[table.sheet]
        col = len(table.columns) + 1
        sheet.api.Unprotect()
        column = sheet.range((table.first_row, col), (table.last_row, col))
        column.clear_contents()
        rows.enter_array(column, legacy_status_formula(LAYOUT, table.key))
        sheet.api.Protect(AllowFormattingColumns=True, AllowFormattingRows=True)


def _protection(sheet) -> tuple:
    return (sheet.protected, sheet.password, sheet.protect_objects, sheet.protect_scenarios,
            tuple(getattr(sheet.protection, n) for n in ALLOW_ATTRS))


def _fill_last_row(rab) -> dict[int, object]:
    """A user's line in the table's last row, typed into its white cells."""
    values = {c.index: rab.range((RAB.first_row, c.index)).value for c in INPUTS}
    values[RAB.column("kode_baris").index] = "R-TERAKHIR"
    for col, value in values.items():
        rab.range((LAST, col)).value = value
    return values


@pytest.fixture(scope="module")
def grown(sample_book):
    """The sample with a full RAB, after Tambah Baris added N rows: (fake, before, typed)."""
    fake = FakeBook.from_file(sample_book)
    rab = fake.sheets[RAB.sheet]
    typed = _fill_last_row(rab)
    before = {s.name: _protection(s) for s in fake.sheets}
    message = rows.tambah_baris_sheet(rab, N)
    return fake, before, typed, message


# ---------------------------------------------------------------- the table grows
def test_adding_rows_grows_the_excel_table_by_n(grown):
    fake, *_ = grown
    assert fake.sheets[RAB.sheet].list_objects[RAB.name] == [RAB.header_row, 1, LAST + N,
                                                             len(RAB.columns)]


def test_the_new_rows_are_empty_and_the_full_last_row_moved_below_them(grown):
    fake, _, typed, _ = grown
    rab = fake.sheets[RAB.sheet]
    assert all(rab.range((r, c.index)).value is None for r in range(LAST, LAST + N)
               for c in INPUTS)
    assert {col: rab.range((LAST + N, col)).value for col in typed} == typed


def test_the_status_formula_is_filled_into_the_new_rows_and_their_stored_status_is_empty(grown):
    fake, *_ = grown
    rab = fake.sheets[RAB.sheet]
    assert rab.arrays == []
    for row in (RAB.first_row, *range(LAST, LAST + N + 1)):
        assert rab.range((row, STATUS)).formula == status_formula(LAYOUT, "RAB", row), row
    assert all(rab.range((r, STORED)).value is None for r in range(LAST, LAST + N))


def test_tambah_baris_stops_where_the_live_result_block_ends(book):
    fake = FakeBook.from_file(book)
    with pytest.raises(PesanPengguna, match="dapat diperiksa langsung"):
        rows.tambah_baris_sheet(fake.sheets[RAB.sheet], rows.MAX_TAMBAH)  # 2,000 + 5,000 rows
    assert fake.sheets[RAB.sheet].list_objects[RAB.name][2] == LAST


@pytest.fixture(scope="module")
def grown_0_1_0(sample_book):
    fake = FakeBook.from_file(sample_book)
    _as_0_1_0(fake)
    rab = fake.sheets[RAB.sheet]
    _fill_last_row(rab)
    rows.tambah_baris_sheet(rab, N)
    return fake


def test_a_0_1_0_status_array_covers_the_new_rows_with_its_rab_range_grown(grown_0_1_0):
    rab = grown_0_1_0.sheets[RAB.sheet]
    assert rab.arrays == [(RAB.first_row, STATUS, LAST + N, STATUS)]
    expected = legacy_status_formula(LAYOUT, "RAB").replace(
        f"'RAB'!$A${RAB.first_row}:$L${LAST}", f"'RAB'!$A${RAB.first_row}:$L${LAST + N}")
    assert rab.range((LAST + N, STATUS)).formula == expected


def test_formula_columns_in_the_new_rows_are_the_templates_own_formulas(grown):
    fake, *_ = grown
    rab = fake.sheets[RAB.sheet]
    for col in (c for c in RAB.columns if c.formula):
        for row in (*range(LAST, LAST + N), LAST + N):
            assert rab.range((row, col.index)).formula == expand(LAYOUT, RAB, col.formula,
                                                                  row), (col.key, row)


def test_every_formula_and_name_that_reads_rab_now_reads_the_grown_rows(grown):
    fake, *_ = grown
    old_end = re.compile(rf"'RAB'!\$[A-Z]+\${RAB.first_row}:\$[A-Z]+\${LAST}\b")
    reading = [(s.name, cell.formula) for s in fake.sheets for cell in s.cells.values()
               if cell.formula and "'RAB'!" in cell.formula]
    reading += [("", f) for rule in fake.sheets["Profil"].conditional_formats
                for f in rule.formulas]
    assert len({sheet for sheet, _ in reading}) >= 4  # KAK, Realisasi, Rekap, status arrays
    assert [f for _, f in reading if old_end.search(f)] == []
    assert f"$A${LAST + N})" in fake.names["lst_kode_baris"]
    kak = LAYOUT.tables["KAK"]
    assert fake.sheets[kak.sheet].range(kak.cell("anggaran", kak.first_row)).formula == \
        f"=SUMIFS('RAB'!$I$6:$I${LAST + N},'RAB'!$B$6:$B${LAST + N},A{kak.first_row})"


def test_excels_adjustment_elsewhere_and_the_re_entered_0_1_0_status_array_agree(grown_0_1_0):
    """KAK's status array was grown by (the fake's model of) Excel, RAB's by Tambah Baris:
    the same arguments, read by two independent implementations of the rule."""
    kak = LAYOUT.tables["KAK"]
    by_excel = grown_0_1_0.sheets[kak.sheet].range((kak.first_row, len(kak.columns) + 1)).formula
    by_us = grown_0_1_0.sheets[RAB.sheet].range((RAB.first_row, STATUS)).formula
    assert by_excel.replace("DAK_STATUS_KAK", "DAK_STATUS_RAB") == by_us


def test_the_live_count_and_input_name_read_the_grown_rows(grown):
    fake, *_ = grown
    count = fake.sheets["Status Langsung"].range("B6").formula
    assert f"$A${LAST + N}" in count and f"$A${LAST})" not in count
    assert f"$L${LAST + N}," in fake.names["xlp_Isi_RAB"]


def test_validations_and_conditional_formats_cover_the_new_rows(grown):
    fake, *_ = grown
    rab = fake.sheets[RAB.sheet]
    assert rab.validations and rab.conditional_formats
    for rule in rab.validations + rab.conditional_formats:
        assert [(r[0], r[2]) for r in rule.ranges] == [(RAB.first_row, LAST + N)], rule.sqref


def test_the_sheet_ends_protected_as_before_with_typeable_new_rows(grown):
    fake, before, *_ = grown
    assert {s.name: _protection(s) for s in fake.sheets} == before
    rab = fake.sheets[RAB.sheet]
    rab.range((LAST + 1, RAB.column("kode_baris").index)).value = "R-BARU"  # white: open
    with pytest.raises(ExcelRefusal):  # grey formula cell: locked, as in the row above
        rab.range((LAST + 1, RAB.column("jumlah").index)).value = 1
    with pytest.raises(ExcelRefusal):
        rab.range((LAST + 1, STATUS)).value = "OK"


def test_the_message_says_how_many_rows_and_the_new_capacity(grown):
    *_, message = grown
    assert message.startswith(f"{N} baris kosong ditambahkan ke tabel sheet RAB: baris {LAST} "
                              f"sampai {LAST + N - 1}.")
    assert "2.005 baris" in message


def test_live_validasi_after_tambah_baris_reads_the_rows_past_the_capacity(grown):
    fake, *_ = grown
    read = read_workbook(LiveAdapter(fake))
    assert LAST + N in [r.row for r in read.doc.rab]
    assert not [p for p in read.problems if p.sheet == RAB.sheet]


# ---------------------------------------------------------------- other sheets
def test_a_table_without_status_column_grows_through_the_ribbon_entry(book, monkeypatch):
    fake = FakeBook.from_file(book)
    ssh = fake.sheets[SSH.sheet]
    ssh.activate()
    before = _protection(ssh)
    monkeypatch.setattr(xlwings.Book, "caller", staticmethod(lambda: fake))
    rows.tambah_baris(3)
    assert [mode for mode, _ in fake.app.alerts] == ["info"]
    assert fake.app.alerts[0][1].startswith("3 baris kosong ditambahkan ke tabel sheet "
                                            "Standar Harga")
    assert ssh.list_objects[SSH.name][2] == SSH.last_row + 3
    assert f"$A${SSH.last_row + 3})" in fake.names["lst_kode_ssh"]
    assert _protection(ssh) == before


def test_a_sheet_without_a_table_is_refused_in_indonesian_and_left_alone(book):
    fake = FakeBook.from_file(book)
    rekap = fake.sheets["Rekap"]
    with pytest.raises(PesanPengguna, match="sheet 'Rekap' tidak berisi tabel isian") as err:
        rows.tambah_baris_sheet(rekap, 2)
    assert all(t.sheet in str(err.value) for t in LAYOUT.tables.values())
    assert not [c for c in fake.calls if c.startswith(("protect", "unprotect"))]


def test_a_password_protected_sheet_is_refused_in_indonesian(book):
    fake = FakeBook.from_file(book)
    rab = fake.sheets[RAB.sheet]
    rab.api.Unprotect()
    rab.api.Protect(Password="rahasia")
    with pytest.raises(PesanPengguna, match="kata sandi"):
        rows.tambah_baris_sheet(rab, 2)
    assert rab.list_objects[RAB.name][2] == LAST
    assert rab.range((LAST, STATUS)).formula == status_formula(LAYOUT, "RAB", LAST)


def test_an_insert_excel_refuses_leaves_the_0_1_0_status_array_in_place(book):
    fake = FakeBook.from_file(book)
    _as_0_1_0(fake)
    rab = fake.sheets[RAB.sheet]
    rab.api.Unprotect()  # a user's own array formula across the table's last row
    rab.range((LAST - 2, STATUS + 3), (LAST + 2, STATUS + 3)).formula_array = "=1"
    rab.api.Protect(Contents=True, AllowFormattingColumns=True, AllowFormattingRows=True)
    with pytest.raises(ExcelRefusal, match="part of an array"):
        rows.tambah_baris_sheet(rab, 2)
    assert (RAB.first_row, STATUS, LAST, STATUS) in rab.arrays
    assert rab.range((LAST, STATUS)).formula == legacy_status_formula(LAYOUT, "RAB")
    assert rab.list_objects[RAB.name][2] == LAST and rab.protected


# ---------------------------------------------------------------- removing a row
def test_a_row_cleared_of_its_white_cells_is_skipped_by_every_check(book):
    """Removal as README and Petunjuk describe it: select the row's white cells, Delete."""
    fake = FakeBook.from_file(book)
    rab = fake.sheets[RAB.sheet]
    flagged = {int(e.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for e in EXPECTED_BREACHES
               if e.sheet == RAB.sheet}
    before = read_workbook(LiveAdapter(fake)).doc.rab
    gone = next(r.row for r in before[3:] if r.row not in flagged)
    for col in INPUTS:  # allowed on the protected sheet: the white cells are unlocked
        rab.range((gone, col.index)).clear_contents()
    assert rab.protected
    adapter = LiveAdapter(fake)
    findings = validate_workbook(adapter)
    after = adapter._xlplugin_read.doc.rab
    assert [r.row for r in after] == [r.row for r in before if r.row != gone]
    assert not [f for f in findings if f.sheet == RAB.sheet and f.row == gone]


def test_an_array_right_of_the_table_under_another_header_is_left_untouched(book):
    """Tambah Baris clears and re-enters only the array under 'Status Periksa', the
    column it located by its header; anything else there is refused, nothing written."""
    fake = FakeBook.from_file(book)
    _as_0_1_0(fake)
    rab = fake.sheets[RAB.sheet]
    rab.api.Unprotect()
    rab.range((RAB.header_row, STATUS)).value = "Catatan saya"
    rab.api.Protect(AllowFormattingColumns=True, AllowFormattingRows=True)
    formula = rab.range((RAB.first_row, STATUS)).formula
    with pytest.raises(rows.PesanPengguna, match="Status Periksa"):
        rows.tambah_baris_sheet(rab, N)
    assert rab.range((RAB.last_row, STATUS)).formula == formula
    assert rab.list_objects[RAB.name][2] == RAB.last_row


def test_formulas_right_of_the_table_under_another_header_are_not_filled_down(book):
    fake = FakeBook.from_file(book)
    rab = fake.sheets[RAB.sheet]
    rab.api.Unprotect()
    rab.range((RAB.header_row, STATUS)).value = "Catatan saya"
    rab.api.Protect(AllowFormattingColumns=True, AllowFormattingRows=True)
    rows.tambah_baris_sheet(rab, N)
    assert all(rab.range((r, STATUS)).formula in (None, "") for r in range(LAST, LAST + N))
