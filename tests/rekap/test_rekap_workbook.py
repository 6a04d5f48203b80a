"""The rekap workbook as a reviewer opens it: sheets, filters, frozen headers, formats, charts."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from openpyxl import load_workbook
from rekap_helpers import table

from xlplugin.domain.finding import Finding, Severity
from xlplugin.rekap.model import Rekap
from xlplugin.rekap.progress import ProgressBar
from xlplugin.rekap.summary import RingkasanFile
from xlplugin.rekap.table import PERSEN, TITLE_ROWS
from xlplugin.rekap.tenggat import BELUM, TEPAT, deadline_fields, status
from xlplugin.rekap.workbook import (
    SHEET_DUPLIKAT,
    SHEET_MASALAH,
    SHEET_MENU,
    SHEET_PROVINSI,
    SHEET_RINGKASAN,
    SHEET_TEMUAN,
    SHEET_VERSI,
    build_workbook,
    menu_sheet_name,
    write_rekap,
)
from xlplugin.rulepack import load_pack
from xlplugin.template.styles import RUPIAH

PACK = load_pack()
HEADER_ROW = TITLE_ROWS + 1


def test_every_sheet_has_a_filter_and_a_frozen_header(rekap_xlsx):
    wb = load_workbook(rekap_xlsx)
    names = [SHEET_RINGKASAN, SHEET_PROVINSI, SHEET_MENU, *map(menu_sheet_name, PACK.menu),
             SHEET_TEMUAN, SHEET_DUPLIKAT, SHEET_MASALAH, SHEET_VERSI]
    assert wb.sheetnames == names
    for name in names:
        ws = wb[name]
        assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:"), name
        assert ws.freeze_panes.endswith(str(HEADER_ROW + 1)), name


def test_money_is_exact_rupiah_and_shares_are_percent(rekap_xlsx):
    ws = load_workbook(rekap_xlsx)[SHEET_RINGKASAN]
    header = {c.value: c.column for c in ws[HEADER_ROW]}
    pagu = ws.cell(HEADER_ROW + 1, header["Pagu (Rp)"])
    share = ws.cell(HEADER_ROW + 1, header["% Realisasi terhadap RAB"])
    assert isinstance(pagu.value, int) and pagu.number_format == RUPIAH
    assert 0 < share.value <= 1 and share.number_format == PERSEN
    assert isinstance(ws.cell(HEADER_ROW + 1, header[_deadline_header(header)]).value,
                      date | type(None))


def _deadline_header(header: dict) -> str:
    return next(h for h in header if isinstance(h, str) and h.startswith("Tanggal penyampaian"))


def test_native_bar_charts_per_province_and_per_menu(rekap_xlsx):
    with zipfile.ZipFile(rekap_xlsx) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == 2
    assert all(re.search(r"<(\w+:)?barChart>", x) for x in xml)
    assert any(f"'{SHEET_PROVINSI}'!" in x for x in xml)
    assert any(f"'{SHEET_MENU}'!" in x for x in xml)


def _hostile_rekap() -> Rekap:
    finding = Finding("PAGU", Severity.PELANGGARAN, "RAB", 6, "I6", "+62 811 @ =SUM(A1)", "-")
    f = RingkasanFile("=HYPERLINK(\"http://x\").xlsm", provinsi="@Provinsi",
                      kab_kota="=1+1", pagu=10, total_rab=5, temuan=[finding])
    bad = RingkasanFile("-rusak.xlsm", galat="=cmd|' /C calc'!A0")
    return Rekap(PACK, "-folder", [f, bad], [])


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    target = tmp_path / "rekap.xlsx"
    write_rekap(_hostile_rekap(), target)
    with zipfile.ZipFile(target) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    wb = load_workbook(target)
    values = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    assert {"=1+1", "@Provinsi", "+62 811 @ =SUM(A1)", "=cmd|' /C calc'!A0"} <= values


def test_same_rekap_gives_the_same_bytes(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_rekap(_hostile_rekap(), a)
    write_rekap(_hostile_rekap(), b)
    assert a.read_bytes() == b.read_bytes()


def test_an_older_rekap_is_kept_as_backup(tmp_path):
    target = tmp_path / "rekap.xlsx"
    target.write_bytes(b"rekap lama")
    backup = write_rekap(_hostile_rekap(), target)
    assert backup is not None and backup.read_bytes() == b"rekap lama"
    assert zipfile.is_zipfile(target)


def test_build_without_readable_files_still_has_every_sheet():
    wb = build_workbook(Rekap(PACK, "x", [RingkasanFile("a.xlsm", galat="rusak")], []))
    assert SHEET_MASALAH in wb.sheetnames
    buffer = io.BytesIO()
    wb.save(buffer)


def test_progress_bar_in_a_log_writes_one_line_per_tenth():
    out = io.StringIO()
    bar = ProgressBar(20, stream=out)
    for _ in range(20):
        bar.advance()
    lines = out.getvalue().splitlines()
    assert len(lines) == 11  # 0/10 .. 10/10 tenths
    assert lines[-1].startswith("Membaca berkas: [") and "20/20 (100%)" in lines[-1]


def test_report_dates_are_judged_against_the_pack_deadlines():
    by_key = {d.key: d for d in deadline_fields(PACK)}
    semester1 = by_key["tanggal_laporan_semester1"]
    assert semester1.rule == "DL-SEMESTER" and semester1.batas == date(2023, 7, 14)
    assert status(date(2023, 7, 14), semester1.batas) == TEPAT
    assert status(date(2023, 7, 20), semester1.batas) == "Terlambat 6 hari"
    assert status(None, semester1.batas) == BELUM
    assert set(by_key) >= {"tanggal_rencana", "tanggal_laporan_akhir"}


def test_ringkasan_shows_each_deadline_with_its_status(rekap_xlsx):
    rows = table(rekap_xlsx, SHEET_RINGKASAN)
    for d in deadline_fields(PACK):
        header = f"Status (batas {d.batas:%d-%m-%Y})"
        assert all(r[header] in (TEPAT, BELUM) or r[header].startswith("Terlambat")
                   for r in rows), header
