"""The finalised .xlsm (VBA project, ribbon, macro-enabled type) still opens in
LibreOffice headless and converts to PDF. One soffice run converts both files."""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not found")]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, fixture_xlsm, template_xlsm):
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")  # own profile: no lock with other runs
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(fixture_xlsm), str(template_xlsm)],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return {"fixture": out / "fixture.pdf", "template": out / "template.pdf", "log": done}


@pytest.mark.parametrize("name", ["fixture", "template"])
def test_finalised_workbook_converts_to_pdf(pdfs, name):
    pdf = pdfs[name]
    assert pdf.exists(), pdfs["log"].stdout + pdfs["log"].stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def banner_text(path) -> str:
    """The first text in the rows the workbook-level banner name covers."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    sheet, ref = next(wb.defined_names["xlp_BannerMakro"].destinations)
    rows = [int(r) for r in ref.replace("$", "").split(":")]
    return next(str(c.value) for row in wb[sheet].iter_rows(min_row=rows[0], max_row=rows[-1])
                for c in row if c.value)


def test_banner_is_visible_where_macros_do_not_run(pdfs, template_xlsm):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not found")
    text = subprocess.run(["pdftotext", str(pdfs["template"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert banner_text(template_xlsm)[:30] in text
