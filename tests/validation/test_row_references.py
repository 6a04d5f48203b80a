"""How references move when Tambah Baris inserts rows, at the boundaries, and how a status
formula longer than Range.FormulaArray allows is entered.

`adjust_references` (the product, over openpyxl's tokenizer) is compared case by case with
the fake's own model of Excel (`_shift_references`, regular expressions), so the two
independent readings of Excel's rule have to agree.
"""

from __future__ import annotations

import pytest
from xlwings_fake import FORMULA_ARRAY_LIMIT, ExcelRefusal, FakeBook, _shift_references

from xlplugin.excel.rows import PLACEHOLDER_STEM, adjust_references, shorten
from xlplugin.layout import load_layout
from xlplugin.layout.udf import count_formula, filled_range, legacy_status_formula

AT, N = 2005, 5  # rows inserted before row 2005 of sheet RAB

CASES = [
    # (formula on host sheet, host, expected), rows inserted before AT on sheet RAB
    ("=SUM(A6:A2005)", "RAB", "=SUM(A6:A2010)"),  # ends exactly at the row: grows
    ("=SUM(A2005:A2010)", "RAB", "=SUM(A2010:A2015)"),  # starts at it: moves
    ("=SUM(A6:A2004)", "RAB", "=SUM(A6:A2004)"),  # ends just above it: stays
    ("=SUM(A2100:B2200)", "RAB", "=SUM(A2105:B2205)"),  # entirely below: moves
    ("=A1+B2004", "RAB", "=A1+B2004"),  # entirely above: stays
    ("=$A$2005+A$2005+$A2005+A2005", "RAB", "=$A$2010+A$2010+$A2010+A2010"),  # abs or not
    ("=SUM('RAB'!$I$6:$I$2005)", "KAK", "=SUM('RAB'!$I$6:$I$2010)"),  # from another sheet
    ("=SUM(rab!I6:I2005)", "KAK", "=SUM(rab!I6:I2010)"),  # sheet names ignore case
    ("=SUM(I6:I2005)", "KAK", "=SUM(I6:I2005)"),  # KAK's own cells: untouched
    ("=SUM('Peserta'!A6:A3005)", "RAB", "=SUM('Peserta'!A6:A3005)"),  # other sheet
    ("=COUNTA($2005:$2006)+COUNTA(4:4)", "RAB", "=COUNTA($2010:$2011)+COUNTA(4:4)"),
    ("=SUM(A:A)+SUM(A6:A1048576)", "RAB", "=SUM(A:A)+SUM(A6:A1048576)"),  # to the sheet end
    ('=IF(A2005="RAB!A2005",LOG10(2005),lst_kode_baris)', "RAB",
     '=IF(A2010="RAB!A2005",LOG10(2005),lst_kode_baris)'),  # text, numbers, names stay
    ("=SUM(tblRAB[Jumlah])", "RAB", "=SUM(tblRAB[Jumlah])"),  # Excel follows the table
]


@pytest.mark.parametrize(("formula", "host", "expected"), CASES)
def test_references_move_as_excel_moves_them_when_rows_are_inserted(formula, host, expected):
    assert adjust_references(formula, host, "RAB", AT, N) == expected


@pytest.mark.parametrize(("formula", "host", "expected"), CASES)
def test_the_fakes_excel_model_reads_each_case_the_same_way(formula, host, expected):
    assert _shift_references(formula, host, "RAB", AT, N) == expected


def test_quoted_sheet_names_with_spaces_and_apostrophes_are_matched():
    formula = "=SUM('Standar Harga'!$D$6:$D$305)+'O''Brien'!A305"
    assert adjust_references(formula, "RAB", "Standar Harga", 305, 2) == \
        "=SUM('Standar Harga'!$D$6:$D$307)+'O''Brien'!A305"
    assert adjust_references(formula, "RAB", "O'Brien", 305, 2) == \
        "=SUM('Standar Harga'!$D$6:$D$305)+'O''Brien'!A307"


def test_the_live_row_count_and_input_range_grow_with_their_table():
    layout = load_layout()
    for text in (count_formula(layout, "RAB"), "=" + filled_range(layout, "RAB")):
        grown = adjust_references(text, "Status Langsung", "RAB", AT, N)
        assert "$2005" not in grown and "$2010" in grown
        assert grown == _shift_references(text, "Status Langsung", "RAB", AT, N)


def test_a_0_1_0_status_formula_grows_only_its_own_tables_data_area():
    layout = load_layout()
    formula = legacy_status_formula(layout, "RAB")
    grown = adjust_references(formula, "RAB", "RAB", AT, N)
    assert grown == formula.replace("'RAB'!$A$6:$L$2005", "'RAB'!$A$6:$L$2010")
    assert grown != formula


# ---------------------------------------------------------------- long array formulas
def test_a_0_1_0_status_formula_too_long_for_formulaarray_is_shortened_and_restorable():
    formula = legacy_status_formula(load_layout(), "Narasumber")
    assert len(formula) > FORMULA_ARRAY_LIMIT  # why the detour exists at all
    skeleton, parts = shorten(formula, FORMULA_ARRAY_LIMIT)
    assert len(skeleton) <= FORMULA_ARRAY_LIMIT
    assert parts and all(p.startswith(PLACEHOLDER_STEM) for p, _ in parts)
    placeholders = [p for p, _ in parts]
    assert not any(a != b and a in b for a in placeholders for b in placeholders)
    restored = skeleton
    for placeholder, reference in parts:
        restored = restored.replace(placeholder, reference)
    assert restored == formula


def test_a_short_formula_is_entered_as_it_is():
    assert shorten("=SUM(A1:A9)", FORMULA_ARRAY_LIMIT) == ("=SUM(A1:A9)", [])


def test_the_fake_refuses_an_array_formula_longer_than_excel_takes():
    sheet = FakeBook({"S": {}}).sheets["S"]
    at_limit = "=" + "1+" * ((FORMULA_ARRAY_LIMIT - 2) // 2) + "1"
    assert len(at_limit) <= FORMULA_ARRAY_LIMIT
    sheet.range("A1:A3").formula_array = at_limit
    with pytest.raises(ExcelRefusal, match="FormulaArray"):
        sheet.range("B1:B3").formula_array = at_limit + "+1" * 10
    assert sheet.arrays == [(1, 1, 3, 1)]


def test_replace_changes_a_whole_array_formula_but_not_part_of_one():
    sheet = FakeBook({"S": {}}).sheets["S"]
    sheet.range("A1:A3").formula_array = "=SUM(_xlpRef1_)"
    with pytest.raises(ExcelRefusal, match="part of an array"):
        sheet.range("A1:A2").replace_all("_xlpRef1_", "B1:B3")
    sheet.range("A1:A3").replace_all("_xlpref1_", "B1:B3")  # case-insensitive, as Excel
    assert sheet.arrays == [(1, 1, 3, 1)]
    assert sheet.range("A3").formula == "=SUM(B1:B3)"
