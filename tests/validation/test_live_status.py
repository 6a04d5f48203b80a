"""The live check of template 0.2 (issue 13): one Python call, filled rows only, and the
last status visible without Python.

Every test reads the workbook the way Excel would compute it (`live_book`): the live
block's names and INDEX bounds resolved from the file, the values converted by
xlwings itself, each status cell's INDEX into the result.
"""

from __future__ import annotations

import zipfile

import pytest
from cached_values import strip_cached_values
from live_book import live_result, live_statuses, split

from xlplugin.adapters.file import FileAdapter
from xlplugin.engine.status import OK, row_statuses
from xlplugin.layout import load_layout
from xlplugin.layout.udf import ARG_TABLES, status_tables
from xlplugin.reports.pdf import convert, soffice
from xlplugin.validation import validate_workbook, write_findings

LAYOUT = load_layout()


@pytest.fixture(scope="module")
def validated(sample_book, tmp_path_factory):
    """The sample after file Validasi, and the findings `validate` gave it."""
    out = tmp_path_factory.mktemp("live") / "tervalidasi.xlsm"
    with FileAdapter(sample_book) as a:
        findings = validate_workbook(a)
        write_findings(a, findings)
        a.save(out)
    return out, findings


def _shown(path, column_offset: int) -> dict[tuple[str, int], str]:
    """What the file holds in each status row: the status cell's cached value (offset 1)
    or the stored status (offset 2)."""
    with FileAdapter(path) as a:
        out = {}
        for key in status_tables(LAYOUT):
            table = LAYOUT.tables[key]
            grid = a.grid(table.sheet)
            col = len(table.columns) + column_offset
            for row in range(table.first_row, table.last_row + 1):
                out[(key, row)] = grid.value(row, col) or ""
        return out


def test_live_statuses_equal_the_validate_statuses_on_every_row(validated):
    path, findings = validated
    live = live_statuses(path)
    texts = row_statuses(findings, LAYOUT)
    stored = _shown(path, 2)
    assert sum(1 for t in live.values() if t) > 700  # the sample's filled rows
    for (key, row), text in live.items():
        expected = texts.get((key, row), OK) if stored[(key, row)] else ""
        assert text == expected, (key, row)
    assert any(t.startswith("PELANGGARAN") for t in live.values())


def test_validasi_stores_each_rows_status_beside_its_live_formula(validated):
    path, *_ = validated
    assert _shown(path, 2) == _shown(path, 1) == live_statuses(path)


def test_one_edit_passes_the_filled_rows_once_not_every_capacity_row(validated):
    path, *_ = validated
    _, cells = live_result(path)
    assert sum(cells) <= 10_000  # issue 13's target for the sample (was 3,441,781)


def test_the_empty_template_passes_one_row_per_table(tmp_path):
    from xlplugin.template.build import build_template

    _, cells = live_result(build_template(None, tmp_path / "kosong.xlsm"))
    widths = sum(len(LAYOUT.tables[k].columns) for k in LAYOUT.tables)
    assert sum(cells) <= widths + len(LAYOUT.profil.fields) + 21


def test_the_rekap_python_totals_are_the_engines_in_rekap_order(validated):
    from xlplugin.adapters.file import load_dokumen
    from xlplugin.engine.totals import compute_totals
    from xlplugin.rulepack import load_pack
    from xlplugin.template.sheets.rekap import rekap_rows

    path, *_ = validated
    result, cells = live_result(path)
    widths = [len(LAYOUT.tables[k].columns) for k in ARG_TABLES]
    _, totals = split(result, {k: c // w for k, c, w in zip(ARG_TABLES, cells[2:], widths)})
    pack = load_pack()
    engine = compute_totals(load_dokumen(path)[0], pack)
    by_code = {**engine.menu, **engine.rincian}
    codes = list(rekap_rows(LAYOUT, pack).codes)
    assert totals == [by_code[c].rab if c in by_code else "" for c in codes]
    assert totals[0] > 0


@pytest.mark.slow
def test_at_large_one_edit_passes_under_100000_cells_and_the_statuses_are_validates(
        tmp_path):
    """Issue 13's large benchmark workbook (2,000 RAB lines, 3,000 participants)."""
    from bench.generate import generate

    path, _ = generate("large", tmp_path)
    out = tmp_path / "besar-tervalidasi.xlsm"
    with FileAdapter(path) as a:
        findings = validate_workbook(a)
        write_findings(a, findings)
        a.save(out)
    _, cells = live_result(out)
    assert 90_000 < sum(cells) <= 100_000
    stored, live = _shown(out, 2), live_statuses(out)
    assert sum(1 for t in live.values() if t) > 7_000
    assert live == stored


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None, reason="LibreOffice tidak terpasang")
def test_libreoffice_recalculating_the_validated_sample_keeps_every_status(validated, tmp_path):
    """Without Python (xlp_PythonSiap FALSE) every status cell shows the stored text,
    after LibreOffice recalculates the file from scratch (cached values stripped)."""
    path, *_ = validated
    stripped = strip_cached_values(path, tmp_path / "tanpa_cache.xlsm")
    (out,) = convert([stripped], tmp_path / "lo", "xlsx", recalc=True)
    recalculated, stored = _shown(out, 1), _shown(path, 2)
    assert sum(1 for t in stored.values() if t) > 700
    assert recalculated == stored


def test_a_0_1_0_workbook_with_status_arrays_still_validates_and_shows_its_statuses(tmp_path):
    """A workbook of the old contract (one status array per table passing every capacity
    range, no stored column) is read and gets its statuses as the arrays' cached values."""
    from factories import clean_dokumen
    from validation_workbooks import template_workbook

    from xlplugin.cli.main import main

    old = template_workbook(clean_dokumen(), tmp_path / "lama.xlsx", use_builder=False)
    out = tmp_path / "lama-hasil.xlsx"
    assert main(["validate", str(old), "-o", str(out)]) in (0, 1)
    with FileAdapter(out) as a:
        rab = LAYOUT.tables["RAB"]
        grid = a.grid(rab.sheet)
        status = [grid.value(r, len(rab.columns) + 1) for r in range(rab.first_row,
                                                                      rab.first_row + 3)]
    assert all(s and s.startswith("OK") for s in status)
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert any(b"DAK_STATUS_RAB" in z.read(n) for n in sheets)  # the array kept
