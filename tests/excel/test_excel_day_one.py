"""Day one on a finance PC (issue 12): what only Windows Excel can confirm.

Each test is the Excel-side twin of a Linux test that works through a model of Excel:
- the interpreter and xlwings' DLL where the installer puts them and the template looks
  (tests/bundle/test_install_layout.py);
- Validasi and Bersihkan Sorotan on a workbook WITH findings, on protected sheets
  (tests/validation/test_live_protection.py, through the stricter fake);
- the print area after Validasi (tests/validation/test_print_area.py);
- a validated workbook reopened with macros off;
- PDFs made by Excel and Word (tests/reports/test_pdf_office.py, through office_fake).

Run as described in tests/excel/conftest.py, after install.bat from `xlplugin bundle` (the
template points at the environment that installer makes).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from xlplugin.domain.colours import LEVEL_COLOURS
from xlplugin.layout import load_layout
from xlplugin.sample import EXPECTED_BREACHES, sample_dokumen
from xlplugin.template.sheets.temuan import TemuanSheet

from .test_excel_template import add_test_module, fill

pytestmark = pytest.mark.excel
LAYOUT = load_layout()
FORCE_DISABLE = 3  # msoAutomationSecurityForceDisable: open with every macro off


def _rgb(hex_: str) -> tuple[int, int, int]:
    return int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16)


def _protected(book) -> dict[str, bool]:
    return {s.name: bool(s.api.ProtectContents) for s in book.sheets}


def test_configured_interpreter_and_dll_exist_where_xlwings_looks(book):
    interpreter = book.macro("xlwings.GetConfig")("INTERPRETER_WIN")
    assert Path(interpreter).is_file(), interpreter
    dll = book.macro("xlp_Python.NamaDll")()
    here = [Path(interpreter).parent / dll, Path(interpreter).parent.parent / dll]
    assert any(p.is_file() for p in here), here
    assert book.macro("xlp_Python.PythonSiap")(True) is True


def test_validasi_with_findings_on_protected_sheets_then_bersihkan(book, vbproject):
    add_test_module(vbproject)
    fill(book, sample_dokumen())
    before = _protected(book)
    book.macro("UjiPita")("xlp_Validasi")
    assert "Validasi selesai" in str(book.app.status_bar), book.app.status_bar
    for e in EXPECTED_BREACHES:
        assert book.sheets[e.sheet].range(e.cell).color == _rgb(LEVEL_COLOURS[e.level]), e
    temuan = TemuanSheet(LAYOUT)
    assert book.sheets[temuan.name].range((temuan.first_row, 3)).value
    assert _protected(book) == before
    book.macro("UjiPita")("xlp_BersihkanSorotan")
    for e in EXPECTED_BREACHES:
        assert book.sheets[e.sheet].range(e.cell).color != _rgb(LEVEL_COLOURS[e.level]), e
    assert _protected(book) == before


def test_print_area_after_validasi_prints_every_rab_line(book, vbproject, tmp_path):
    add_test_module(vbproject)
    doc = sample_dokumen()
    fill(book, doc)
    book.macro("UjiPita")("xlp_Validasi")
    rab = LAYOUT.tables["RAB"]
    last = max(r.row for r in doc.rab)
    assert book.sheets[rab.sheet].page_setup.print_area.endswith(f"${last}")
    pdf = tmp_path / "rab.pdf"
    book.sheets[rab.sheet].api.ExportAsFixedFormat(0, str(pdf))
    assert pdf.stat().st_size > 0
    # the last line's page: the PDF has as many pages as the data needs, more than one
    assert pdf.read_bytes().count(b"/Type /Page") > 2


def test_validated_workbook_reopened_with_macros_off_keeps_temuan(book, vbproject, tmp_path):
    add_test_module(vbproject)
    fill(book, sample_dokumen())
    book.macro("UjiPita")("xlp_Validasi")
    out = tmp_path / "tervalidasi.xlsm"
    book.save(str(out))
    app = book.app
    security = app.api.AutomationSecurity
    app.api.AutomationSecurity = FORCE_DISABLE
    try:
        again = app.books.open(str(out))
        time.sleep(1)
        temuan = TemuanSheet(LAYOUT)
        rules = {again.sheets[temuan.name].range((temuan.first_row + i, 3)).value
                 for i in range(len(EXPECTED_BREACHES) + 5)}
        assert {e.rule for e in EXPECTED_BREACHES} <= rules
        assert all(_protected(again)[t.sheet] for t in LAYOUT.tables.values())
        again.close()
    finally:
        app.api.AutomationSecurity = security


def _instances(program: str) -> int:
    return os.popen("tasklist").read().upper().count(program)


def test_pdfs_of_the_report_come_from_excel_and_word(excel, tmp_path):
    from xlplugin.reports.export import export_report
    from xlplugin.reports.pdf import detected_renderers

    before = (_instances("EXCEL.EXE"), _instances("WINWORD.EXE"))
    result = export_report(sample_dokumen(), "semester1", tmp_path,
                           renderers=detected_renderers())
    assert not result.pdf_missing, result.pdf_note
    assert "Microsoft Excel" in result.pdf_note and "Microsoft Word" in result.pdf_note
    time.sleep(5)  # the hidden instances quit; none is left behind
    assert (_instances("EXCEL.EXE"), _instances("WINWORD.EXE")) == before
