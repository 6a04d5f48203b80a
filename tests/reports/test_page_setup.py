"""Page setup written into the exported files, read back with openpyxl, python-docx and the
raw XML, so Excel, Word and LibreOffice cut the same pages: A4, orientation, fit to
width and as many pages as needed, header rows repeated, "Halaman n dari m" footers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from factories import clean_dokumen
from openpyxl import Workbook, load_workbook

from xlplugin.layout import load_layout
from xlplugin.reports.export import export_report
from xlplugin.reports.kak import export_kak
from xlplugin.reports.model import build_report
from xlplugin.reports.pdf import convert, soffice
from xlplugin.reports.xlsx import CHART_SHEET, keuangan_table
from xlplugin.rulepack import load_pack
from xlplugin.template.sheets.lampiran import build_lampiran_sheet

PACK = load_pack()
LAYOUT = load_layout()
A4 = 9  # ST_PaperSize: A4 210 x 297 mm
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.7, "header": 0.3, "footer": 0.3}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("laporan")
    files = export_report(clean_dokumen(), "semester1", out, pdf=False)
    report = build_report(clean_dokumen(), "semester1", PACK)
    tables = {LAYOUT.outputs[t.key].sheet: t for t in report.lampiran}
    tables[CHART_SHEET] = keuangan_table(report)
    return files, tables


def _sheet_xml(xlsx, index: int) -> str:
    with zipfile.ZipFile(xlsx) as zf:
        return zf.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_every_lampiran_sheet_prints_a4_fit_to_width_with_repeated_headers(exported):
    (xlsx, _docx), tables = exported
    wb = load_workbook(xlsx)
    assert wb.sheetnames == list(tables)
    for index, ws in enumerate(wb.worksheets, start=1):
        table = tables[ws.title]
        ps = ws.page_setup
        assert (int(ps.paperSize), ps.orientation) == (
            A4, "landscape" if table.landscape else "portrait"), ws.title
        assert (int(ps.fitToWidth), int(ps.fitToHeight)) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # Excel reads a missing fitToHeight as 1 (one page tall): it must be written.
        assert 'fitToHeight="0"' in _sheet_xml(xlsx, index), ws.title
        assert {k: getattr(ws.page_margins, k) for k in MARGINS} == MARGINS, ws.title
        first, last = map(int, ws.print_title_rows.replace("$", "").split(":"))
        assert last == first + 1, ws.title  # the header row and its (1)..(n) row
        assert ws.cell(first, 1).value == table.columns[0].header, ws.title
        assert ws.cell(last, 1).value == "(1)", ws.title
        assert ws.print_area, ws.title
        assert ws.oddFooter.right.text == "Halaman &P dari &N", ws.title
        assert ws.oddFooter.left.text, ws.title


def test_template_lampiran_sheets_have_the_same_footer():
    wb = Workbook()
    for key in ("Lampiran1", "Lampiran2", "Lampiran3", "Lampiran4", "Lampiran5"):
        ws = wb.create_sheet(LAYOUT.outputs[key].sheet)
        build_lampiran_sheet(ws, key, LAYOUT, PACK)
        assert ws.oddFooter.right.text == "Halaman &P dari &N"
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)


def _assert_a4_with_page_footer(path) -> None:
    doc = Document(str(path))
    assert doc.sections
    for section in doc.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == \
            (21.0, 29.7)
        assert [round(m.cm, 2) for m in (section.left_margin, section.right_margin,
                                         section.top_margin, section.bottom_margin)] == \
            [2.5, 2.5, 2.0, 2.0]
        assert round(section.footer_distance.cm, 2) == 1.25
        footer = section.footer._element.xml
        assert re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", footer) == \
            ["PAGE", "NUMPAGES"]
        assert section.footer.paragraphs[0].text == "Halaman  dari "  # fields fill the gaps


def test_the_report_document_is_a4_with_margins_and_page_numbers(exported):
    (_xlsx, docx), _tables = exported
    _assert_a4_with_page_footer(docx)


def test_kak_documents_share_the_page_setup(tmp_path):
    kak = export_kak(clean_dokumen(), tmp_path)
    assert kak
    for path in kak:
        _assert_a4_with_page_footer(path)


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice/poppler tidak terpasang")
def test_libreoffice_numbers_the_pages_and_repeats_the_headers(tmp_path):
    """The sample's 120 participants take Lampiran 2 over several pages. The PDF of the
    whole workbook is numbered as one document, "Halaman k dari n" on every page (the
    sheets' first page number is left automatic; tests/excel holds Excel to the same),
    and each page of a sheet starts with its header rows again."""
    from xlplugin.sample.build import sample_dokumen

    xlsx = export_report(sample_dokumen(), "semester1", tmp_path, pdf=False)[0]
    (pdf,) = convert([xlsx], tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    numbers = [tuple(map(int, re.search(r"Halaman (\d+) dari (\d+)", p).groups()))
               for p in pages]
    assert numbers == [(k, len(pages)) for k in range(1, len(pages) + 1)]
    lampiran2 = [p for p in pages if "Lampiran 2 -" in p]
    assert len(lampiran2) > 1
    assert all(re.search(r"^\s*\(1\)\s+\(2\)\s+\(3\)", p, re.MULTILINE) for p in lampiran2)
