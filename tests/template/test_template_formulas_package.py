"""An independent recomputation: the `formulas` package computes the built workbook.

The full template has ~11,000 formula cells (too slow for `formulas`), so the same
builder runs with a small table capacity; every formula cell of RAB, KAK, Realisasi
and Rekap must equal the cached value the builder wrote (what Excel shows in
Protected View before any recalculation).
"""

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from factories import clean_dokumen

from xlplugin.layout import load_layout
from xlplugin.template.build import build_template

formulas = pytest.importorskip("formulas")
SHEETS = ("RAB", "KAK", "Realisasi", "Rekap", "Peserta", "Status Langsung")


@pytest.fixture(scope="module")
def small_build(tmp_path_factory) -> Path:
    layout = load_layout()
    small = replace(layout, tables={k: replace(t, capacity=8) for k, t in layout.tables.items()})
    doc = clean_dokumen()
    doc.peserta = doc.peserta[:8]
    return build_template(doc, tmp_path_factory.mktemp("kecil") / "kecil.xlsm", layout=small)


def _computed(path: Path) -> dict:
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    return {key.upper(): value for key, value in solution.items()}


def _same(computed, cached) -> bool:
    if computed == cached or (computed == "" and cached is None):
        return True
    try:
        return float(computed) == float(cached)
    except (TypeError, ValueError):
        return False


def test_formulas_package_agrees_with_every_cached_value(small_build):
    computed = _computed(small_build)
    with_formulas = openpyxl.load_workbook(small_build)
    with_values = openpyxl.load_workbook(small_build, data_only=True)
    checked, wrong = 0, []
    for sheet in SHEETS:
        for row in with_formulas[sheet].iter_rows():
            for cell in row:
                text = cell.value
                if not (isinstance(text, str) and text.startswith("=")) or "DAK_" in text:
                    continue  # the live UDF columns need Excel
                key = f"'[{small_build.name.upper()}]{sheet.upper()}'!{cell.coordinate}"
                result = computed[key]
                value = result.value[0][0] if hasattr(result, "value") else result
                cached = with_values[sheet][cell.coordinate].value
                checked += 1
                if not _same(value, cached):
                    wrong.append((sheet, cell.coordinate, text, value, cached))
    assert checked > 150
    assert wrong == []


def test_formulas_package_rekap_grand_total_equals_rab_sum(small_build):
    computed = _computed(small_build)
    doc = clean_dokumen()
    rab_total = sum(line.jumlah for line in doc.rab)
    rekap = openpyxl.load_workbook(small_build)["Rekap"]
    totals = []
    for row in rekap.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "SUM" in cell.value.upper() and "RAB" in cell.value:
                key = f"'[{small_build.name.upper()}]REKAP'!{cell.coordinate}"
                result = computed[key]
                totals.append(result.value[0][0] if hasattr(result, "value") else result)
    assert rab_total in totals
