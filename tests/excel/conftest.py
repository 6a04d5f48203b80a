"""Windows/macOS Excel integration: the built template driven through xlwings.

Skipped wherever Excel cannot be started through xlwings (Linux CI). Run with:

    python -m pytest tests/excel -m excel -v --junitxml=excel-hasil.xml

Checks that read the VBA project need Excel's "Trust access to the VBA project object
model" (File > Options > Trust Center > Trust Center Settings > Macro Settings); they
skip with that reason when it is off.

The shipped template names the environment install.bat creates
(%LOCALAPPDATA%\\xlplugin\\venv). The template built here names the Python running the
tests instead (its pythonw.exe and site-packages), through the build-time variable
XLPLUGIN_INTERPRETER_WIN; set that variable yourself to test another Python, for
example one made by install.bat. Install with `pip install -e .[test]` into a virtual
environment or a python.org Python, not with `--user`: xlwings looks for its DLL beside
the interpreter or one folder up, never in %APPDATA%\\Python.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.excel


def _excel_app():
    if sys.platform not in ("win32", "darwin"):
        pytest.skip("Excel tidak tersedia di platform ini")
    try:
        import xlwings as xw

        return xw.App(visible=False, add_book=False)
    except Exception as exc:  # noqa: BLE001 - any failure to start Excel means: skip
        pytest.skip(f"Excel tidak dapat dijalankan lewat xlwings: {exc}")


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    from xlplugin.template.build import build_template
    from xlplugin.template.sheets.config import INTERPRETER_OVERRIDE

    with pytest.MonkeyPatch.context() as mp:
        if sys.platform == "win32" and not os.environ.get(INTERPRETER_OVERRIDE):
            mp.setenv(INTERPRETER_OVERRIDE, str(Path(sys.executable).with_name("pythonw.exe")))
        return build_template(out=tmp_path_factory.mktemp("excel") / "template.xlsm")


@pytest.fixture(scope="session")
def excel():
    app = _excel_app()
    app.display_alerts = False
    app.interactive = False  # ribbon functions then report on the status bar, not a dialog
    yield app
    app.quit()


@pytest.fixture
def book(excel, template, tmp_path):
    """A fresh copy of the template, opened (Workbook_Open runs as for a user)."""
    path = tmp_path / "RAB_KAK_uji.xlsm"
    shutil.copy(template, path)
    wb = excel.books.open(str(path))
    yield wb
    wb.close()


@pytest.fixture
def vbproject(book):
    try:
        return book.api.VBProject
    except Exception as exc:  # noqa: BLE001 - COM refuses when trust access is off
        pytest.skip(f"akses ke model objek proyek VBA belum dipercaya: {exc}")
