"""`xlplugin demo` end to end on a fresh folder, each output opened by another reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xlplugin.layout import load_layout
from xlplugin.sample import EXPECTED_BREACHES

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

CHAPTERS = ("I. PENDAHULUAN", "II. RENCANA DAN TARGET", "III. HASIL PELAKSANAAN",
            "IV. PERMASALAHAN", "V. KESIMPULAN")


def xlplugin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xlplugin", *args], check=False,
                          capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    run = xlplugin("demo", "--out", str(out))
    return out, run


def _one(out: Path, pattern: str) -> Path:
    (found,) = out.glob(pattern)
    return found


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(ln.split()[-1] for ln in info.stdout.splitlines()
                    if ln.startswith("Pages:")))


def test_demo_succeeds_and_summarises_in_indonesian(demo):
    _out, run = demo
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Temuan pemeriksaan (buku kerja)" in run.stdout
    assert "Anggaran per menu" in run.stdout and "Berkas yang ditulis" in run.stdout
    assert "BELUM LENGKAP" not in run.stdout


def test_demo_writes_every_promised_file(demo):
    out, _run = demo
    for pattern in ("*.xlsm", "Lampiran_Semester1_*.xlsx", "Laporan_Semester1_*.docx",
                    "Lampiran_Semester1_*.pdf", "Laporan_Semester1_*.pdf"):
        assert _one(out, pattern).stat().st_size > 0, pattern


def test_demo_files_open_in_libreoffice(demo, tmp_path):
    from xlplugin.reports.pdf import convert

    out, _run = demo
    files = [_one(out, "*.xlsm"), _one(out, "Lampiran_*.xlsx"), _one(out, "Laporan_*.docx")]
    pdfs = convert(files, tmp_path)
    assert all(_pages(p) >= 1 for p in pdfs)


def test_report_pdf_has_the_chapters_of_iv_b(demo):
    out, _run = demo
    laporan = _one(out, "Laporan_Semester1_*.pdf")
    text = _pdf_text(laporan)
    assert _pages(laporan) >= 3
    for chapter in CHAPTERS:
        assert chapter in text, chapter
    assert "Kabupaten Sukamaju" in text


def test_lampiran_pdf_has_the_five_lampiran(demo):
    out, _run = demo
    lampiran = _one(out, "Lampiran_Semester1_*.pdf")
    text = _pdf_text(lampiran)
    assert _pages(lampiran) >= 5
    for i in range(1, 6):
        assert f"Lampiran {i}" in text


def test_workbook_findings_are_exactly_the_deliberate_breaches(demo):
    out, _run = demo
    run = xlplugin("validate", "--json", "--no-write", str(_one(out, "*.xlsm")))
    assert run.returncode == 1  # the sample keeps open blocking findings on purpose
    found = {(f["rule"], f["sheet"], f["cell"], f["severity"]) for f in json.loads(run.stdout)}
    assert {tuple(e) for e in EXPECTED_BREACHES} <= found
    expected_rules = {e.rule for e in EXPECTED_BREACHES}
    others = {f for f in found if f[3] == "PELANGGARAN" and f[0] not in expected_rules}
    assert not others


def test_temuan_sheet_lists_each_breach_and_colours_its_cell(demo):
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    from xlplugin.domain.colours import LEVEL_COLOURS

    out, _run = demo
    path = _one(out, "*.xlsm")
    temuan = load_layout().outputs["Temuan"].sheet
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(temuan).to_python()
    listed = {(r[2], r[4], r[5]) for r in rows if len(r) > 5}
    wb = load_workbook(path)
    for e in EXPECTED_BREACHES:
        assert (e.rule, e.sheet, e.cell) in listed, e
        fill = wb[e.sheet][e.cell].fill.fgColor.rgb
        assert fill[-6:].upper() == LEVEL_COLOURS[e.level], (e, fill)


def test_demo_writes_the_photos_its_dokumentasi_rows_name_beside_the_workbook(demo):
    from xlplugin.adapters.file import load_dokumen
    from xlplugin.sample import sample_dokumen

    out, _run = demo
    workbook = _one(out, "*.xlsm")
    doc, _problems = load_dokumen(workbook)
    sample = sample_dokumen()
    assert doc.narasi == sample.narasi and doc.dokumentasi == sample.dokumentasi
    for foto in doc.dokumentasi:
        assert (workbook.parent / foto.berkas_foto).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
