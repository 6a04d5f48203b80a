"""Run the template's own macros in pyOpenVBA's VBA interpreter (no Excel).

What runs: the banner (workbook- and sheet-level names, a sheet protected without a
password re-protected with its options, a password-protected sheet left alone), the
save events, the Python check's messages and interpreter choice, and the check script
itself, executed by a real Python. What cannot run here, and why:
- xlwings.bas: pyOpenVBA's preprocessor rejects two of its lines (a comment after
  `#Const`, `#If Mac Then ' comment`), so a small stand-in gives GetConfig (reading the
  xlwings.conf sheet the way xlwings does), XLWINGS_VERSION and RunPython (recorded);
- WScript.Shell.Run (the check's process), Dir and Environ (the disk check on open) and
  Application.MacroOptions are not implemented by pyOpenVBA, so Workbook_Open and the
  ribbon callbacks are not run whole; their parts are (tests/excel runs them whole).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import xlwings
from pyopenvba.apps.excel import ExcelApplication
from pyopenvba.excel import ExcelFile
from pyopenvba.vba import VBAModuleKind

XLWINGS_STAND_IN = f'''Attribute VB_Name = "xlwings"
Public Const XLWINGS_VERSION As String = "{xlwings.__version__}"

Public Function GetConfig(configKey As String, Optional default As String = "") As Variant
    ' As xlwings reads its sheet: keys in column A from A1 down, upper-cased.
    Dim r As Long
    GetConfig = default
    r = 1
    Do While ThisWorkbook.Worksheets("xlwings.conf").Cells(r, 1).Value <> ""
        If UCase(ThisWorkbook.Worksheets("xlwings.conf").Cells(r, 1).Value) = configKey Then
            GetConfig = ThisWorkbook.Worksheets("xlwings.conf").Cells(r, 2).Value
        End If
        r = r + 1
    Loop
End Function

Public Function RunPython(PythonCommand As String)
    Debug.Print PythonCommand
End Function
'''


@pytest.fixture
def app(fixture_xlsm) -> ExcelApplication:
    excel = ExcelApplication.open(fixture_xlsm, with_vba=False)
    with ExcelFile(fixture_xlsm) as book:
        for m in book.vba_project().modules:
            if m.name == "xlwings_udfs":
                continue  # calls XLPy, which lives in the real xlwings module
            source = XLWINGS_STAND_IN if m.name == "xlwings" else m.source
            kind = "standard" if m.kind is VBAModuleKind.standard else "class"
            if m.name == "ThisWorkbook" or re.fullmatch(r"Sheet\d+", m.name):
                kind = "document"
            excel.add_module(source, name=m.name, kind=kind)
    return excel


def hidden(app, sheet: str, row: int) -> bool:
    return app.evaluate(f'ThisWorkbook.Worksheets("{sheet}").Rows({row}).Hidden')


def test_banner_rows_of_workbook_and_sheet_names_are_hidden(app):
    app.run("xlp_Banner.SembunyikanBanner")
    assert hidden(app, "Petunjuk", 1) and hidden(app, "Petunjuk", 2)
    assert hidden(app, "RAB", 4)
    assert not hidden(app, "Petunjuk", 5) and not hidden(app, "RAB", 5)


def test_protected_sheet_is_protected_again_with_its_options(app):
    app.run("xlp_Banner.SembunyikanBanner")
    rab = 'ThisWorkbook.Worksheets("RAB")'
    assert app.evaluate(f"{rab}.ProtectContents") is True
    assert app.evaluate(f"{rab}.Protection.AllowFormattingColumns") is True
    assert app.evaluate(f"{rab}.Protection.AllowFormattingRows") is False


def test_password_protected_sheet_keeps_its_banner_without_a_prompt(app):
    app.add_module('Sub KunciSandi()\n    ThisWorkbook.Worksheets("RAB").Unprotect ""\n'
                   '    ThisWorkbook.Worksheets("RAB").Protect Password:="rahasia"\nEnd Sub\n',
                   name="UjiSandi")
    app.run("KunciSandi")
    app.run("xlp_Banner.SembunyikanBanner")
    assert not hidden(app, "RAB", 4)
    assert hidden(app, "Petunjuk", 1)
    assert app.dialogs == []


def test_saving_shows_the_banner_in_the_file_then_hides_it_again(app):
    app.run("xlp_Banner.SembunyikanBanner")
    app.run("ThisWorkbook.Workbook_BeforeSave", False, False)
    assert not hidden(app, "RAB", 4) and not hidden(app, "Petunjuk", 1)
    app.run("ThisWorkbook.Workbook_AfterSave", True)
    assert hidden(app, "RAB", 4) and hidden(app, "Petunjuk", 1)
    assert app.evaluate("ThisWorkbook.Saved") is True


def test_the_check_runs_the_console_python_beside_the_configured_pythonw(app):
    # the conf sheet names install.bat's environment (the stand-in does not expand it)
    expected = r'"%LOCALAPPDATA%\xlplugin\venv\Scripts\python.exe"'
    assert app.evaluate("Interpreter()") == expected


def test_an_interpreter_set_in_the_conf_sheet_is_quoted(app):
    conf = 'ThisWorkbook.Worksheets("xlwings.conf")'
    app.add_module(f'Sub Atur()\n    {conf}.Range("A3").Value = "Interpreter_Win"\n'
                   f'    {conf}.Range("B3").Value = "C:\\Py 311\\python.exe"\nEnd Sub\n',
                   name="UjiConf")
    app.run("Atur")
    assert app.evaluate("Interpreter()") == '"C:\\Py 311\\python.exe"'


def run_check(script: str, *flags: str) -> int:
    done = subprocess.run([sys.executable, *flags, "-c", script], check=False, timeout=60)
    return done.returncode


def test_check_script_passes_with_this_python_and_its_xlwings(app):
    assert run_check(app.evaluate("SkripCek()")) == 0


def test_check_script_exits_3_when_xlwings_version_differs(app):
    script = app.evaluate("SkripCek()").replace(f"'{xlwings.__version__}'", "'0.0.1'")
    assert run_check(script) == 3


def test_check_script_exits_4_without_xlwings(app):
    assert run_check(app.evaluate("SkripCek()"), "-S") == 4  # -S: no site-packages


def test_check_script_puts_the_pythonpath_setting_first(app, tmp_path):
    # an older xlwings's metadata in the PYTHONPATH folder wins over this venv's xlwings
    info = tmp_path / "xlwings-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xlwings\nVersion: 0.0.1\n")
    conf = 'ThisWorkbook.Worksheets("xlwings.conf")'
    row = next(r for r in range(1, 10)
               if app.evaluate(f"{conf}.Cells({r}, 1).Value") == "PYTHONPATH")
    app.add_module(f'Sub Atur()\n    {conf}.Cells({row}, 2).Value = "{tmp_path}"\nEnd Sub\n',
                   name="UjiConf")
    app.run("Atur")
    assert run_check(app.evaluate("SkripCek()")) == 3


@pytest.mark.parametrize("code, says", [
    (9009, "Python untuk buku kerja ini tidak ditemukan"),
    (5, "Versi Python terlalu lama"),
    (2, "Paket Python xlplugin (beserta xlwings) belum terpasang."),
    (3, f"tidak sama dengan versi makro di buku kerja ini ({xlwings.__version__})"),
    (1, "Python berhenti dengan kode 1"),
])
def test_each_check_result_has_an_indonesian_message(app, code, says):
    message = app.evaluate(f"PesanCek({code})")
    assert says in message
    assert "install.bat" in message and "pip" not in message
    assert "tetap berfungsi" in message  # what still works without Python


def test_version_text_for_bantuan_without_python(app):
    text = app.evaluate("TeksVersi()")
    assert f"Makro xlwings: {xlwings.__version__}" in text
    assert "Paket aturan: TA 2023" in text


def test_disk_check_looks_for_this_versions_dll(app):
    assert app.evaluate("NamaDll()") == f"xlwings64-{xlwings.__version__}.dll"


def test_disk_check_looks_beside_the_interpreter_and_one_folder_up(app):
    venv = r"C:\Users\a\venv\Scripts\python.exe"
    assert app.evaluate(f'FolderInduk("{venv}")') == r"C:\Users\a\venv\Scripts"
    assert app.evaluate(f'FolderInduk(FolderInduk("{venv}"))') == r"C:\Users\a\venv"
