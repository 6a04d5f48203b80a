"""Independent reader: LibreOffice opens the written copy, and its own recalculation of
the fingerprint formulas agrees with Python, so the stale indicator works in a
spreadsheet program with no Python: fresh after the check, stale after an edit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from xlplugin.adapters.file import FileAdapter
from xlplugin.layout import load_layout
from xlplugin.ooxml.package import parse_xml
from xlplugin.ooxml.patch import patch_package
from xlplugin.ooxml.sheet_xml import SheetXml
from xlplugin.template.sheets.temuan import FRESH, STALE, TemuanSheet
from xlplugin.validation import validate_workbook, write_findings

pytestmark = pytest.mark.libreoffice
LAYOUT = load_layout()
TEMUAN = TemuanSheet(LAYOUT)
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _edited(src: Path, out: Path) -> None:
    """A copy where one Peserta name is longer: an input change after the check."""
    t = LAYOUT.tables["Peserta"]
    with FileAdapter(src) as a:
        part = a.package.sheets[t.sheet]
        xml = SheetXml(parse_xml(a.package.read(part)))
        xml.set_text(t.cell("nama", t.first_row), "Nama yang diubah sesudah pemeriksaan")
        with open(out, "wb") as fh:
            patch_package(a.package._zip, fh, {part: xml.to_bytes()})


@pytest.fixture(scope="module")
def recalculated(sample_book, tmp_path_factory):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    work = tmp_path_factory.mktemp("lo")
    checked, edited = work / "diperiksa.xlsx", work / "diubah.xlsx"
    with FileAdapter(sample_book) as a:
        write_findings(a, validate_workbook(a))
        a.save(checked)
    _edited(checked, edited)
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    out = work / "out"
    cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "xlsx", "--outdir", str(out), str(checked), str(edited)]
    subprocess.run(cmd, capture_output=True, timeout=600, check=True)
    return checked, out / checked.name, out / edited.name


def _temuan(path: Path) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    return wb.get_sheet_by_name(TEMUAN.name).to_python(skip_empty_area=False)


def test_libreoffice_opens_the_copy_and_recomputes_our_fingerprints(recalculated):
    ours, theirs, _ = recalculated
    mine, lo = _temuan(ours), _temuan(theirs)
    col = TEMUAN.fp_col  # 1-based "now" column is fp_col + 1 -> index fp_col
    rows = range(TEMUAN.first_row - 1, TEMUAN.first_row - 1 + 10)
    assert all(isinstance(lo[r][col], float) and lo[r][col] > 0 for r in rows)
    assert [round(lo[r][col], 2) for r in rows] == [round(mine[r][col], 2) for r in rows]
    assert lo[TEMUAN.stamp_row - 1][3] == FRESH


def test_input_edit_after_the_check_shows_stale_in_libreoffice(recalculated):
    _, _, edited = recalculated
    assert _temuan(edited)[TEMUAN.stamp_row - 1][3] == STALE
