"""Which program makes the PDFs of an export, and what the user is told.

On a dinas PC (Windows with Office, here `FakeCom`, tests/fakes/office_fake.py) Excel
makes the Lampiran PDF and Word the report PDF, each in its own hidden instance that is
always quit; without Office LibreOffice makes them; with neither the Word and Excel
files are still written and the message, in Indonesian, names each PDF not made and
how to make it by hand.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import clean_dokumen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fakes"))

from office_fake import DialogWouldBlock, FakeCom, com_error, minimal_pdf

from xlplugin.reports.export import ExportResult, export_report
from xlplugin.reports.pdf import (
    LibreOfficeRenderer,
    available_renderers,
    detected_renderers,
    make_pdfs,
    soffice,
)
from xlplugin.reports.pdf_office import ExcelRenderer, WordRenderer, detect_com

LAMPIRAN = "Lampiran_Semester1_2023_Kabupaten_Contoh"
LAPORAN = "Laporan_Semester1_2023_Kabupaten_Contoh"
# Words that would show an English or Python message got through to the user.
NOT_INDONESIAN = re.compile(r"Traceback|Error\b|not found|failed to|\bNone\b")


def export(tmp_path, com, soffice_exe=None) -> ExportResult:
    return export_report(clean_dokumen(), "semester1", tmp_path,
                         renderers=available_renderers(com, soffice_exe))


def calls(com: FakeCom, member: str) -> list[dict]:
    return [args for name, args in com.calls if name == member]


def is_pdf(path: Path) -> bool:
    return path.read_bytes().startswith(b"%PDF-") and path.read_bytes().rstrip().endswith(
        b"%%EOF")


# ---------------------------------------------------------------- Windows with Office

def test_with_office_excel_makes_the_lampiran_pdf_and_word_the_report_pdf(tmp_path):
    com = FakeCom()
    result = export(tmp_path, com)
    assert [f.name for f in result] == [f"{LAMPIRAN}.xlsx", f"{LAPORAN}.docx",
                                        f"{LAMPIRAN}.pdf", f"{LAPORAN}.pdf"]
    assert all(f.is_file() for f in result) and all(is_pdf(f) for f in result[2:])
    assert result.pdf.makers == ("Microsoft Excel", "Microsoft Word")
    assert result.pdf_missing == []
    assert str(result).endswith("\nPDF dibuat dengan Microsoft Excel dan Microsoft Word.")
    assert [type(app).__name__ for app in com.instances] == ["FakeExcel", "FakeWord"]


def test_excel_is_called_with_the_documented_arguments(tmp_path):
    com = FakeCom()
    export(tmp_path, com)
    assert calls(com, "Excel.Visible=") == [{"value": False}]
    assert calls(com, "Excel.DisplayAlerts=") == [{"value": False}]
    (opened,) = calls(com, "Workbooks.Open")
    assert Path(opened.pop("Filename")).name == f"{LAMPIRAN}.xlsx"
    assert opened == {"UpdateLinks": 0, "ReadOnly": True, "AddToMru": False}
    (exported,) = calls(com, "Workbook.ExportAsFixedFormat")
    target = Path(exported.pop("Filename"))
    assert target.is_absolute() and target.name == f"{LAMPIRAN}.pdf"
    assert exported == {"Type": 0, "Quality": 0, "IncludeDocProperties": True,
                        "IgnorePrintAreas": False, "OpenAfterPublish": False}
    assert calls(com, "Workbook.Close") == [{"SaveChanges": False}]
    assert calls(com, "Excel.Quit") == [{}]


def test_word_is_called_with_the_documented_arguments(tmp_path):
    com = FakeCom()
    export(tmp_path, com)
    assert calls(com, "Word.DisplayAlerts=") == [{"value": 0}]  # wdAlertsNone
    (opened,) = calls(com, "Documents.Open")
    assert Path(opened.pop("FileName")).name == f"{LAPORAN}.docx"
    assert opened == {"ConfirmConversions": False, "ReadOnly": True, "AddToRecentFiles": False}
    (exported,) = calls(com, "Document.ExportAsFixedFormat")
    assert Path(exported.pop("OutputFileName")).name == f"{LAPORAN}.pdf"
    assert exported == {"ExportFormat": 17, "OpenAfterExport": False, "OptimizeFor": 0,
                        "IncludeDocProps": True, "CreateBookmarks": 1}
    assert calls(com, "Document.Close") == [{"SaveChanges": 0}]  # wdDoNotSaveChanges
    assert calls(com, "Word.Quit") == [{"SaveChanges": 0}]


def test_the_user_sees_nothing_of_it(tmp_path):
    """No instance left running, no PDF opened on screen, no entry in recent files."""
    com = FakeCom()
    export(tmp_path, com)
    assert com.running() == []
    assert com.viewer_opened == [] and com.recent_files == []
    assert calls(com, "Word.Visible=") == calls(com, "Excel.Visible=") == [{"value": False}]


@pytest.mark.parametrize("progid,pdf", [("Excel.Application", LAMPIRAN),
                                        ("Word.Application", LAPORAN)])
def test_instances_are_quit_even_when_the_export_fails(tmp_path, progid, pdf):
    com = FakeCom()
    com.break_export(progid, "No printers are installed.")
    result = export(tmp_path, com)
    assert com.running() == []
    assert result.pdf_missing == [f"{pdf}.{'xlsx' if progid.startswith('Excel') else 'docx'}"]
    assert not (tmp_path / f"{pdf}.pdf").exists()
    assert (tmp_path / f"{LAMPIRAN}.xlsx").is_file() and (tmp_path / f"{LAPORAN}.docx").is_file()


def test_a_com_failure_becomes_an_indonesian_message_not_a_traceback(tmp_path):
    com = FakeCom(pdf_addin=False)
    note = export(tmp_path, com).pdf_note
    assert note.splitlines() == [
        (f"PDF untuk {LAMPIRAN}.xlsx tidak dibuat: Microsoft Excel gagal membuat PDF (pesan "
        "Office: The PDF export add-in is not installed; kode 0x800A03EC). Untuk membuatnya, "
        "buka berkas itu di Microsoft Excel, pilih File > Save As (Simpan Sebagai), pilih "
        "jenis PDF, klik Options (Opsi) > Entire workbook (Seluruh buku kerja), lalu Save "
        "(Simpan)."),
        (f"PDF untuk {LAPORAN}.docx tidak dibuat: Microsoft Word gagal membuat PDF (pesan "
        "Office: The PDF export add-in is not installed; kode 0x800A1066). Untuk membuatnya, "
        "buka berkas itu di Microsoft Word, pilih File > Save As (Simpan Sebagai), pilih "
        "jenis PDF, lalu Save (Simpan).")]
    assert com.running() == []


def test_a_program_that_will_not_start_is_named(tmp_path):
    com = FakeCom(cannot_start={"Word.Application"})
    result = export(tmp_path, com)
    assert result.pdf.makers == ("Microsoft Excel",)
    assert (f"PDF untuk {LAPORAN}.docx tidak dibuat: Microsoft Word tidak dapat dijalankan "
            "untuk membuat PDF (pesan Office: Server execution failed; kode 0x80080005)."
            ) in result.pdf_note
    assert not NOT_INDONESIAN.search(result.pdf_note)


def test_a_pdf_held_open_elsewhere_is_reported_and_excel_still_quits(tmp_path):
    com = FakeCom(installed=("Excel.Application",))
    out = tmp_path / "pdf"
    out.mkdir()
    com.lock(out / f"{LAMPIRAN}.pdf")
    xlsx = export_report(clean_dokumen(), "semester1", tmp_path / "laporan", pdf=False)[0]
    report = make_pdfs([xlsx], out, available_renderers(com, None))
    assert report.pdfs == ()
    assert "Document not saved" in report.message() and "kode 0x800A03EC" in report.message()
    assert com.running() == []


def test_the_renderer_creates_the_folder_office_would_not(tmp_path):
    com = FakeCom()
    xlsx, docx = export_report(clean_dokumen(), "semester1", tmp_path, pdf=False)
    out = tmp_path / "belum" / "ada"
    assert ExcelRenderer(com).render([xlsx], out) == [out / f"{LAMPIRAN}.pdf"]
    assert WordRenderer(com).render([docx], out) == [out / f"{LAPORAN}.pdf"]
    assert com.running() == []


def test_office_pdfs_are_not_passed_through_libreoffices_stamp_fixing(tmp_path):
    """stable_pdf is LibreOffice's; an Office PDF is published as Office wrote it."""
    com = FakeCom()
    result = export(tmp_path, com)
    assert result[2].read_bytes() == minimal_pdf([f"{LAMPIRAN}.xlsx", "Lampiran 1",
                                                  "Lampiran 2", "Lampiran 3", "Lampiran 4",
                                                  "Lampiran 5", "Grafik III.b"])


# ---------------------------------------------------------------- choosing

def test_without_office_libreoffice_is_chosen():
    assert [r.name for r in available_renderers(None, "/usr/bin/soffice")] == ["LibreOffice"]
    no_office = FakeCom(installed=())
    assert [r.name for r in available_renderers(no_office, "soffice")] == ["LibreOffice"]
    assert no_office.instances == []  # looked up in the registry, nothing started


def test_office_is_preferred_and_libreoffice_kept_as_fallback():
    names = [r.name for r in available_renderers(FakeCom(), "soffice")]
    assert names == ["Microsoft Excel", "Microsoft Word", "LibreOffice"]
    assert [r.name for r in available_renderers(FakeCom(installed=("Excel.Application",)),
                                                None)] == ["Microsoft Excel"]


def test_this_linux_machine_detects_no_office():
    assert detect_com() is None
    assert [r.name for r in detected_renderers()] == (["LibreOffice"] if soffice() else [])


def test_a_failing_renderer_hands_its_files_to_the_next(tmp_path):
    class Recorder:
        name = "Perekam"

        def __init__(self):
            self.got = []

        def handles(self, path):
            return True

        def render(self, files, out_dir):
            self.got += files
            return [out_dir / f"{f.stem}.pdf" for f in files]

    com = FakeCom(pdf_addin=False)
    xlsx, docx = export_report(clean_dokumen(), "semester1", tmp_path, pdf=False)
    fallback = Recorder()
    report = make_pdfs([xlsx, docx], tmp_path, [*available_renderers(com, None), fallback])
    assert fallback.got == [xlsx, docx]
    assert report.makers == ("Perekam",) and report.not_made == ()


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None, reason="LibreOffice tidak terpasang")
def test_libreoffice_makes_the_pdf_word_cannot(tmp_path):
    com = FakeCom(installed=("Excel.Application",))
    result = export(tmp_path, com, soffice())
    assert result.pdf.makers == ("Microsoft Excel", "LibreOffice")
    assert str(result).endswith("PDF dibuat dengan Microsoft Excel dan LibreOffice.")
    laporan = tmp_path / f"{LAPORAN}.pdf"
    assert is_pdf(laporan)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(laporan), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Halaman 1 dari" in text  # the NUMPAGES field, computed by LibreOffice


# ---------------------------------------------------------------- neither

def test_with_neither_the_office_files_are_kept_and_the_message_says_how(tmp_path):
    result = export(tmp_path, None, None)
    assert [f.name for f in result] == [f"{LAMPIRAN}.xlsx", f"{LAPORAN}.docx"]
    assert all(f.is_file() for f in result)
    assert result.pdf_missing == [f"{LAMPIRAN}.xlsx", f"{LAPORAN}.docx"]
    assert result.pdf_note.splitlines() == [
        (f"PDF untuk {LAMPIRAN}.xlsx tidak dibuat: Microsoft Excel maupun LibreOffice tidak "
        "ditemukan di komputer ini. Untuk membuatnya, buka berkas itu di Microsoft Excel, "
        "pilih File > Save As (Simpan Sebagai), pilih jenis PDF, klik Options (Opsi) > "
        "Entire workbook (Seluruh buku kerja), lalu Save (Simpan)."),
        (f"PDF untuk {LAPORAN}.docx tidak dibuat: Microsoft Word maupun LibreOffice tidak "
        "ditemukan di komputer ini. Untuk membuatnya, buka berkas itu di Microsoft Word, "
        "pilih File > Save As (Simpan Sebagai), pilih jenis PDF, lalu Save (Simpan).")]
    assert not NOT_INDONESIAN.search(result.pdf_note)


def test_the_result_is_still_the_list_of_files_and_prints_for_the_ribbon(tmp_path):
    result = export(tmp_path, FakeCom())
    assert isinstance(result, list) and result == list(result)
    assert str(result).splitlines()[:4] == [str(f) for f in result]
    assert f"{result}" == str(result)  # the ribbon formats it into its message
    assert str(export_report(clean_dokumen(), "semester1", tmp_path / "b", pdf=False)) \
        == "\n".join(str(f) for f in [tmp_path / "b" / f"{LAMPIRAN}.xlsx",
                                      tmp_path / "b" / f"{LAPORAN}.docx"])


# ---------------------------------------------------------------- the fake itself

def test_fake_refuses_what_office_refuses(tmp_path):
    com = FakeCom()
    xlsx, _docx = export_report(clean_dokumen(), "semester1", tmp_path, pdf=False)
    excel = com.DispatchEx("Excel.Application")
    with pytest.raises(TypeError):  # Word's spelling: Excel's type library says Filename
        excel.Workbooks.Open(FileName=str(xlsx))
    book = excel.Workbooks.Open(str(xlsx), 0, True)  # positional binds like keywords
    assert calls(com, "Workbooks.Open")[-1]["ReadOnly"] is True
    with pytest.raises(com_error) as err:  # Office does not create folders
        book.ExportAsFixedFormat(0, str(tmp_path / "tidak-ada" / "x.pdf"))
    assert err.value.args[2][5] == -2146827284
    with pytest.raises(com_error):  # 17 is Word's PDF constant, not Excel's
        book.ExportAsFixedFormat(17, str(tmp_path / "x.pdf"))
    with pytest.raises(DialogWouldBlock):  # recalculated on open, alerts on: a prompt
        book.Close()
    excel.DisplayAlerts = False
    book.Close()
    excel.Quit()
    with pytest.raises(com_error):
        excel.Workbooks  # noqa: B018 - any use after Quit fails
    with pytest.raises(com_error):
        com.DispatchEx("PowerPoint.Application")


def test_fake_pdf_is_a_valid_pdf(tmp_path):
    path = tmp_path / "contoh.pdf"
    path.write_bytes(minimal_pdf(["Lampiran (1)", "Halaman"]))
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler tidak terpasang")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Lampiran (1)" in text


def test_each_renderer_takes_its_own_files():
    assert LibreOfficeRenderer().handles(Path("x.docx"))
    assert LibreOfficeRenderer().handles(Path("x.xlsx"))
    excel, word = ExcelRenderer(FakeCom()), WordRenderer(FakeCom())
    assert excel.handles(Path("Lampiran.XLSX")) and not excel.handles(Path("x.docx"))
    assert not excel.handles(Path("templat.xlsm"))  # Office runs macros of what it opens
    assert word.handles(Path("Laporan.docx")) and not word.handles(Path("x.xlsx"))
