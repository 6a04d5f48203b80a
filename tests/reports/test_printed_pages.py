"""Every printed page of the demo as a reviewer reads it: Indonesian number formats,
no cell cut off by its row, no word cut across two lines.

One LibreOffice run converts the three reports of the sample (annex workbook and
document each), its twelve KAK documents, the sample workbook with its own Lampiran
sheets filled for Semester I (as `xlplugin demo` leaves it), and a control sheet with
one row made too low on purpose (the check must find that one). `printed` reads the
PDFs word by word.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import Workbook
from printed import annex_problems, docx_cut_words, layout_text, us_formatted

from xlplugin.adapters.file import FileAdapter
from xlplugin.layout import load_layout
from xlplugin.reports.export import export_report
from xlplugin.reports.fill import fill_lampiran
from xlplugin.reports.kak import export_kak
from xlplugin.reports.lampiran import Col, LampiranTable, Row
from xlplugin.reports.pdf import convert, soffice
from xlplugin.reports.sheet import Kop, render_annex
from xlplugin.sample import sample_dokumen
from xlplugin.template.build import build_template

pytestmark = [
    pytest.mark.libreoffice, pytest.mark.slow,
    pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice/poppler tidak terpasang"),
]
JENIS = ("semester1", "semester2", "akhir")
ANNEXES = [load_layout().outputs[f"Lampiran{n}"].sheet for n in range(1, 6)]
LONG = "Pelatihan Manajemen Usaha dan Kewirausahaan IKM Olahan Pangan Tahap Kedua"


def _control(path: Path) -> tuple[Path, str]:
    """An annex sheet whose second row is forced one line high under a long text, and
    the address of that text."""
    table = LampiranTable(2, (Col("No", "no", 5), Col("Uraian", "text", 20)),
                          [Row((1, "pendek")), Row((2, LONG)), Row((3, "pendek"))])
    wb = Workbook()
    ws = wb.active
    ws.title = "Kontrol"
    place = render_annex(ws, table, Kop(["KONTROL"], []))
    ws.row_dimensions[place.first_row + 1].height = 13
    wb.save(path)
    return path, f"B{place.first_row + 1}"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("cetak")
    doc = sample_dokumen()
    reports = {j: export_report(doc, j, out / j, pdf=False) for j in JENIS}
    kak = export_kak(doc, out / "kak")
    control, clipped = _control(out / "kontrol.xlsx")
    filled = _filled(out)
    sources = [f for j in JENIS for f in reports[j]] + kak + [filled, control]
    pdfs = dict(zip(sources, convert(sources, out / "pdf")))
    return SimpleNamespace(reports=reports, kak=kak, pdfs=pdfs, control=control,
                           clipped=clipped, filled=filled)


def _filled(out: Path) -> Path:
    """The sample workbook with its Lampiran sheets filled for Semester I."""
    workbook = build_template(sample_dokumen(), out / "sampel.xlsm")
    with FileAdapter(workbook) as adapter:
        fill_lampiran(adapter, "semester1")
        adapter.save(out / "sampel_terisi.xlsm")
    return out / "sampel_terisi.xlsm"


def test_no_amount_or_percentage_prints_in_us_format_on_any_page(pages):
    text = {src.name: layout_text(pdf) for src, pdf in pages.pdfs.items()}
    assert {name: us_formatted(t) for name, t in text.items() if us_formatted(t)} == {}
    lampiran = text[pages.reports["semester1"][0].name]
    assert re.search(r"\b\d{1,3}\.\d{3}\.\d{3}\b", lampiran)  # 544.215.000
    assert re.search(r"\b\d+,\d{2}%", lampiran)  # 98,52%


@pytest.mark.parametrize("jenis", JENIS)
def test_no_annex_cell_is_cut_off_or_split_mid_word_when_printed(pages, jenis):
    xlsx = pages.reports[jenis][0]
    problems, checked = annex_problems(xlsx, pages.pdfs[xlsx], ANNEXES)
    assert checked > 500
    assert [str(p) for p in problems] == []


def test_no_cell_of_the_workbooks_own_filled_lampiran_sheets_is_cut_off(pages):
    problems, checked = annex_problems(pages.filled, pages.pdfs[pages.filled], ANNEXES)
    assert checked > 500
    assert [str(p) for p in problems] == []


def test_the_print_check_finds_a_row_too_low_for_its_text(pages):
    problems, checked = annex_problems(pages.control, pages.pdfs[pages.control],
                                       ["Kontrol"])
    assert checked == 2 + 2 + 6  # header, column numbers, three rows of two cells
    assert [(p.cell, p.text) for p in problems] == [(pages.clipped, LONG)]


def test_no_word_of_a_report_or_kak_table_is_split_across_two_lines(pages):
    documents = [f for j in JENIS for f in pages.reports[j] if f.suffix == ".docx"]
    cut = {d.name: docx_cut_words(d, pages.pdfs[d]) for d in documents + pages.kak}
    assert {name: words for name, words in cut.items() if words} == {}
