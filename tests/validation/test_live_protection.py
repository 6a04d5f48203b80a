"""Excel's refusals, modelled in the fake, and the live Validasi that works with them.

The template's input sheets are protected (no password, formatting of cells not
allowed). Excel refuses a colour on any cell of such a sheet and a value in a locked
cell; the fake refuses the same (see its docstring for the documentation cited), so
these tests fail wherever the live adapter would fail in Excel.
"""

from __future__ import annotations

import pytest
from xlwings_fake import ALLOW_ATTRS, ExcelRefusal, FakeBook

from xlplugin.adapters.base import WorkbookWriteError
from xlplugin.adapters.live import LiveAdapter
from xlplugin.domain.colours import LEVEL_COLOURS
from xlplugin.engine.status import OK, row_statuses
from xlplugin.layout import load_layout
from xlplugin.layout.udf import LIVE_SHEET, status_formula
from xlplugin.sample import EXPECTED_BREACHES
from xlplugin.template.sheets.temuan import TemuanSheet
from xlplugin.validation import clear_highlights, validate_workbook, write_findings

LAYOUT = load_layout()
RAB = LAYOUT.tables["RAB"]


def _protection(fake: FakeBook) -> dict[str, tuple]:
    return {s.name: (s.protected, s.password, s.protect_objects, s.protect_scenarios,
                     tuple(getattr(s.protection, n) for n in ALLOW_ATTRS))
            for s in fake.sheets}


def _colours(fake: FakeBook) -> dict[tuple[str, int, int], object]:
    return {(s.name, r, c): cell.color for s in fake.sheets for (r, c), cell in s.cells.items()}


# ---------------------------------------------------------------- the fake refuses
def test_colour_on_protected_sheet_is_refused_even_on_an_unlocked_input_cell(book):
    rab = FakeBook.from_file(book).sheets[RAB.sheet]
    assert rab.protected and not rab.is_locked(RAB.first_row, 1)
    with pytest.raises(ExcelRefusal):
        rab.range((RAB.first_row, 1)).color = "#FF0000"


def test_value_in_locked_formula_cell_is_refused_and_in_input_cell_accepted(book):
    rab = FakeBook.from_file(book).sheets[RAB.sheet]
    formula_col = next(c.index for c in RAB.columns if not c.is_input)
    with pytest.raises(ExcelRefusal):
        rab.range((RAB.first_row, formula_col)).value = 1
    rab.range((RAB.first_row, 1)).value = "K99"  # unlocked through its column style
    assert rab.range((RAB.first_row, 1)).value == "K99"


def test_part_of_the_live_result_array_cannot_be_changed_even_unprotected(book):
    live = FakeBook.from_file(book).sheets[LIVE_SHEET]
    live.api.Unprotect()
    with pytest.raises(ExcelRefusal, match="part of an array"):
        live.range("D10").value = "OK"
    with pytest.raises(ExcelRefusal, match="part of an array"):
        live.range("D4:D5").clear_contents()


def test_rows_cannot_be_inserted_or_deleted_through_the_live_result_array(book):
    live = FakeBook.from_file(book).sheets[LIVE_SHEET]
    live.api.Unprotect()
    with pytest.raises(ExcelRefusal, match="part of an array"):
        live.range("20:21").insert("down")
    with pytest.raises(ExcelRefusal, match="part of an array"):
        live.range("20:20").delete("up")


def test_protected_sheet_refuses_row_insertion_and_table_resize(book):
    rab = FakeBook.from_file(book).sheets[RAB.sheet]
    with pytest.raises(ExcelRefusal, match="protected"):
        rab.range(f"{RAB.last_row + 5}:{RAB.last_row + 5}").insert("down")
    table = rab.tables[RAB.name]
    with pytest.raises(ExcelRefusal, match="protected"):
        table.resize(rab.range((RAB.header_row, 1), (RAB.last_row + 10, len(RAB.columns))))


def test_row_height_and_print_area_follow_the_protection_options(book):
    fake = FakeBook.from_file(book)
    rab = fake.sheets[RAB.sheet]
    rab.range((RAB.first_row, 1)).row_height = 30  # the template allows formatting rows
    with pytest.raises(ExcelRefusal):
        rab.page_setup.print_area = "$A$1:$M$40"


def test_a_password_is_needed_to_unprotect_a_sheet_protected_with_one(book):
    rab = FakeBook.from_file(book).sheets[RAB.sheet]
    rab.api.Unprotect()
    rab.api.Protect(Password="rahasia")
    with pytest.raises(ExcelRefusal):
        rab.api.Unprotect()
    rab.api.Unprotect(Password="rahasia")
    assert not rab.protected


# ---------------------------------------------------------------- live Validasi works
def test_live_validasi_on_protected_demo_writes_temuan_highlights_and_reprotects(book):
    fake = FakeBook.from_file(book)
    before = _protection(fake)
    adapter = LiveAdapter(fake)
    findings = validate_workbook(adapter)
    write_findings(adapter, findings)
    for e in EXPECTED_BREACHES:
        cell = fake.sheets[e.sheet].range(e.cell)
        assert (e.sheet, cell.color) == (e.sheet, _rgb(LEVEL_COLOURS[e.level]))
    temuan = TemuanSheet(LAYOUT)
    rules = {fake.sheets[temuan.name].range((r, 3)).value
             for r in range(temuan.first_row, temuan.first_row + len(findings))}
    assert {e.rule for e in EXPECTED_BREACHES} <= rules
    rab, status = fake.sheets[RAB.sheet], len(RAB.columns) + 1
    statuses = row_statuses(findings, LAYOUT)
    for line in adapter._xlplugin_read.doc.rab:  # stored beside the live formula
        assert rab.range((line.row, status)).formula == status_formula(LAYOUT, "RAB", line.row)
        assert rab.range((line.row, status + 1)).value == statuses.get(("RAB", line.row), OK)
    assert _protection(fake) == before


def test_live_bersihkan_sorotan_restores_every_colour_and_protection(book):
    fake = FakeBook.from_file(book)
    inputs = {k: v for k, v in _colours(fake).items() if k[0] != TemuanSheet(LAYOUT).name}
    before = _protection(fake)
    adapter = LiveAdapter(fake)
    write_findings(adapter, validate_workbook(adapter))
    assert {k: v for k, v in _colours(fake).items() if k in inputs} != inputs
    clear_highlights(LiveAdapter(fake))
    after = _colours(fake)
    assert {k: after.get(k) for k in inputs} == inputs
    assert _protection(fake) == before


def test_live_validasi_sets_print_areas_to_the_filled_rows(book):
    fake = FakeBook.from_file(book)
    adapter = LiveAdapter(fake)
    write_findings(adapter, validate_workbook(adapter))
    last = max(r.row for r in adapter._xlplugin_read.doc.rab)
    assert fake.sheets[RAB.sheet].print_area == f"$A$1:$M${last}"
    assert fake.sheets[RAB.sheet].protected


def test_status_values_are_written_under_protection_where_no_array_formula_holds_them(book):
    fake = FakeBook.from_file(book)
    rab = fake.sheets[RAB.sheet]
    status = len(RAB.columns) + 1
    rab.api.Unprotect()
    rab.range((RAB.first_row, status), (RAB.last_row, status)).clear_contents()
    rab.api.Protect(AllowFormattingColumns=True, AllowFormattingRows=True)
    for r in range(RAB.first_row, RAB.last_row + 1):  # a status column of plain cells,
        rab.cells[(r, status)].locked = True  # locked as the template formats it
    adapter = LiveAdapter(fake)
    write_findings(adapter, validate_workbook(adapter))
    assert rab.range((RAB.first_row, status)).value
    assert rab.protected


def test_validasi_on_a_sheet_with_an_unknown_password_says_so_in_indonesian(book):
    fake = FakeBook.from_file(book)
    rab = fake.sheets[RAB.sheet]
    rab.api.Unprotect()
    rab.api.Protect(Password="rahasia")
    adapter = LiveAdapter(fake)
    with pytest.raises(WorkbookWriteError, match="kata sandi"):
        write_findings(adapter, validate_workbook(adapter))


def _rgb(hex_: str) -> tuple[int, int, int]:
    return int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16)
