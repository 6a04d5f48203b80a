"""Formula cells of the built template carry cached values, and those values agree with
the engine (the evaluator's own rules are tested in tests/formula)."""

from __future__ import annotations

import re
import zipfile
from datetime import date

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlplugin.adapters.file import load_dokumen
from xlplugin.domain.calendar import months_between
from xlplugin.engine.totals import compute_totals
from xlplugin.formula import Evaluator, Formula
from xlplugin.template.conditional import months
from xlplugin.template.sheets.rekap import col, rekap_rows

FORMULA_CELL = re.compile(r"<c [^>]*>(<f[^>]*>.*?</f>|<f[^>]*/>)(<v>[^<]*</v>|<v/>)?</c>",
                          re.DOTALL)


@pytest.mark.parametrize("name", ["template", "filled", "large"])
def test_every_formula_cell_has_a_cached_value(built, name):
    with zipfile.ZipFile(built[name]) as z:
        for part in (n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
            for m in FORMULA_CELL.finditer(z.read(part).decode()):
                assert m.group(2) and m.group(2) != "<v/>", (part, m.group(0)[:120])


def test_rekap_cached_totals_equal_the_engine_totals(built, layout, pack):
    doc, _ = load_dokumen(built["large"])
    totals = compute_totals(doc, pack)
    ws = openpyxl.load_workbook(built["large"], data_only=True)[layout.outputs["Rekap"].sheet]
    rows = rekap_rows(layout, pack)
    for code, row in rows.codes.items():
        expected = totals.menu[code] if code in pack.menu else totals.rincian[code]
        assert ws[f"{col('anggaran')}{row}"].value == expected.rab, code
        assert ws[f"{col('realisasi')}{row}"].value == expected.realisasi, code
    assert ws[f"{col('anggaran')}{rows.total}"].value == totals.total.rab


def _eval(formula: str, cells: dict | None = None):
    grid = {"S": {k: (Formula(v) if isinstance(v, str) and v.startswith("=") else v)
                  for k, v in (cells or {}).items()}}
    return Evaluator(grid).formula(formula, "S", 1)


def _serial(d: date) -> float:
    return float((d - date(1899, 12, 30)).days)


@given(st.dates(date(2022, 1, 1), date(2024, 12, 31)), st.dates(date(2022, 1, 1),
                                                                 date(2024, 12, 31)))
def test_month_count_formula_equals_the_engine_calendar(start, end):
    if end < start:
        start, end = end, start
    cells = {(1, 1): _serial(start), (1, 2): _serial(end)}
    assert _eval("=" + months("A1", "B1"), cells) == months_between(start, end)
