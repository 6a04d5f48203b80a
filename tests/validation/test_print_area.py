"""Printing follows the data: Validasi sets each input sheet's print area to its filled rows.

A template built empty prints 20 rows of each table; a Dinas that fills 151 RAB lines
and prints would get 20 of them without a warning. These tests start from the sample
workbook with its print areas cut back to the empty template's, as a user's copy has.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlplugin.adapters.file import FileAdapter
from xlplugin.layout import load_layout
from xlplugin.validation import validate_workbook, write_findings

LAYOUT = load_layout()
RAB = LAYOUT.tables["RAB"]
AREA = re.compile(rb"(<definedName[^>]*_xlnm\.Print_Area[^>]*>[^<]*!\$A\$1:\$[A-Z]+\$)(\d+)<")


def _as_empty_template(src: Path, out: Path) -> Path:
    """`src` with every print area ending at header + 20 rows, as the empty template's."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                data = AREA.sub(lambda m: m[1] + b"25<", data)
            zout.writestr(info, data)
    return out


def _validated(src: Path, out: Path) -> Path:
    with FileAdapter(src) as a:
        write_findings(a, validate_workbook(a))
        a.save(out)
    return out


def _print_area(path: Path, sheet: str) -> str:
    return openpyxl.load_workbook(path, keep_vba=True)[sheet].print_area


def _last_row(doc, key: str) -> int:
    from xlplugin.domain.records import TABLE_ATTR

    return max(r.row for r in getattr(doc, TABLE_ATTR[key]))


def test_file_validasi_extends_every_print_area_to_the_last_filled_row(book, tmp_path):
    from xlplugin.sample import sample_dokumen

    short = _as_empty_template(book, tmp_path / "pendek.xlsm")
    assert _print_area(short, RAB.sheet).endswith("$25")
    out = _validated(short, tmp_path / "hasil.xlsm")
    doc = sample_dokumen()
    for key, table in LAYOUT.tables.items():
        rows = [r for r in getattr(doc, _attr(key))]
        last = max(_last_row(doc, key) if rows else 0, table.header_row + 20)
        width = len(table.columns) + (1 if table.status else 0)
        expected = f"'{table.sheet}'!{table.print_area(last, width)}"
        assert _print_area(out, table.sheet) == expected, key


def test_print_areas_already_right_leave_workbook_xml_byte_identical(book, tmp_path):
    out = _validated(book, tmp_path / "hasil.xlsm")
    with zipfile.ZipFile(book) as a, zipfile.ZipFile(out) as b:
        assert a.read("xl/workbook.xml") == b.read("xl/workbook.xml")


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_prints_the_last_rab_line_on_the_rab_pages(book, tmp_path):
    """Converted to PDF by LibreOffice, the validated copy has the sample's last RAB line
    on a RAB page; the copy with the empty template's print area does not."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "template"))
    from tpl_lo import convert, make_profile, soffice

    from xlplugin.sample import sample_dokumen

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    last = sample_dokumen().rab[-1]
    short = _as_empty_template(book, tmp_path / "pendek.xlsm")
    out = _validated(short, tmp_path / "hasil.xlsm")
    result = convert([short, out], "pdf", tmp_path / "pdf", make_profile(tmp_path / "lo"))
    assert result.returncode == 0, result.stderr

    def rab_pages(pdf: Path) -> list[str]:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        # every RAB page repeats the header row (print titles): its own column names
        return [p for p in text.split("\f") if "Kategori Belanja" in p and "Uraian Biaya" in p]

    printed = rab_pages(tmp_path / "pdf" / "hasil.pdf")
    assert printed and any(last.kode_baris in p and last.uraian[:30] in p for p in printed)
    cut = rab_pages(tmp_path / "pdf" / "pendek.pdf")
    assert cut and not any(last.kode_baris in p for p in cut)


def _attr(key: str) -> str:
    from xlplugin.domain.records import TABLE_ATTR

    return TABLE_ATTR[key]
