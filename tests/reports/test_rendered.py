"""The shipped sample rendered by LibreOffice: totals against native formulas, printed pages.

Two soffice runs for the whole module: one converts the annex workbook, the report
and a KAK to PDF; one recalculates the sample workbook (cached values stripped, so
LibreOffice must compute every formula itself). Pages are turned into PNGs under
build/test-artifacts/reports/ to be looked at.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from cached_values import strip_cached_values
from openpyxl import load_workbook

from xlplugin.engine.totals import compute_totals
from xlplugin.layout import load_layout
from xlplugin.reports.export import export_report
from xlplugin.reports.kak import export_kak
from xlplugin.reports.lampiran import COLUMNS_BY_NOMOR
from xlplugin.reports.pdf import convert, soffice
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen
from xlplugin.template.build import build_template

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice/poppler tidak terpasang"),
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "reports"
LAYOUT, PACK = load_layout(), load_pack()


def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    return [_run("pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-")
            for i in range(1, count + 1)]


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def rendered():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    doc = sample_dokumen()
    workbook = build_template(doc, ARTIFACTS / "sample.xlsm")
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    files = export_report(workbook, "semester1", ARTIFACTS / "laporan", pdf=False)
    kak = export_kak(workbook, ARTIFACTS / "kak")
    after = hashlib.sha256(workbook.read_bytes()).hexdigest()
    xlsx = next(f for f in files if f.suffix == ".xlsx")
    docx = next(f for f in files if f.suffix == ".docx")
    pdfs = convert([xlsx, docx, kak[0]], ARTIFACTS / "pdf")
    stripped = ARTIFACTS / "sample_tanpa_cache.xlsx"
    strip_cached_values(workbook, stripped)
    (recalc,) = convert([stripped], ARTIFACTS / "recalc", "xlsx", recalc=True)
    (ARTIFACTS / "png").mkdir()
    for pdf in pdfs:  # every page as a PNG, to be looked at
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf),
                        str(ARTIFACTS / "png" / pdf.stem)], check=True)
    return SimpleNamespace(doc=doc, xlsx=xlsx, docx=docx, kak=kak, lampiran_pdf=pdfs[0],
                           laporan_pdf=pdfs[1], kak_pdf=pdfs[2], recalc=recalc,
                           input_unchanged=before == after)


def _column_values(ws, table_key: str, *keys: str) -> list[tuple]:
    table = LAYOUT.tables[table_key]
    cols = [table.column(k).index for k in keys]
    out = []
    for row in ws.iter_rows(min_row=table.first_row, max_row=table.last_row, values_only=True):
        values = tuple(row[c - 1] for c in cols)
        if values[0] not in (None, ""):
            out.append(values)
    return out


def _lampiran1_kegiatan_rows(path: Path, kodes: set[str]) -> dict[str, tuple]:
    ws = load_workbook(path)[LAYOUT.outputs["Lampiran1"].sheet]
    return {row[1]: row for row in ws.iter_rows(values_only=True) if row[1] in kodes}


def test_lampiran1_totals_equal_engine_totals_and_native_rab_formulas(rendered):
    wb = load_workbook(rendered.recalc, data_only=True)
    native_rab: dict[str, int] = {}
    for kode, jumlah in _column_values(wb[LAYOUT.tables["RAB"].sheet], "RAB", "kode_kegiatan",
                                       "jumlah"):
        assert isinstance(jumlah, (int, float)), "LibreOffice tidak menghitung Jumlah RAB"
        native_rab[kode] = native_rab.get(kode, 0) + round(jumlah)
    native_kak = {k: (round(a), round(r)) for k, a, r in _column_values(
        wb[LAYOUT.tables["KAK"].sheet], "KAK", "kode_kegiatan", "anggaran", "realisasi_anggaran")}
    totals = compute_totals(rendered.doc, PACK)
    assert totals.total.realisasi == totals.total.realisasi_semester["1"]  # a Semester I sample
    rows = _lampiran1_kegiatan_rows(rendered.xlsx, set(native_kak))
    assert set(rows) == set(native_kak) == set(totals.kegiatan)
    for kode, row in rows.items():
        anggaran, realisasi = row[6], row[8]
        assert anggaran == native_rab[kode] == native_kak[kode][0] == totals.kegiatan[kode].rab
        assert realisasi == native_kak[kode][1] == totals.kegiatan[kode].realisasi
    ws = load_workbook(rendered.xlsx)[LAYOUT.outputs["Lampiran1"].sheet]
    (jumlah,) = [r for r in ws.iter_rows(values_only=True) if r[2] == "JUMLAH"]
    assert jumlah[6] == sum(native_rab.values()) == totals.total.rab


LAST_HEADER_WORD = {n: cols[-1].header.split()[0] for n, cols in COLUMNS_BY_NOMOR.items()}


def _annex_of(page: str) -> int | None:
    m = re.search(r"Lampiran (\d) - ", page)
    return int(m.group(1)) if m else None


def test_every_printed_annex_page_repeats_the_header_and_shows_the_last_column(rendered):
    pages = _pages(rendered.lampiran_pdf)
    annexes = [_annex_of(p) for p in pages]
    assert len(pages) >= 6 and len(list((ARTIFACTS / "png").glob(
        f"{rendered.lampiran_pdf.stem}*.png"))) == len(pages)
    numbered = [a for a in annexes if a]
    assert sorted(set(numbered)) == [1, 2, 3, 4, 5] and numbered == sorted(numbered)
    assert annexes.count(1) > 1 and annexes.count(2) > 1  # header repetition is exercised
    assert annexes[-1] is None and "Grafik Anggaran dan Realisasi" in pages[-1]
    for i, (page, nomor) in enumerate(zip(pages, annexes), start=1):
        if nomor is None:
            continue
        ncols = len(COLUMNS_BY_NOMOR[nomor])
        assert f"({ncols})" in page and "(1)" in page, f"halaman {i}: baris nomor kolom hilang"
        assert LAST_HEADER_WORD[nomor] in page, f"halaman {i}: kolom terakhir terpotong"


def test_annex_sheets_print_fit_to_width_on_landscape_a4(rendered):
    wb = load_workbook(rendered.xlsx)
    for n in range(1, 6):
        ws = wb[LAYOUT.outputs[f"Lampiran{n}"].sheet]
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    info = _run("pdfinfo", str(rendered.lampiran_pdf))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points


def test_report_and_kak_pdfs_are_rendered(rendered):
    pages = _pages(rendered.laporan_pdf)
    assert len(pages) >= 4
    assert "LAPORAN SEMESTER I" in pages[0] and "KABUPATEN SUKAMAJU" in pages[0]
    text = "\n".join(pages)
    for heading in ("I. PENDAHULUAN", "II. RENCANA DAN TARGET PELAKSANAAN", "V. KESIMPULAN"):
        assert heading in text
    kak = "\n".join(_pages(rendered.kak_pdf))
    assert "KERANGKA ACUAN KERJA" in kak and "Terbilang" in kak


def test_no_full_nik_leaves_in_the_printed_annexes(rendered):
    text = "\n".join(_pages(rendered.lampiran_pdf))
    niks = [p.nik for p in rendered.doc.peserta if isinstance(p.nik, str)]
    assert niks and not [n for n in niks if n in text]
    assert "********" in text


def test_exporting_does_not_change_the_input_workbook(rendered):
    assert rendered.input_unchanged
