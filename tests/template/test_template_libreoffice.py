"""The built workbook in LibreOffice (headless, recalculating on load): opens, agrees, prints."""

from __future__ import annotations

import subprocess

import openpyxl
import pytest
from tpl_cf_probe import lo_flagged

from xlplugin.adapters.file import load_dokumen
from xlplugin.engine import validate
from xlplugin.engine.totals import compute_totals
from xlplugin.template.conditional import NATIVE_RULES
from xlplugin.template.sheets.rekap import col, rekap_rows

pytestmark = pytest.mark.libreoffice


def _formula_cells(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield ws.title, cell.coordinate


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return a == b or (a in (None, "") and b in (None, ""))


def test_libreoffice_really_recalculates_formulas_without_cached_values(lo_xlsx, built):
    """The probe copy was saved by openpyxl (no cached values): LibreOffice filled them."""
    probe = openpyxl.load_workbook(lo_xlsx["cf_probe"], data_only=True)
    rekap = probe["Rekap"]
    assert rekap["A1"].value and any(
        isinstance(c.value, (int, float)) and c.value > 0 for c in rekap[col("anggaran")])


@pytest.mark.parametrize("name", ["template", "filled", "large", "broken"])
def test_cached_values_equal_libreoffice_recalculation(name, built, lo_xlsx):
    mine = openpyxl.load_workbook(built[name], data_only=True)
    theirs = openpyxl.load_workbook(lo_xlsx[name], data_only=True)
    cells = list(_formula_cells(built[name]))
    assert len(cells) > 10_000
    wrong = [(s, a, mine[s][a].value, theirs[s][a].value) for s, a in cells
             if not _same(mine[s][a].value, theirs[s][a].value)]
    assert wrong == []


def test_broken_cached_values_equal_a_recalculation_from_scratch(built, lo_xlsx):
    """The probe copy had no cached values at all, so LibreOffice computed every cell."""
    mine = openpyxl.load_workbook(built["broken"], data_only=True)
    scratch = openpyxl.load_workbook(lo_xlsx["cf_probe"], data_only=True)
    wrong = [(s, a) for s, a in _formula_cells(built["broken"])
             if not _same(mine[s][a].value, scratch[s][a].value)]
    assert wrong == []


def test_rekap_totals_in_libreoffice_equal_the_engine_totals(built, lo_xlsx, layout, pack):
    doc, _ = load_dokumen(built["filled"])
    totals = compute_totals(doc, pack)
    ws = openpyxl.load_workbook(lo_xlsx["filled"], data_only=True)[
        layout.outputs["Rekap"].sheet]
    rows = rekap_rows(layout, pack)
    for code, row in rows.codes.items():
        want = totals.menu[code] if code in pack.menu else totals.rincian[code]
        assert (ws[f"{col('anggaran')}{row}"].value, ws[f"{col('realisasi')}{row}"].value) \
            == (want.rab, want.realisasi), code
    assert ws[f"{col('anggaran')}{rows.total}"].value == totals.total.rab
    assert ws[f"{col('realisasi')}{rows.total}"].value == totals.total.realisasi
    assert ws[f"{col('anggaran')}{rows.pagu}"].value == totals.pagu


def test_native_formats_computed_by_libreoffice_flag_the_engine_rows(built, lo_xlsx):
    doc, _ = load_dokumen(built["broken"])
    engine: dict[tuple[str, str], set[int]] = {}
    for f in validate(doc):
        engine.setdefault((f.rule, f.sheet), set()).add(f.row)
    flagged = lo_flagged(lo_xlsx["cf_probe"])
    for (rule, sheet), rows in flagged.items():
        assert rule in NATIVE_RULES
        assert rows == engine.get((rule, sheet), set()), (rule, sheet)


def test_filled_workbook_converts_to_pdf_and_renders_rekap_kak_rab(lo_pdf, tmp_path, layout):
    text = subprocess.run(["pdftotext", "-layout", str(lo_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    wanted = [layout.outputs["Rekap"].title, layout.tables["KAK"].title,
              layout.tables["RAB"].title]
    for title in wanted:
        page = next(i for i, p in enumerate(pages, start=1) if title in p)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page),
                        str(lo_pdf), str(tmp_path / f"p{page}")], check=True)
    assert len(list(tmp_path.glob("*.png"))) == len(wanted)
