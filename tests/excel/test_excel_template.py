"""The built template in real Excel: VBA compiles and matches its sources, Workbook_Open
hides the banner, the UDFs answer after a recalculation, the ribbon callbacks run
Validasi and Ekspor Laporan through Application.Run, and a save keeps VBA and ribbon.

These tests need Windows (or macOS) Excel, Python with `pip install -e .[test]`, and
xlwings able to start Excel; see tests/excel/conftest.py for the command.
"""

from __future__ import annotations

import time
import zipfile
from datetime import date, datetime

import pytest
from factories import clean_dokumen

from xlplugin.domain.records import TABLE_ATTR
from xlplugin.layout import load_layout
from xlplugin.layout.udf import count_name
from xlplugin.rulepack import load_pack
from xlplugin.template.macros.ribbon import PART as RIBBON_PART
from xlplugin.template.macros.vba import project_modules
from xlplugin.template.sheets.config import UDF_MODULE

pytestmark = pytest.mark.excel
TEST_MODULE = """Sub UjiPita(nama As String)
    Application.Run nama, Nothing
End Sub
"""


def cell_value(value):
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return "'" + value  # text stays text (NIK, codes)
    if value is None:
        return None
    return float(value)


def fill(book, doc) -> None:
    """Type the records into the input cells, as a user would (formula columns untouched)."""
    layout = load_layout()
    form = layout.profil
    for f in form.fields:
        book.sheets[form.sheet].range(form.cell(f.key)).value = cell_value(
            getattr(doc.profil, f.key))
    for key, table in layout.tables.items():
        sheet = book.sheets[table.sheet]
        for rec in getattr(doc, TABLE_ATTR[key]):
            for col in table.columns:
                if col.is_input:
                    sheet.range(table.cell(col.key, rec.row)).value = cell_value(
                        getattr(rec, col.key))


def status_of(book, key: str, row: int) -> str:
    table = load_layout().tables[key]
    return book.sheets[table.sheet].range(f"{table.status_letter}{row}").value or ""


def add_test_module(vbproject) -> None:
    vbproject.VBComponents.Add(1).CodeModule.AddFromString(TEST_MODULE)


def test_vba_modules_in_excel_equal_their_sources(vbproject):
    """The VB editor hides attribute lines; everything else is the source, line by line."""
    for module in project_modules(load_pack(), load_layout(), UDF_MODULE):
        code = vbproject.VBComponents(module.name).CodeModule
        text = code.Lines(1, code.CountOfLines) if code.CountOfLines else ""
        expected = [line for line in module.code.split("\r\n")
                    if not line.startswith("Attribute VB_")]
        assert text.split("\r\n") == _trim(expected), module.name


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def test_each_module_compiles_when_run(book):
    assert book.macro("xlp_Python.TeksVersi")().startswith("Templat: ")
    assert book.macro("xlp_Banner.AdalahBanner")("xlp_BannerMakro") is True
    assert book.macro("xlwings.GetConfig")("UDF MODULES") == UDF_MODULE


def test_workbook_open_hid_the_banner_and_kept_protection(book):
    name = book.api.Names("xlp_BannerMakro")
    rng = name.RefersToRange
    assert rng.EntireRow.Hidden is True
    assert rng.Worksheet.ProtectContents is True


def test_python_check_found_python_and_set_the_ready_name(book):
    assert book.api.Names("xlp_PythonSiap").RefersTo == "=TRUE"


def test_udf_statuses_after_filling_rows(book):
    doc = clean_dokumen()
    fill(book, doc)
    book.app.calculate()
    assert status_of(book, "RAB", doc.rab[0].row) == "OK"
    assert status_of(book, "RAB", doc.rab[0].row + 100) == ""
    table = load_layout().tables["RAB"]
    book.sheets[table.sheet].range(table.cell("harga_satuan", doc.rab[0].row)).value = 950_000.0
    book.app.calculate()
    assert "SSH-PLAFON" in status_of(book, "RAB", doc.rab[0].row)


def test_one_live_call_counts_the_filled_rows_and_the_stored_status_shows_without_python(
        book):
    """What the fake and LibreOffice cannot show: Excel computes the row counts, calls
    DAK_PERIKSA once through the INDEX-bounded names, and, with xlp_PythonSiap FALSE,
    each status cell shows its hidden stored value."""
    doc = clean_dokumen()
    fill(book, doc)
    book.app.calculate()
    live = book.sheets["Status Langsung"]
    rab = load_layout().tables["RAB"]
    count = book.names[count_name("RAB")].refers_to_range
    assert count.sheet.name == live.name
    assert count.value == max(r.row for r in doc.rab) - rab.header_row
    row = doc.rab[0].row
    assert status_of(book, "RAB", row) == "OK"
    sheet = book.sheets[rab.sheet]
    sheet.api.Unprotect()
    sheet.range((row, len(rab.columns) + 2)).value = "PELANGGARAN: disimpan"
    book.api.Names("xlp_PythonSiap").RefersTo = "=FALSE"
    book.app.calculate()
    assert status_of(book, "RAB", row) == "PELANGGARAN: disimpan"
    book.api.Names("xlp_PythonSiap").RefersTo = "=TRUE"
    book.app.calculate()
    assert status_of(book, "RAB", row) == "OK"


def test_ribbon_validasi_and_ekspor_run_through_application_run(book, vbproject, tmp_path):
    add_test_module(vbproject)
    fill(book, clean_dokumen())
    before = set(tmp_path.iterdir())
    book.macro("UjiPita")("xlp_Validasi")
    assert "Validasi selesai" in str(book.app.status_bar)
    book.macro("UjiPita")("xlp_EksporSemester1")
    assert "Laporan Semester I tersimpan" in str(book.app.status_bar)
    assert set(tmp_path.iterdir()) - before  # the report file beside the workbook
    book.macro("UjiPita")("xlp_Bantuan")
    assert "xlwings" in str(book.app.status_bar)


def test_save_keeps_vba_ribbon_and_a_visible_banner(book, tmp_path):
    out = tmp_path / "disimpan.xlsm"
    book.save(str(out))
    time.sleep(1)
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert "xl/vbaProject.bin" in names and RIBBON_PART in names
        assert b"ui/extensibility" in zf.read("_rels/.rels")
    import openpyxl

    wb = openpyxl.load_workbook(out)
    sheet, ref = next(wb.defined_names["xlp_BannerMakro"].destinations)
    first = int(ref.replace("$", "").split(":")[0])
    assert not wb[sheet].row_dimensions[first].hidden  # shown again in the saved file
