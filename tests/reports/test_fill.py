"""Filling the workbook's own Lampiran 1-5 sheets (`reports.fill.fill_lampiran`).

The shipped sample is built through the real template once per module; every test
fills a copy, through the file adapter (XML patch) or the live adapter over the
xlwings fake loaded from the same file. The filled rows are compared with the annex
workbook the export writes with openpyxl (an independent writer of the same tables).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fakes"))

from xlwings_fake import FakeBook

from xlplugin.adapters.file import FileAdapter
from xlplugin.adapters.live import LiveAdapter
from xlplugin.domain.money import format_number
from xlplugin.engine.totals import compute_totals
from xlplugin.layout import load_layout
from xlplugin.ooxml.errors import WorkbookReadError
from xlplugin.reports.fill import EXCEL_EPOCH, fill_lampiran
from xlplugin.reports.frame import AnnexFrame, template_frame
from xlplugin.reports.lampiran import COLUMNS_BY_NOMOR
from xlplugin.reports.model import build_report
from xlplugin.reports.sheet import MONEY
from xlplugin.reports.xlsx import write_lampiran_xlsx
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen
from xlplugin.template.build import build_template

LAYOUT, PACK = load_layout(), load_pack()
NOMOR = range(1, 6)
JENIS = "semester1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artifacts" / "fill"


def sheet_of(nomor: int) -> str:
    return LAYOUT.outputs[f"Lampiran{nomor}"].sheet


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build_template(sample_dokumen(), tmp_path_factory.mktemp("fill") / "sampel.xlsm")


@pytest.fixture(scope="module")
def filled(sample, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("filled") / "terisi.xlsm"
    _fill_file(sample, out)
    return out


def _fill_file(src: Path, out: Path, jenis: str = JENIS, **kw) -> None:
    with FileAdapter(src) as a:
        fill_lampiran(a, jenis, **kw)
        a.save(out)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheet_part(path: Path, sheet: str) -> str:
    with FileAdapter(path) as a:
        return a.package.sheets[sheet]


def _serial(value):
    """calamine reads a date-formatted number as a date; the live grid keeps the number."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return float((value - EXCEL_EPOCH).days)
    return value


def _rows(grid_rows: list[list], first: int, count: int, ncols: int) -> list[list]:
    out = []
    for r in range(first, first + count):
        line = list(grid_rows[r - 1]) if r <= len(grid_rows) else []
        line = (line + [None] * ncols)[:ncols]
        out.append([_serial(None if v == "" else v) for v in line])
    return out


def _file_rows(path: Path, nomor: int, count: int, first: int | None = None) -> list[list]:
    frame = template_frame(nomor)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet_of(nomor)).to_python(
        skip_empty_area=False)
    return _rows(grid, first or frame.first_row, count, frame.ncols)


def _tables(path: Path, mask: bool = True):
    from xlplugin.adapters.file import load_dokumen

    doc, _ = load_dokumen(path)
    return doc, build_report(doc, JENIS, PACK, mask_nik=mask, findings=[]).lampiran


# ---------------------------------------------------------------- same data, both adapters
def test_filled_rows_equal_the_exported_annex_workbook(sample, filled, tmp_path):
    doc, tables = _tables(sample)
    report = build_report(doc, JENIS, PACK, findings=[])
    exported = write_lampiran_xlsx(report, tmp_path / "lampiran.xlsx")
    for table in tables:
        count = len(table.rows)
        export_first = AnnexFrame(len(table.columns), 5).first_row
        assert count > 0, table.key
        assert _file_rows(filled, table.nomor, count) == \
            _file_rows(exported, table.nomor, count, export_first), table.key


def test_file_and_live_adapters_fill_the_same_rows(sample, filled):
    _, tables = _tables(sample)
    fake = FakeBook.from_file(sample)
    fill_lampiran(LiveAdapter(fake), JENIS)
    live = LiveAdapter(fake)
    for table in tables:
        frame = template_frame(table.nomor)
        end = len(table.rows) + 12  # the rows, the notes and the signature block
        live_rows = _rows(live.grid(sheet_of(table.nomor)).rows, frame.first_row, end,
                          frame.ncols)
        assert live_rows == _file_rows(filled, table.nomor, end), table.key


def test_live_fill_pastes_the_frame_formats_before_the_values(sample):
    fake = FakeBook.from_file(sample)
    fill_lampiran(LiveAdapter(fake), JENIS)
    frame = template_frame(1)
    sheet = fake.sheets[sheet_of(1)]
    anggaran = next(i for i, c in enumerate(COLUMNS_BY_NOMOR[1], 1) if c.header.startswith(
        "Anggaran"))
    assert sheet.range((frame.first_row, anggaran)).number_format == MONEY
    assert sheet.cells[(frame.first_row, 1)].bold  # a menu row, bold as in the export
    nib = next(i for i, c in enumerate(COLUMNS_BY_NOMOR[2], 1) if c.header.startswith("NIB"))
    cell = fake.sheets[sheet_of(2)].range((template_frame(2).first_row, nib))
    assert cell.number_format == "@"
    assert isinstance(cell.value, str) and cell.value.isdigit()  # text, leading zeros kept


def test_file_fill_keeps_money_exact_and_cells_formatted(filled):
    import openpyxl

    ws = openpyxl.load_workbook(filled)[sheet_of(1)]
    frame = template_frame(1)
    cell = ws.cell(frame.first_row, 7)
    assert isinstance(cell.value, int) and cell.number_format == MONEY
    assert cell.font.b and cell.border.left.style == "thin"
    assert all(ws.row_dimensions[frame.style_row(k)].hidden for k in ("data", "total"))


def test_like_blocks_make_one_paste_per_run_of_rows_with_the_same_format():
    from xlplugin.adapters.base import CellSpec, like, like_blocks

    cells = [CellSpec(r, c, None, role=like(src)) for r, src in ((10, 1), (11, 1), (12, 2),
                                                                   (13, 1)) for c in (1, 2, 3)]
    cells.append(CellSpec(14, 5, "x"))  # an ordinary role is not pasted
    assert like_blocks(cells) == [(1, 10, 11, 1, 3), (2, 12, 12, 1, 3), (1, 13, 13, 1, 3)]


# ---------------------------------------------------------------- totals
def test_lampiran1_totals_row_equals_engine_totals(sample, filled):
    doc, tables = _tables(sample)
    totals = compute_totals(doc, PACK)
    count = len(tables[0].rows)
    rows = _file_rows(filled, 1, count)
    (jumlah,) = [r for r in rows if r[2] == "JUMLAH"]
    assert jumlah is rows[-1]
    assert jumlah[6] == sum(totals.menu[m].rab for m in PACK.menu) > 0
    assert jumlah[8] == sum(totals.menu[m].realisasi_semester.get("1", 0) for m in PACK.menu)
    menus = {r[0]: r[6] for r in rows if r[0] in PACK.menu}
    assert menus and all(menus[m] == totals.menu[m].rab for m in menus)


# ---------------------------------------------------------------- nothing else changes
def test_only_lampiran_sheets_change_and_vba_is_byte_identical(sample, filled):
    before, after = _parts(sample), _parts(filled)
    lampiran = {_sheet_part(sample, sheet_of(n)) for n in NOMOR}
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed == lampiran
    assert set(after) == set(before) - {"xl/calcChain.xml"}
    assert "xl/vbaProject.bin" in before
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]


def test_input_sheets_read_the_same_after_filling(sample, filled):
    from xlplugin.adapters.file import load_dokumen

    assert load_dokumen(filled)[0] == load_dokumen(sample)[0]


def test_filling_twice_or_after_another_report_gives_the_same_sheets(sample, filled, tmp_path):
    again, other = tmp_path / "lagi.xlsm", tmp_path / "akhir.xlsm"
    back = tmp_path / "kembali.xlsm"
    _fill_file(filled, again)
    _fill_file(sample, other, "akhir")
    _fill_file(other, back)
    first, second, third = _parts(filled), _parts(again), _parts(back)
    for n in NOMOR:
        part = _sheet_part(sample, sheet_of(n))
        assert second[part] == first[part], sheet_of(n)
        assert third[part] == first[part], sheet_of(n)
    lampiran5 = _sheet_part(sample, sheet_of(5))
    assert _parts(other)[lampiran5] != first[lampiran5]  # the akhir fill did differ


def test_live_fill_twice_gives_the_same_cells(sample):
    fake = FakeBook.from_file(sample)
    fill_lampiran(LiveAdapter(fake), "akhir")
    fill_lampiran(LiveAdapter(fake), JENIS)
    once = FakeBook.from_file(sample)
    fill_lampiran(LiveAdapter(once), JENIS)
    for n in NOMOR:
        a, b = fake.sheets[sheet_of(n)], once.sheets[sheet_of(n)]
        def shown(sheet):
            return {k: (c.value, c.formula, c.color, c.number_format, c.bold)
                    for k, c in sheet.cells.items()
                    if c.value is not None or c.number_format != "General" or c.color}
        assert shown(a) == shown(b), sheet_of(n)


# ---------------------------------------------------------------- privacy and injection
def test_nik_is_masked_by_default_and_full_on_request(sample, filled, tmp_path):
    doc, _ = _tables(sample)
    niks = {p.nik for p in doc.peserta if isinstance(p.nik, str)}
    col = [c.header for c in COLUMNS_BY_NOMOR[2]].index("NIK")
    count = len(_tables(sample)[1][1].rows)
    masked = {r[col] for r in _file_rows(filled, 2, count)}
    assert masked and not masked & niks and all("********" in m for m in masked)
    full = tmp_path / "lengkap.xlsm"
    _fill_file(sample, full, mask_nik=False)
    assert {r[col] for r in _file_rows(full, 2, count)} <= niks


HOSTILE = {"nama": '=HYPERLINK("http://contoh","klik")', "nama_ikm": "@SUM(1+1)",
           "jenis_kelamin": "+62 812"}


@pytest.fixture(scope="module")
def hostile(sample, tmp_path_factory) -> Path:
    """The sample with formula-like text typed into the first participant's row (as text:
    a user typing '=... in Excel, or a file from elsewhere)."""
    import openpyxl

    from xlplugin.reports.sheet import write_value

    wb = openpyxl.load_workbook(sample, keep_vba=True)
    table = LAYOUT.tables["Peserta"]
    ws = wb[table.sheet]
    for key, text in HOSTILE.items():
        write_value(ws.cell(table.first_row, table.column(key).index), text)
    out = tmp_path_factory.mktemp("hostile") / "jahil.xlsm"
    wb.save(out)
    return out


def test_formula_like_text_is_written_as_text(hostile, tmp_path):
    out = tmp_path / "terisi.xlsm"
    _fill_file(hostile, out)
    xml = _parts(out)[_sheet_part(hostile, sheet_of(2))].decode()
    texts = set(HOSTILE.values())
    cells = re.findall(r'<c r="[A-Z]+(\d+)"[^>]*(?<!/)>(.*?)</c>', xml)
    first = template_frame(2).first_row
    assert cells and not [r for r, body in cells if int(r) >= first and "<f" in body]
    count = len(_tables(hostile)[1][1].rows)
    values = {v for r in _file_rows(out, 2, count) for v in r}
    assert texts <= values
    fake = FakeBook.from_file(hostile)
    fill_lampiran(LiveAdapter(fake), JENIS)
    cells = [c for c in fake.sheets[sheet_of(2)].cells.values() if c.value in texts]
    assert len(cells) == len(texts) and all(c.formula is None for c in cells)


# ---------------------------------------------------------------- clear refusals
def test_missing_lampiran_sheet_is_a_clear_error_and_nothing_is_written(sample):
    fake = FakeBook.from_file(sample)
    before = {k: c.value for k, c in fake.sheets[sheet_of(1)].cells.items()}
    fake._sheets = [s for s in fake._sheets if s.name != sheet_of(3)]
    with pytest.raises(WorkbookReadError, match="Sheet 'Lampiran 3' tidak ada"):
        fill_lampiran(LiveAdapter(fake), JENIS)
    assert {k: c.value for k, c in fake.sheets[sheet_of(1)].cells.items()} == before


def test_reshaped_lampiran_sheet_is_refused(sample):
    fake = FakeBook.from_file(sample)
    frame = template_frame(4)
    fake.sheets[sheet_of(4)].range((frame.header_row + 1, 1)).value = "Nomor"
    with pytest.raises(WorkbookReadError, match="bingkai lampiran"):
        fill_lampiran(LiveAdapter(fake), JENIS)


# ---------------------------------------------------------------- command line
def test_report_isi_lampiran_writes_a_filled_copy_and_never_the_input(sample, filled, tmp_path,
                                                                      capsys):
    import hashlib

    from xlplugin.cli.main import main

    src = tmp_path / "rab.xlsm"
    shutil.copy2(sample, src)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    code = main(["report", str(src), "--jenis", JENIS, "--isi-lampiran", "--tanpa-pdf",
                 "-o", str(tmp_path / "laporan")])
    assert code == 0, capsys.readouterr()
    copy = tmp_path / f"rab.lampiran-{JENIS}.xlsm"
    assert f"Salinan dengan Lampiran 1-5 terisi: {copy}" in capsys.readouterr().out
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest
    part = _sheet_part(sample, sheet_of(2))
    assert _parts(copy)[part] == _parts(filled)[part]
    assert main(["report", str(src), "--jenis", JENIS, "--isi-lampiran", "--tanpa-pdf",
                 "--salinan", str(src), "-o", str(tmp_path / "laporan")]) == 2
    assert "tidak boleh menimpa berkas masukan" in capsys.readouterr().err
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest


# ---------------------------------------------------------------- printed
@pytest.mark.libreoffice
def test_filled_lampiran1_prints_with_header_totals_and_signature(filled):
    """The filled workbook itself to PDF; Lampiran 1's pages (found by their footer) as
    PNGs under build/test-artifacts/fill, to be looked at."""
    from xlplugin.reports.pdf import convert, soffice

    if soffice() is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice/poppler tidak terpasang")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    (pdf,) = convert([filled], ARTIFACTS)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    numbered = list(enumerate(text.split("\f"), start=1))
    pages = [(i, p) for i, p in numbered if "Lampiran 1 - Realisasi Anggaran" in p]
    assert len(pages) >= 2 and [i for i, _ in pages] == list(range(pages[0][0],
                                                                   pages[-1][0] + 1))
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(pages[0][0]), "-l",
                    str(pages[-1][0]), str(pdf), str(ARTIFACTS / "lampiran1")], check=True)
    assert len(list(ARTIFACTS.glob("lampiran1*.png"))) == len(pages)
    for _, page in pages:
        assert "(1)" in page and "(11)" in page  # header rows repeated, last column shown
    last = pages[-1][1]
    total = sum(compute_totals(sample_dokumen(), PACK).menu[m].rab for m in PACK.menu)
    assert re.search(rf"JUMLAH\s+{re.escape(format_number(total))}", last)  # 1.234.567
    assert "NIP" in last and "Isi lampiran: Laporan Semester I" in last
