"""The ribbon's Python entry points, called as RunPython calls them, with the calling
workbook and the adapters they delegate to replaced by recorders."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from xlplugin.domain.finding import Finding, Severity
from xlplugin.excel import ribbon


class Book:
    def __init__(self, fullname: str):
        self.fullname, self.name = fullname, Path(fullname).name
        self.alerts: list[tuple[str, str]] = []
        self.app = types.SimpleNamespace(alert=self._alert, interactive=True, status_bar=False)

    def _alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append((mode, prompt))
        return "ok"


@pytest.fixture
def calls(monkeypatch, tmp_path):
    """Stand-ins for the adapter, validation and report modules; returns the call log."""
    log: list[tuple] = []
    fakes = {
        "xlplugin.adapters.live": {"LiveAdapter": lambda book: ("adapter", book.name)},
        "xlplugin.validation": {
            "validate_workbook": lambda a: log.append(("validate", a)) or FINDINGS,
            "write_findings": lambda a, f: log.append(("write", a, len(f))),
            "clear_highlights": lambda a: log.append(("clear", a)),
        },
        "xlplugin.reports.export": {
            "export_report": lambda a, jenis, out: log.append(("report", jenis, out))
            or out / f"Laporan_{jenis}.docx"},
        "xlplugin.reports.fill": {
            "fill_lampiran": lambda a, jenis: log.append(("fill", a, jenis))},
        "xlplugin.reports.kak": {
            "export_kak": lambda a, out: log.append(("kak", out)) or [out / "KAK.docx"]},
    }
    for name, attrs in fakes.items():
        monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(**attrs))
    monkeypatch.setattr(ribbon, "LOG_FILE", tmp_path / "pita.log")
    return log


@pytest.fixture
def book(monkeypatch, tmp_path):
    caller = Book(str(tmp_path / "RAB_KAK.xlsm"))
    monkeypatch.setattr(ribbon.xw.Book, "caller", staticmethod(lambda: caller))
    return caller


FINDINGS = [
    Finding("RAB-HITUNG", Severity.PELANGGARAN, "RAB", 6, "I6", "Jumlah salah.", "-"),
    Finding("SSH-TANPA-ACUAN", Severity.PERINGATAN, "RAB", 7, "E7", "Tanpa acuan.", "-"),
]


def test_validasi_writes_findings_and_summarises_them(calls, book):
    ribbon.validasi()
    adapter = ("adapter", "RAB_KAK.xlsm")
    assert calls == [("validate", adapter), ("write", adapter, 2)]
    assert book.alerts == [("info", ("Validasi selesai: 2 temuan, 1 perlu ditindaklanjuti. "
                                    "Rinciannya ada di sheet Temuan."))]


def test_bersihkan_sorotan_clears_through_the_adapter(calls, book):
    ribbon.bersihkan_sorotan()
    assert calls == [("clear", ("adapter", "RAB_KAK.xlsm"))]


@pytest.mark.parametrize("jenis", ["semester1", "semester2", "akhir"])
def test_ekspor_laporan_writes_beside_the_workbook(calls, book, jenis, tmp_path):
    ribbon.ekspor_laporan(jenis)
    adapter = ("adapter", "RAB_KAK.xlsm")
    assert calls == [("fill", adapter, jenis), ("report", jenis, tmp_path)]
    assert book.alerts[0][1].startswith("Sheet Lampiran 1-5 buku kerja ini diisi")
    assert book.alerts[0][1].endswith(str(tmp_path / f"Laporan_{jenis}.docx"))


def test_cetak_kak_exports_beside_the_workbook_and_lists_one_file_a_line(calls, book, tmp_path):
    ribbon.cetak_kak()
    assert calls == [("kak", tmp_path)]
    assert book.alerts[0][1] == f"Dokumen KAK tersimpan:\n{tmp_path / 'KAK.docx'}"


def test_unknown_report_kind_is_refused_in_indonesian(calls, book):
    ribbon.ekspor_laporan("triwulan")
    assert calls == []
    assert book.alerts == [("critical", ("Ekspor laporan gagal: jenis laporan 'triwulan' "
                                        "tidak dikenal"))]


def test_a_bug_shows_a_message_and_logs_the_traceback(calls, book, monkeypatch):
    def broken(adapter):
        raise KeyError("kolom")

    monkeypatch.setattr(sys.modules["xlplugin.validation"], "validate_workbook", broken)
    ribbon.validasi()  # does not raise: RunPython would show a traceback popup
    mode, text = book.alerts[0]
    assert mode == "critical"
    assert text.startswith("Validasi gagal: kesalahan tak terduga (KeyError)")
    assert "Traceback" in ribbon.LOG_FILE.read_text(encoding="utf-8")


def test_file_held_open_elsewhere_is_named_in_the_message(calls, book, monkeypatch):
    def locked(adapter, jenis, out):
        raise PermissionError(13, "Permission denied", str(out / "Laporan.docx"))

    monkeypatch.setattr(sys.modules["xlplugin.reports.export"], "export_report", locked)
    ribbon.ekspor_laporan("akhir")
    assert "sedang dibuka program lain" in book.alerts[0][1]


def test_unsaved_workbook_exports_to_documents():
    assert ribbon.folder_keluaran(Book("Buku1")) == Path.home() / "Documents"


def test_bantuan_names_the_versions(book):
    ribbon.bantuan()
    text = book.alerts[0][1]
    assert "Buku kerja: RAB_KAK.xlsm" in text and f"xlwings: {ribbon.xw.__version__}" in text


def test_under_automation_the_message_goes_to_the_status_bar(calls, book):
    book.app.interactive = False  # tests/excel drive Excel with Interactive = False
    ribbon.bersihkan_sorotan()
    assert book.alerts == []
    assert book.app.status_bar == "DAK Nonfisik: Sorotan temuan telah dibersihkan."


# ---------------------------------------------------------------- Tambah Baris
RIBBON_BAS = Path(__file__).parents[2] / "workbook_templates" / "vba" / "xlp_Ribbon.bas"
RIBBON_XML = Path(__file__).parents[2] / "workbook_templates" / "ribbon" / "customUI14.xml"


def _tambah_baris_sub() -> str:
    import re

    found = re.search(r"^Public Sub xlp_TambahBaris\(control As IRibbonControl\)\n(.*?)^End Sub",
                      RIBBON_BAS.read_text(encoding="utf-8").replace("\r\n", "\n"),
                      re.MULTILINE | re.DOTALL)
    assert found, "xlp_TambahBaris(control As IRibbonControl) not in xlp_Ribbon.bas"
    return found.group(1)


def test_tambah_baris_button_runs_a_callback_that_exists():
    from xlplugin.template.macros.ribbon import on_actions

    assert "xlp_TambahBaris" in on_actions(RIBBON_XML.read_bytes())
    assert _tambah_baris_sub()


def test_tambah_baris_callback_asks_a_number_after_the_python_check_then_runs_rows():
    import re

    from xlplugin.excel import rows

    body = _tambah_baris_sub()
    assert body.index("PythonSiap()") < body.index("Application.InputBox(")
    assert "Type:=1" in body and "VarType(jumlah) = vbBoolean Then Exit Sub" in body
    assert f"jumlah > {rows.MAX_TAMBAH}" in body  # the same bound on both sides
    command = re.search(r'Jalankan "import xlplugin\.excel\.rows as r; r\.(\w+)\(" & '
                        r'CStr\(CLng\(jumlah\)\) & "\)"', body)
    assert command and callable(getattr(rows, command.group(1)))


def test_tambah_baris_on_a_sheet_without_table_names_the_table_sheets(book):
    from xlplugin.excel import rows

    book.sheets = types.SimpleNamespace(active=types.SimpleNamespace(name="Rekap"))
    rows.tambah_baris(5)
    mode, text = book.alerts[0]
    assert mode == "critical"
    assert text.startswith("Tambah baris gagal: sheet 'Rekap' tidak berisi tabel isian.")
    assert "RAB" in text and "Peserta" in text


@pytest.mark.parametrize("jumlah", [0, 5001, 2.5, True])
def test_tambah_baris_refuses_a_count_outside_one_to_the_bound(book, jumlah):
    from xlplugin.excel import rows

    book.sheets = types.SimpleNamespace(active=types.SimpleNamespace(name="RAB"))
    rows.tambah_baris(jumlah)
    assert book.alerts == [("critical", ("Tambah baris gagal: jumlah baris harus bilangan "
                                         f"bulat 1 sampai 5.000, bukan {jumlah!r}."))]


def test_ekspor_laporan_of_an_older_template_still_writes_the_report(calls, book, tmp_path,
                                                                      monkeypatch):
    """Its Lampiran sheets have an older frame: they are left alone, the report files are
    written all the same and the message says why the sheets were not filled."""
    from xlplugin.ooxml.errors import WorkbookReadError

    def old_frame(adapter, jenis):
        raise WorkbookReadError("Sheet 'Lampiran 2' tidak lagi berbentuk bingkai lampiran "
                                "templat; lampiran tidak diisi. Gunakan templat terbaru.")

    monkeypatch.setattr(sys.modules["xlplugin.reports.fill"], "fill_lampiran", old_frame)
    ribbon.ekspor_laporan("akhir")
    mode, text = book.alerts[0]
    assert mode == "info"
    assert text.startswith("Sheet Lampiran buku kerja ini tidak diisi: Sheet 'Lampiran 2'")
    assert text.endswith(str(tmp_path / "Laporan_akhir.docx"))


class _Sheets(list):
    """xlwings' Sheets: iterable, and indexed by name."""

    def __getitem__(self, key):
        return next(s for s in self if s.name == key) if isinstance(key, str) else \
            super().__getitem__(key)


class _SavedBook(Book):
    """A caller with COM's Workbook.Saved and a Dokumentasi sheet holding pictures."""

    def __init__(self, fullname: str, saved: bool, pictures: int = 1):
        super().__init__(fullname)
        self.api = types.SimpleNamespace(Saved=saved)
        dok = types.SimpleNamespace(name="Dokumentasi", pictures=[object()] * pictures)
        self.sheets = _Sheets([dok])


def _caller(monkeypatch, caller):
    monkeypatch.setattr(ribbon.xw.Book, "caller", staticmethod(lambda: caller))
    return caller


def test_ekspor_laporan_of_a_saved_book_reads_its_file_for_the_pasted_pictures(
        calls, monkeypatch, tmp_path):
    path = tmp_path / "RAB_KAK.xlsm"
    path.write_bytes(b"saved")
    exported = []
    monkeypatch.setattr(sys.modules["xlplugin.reports.export"], "export_report",
                        lambda source, jenis, out: exported.append(source) or out / "L.docx")
    book = _caller(monkeypatch, _SavedBook(str(path), saved=True))
    ribbon.ekspor_laporan("akhir")
    assert exported == [path]
    assert "tidak ikut" not in book.alerts[0][1]


def test_ekspor_laporan_with_unsaved_changes_reads_the_live_book_and_says_to_save(
        calls, monkeypatch, tmp_path):
    path = tmp_path / "RAB_KAK.xlsm"
    path.write_bytes(b"saved")
    book = _caller(monkeypatch, _SavedBook(str(path), saved=False))
    ribbon.ekspor_laporan("akhir")
    assert calls[-1] == ("report", "akhir", tmp_path)  # the live adapter's export
    assert "Gambar yang ditempel pada sheet Dokumentasi tidak ikut" in book.alerts[0][1]


def test_ekspor_laporan_of_an_unsaved_book_without_pictures_says_nothing_of_them(
        calls, monkeypatch, tmp_path):
    book = _caller(monkeypatch, _SavedBook(str(tmp_path / "Baru.xlsm"), saved=False,
                                           pictures=0))
    ribbon.ekspor_laporan("akhir")
    assert "Gambar" not in book.alerts[0][1]
