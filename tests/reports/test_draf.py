"""A report that is not final says so on every page and says why: on its cover, on the
command line and in the ribbon's message; a final one carries no DRAF and no field to
fill."""

from __future__ import annotations

import sys
import types

import pytest
from dinas import all_text, blocks, lengkap, narasi_rows
from docx import Document
from docx.enum.section import WD_SECTION
from factories import clean_dokumen
from openpyxl import load_workbook

from xlplugin.domain.finding import Finding, Severity
from xlplugin.excel import ribbon
from xlplugin.reports.docx import write_report_docx
from xlplugin.reports.docx_util import DRAF, PLACEHOLDER_PREFIX, draf_header, new_document
from xlplugin.reports.export import DRAF_INTRO, ExportResult, export_report
from xlplugin.reports.model import build_report
from xlplugin.rulepack import load_pack
from xlplugin.sample import sample_dokumen

PACK = load_pack()
JENIS = ("semester1", "semester2", "akhir")


def _docx(files):
    return next(f for f in files if f.suffix == ".docx")


def _headers(path) -> list[str]:
    return [" ".join(p.text for p in s.header.paragraphs).strip()
            for s in Document(str(path)).sections]


@pytest.mark.parametrize("jenis", JENIS)
def test_a_complete_report_without_pelanggaran_is_final_with_no_field_to_fill(tmp_path, jenis):
    files = export_report(lengkap(clean_dokumen()), jenis, tmp_path, pdf=False)
    assert files.draf == () and files.draf_note == ""
    text = all_text(_docx(files))
    assert PLACEHOLDER_PREFIX.strip() not in text and "[Diisi oleh dinas" not in text
    assert DRAF not in text.split()  # neither the header nor the cover
    assert set(_headers(_docx(files))) == {""}
    annex = load_workbook(next(f for f in files if f.suffix == ".xlsx"))
    cells = [c.value for ws in annex for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert not [c for c in cells if "[Diisi oleh dinas" in c or DRAF in c.split()]


def test_each_empty_required_part_is_a_reason_naming_the_sheet():
    doc = lengkap(clean_dokumen())
    doc.narasi = narasi_rows(**{"Latar belakang": "", "Kesimpulan": ""})
    report = build_report(doc, "akhir", PACK)
    assert report.draf == ("Narasi: Latar belakang belum diisi (sheet Narasi)",
                           "Narasi: Kesimpulan belum diisi (sheet Narasi)")


def test_open_pelanggaran_are_counted_and_lesser_findings_are_not():
    doc = lengkap(clean_dokumen())
    open_ = [Finding("RAB-HITUNG", Severity.PELANGGARAN, "RAB", 6 + i, f"I{6 + i}", "x", "-")
             for i in range(3)]
    asks = Finding("JPL-A1", Severity.PERLU_PERSETUJUAN, "KAK", 6, "N6", "x", "-")
    warning = Finding("SSH-TANPA-ACUAN", Severity.PERINGATAN, "RAB", 9, "E9", "x", "-")
    report = build_report(doc, "semester1", PACK, findings=[*open_, asks, warning])
    assert report.draf == ("Masih ada 3 PELANGGARAN yang belum diperbaiki (lihat sheet Temuan)",)


def test_a_draf_report_has_draf_in_every_header_and_its_reasons_on_the_cover(tmp_path):
    report = build_report(sample_dokumen(), "akhir", PACK)
    assert report.draf and any("PELANGGARAN" in r for r in report.draf)
    path = write_report_docx(report, PACK, tmp_path / "akhir.docx")
    assert _headers(path) and set(_headers(path)) == {DRAF}
    cover = blocks(path)
    cover = cover[:cover.index("Kepada Yth.:")]
    assert "Laporan ini masih DRAF karena:" in cover
    assert all(f"- {reason}" in cover for reason in report.draf)


def test_the_draf_header_is_written_in_every_section_of_a_document():
    doc = new_document("x")
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.sections[1].different_first_page_header_footer = True
    draf_header(doc)
    assert [s.header.paragraphs[0].text for s in doc.sections] == [DRAF, DRAF]
    assert doc.sections[1].first_page_header.paragraphs[0].text == DRAF
    assert all(not s.header.is_linked_to_previous for s in doc.sections)
    run = doc.sections[0].header.paragraphs[0].runs[0]
    assert run.bold and str(run.font.color.rgb) == "C00000"


def test_the_command_line_lists_the_reasons_and_still_succeeds(tmp_path, capsys):
    from xlplugin.cli.main import main
    from xlplugin.template.build import build_template

    book = build_template(clean_dokumen(), tmp_path / "rab.xlsm")
    code = main(["report", str(book), "--jenis", "semester1", "--tanpa-pdf",
                 "-o", str(tmp_path / "laporan")])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    start = lines.index(DRAF_INTRO)
    assert "- Narasi: Latar belakang belum diisi (sheet Narasi)" in lines[start + 1:]
    assert lines.index(DRAF_INTRO) > max(i for i, t in enumerate(lines)
                                         if t.startswith("Ditulis: "))


class _Book:
    """The calling workbook as the ribbon sees it: a name and a message box."""

    def __init__(self, fullname: str):
        self.fullname, self.name = fullname, fullname.rsplit("/", 1)[-1]
        self.alerts: list[tuple[str, str]] = []
        self.app = types.SimpleNamespace(alert=self._alert, interactive=True)

    def _alert(self, prompt, title=None, mode=None, **_):
        self.alerts.append((mode, prompt))


def _ekspor(monkeypatch, tmp_path, reasons: tuple[str, ...]) -> str:
    """The ribbon's Ekspor Laporan message for an export with these DRAF reasons."""
    fakes = {
        "xlplugin.adapters.live": {"LiveAdapter": lambda book: "adapter"},
        "xlplugin.reports.fill": {"fill_lampiran": lambda adapter, jenis: None},
        "xlplugin.reports.export": {"export_report": lambda adapter, jenis, out: ExportResult(
            [out / "Laporan.docx"], draf=reasons)},
    }
    for name, attrs in fakes.items():
        monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(**attrs))
    book = _Book(f"{tmp_path}/RAB_KAK.xlsm")
    monkeypatch.setattr(ribbon.xw.Book, "caller", staticmethod(lambda: book))
    ribbon.ekspor_laporan("akhir")
    ((mode, pesan),) = book.alerts
    assert mode == "info" and str(tmp_path / "Laporan.docx") in pesan
    return pesan


def test_the_ribbon_message_says_why_the_report_is_draf(monkeypatch, tmp_path):
    reasons = ("Narasi: Saran belum diisi (sheet Narasi)",)
    pesan = _ekspor(monkeypatch, tmp_path, reasons)
    assert pesan.endswith(f"{DRAF_INTRO}\n- {reasons[0]}")


def test_the_ribbon_message_of_a_final_report_has_no_draf(monkeypatch, tmp_path):
    assert DRAF not in _ekspor(monkeypatch, tmp_path, ())


def test_the_ribbon_message_shows_five_reasons_and_counts_the_rest(monkeypatch, tmp_path):
    reasons = tuple(f"Foto tidak dapat dimuat: Dokumentasi B{r}: berkas x{r}.jpg tidak ditemukan"
                    for r in range(6, 14))
    pesan = _ekspor(monkeypatch, tmp_path, reasons)
    assert [r for r in reasons if r in pesan] == list(reasons[:5])
    assert pesan.endswith("- dan 3 alasan lain (daftar lengkap di halaman sampul laporan)")
