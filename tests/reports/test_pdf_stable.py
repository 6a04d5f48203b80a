"""Running an export twice gives the same PDF bytes (LibreOffice's time and ID fixed)."""

from xlplugin.reports.pdf import stable_pdf


def _pdf(date: bytes, ident: bytes, checksum: bytes) -> bytes:
    return (b"%PDF-1.4\n1 0 obj\n<</Title(Laporan)/CreationDate(D:" + date + b"Z')>>\nendobj\n"
            b"trailer\n<</Size 2/Root 1 0 R\n/ID [ <" + ident + b">\n<" + ident + b"> ]\n"
            b"/DocChecksum /" + checksum + b"\n>>\nstartxref\n9\n%%EOF\n")


def test_two_conversions_of_the_same_document_give_identical_pdf_bytes():
    first = _pdf(b"20261127192935", b"0F2C002EEA2EC3E35DEBA6B1715888D1", b"41A13690F2A8DE2C")
    second = _pdf(b"20261128080102", b"90C34B75C8DF57ECBA3DCB9B304711E0", b"77B9A1C2D3E4F506")
    assert stable_pdf(first) == stable_pdf(second)
    assert len(stable_pdf(first)) == len(first)  # offsets of the xref table stay valid


def test_different_documents_keep_different_ids():
    one = _pdf(b"20261127192935", b"0F2C002EEA2EC3E35DEBA6B1715888D1", b"41A13690F2A8DE2C")
    other = one.replace(b"Laporan", b"Lampira")
    assert stable_pdf(one) != stable_pdf(other)


def test_exporting_twice_gives_identical_files_and_the_same_pdf_pages(tmp_path):
    """xlsx and docx are byte-identical; the PDFs have the same pages and text (their
    dates and IDs are fixed by stable_pdf, but LibreOffice's layout bytes are not
    promised identical on every machine)."""
    import shutil
    import subprocess

    import pytest
    from factories import clean_dokumen

    from xlplugin.reports.export import export_report
    from xlplugin.reports.pdf import soffice

    if soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice/poppler tidak terpasang")
    first = {f.name: f.read_bytes() for f in export_report(clean_dokumen(), "semester1", tmp_path)}
    texts = {n: _pdf_text(tmp_path / n, subprocess) for n in first if n.endswith(".pdf")}
    second = {f.name: f.read_bytes() for f in export_report(clean_dokumen(), "semester1", tmp_path)}
    assert {n: b for n, b in first.items() if not n.endswith(".pdf")} == \
        {n: b for n, b in second.items() if not n.endswith(".pdf")}
    assert len(texts) == 2
    assert texts == {n: _pdf_text(tmp_path / n, subprocess) for n in texts}


def _pdf_text(path, subprocess) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
